import { HubLease, LeaseLostError } from '../../../electron/services/site/hubLease';

/**
 * A site instance reduced to its Hub lease, in a process of its own, for the kill -9 and freeze
 * tests. While it holds the lease it "sends" continuously on two lanes, each send a fenced
 * transaction that records (holder, token, time) in `lease_sends`, so the test can check on the
 * database that no two holders ever sent at once. One JSON line on stdout per lease change.
 * Arguments: the connection as JSON, the holder id.
 */
const connection = JSON.parse(process.argv[2]!) as { host: string; port: number; user: string; database: string };
const holderId = process.argv[3]!;
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...line, holderId, at: Date.now() })}\n`);

let refused = 0;
let sent = 0;
const lease = new HubLease({
  connection,
  holderId,
  onAcquired: (token) => say({ event: 'acquired', token }),
  onLost: (token, reason) => say({ event: 'lost', token, reason }),
});

async function lane(): Promise<void> {
  for (;;) {
    if (lease.isHolder()) {
      try {
        await lease.fenced(async (tx) => {
          await tx.query('INSERT INTO lease_sends (holder, token, at) VALUES ($1, $2, clock_timestamp())', [holderId, tx.token]);
        });
        sent += 1;
      } catch (error) {
        if (error instanceof LeaseLostError) refused += 1;
        else say({ event: 'error', message: (error as Error).message });
      }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

await lease.start();
say({ event: 'started' });
void lane();
void lane();
setInterval(() => say({ event: 'tally', sent, refused, holding: lease.isHolder() }), 500);
process.on('SIGTERM', () => {
  void lease.stop().finally(() => {
    say({ event: 'stopped', sent, refused });
    process.exit(0);
  });
});
