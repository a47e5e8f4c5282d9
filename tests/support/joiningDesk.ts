import { openDesk } from './room';

/**
 * A desk as its own process, to be killed -9 while it joins a room (tests/integration/site/
 * roomJoin.test.ts). Arguments: <root dir> <workstation id> <desk number> <site port>. Prints one
 * JSON line per status of its site link: the positions it holds and the join's progress.
 */
const [root, id, deskNumber, port] = process.argv.slice(2) as [string, string, string, string];
const desk = openDesk(root, id, Number(deskNumber), Number(port));
desk.services.events.subscribe((channel, payload) => {
  if (channel !== 'site:status') return;
  const rows = desk.services.journal.siteSync;
  process.stdout.write(`${JSON.stringify({ pulledPos: rows.pulledPos(), lastReceivedPos: rows.lastReceivedPos(), join: (payload as { join: unknown }).join })}\n`);
});
