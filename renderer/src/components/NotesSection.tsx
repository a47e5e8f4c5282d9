import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { backend } from '../api/backend';
import { isFieldRefusal, reportError } from '../api/reportError';
import { translate } from '../i18n';
import { useDraftStore } from '../stores/draftStore';
import type { TranslationKey } from '../../../shared/i18n';
import { useStatusStore } from '../stores/statusStore';
import { useOperatorNamesStore } from '../stores/operatorNamesStore';
import { Kbd } from './Kbd';
import { FOCUS } from '../focus/focusTargets';


/**
 * Free-text notes, newest last, each with its author, role and time on the site's clock.
 * Ctrl+Entrée adds the note (a journal command); the text stays in the field until the
 * services have committed it.
 */
export function NotesSection() {
  const { t, i18n } = useTranslation();
  const saved = useDraftStore((s) => s.draft.saved);
  const apply = useDraftStore((s) => s.apply);
  const commandError = useDraftStore((s) => s.commandError);
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const names = useOperatorNamesStore((s) => s.names);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  if (!saved) return null;
  const add = async () => {
    if (text.trim() === '' || busy) return;
    setBusy(true);
    const done = await apply((dossierId) => backend.addNote({ dossierId, text }));
    setBusy(false);
    if (done) setText('');
  };
  const refused = isFieldRefusal(commandError) && commandError.field === 'text';
  return (
    <fieldset className="notes-section" data-testid="notes-section">
      <legend>{t('notes.title', { count: saved.notes.length })}</legend>
      {saved.notes.length > 0 && (
        <ol className="notes-list" data-testid="notes-list">
          {saved.notes.map((note) => (
            <li key={note.id}>
              <p className="note-meta">
                {formatDateTime(new Date(note.at), timeZone, i18n.language)} · {translate(t, `roles.${note.authorRole}` as TranslationKey)} · {names[note.authorId] ?? note.authorId}
              </p>
              <p className="note-text">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      <label htmlFor={FOCUS.noteText}>{t('notes.new')}</label>
      <textarea
        id={FOCUS.noteText}
        rows={3}
        value={text}
        aria-invalid={refused || undefined}
        aria-describedby="note-help"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.ctrlKey) {
            e.preventDefault();
            void add();
          }
        }}
      />
      <p id="note-help" className={refused ? 'field-error' : 'field-hint'} data-testid="note-status" aria-live="polite">
        {refused ? reportError(commandError, t) : busy ? t('notes.saving') : t('notes.hint')} {!refused && <Kbd shortcut={{ code: 'Enter', ctrl: true }} />}
      </p>
    </fieldset>
  );
}
