import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { dispatch } from '../../electron/services/api';
import { createServices } from '../../electron/services/composition';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { signIn } from '../support/operators';
import { line, time } from './stats';

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
  const dir = makeTempDir('plateau-bench-scale-');
  try {
    const services = createServices(testConfig(join(dir.path, 'journal')));
    await signIn(services);
    const actor = { id: 'bench', role: 'ARM' };
    const started = performance.now();
    const phone = (i: number) => `+336${String(10_000_000 + ((i * 7919) % 40_000_000)).padStart(8, '0')}`;
    for (let base = 0; base < DOSSIERS; base += BATCH) {
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

    let k = 0;
    const history = await time(2000, 100, () => dispatch(services.api, 'dossier:callerHistory', { phone: phone((k++ * 104_729) % DOSSIERS), lastName: NAMES[k % NAMES.length], birthDate: `19${String(20 + (k % 80)).padStart(2, '0')}-0${1 + (k % 9)}-1${k % 10}` }));
    const texts = ['chute', 'douleur thoracique', 'martin', 'fievre enf', 'DRFR1569026001', '06 1', 'malaise 12', 'intox'];
    const search = await time(1000, 50, (i) => dispatch(services.api, 'dossier:search', { text: texts[Math.abs(i) % texts.length]!, limit: 50 }));
    services.close();
    return [
      line('dossiers.generated', DOSSIERS, 'dossiers'),
      line('dossiers.generation', generationS, 's'),
      line('caller_history.p50', history.p50, 'ms'),
      line('caller_history.p99', history.p99, 'ms'),
      line('dossier_search.p50', search.p50, 'ms'),
      line('dossier_search.p99', search.p99, 'ms'),
    ];
  } finally {
    dir.cleanup();
  }
}
