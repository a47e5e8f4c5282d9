import { npmContext, runAdminCommand } from '../../admin/adminCommands';

/**
 * `npm run journal:verify -- <file>`: the hash chain and SQLite's integrity check, read-only.
 * Exit 0 all good, 1 a check failed, 2 cannot check (usage, missing file, not a journal).
 * The same code answers `Plateau --verify-journal` in the package (admin/adminCommands.ts).
 */
process.exit(await runAdminCommand(['--verify-journal', ...process.argv.slice(2)], npmContext()));
