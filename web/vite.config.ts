// Builds the browser app into <dist>/web, which the server serves under /ui/ (src/dashboard).
// Run from the repository root: `vite build --config web/vite.config.ts` (add --outDir for a private build).
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: './',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
});
