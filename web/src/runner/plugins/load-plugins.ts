import {
  type AnyNodeDefinition,
  apiVersion,
  checkPluginManifest,
  formatIssue,
  type NodeDescriptor,
  type PluginDefinition,
  type PluginManifest,
  UserError,
} from '@causeway/sdk';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { PluginStatus } from '../../registry';
import type { ServerFetch } from '../server-reader';
import { rewriteImports } from './rewrite-imports';
import { serverOnlyNodes } from './server-only-nodes';

/** Where the worker fetches plugins: the page's server, read by the page with the user's token. */
export type PluginSource = ServerFetch;

/** How a rewritten bundle becomes a module; the worker imports it from a blob URL. */
export type ModuleImporter = (source: string) => Promise<Record<string, unknown>>;

/** One plugin found on the server: its manifest's descriptors and, once its bundle loaded, its node code. */
export interface LoadedPlugin {
  status: PluginStatus;
  descriptors: NodeDescriptor[];
  definitions: AnyNodeDefinition[];
}

const path = (name: string, version: string, file: string) =>
  `/api/plugins/${encodeURIComponent(name)}/${encodeURIComponent(version)}/${file}`;

async function get(source: PluginSource, url: string): Promise<Response> {
  const response = await source(url);
  if (!response.ok) throw new UserError('PLUGIN_MISSING', `GET ${url} answered ${response.status} ${response.statusText}.`);
  return response;
}

// Not crypto.subtle: the worker's frame has an opaque origin, which is no secure context.
function sha256Hex(bytes: ArrayBuffer): string {
  return bytesToHex(sha256(new Uint8Array(bytes)));
}

/**
 * Loads one plugin into the worker: checks its manifest (without running anything), fetches its
 * bundle, checks the bundle's SHA-256 against the manifest, points its imports at the worker's SDK and
 * Arrow, imports it and takes the node definitions the manifest lists. A plugin that fails keeps its
 * descriptors out and says why in its status; the others load regardless.
 */
export async function loadPlugin(
  source: PluginSource,
  listed: { name: string; version: string },
  hostModules: Readonly<Record<string, string>>,
  importModule: ModuleImporter,
): Promise<LoadedPlugin> {
  const status: PluginStatus = { name: listed.name, version: listed.version, nodes: [] };
  try {
    const checked = checkPluginManifest(await (await get(source, path(listed.name, listed.version, 'manifest'))).json());
    if (!checked.ok) throw new UserError('PLUGIN_MANIFEST_INVALID', checked.issues.map(formatIssue).join('\n'));
    const manifest = checked.value;
    status.nodes = manifest.nodes.map((n) => n.type);
    if (manifest.name !== listed.name || manifest.version !== listed.version)
      throw new UserError(
        'PLUGIN_MANIFEST_INVALID',
        `The manifest names ${manifest.name} ${manifest.version}, not ${listed.name} ${listed.version}.`,
      );
    if (manifest.apiVersion > apiVersion)
      throw new UserError(
        'PLUGIN_API_UNSUPPORTED',
        `Plugin ${manifest.name} ${manifest.version} needs SDK API version ${manifest.apiVersion}; this editor speaks ${apiVersion}.`,
      );
    const bytes = await (await get(source, path(listed.name, listed.version, 'bundle.mjs'))).arrayBuffer();
    if (sha256Hex(bytes) !== manifest.bundleSha256)
      throw new UserError(
        'PLUGIN_BUNDLE_INVALID',
        `The bundle of ${manifest.name} ${manifest.version} does not match the SHA-256 in its manifest.`,
      );
    const text = rewriteImports(new TextDecoder().decode(bytes), hostModules, manifest.name);
    const module = await importModule(text);
    const definitions = serverOnlyNodes(manifest, nodesOf(manifest, module.default));
    return { status, descriptors: manifest.nodes, definitions };
  } catch (error) {
    status.error = error instanceof Error ? error.message : String(error);
    return { status, descriptors: [], definitions: [] };
  }
}

/** The definitions the manifest promises, taken from the bundle's default export (a `definePlugin` value). */
function nodesOf(manifest: PluginManifest, exported: unknown): AnyNodeDefinition[] {
  const plugin = exported as Partial<PluginDefinition> | undefined;
  const label = `${manifest.name} ${manifest.version}`;
  if (typeof plugin !== 'object' || plugin === null || !Array.isArray(plugin.nodes))
    throw new UserError('PLUGIN_BUNDLE_INVALID', `The bundle of ${label} does not export a definePlugin(...) value by default.`);
  // The version lives in package.json (and so in the manifest); a bundle names one only if its author wrote it.
  if (plugin.name !== manifest.name || (plugin.version !== undefined && plugin.version !== manifest.version))
    throw new UserError('PLUGIN_BUNDLE_INVALID', `The bundle of ${label} defines ${String(plugin.name)} ${String(plugin.version)}.`);
  return manifest.nodes.map((descriptor) => {
    const found = plugin.nodes?.find((n) => n?.type === descriptor.type && n.version === descriptor.version);
    if (!found || typeof found.run !== 'function')
      throw new UserError(
        'PLUGIN_BUNDLE_INVALID',
        `The bundle of ${label} has no node ${descriptor.type} v${descriptor.version}, which its manifest lists.`,
      );
    return found;
  });
}

/** Imports module text in this worker from a blob URL (the way an ES module can be loaded from bytes). */
export const importFromBlob: ModuleImporter = async (source) => {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    return (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
  } finally {
    URL.revokeObjectURL(url);
  }
};
