/**
 * The editor's first load in headless Chromium, as the server sends it: bytes of JavaScript and CSS
 * over the wire (CDP Network.loadingFinished encodedDataLength, read through Playwright's
 * request.sizes(), for the page, the runner's frame and its worker) and time to interactive (the
 * palette drawn and the main thread free again, from navigation start), each on a fresh profile.
 * Beside it, the baseline: web/ and server/src/serve-web.ts of another commit (CAUSEWAY_BENCH_BASE,
 * default the merge base with main), built into a temp folder and served by its own serve-web, in
 * the same run, taking turns. Targets (issue 14): ≤ 300 KB of JS and CSS, interactive ≤ 1 s.
 *
 * Run: npx tsx test/bench/first-load.ts   (CAUSEWAY_BENCH_ROUNDS, default 5; the baseline build is
 * kept in the temp folder by commit). Localhost has no network delay; a second pass throttles the
 * page's own requests to 20 Mbit/s with 40 ms of latency (CDP Network.emulateNetworkConditions).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve as serveCauseway } from '@causeway/server';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import type { AppEnv } from '../../server/src/http/app-env';
import { serveWeb } from '../../server/src/serve-web';
import { launchChromium } from '../e2e/chromium';
import { repoRoot } from '../e2e/editor-app';

type ServeWeb = typeof serveWeb;
const rounds = Number(process.env.CAUSEWAY_BENCH_ROUNDS ?? 5);
const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();

/** web/ and serve-web.ts of `commit`, built with this checkout's node_modules (the sdk and nodes of this checkout). */
function baselineBuild(commit: string): { dist: string; serveWebFile: string } {
  const folder = join(tmpdir(), `causeway-first-load-${commit.slice(0, 12)}`);
  const dist = join(folder, 'web/dist');
  if (!existsSync(join(dist, 'index.html'))) {
    mkdirSync(folder, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} web server/src/serve-web.ts | tar -x -C ${folder}`], { cwd: repoRoot });
    if (!existsSync(join(folder, 'node_modules'))) symlinkSync(join(repoRoot, 'node_modules'), join(folder, 'node_modules'));
    if (!existsSync(join(folder, 'web/node_modules'))) symlinkSync(join(repoRoot, 'web/node_modules'), join(folder, 'web/node_modules'));
    console.log(`building the baseline (${commit.slice(0, 12)}) in ${folder}…`);
    execFileSync(join(repoRoot, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
      cwd: join(folder, 'web'),
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  return { dist, serveWebFile: join(folder, 'server/src/serve-web.ts') };
}

/** The editor as `serveWebOf` serves it, and the API of one real server (`api`) behind the same origin. */
function start(serveWebOf: ServeWeb, dist: string, api: string): Promise<{ url: string; close: () => void }> {
  const app = new Hono<AppEnv>();
  app.all('/api/*', (c) => {
    const target = new URL(c.req.url);
    const { pathname, search } = target;
    return fetch(new URL(pathname + search, api), {
      method: c.req.method,
      headers: c.req.raw.headers,
      ...(c.req.raw.body ? { body: c.req.raw.body, duplex: 'half' } : {}),
    } as RequestInit);
  });
  serveWebOf(app, dist);
  return new Promise((done) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      done({ url: `http://127.0.0.1:${info.port}/`, close: () => server.close() }),
    );
  });
}

interface Load {
  pageKb: number;
  allKb: number;
  files: number;
  interactiveMs: number;
}

/**
 * Records when the palette is first drawn and the main thread has then run a task: the page takes
 * input. A string, so tsx's helpers do not end up in the page.
 */
const interactiveProbe = `if (window === window.top) {
  const check = () => {
    if (!document.querySelector('.palette-item')) return false;
    requestAnimationFrame(() => setTimeout(() => { window.__interactive ??= performance.now(); }));
    return true;
  };
  new MutationObserver((_, observer) => check() && observer.disconnect()).observe(document, { childList: true, subtree: true });
}`;

