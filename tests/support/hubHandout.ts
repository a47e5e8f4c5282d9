import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The handout (`../shared` beside the repository root): the official Hub Santé schemas and
 * samples. Only tests read it; production code carries its own builders and parsers.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HUBSANTE_DIR = join(dirname(repoRoot), 'shared', 'hubsante');

export function hubHandoutProblem(): string | null {
  return existsSync(join(HUBSANTE_DIR, 'json-schema', 'EDXL-DE-full.schema.json')) ? null : `Hub Santé handout not found at ${HUBSANTE_DIR}`;
}

const FULL = 'classpath:/json-schema/EDXL-DE-full.schema.json';
let validator: ValidateFunction | null = null;

/**
 * Every official file declares the same `$id`; each gets `classpath:/json-schema/<file>` so
 * their references by file name resolve (handout README).
 */
export function fullMessageValidator(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  const dir = join(HUBSANTE_DIR, 'json-schema');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    ajv.addSchema({ ...schema, $id: `classpath:/json-schema/${file}` });
  }
  validator = ajv.getSchema(FULL) ?? null;
  if (!validator) throw new Error(`${FULL} did not compile`);
  return validator;
}

/** Validates a whole EDXL-DE message; returns the first errors as text, or null when valid. */
export function schemaErrors(message: unknown): string | null {
  const validate = fullMessageValidator();
  if (validate(message)) return null;
  return (validate.errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
}

export function readHandoutJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(join(HUBSANTE_DIR, ...parts), 'utf8'));
}

export function sampleFiles(kind: string): string[] {
  return readdirSync(join(HUBSANTE_DIR, 'samples', kind)).filter((f) => f.endsWith('.json'));
}
