import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One zustand store per file, named after it (`fooStore.ts` holds `useFooStore`), so a reader
 * finds a store by its name without searching.
 */
const dir = join(process.cwd(), 'renderer/src/stores');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('renderer stores', () => {
  it('has the stores to check (the rule below cannot pass on an empty folder)', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s creates exactly one store, named after the file', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const created = [...source.matchAll(/export const (use\w+) = create\b/g)].map((m) => m[1]);
    expect(source.match(/\bcreate[<(]/g)?.length).toBe(1);
    const expected = `use${file[0]!.toUpperCase()}${file.slice(1, -'.ts'.length)}`;
    expect(created).toEqual([expected]);
  });
});
