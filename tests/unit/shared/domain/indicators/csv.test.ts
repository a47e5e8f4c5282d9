import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, indicatorsCsv } from '../../../../../shared/domain/indicators/csv';
import { recomputeHourly, sumHours } from '../../../../../shared/domain/indicators/recompute';
import { buildSeries } from '../../../../../shared/domain/indicators/series';
import { summarize } from '../../../../../shared/domain/indicators/summary';
import { DEFAULT_QUEUE_LIMITS_MINUTES } from '../../../../../shared/domain/queue';
import { parisDay } from '../../../../support/indicatorEvents';

describe('indicators CSV for the ARS', () => {
  const hourly = recomputeHourly(parisDay().events, 'Europe/Paris');
  const indicators = summarize(sumHours(hourly, '2026-11-23T00', '2026-11-24T00'), DEFAULT_QUEUE_LIMITS_MINUTES);
  const rows = [...hourly].flatMap(([bucket, facts]) => Object.entries(facts).map(([metric, n]) => ({ bucket, metric, n })));
  const series = buildSeries({ from: '2026-11-23', to: '2026-11-23' }, 'hour', rows);
  const csv = indicatorsCsv({ from: '2026-11-23', to: '2026-11-23', timeZone: 'Europe/Paris', indicators, series });
  const lines = csv.slice(1).split('\r\n');

  it('is UTF-8 with a BOM, `;`-separated, CRLF, with the documented header', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(lines[0]).toBe(CSV_COLUMNS.join(';'));
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(1, -1)) expect(line.split(';')).toHaveLength(CSV_COLUMNS.length);
  });

  it('writes French decimals and the hand-computed figures', () => {
    expect(lines).toContain('2026-11-23;2026-11-23;Europe/Paris;appels_presentes;;6;appels');
    expect(lines).toContain('2026-11-23;2026-11-23;Europe/Paris;decroches_30s;part;33,3;%');
    expect(lines).toContain('2026-11-23;2026-11-23;Europe/Paris;snp_rdv_48h;part;33,3;%');
    expect(lines).toContain('2026-11-23;2026-11-23;Europe/Paris;serie_appels_presentes;2026-11-23T10;5;appels');
    expect(lines).toContain('2026-11-23;2026-11-23;Europe/Paris;serie_appels_decroches_60s;2026-11-23T10;3;appels');
  });

  it('counts the Hub messages the day\'s events produced: 5 first shares, 11 updates (a taking is not shared)', () => {
    expect(lines).toContain('2026-11-23;2026-11-23;Europe/Paris;hub_messages_emis;;16;messages');
    expect(lines).toContain('2026-11-23;2026-11-23;Europe/Paris;hub_messages_emis_par_type;RS-EDA;5;messages');
    expect(lines).toContain('2026-11-23;2026-11-23;Europe/Paris;hub_messages_emis_par_type;RS-EDA-MAJ;11;messages');
    expect(lines).toContain('2026-11-23;2026-11-23;Europe/Paris;hub_messages_recus;;0;messages');
    // The day after holds D3's appointment only.
    const nextDay = summarize(sumHours(hourly, '2026-11-24T00', '2026-11-25T00'), DEFAULT_QUEUE_LIMITS_MINUTES);
    expect(nextDay.hub.sentByKind).toEqual({ 'RS-EDA-MAJ': 1 });
  });
});
