import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../../../shared/i18n';
import type { Command } from '../commands/command';
import { commandLabel, translate } from '../i18n';
import { Kbd } from './Kbd';
import { OverlayPanel } from './OverlayPanel';

/** F1: the shortcut map, always the registry's own, grouped by view and role (one command set each). */
export function HelpOverlay({ groups, onClose }: { groups: Record<string, readonly Command[]>; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <OverlayPanel title={t('help.title')} titleId="help-title" onClose={onClose} closeLabel={t('help.close')}>
      {Object.entries(groups).map(([group, commands]) => {
        const withKeys = commands.filter((c) => c.shortcut);
        if (withKeys.length === 0) return null;
        return (
          <section key={group} className="help-group" aria-labelledby={`help-${group}`}>
            <h3 id={`help-${group}`}>{translate(t, `help.groups.${group}` as TranslationKey)}</h3>
            <table>
              <tbody>
                {withKeys.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Kbd shortcut={c.shortcut} />
                    </td>
                    <td>{commandLabel(t, c)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </OverlayPanel>
  );
}
