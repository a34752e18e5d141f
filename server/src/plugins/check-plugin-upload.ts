import { apiVersion, checkJsonValue, checkPluginManifest, formatIssue, type Issue, type PluginManifest, UserError } from '@causeway/sdk';
import { checkPluginBundle } from './check-plugin-bundle';
import { checkGrant, noGrant, type PluginGrant } from './plugin-grant';
import { packageJsonLimits } from './plugin-limits';
import type { PluginUpload } from './read-plugin-upload';

const manifestError = (issues: Issue[]) =>
  new UserError('PLUGIN_MANIFEST_INVALID', `The plugin manifest was refused: ${issues.map(formatIssue).slice(0, 5).join('; ')}`, {
    issues: issues.slice(0, 50),
  });

/**
 * The checks a plugin passes before a server installs it or `causeway run` loads it, running none
 * of its code: the manifest (`checkPluginManifest`: name, semver, namespaced types…), its API
 * version, the capabilities it asks for against `grant` (exactly what it asks; the CLI grants
 * nothing), the package.json of a tarball, and the bundle (sha256, imports). Returns the manifest;
 * throws a `UserError` naming the plugin, version and field otherwise.
 */
export async function checkPluginUpload(upload: PluginUpload, grant: PluginGrant = noGrant): Promise<PluginManifest> {
  const manifest = checkedManifest(parseJson(upload.manifest, 'causeway-plugin.json'));
  if (manifest.apiVersion !== apiVersion) {
    throw new UserError(
      'PLUGIN_API_UNSUPPORTED',
      `Plugin ${manifest.name}@${manifest.version} was built for plugin API version ${manifest.apiVersion}; this host speaks version ${apiVersion}.`,
      { details: { apiVersion: manifest.apiVersion, supported: [apiVersion] } },
    );
  }
  checkGrant(manifest, grant, true);
  if (upload.packageJson !== undefined) checkPackageJson(parseJson(upload.packageJson, 'package.json'), manifest);
  const bundleIssues = await checkPluginBundle(upload.bundle, manifest.bundleSha256);
  if (bundleIssues.length > 0) {
    throw new UserError(
      'PLUGIN_BUNDLE_INVALID',
      `The bundle of plugin ${manifest.name}@${manifest.version} was refused: ${bundleIssues.map(formatIssue).join('; ')}`,
      { issues: bundleIssues },
    );
  }
  return manifest;
}

function parseJson(bytes: Uint8Array, file: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new UserError('PLUGIN_MANIFEST_INVALID', `${file} is not valid UTF-8 JSON.`);
  }
}

function checkedManifest(value: unknown): PluginManifest {
  const checked = checkPluginManifest(value);
  if (!checked.ok) throw manifestError(checked.issues);
  return checked.value;
}

function checkPackageJson(value: unknown, manifest: PluginManifest): void {
  const hostile = checkJsonValue(value, packageJsonLimits);
  if (hostile.length > 0) throw manifestError(hostile.map((issue) => ({ ...issue, path: ['package.json', ...issue.path] })));
  const pkg = (typeof value === 'object' && value !== null ? value : {}) as { name?: unknown; version?: unknown };
  for (const field of ['name', 'version'] as const) {
    if (pkg[field] !== manifest[field]) {
      throw manifestError([
        {
          code: 'PLUGIN_MANIFEST_INVALID',
          path: ['package.json', field],
          message: `package.json ${field} is ${JSON.stringify(pkg[field])}, but the manifest says ${JSON.stringify(manifest[field])}`,
        },
      ]);
    }
  }
}
