import { z } from 'zod';
import { listOf } from './common';

// The scoped name arrives URL-encoded in one segment: `%40causeway%2Fplugin-text`.
export const pluginParams = z.object({
  name: z.string().min(1).max(214).meta({ example: '%40causeway%2Fplugin-text' }),
  version: z.string().min(1).max(256).meta({ example: '1.0.0' }),
});

/**
 * What an admin grants a plugin at install: the hosts its nodes may call and the secrets they may
 * name. An install must grant exactly what the manifest asks for; a later grant may narrow it (revoke).
 */
export const pluginGrantSchema = z
  .object({
    network: z.array(z.string().min(1).max(253)).max(50).optional().describe('Hosts, as the manifest lists them.'),
    secrets: z.array(z.string().min(1).max(128)).max(50).optional().describe('Secret names, as the manifest lists them.'),
  })
  .meta({ id: 'PluginGrant', example: { network: ['api.example.com'], secrets: ['EXAMPLE_TOKEN'] } });
export type PluginGrant = z.infer<typeof pluginGrantSchema>;

/** `?network=a,b&secrets=X,Y` of an upload: the grant, comma-separated (admins only). */
export const pluginInstallQuery = z.object({
  network: z.string().max(13_000).optional().describe('Granted hosts, comma-separated.').meta({ example: 'api.example.com' }),
  secrets: z.string().max(6_500).optional().describe('Granted secret names, comma-separated.').meta({ example: 'EXAMPLE_TOKEN' }),
});

const capabilityLists = z.object({ network: z.array(z.string()), secrets: z.array(z.string()) });

/** An installed plugin version. */
export const pluginSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    enabled: z.boolean(),
    sha256: z.string(),
    apiVersion: z.number(),
    installedBy: z.string(),
    installedAt: z.string(),
    nodes: z.array(z.object({ type: z.string(), version: z.number(), title: z.string() })),
    /** What the manifest asks for. */
    capabilities: capabilityLists,
    /** What an admin granted (at install, or narrowed since). */
    grant: capabilityLists,
  })
  .meta({ id: 'Plugin' });
export const pluginList = listOf(pluginSchema);
/** A plugin version's manifest (causeway-plugin.json). */
export const pluginManifestAnswer = z.record(z.string(), z.unknown());

/** Install `name@version` from the npm registry the server is configured with (`CAUSEWAY_PLUGIN_REGISTRY`). */
export const pluginRegistryInstallBody = z
  .object({
    name: z.string().min(1).max(214).meta({ example: '@causeway/plugin-text' }),
    version: z.string().min(1).max(256).describe('An exact version, not a range.').meta({ example: '1.0.0' }),
    grant: pluginGrantSchema.optional().describe('What the plugin asks for, granted (admins only).'),
  })
  .meta({ id: 'PluginRegistryInstall' });

/** `?q=` of a registry search. */
export const pluginRegistrySearchQuery = z.object({
  q: z.string().min(1).max(200).describe('Words to search the registry for.').meta({ example: 'text' }),
});

/** Plugins found in the server's npm registry (those with the `causeway-plugin` keyword when the registry gives keywords). */
export const pluginRegistrySearchAnswer = z
  .object({
    items: z.array(z.object({ name: z.string(), version: z.string(), description: z.string() })),
  })
  .meta({ id: 'PluginRegistrySearch' });
export type PluginRegistryHit = z.infer<typeof pluginRegistrySearchAnswer>['items'][number];

/** `?force=true` disables or removes a plugin version even though graphs or schedules need it (audited). */
export const pluginChangeQuery = z.object({
  force: z.enum(['true', 'false']).optional().describe('"true" to go ahead although graphs or schedules need this version.'),
});

/** What needs a plugin version: graphs (their latest version) and unpaused schedules, as a 409 lists them in `details`. */
export const pluginDependentsSchema = z
  .object({
    graphs: z.array(z.object({ id: z.string(), version: z.number() })),
    schedules: z.array(z.object({ id: z.number(), name: z.string(), graphId: z.string() })),
  })
  .meta({ id: 'PluginDependents' });
export type PluginDependents = z.infer<typeof pluginDependentsSchema>;
