import { npmContext, runAdminCommand } from '../../admin/adminCommands';

/**
 * `npm run config:check`: the configuration this machine would use (PLATEAU_CONFIG honoured, as
 * in a development build) and where each setting comes from; `Plateau --check-config` in the
 * package applies the packaged rules. Exit 0 OK, 1 something refused, 2 invalid.
 */
process.exit(await runAdminCommand(['--check-config'], npmContext()));
