import { type InstalledPlugin, type PluginGrant, pluginList, pluginRegistrySearchAnswer, pluginSchema } from '@causeway/contract';
import { type ApiClient, readError } from './api-client';
import { parseAnswer } from './parse-answer';

export type { InstalledPlugin } from '@causeway/contract';

const path = (name: string, version: string) => `/api/plugins/${encodeURIComponent(name)}/${encodeURIComponent(version)}`;

export const pluginsApi = {
  list: (api: ApiClient) => api.request('GET', '/api/plugins', pluginList),
  enable: (api: ApiClient, name: string, version: string) => api.request('POST', `${path(name, version)}/enable`, pluginSchema),
  disable: (api: ApiClient, name: string, version: string) => api.request('POST', `${path(name, version)}/disable`, pluginSchema),
  remove: (api: ApiClient, name: string, version: string) => api.send('DELETE', path(name, version)),
  /** Causeway plugins in the server's npm registry matching `text`. */
  searchRegistry: (api: ApiClient, text: string) =>
    api.request('GET', `/api/plugins/registry/search?q=${encodeURIComponent(text)}`, pluginRegistrySearchAnswer),
  /** Installs `name@version` from the server's npm registry (integrity-checked there), granting `grant` (admins). */
  installFromRegistry: (api: ApiClient, name: string, version: string, grant?: PluginGrant) =>
    api.request('POST', '/api/plugins/registry', pluginSchema, { name, version, ...(grant === undefined ? {} : { grant }) }),
  /** Replaces what a plugin version is granted (admins); less than before revokes. */
  setGrant: (api: ApiClient, name: string, version: string, grant: PluginGrant) =>
    api.request('PUT', `${path(name, version)}/grant`, pluginSchema, grant),
  /** Uploads an npm tarball (`npm pack` of a plugin package); `dev` installs or replaces a `-dev` version; `grant` (admins) grants what it asks for. */
  async upload(api: ApiClient, file: Blob, dev = false, grant?: PluginGrant): Promise<InstalledPlugin> {
    const query = new URLSearchParams();
    if (grant?.network?.length) query.set('network', grant.network.join(','));
    if (grant?.secrets?.length) query.set('secrets', grant.secrets.join(','));
    const target = `${dev ? '/api/plugins/dev' : '/api/plugins'}${query.size > 0 ? `?${query}` : ''}`;
    const response = await api.fetchRaw(target, {
      method: 'POST',
      headers: { 'content-type': 'application/gzip', accept: 'application/json' },
      body: file,
    });
    if (!response.ok) throw await readError(response);
    return parseAnswer(pluginSchema, await response.json(), `POST ${dev ? '/api/plugins/dev' : '/api/plugins'}`, response.status);
  },
};
