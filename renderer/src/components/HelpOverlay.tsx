import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../commands/command';
import { useReturnFocus } from '../hooks/useReturnFocus';
import { commandLabel } from '../i18n';
import { Kbd } from './Kbd';

/** F1: the shortcut map, always the registry's own. */
export function HelpOverlay({ commands, onClose }: { commands: readonly Command[]; onClose: () => void }) {
  const { t } = useTranslation();
  const closeButton = useRef<HTMLButtonElement>(null);
  useReturnFocus();
  useEffect(() => closeButton.current?.focus(), []);
  return (
    <div className="overlay">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        className="help"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      >
        <h2 id="help-title">{t('help.title')}</h2>
        <table>
          <tbody>
            {commands
              .filter((c) => c.shortcut)
              .map((c) => (
                <tr key={c.id}>
                  <td>
                    <Kbd shortcut={c.shortcut} />
                  </td>
                  <td>{commandLabel(t, c)}</td>
                </tr>
              ))}
          </tbody>
        </table>
        <button ref={closeButton} type="button" onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
    </div>
  );
}
