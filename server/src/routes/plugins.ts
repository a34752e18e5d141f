import {
  type InstalledPlugin as PluginJson,
  pluginChangeQuery,
  pluginGrantSchema,
  pluginInstallQuery,
  pluginList,
  pluginManifestAnswer,
  pluginParams,
  pluginRegistryInstallBody,
  pluginRegistrySearchAnswer,
  pluginRegistrySearchQuery,
  pluginSchema,
} from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { prerelease } from 'semver';
import type { AppEnv } from '../http/app-env';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { binarySchema, errorResponses, jsonBody, jsonResponse, multipartFiles } from '../http/schemas';
import type { Services } from '../http/services';
import { checkPluginUpload } from '../plugins/check-plugin-upload';
import { type InstallMode, installPlugin } from '../plugins/install-plugin';
import { pluginDependents } from '../plugins/plugin-dependents';
import { askedBy, checkGrant, grantOf, type PluginGrant } from '../plugins/plugin-grant';
import { type InstalledPlugin, PluginsRepository } from '../plugins/plugins-repository';
import { readPluginUpload } from '../plugins/read-plugin-upload';
import { downloadFromRegistry, type PluginRegistry } from '../plugins/registry-download';
import { searchRegistry } from '../plugins/registry-search';
import { unpackPluginTarball } from '../plugins/unpack-plugin-tarball';
import { actorOf } from './actor-of';

// Plain schemas, not zod: nothing validates the body before the route, which reads and checks the parts itself.
const uploadBody = {
  body: {
    required: true,
    description:
      'An npm tarball (`npm pack`) holding package/dist/causeway-plugin.json and package/dist/plugin.mjs, or the two files as multipart parts.',
    content: {
      'application/gzip': { schema: binarySchema },
      'multipart/form-data': { schema: multipartFiles({ manifest: 'causeway-plugin.json', bundle: 'plugin.mjs' }) },
    },
  },
};

const list = defineRoute('plugins:read', {
  method: 'get',
  path: '/',
  operationId: 'listPlugins',
  summary: 'Installed plugin versions',
  tags: ['plugins'],
  responses: { 200: jsonResponse('Plugins', pluginList) },
});

const install = defineRoute('plugins:write', {
  method: 'post',
  path: '/',
  operationId: 'installPlugin',
  summary: 'Install a plugin version (checked, never run, on the way in); an admin grants the capabilities it asks for',
  tags: ['plugins'],
  request: { ...uploadBody, query: pluginInstallQuery },
  responses: { 201: jsonResponse('Installed', pluginSchema), ...errorResponses(409) },
});

const installDev = defineRoute('plugins:dev', {
  method: 'post',
  path: '/dev',
  operationId: 'installDevPlugin',
  summary: 'Install or replace a "-dev" version of a plugin (the developer loop)',
  tags: ['plugins'],
  request: uploadBody,
  responses: { 201: jsonResponse('Installed', pluginSchema) },
});

const installFromRegistry = defineRoute('plugins:write', {
  method: 'post',
  path: '/registry',
  operationId: 'installPluginFromRegistry',
  summary: "Install name@version from the server's npm registry (integrity-checked, then checked as an upload)",
  tags: ['plugins'],
  request: jsonBody(pluginRegistryInstallBody),
  responses: { 201: jsonResponse('Installed', pluginSchema), ...errorResponses(404, 409) },
});

const searchTheRegistry = defineRoute('plugins:write', {
  method: 'get',
  path: '/registry/search',
  operationId: 'searchPluginRegistry',
  summary: "Search the server's npm registry for Causeway plugins (keyword causeway-plugin), 20 at most",
  tags: ['plugins'],
  request: { query: pluginRegistrySearchQuery },
  responses: { 200: jsonResponse('Found', pluginRegistrySearchAnswer), ...errorResponses(502) },
});

const grantRoute = defineRoute('plugins:grant', {
  method: 'put',
  path: '/{name}/{version}/grant',
  operationId: 'grantPlugin',
  summary: "Replace a plugin version's grant: any part of what its manifest asks for; less revokes",
  tags: ['plugins'],
  request: { params: pluginParams, body: jsonBody(pluginGrantSchema).body },
  responses: { 200: jsonResponse('Granted', pluginSchema), ...errorResponses(404) },
});

const noRegistry = () => new UserError('REQUEST_INVALID', 'This server has no plugin registry configured.');

const toggle = (enabled: boolean) =>
  defineRoute('plugins:write', {
    method: 'post',
    path: `/{name}/{version}/${enabled ? 'enable' : 'disable'}`,
    operationId: enabled ? 'enablePlugin' : 'disablePlugin',
    summary: enabled
      ? 'Enable a plugin version'
      : 'Disable a plugin version (409 listing the graphs and schedules that need it, unless `force=true`)',
    tags: ['plugins'],
    request: { params: pluginParams, query: pluginChangeQuery },
    responses: { 200: jsonResponse('Changed', pluginSchema), ...errorResponses(404, 409) },
  });

