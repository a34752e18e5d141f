import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, serve } from '@causeway/server';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { startEditor } from './editor-app';

/** The built editor served by a real server on PGlite in a fresh folder, and a Chromium to open it with. */
export interface ServedEditor {
  server: RunningServer;
  browser: Browser;
  dataDir: string;
  /** The admin token the server wrote on first start. */
  adminToken: string;
  close(): Promise<void>;
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Builds web/dist (unless CAUSEWAY_E2E_SKIP_BUILD), starts the server (with `env` as its environment) in a new data folder named by `prefix`, and launches Chromium. */
export async function startServedEditor(prefix: string, env: Record<string, string> = {}): Promise<ServedEditor> {
  const editor = await startEditor();
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const server = await serve({ port: 0, host: '127.0.0.1', dataDir, env, handleSignals: false, logger: quiet });
  const browser = await launchChromium();
  const adminToken = (await readFile(join(dataDir, 'admin.token'), 'utf8')).trim();
  return {
    server,
    browser,
    dataDir,
    adminToken,
    async close() {
      await browser.close();
      await server.close();
      await editor.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
