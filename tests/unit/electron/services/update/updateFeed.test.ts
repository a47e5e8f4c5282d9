import { describe, expect, it } from 'vitest';
import { artefactFor, feedFileName, parseFeed } from '../../../../../electron/services/update/updateFeed';
import { type UpdateProblem } from '../../../../../electron/services/update/updateProblem';
import { decideUpdate, stagingBucket, stagingId } from '../../../../../electron/services/update/updateDecision';
import { quietMoment } from '../../../../../electron/services/update/quietMoment';

const SHA = 'j4l8lRO3R5DbOH1aEDVGxZqTqPDXPdJdV/EV9uIjCEWTzZzmgw9fp3bHfq4SpqkNnSNDn6tnXgAhf6ZUeSLHkA==';
/** As electron-builder 26 writes it for an NSIS build (blockMapSize and the legacy path/sha512 included). */
const LATEST_YML = `version: 1.4.2
files:
  - url: Plateau-Setup-1.4.2.exe
    sha512: ${SHA}
    size: 98123456
    blockMapSize: 102611
    isAdminRightsRequired: true
path: Plateau-Setup-1.4.2.exe
sha512: ${SHA}
releaseDate: '2026-11-30T09:12:45.123Z'
stagingPercentage: 25
`;

describe('update feed (latest.yml)', () => {
  it('reads what electron-builder writes, tolerating the fields it does not need', () => {
    const feed = parseFeed(LATEST_YML, 'latest.yml');
    expect(feed).toEqual({ version: '1.4.2', files: [{ url: 'Plateau-Setup-1.4.2.exe', sha512: SHA, size: 98123456 }], releaseDate: '2026-11-30T09:12:45.123Z', stagingPercentage: 25 });
    expect(artefactFor(feed, 'nsis', 'latest.yml').url).toBe('Plateau-Setup-1.4.2.exe');
    expect(() => artefactFor(feed, 'deb', 'latest.yml')).toThrow(/lists no \.deb/);
    expect(feedFileName('win32')).toBe('latest.yml');
    expect(feedFileName('linux')).toBe('latest-linux.yml');
  });

  it('refuses HTML, broken YAML, a missing version or a malformed hash, each with its code', () => {
    const problem = (text: string) => {
      try {
        parseFeed(text, 'feed');
      } catch (error) {
        return (error as UpdateProblem).problem;
      }
      return null;
    };
    expect(problem('<!doctype html><title>Proxy</title>')).toBe('feedNotYaml');
    expect(problem('version: [1.0')).toBe('feedInvalid');
    expect(problem(LATEST_YML.replace('version: 1.4.2', 'version: latest'))).toBe('feedInvalid');
    expect(problem(LATEST_YML.replaceAll(SHA, 'abc'))).toBe('feedInvalid');
  });

  it('decides: hold, lower, equal, pin, rollout — in that order', () => {
    const policy = { hold: false, pinVersion: null, firstWave: false };
    const feed = { version: '1.4.2', stagingPercentage: null };
    expect(decideUpdate('1.4.1', feed, policy, 50)).toEqual({ offer: true, version: '1.4.2' });
    expect(decideUpdate('1.4.1', feed, { ...policy, hold: true }, 50)).toMatchObject({ offer: false, reason: 'held' });
    expect(decideUpdate('1.5.0', feed, policy, 50)).toMatchObject({ offer: false, reason: 'lowerVersion' });
    expect(decideUpdate('1.4.2', feed, policy, 50)).toMatchObject({ offer: false, reason: 'upToDate' });
    expect(decideUpdate('1.4.2-rc.1', feed, policy, 50)).toEqual({ offer: true, version: '1.4.2' });
    expect(decideUpdate('1.4.1', feed, { ...policy, pinVersion: '1.4.0' }, 50)).toMatchObject({ offer: false, reason: 'pinned' });
    expect(decideUpdate('1.4.1', { ...feed, stagingPercentage: 25 }, policy, 24.9)).toEqual({ offer: true, version: '1.4.2' });
    expect(decideUpdate('1.4.1', { ...feed, stagingPercentage: 25 }, policy, 25)).toMatchObject({ offer: false, reason: 'notInRollout' });
    expect(decideUpdate('1.4.1', { ...feed, stagingPercentage: 25 }, { ...policy, firstWave: true }, 99)).toEqual({ offer: true, version: '1.4.2' });
  });

  it("places a post in the rollout from its workstation id, as a UUID electron-updater accepts", () => {
    const id = stagingId('arm-03');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stagingId('arm-03')).toBe(id);
    expect(stagingId('arm-04')).not.toBe(id);
    const buckets = Array.from({ length: 400 }, (_, i) => stagingBucket(stagingId(`poste-${i}`)));
    // Spread over the room: about a quarter of the posts below 25.
    expect(buckets.filter((b) => b < 25).length).toBeGreaterThan(70);
    expect(buckets.filter((b) => b < 25).length).toBeLessThan(130);
  });

  it('a quiet moment: no call up and nothing unsaved', () => {
    expect(quietMoment({ callsUp: 0, unsavedWork: false })).toEqual({ quiet: true });
    expect(quietMoment({ callsUp: 1, unsavedWork: false })).toEqual({ quiet: false, reason: 'callUp' });
    expect(quietMoment({ callsUp: 0, unsavedWork: true })).toEqual({ quiet: false, reason: 'unsavedWork' });
  });
});