const remove = defineRoute('plugins:write', {
  method: 'delete',
  path: '/{name}/{version}',
  operationId: 'removePlugin',
  summary: 'Remove a plugin version (409 listing the graphs and schedules that need it, unless `force=true`)',
  tags: ['plugins'],
  request: { params: pluginParams, query: pluginChangeQuery },
  responses: { 204: { description: 'Removed' }, ...errorResponses(404, 409) },
});

const removeDev = defineRoute('plugins:dev', {
  method: 'delete',
  // Under the version, not under /dev: /dev/{name}/{version} would match the same URLs as /{name}/{version}/manifest.
  path: '/{name}/{version}/dev',
  operationId: 'removeDevPlugin',
  summary: 'Remove a "-dev" plugin version the caller installed (409 when graphs or schedules need it, unless `force=true`)',
  tags: ['plugins'],
  request: { params: pluginParams, query: pluginChangeQuery },
  responses: { 204: { description: 'Removed' }, ...errorResponses(404, 409) },
});

const manifest = defineRoute('plugins:read', {
  method: 'get',
  path: '/{name}/{version}/manifest',
  operationId: 'getPluginManifest',
  summary: "A plugin version's manifest (causeway-plugin.json)",
  tags: ['plugins'],
  request: { params: pluginParams },
  responses: { 200: jsonResponse('The manifest', pluginManifestAnswer), ...errorResponses(404) },
});

const bundle = defineRoute('plugins:read', {
  method: 'get',
  path: '/{name}/{version}/bundle.mjs',
  operationId: 'getPluginBundle',
  summary: "A plugin version's bundle, as uploaded (the editor's worker imports it)",
  tags: ['plugins'],
  request: { params: pluginParams },
  responses: { 200: { description: 'The bundle', content: { 'text/javascript': { schema: z.string() } } }, ...errorResponses(404) },
});

function pluginJson(plugin: InstalledPlugin): PluginJson {
  return {
    name: plugin.name,
    version: plugin.version,
    enabled: plugin.enabled,
    sha256: plugin.sha256,
    apiVersion: plugin.manifest.apiVersion,
    installedBy: plugin.installedBy,
    installedAt: plugin.installedAt.toISOString(),
    nodes: plugin.manifest.nodes.map((node) => ({ type: node.type, version: node.version, title: node.title })),
    capabilities: askedBy(plugin.manifest),
    grant: plugin.grant,
  };
}

const commaList = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');

const notFound = (name: string, version: string) => new UserError('NOT_FOUND', `No plugin ${name}@${version} is installed.`);

