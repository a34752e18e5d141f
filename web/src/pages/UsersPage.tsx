import { useState } from 'react';
import { type Role, roleOf, type User, userRoles, usersApi } from '../api/users-api';
import type { Server } from '../app/server-context';
import { PageShell } from './PageShell';
import { useAction, useResource } from './use-resource';

/** Users who sign in with a password (admins): create, change role, reset password, disable and enable. */
export function UsersPage({ server }: { server: Server }) {
  const { api } = server;
  const users = useResource(() => usersApi.list(api), [api]);
  const action = useAction(users.reload);
  const [resetting, setResetting] = useState<User | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  return (
    <PageShell title="Users" errors={[users.error, action.error]}>
      <NewUserForm server={server} onCreated={users.reload} />
      <p className="muted">Changing a user's role or password, or disabling them, signs them out everywhere.</p>
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      {users.data?.items.length === 0 && <p className="muted">No users yet.</p>}
      {users.data && users.data.items.length > 0 && (
        <table className="data-list" aria-label="Users">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((u) => (
              <tr key={u.id} data-user={u.name}>
                <th scope="row">{u.name}</th>
                <td>
                  <select
                    aria-label={`Role of ${u.name}`}
                    value={u.role}
                    disabled={action.busy || u.name === server.me.name}
                    title={u.name === server.me.name ? 'Another admin changes your own role.' : undefined}
                    onChange={(e) => void action.run(() => usersApi.update(api, u.id, { role: roleOf(e.target.value) }))}
                  >
                    {roleOptions(u.role).map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <span className={`status-pill ${u.disabledAt ? 'status-cancelled' : 'status-succeeded'}`}>
                    {u.disabledAt ? 'disabled' : u.hasPassword ? 'active' : 'no password'}
                  </span>
                </td>
                <td>{new Date(u.createdAt).toLocaleString()}</td>
                <td className="row-actions">
                  <button type="button" aria-label={`Reset password of ${u.name}`} onClick={() => setResetting(u)}>
                    Reset password
                  </button>
                  <button
                    type="button"
                    disabled={action.busy || (u.name === server.me.name && !u.disabledAt)}
                    aria-label={`${u.disabledAt ? 'Enable' : 'Disable'} ${u.name}`}
                    onClick={() => void action.run(() => usersApi.update(api, u.id, { disabled: !u.disabledAt }))}
                  >
                    {u.disabledAt ? 'Enable' : 'Disable'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resetting && (
        <ResetPasswordForm
          key={resetting.id}
          server={server}
          user={resetting}
          onCancel={() => setResetting(undefined)}
          onDone={() => {
            setNotice(`${resetting.name} has a new password; their sessions have ended.`);
            setResetting(undefined);
          }}
        />
      )}
    </PageShell>
  );
}

/** The known roles, plus a user's own if the server has one this editor does not know yet. */
function roleOptions(current: string): string[] {
  return (userRoles as readonly string[]).includes(current) ? [...userRoles] : [current, ...userRoles];
}

function NewUserForm({ server, onCreated }: { server: Server; onCreated: () => void }) {
  const [form, setForm] = useState<{ name: string; role: Role; password: string }>({ name: '', role: 'analyst', password: '' });
  const action = useAction(() => {
    setForm((f) => ({ ...f, name: '', password: '' }));
    onCreated();
  });
  return (
    <details className="create-form">
      <summary>New user</summary>
      <form
        aria-label="New user"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => usersApi.create(server.api, { ...form, name: form.name.trim() }));
        }}
      >
        {action.error && (
          <p className="page-error" role="alert">
            {action.error}
          </p>
        )}
        <label>
          Name
          <input required autoComplete="off" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => setForm({ ...form, role: roleOf(e.target.value) })}>
            {userRoles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <PasswordField value={form.password} onChange={(password) => setForm({ ...form, password })} />
        <button type="submit" className="primary" disabled={action.busy}>
          Create user
        </button>
      </form>
    </details>
  );
}

function ResetPasswordForm({ server, user, onDone, onCancel }: { server: Server; user: User; onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const action = useAction(onDone);
  return (
    <section className="details create-form" aria-label={`New password for ${user.name}`}>
      <h2>New password for {user.name}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => usersApi.update(server.api, user.id, { password }));
        }}
      >
        {action.error && (
          <p className="page-error" role="alert">
            {action.error}
          </p>
        )}
        <PasswordField value={password} onChange={setPassword} />
        <button type="submit" className="primary" disabled={action.busy}>
          Set password
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </section>
  );
}

/** A new password: the server wants at least 12 characters, so the browser says so before sending. */
function PasswordField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <label>
      Password (at least 12 characters)
      <input type="password" required minLength={12} autoComplete="new-password" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
