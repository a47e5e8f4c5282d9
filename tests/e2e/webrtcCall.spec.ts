import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { BrowserContext, Page } from '@playwright/test';
import { startHarness, type Harness } from '../harness/server';
import { MemorySecretStore } from '../../electron/services/telephony/secretStore';
import { signIn } from '../support/operators';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { Kamailio, sipPeersAvailable, TEST_SIP_PASSWORD } from '../support/sip/peers';
import { typeSipPassword } from './settingsKeys';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { countPointerEvents, expect, pointerEvents, test } from './fixtures';
import { journalFile } from '../support/journalFile';

/**
 * A real WebRTC call between two positions (issue 5, item 6): two harnesses (services + renderer
 * in Chromium with fake audio devices), registered on Kamailio over WebSocket as 201 and 202. 201
 * calls 202, 202 answers with F3, audio flows both ways (inbound RTP counters in getStats() grow
 * on both pages), 202 moves its audio to another output from the palette, F6 on 201 holds (no RTP either way: the held caller must not hear the room),
 * F6 resumes, F4 hangs up and both journals end the call.
 *
 * The loopback rule: Chromium's ICE gathers on every interface and drops loopback candidates by
 * default. So the whole scenario (Kamailio, both harnesses, Chromium) runs in a network namespace
 * of its own that has only `lo`: the outer test re-executes this spec with `unshare --net`, and
 * Chromium gets --allow-loopback-in-peer-connection so that its 127.0.0.1 host candidates are
 * used. Nothing can listen beyond loopback there, and the inner test checks it anyway
 * (/proc/net/{tcp,udp}{,6} of the namespace, while the call is up).
 */
declare global {
  interface Window {
    /** Set by renderer/src/media/mediaBridge.ts when the harness runs with exposeMedia. */
    __plateauMedia?: { callIds(): string[]; peerConnection(callId: string): RTCPeerConnection | undefined; sinkId(callId: string): string | undefined };
  }
}

const INNER = process.env.PLATEAU_WEBRTC_NETNS === '1';
const IP_BIN = '/usr/sbin/ip';

