import type { InstalledPlugin, pluginList } from '@causeway/contract';
import type { z } from 'zod';
import { type ApiClient, readError } from './api-client';

export type { InstalledPlugin } from '@causeway/contract';

const path = (name: string, version: string) => `/api/plugins/${encodeURIComponent(name)}/${encodeURIComponent(version)}`;

export const pluginsApi = {
  list: (api: ApiClient) => api.request<z.infer<typeof pluginList>>('GET', '/api/plugins'),
  enable: (api: ApiClient, name: string, version: string) => api.request<InstalledPlugin>('POST', `${path(name, version)}/enable`),
  disable: (api: ApiClient, name: string, version: string) => api.request<InstalledPlugin>('POST', `${path(name, version)}/disable`),
  remove: (api: ApiClient, name: string, version: string) => api.request<void>('DELETE', path(name, version)),
  /** Uploads an npm tarball (`npm pack` of a plugin package); `dev` installs or replaces a `-dev` version. */
  async upload(api: ApiClient, file: Blob, dev = false): Promise<InstalledPlugin> {
    const response = await api.fetchRaw(dev ? '/api/plugins/dev' : '/api/plugins', {
      method: 'POST',
      headers: { 'content-type': 'application/gzip', accept: 'application/json' },
      body: file,
    });
    if (!response.ok) throw await readError(response);
    return (await response.json()) as InstalledPlugin;
  },
};
