import type { MediaAccessPermissionRequest, Session } from 'electron';
import { isAppUrl } from './appOrigin';

export interface PermissionAsk {
  permission: string;
  /** Every origin or URL Chromium names for the asker: all of them must be ours. */
  origins: readonly (string | undefined)[];
  mediaTypes: readonly string[];
  isMainFrame: boolean;
}

/**
 * The softphone's microphone, for our own page's main frame, and nothing else: no camera, no
 * screen, no location, no notifications. A media ask that names no type is refused too.
 */
export function isPermissionAllowed(ask: PermissionAsk): boolean {
  if (ask.permission !== 'media' || !ask.isMainFrame) return false;
  // `URL.origin` is "null" for a custom scheme, so isAppUrl compares scheme and host instead.
  const origins = ask.origins.filter((origin): origin is string => origin !== undefined);
  if (origins.length === 0 || !origins.every(isAppUrl)) return false;
  return ask.mediaTypes.length > 0 && ask.mediaTypes.every((type) => type === 'audio');
}

export function installPermissionHandlers(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    // Both media fields are optional, so reading them off any request kind is safe.
    const media: Partial<MediaAccessPermissionRequest> = details;
    callback(isPermissionAllowed({ permission, origins: [details.requestingUrl, media.securityOrigin], mediaTypes: media.mediaTypes ?? [], isMainFrame: details.isMainFrame }));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed({
      permission,
      origins: [requestingOrigin, details.securityOrigin, details.embeddingOrigin],
      mediaTypes: details.mediaType ? [details.mediaType] : [],
      isMainFrame: details.isMainFrame,
    }),
  );
}
