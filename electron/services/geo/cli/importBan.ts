import { npmContext, runAdminCommand } from '../../admin/adminCommands';

/**
 * `npm run ban:import -- <adresses-XX.csv> --config <workstation.json>` (or `--data-dir <dir>`):
 * builds the offline address index the located-address field falls back on. The same code
 * answers `Plateau --import-pack ban <file>` in the package (admin/adminCommands.ts).
 */
process.exitCode = await runAdminCommand(['--import-pack', ...process.argv.slice(2)], npmContext());
