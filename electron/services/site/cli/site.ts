import { runSite } from './runSite';

/** `npm run site -- --config <site.json>`: the room's site service. */
await runSite(process.argv.slice(2));