/** Plugins: install (ops/admin; developers only `-dev` versions), enable, disable, remove, and serve manifests and bundles. */
export function pluginRoutes(services: Services, registry?: PluginRegistry) {
  const plugins = new PluginsRepository(services.db);
  const deps = { plugins, builtins: services.registry, audit: services.audit };
  const upload = async (c: Context<AppEnv>, mode: InstallMode, grant?: PluginGrant) => {
    const files = await readPluginUpload({
      contentType: c.req.header('content-type') ?? '',
      formData: () => c.req.formData(),
      arrayBuffer: () => c.req.arrayBuffer(),
    });
    return pluginJson(await installPlugin(deps, files, actorOf(c), mode, grant));
  };
  // A version that graphs or schedules need is only taken away on `force`, and the audit entry names what it broke.
  const dependentsGuard = async (name: string, version: string, what: 'disable' | 'remove', force: boolean) => {
    const dependents = await pluginDependents(services.db, name, version);
    const count = dependents.graphs.length + dependents.schedules.length;
    if (count === 0) return {};
    if (!force) {
      const graphs = dependents.graphs.map((graph) => `"${graph.id}"`).join(', ') || 'none';
      const schedules = dependents.schedules.map((schedule) => `"${schedule.name}" (${schedule.id})`).join(', ') || 'none';
      throw new UserError(
        'CONFLICT',
        `Plugin ${name}@${version} is the only enabled version some graphs or schedules need (graphs: ${graphs}; schedules: ${schedules}); ${what} it with force=true to go ahead.`,
        { details: { ...dependents } },
      );
    }
    return { forced: true, ...dependents };
  };
  const setEnabled = async (c: Context<AppEnv>, { name, version }: { name: string; version: string }, enabled: boolean, force: boolean) => {
    if ((await plugins.get(name, version)) === undefined) throw notFound(name, version);
    const details = enabled ? {} : await dependentsGuard(name, version, 'disable', force);
    if (!(await plugins.setEnabled(name, version, enabled))) throw notFound(name, version);
    await services.audit.record({
      actor: actorOf(c).name,
      action: enabled ? 'plugin.enable' : 'plugin.disable',
      target: `plugin:${name}@${version}`,
      details,
    });
    return pluginJson((await plugins.get(name, version)) as InstalledPlugin);
  };
  return newRouter()
    .openapi(list, async (c) => c.json({ items: (await plugins.list()).map(pluginJson) }, 200))
    .openapi(install, async (c) => {
      const { network, secrets } = c.req.valid('query');
      return c.json(await upload(c, 'release', grantOf({ network: commaList(network), secrets: commaList(secrets) })), 201);
    })
    .openapi(installDev, async (c) => c.json(await upload(c, 'dev'), 201))
    .openapi(installFromRegistry, async (c) => {
      const { name, version, grant: asked } = c.req.valid('json');
      const grant = grantOf(asked ?? {});
      if (registry === undefined) throw noRegistry();
      const tarball = await unpackPluginTarball(await downloadFromRegistry(registry.http, registry.url, name, version, c.req.raw.signal));
      // The registry's tarball must hold the package asked for, not another one.
      const manifest = await checkPluginUpload(tarball, grant);
      for (const [field, asked] of [
        ['name', name],
        ['version', version],
      ] as const) {
        if (manifest[field] !== asked) {
          throw new UserError(
            'PLUGIN_MANIFEST_INVALID',
            `Plugin ${name}@${version} from the registry holds a manifest with ${field} ${JSON.stringify(manifest[field])}; nothing was installed.`,
            { details: { plugin: name, version, field } },
          );
        }
      }
      return c.json(pluginJson(await installPlugin(deps, tarball, actorOf(c), 'release', grant)), 201);
    })
    .openapi(searchTheRegistry, async (c) => {
      if (registry === undefined) throw noRegistry();
      const items = await searchRegistry(registry.http, registry.url, c.req.valid('query').q, c.req.raw.signal);
      return c.json({ items }, 200);
    })
    .openapi(grantRoute, async (c) => {
      const { name, version } = c.req.valid('param');
      const actor = actorOf(c);
      const plugin = await plugins.get(name, version);
      if (plugin === undefined) throw notFound(name, version);
      const grant = grantOf(c.req.valid('json'));
      checkGrant(plugin.manifest, grant, false);
      if (!(await plugins.setGrant(name, version, grant))) throw notFound(name, version);
      await services.audit.record({
        actor: actor.name,
        action: 'plugin.grant',
        target: `plugin:${name}@${version}`,
        details: { before: plugin.grant, after: grant },
      });
      return c.json(pluginJson((await plugins.get(name, version)) as InstalledPlugin), 200);
    })
    .openapi(toggle(true), async (c) => c.json(await setEnabled(c, c.req.valid('param'), true, false), 200))
    .openapi(toggle(false), async (c) =>
      c.json(await setEnabled(c, c.req.valid('param'), false, c.req.valid('query').force === 'true'), 200),
    )
    .openapi(remove, async (c) => {
      const { name, version } = c.req.valid('param');
      if ((await plugins.get(name, version)) === undefined) throw notFound(name, version);
      const details = await dependentsGuard(name, version, 'remove', c.req.valid('query').force === 'true');
      if (!(await plugins.remove(name, version))) throw notFound(name, version);
      await services.audit.record({ actor: actorOf(c).name, action: 'plugin.remove', target: `plugin:${name}@${version}`, details });
      return c.body(null, 204);
    })
    .openapi(removeDev, async (c) => {
      const { name, version } = c.req.valid('param');
      const actor = actorOf(c).name;
      const plugin = await plugins.get(name, version);
      if (plugin === undefined) throw notFound(name, version);
      if (!(prerelease(version) ?? []).includes('dev') || plugin.installedBy !== actor) {
        throw new UserError(
          'FORBIDDEN',
          `Plugin ${name}@${version} is not a "-dev" version you installed (installed by ${plugin.installedBy}); removing it needs an ops or admin token.`,
        );
      }
      const details = await dependentsGuard(name, version, 'remove', c.req.valid('query').force === 'true');
      await plugins.remove(name, version);
      await services.audit.record({ actor, action: 'plugin.remove-dev', target: `plugin:${name}@${version}`, details });
      return c.body(null, 204);
    })
    .openapi(manifest, async (c) => {
      const { name, version } = c.req.valid('param');
      const plugin = await plugins.get(name, version);
      if (plugin === undefined) throw notFound(name, version);
      return c.json(plugin.manifest as unknown as Record<string, unknown>, 200);
    })
    .openapi(bundle, async (c) => {
      const { name, version } = c.req.valid('param');
      const stored = await plugins.bundle(name, version);
      if (stored === undefined) throw notFound(name, version);
      return c.body(stored.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'text/javascript; charset=utf-8',
        etag: `"${stored.sha256}"`,
        'cache-control': 'private, max-age=300',
        'x-content-type-options': 'nosniff',
      });
    });
}
