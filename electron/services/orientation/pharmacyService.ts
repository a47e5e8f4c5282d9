import { v7 as uuidv7 } from 'uuid';
import type { ParsedRequestOf } from '../../../shared/api/contract';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { z } from 'zod';
import type { pharmaciesOnDutyResponse } from '../../../shared/api/orientationSchemas';
import { checkDecision } from '../../../shared/domain/decision';
import { isUnverifiedLocation, type Dossier } from '../../../shared/domain/dossier';
import { searchPosition } from '../../../shared/domain/manualLocation';
import { coverage, pharmaciesOnDuty, pharmacyAdvice, type PharmacyOnDuty } from '../../../shared/domain/pharmacyOnDuty';
import { packAge, type PackAge, type PackKind, type PackMeta } from '../../../shared/domain/referencePack';
import type { DossierService } from '../dossiers/dossierService';
import type { Journal } from '../journal/journal';
import { PharmacyIndex } from '../reference/pharmacyIndex';
import type { ReferencePacks } from '../reference/referencePacks';

type OnDutyAnswer = z.output<typeof pharmaciesOnDutyResponse>;

export interface PharmacyServiceDeps {
  journal: Journal;
  dossiers: DossierService;
  packs: ReferencePacks;
  timeZone: string;
  /** The centre of a commune of the official list: where an unverified location without coordinates is searched from. */
  communeCentre?: (inseeCode: string) => { lat: number; lon: number } | null;
  now?: () => number;
}

/**
 * The pharmacy on duty for a dossier, from the offline packs only (it must answer with the network
 * down), with the packs' ages in every answer; choosing one records the regulator's decision.
 */
export class PharmacyService {
  private index: PharmacyIndex | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: PharmacyServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  onDuty(request: ParsedRequestOf<'pharmacy:onDuty'>): Envelope<OnDutyAnswer> {
    const dossier = this.deps.journal.dossiers.get(request.dossierId);
    if (!dossier) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
    const atMs = request.at ? Date.parse(request.at) : this.now();
    const { listed, answer } = this.lookup(dossier, atMs);
    return ok({ ...answer, pharmacies: listed.map((p) => ({ finess: p.finess, name: p.name, address: p.address, postcode: p.postcode, city: p.city, phone: p.phone, lat: p.lat, lon: p.lon, distanceMetres: p.distanceMetres === null ? null : Math.round(p.distanceMetres), until: new Date(p.untilMs).toISOString() })) });
  }

  /**
   * Records the orientation to a pharmacy on duty: a CONSEIL decision (care level R4) whose advice
   * is the text read to the caller, and the dossier's attribution DR.DREG.DRPHARMA, in one transaction.
   */
  choose(request: ParsedRequestOf<'pharmacy:choose'>): Envelope<Dossier> {
    const dossier = this.deps.journal.dossiers.get(request.dossierId);
    if (!dossier) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
    const atMs = request.at ? Date.parse(request.at) : this.now();
    const chosen = this.lookup(dossier, atMs).listed.find((p) => p.finess === request.finess);
    if (!chosen) return fail('E_BAD_REQUEST', `finess: pharmacy ${request.finess} is not on duty at ${new Date(atMs).toISOString()}`, 'finess');
    const check = checkDecision({ type: 'CONSEIL', careLevel: 'R4', adviceText: pharmacyAdvice(chosen, this.untilLabel(chosen.untilMs)) }, dossier.decisions);
    if (!check.ok) return fail('E_BAD_REQUEST', `${check.field}: ${check.reason}`, check.field);
    return this.deps.dossiers.change(
      dossier.id,
      [
        { type: 'dossier.decisionAdded', payload: { decisionId: uuidv7(), decision: check.fields } },
        { type: 'dossier.qualificationUpdated', payload: { qualification: { attribution: 'DR.DREG.DRPHARMA' } } },
      ],
      'decision',
    );
  }

  ages(): PackAge[] {
    return this.deps.packs.ages(new Date(this.now()));
  }

  /** The packs may have been re-imported since the last question: reopen when their import time changed. */
  private current(): PharmacyIndex {
    const stamp = `${this.deps.packs.meta('pharmacies')?.importedAt}|${this.deps.packs.meta('rotas')?.importedAt}`;
    if (!this.index || this.indexStamp !== stamp) {
      this.index?.close();
      this.index = new PharmacyIndex(this.deps.packs.path('pharmacies'), this.deps.packs.path('rotas'));
      this.indexStamp = stamp;
    }
    return this.index;
  }
  private indexStamp = '';

  private lookup(dossier: Dossier, atMs: number): { listed: PharmacyOnDuty[]; answer: Omit<OnDutyAnswer, 'pharmacies'> } {
    const snapshot = this.current().at(atMs);
    const from = searchPosition(dossier.location, this.deps.communeCentre ?? (() => null));
    const listed = pharmaciesOnDuty(snapshot.duties, snapshot.pharmacies, atMs, from);
    const cover = coverage(listed.length, atMs, snapshot.rota, snapshot.nextStartMs);
    const iso = (ms: number) => new Date(ms).toISOString();
    const ages = [snapshot.pharmaciesMeta, snapshot.rotasMeta].filter((m): m is PackMeta => m !== null).map((m) => this.age(m));
    return {
      listed,
      answer: {
        at: iso(atMs),
        located: from !== null,
        basis: from?.basis ?? null,
        unverified: isUnverifiedLocation(dossier.location),
        ages,
        coverage:
          cover.status === 'gap' ? { status: 'gap', nextStart: cover.nextStartMs === null ? null : iso(cover.nextStartMs) }
          : cover.status === 'outsideRota' ? { status: 'outsideRota', rotaFrom: iso(cover.rotaFromMs), rotaTo: iso(cover.rotaToMs) }
          : cover,
      },
    };
  }

  private age(meta: PackMeta): PackAge {
    return packAge(meta, new Date(this.now()), this.deps.timeZone, this.deps.packs.maxAgeDays(meta.kind as PackKind));
  }

  private untilLabel(ms: number): string {
    return new Intl.DateTimeFormat('fr-FR', { timeZone: this.deps.timeZone, weekday: 'long', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  }

  close(): void {
    this.index?.close();
    this.index = null;
  }
}
