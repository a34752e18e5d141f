import { type AnyNodeDefinition, type PluginManifest, UserError } from '@causeway/sdk';

/**
 * The browser cannot grant capabilities: it has no server-side secrets, and its `fetch` follows the
 * browser's rules, not the plugin's grant. A node of a plugin that asks for network hosts or
 * secrets keeps its descriptor (the editor shows and checks it) but its run in the browser fails with
 * `PLUGIN_CAPABILITY_DENIED` naming the node and plugin: such graphs run on the server.
 */
export function serverOnlyNodes(manifest: PluginManifest, definitions: AnyNodeDefinition[]): AnyNodeDefinition[] {
  const asked = [
    ...(manifest.capabilities?.network ?? []).map((host) => `host ${host}`),
    ...(manifest.capabilities?.secrets ?? []).map((secret) => `secret ${secret}`),
  ];
  if (asked.length === 0) return definitions;
  return definitions.map((definition) => ({
    ...definition,
    run: ({ ctx }: { ctx: { nodeId: string } }) => {
      throw new UserError(
        'PLUGIN_CAPABILITY_DENIED',
        `Node "${ctx.nodeId}" (${definition.type}) comes from plugin ${manifest.name}@${manifest.version}, which asks for ${asked.join(', ')}; such nodes run only on the server. Run this graph on the server.`,
        { details: { plugin: manifest.name, version: manifest.version, node: ctx.nodeId, asked } },
      );
    },
  })) as AnyNodeDefinition[];
}
