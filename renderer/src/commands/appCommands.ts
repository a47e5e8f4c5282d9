import type { i18n as I18n } from 'i18next';
import { callCommands, type Regulator, type Speaker } from './callCommands';
import { phoneCommands } from './phoneCommands';
import type { DirectoryEntry } from '../stores/phoneStore';
import type { Command } from './command';
import { diagnosticsCommands } from './diagnosticsCommands';
import { dossierCommands } from './dossierCommands';
import { followUpCommands } from './followUpCommands';
import { navigationCommands } from './navigationCommands';
import { queueCommands } from './queueCommands';
import { regulationCommands } from './regulationCommands';
import { screenCommands } from './screenCommands';
import { searchCommands } from './searchCommands';
import { sessionCommands } from './sessionCommands';
import { settingsCommands } from './settingsCommands';
import { updateCommands } from './updateCommands';
import { supervisorCommands } from './supervisorCommands';

/**
 * The command sets, one per view or capability. Their order is the palette's, as operators
 * learnt it: with a query, Enter runs the first enabled command that matches, so moving a set
 * here can change what a typed query runs. The session's commands (lock, sign out) come last:
 * Ctrl+K then a bare Entrée must never lock the post in the middle of a call.
 */
export function commandSets(i18n: I18n, regulators: readonly Regulator[] = [], speakers: readonly Speaker[] = [], directory: readonly DirectoryEntry[] = []): Record<string, Command[]> {
  return {
    navigation: navigationCommands(),
    regulation: regulationCommands(),
    followUp: followUpCommands(),
    diagnostics: diagnosticsCommands(),
    dossier: dossierCommands(),
    queue: queueCommands(),
    search: searchCommands(),
    call: callCommands(regulators, speakers),
    phone: phoneCommands(regulators, directory),
    screen: screenCommands(i18n),
    update: updateCommands(),
    supervisor: supervisorCommands(i18n),
    settings: settingsCommands(),
    session: sessionCommands(),
  };
}

/**
 * The registry: every action of the app, with its shortcut. `regulators`: this position's
 * extension plan (call:extensions), one palette entry each to transfer the call to; `speakers`:
 * the audio outputs the calls can move to.
 */
export function appCommands(i18n: I18n, regulators: readonly Regulator[] = [], speakers: readonly Speaker[] = [], directory: readonly DirectoryEntry[] = []): Command[] {
  return Object.values(commandSets(i18n, regulators, speakers, directory)).flat();
}
