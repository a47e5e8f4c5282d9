import { npmContext, runAdminCommand } from '../../admin/adminCommands';

/**
 * `npm run operator:add -- --config <workstation.json> --login <login> --name "<name>" --role <ROLE> [--rpps <11 digits>]`
 * The first-start bootstrap (no account exists yet: create the first ADMIN), and IT's way in
 * should every admin be locked out. The same code answers `Plateau --add-operator` in the
 * package (admin/adminCommands.ts): the password from stdin or PLATEAU_OPERATOR_PASSWORD, the
 * creation journaled with the console user as its author.
 */
process.exitCode = await runAdminCommand(['--add-operator', ...process.argv.slice(2)], npmContext());
