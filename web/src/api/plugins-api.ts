import { type InstalledPlugin, pluginList, pluginRegistrySearchAnswer, pluginSchema } from '@causeway/contract';
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
  /** Installs `name@version` from the server's npm registry (integrity-checked there). */
  installFromRegistry: (api: ApiClient, name: string, version: string) =>
    api.request('POST', '/api/plugins/registry', pluginSchema, { name, version }),
  /** Uploads an npm tarball (`npm pack` of a plugin package); `dev` installs or replaces a `-dev` version. */
  async upload(api: ApiClient, file: Blob, dev = false): Promise<InstalledPlugin> {
    const response = await api.fetchRaw(dev ? '/api/plugins/dev' : '/api/plugins', {
      method: 'POST',
      headers: { 'content-type': 'application/gzip', accept: 'application/json' },
      body: file,
    });
    if (!response.ok) throw await readError(response);
    return parseAnswer(pluginSchema, await response.json(), `POST ${dev ? '/api/plugins/dev' : '/api/plugins'}`, response.status);
  },
};
