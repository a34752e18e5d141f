import { z } from 'zod';
import type { PortKind } from '../ports/port';

/**
 * npm's rules for a package name: lowercase, URL-safe, at most 214 characters, optionally scoped.
 *
 * @example
 * npmNamePattern.test('@acme/causeway-text') // true
 */
export const npmNamePattern = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
/**
 * Semantic Versioning 2.0.0, the pattern semver.org gives.
 *
 * @example
 * semverPattern.test('1.2.0-dev') // true
 */
export const semverPattern =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** The part of a plugin node type after `<package name>/`. */
export const pluginNodeNamePattern = /^[a-z][a-zA-Z0-9.-]*$/;
const portIdPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Size limits of a manifest, so a hostile one cannot exhaust a host. */
export const manifestLimits = {
  nodes: 500,
  portsPerNode: 64,
  textLength: 10_000,
} as const;

const jsonSchema = z.record(z.string(), z.unknown());
const text = z.string().max(manifestLimits.textLength);

const portDescriptorSchema = z.strictObject({
  kind: z.enum(['table', 'model', 'metrics', 'report', 'chart', 'value'] satisfies PortKind[]),
  optional: z.boolean(),
  multiple: z.boolean(),
  description: text.optional(),
  schema: jsonSchema.optional(),
});

const portsSchema = z
  .record(z.string().regex(portIdPattern, 'port ids are identifiers (letters, digits, _)'), portDescriptorSchema)
  .refine((ports) => Object.keys(ports).length <= manifestLimits.portsPerNode, `at most ${manifestLimits.portsPerNode} ports`);

/**
 * The zod schema of a {@link NodeDescriptor} inside a manifest (strict: unknown fields are refused).
 *
 * @example
 * nodeDescriptorSchema.safeParse(describeNode(tokenize)).success // true
 */
export const nodeDescriptorSchema = z.strictObject({
  type: z.string().min(1).max(300),
  version: z.int().min(1).max(1_000_000),
  category: z.enum(['source', 'transform', 'model', 'validate', 'visualize', 'deploy', 'plugin']),
  title: z.string().min(1).max(200),
  description: text,
  inputs: portsSchema,
  outputs: portsSchema,
  config: jsonSchema,
  effects: z.boolean(),
  runtime: z.enum(['any', 'server']).optional(),
  cache: z.enum(['pure', 'volatile']).optional(),
  timeoutMs: z.int().min(1).optional(),
  migrates: z.literal(true).optional(),
  ui: z.record(z.string(), z.unknown()).optional(),
});

/** A host a plugin may ask to reach: a lowercase DNS name or IPv4 address, no scheme, port or wildcard. */
export const capabilityHostPattern = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
/** A secret a plugin may ask for, by name: the server's secret-name rule. */
export const capabilitySecretPattern = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

const distinct = (list: readonly string[]) => new Set(list).size === list.length;

/**
 * The zod schema of what a plugin asks a host for beyond computing on its inputs: `network`, the hosts
 * its nodes may call; `secrets`, the secret names they may use. An admin grants them at install.
 *
 * @example
 * pluginCapabilitiesSchema.parse({ network: ['api.example.com'], secrets: ['EXAMPLE_TOKEN'] })
 */
export const pluginCapabilitiesSchema = z.strictObject({
  network: z
    .array(z.string().regex(capabilityHostPattern, 'a host is a lowercase DNS name or IPv4 address, e.g. api.example.com'))
    .max(50)
    .refine(distinct, 'each host once')
    .optional(),
  secrets: z
    .array(z.string().regex(capabilitySecretPattern, 'a secret name is a letter or _ then letters, digits, _ . -'))
    .max(50)
    .refine(distinct, 'each secret once')
    .optional(),
});

/**
 * The zod schema of `causeway-plugin.json`, the manifest a plugin's build writes beside its bundle.
 * Strict; {@link checkPluginManifest} adds the checks zod cannot express (namespaced node types,
 * duplicates, hostile keys and sizes).
 *
 * @example
 * pluginManifestSchema.shape.bundle.value // 'plugin.mjs'
 */
export const pluginManifestSchema = z.strictObject({
  manifestVersion: z.literal(1),
  name: z.string().max(214).regex(npmNamePattern, 'must be an npm package name (lowercase, e.g. @acme/causeway-text)'),
  version: z.string().max(256).regex(semverPattern, 'must be a semantic version such as 1.2.0'),
  apiVersion: z.int().min(1),
  bundle: z.literal('plugin.mjs'),
  bundleSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the hex SHA-256 of the bundle (64 lowercase hex digits)'),
  nodes: z.array(nodeDescriptorSchema).min(1).max(manifestLimits.nodes),
  capabilities: pluginCapabilitiesSchema.optional(),
});

/**
 * What a plugin asks a host for: hosts to call and secrets to use, by name.
 *
 * @example
 * const capabilities: PluginCapabilities = { network: ['api.example.com'] };
 */
export type PluginCapabilities = z.output<typeof pluginCapabilitiesSchema>;

/**
 * A plugin manifest (`causeway-plugin.json`): the package's name and version, the SDK API version
 * it was built for, its bundle's file and hash, a descriptor per node type, and the capabilities it
 * asks for.
 *
 * @example
 * const manifest: PluginManifest = describePlugin(plugin, { file: 'plugin.mjs', sha256 });
 */
export type PluginManifest = z.output<typeof pluginManifestSchema>;
