import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node tests never load the real Electron module (its binary cannot be fetched here): main's
    // code is tested against this small fake.
    alias: { electron: fileURLToPath(new URL('./tests/support/fakeElectron.ts', import.meta.url)) },
  },
  test: {
    // 2 cores: two workers keep the suites from starving each other.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.tsx'],
        },
      },
    ],
  },
});
