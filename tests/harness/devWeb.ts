import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadWorkstationConfig, parseWorkstationConfig } from '../../electron/services/config/workstationConfig';
import { PSC_SECRET_KEYS } from '../../electron/services/auth/psc/pscConfig';
import { MemorySecretStore } from '../../electron/services/telephony/secretStore';
import { demoPassword, seedDemoOperators, seedRoomDemoOperators } from './demoOperators';
import { startHarness } from './server';
import { PACK_KINDS, type PackKind } from '../../shared/domain/referencePack';

/**
 * `npm run dev:web`: the services and the built renderer on 127.0.0.1, for a browser.
 * Also the process the end-to-end tests start (with --json) and kill to test restarts.
 *   --config <file>     a workstation configuration (default: a demo one in --data-dir)
 *   --data-dir <dir>    where the demo configuration keeps its journal (default .tmp/dev-web)
 *   --port <n>          default: a free port
 *   --json              print one JSON line {url, origin, pid} instead of prose
 *   --ban-csv <file>    import this BAN address file as the offline address index first
 *   --operator <login>  open a session for this demo account at start ("none": the login screen)
 *   --test-clock        let tests move the services' clock (POST /__harness/clock)
 *   --clock-at <iso>    the services' clock starts at this instant (a fixed scene: Sunday 23:40)
 *   --pack <kind>=<file> import this reference pack first (ban, rpps, pharmacies, rotas; repeatable)
 *   --agenda <name>=<url> an agenda endpoint for the GP slot search (FHIR base; repeatable)
 *   --frozen-clock <iso> the services' clock stands still at this instant (screenshots)
 *   --time-zone <zone>  the demo site's zone (default Europe/Paris; e.g. Indian/Reunion)
 *   --demo-operators    seed the demo accounts with a --config too (tests of other sites)
 *   --psc-issuer <url>  offer Pro Santé Connect with this issuer (client "plateau-test"; its
 *                       secret from PLATEAU_PSC_CLIENT_SECRET, kept in memory as the OS store would)
 *   --psc-required      the demo site requires PSC for decisions
 *   --site <url>        the demo desk joins a room: syncs with the site service at this URL (ws:// to
 *                       127.0.0.1 only); with --desk <n> (its number, default 1) and --workstation <id>
 *                       (default poste-demo-<n>). The demo accounts are the room's: seeded once, by the
 *                       first desk that finds the site log without them (see seedRoomDemoOperators)
 *
 * The demo configuration (no --config) seeds one account per role when the journal has none:
 * logins admin, arm, osnp, mru, mrl, superviseur, password "plateau-<login>". Demo only: a real
 * workstation's first admin comes from `npm run operator:add`.
 */
const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    'data-dir': { type: 'string', default: '.tmp/dev-web' },
    port: { type: 'string', default: '0' },
    json: { type: 'boolean', default: false },
    'ban-csv': { type: 'string' },
    operator: { type: 'string', default: 'none' },
    'test-clock': { type: 'boolean', default: false },
    'clock-at': { type: 'string' },
    pack: { type: 'string', multiple: true, default: [] },
    agenda: { type: 'string', multiple: true, default: [] },
    'frozen-clock': { type: 'string' },
    'time-zone': { type: 'string', default: 'Europe/Paris' },
    'demo-operators': { type: 'boolean', default: false },
    'psc-issuer': { type: 'string' },
    'psc-required': { type: 'boolean', default: false },
    site: { type: 'string' },
    desk: { type: 'string', default: '1' },
    workstation: { type: 'string' },
  },
});

const dataDir = resolve(values['data-dir']);
mkdirSync(dataDir, { recursive: true });
const config = values.config
  ? loadWorkstationConfig(resolve(values.config))
  : parseWorkstationConfig(
      {
        siteCode: '690',
        siteName: 'SAMU 69 — démonstration',
        departement: '69',
        workstationId: values.workstation ?? `poste-demo-${values.desk}`,
        dataDir,
        timeZone: values['time-zone'],
        geo: { banBaseUrl: process.env.PLATEAU_BAN_URL ?? null, timeoutMs: 2000 },
        ...(values.agenda.length > 0 ? { agendas: { endpoints: values.agenda.map((a) => ({ name: a.split('=')[0], baseUrl: a.slice(a.indexOf('=') + 1) })) } } : {}),
        ...(values.site ? { site: { url: values.site, deskNumber: Number(values.desk), tls: null } } : {}),
        ...(values['psc-issuer'] ? { psc: { issuer: values['psc-issuer'], clientId: 'plateau-test', requiredForDecisions: values['psc-required'], timeoutMs: 2000, signInTimeoutSeconds: 60 } } : {}),
      },
      resolve(dataDir, 'workstation.json'),
    );

const pscSecret = process.env.PLATEAU_PSC_CLIENT_SECRET;
const harness = await startHarness({
  config,
  port: Number(values.port),
  testClock: values['test-clock'],
  ...(values['clock-at'] ? { clockAt: values['clock-at'] } : {}),
  ...(values['frozen-clock'] ? { frozenClock: values['frozen-clock'] } : {}),
  ...(pscSecret ? { serviceOptions: { secrets: new MemorySecretStore({ [PSC_SECRET_KEYS.clientSecret]: pscSecret }) } } : {}),
});
if (!values.config || values['demo-operators']) {
  if (harness.services().site) await seedRoomDemoOperators(harness.services());
  else await seedDemoOperators(harness.services());
}
if (values.operator !== 'none') {
  const signedIn = await harness.services().auth.login({ login: values.operator, password: demoPassword(values.operator) });
  if (!signedIn.ok) throw new Error(`--operator ${values.operator}: ${signedIn.error.message}`);
}
if (values['ban-csv']) await harness.services().addresses.importCsv(resolve(values['ban-csv']));
for (const pack of values.pack) {
  const [kind, file] = pack.split(/=(.*)/s) as [string, string | undefined];
  if (!PACK_KINDS.includes(kind as PackKind) || !file) throw new Error(`--pack ${pack}: expected <${PACK_KINDS.join('|')}>=<file>`);
  await harness.services().packs.import(kind as PackKind, resolve(file));
}
if (values.json) {
  process.stdout.write(`${JSON.stringify({ url: harness.url, origin: harness.origin, pid: process.pid })}\n`);
} else {
  console.log(`Plateau (harness) — services and renderer on 127.0.0.1\n  journal: ${harness.services().journal.path}\n  open:    ${harness.url}`);
}

const shutdown = () => {
  void harness.stop().finally(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
