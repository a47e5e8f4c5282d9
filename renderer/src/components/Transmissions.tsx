import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { backend } from '../api/backend';
import { useStatusStore } from '../stores/statusStore';

type Transmission = ResponseOf<'dossier:transmissions'>['transmissions'][number];

/**
 * What the Hub Santé did with each message of the dossier (ARCHITECTURE §4): "transmis" only once
 * the partner's receipt (RC-REF) came back; sent but unacknowledged is said so, never rounded up.
 */
export function Transmissions({ dossierId }: { dossierId: string }) {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  // Without Hub configuration on this workstation, nothing will ever leave: say so.
  const hubConfigured = useStatusStore((s) => s.hub?.configured ?? false);
  const [rows, setRows] = useState<Transmission[] | null>(null);
  // In a room: whether the site answered (away, only this desk's messages not yet at the site are known).
  const [siteAway, setSiteAway] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      void backend.dossierTransmissions({ dossierId }).then((r) => {
        if (!live || !r.ok) return;
        setRows(r.value.transmissions);
        setSiteAway(r.value.room !== null && !r.value.room.siteAnswered);
      });
    load();
    const offDossier = backend.onDossierChanged((e) => e.dossierId === dossierId && load());
    // A catch-up page names no dossier: this one may be among them.
    const offManyDossiers = backend.onDossiersChanged(() => load());
    // Receipts and refusals change no dossier: the Hub status event says something moved.
    const offHub = backend.onHubStatus(() => load());
    return () => {
      live = false;
      offDossier();
      offManyDossiers();
      offHub();
    };
  }, [dossierId]);
  if (!rows) return null;
  const away = siteAway && <p data-testid="transmissions-site-away">{t('transmissions.siteAway')}</p>;
  if (rows.length === 0) {
    // Issue 13 §6: nothing leaves before a person shares it; say so, and how.
    return (
      <section className="transmissions" data-testid="transmissions" aria-label={t('transmissions.title')}>
        <h3>{t('transmissions.title')}</h3>
        {away || <p data-testid="transmissions-none">{t('transmissions.notShared')}</p>}
      </section>
    );
  }
  const at = (iso: string | null) => (iso ? formatDateTime(new Date(iso), timeZone, i18n.language) : '');
  const describe = (row: Transmission): string => {
    switch (row.state) {
      case 'ACKED':
        return t('transmissions.acked', { time: at(row.ackedAt) });
      case 'SENT':
        return t('transmissions.sent', { time: at(row.sentAt) });
      case 'NEW':
        // A NEW row has no recipient until the drain picks it: that alone does not mean "no partner".
        return hubConfigured ? t('transmissions.waiting') : t('transmissions.notConfigured');
      case 'FAILED':
        return t('transmissions.failed', { code: row.errorCode ?? '', text: row.errorText ?? '' }).trim();
      case 'EXPIRED':
        return t('transmissions.expired', { text: row.errorText ?? '' }).trim();
      case 'AWAITING_SITE':
        return t('transmissions.awaitingSite');
    }
  };
  return (
    <section className="transmissions" data-testid="transmissions" aria-label={t('transmissions.title')}>
      <h3>{t('transmissions.title')}</h3>
      {away}
      <ul>
        {rows.map((row) => (
          <li key={`${row.state === 'AWAITING_SITE' ? 'desk' : 'hub'}-${row.seq}`} data-testid="transmission" data-state={row.state} className={row.state === 'FAILED' || row.state === 'EXPIRED' ? 'field-error' : ''}>
            {at(row.createdAt)} {row.kind} {row.recipient ? `→ ${row.recipient}` : ''} — {describe(row)}
          </li>
        ))}
      </ul>
    </section>
  );
}
