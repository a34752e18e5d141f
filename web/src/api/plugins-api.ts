import { type ApiClient, readError } from './api-client';

/** An installed plugin version (`GET /api/plugins`). */
export interface InstalledPlugin {
  name: string;
  version: string;
  enabled: boolean;
  sha256: string;
  apiVersion: number;
  nodes: Array<{ type: string; version: number; title: string }>;
  installedBy: string;
  installedAt: string;
}

const path = (name: string, version: string) => `/api/plugins/${encodeURIComponent(name)}/${encodeURIComponent(version)}`;

export const pluginsApi = {
  list: (api: ApiClient) => api.request<{ items: InstalledPlugin[] }>('GET', '/api/plugins'),
  enable: (api: ApiClient, name: string, version: string) => api.request<unknown>('POST', `${path(name, version)}/enable`),
  disable: (api: ApiClient, name: string, version: string) => api.request<unknown>('POST', `${path(name, version)}/disable`),
  remove: (api: ApiClient, name: string, version: string) => api.request<void>('DELETE', path(name, version)),
  /** Uploads an npm tarball (`npm pack` of a plugin package); `dev` installs or replaces a `-dev` version. */
  async upload(api: ApiClient, file: Blob, dev = false): Promise<unknown> {
    const response = await api.fetchRaw(dev ? '/api/plugins/dev' : '/api/plugins', {
      method: 'POST',
      headers: { 'content-type': 'application/gzip', accept: 'application/json' },
      body: file,
    });
    if (!response.ok) throw await readError(response);
    return response.json();
  },
};
