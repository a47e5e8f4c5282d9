import { describe, expect, it } from 'vitest';
import { isDistributionIdOf, isHubClientId } from '../../../../../shared/domain/hub/hubIds';
import { hubDateTime, isCalendarDate, parseHubDateTime } from '../../../../../shared/domain/hub/hubTime';
import { checkJsonBounds } from '../../../../../shared/domain/hub/jsonGuard';
import { isAnswerable, kindProblem } from '../../../../../shared/domain/hub/kindRules';
import { visibleText } from '../../../../../shared/domain/hub/visibleText';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('the depth and size guard (before JSON.parse)', () => {
  const limits = { maxBytes: 1000, maxDepth: 3 };
  it('counts brackets outside strings only, escapes included', () => {
    expect(checkJsonBounds(utf8('{"a":[{"b":1}]}'), limits)).toEqual({ ok: true });
    expect(checkJsonBounds(utf8('{"a":"[[[[[[\\"[[[[","b":[]}'), limits)).toEqual({ ok: true });
    expect(checkJsonBounds(utf8('{"a":[{"b":[1]}]}'), limits)).toMatchObject({ ok: false, problem: expect.stringContaining('more than 3 levels') });
  });
  it('refuses 10,000 levels and 5 MB without recursion, in one pass', () => {
    expect(checkJsonBounds(utf8('['.repeat(10_000) + ']'.repeat(10_000)))).toMatchObject({ ok: false });
    expect(checkJsonBounds(new Uint8Array(5 * 1024 * 1024))).toMatchObject({ ok: false, problem: expect.stringContaining('5242880 bytes') });
    expect(checkJsonBounds(utf8('x'.repeat(1001)), limits)).toMatchObject({ ok: false });
  });
});

describe('dates that exist', () => {
  it('refuses 30 February, 24:00 and offsets beyond ±14:00 instead of rolling over', () => {
    expect(parseHubDateTime('2026-02-30T10:00:00+01:00')).toBeNaN();
    expect(parseHubDateTime('2026-04-31T10:00:00+01:00')).toBeNaN();
    expect(parseHubDateTime('2026-03-02T24:00:00+01:00')).toBeNaN();
    expect(parseHubDateTime('2026-03-02T10:00:00+15:00')).toBeNaN();
    expect(parseHubDateTime('2024-02-29T10:00:00+01:00')).toBe(Date.parse('2024-02-29T09:00:00Z'));
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2024-13-01')).toBe(false);
  });
});

describe('Hub date-times written from a cached offset', () => {
  it('match Intl on every zone shape (half and quarter hours, DST both ways), second by second around the changes', () => {
    const formats = new Map<string, Intl.DateTimeFormat>();
    const reference = (ms: number, timeZone: string) => {
      if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' }));
      const parts = formats.get(timeZone)!.formatToParts(new Date(ms));
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${get('timeZoneName').replace('GMT', '') || '+00:00'}`;
    };
    const instants = [Date.parse('2026-03-29T00:59:58.999Z'), Date.parse('2026-03-29T01:00:00Z'), Date.parse('2026-10-25T00:59:59.500Z'), Date.parse('2026-10-25T01:00:00Z'), Date.parse('2026-04-04T15:00:00Z'), Date.parse('2026-09-26T14:00:00Z')];
    for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 9 * 3_600_000 + 61_001) instants.push(ms);
    for (const timeZone of ['Europe/Paris', 'Indian/Reunion', 'UTC', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham']) {
      for (const ms of instants) for (const d of [-1000, 0, 1000]) expect(hubDateTime(ms + d, timeZone), `${timeZone} ${new Date(ms + d).toISOString()}`).toBe(reference(ms + d, timeZone));
    }
  });
});

describe('sender ids and distributionIDs', () => {
  it('a sender id is the official shape, bounded, without NUL, bidi or spaces', () => {
    expect(isHubClientId('fr.health.samu440')).toBe(true);
    for (const bad of ['fr.health.samu440\u0000', 'fr.health.samu440\u202e', 'fr.health.samu 440', 'FR.health.samu440', `fr.health.${'a'.repeat(100)}`, '']) expect(isHubClientId(bad), JSON.stringify(bad)).toBe(false);
  });
  it('a distributionID belongs to its sender and is plain visible ASCII after it', () => {
    expect(isDistributionIdOf('fr.health.samu440', 'fr.health.samu440_0195a3f0-0000-7000-8000-000000000000')).toBe(true);
    expect(isDistributionIdOf('fr.health.samu440', 'fr.health.samu999_1')).toBe(false);
    expect(isDistributionIdOf('fr.health.samu440', 'fr.health.samu440_')).toBe(false);
    expect(isDistributionIdOf('fr.health.samu440', 'fr.health.samu440_a\u202eb')).toBe(false);
  });
});

describe('the distributionKind means what it says', () => {
  it('agrees with the payload and the queue', () => {
    expect(kindProblem('Report', 'createCaseHealth', 'message')).toBeNull();
    expect(kindProblem('Cancel', 'createCaseHealth', 'message')).toBeNull();
    expect(kindProblem('Update', 'createCaseHealthUpdate', 'message')).toBeNull();
    expect(kindProblem('Cancel', 'createCaseHealthUpdate', 'message')).toBeNull();
    expect(kindProblem('Update', 'appointment', 'message')).toBeNull();
    expect(kindProblem('Ack', 'reference', 'ack')).toBeNull();
    expect(kindProblem('Error', 'error', 'info')).toBeNull();
  });
  it('refuses the rest, saying why', () => {
    expect(kindProblem('Update', 'createCaseHealth', 'message')).toMatch(/cannot be a Update/);
    expect(kindProblem('Report', 'createCaseHealthUpdate', 'message')).toMatch(/cannot be a Report/);
    expect(kindProblem('Cancel', 'reference', 'ack')).toMatch(/cannot be a Cancel/);
    expect(kindProblem('Report', 'createCaseHealth', 'ack')).toMatch(/arrived on \.ack, expected \.message/);
    expect(kindProblem('Ack', 'reference', 'message')).toMatch(/expected \.ack/);
    expect(kindProblem('Error', 'error', 'message')).toMatch(/expected \.info/);
    expect(kindProblem('Alert', 'createCaseHealth', 'message')).toMatch(/not one of/);
    expect(kindProblem('Report', 'emsi', 'message')).toMatch(/not one Plateau reads/);
    expect(isAnswerable('message')).toBe(true);
    expect(isAnswerable('ack')).toBe(false);
    expect(isAnswerable('info')).toBe(false);
  });
});

describe('received text made visible', () => {
  it('shows control, bidi and zero-width characters and lone surrogates; keeps text, emoji, line feeds and tabs', () => {
    expect(visibleText('a\u0000b')).toBe('a\u2400b');
    expect(visibleText('\u001b[31m')).toBe('\u241b[31m');
    expect(visibleText('x\u007f')).toBe('x\u2421');
    expect(visibleText('abc\u202edcba')).toBe('abc⟨U+202E⟩dcba');
    expect(visibleText('\u2066x\u2069')).toBe('⟨U+2066⟩x⟨U+2069⟩');
    expect(visibleText('zero\u200bwidth\ufeff')).toBe('zero⟨U+200B⟩width⟨U+FEFF⟩');
    expect(visibleText('lone \ud800 surrogate')).toBe('lone ⟨U+D800⟩ surrogate');
    expect(visibleText('Léo 🚑\n\tfin')).toBe('Léo 🚑\n\tfin');
    expect(visibleText('\r')).toBe('\u240d');
  });
});
