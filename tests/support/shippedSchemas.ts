import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HUBSANTE_DIR } from './hubHandout';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHIPPED_SCHEMA_DIR = join(repoRoot, 'resources', 'hubsante', 'json-schema');

/** The payload schemas the inbox reads; the whole-message schema and RC-DE come with them. */
export const READ_PAYLOAD_SCHEMAS = ['RS-EDA.schema.json', 'RS-EDA-MAJ.schema.json', 'RC-REF.schema.json', 'RS-ERROR.schema.json', 'RS-SAS-RDV.schema.json'];

/** Files referenced by name (`"$ref": "X.schema.json…"`) from a schema file. */
export function referencedFiles(file: string): string[] {
  const text = readFileSync(join(HUBSANTE_DIR, 'json-schema', file), 'utf8');
  return [...new Set([...text.matchAll(/"\$ref"\s*:\s*"([^"#]+\.json)/g)].map((m) => m[1]!))];
}

/**
 * EDXL-DE-full, RC-DE and the payloads read, closed over their references — except the other
 * payloads EDXL-DE-full names in its oneOf, which the inbox refuses before schema validation.
 */
export function shippedSchemaFiles(): string[] {
  const wanted = new Set(['EDXL-DE-full.schema.json', 'RC-DE.schema.json', ...READ_PAYLOAD_SCHEMAS]);
  const queue = [...wanted].filter((f) => f !== 'EDXL-DE-full.schema.json');
  while (queue.length) {
    for (const ref of referencedFiles(queue.shift()!)) {
      if (!wanted.has(ref)) {
        wanted.add(ref);
        queue.push(ref);
      }
    }
  }
  return [...wanted].sort();
}
