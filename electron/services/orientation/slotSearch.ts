import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { ParsedRequestOf } from '../../../shared/api/contract';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { searchSlotsResponse, slotsFoundEvent } from '../../../shared/api/orientationSchemas';
import { rankSlots, SLOT_WINDOW_MS, slotSearchUrl, withinWindow } from '../../../shared/domain/agendaSlots';
import { isUnverifiedLocation } from '../../../shared/domain/dossier';
import { searchPosition } from '../../../shared/domain/manualLocation';
import type { EventBus } from '../eventBus';
import type { Journal } from '../journal/journal';
import type { AgendasConfig } from './agendaConfig';
import { readSlotBundle } from './fhirSlotBundle';

type SlotsFound = z.output<typeof slotsFoundEvent>;
type Problem = NonNullable<SlotsFound['problem']>;

export interface SlotSearchDeps {
  journal: Journal;
  events: EventBus;
  config: AgendasConfig | null;
  /** The centre of a commune of the official list: where an unverified location without coordinates is searched from. */
  communeCentre?: (inseeCode: string) => { lat: number; lon: number } | null;
  now?: () => number;
}

class AnswerProblem extends Error {
  constructor(
    readonly problem: Problem,
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * Free GP slots within 48 h for a dossier, asked of every configured agenda at once: the call
 * answers at once with the endpoints asked, then each endpoint's slots (or its problem: too slow,
 * unreachable, not FHIR…) are pushed on `slots:found` as they come, so one slow agenda delays
 * nobody. Nothing is written: the OSNP records the appointment once booked.
 */
export class SlotSearch {
  private readonly now: () => number;
  /** Searches still running, for the tests and the bench (and a clean stop). */
  private readonly running = new Map<string, Promise<void>>();
  /** Booking pages of the slots offered lately: the only agenda pages the window may open outside. */
  private readonly offered = new Set<string>();

  constructor(private readonly deps: SlotSearchDeps) {
    this.now = deps.now ?? Date.now;
  }

  search(request: ParsedRequestOf<'slots:search'>): Envelope<z.output<typeof searchSlotsResponse>> {
    const dossier = this.deps.journal.dossiers.get(request.dossierId);
    if (!dossier) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
    const fromMs = this.now();
    const toMs = fromMs + SLOT_WINDOW_MS;
    const searchId = uuidv7();
    const endpoints = this.deps.config?.endpoints ?? [];
    const position = searchPosition(dossier.location, this.deps.communeCentre ?? (() => null));
    const from = position ? { lat: position.lat, lon: position.lon } : null;
    const all = Promise.all(endpoints.map((endpoint) => this.ask(searchId, endpoint, fromMs, toMs, from))).then(() => undefined);
    this.running.set(searchId, all);
    void all.finally(() => this.running.delete(searchId));
    return ok({ searchId, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), endpoints: endpoints.map((e) => e.name), located: from !== null, basis: position?.basis ?? null, unverified: isUnverifiedLocation(dossier.location) });
  }

  /** Whether this is, exactly, the booking page of a slot offered lately (Electron's window-open rule). */
  isOfferedBookingUrl(url: string): boolean {
    return this.offered.has(url);
  }

  private remember(url: string): void {
    this.offered.delete(url);
    this.offered.add(url);
    // Oldest first out: a day of searches, not a memory leak.
    if (this.offered.size > 5000) this.offered.delete(this.offered.values().next().value!);
  }

  /** Resolves when every endpoint of that search has answered or been given up. */
  settled(searchId: string): Promise<void> {
    return this.running.get(searchId) ?? Promise.resolve();
  }

  private async ask(searchId: string, endpoint: { name: string; baseUrl: string }, fromMs: number, toMs: number, from: { lat: number; lon: number } | null): Promise<void> {
    const config = this.deps.config!;
    const started = performance.now();
    const emit = (rest: Omit<SlotsFound, 'searchId' | 'endpoint' | 'elapsedMs'>) =>
      this.deps.events.emit('slots:found', { searchId, endpoint: endpoint.name, elapsedMs: Math.round(performance.now() - started), ...rest });
    try {
      const body = await fetchBounded(slotSearchUrl(endpoint.baseUrl, fromMs, toMs, config.practitioners), config.timeoutMs, config.maxAnswerBytes);
      const reading = readSlotBundle(body, endpoint.name);
      if (!reading.ok) return emit({ ok: false, problem: reading.problem, detail: reading.detail, slots: [], ignored: 0, incomplete: 0 });
      const slots = rankSlots(reading.slots.filter((s) => withinWindow(s, fromMs, toMs)), from);
      for (const slot of slots) if (slot.bookingUrl) this.remember(slot.bookingUrl);
      emit({ ok: true, problem: null, detail: '', slots, ignored: reading.ignored, incomplete: reading.incomplete });
    } catch (error) {
      const problem = error instanceof AnswerProblem ? error.problem : 'unreachable';
      emit({ ok: false, problem, detail: (error as Error).message.slice(0, 300), slots: [], ignored: 0, incomplete: 0 });
    }
  }
}

/**
 * GET with the SAS contract's headers, given up after `timeoutMs` (the whole answer, not only its
 * first byte), its body read up to `maxBytes` and refused beyond.
 */
async function fetchBounded(url: string, timeoutMs: number, maxBytes: number): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/fhir+json' }, signal: controller.signal, redirect: 'error' });
    } catch (error) {
      if (controller.signal.aborted) throw new AnswerProblem('timeout', `no answer within ${timeoutMs} ms`);
      throw new AnswerProblem('unreachable', (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message);
    }
    const body = await readCapped(response, maxBytes, controller, timeoutMs);
    if (!response.ok) {
      // An OperationOutcome explains itself; an HTML error page is named by its status.
      const outcome = readSlotBundle(body, '');
      if (!outcome.ok && outcome.problem === 'operationOutcome') throw new AnswerProblem('operationOutcome', `HTTP ${response.status}: ${outcome.detail}`);
      throw new AnswerProblem('http', `HTTP ${response.status} ${(response.headers.get('content-type') ?? '').split(';')[0]}`.trim());
    }
    return body;
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number, controller: AbortController, timeoutMs: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    controller.abort();
    throw new AnswerProblem('tooLarge', `answer of ${declared} bytes, more than ${maxBytes}`);
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        controller.abort();
        throw new AnswerProblem('tooLarge', `answer larger than ${maxBytes} bytes (read stopped)`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof AnswerProblem) throw error;
    if (controller.signal.aborted) throw new AnswerProblem('timeout', `answer not complete within ${timeoutMs} ms`);
    throw new AnswerProblem('unreachable', (error as Error).message);
  }
  return Buffer.concat(chunks).toString('utf8');
}
