import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type RunningServer, serve } from '@causeway/server';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Checked, declaredResponses } from './declared-responses.test-helper';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../..');
const clientDir = join(here, 'client');
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

type ExerciseApi = (options: {
  baseUrl: string;
  adminToken: string;
  fetch: (request: Request) => Promise<Response>;
  pause: () => Promise<void>;
}) => Promise<string[]>;

let server: RunningServer;
let baseUrl: string;
let dataDir: string;
let adminToken: string;
let document: Parameters<typeof declaredResponses>[0];
let documentFile: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'causeway-openapi-'));
  server = await serve({ port: 0, host: '127.0.0.1', dataDir, env: {}, handleSignals: false, logger: quiet });
  baseUrl = server.url.replace(/\/$/, '');
  adminToken = (await readFile(join(dataDir, 'admin.token'), 'utf8')).trim();
  const response = await fetch(`${baseUrl}/api/openapi.json`, { headers: { authorization: `Bearer ${adminToken}` } });
  document = (await response.json()) as typeof document;
  documentFile = join(dataDir, 'openapi.json');
  await writeFile(documentFile, JSON.stringify(document));
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the OpenAPI document, as outside tools and a generated client use it', () => {
  test("Redocly's recommended ruleset finds no error and no warning", async () => {
    const cli = join(repoRoot, 'node_modules/@redocly/cli/bin/cli.js');
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    const run = promisify(execFile)(process.execPath, [cli, 'lint', '--extends', 'recommended', '--format', 'json', documentFile], { env });
    const { stdout } = await run.catch((failed: { stdout: string }) => failed);
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; message: string }>;
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  test('every operation has a unique operationId', () => {
    const ids = Object.values(document.paths).flatMap((operations) => Object.values(operations).map((o) => o.operationId));
    expect(ids.filter((id) => typeof id !== 'string')).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('a client generated with openapi-typescript compiles strict, runs against the server, and every answer is as declared', {
    timeout: 300_000,
  }, async () => {
    await mkdir(join(clientDir, 'generated'), { recursive: true });
    await writeFile(join(clientDir, 'generated/api.d.ts'), astToString(await openapiTS(document as never)));

    // The repository's own compiler options: strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess.
    const config = ts.readConfigFile(join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
    expect(options.strict).toBe(true);
    const program = ts.createProgram([join(clientDir, 'exercise-api.ts')], { ...options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${at ? `${d.file?.fileName.slice(repoRoot.length + 1)}:${at.line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);

    const check = declaredResponses(document);
    const checks: Array<Promise<Checked>> = [];
    const recordingFetch = async (request: Request) => {
      const response = await fetch(request);
      checks.push(check(request.method, request.url, response.clone()));
      return response;
    };
    // Imported by path so the repository's type check does not follow it to types generated only here.
    const { exerciseApi } = (await import(join(clientDir, 'exercise-api.ts'))) as { exerciseApi: ExerciseApi };
    const seen = await exerciseApi({
      baseUrl,
      adminToken,
      fetch: recordingFetch,
      pause: () => new Promise((resolve) => setTimeout(resolve, 100)),
    });
    expect(seen).toContain('run succeeded');
    for (const kind of ['table', 'model', 'metrics', 'report', 'chart', 'value']) {
      expect(seen.filter((line) => line.includes(` ${kind}: `)).length, kind).toBeGreaterThan(0);
    }

    const results = await Promise.all(checks);
    expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
    const operations = new Set(results.map((r) => r.operation));
    const statuses = new Set(results.map((r) => r.status));
    console.info(`${results.length} responses from ${operations.size} operations, statuses ${[...statuses].sort().join(' ')}`);
    expect(operations.size).toBeGreaterThan(50);
  });
});
