import { defineConfig } from 'vitest/config';

const packages = ['sdk', 'nodes', 'server', 'web', 'test'] as const;

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
      },
    })),
  },
});
