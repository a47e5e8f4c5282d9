import { describe, expect, it } from 'vitest';
import { HTTPS_RULE, isSecureUrl, secureUrlMessage, WSS_RULE } from '../../../../shared/domain/secureUrl';

describe('the configured-URL rule: secure always, plain only towards this machine', () => {
  it('https and wss anywhere; http and ws only on loopback', () => {
    expect(isSecureUrl('https://auth.example.fr/realm', HTTPS_RULE)).toBe(true);
    expect(isSecureUrl('http://127.0.0.1:8080/realm', HTTPS_RULE)).toBe(true);
    expect(isSecureUrl('http://localhost/x', HTTPS_RULE)).toBe(true);
    expect(isSecureUrl('http://[::1]:9/x', HTTPS_RULE)).toBe(true);
    expect(isSecureUrl('http://10.0.0.2/x', HTTPS_RULE)).toBe(false);
    expect(isSecureUrl('http://127.0.0.1.evil.example/x', HTTPS_RULE)).toBe(false);
    expect(isSecureUrl('wss://sip.example.fr/ws', WSS_RULE)).toBe(true);
    expect(isSecureUrl('ws://127.0.0.1:5066', WSS_RULE)).toBe(true);
    expect(isSecureUrl('ws://sip.example.fr/ws', WSS_RULE)).toBe(false);
    // The other family's schemes are not this rule's.
    expect(isSecureUrl('wss://sip.example.fr/ws', HTTPS_RULE)).toBe(false);
    expect(isSecureUrl('https://sip.example.fr/ws', WSS_RULE)).toBe(false);
  });

  it('no credentials ever; no query nor fragment where the rule is bare; garbage refused', () => {
    expect(isSecureUrl('https://user:secret@auth.example.fr/', HTTPS_RULE)).toBe(false);
    expect(isSecureUrl('wss://arm03@sip.example.fr/ws', WSS_RULE)).toBe(false);
    expect(isSecureUrl('https://auth.example.fr/?a=1', HTTPS_RULE)).toBe(true);
    expect(isSecureUrl('https://auth.example.fr/?a=1', { ...HTTPS_RULE, bare: true })).toBe(false);
    expect(isSecureUrl('https://auth.example.fr/#x', { ...HTTPS_RULE, bare: true })).toBe(false);
    expect(isSecureUrl('pas une adresse', HTTPS_RULE)).toBe(false);
    expect(isSecureUrl('', WSS_RULE)).toBe(false);
  });

  it('says what it expects', () => {
    expect(secureUrlMessage(WSS_RULE)).toBe('wss:// only (ws:// only allowed towards 127.0.0.1 or localhost)');
    expect(secureUrlMessage({ ...HTTPS_RULE, bare: true })).toBe('https:// only, without query or fragment (http:// only allowed towards 127.0.0.1 or localhost)');
  });
});
