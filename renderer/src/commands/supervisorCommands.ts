import type { i18n as I18n } from 'i18next';
import { FOCUS } from '../focus/focusTargets';
import { exportIndicatorsCsv, printIndicatorReport } from '../stores/indicatorStore';
import { useUiStore } from '../stores/uiStore';
import type { Command } from './command';
import { may, show } from './commandContext';

/** The supervisor's screen (issue 15): the period's indicators, the live floor, the exports. */
export function supervisorCommands(i18n: I18n): Command[] {
  const view = () => useUiStore.getState().view;
  return [
    { id: 'view.indicators', labelKey: 'commands.viewIndicators', shortcut: { code: 'KeyI', alt: true }, inFields: true, enabled: () => may('indicators:report'), run: () => show('indicators', FOCUS.indicators) },
    { id: 'view.floor', labelKey: 'commands.viewFloor', shortcut: { code: 'KeyS', alt: true, shift: true }, inFields: true, enabled: () => may('floor:status'), run: () => show('floor', FOCUS.floor) },
    {
      id: 'indicators.exportCsv',
      labelKey: 'commands.exportIndicatorsCsv',
      shortcut: { code: 'KeyE', alt: true, shift: true },
      inFields: true,
      enabled: () => may('indicators:report') && view() === 'indicators',
      run: () => exportIndicatorsCsv(i18n.t.bind(i18n)),
    },
    {
      // The dossier report's overlay answers Ctrl+P itself when it is open.
      id: 'indicators.print',
      labelKey: 'commands.printIndicators',
      shortcut: { code: 'KeyP', ctrl: true },
      inFields: true,
      enabled: () => may('indicators:reportPdf') && view() === 'indicators' && useUiStore.getState().reportFor === null,
      run: () => void printIndicatorReport(i18n.t.bind(i18n)),
    },
  ];
}
