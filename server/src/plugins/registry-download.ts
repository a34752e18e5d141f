import { createHash } from 'node:crypto';
import { type HttpClient, npmNamePattern, semverPattern, UserError } from '@causeway/sdk';

/** The npm registry plugins are installed from by name, and the (SSRF-safe) client that reaches it. */
export interface PluginRegistry {
  url: string;
  http: HttpClient;
}

/** Caps on what a registry may send: a packument of a much-published package is large; a tarball is an upload. */
const packumentMaxBytes = 32 * 1024 * 1024;
const tarballMaxBytes = 20 * 1024 * 1024;
const timeoutMs = 60_000;
const algorithms = new Set(['sha512', 'sha384', 'sha256']);

const refused = (
  code: 'REQUEST_INVALID' | 'NOT_FOUND' | 'PLUGIN_BUNDLE_INVALID',
  message: string,
  field: string,
  name: string,
  version: string,
) => new UserError(code, message, { details: { plugin: name, version, field } });

/**
 * Downloads `name@version` from an npm registry: the package document, the version's
 * `dist.tarball`, and a check of the tarball's bytes against `dist.integrity` (Subresource
 * Integrity, sha512/384/256). Answers the tarball's bytes, for the same checks as an upload.
 * Every request goes through `http` (the server's SSRF-safe client).
 */
export async function downloadFromRegistry(
  http: HttpClient,
  registry: string,
  name: string,
  version: string,
  signal: AbortSignal,
): Promise<Uint8Array> {
  if (!npmNamePattern.test(name)) throw refused('REQUEST_INVALID', `"${name}" is not an npm package name.`, 'name', name, version);
  if (!semverPattern.test(version)) {
    throw refused(
      'REQUEST_INVALID',
      `Plugin ${name}: "${version}" is not an exact semantic version such as 1.2.0.`,
      'version',
      name,
      version,
    );
  }
  const base = registry.endsWith('/') ? registry : `${registry}/`;
  const document = await http.get(new URL(name.replace('/', '%2f'), base).href, { maxBytes: packumentMaxBytes, timeoutMs, signal });
  let dist: { tarball?: unknown; integrity?: unknown } | undefined;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(document.bytes)) as { versions?: Record<string, { dist?: typeof dist }> };
    dist = parsed.versions && Object.hasOwn(parsed.versions, version) ? parsed.versions[version]?.dist : undefined;
  } catch {
    throw refused('PLUGIN_BUNDLE_INVALID', `The registry's document of ${name} is not JSON.`, 'versions', name, version);
  }
  if (dist === undefined)
    throw refused('NOT_FOUND', `Plugin ${name}@${version} is not in the registry ${registry}.`, 'version', name, version);
  if (typeof dist.tarball !== 'string' || !/^https?:\/\//.test(dist.tarball)) {
    throw refused(
      'PLUGIN_BUNDLE_INVALID',
      `Plugin ${name}@${version}: the registry gives no http(s) dist.tarball.`,
      'dist.tarball',
      name,
      version,
    );
  }
  const expected = sriDigests(typeof dist.integrity === 'string' ? dist.integrity : '');
  if (expected.length === 0) {
    throw refused(
      'PLUGIN_BUNDLE_INVALID',
      `Plugin ${name}@${version}: the registry gives no sha512/sha384/sha256 dist.integrity.`,
      'dist.integrity',
      name,
      version,
    );
  }
  const { bytes } = await http.get(dist.tarball, { maxBytes: tarballMaxBytes, timeoutMs, signal });
  const matches = expected.some(({ algorithm, digest }) => createHash(algorithm).update(bytes).digest('base64') === digest);
  if (!matches) {
    throw refused(
      'PLUGIN_BUNDLE_INVALID',
      `Plugin ${name}@${version}: the downloaded tarball does not match the registry's dist.integrity; nothing was installed.`,
      'dist.integrity',
      name,
      version,
    );
  }
  return bytes;
}

/** The digests of an SRI string ("sha512-<base64> …") in algorithms we trust. */
function sriDigests(integrity: string): Array<{ algorithm: string; digest: string }> {
  return integrity
    .trim()
    .split(/\s+/)
    .map((item) => /^(sha\d+)-([A-Za-z0-9+/]+=*)(?:\?.*)?$/.exec(item))
    .filter((match): match is RegExpExecArray => match !== null && algorithms.has(match[1] as string))
    .map((match) => ({ algorithm: match[1] as string, digest: match[2] as string }));
}
