import { useRef } from 'react';
import { pluginsApi } from '../api/plugins-api';
import { can, type Server } from '../app/server-context';
import { GrantStep, PluginCapabilities, useGrantStep } from './GrantStep';
import { PageShell } from './PageShell';
import { RegistryInstall } from './RegistryInstall';
import { useAction, useResource } from './use-resource';

/** Installed plugins with their node types; upload a tarball, enable, disable or remove a version. */
export function PluginsPage({ server }: { server: Server }) {
  const { api } = server;
  const plugins = useResource(() => pluginsApi.list(api), [api]);
  const action = useAction(plugins.reload);
  const file = useRef<HTMLInputElement>(null);
  const writable = can(server, 'plugins:write');
  // Developers may install only `-dev` versions of their own plugins.
  const dev = !writable && can(server, 'plugins:dev');
  const canGrant = can(server, 'plugins:grant');
  const grantStep = useGrantStep(action);
  return (
    <PageShell title="Plugins" errors={[plugins.error, action.error]}>
      {(writable || dev) && (
        <div className="page-actions">
          <button type="button" className="primary" disabled={action.busy} onClick={() => file.current?.click()}>
            {dev ? 'Upload a -dev version…' : 'Upload plugin…'}
          </button>
          <input
            ref={file}
            type="file"
            accept=".tgz,application/gzip"
            hidden
            aria-label="Plugin tarball"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              e.target.value = '';
              if (chosen) grantStep.attempt((grant) => pluginsApi.upload(api, chosen, dev, grant));
            }}
          />
          <span className="muted">An npm tarball made by the plugin's build (npm pack).</span>
        </div>
      )}
      <GrantStep step={grantStep} action={action} canGrant={canGrant} />
      {writable && <RegistryInstall api={api} action={action} attempt={grantStep.attempt} />}
      {plugins.data?.items.length === 0 && <p className="muted">No plugins installed.</p>}
      {plugins.data && plugins.data.items.length > 0 && (
        <table className="data-list" aria-label="Plugins">
          <thead>
            <tr>
              <th scope="col">Plugin</th>
              <th scope="col">Node types</th>
              <th scope="col">Capabilities</th>
              <th scope="col">Installed</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {plugins.data.items.map((p) => {
              const label = `${p.name}@${p.version}`;
              return (
                <tr key={label} data-plugin={label}>
                  <th scope="row">
                    {p.name} <span className="muted">{p.version}</span>
                  </th>
                  <td>
                    <ul className="plain">
                      {p.nodes.map((n) => (
                        <li key={n.type}>
                          <code>{n.type}</code> <span className="muted">{n.title}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <PluginCapabilities
                      asked={p.capabilities}
                      grant={p.grant}
                      canGrant={canGrant}
                      busy={action.busy}
                      label={label}
                      onGrant={(grant) => void action.run(() => pluginsApi.setGrant(api, p.name, p.version, grant))}
                    />
                  </td>
                  <td>
                    {p.installedBy} · {new Date(p.installedAt).toLocaleString()}
                  </td>
                  <td>
                    <span className={`status-pill ${p.enabled ? 'status-succeeded' : 'status-cancelled'}`}>
                      {p.enabled ? 'enabled' : 'disabled'}
                    </span>
                  </td>
                  <td className="row-actions">
                    {writable && (
                      <>
                        <button
                          type="button"
                          disabled={action.busy}
                          aria-label={`${p.enabled ? 'Disable' : 'Enable'} ${label}`}
                          onClick={() =>
                            void action.run(() =>
                              p.enabled ? pluginsApi.disable(api, p.name, p.version) : pluginsApi.enable(api, p.name, p.version),
                            )
                          }
                        >
                          {p.enabled ? 'Disable' : 'Enable'}
                        </button>
                        <button
                          type="button"
                          disabled={action.busy}
                          aria-label={`Remove ${label}`}
                          onClick={() => {
                            if (window.confirm(`Remove ${label}? Graphs that use its nodes will show them as placeholders.`))
                              void action.run(() => pluginsApi.remove(api, p.name, p.version));
                          }}
                        >
                          Remove
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </PageShell>
  );
}
