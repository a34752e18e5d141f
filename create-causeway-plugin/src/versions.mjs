/** The versions a new plugin is written against: the SDK it peers with and the tools it builds and tests with. */
export const versions = {
  sdk: '^0.1.0',
  arrow: '^21.2.0',
  esbuild: '^0.28.2',
  tsx: '^4.23.15',
  typescript: '~5.9.3',
  vitest: '^4.1.12',
};
