import type { JsonLimits } from '@causeway/sdk';

/** Size limits on what an install may upload, so a hostile upload cannot exhaust the server. */
export const pluginLimits = {
  /** The uploaded `.tgz` or multipart body. */
  uploadBytes: 20 * 1024 * 1024,
  /** Everything a tarball unpacks to, counted as it streams. */
  unpackedBytes: 40 * 1024 * 1024,
  /** Entries in a tarball. */
  tarEntries: 2_000,
  /** The bundle (`plugin.mjs`). */
  bundleBytes: 10 * 1024 * 1024,
  /** `causeway-plugin.json` and `package.json`. */
  manifestBytes: 2 * 1024 * 1024,
} as const;

/** The only modules a plugin bundle may import: hosts supply their own copies. */
export const allowedPluginImports: readonly string[] = ['@causeway/sdk', 'apache-arrow'];

/** Limits on a tarball's package.json, checked before any field of it is read. */
export const packageJsonLimits: JsonLimits = { bytes: pluginLimits.manifestBytes, depth: 64, stringLength: 100_000, keysPerObject: 10_000 };
