import type { Dossier, ReceivedValue } from '../dossier';

/** The values that steer the dossier (freetext is content, merged as notes elsewhere). */
export const OPERATIONAL_FIELDS = ['priority', 'status', 'perimeter', 'location', 'attribution', 'caller'] as const;
export type OperationalField = (typeof OPERATIONAL_FIELDS)[number];

export interface PartnerValue {
  field: OperationalField;
  local: string | null;
  from: string;
  received: string;
  at: string;
  /** The partner says something else than we do: the regulator decides (DOMAIN §8). */
  differs: boolean;
}

function localValue(d: Pick<Dossier, 'priority' | 'state' | 'qualification' | 'location' | 'caller'>, field: OperationalField): string | null {
  switch (field) {
    case 'priority':
      return d.priority;
    case 'status':
      return d.state;
    case 'perimeter':
      return d.qualification.filiere;
    case 'attribution':
      return d.qualification.attribution;
    case 'location':
      return d.location?.label ?? null;
    case 'caller':
      return d.caller.name;
  }
}

const norm = (v: string | null) => (v ?? '').trim().toUpperCase();

/**
 * The latest operational value each partner sent, beside ours, per field (in the order of
 * OPERATIONAL_FIELDS, then partner): a received value is never applied silently, nor hidden.
 */
export function partnerValues(d: Pick<Dossier, 'priority' | 'state' | 'qualification' | 'location' | 'caller' | 'hub'>): PartnerValue[] {
  const latest = new Map<string, ReceivedValue>();
  for (const r of d.hub?.received ?? []) {
    if (!(OPERATIONAL_FIELDS as readonly string[]).includes(r.field)) continue;
    // Newest last in the dossier: a later value from the same partner replaces an earlier one.
    latest.set(`${r.field}\u0000${r.from}`, r);
  }
  return [...latest.values()]
    .map((r) => {
      const field = r.field as OperationalField;
      const local = localValue(d, field);
      return { field, local, from: r.from, received: r.value, at: r.at, differs: norm(local) !== norm(r.value) };
    })
    .sort((a, b) => OPERATIONAL_FIELDS.indexOf(a.field) - OPERATIONAL_FIELDS.indexOf(b.field) || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
