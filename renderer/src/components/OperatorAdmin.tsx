import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { translate } from '../i18n';

type Operator = ResponseOf<'operator:list'>['operators'][number];

/** ADMIN: the floor's accounts, and a new one (the password is typed once, hashed by the services). */
export function OperatorAdmin() {
  const { t } = useTranslation();
  const [operators, setOperators] = useState<Operator[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [form, setForm] = useState({ login: '', displayName: '', role: 'ARM' as Role, password: '', rpps: '' });
  // An existing account: chosen in the list of active ones, then closed or given a new password.
  const [managed, setManaged] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  // Closing an account cannot be undone here: a first press asks, a second one does it.
  const [confirming, setConfirming] = useState<string | null>(null);
  const active = operators.filter((o) => o.active);
  const target = active.find((o) => o.id === managed) ?? active[0];
  const answered = (r: { ok: true; value: Operator } | { ok: false; error: ApiError }, message: 'admin.deactivated' | 'admin.passwordReset') => {
    if (!r.ok) return setError(r.error);
    setError(null);
    setCreated(null);
    setDone(t(message, { login: r.value.login }));
    setNewPassword('');
    load();
  };
  const load = () => void backend.listOperators().then((r) => (r.ok ? setOperators(r.value.operators) : setError(r.error)));
  useEffect(load, []);
  const field = (name: keyof typeof form) => ({ id: `admin-${name}`, value: form[name], onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }) });
  return (
    <section className="admin" data-testid="admin">
      <h2>{t('admin.title')}</h2>
      <ul data-testid="operator-list">
        {operators.map((o) => (
          <li key={o.id}>
            {o.login} — {o.displayName} — {translate(t, `roles.${o.role}`)}
            {o.rpps && ` — RPPS ${o.rpps}`}
            {!o.active && ` — ${t('admin.inactive')}`}
          </li>
        ))}
      </ul>
      <form
        className="decision-form"
        onSubmit={(e) => {
          e.preventDefault();
          void backend.createOperator({ ...form, rpps: form.rpps.trim() === '' ? null : form.rpps }).then((r) => {
            if (!r.ok) return setError(r.error);
            setError(null);
            setCreated(r.value.login);
            setDone(null);
            setForm({ login: '', displayName: '', role: 'ARM', password: '', rpps: '' });
            load();
          });
        }}
      >
        <label htmlFor="admin-login">{t('auth.login')}</label>
        <input {...field('login')} />
        <label htmlFor="admin-displayName">{t('admin.displayName')}</label>
        <input {...field('displayName')} />
        <label htmlFor="admin-role">{t('admin.role')}</label>
        <select {...field('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {translate(t, `roles.${r}`)}
            </option>
          ))}
        </select>
        <label htmlFor="admin-rpps">{t('admin.rpps')}</label>
        <input {...field('rpps')} />
        <label htmlFor="admin-password">{t('auth.password')}</label>
        <input {...field('password')} type="password" autoComplete="new-password" />
        <button type="submit">{t('admin.create')}</button>
      </form>
      <h3>{t('admin.manage')}</h3>
      <form
        className="decision-form"
        data-testid="admin-manage"
        onSubmit={(e) => {
          e.preventDefault();
          if (target) void backend.resetOperatorPassword({ operatorId: target.id, password: newPassword }).then((r) => answered(r, 'admin.passwordReset'));
        }}
      >
        <label htmlFor="admin-manage-operator">{t('admin.account')}</label>
        <select
          id="admin-manage-operator"
          value={target?.id ?? ''}
          onChange={(e) => {
            setManaged(e.target.value);
            setConfirming(null);
          }}
        >
          {active.map((o) => (
            <option key={o.id} value={o.id}>
              {o.login} — {o.displayName}
            </option>
          ))}
        </select>
        <button
          type="button"
          id="admin-deactivate"
          disabled={!target}
          onBlur={() => setConfirming(null)}
          onClick={() => {
            if (!target) return;
            if (confirming !== target.id) return setConfirming(target.id);
            setConfirming(null);
            void backend.deactivateOperator({ operatorId: target.id }).then((r) => answered(r, 'admin.deactivated'));
          }}
        >
          {target && confirming === target.id ? t('admin.confirmDeactivate', { login: target.login }) : t('admin.deactivate')}
        </button>
        <label htmlFor="admin-new-password">{t('admin.newPassword')}</label>
        <input id="admin-new-password" type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
        <button type="submit" disabled={!target}>
          {t('admin.reset')}
        </button>
      </form>
      <p role="status" data-testid="admin-status">
        {error ? reportError(error, t) : created ? t('admin.created', { login: created }) : (done ?? '')}
      </p>
    </section>
  );
}
