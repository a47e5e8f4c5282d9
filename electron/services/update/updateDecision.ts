import { createHash } from 'node:crypto';
import semver from 'semver';
import type { UpdatesConfig } from './updatesConfig';

export type UpdateDecision =
  | { offer: true; version: string }
  | { offer: false; reason: 'upToDate' | 'held' | 'pinned' | 'lowerVersion' | 'notInRollout'; detail: string };

/**
 * A workstation's place in a staged rollout, as a UUID. electron-updater reads the same id
 * (`<userData>/.updaterId`) and places it the same way (stagingBucket), so both agree on
 * which share of the room a post is in; derived from the workstation id, it survives a
 * reinstall and IT can tell in advance which posts go first.
 */
export function stagingId(workstationId: string): string {
  const hex = createHash('sha256').update(`plateau-staging:${workstationId}`).digest('hex');
  // Shaped as a version-4 UUID (electron-updater checks the format).
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** 0–100: the rollout percentage from which this id is in (electron-updater's isStagingMatch). */
export function stagingBucket(id: string): number {
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  return (bytes.readUInt32BE(12) / 0xffffffff) * 100;
}

/**
 * Whether the feed's version is for this workstation: IT's hold and pin first, never a lower
 * or the same version, then the staged rollout (the feed's stagingPercentage, unless IT put
 * this post in the first wave).
 */
export function decideUpdate(current: string, feed: { version: string; stagingPercentage: number | null }, policy: Pick<UpdatesConfig, 'hold' | 'pinVersion' | 'firstWave'>, bucket: number): UpdateDecision {
  const offered = feed.version;
  if (policy.hold) return { offer: false, reason: 'held', detail: `updates held by IT (updates.hold); the feed offers ${offered}` };
  if (semver.lt(offered, current)) return { offer: false, reason: 'lowerVersion', detail: `the feed offers ${offered}, lower than the installed ${current}: refused` };
  if (semver.eq(offered, current)) return { offer: false, reason: 'upToDate', detail: `${current} is the feed's version` };
  if (policy.pinVersion !== null && offered !== policy.pinVersion) {
    return { offer: false, reason: 'pinned', detail: `IT pinned ${policy.pinVersion} (updates.pinVersion); the feed offers ${offered}` };
  }
  if (feed.stagingPercentage !== null && !policy.firstWave && bucket >= feed.stagingPercentage) {
    return { offer: false, reason: 'notInRollout', detail: `${offered} is rolled out to ${feed.stagingPercentage} % of the room; this post comes later (${bucket.toFixed(1)})` };
  }
  return { offer: true, version: offered };
}
