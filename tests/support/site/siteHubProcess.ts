import pg from 'pg';
import type { HubConfig } from '../../../electron/services/hub/hubService';
import { SiteHubClient } from '../../../electron/services/site/hub/siteHubClient';

/**
 * A site instance reduced to its Hub client, in a process of its own, for the take-over test
 * with a real RabbitMQ: kill -9 it and the other instance carries on. One JSON line per log
 * line on stdout. Arguments: { connection, hub, clientId, holderId } as JSON.
 */
const { connection, hub, clientId, holderId } = JSON.parse(process.argv[2]!) as { connection: pg.ClientConfig; hub: HubConfig; clientId: string; holderId: string };
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...line, holderId, at: Date.now() })}\n`);
const pool = new pg.Pool({ ...connection, max: 4 });
pool.on('error', () => undefined);
const client = new SiteHubClient({
  pool,
  connection,
  hub,
  clientId,
  timeZone: 'Europe/Paris',
  holderId,
  sweepMs: 300,
  reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
  log: (line) => say({ event: 'log', line }),
});
await client.start();
say({ event: 'started' });
process.on('SIGTERM', () => {
  void client.stop().finally(() => {
    void pool.end().finally(() => process.exit(0));
  });
});