async function firstLoad(browser: Browser, url: string, throttle: boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(interactiveProbe);
  const page = await context.newPage();
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 40,
      downloadThroughput: (20e6 / 8) | 0,
      uploadThroughput: (5e6 / 8) | 0,
    });
  }
  const sizes: Array<Promise<{ bytes: number; page: boolean }>> = [];
  let inFlight = 0;
  let lastDone = Date.now();
  context.on('request', () => inFlight++);
  const settle = () => {
    inFlight--;
    lastDone = Date.now();
  };
  context.on('requestfailed', settle);
  context.on('requestfinished', (request) => {
    settle();
    if (!/\.(m?js|css)$/.test(new URL(request.url()).pathname)) return;
    let inPage = false;
    try {
      inPage = request.frame() === page.mainFrame();
    } catch {}
    sizes.push(request.sizes().then((s) => ({ bytes: s.responseBodySize + s.responseHeadersSize, page: inPage })));
  });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __interactive?: number }).__interactive !== undefined, undefined, {
    timeout: 60_000,
  });
  // The runner worker loads after the page; the load is over when nothing has been in flight for a second.
  while (inFlight > 0 || Date.now() - lastDone < 1000) await new Promise((r) => setTimeout(r, 100));
  const interactiveMs = await page.evaluate(() => (window as unknown as { __interactive: number }).__interactive);
  const loaded = await Promise.all(sizes);
  await context.close();
  const kb = (list: typeof loaded) => list.reduce((sum, s) => sum + s.bytes, 0) / 1024;
  return { pageKb: kb(loaded.filter((s) => s.page)), allKb: kb(loaded), files: loaded.length, interactiveMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  execFileSync('node', ['scripts/build-web-if-stale.mjs'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const base = process.env.CAUSEWAY_BENCH_BASE ?? git('merge-base', 'HEAD', 'main');
  const baseline = baselineBuild(base);
  const oldServeWeb = ((await import(pathToFileURL(baseline.serveWebFile).href)) as { serveWeb: ServeWeb }).serveWeb;
  // One real server (PGlite in a temp folder) answers the API for both: the editor opens with its token, as `npm start` prints it.
  const dataDir = await mkdtemp(join(tmpdir(), 'causeway-first-load-data-'));
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const api = await serveCauseway({ port: 0, host: '127.0.0.1', dataDir, env: {}, handleSignals: false, logger: quiet });
  const token = (await readFile(join(dataDir, 'admin.token'), 'utf8')).trim();
  const variants = [
    { name: `baseline ${base.slice(0, 8)}`, server: await start(oldServeWeb, baseline.dist, api.url) },
    {
      name: `this checkout ${git('rev-parse', '--short=8', 'HEAD')}`,
      server: await start(serveWeb, resolve(repoRoot, 'web/dist'), api.url),
    },
  ];
  const browser = await launchChromium();
  try {
    for (const throttle of [false, true]) {
      const results = new Map<string, Load[]>(variants.map((v) => [v.name, []]));
      for (let round = 0; round < rounds; round++) {
        for (const v of round % 2 === 0 ? variants : [...variants].reverse())
          results.get(v.name)?.push(await firstLoad(browser, `${v.server.url}?token=${token}`, throttle));
      }
      console.log(`\nfirst load, ${throttle ? 'page throttled to 20 Mbit/s, 40 ms' : 'localhost'} (medians of ${rounds}):`);
      console.log('  build                     JS+CSS page KB  with runner KB  files  interactive ms');
      for (const [name, loads] of results) {
        const m = (pick: (l: Load) => number) => median(loads.map(pick));
        console.log(
          `  ${name.padEnd(24)}  ${m((l) => l.pageKb)
            .toFixed(0)
            .padStart(14)}  ${m((l) => l.allKb)
            .toFixed(0)
            .padStart(14)}  ${String(m((l) => l.files)).padStart(5)}  ${m((l) => l.interactiveMs)
            .toFixed(0)
            .padStart(14)}`,
        );
      }
    }
    console.log('\ntargets: ≤ 300 KB of JS and CSS over the wire; interactive ≤ 1000 ms');
  } finally {
    await browser.close();
    for (const v of variants) v.server.close();
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
