/**
 * The one rule for every address a workstation is configured to reach (PSC issuer, SIP proxy,
 * update feed…): the secure scheme always; its plain twin only towards this machine (a test
 * stand-in, a local relay), never across a network. Credentials in a URL are never accepted (they
 * would sit in clear in a file); `bare` also refuses a query or a fragment (an issuer, a base URL).
 */
// The WHATWG URL parser is a global of every runtime Plateau runs in (Node, Chromium); the shared
// layer compiles without DOM or Node types, so the part of its shape used here is declared.
interface ParsedUrl {
  protocol: string;
  hostname: string;
  username: string;
  password: string;
  search: string;
  hash: string;
}
declare const URL: new (input: string) => ParsedUrl;

export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface SecureUrlRule {
  secure: 'https:' | 'wss:';
  plain: 'http:' | 'ws:';
  bare?: boolean;
}

export const HTTPS_RULE: SecureUrlRule = { secure: 'https:', plain: 'http:' };
export const WSS_RULE: SecureUrlRule = { secure: 'wss:', plain: 'ws:' };

export function isSecureUrl(value: string, rule: SecureUrlRule): boolean {
  let url: ParsedUrl;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (rule.bare && (url.search || url.hash)) return false;
  return url.protocol === rule.secure || (url.protocol === rule.plain && LOOPBACK_HOSTS.has(url.hostname));
}

/** The refusal, in the words IT reads in `--check-config`. */
export function secureUrlMessage(rule: SecureUrlRule): string {
  const scheme = rule.secure.slice(0, -1);
  const plain = rule.plain.slice(0, -1);
  return `${scheme}:// only${rule.bare ? ', without query or fragment' : ''} (${plain}:// only allowed towards 127.0.0.1 or localhost)`;
}
