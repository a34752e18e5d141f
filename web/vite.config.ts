import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { builtinCatalog } from './scripts/builtin-catalog-plugin';
import { precompress } from './scripts/precompress-plugin';

export default defineConfig({
  plugins: [react(), builtinCatalog(), precompress()],
  // The worker's first chunk describes the built-ins from the same build-time catalog as the page.
  worker: { format: 'es', plugins: () => [builtinCatalog()] },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  // The runner's sandboxed frame (origin "null") imports the worker's modules with CORS.
  server: { proxy: { '/api': 'http://127.0.0.1:8787' }, cors: { origin: [/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/, 'null'] } },
});
