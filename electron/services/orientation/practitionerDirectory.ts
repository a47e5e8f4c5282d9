import type { z } from 'zod';
import type { ParsedRequestOf } from '../../../shared/api/contract';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { practitionerLookupResponse } from '../../../shared/api/orientationSchemas';
import { parsePractitionerQuery } from '../../../shared/domain/practitionerQuery';
import { packAge } from '../../../shared/domain/referencePack';
import { PractitionerIndex } from '../reference/practitionerIndex';
import type { ReferencePacks } from '../reference/referencePacks';

type LookupAnswer = z.output<typeof practitionerLookupResponse>;

export interface PractitionerDirectoryDeps {
  packs: ReferencePacks;
  timeZone: string;
  now?: () => number;
}

const LISTED = 20;

/**
 * Who a practitioner is and where they practise, from the RPPS pack only (it answers with the
 * network down), the pack's age in every answer.
 */
export class PractitionerDirectory {
  private index: PractitionerIndex | null = null;
  private indexStamp = '';
  private readonly now: () => number;

  constructor(private readonly deps: PractitionerDirectoryDeps) {
    this.now = deps.now ?? Date.now;
  }

  lookup(request: ParsedRequestOf<'practitioners:lookup'>): Envelope<LookupAnswer> {
    const query = parsePractitionerQuery(request.query);
    if (!query) return fail('E_BAD_REQUEST', 'query: too short to search', 'query');
    const meta = this.deps.packs.meta('rpps');
    const ages = meta ? [packAge(meta, new Date(this.now()), this.deps.timeZone, this.deps.packs.maxAgeDays('rpps'))] : [];
    return ok({ ...this.current(meta?.importedAt ?? '').find(query, LISTED), ages });
  }

  /** The pack may have been re-imported since the last question: reopen when its import time changed. */
  private current(stamp: string): PractitionerIndex {
    if (!this.index || this.indexStamp !== stamp) {
      this.index?.close();
      this.index = new PractitionerIndex(this.deps.packs.path('rpps'));
      this.indexStamp = stamp;
    }
    return this.index;
  }

  close(): void {
    this.index?.close();
    this.index = null;
  }
}
