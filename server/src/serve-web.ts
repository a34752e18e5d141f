import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './http/app-env';

const missingPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Causeway</title></head>
<body style="font:16px system-ui,sans-serif;margin:3rem"><h1>Causeway is running</h1>
<p>The editor is not built yet. Run <code>npm run build -w web</code>, then reload this page.</p>
<p>The API is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/** Files under /assets/ carry a hash of their content in their names: a new build gives new names. */
const hashedCache = 'public, max-age=31536000, immutable';

/** The build writes a `.br` and a `.gz` beside these (web/scripts/precompress-plugin.ts). */
const precompressedTypes = /^(text\/|application\/(javascript|json|wasm)|image\/svg)/;

/**
 * Serves the built editor from `webDir`: brotli or gzip by Accept-Encoding, hashed assets cached for a
 * year, everything else revalidated. A path without an extension is a page of the app (index.html);
 * a missing file with one, or anything missing under /assets/, is a 404, so a missing script fails as
 * itself. Without a build, a page says how to make one.
 */
export function serveWeb(app: Hono<AppEnv>, webDir: string): void {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) {
    app.get('*', (c) => c.html(missingPage));
    return;
  }
  // The runner's frame has an opaque origin: it loads its own script and the worker's (public files) with CORS.
  const anyOrigin: MiddlewareHandler = async (c, next) => {
    await next();
    c.res.headers.set('access-control-allow-origin', '*');
  };
  app.use('/assets/*', anyOrigin);
  app.use('/runner-frame.js', anyOrigin);
  app.use('*', async function cacheHeaders(c, next) {
    await next();
    if (c.res.status !== 200 && c.res.status !== 206) return;
    c.res.headers.set('cache-control', c.req.path.startsWith('/assets/') ? hashedCache : 'no-cache');
    if (precompressedTypes.test(c.res.headers.get('content-type') ?? '')) c.res.headers.set('vary', 'Accept-Encoding');
  });
  app.use('*', serveStatic({ root: relative(process.cwd(), webDir) || '.', precompressed: true }));
  app.get('*', async (c) => {
    if (c.req.path.startsWith('/assets/') || extname(c.req.path) !== '') return c.text(`Not found: ${c.req.path}`, 404);
    return c.html(await readFile(index, 'utf8'));
  });
}
