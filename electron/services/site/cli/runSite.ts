import { SiteConfigError, loadSiteConfig } from '../siteConfig';
import { startSite } from '../siteServer';
import { SiteSchemaError } from '../store/migrateSite';

/**
 * The site service's command line, as a function: `cli/site.ts` runs it at once, and the kill
 * tests keep a process with every module already loaded waiting to run it (a cold start is
 * mostly module loading on a busy machine). Exit 2 for a wrong configuration, 1 when PostgreSQL
 * is unreachable or its schema is newer than this code (the systemd unit restarts it; the desks
 * keep working offline meanwhile).
 */
export async function runSite(args: readonly string[]): Promise<void> {
  const at = args.indexOf('--config');
  const file = at >= 0 ? args[at + 1] : undefined;
  if (!file) {
    process.stderr.write('usage: npm run site -- --config <site.json>\n');
    process.exit(2);
  }

  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  try {
    const config = loadSiteConfig(file);
    const site = await startSite(config, log);
    const stop = () => {
      log('stopping');
      void site.close().finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    if (error instanceof SiteConfigError) {
      process.stderr.write(`plateau-site: ${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof SiteSchemaError) {
      process.stderr.write(`plateau-site: ${error.message}\n`);
      process.exit(1);
    }
    const e = error as Error & { code?: string };
    const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(e.code ?? '') || /timeout|connect/i.test(e.message);
    process.stderr.write(
      unreachable
        ? `plateau-site: PostgreSQL is unreachable (${e.message}); the desks keep working offline and will catch up once the site is back\n`
        : `plateau-site: cannot start: ${e.message}\n`,
    );
    process.exit(1);
  }
}
