import { describe, expect, it } from 'vitest';
import { installPermissionHandlers } from '../../../../electron/main/permissions';
import { FakeSession, FakeWebContents } from '../../../support/fakeElectron';

/** Drives the handlers exactly as Chromium would call them through the session. */
describe('permission handlers', () => {
  const session = new FakeSession();
  installPermissionHandlers(session as never);
  const request = (permission: string, details: Record<string, unknown>) => {
    let answer: boolean | undefined;
    session.requestHandler!(new FakeWebContents(), permission, (allowed) => (answer = allowed), { isMainFrame: true, requestingUrl: 'app://plateau/index.html', ...details });
    if (answer === undefined) throw new Error('the request handler never answered');
    return answer;
  };
  const check = (permission: string, origin: string, details: Record<string, unknown> = {}) =>
    session.checkHandler!(null, permission, origin, { isMainFrame: true, ...details });

  it('allows the microphone to our own page', () => {
    expect(request('media', { mediaTypes: ['audio'], securityOrigin: 'app://plateau' })).toBe(true);
    expect(request('media', { mediaTypes: ['audio'] })).toBe(true);
    expect(check('media', 'app://plateau', { mediaType: 'audio', securityOrigin: 'app://plateau' })).toBe(true);
  });

  it.each([
    ['camera', 'media', { mediaTypes: ['video'] }],
    ['camera with microphone', 'media', { mediaTypes: ['audio', 'video'] }],
    ['media naming no type', 'media', { mediaTypes: [] }],
    ['media without types', 'media', {}],
    ['microphone for another origin', 'media', { mediaTypes: ['audio'], requestingUrl: 'https://evil.example/' }],
    ['microphone for another app host', 'media', { mediaTypes: ['audio'], requestingUrl: 'app://other/index.html' }],
    ['microphone for file://', 'media', { mediaTypes: ['audio'], requestingUrl: 'file:///tmp/x.html' }],
    ['microphone claimed by a foreign security origin', 'media', { mediaTypes: ['audio'], securityOrigin: 'https://evil.example' }],
    ['microphone from a subframe', 'media', { mediaTypes: ['audio'], isMainFrame: false }],
    ['screen capture', 'display-capture', { mediaTypes: ['audio'] }],
    ['geolocation', 'geolocation', {}],
    ['notifications', 'notifications', {}],
    ['clipboard read', 'clipboard-read', {}],
    ['open external', 'openExternal', { externalURL: 'https://evil.example/' }],
    ['midi', 'midi', {}],
  ])('denies the request: %s', (_name, permission, details) => {
    expect(request(permission, details)).toBe(false);
  });

  it.each([
    ['camera', 'media', 'app://plateau', { mediaType: 'video' }],
    ['media of unknown type', 'media', 'app://plateau', { mediaType: 'unknown' }],
    ['microphone for another origin', 'media', 'https://evil.example', { mediaType: 'audio' }],
    ['microphone embedded by another origin', 'media', 'app://plateau', { mediaType: 'audio', embeddingOrigin: 'https://evil.example' }],
    ['microphone from a subframe', 'media', 'app://plateau', { mediaType: 'audio', isMainFrame: false }],
    ['geolocation', 'geolocation', 'app://plateau', {}],
    ['notifications', 'notifications', 'app://plateau', {}],
  ])('denies the check: %s', (_name, permission, origin, details) => {
    expect(check(permission, origin, details)).toBe(false);
  });
});
