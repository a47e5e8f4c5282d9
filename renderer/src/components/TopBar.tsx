import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { translate } from '../i18n';
import { formatTime } from '../../../shared/domain/siteTime';
import { useStatusStore } from '../stores/statusStore';
import { useSessionStore } from '../stores/sessionStore';
import { useUiStore } from '../stores/uiStore';
import { useDraftStore } from '../stores/draftStore';
import { Kbd } from './Kbd';
import { SiteClock } from './SiteClock';
import { UpdateNotice } from './UpdateNotice';
import { SiteStatus } from './SiteStatus';
import { RoomHubStatus } from './RoomHubStatus';
import { SiteJoinProgress } from './SiteJoinProgress';

export function TopBar() {
  const { t } = useTranslation();
  const { workstation, journal, hub, site } = useStatusStore(useShallow(({ workstation, journal, hub, site }) => ({ workstation, journal, hub, site })));
  const { theme, language } = useUiStore(useShallow(({ theme, language }) => ({ theme, language })));
  const operator = useSessionStore((s) => s.session?.operator);
  const authentication = useSessionStore((s) => s.session?.authentication);
  const drafts = useDraftStore((s) => s.tray.length);
  const zone = workstation?.timeZone ?? 'Europe/Paris';
  // The room's link fits the one-line bar while all is well; the site away, a refusal or a lost
  // step needs its whole sentence ("… pris par Dr Martin à 14:02 — …"): a line of its own below,
  // where a 1280 px screen cannot cut it to "Site…".
  const roomLine = site?.configured === true && (site.state === 'offline' || site.refused > 0 || site.conflicts.length > 0);
  const journalText = !journal
    ? t('journal.unknown')
    : journal.chainValid
      ? journal.chainComplete
        ? t('journal.valid', { events: String(journal.events) })
        : t('journal.verifying', { events: String(journal.events) })
      : t('journal.broken', { seq: String(journal.brokenAt ?? '?') });
  return (
    <>
      <header className="top-bar">
        <h1>{t('app.title')}</h1>
        {workstation && <span className="workstation">{t('app.workstation', { workstationId: workstation.workstationId, siteName: workstation.siteName })}</span>}
        <SiteClock />
        {operator && (
          <span className="operator" data-testid="operator">
            {t('auth.signedIn', { name: operator.displayName, role: translate(t, `roles.${operator.role}`) })}
            {authentication && (
              // How this session was authenticated: what the decisions signed now will record.
              <span className="session-authentication" data-testid="session-authentication">
                {' · '}
                {authentication.method === 'psc'
                  ? t('auth.sessionPsc', { acr: authentication.acr, until: authentication.expiresAt ? formatTime(new Date(authentication.expiresAt), zone, language).slice(0, 5) : '?' })
                  : t('auth.sessionPassword')}
              </span>
            )}{' '}
            · <Kbd shortcut={{ code: 'KeyL', ctrl: true }} />
          </span>
        )}
        <span className={`journal-status ${journal && !journal.chainValid ? 'bad' : ''}`} data-testid="journal-status" role="status">
          {journalText}
          {/* In a room the Hub indicator says what waits, split between this desk and the site, with its age. */}
          {journal && journal.pendingOutbox > 0 && !hub?.room && <> · {journal.pendingOutbox >= journal.pendingOutboxCap ? t('journal.pendingMany', { count: journal.pendingOutboxCap }) : t('journal.pending', { count: journal.pendingOutbox })}</>}
        </span>
        {hub?.room ? (
          // In a room the site is the Hub client: its state as last heard, stale when the site is away; a site without a Hub said so.
          <RoomHubStatus hub={hub} zone={zone} language={language} />
        ) : hub?.configured && (
          // "transmis" only after the partner's receipt (ARCHITECTURE §4): what waits is said, with its age.
          <span className={`hub-status ${hub.connected ? '' : 'bad'}`} data-testid="hub-status" role="status">
            {hub.fault ? t('hub.inFault', { reason: t(`hub.fault.${hub.fault.reason}`) }) : hub.connected ? t('hub.connected') : t('hub.disconnected', { since: hub.since ? formatTime(new Date(hub.since), zone, language) : '?' })}
            {hub.waiting > 0 && <> · {t('hub.waiting', { count: hub.waiting, oldest: hub.oldestWaitingAt ? formatTime(new Date(hub.oldestWaitingAt), zone, language) : '?' })}</>}
            {hub.failed + hub.expired > 0 && <> · {t('hub.undelivered', { count: hub.failed + hub.expired })}</>}
          </span>
        )}
        {site?.configured && !roomLine && <SiteStatus site={site} zone={zone} language={language} />}
        {drafts > 0 && (
          // Unsaved work waiting: always in sight, one key away.
          <span className="draft-count" data-testid="draft-count" role="status">
            {t('drafts.count', { count: drafts })} <Kbd shortcut={{ code: 'F2', shift: true }} />
          </span>
        )}
        <UpdateNotice />
        <span className="prefs">
          {language.toUpperCase()} · {t(`theme.${theme}`)} <Kbd shortcut={{ code: 'KeyT', alt: true }} />
        </span>
        <span className="palette-hint">
          {t('app.paletteHint')} <Kbd shortcut={{ code: 'KeyK', ctrl: true }} /> · <Kbd shortcut={{ code: 'F1' }} />
        </span>
      </header>
      {site && roomLine && (
        <div className="room-line" data-testid="room-line">
          <SiteStatus site={site} zone={zone} language={language} />
        </div>
      )}
      {/* A desk joining the room: the whole width under the bar, so the missing history is said in full. */}
      {site?.configured && site.join && <SiteJoinProgress join={site.join} zone={zone} language={language} />}
    </>
  );
}
