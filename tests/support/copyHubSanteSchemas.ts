import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HUBSANTE_DIR } from './hubHandout';
import { SHIPPED_SCHEMA_DIR, shippedSchemaFiles } from './shippedSchemas';

/**
 * `npm run schemas:copy`: copies into the project the official Hub Santé schemas the inbox
 * validates with (the whole-message schema, the RC-DE header, the payloads Plateau reads, and
 * whatever they reference). The app bundles these copies; it never reads ../shared at run time.
 * tests/unit/electron/services/hub/officialSchemas.test.ts fails when they differ from the handout.
 */
const files = shippedSchemaFiles();
mkdirSync(SHIPPED_SCHEMA_DIR, { recursive: true });
for (const stale of readdirSync(SHIPPED_SCHEMA_DIR)) if (!files.includes(stale)) rmSync(join(SHIPPED_SCHEMA_DIR, stale));
for (const file of files) {
  const target = join(SHIPPED_SCHEMA_DIR, file);
  rmSync(target, { force: true });
  copyFileSync(join(HUBSANTE_DIR, 'json-schema', file), target);
  // The handout is read-only; the project's copy is an ordinary file.
  chmodSync(target, 0o644);
}
console.log(`copied ${files.length} schemas to ${SHIPPED_SCHEMA_DIR}: ${files.join(', ')}`);
