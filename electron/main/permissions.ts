import type { Session } from 'electron';
import { isAppUrl } from './appOrigin';

/** Only the softphone's microphone, only for our own page. No camera, no location, nothing else. */
export function isPermissionAllowed(permission: string, requestingOrigin: string, mediaTypes: readonly string[] = []): boolean {
  if (permission !== 'media') return false;
  // `URL.origin` is "null" for a custom scheme, so compare scheme and host instead.
  if (!isAppUrl(requestingOrigin)) return false;
  return mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
}

export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const origin = 'requestingUrl' in details ? details.requestingUrl : webContents.getURL();
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(isPermissionAllowed(permission, origin, mediaTypes));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, requestingOrigin, 'mediaType' in details && details.mediaType ? [details.mediaType] : []),
  );
}