/** Null when a loopback-only network namespace can be made here; otherwise why not. */
function namespaceUnavailable(): string | null {
  const probe = spawnSync('unshare', ['--net', '--', IP_BIN, 'link', 'set', 'lo', 'up'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error) return `unshare/ip not runnable: ${probe.error.message} (Debian packages util-linux and iproute2; needs root or user namespaces)`;
  if (probe.status !== 0) return `unshare --net failed (${probe.status}): ${probe.stderr.trim()} (needs root or unprivileged user namespaces)`;
  return null;
}

if (!INNER) {
  test('a real WebRTC call between two positions, in a loopback-only network namespace', async () => {
    test.setTimeout(180_000);
    if (!sipPeersAvailable()) test.skip(true, 'kamailio / sipp missing');
    const why = namespaceUnavailable();
    if (why) {
      if (process.env.CI === 'true') throw new Error(`webrtcCall.spec.ts needs a network namespace: ${why}`);
      console.warn(`\n!!! SKIPPED: webrtcCall.spec.ts needs a network namespace: ${why}\n`);
      test.skip(true, why);
    }
    const out = makeTempDir('plateau-e2e-netns-');
    try {
      // The same spec, same config, in a new network namespace: lo up, then Playwright again.
      const child = spawn(
        'unshare',
        ['--net', '--', 'sh', '-c', `${IP_BIN} link set lo up && exec "$0" node_modules/@playwright/test/cli.js test tests/e2e/webrtcCall.spec.ts --reporter=list --workers=1 --output "$1"`, process.execPath, out.path],
        { env: { ...process.env, PLATEAU_WEBRTC_NETNS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let log = '';
      child.stdout.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        process.stderr.write(chunk);
      });
      const killer = setTimeout(() => child.kill('SIGTERM'), 170_000);
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      clearTimeout(killer);
      expect(code, `the run in the namespace failed:\n${log.slice(-3000)}`).toBe(0);
      expect(log, 'the run in the namespace must have run the call, not skipped it').toMatch(/\b1 passed\b/);
    } finally {
      out.cleanup();
    }
  });
} else {
  test.use({
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
        // Loopback host candidates, as plain IPs (no mDNS names, no mDNS responder socket).
        '--allow-loopback-in-peer-connection',
        '--disable-features=WebRtcHideLocalIpsWithMdns',
      ],
    },
  });

  test('inside the namespace: 201 calls 202, audio both ways, hold stops it, hang-up ends both', async ({ browser }) => {
    test.setTimeout(150_000);
    expect(Object.keys(networkInterfaces()), 'this run must be in a namespace with only lo').toEqual(['lo']);
    const tmp = makeTempDir('plateau-e2e-webrtc-');
    const kamailio = await Kamailio.create(tmp.path);
    const harnesses: Harness[] = [];
    const contexts: BrowserContext[] = [];
    try {
      await kamailio.start();
      const position = async (user: string) => {
        const dir = `${tmp.path}/${user}`;
        mkdirSync(dir, { recursive: true });
        const aor = `sip:${user}@127.0.0.1`;
        const telephony = { serverUrl: kamailio.wsUrl, aor, authUser: user, displayName: `Poste ${user}`, heartbeatMs: 1000, mediaTimeoutMs: 8000 };
        const harness = await startHarness({
          config: testConfig(dir, { telephony } as never),
          serviceOptions: { secrets: new MemorySecretStore() },
          exposeMedia: true,
        });
        harnesses.push(harness);
        const context = await browser.newContext();
        contexts.push(context);
        const page = await context.newPage();
        await countPointerEvents(page);
        // The password as a supervisor types it in the settings, then the ARM takes the position.
        await signIn(harness.services(), 'SUPERVISEUR');
        await page.goto(harness.url);
        await typeSipPassword(page, TEST_SIP_PASSWORD);
        await expect(page.getByTestId('settings-telephony-status')).toContainText('État : En ligne');
        await page.keyboard.press('Escape');
        await signIn(harness.services(), 'ARM');
        await page.reload();
        await expect(page.getByTestId('telephony-status')).toContainText('En ligne');
        return { harness, page };
      };
      const a = await position('201');
      const b = await position('202');

      // 201 dials 202 (the palette has no extension dialling yet: the API the UI would call).
      const placed = await a.page.evaluate(() => window.plateau.placeCall({ target: { kind: 'extension', extension: '202' } }));
      expect(placed.ok).toBe(true);
      await expect(b.page.getByTestId('call-ringing')).toBeVisible();
      await b.page.keyboard.press('F3');
      await expect(b.page.getByTestId('call-active')).toBeVisible();
      await expect(a.page.getByTestId('call-active')).toBeVisible();

      // Audio flows both ways, over 127.0.0.1 host candidates.
      for (const side of [a, b]) await expect.poll(() => rtp(side.page).then((s) => s.packetsReceived), { timeout: 15_000 }).toBeGreaterThan(50);
      const [a1, b1] = [await rtp(a.page), await rtp(b.page)];
      await sleep(1000);
      const [a2, b2] = [await rtp(a.page), await rtp(b.page)];
      expect(a2.packetsReceived).toBeGreaterThan(a1.packetsReceived + 20);
      expect(b2.packetsReceived).toBeGreaterThan(b1.packetsReceived + 20);
      expect(a2.bytesReceived).toBeGreaterThan(a1.bytesReceived);
      expect(b2.bytesReceived).toBeGreaterThan(b1.bytesReceived);
      for (const s of [a2, b2]) expect(s.pair).toEqual({ local: '127.0.0.1', remote: '127.0.0.1' });

      // Nothing in this namespace is bound beyond loopback (Kamailio, harnesses, Chromium's ICE).
      expect(nonLoopbackSockets()).toEqual([]);

      // 202 moves the call's audio to another output from the palette (setSinkId), mid-call.
      await b.page.keyboard.press('Control+k');
      await b.page.keyboard.type('Sortie audio des appels : Fake Audio Output 1');
      await b.page.keyboard.press('Enter');
      const wanted = await b.page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).find((d) => d.kind === 'audiooutput' && d.label === 'Fake Audio Output 1')?.deviceId);
      expect(wanted).toBeTruthy();
      await expect.poll(() => b.page.evaluate(() => window.__plateauMedia!.sinkId(window.__plateauMedia!.callIds()[0]!))).toBe(wanted);

      // F6 on 201 holds: after the re-INVITE, no RTP either way (the held side hears nothing).
      await a.page.keyboard.press('F6');
      await expect(a.page.getByTestId('call-held')).toBeVisible();
      await sleep(600); // packets already in flight
      const [ah1, bh1] = [await rtp(a.page), await rtp(b.page)];
      await sleep(1500);
      const [ah2, bh2] = [await rtp(a.page), await rtp(b.page)];
      expect(bh2.packetsReceived, 'the held side receives nothing').toBe(bh1.packetsReceived);
      expect(ah2.packetsReceived, 'the holding side receives nothing').toBe(ah1.packetsReceived);

      // F6 again resumes: audio again both ways.
      await a.page.keyboard.press('F6');
      await expect(a.page.getByTestId('call-active')).toBeVisible();
      await expect.poll(() => rtp(b.page).then((s) => s.packetsReceived), { timeout: 10_000 }).toBeGreaterThan(bh2.packetsReceived + 20);
      await expect.poll(() => rtp(a.page).then((s) => s.packetsReceived), { timeout: 10_000 }).toBeGreaterThan(ah2.packetsReceived + 20);

      // F4 on 202 hangs up: both positions end the call, both journals say so.
      await b.page.keyboard.press('F4');
      for (const side of [a, b]) await expect(side.page.getByText('Aucun appel')).toBeVisible();
      const journalled = (h: Harness) => journalFile(h.services().journal).prepare<[], { type: string }>("SELECT type FROM events WHERE type GLOB 'call.*' ORDER BY seq").all().map((r) => r.type);
      await expect.poll(() => journalled(a.harness)).toEqual(['call.presented', 'call.ringing', 'call.answered', 'call.held', 'call.resumed', 'call.ended']);
      await expect.poll(() => journalled(b.harness)).toEqual(['call.presented', 'call.ringing', 'call.answered', 'call.ended']);
      const ended = (h: Harness) => journalFile(h.services().journal).prepare<[], { end_reason: string }>('SELECT end_reason FROM calls').get()?.end_reason;
      expect(ended(a.harness)).toBe('BYE');
      expect(ended(b.harness)).toBe('BYE');
      // The peer connections are released on both pages.
      for (const side of [a, b]) await expect.poll(() => side.page.evaluate(() => window.__plateauMedia!.callIds().length)).toBe(0);
      for (const side of [a, b]) expect(await pointerEvents(side.page)).toBe(0);
    } finally {
      for (const context of contexts) await context.close().catch(() => {});
      for (const harness of harnesses) {
        await harness.services().stopTelephony();
        await harness.stop();
      }
      await kamailio.stop();
      tmp.cleanup();
    }
  });
}

