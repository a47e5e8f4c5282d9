import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { translate } from '../i18n';

/** ADMIN: what this workstation uses, and where each setting came from (as `Plateau --check-config` prints it). */
export function ConfigSources() {
  const { t } = useTranslation();
  const [provenance, setProvenance] = useState<ResponseOf<'workstation:config'> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => void backend.workstationConfig().then((r) => (r.ok ? setProvenance(r.value) : setError(r.error))), []);
  return (
    <section className="config-sources" data-testid="config-sources" aria-labelledby="config-sources-title">
      <h2 id="config-sources-title">{t('config.title')}</h2>
      {error && <p className="field-error">{reportError(error, t)}</p>}
      {provenance && provenance.files.length > 0 && (
        <ul data-testid="config-files">
          {provenance.files.map((f) => (
            <li key={`${f.kind}:${f.path}`}>
              {translate(t, `config.kind.${f.kind}`)} — {f.path} — {f.used ? t('config.used') : t('config.absent')}
            </li>
          ))}
        </ul>
      )}
      {provenance && provenance.notices.length > 0 && (
        <ul className="config-refused" role="alert" data-testid="config-refused">
          {provenance.notices.map((n) => (
            <li key={`${n.origin}:${n.key ?? ''}`}>
              {t('config.refused')} : {n.message} ({n.origin})
            </li>
          ))}
        </ul>
      )}
      {provenance && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('config.setting')}</th>
              <th scope="col">{t('config.source')}</th>
              <th scope="col">{t('config.file')}</th>
              <th scope="col">{t('config.value')}</th>
            </tr>
          </thead>
          <tbody>
            {provenance.settings.map((s) => (
              <tr key={s.key} data-testid={`config-${s.key}`}>
                <th scope="row">{s.key}</th>
                <td>{translate(t, `config.kind.${s.kind}`)}</td>
                <td>{s.origin ?? '—'}</td>
                <td>
                  <code>{s.value.length > 160 ? `${s.value.slice(0, 157)}...` : s.value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
