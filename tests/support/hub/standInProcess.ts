import { HubDispatcher } from './hubDispatcher';
import { PeerRegulationBot } from './partnerBots';
import type { RabbitBroker } from './rabbitBroker';

/**
 * The Hub stand-in (dispatcher + one partner) in a process of its own, for the benchmark: on a
 * 2-core machine, running it inside the measured process would charge Plateau with the stand-in's
 * schema checks. Argument: the broker's public fields as JSON. Prints one JSON line per second.
 */
const broker = JSON.parse(process.argv[2]!) as RabbitBroker;
const partnerId = process.argv[3]!;
const dispatcher = new HubDispatcher(broker);
dispatcher.validateEvery = Number(process.argv[4] ?? 1);
const peer = new PeerRegulationBot(partnerId, broker);
peer.validate = false;
peer.keepPayloads = false;
await dispatcher.start();
await peer.connect();
const report = () => process.stdout.write(`${JSON.stringify({ ready: true, applied: peer.applied.length, duplicates: [...peer.duplicates.values()].reduce((a, b) => a + b, 0), refused: dispatcher.refused.length })}\n`);
report();
setInterval(report, 500);
process.on('SIGTERM', () => {
  void Promise.all([peer.close(), dispatcher.stop()]).finally(() => {
    report();
    process.exit(0);
  });
});