interface RtpSample {
  packetsReceived: number;
  bytesReceived: number;
  pair: { local: string; remote: string } | null;
}

/** The page's one call: inbound audio RTP counters and the selected ICE pair's addresses. */
async function rtp(page: Page): Promise<RtpSample> {
  return page.evaluate(async () => {
    const media = window.__plateauMedia!;
    const [callId] = media.callIds();
    const pc = callId ? media.peerConnection(callId) : undefined;
    const sample = { packetsReceived: 0, bytesReceived: 0, pair: null as { local: string; remote: string } | null };
    if (!pc) return sample;
    const stats = await pc.getStats();
    stats.forEach((s: { type: string; kind?: string; packetsReceived?: number; bytesReceived?: number; selectedCandidatePairId?: string }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        sample.packetsReceived += s.packetsReceived ?? 0;
        sample.bytesReceived += s.bytesReceived ?? 0;
      }
      if (s.type === 'transport' && s.selectedCandidatePairId) {
        const pair = stats.get(s.selectedCandidatePairId) as { localCandidateId: string; remoteCandidateId: string };
        const address = (id: string) => (stats.get(id) as { address?: string; ip?: string }).address ?? (stats.get(id) as { ip?: string }).ip ?? '?';
        sample.pair = { local: address(pair.localCandidateId), remote: address(pair.remoteCandidateId) };
      }
    });
    return sample;
  });
}

/** Sockets of this network namespace whose local address is not loopback (hex from /proc/net). */
function nonLoopbackSockets(): string[] {
  const bad: string[] = [];
  for (const file of ['tcp', 'udp', 'tcp6', 'udp6']) {
    const lines = readFileSync(`/proc/net/${file}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const local = line.trim().split(/\s+/)[1]!;
      const [address] = local.split(':');
      const loopback = file.endsWith('6') ? address === '00000000000000000000000001000000' || /^0000000000000000FFFF00000[0-9A-F]00007F$/i.test(address!) : address!.endsWith('7F');
      if (!loopback) bad.push(`${file} ${local}`);
    }
  }
  return bad;
}


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
