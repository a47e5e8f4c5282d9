import { useTranslation } from 'react-i18next';
import { reportError } from '../api/reportError';
import { translate } from '../i18n';
import { updateWaitsFor, useUpdateStore } from '../stores/updateStore';
import { useCallStore } from '../stores/callStore';
import { useDraftStore } from '../stores/draftStore';
import { Kbd } from './Kbd';

/** The command's shortcut (commands/updateCommands.ts), shown as the top bar shows Ctrl+L. */
const APPLY_UPDATE_SHORTCUT = { code: 'KeyU', ctrl: true, shift: true } as const;

/**
 * A verified update, offered in the top bar: applied on the operator's keystroke at a quiet
 * moment, and said to wait while a call is up or a dossier is unsaved. A refusal (tampered,
 * unreachable feed…) is shown too: IT learns it from the floor.
 */
export function UpdateNotice() {
  const { t } = useTranslation();
  const status = useUpdateStore((s) => s.status);
  const error = useUpdateStore((s) => s.error);
  // Re-rendered when a call or the draft changes, so "waits" follows the work.
  useCallStore((s) => s.list);
  useDraftStore((s) => s.draft);
  if (!status) return null;
  if (status.state === 'downloading') return <span className="update-status" role="status">{t('update.downloading', { version: status.detail?.split(':')[0] ?? '' })}</span>;
  if (status.state === 'refused' && status.reason) {
    return (
      <span className="update-status bad" role="status" data-testid="update-status" title={status.detail ?? undefined}>
        {t('update.refused', { reason: translate(t, `update.reason.${status.reason}`) })}
      </span>
    );
  }
  if (status.state !== 'ready' || !status.available) return null;
  const waits = updateWaitsFor();
  return (
    <span className="update-status ready" role="status" data-testid="update-status">
      {t('update.ready', { version: status.available })} ·{' '}
      {!status.canInstall ? t('update.atNextStart') : waits === 'call' ? t('update.waitsCall') : waits === 'dossier' ? t('update.waitsDossier') : <>{t('update.applyHint')} <Kbd shortcut={APPLY_UPDATE_SHORTCUT} /></>}
      {error && <> · {reportError(error, t)}</>}
    </span>
  );
}
