import { useUiStore } from '../stores/uiStore';
import type { Command } from './command';

/** The journal's health on this post (chain, integrity, outbox). */
export function diagnosticsCommands(): Command[] {
  return [
    { id: 'diagnostics.open', labelKey: 'commands.diagnostics', shortcut: { code: 'KeyJ', alt: true }, inFields: true, run: () => useUiStore.getState().setDiagnosticsOpen(true) },
  ];
}
