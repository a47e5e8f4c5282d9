import { defineConfig } from 'vite';

// The renderer is loaded from app:// in Electron and from the harness over http on 127.0.0.1;
// relative asset URLs work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: true,
  },
});
