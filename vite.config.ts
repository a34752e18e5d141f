import { defineConfig } from 'vitest/config';

/**
 * Three tiers, told apart by where a test file lives and how it is named, and enforced by
 * `test/tiers/unit-guard.ts` (a unit test that opens a socket, a database, a process or a thread fails):
 * - `unit`: `*.test.ts(x)` — no I/O beyond reading fixtures; the fast loop.
 * - `integration`: `*.int.test.ts(x)` — databases, processes, sandboxes, servers.
 * - `e2e`: `test/e2e/**` — real Chromium.
 * Filter by package with a path: `npx vitest run --project unit sdk/`.
 */
const packages = [
  'sdk',
  'contract',
  'nodes',
  'server',
  'web',
  'test',
  'create-causeway-plugin',
  'plugins/text-features',
  'plugins/timeseries-features',
] as const;

const testFiles = (suffix: string) => packages.flatMap((name) => [`${name}/**/*${suffix}.ts`, `${name}/**/*${suffix}.tsx`]);
const notHere = ['**/node_modules/**', 'test/bench/**', '**/dist/**'];

const shared = {
  environment: 'node',
  allowOnly: false,
  // Property tests and real databases on a 2-core machine under full load: generous, not infinite.
  testTimeout: 60_000,
  hookTimeout: 120_000,
} as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: testFiles('.test'),
          exclude: [...notHere, '**/*.int.test.ts', '**/*.int.test.tsx', 'test/e2e/**'],
          setupFiles: ['./test/tiers/unit-guard.ts'],
          // Unit tests hold no I/O and no global mocks of their own, so one module graph serves every file:
          // importing it afresh per file was three quarters of the tier's CPU time.
          isolate: false,
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: testFiles('.int.test'),
          exclude: [...notHere, 'test/e2e/**'],
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: notHere,
        },
      },
    ],
  },
});
