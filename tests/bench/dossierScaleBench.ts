import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { dispatch } from '../../electron/services/api';
import { createServices } from '../../electron/services/composition';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { signIn } from '../support/operators';
import { interleaved, line, time } from './stats';
import { openJournalFile } from '../support/journalFile';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 2_000_000);
const BATCH = 2000;
const MOTIVES = ['douleur thoracique', 'chute domicile', 'malaise', 'fièvre enfant', 'plaie main', 'dyspnée', 'céphalées', 'intoxication', 'brûlure', 'angoisse'];
const NAMES = ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux'];

/**
 * Caller history on ring (target p99 ≤ 5 ms) and free-text search (target p99 ≤ 50 ms) with
 * `DOSSIERS` dossiers in the journal, generated here through the real journal commands (in
 * batches of one transaction each, so generation does not take hours).
 */
export async function dossierScaleBench(): Promise<string[]> {
  // BENCH_SCALE_DIR keeps the generated journal between runs (generating 2 M dossiers takes minutes).
  const kept = process.env.BENCH_SCALE_DIR;
  const dir = kept ? { path: kept, cleanup: () => undefined } : makeTempDir('plateau-bench-scale-');
  try {
    const journalDir = join(dir.path, 'journal');
    const reuse = kept !== undefined && existsSync(join(journalDir, 'plateau-journal.sqlite3'));
    const services = createServices(testConfig(journalDir));
    await signIn(services);
    const actor = { id: 'bench', role: 'ARM' };
    const started = performance.now();
    const phone = (i: number) => `+336${String(10_000_000 + ((i * 7919) % 40_000_000)).padStart(8, '0')}`;
    for (let base = 0; !reuse && base < DOSSIERS; base += BATCH) {
      services.journal.command((ctx) => {
        for (let i = base; i < Math.min(base + BATCH, DOSSIERS); i++) {
          const dossierId = uuidv7();
          const localNumber = `DRFR15690${String(26000 + Math.floor(i / 99_999)).padStart(5, '0')}${String((i % 99_999) + 1).padStart(5, '0')}`;
          ctx.append({
            dossierId,
            actor,
            body: { type: 'dossier.created', payload: { localNumber, caseId: `fr.health.samu690.${localNumber}`, kind: 'DRM', origin: '15', callerPhone: phone(i), motive: `${MOTIVES[i % MOTIVES.length]} ${i}`, priority: 'P2' } },
          });
          if (i % 10 === 0) {
            ctx.append({
              dossierId,
              actor,
              body: { type: 'dossier.patientUpserted', payload: { patient: { id: uuidv7(), lastName: NAMES[i % NAMES.length]!, firstName: null, sex: null, birthDate: `19${String(20 + (i % 80)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`, ageYears: null, weightKg: null, ins: null, identityQualified: false } } },
            });
          }
        }
      });
    }
    const generationS = (performance.now() - started) / 1000;
    services.journal.checkpoint();

    // The identity of dossier i (every tenth one has a patient), as the generator wrote it.
    const identity = (i: number) => ({ lastName: NAMES[i % NAMES.length]!, birthDate: `19${String(20 + (i % 80)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}` });
    let k = 0;
    // Spread over the whole journal, on dossiers that have a patient (every tenth one).
    const pick = () => {
      const i = (k++ * 104_729) % DOSSIERS;
      return i - (i % 10);
    };
    // Counts what the look-ups found, so a look-up that finds nothing cannot pass for a fast one.
    const found = { byPhone: 0, byPatient: 0, calls: 0 };
    const lookUp = async (request: object) => {
      const result = await dispatch(services.api, 'dossier:callerHistory', request);
      if (!result.ok) throw new Error(`caller history refused: ${result.error.message}`);
      const value = result.value as { byPhone: unknown[]; byPatient: unknown[] };
      found.byPhone += value.byPhone.length;
      found.byPatient += value.byPatient.length;
      found.calls += 1;
    };
    // Baseline of the same run: one raw indexed look-up by number (QUALITY.md: 0.03 ms warm,
    // 0.7 ms cold). Subjects alternate in blocks so the machine's load bursts hit them alike.
    // Over a read-only connection of its own: the journal keeps its connection to itself.
    const rawDb = openJournalFile(services.journal);
    const raw = rawDb.prepare<[string], { id: string }>('SELECT id FROM dossiers WHERE caller_phone = ? LIMIT 1');
    const timings = await interleaved(
      {
        raw: () => raw.get(phone(pick())),
        byPhone: () => lookUp({ phone: phone(pick()) }),
        byPatient: () => lookUp(identity(pick())),
        history: () => {
          const i = pick();
          return lookUp({ phone: phone(i), ...identity(i) });
        },
      },
      { n: 3000, warmup: 100, blocks: 30 },
    );
    const { byPhone, byPatient, history } = timings;
    const texts = ['chute', 'douleur thoracique', 'martin', 'fievre enf', 'DRFR1569026001', '06 1', 'malaise 12', 'intox'];
    const search = await time(1000, 50, (i) => dispatch(services.api, 'dossier:search', { text: texts[Math.abs(i) % texts.length]!, limit: 50 }));
    rawDb.close();
    services.close();
    return [
      line('dossiers.generated', DOSSIERS, 'dossiers'),
      line('dossiers.generation', generationS, 's'),
      line('caller_history.raw_indexed_lookup.p99', timings.raw.p99, 'ms'),
      line('caller_history.by_phone.p99', byPhone.p99, 'ms', timings.raw.p99),
      line('caller_history.by_patient.p99', byPatient.p99, 'ms', timings.raw.p99),
      line('caller_history.found_by_phone', found.byPhone / found.calls, 'dossiers per look-up'),
      line('caller_history.found_by_patient', found.byPatient / found.calls, 'dossiers per look-up'),
      line('caller_history.p50', history.p50, 'ms'),
      line('caller_history.p99', history.p99, 'ms', timings.raw.p99),
      line('dossier_search.p50', search.p50, 'ms'),
      line('dossier_search.p99', search.p99, 'ms'),
    ];
  } finally {
    dir.cleanup();
  }
}
