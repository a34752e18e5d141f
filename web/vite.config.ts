import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * `virtual:causeway-plugin-host`: the URLs of the modules a plugin bundle's bare imports are pointed
 * at in the runner worker. In a build each is its own chunk of the worker build, sharing the SDK and
 * Arrow chunks with the worker, so plugin code and host code use one copy of each.
 */
function pluginHostModules(): Plugin {
  const id = 'virtual:causeway-plugin-host';
  const files = { '@causeway/sdk': 'src/runner/plugins/host-sdk.ts', 'apache-arrow': 'src/runner/plugins/host-arrow.ts' };
  let serve = false;
  return {
    name: 'causeway-plugin-host',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(loadId) {
      if (loadId !== `\0${id}`) return undefined;
      const entries = Object.entries(files).map(([specifier, file]) => {
        const url = serve
          ? `new URL(${JSON.stringify(`/${file}`)}, self.location.origin).href`
          : `import.meta.ROLLUP_FILE_URL_${this.emitFile({ type: 'chunk', id: resolve(here, file), preserveSignature: 'strict' })}`;
        return `${JSON.stringify(specifier)}: ${url}`;
      });
      return `export const hostModuleUrls = Object.freeze({ ${entries.join(', ')} });`;
    },
  };
}

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es', plugins: () => [pluginHostModules()] },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});
