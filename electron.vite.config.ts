// electron-vite builds the desktop app into out/: main (ESM), preload (one self-contained CJS
// file, as a sandboxed preload must be) and the renderer. Entries follow electron-vite's
// conventions: src/main/index.ts, src/preload/index.ts, src/renderer/index.html.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {},
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle zod and the shared code in.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    plugins: [react()],
    // Minified, with the first view's code apart from the lazy chunks (src/renderer/lazy-named.ts).
    build: { minify: true },
    worker: { format: 'es' },
  },
});
