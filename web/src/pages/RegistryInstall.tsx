import type { PluginGrant, PluginRegistryHit } from '@causeway/contract';
import { useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { pluginsApi } from '../api/plugins-api';
import { parsePackageSpec } from './package-spec';

interface Action {
  busy: boolean;
  run(action: () => Promise<unknown>): Promise<void>;
}

/** Search the server's npm registry and install a found plugin, or a typed name@version. Errors go to the page through `action`; a plugin that asks for capabilities goes through the grant step. */
export function RegistryInstall({
  api,
  action,
  attempt,
}: {
  api: ApiClient;
  action: Action;
  /** Runs an install; one refused for lack of a grant goes to the page's grant step. */
  attempt(install: (grant?: PluginGrant) => Promise<unknown>): void;
}) {
  const [query, setQuery] = useState('');
  const [spec, setSpec] = useState('');
  const [hits, setHits] = useState<PluginRegistryHit[] | undefined>();
  const install = (name: string, version: string) => attempt((grant) => pluginsApi.installFromRegistry(api, name, version, grant));
  const parsed = parsePackageSpec(spec);
  return (
    <section className="registry-install" aria-label="Install from registry">
      <h2>Install from registry</h2>
      <form
        className="page-actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (query.trim() !== '')
            void action.run(async () => {
              setHits(undefined);
              setHits((await pluginsApi.searchRegistry(api, query.trim())).items);
            });
        }}
      >
        <input
          type="search"
          aria-label="Search the registry"
          placeholder="Search plugins"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit" disabled={action.busy || query.trim() === ''}>
          Search
        </button>
      </form>
      {hits?.length === 0 && <p className="muted">No Causeway plugins found.</p>}
      {hits && hits.length > 0 && (
        <table className="data-list" aria-label="Registry results">
          <tbody>
            {hits.map((hit) => (
              <tr key={hit.name} data-registry-plugin={hit.name}>
                <th scope="row">
                  {hit.name} <span className="muted">{hit.version}</span>
                </th>
                <td>{hit.description}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    disabled={action.busy}
                    aria-label={`Install ${hit.name}@${hit.version}`}
                    onClick={() => install(hit.name, hit.version)}
                  >
                    Install
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="page-actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed) install(parsed.name, parsed.version);
        }}
      >
        <input aria-label="Package name@version" placeholder="@scope/plugin@1.0.0" value={spec} onChange={(e) => setSpec(e.target.value)} />
        <button type="submit" disabled={action.busy || parsed === undefined}>
          Install
        </button>
      </form>
    </section>
  );
}
