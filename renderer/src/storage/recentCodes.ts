import { rememberChoice } from '../../../shared/domain/codes/codeSearch';
import type { HubSanteList } from '../../../shared/domain/codes';

/**
 * The codes chosen lately on this post, per list, kept in the browser's storage: the next
 * operator at the same desk meets the same few motives and languages first. Nothing medical is
 * kept here, only codes of public lists.
 */
const key = (list: HubSanteList) => `plateau.recentCodes.${list}`;

export function recentCodes(list: HubSanteList): string[] {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(key(list)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberCode(list: HubSanteList, code: string): void {
  globalThis.localStorage?.setItem(key(list), JSON.stringify(rememberChoice(recentCodes(list), code)));
}
