import type { AnyNodeDefinition } from './define-node';

/**
 * The plugin API version this SDK speaks. A plugin states the version it was built for.
 *
 * @example
 * export default definePlugin({ name: '@acme/causeway-text', version: '1.0.0', apiVersion, nodes: [tokenize] });
 */
export const apiVersion = 1;

/**
 * A plugin: a named, versioned package of node types.
 *
 * @example
 * const plugin: PluginDefinition = { name: '@acme/causeway-text', version: '1.0.0', apiVersion: 1, nodes: [tokenize] };
 */
export interface PluginDefinition {
  /** The npm package name, e.g. `@acme/causeway-text`; node types are namespaced by it. */
  readonly name: string;
  /** Semver version of the package: leave it out, the build reads it from package.json (`describePlugin`). */
  readonly version?: string;
  /** The SDK plugin API version the plugin was built for. */
  readonly apiVersion: number;
  readonly nodes: readonly AnyNodeDefinition[];
  /**
   * What the plugin's nodes need beyond their inputs: `network`, the hosts they call (lowercase names,
   * no scheme or port); `secrets`, the secret names they use. Written into the manifest for an admin
   * to grant at install.
   */
  readonly capabilities?: { readonly network?: readonly string[]; readonly secrets?: readonly string[] };
}

/**
 * Defines a plugin. The SDK is a peer dependency: plugins receive it, never bundle it.
 *
 * @example
 * export default definePlugin({ name: '@acme/causeway-text', apiVersion: 1, nodes: [tokenize] });
 */
export function definePlugin(plugin: PluginDefinition): PluginDefinition {
  return Object.freeze({ ...plugin, nodes: Object.freeze([...plugin.nodes]) });
}
