import * as lists from './hubSanteCodes';
import type { HubSanteList } from './lists';

export { HUB_SANTE_LISTS, type HubSanteList } from './lists';

/** The official codes of one list, as a union type: `CodeOf<'filiere'>` is 'AMU' | 'NEONAT' | 'PSY' | 'SNP'. */
export type CodeOf<L extends HubSanteList> = (typeof lists)[L][number]['code'];

export function officialCodes<L extends HubSanteList>(list: L): ReadonlyArray<CodeOf<L>> {
  return (lists[list] as ReadonlyArray<{ code: CodeOf<L> }>).map((entry) => entry.code);
}

export function isOfficialCode<L extends HubSanteList>(list: L, code: string): code is CodeOf<L> {
  return (lists[list] as ReadonlyArray<{ code: string }>).some((entry) => entry.code === code);
}

/** The official French label, for display where the app has no label of its own. */
export function officialLabel(list: HubSanteList, code: string): string | undefined {
  return (lists[list] as ReadonlyArray<{ code: string; label: string }>).find((entry) => entry.code === code)?.label;
}
