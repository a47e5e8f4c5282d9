import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../shared/domain/siteTime';
import { translate } from '../i18n';
import { useDraftStore } from '../stores/draftStore';
import { useStatusStore } from '../stores/statusStore';

/** Where the dossier went, in the words of DOMAIN §2 (P0 accompanied, P3 a callback deadline). */
export function RoutingStatus() {
  const { t, i18n } = useTranslation();
  const saved = useDraftStore((s) => s.draft.saved);
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  if (!saved) return null;
  const queue = saved.queue ? translate(t, `queues.${saved.queue}`) : '';
  const text =
    saved.routing === 'accompaniedTransfer'
      ? t('routing.accompaniedTransfer')
      : saved.routing === 'deferredCallback' && saved.callbackDueAt
        ? t('routing.deferredCallback', { time: formatTime(new Date(saved.callbackDueAt), timeZone, i18n.language) })
        : saved.routing === 'queue'
          ? t('routing.queue', { queue })
          : t('routing.none');
  return (
    <p className={`routing-status routing-${saved.routing ?? 'none'}`} data-testid="routing-status" role="status">
      {text}
    </p>
  );
}
