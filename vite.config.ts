import { defineConfig } from 'vitest/config';

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

export default defineConfig({
  test: {
    projects: packages.map((name) => ({
      test: {
        name,
        root: `./${name}`,
        include: ['**/*.test.ts', '**/*.test.tsx'],
        exclude: ['**/node_modules/**', 'bench/**'],
        environment: 'node',
        allowOnly: false,
        // Property tests and real databases on a 2-core machine under full load: generous, not infinite.
        testTimeout: 60_000,
        hookTimeout: 120_000,
      },
    })),
  },
});
