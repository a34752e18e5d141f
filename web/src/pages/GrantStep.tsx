import type { PluginGrant } from '@causeway/contract';
import { useState } from 'react';
import { type AskedCapabilities, askedCapabilities, describeCapabilities } from './plugin-grant';

interface Action {
  busy: boolean;
  run(action: () => Promise<unknown>): Promise<void>;
}

/** An install waiting for a grant: what it asks for, and how to try it again with the grant. */
interface Pending {
  asked: AskedCapabilities;
  install(grant: PluginGrant): Promise<unknown>;
}

/**
 * The grant step of the install forms: an install refused for lack of a grant shows what the plugin
 * asks for; an admin grants it and installs, others are told who can. Other errors go to the page.
 */
export function useGrantStep(action: Action) {
  const [pending, setPending] = useState<Pending | undefined>();
  const attempt = (install: (grant?: PluginGrant) => Promise<unknown>) =>
    void action.run(async () => {
      setPending(undefined);
      try {
        await install();
      } catch (error) {
        const asked = askedCapabilities(error);
        if (asked === undefined) throw error;
        setPending({ asked, install });
      }
    });
  return { pending, attempt, clear: () => setPending(undefined) };
}

export function GrantStep({ step, action, canGrant }: { step: ReturnType<typeof useGrantStep>; action: Action; canGrant: boolean }) {
  const { pending } = step;
  if (pending === undefined) return null;
  const { asked } = pending;
  const label = `${asked.plugin}@${asked.version}`;
  return (
    <section className="grant-step" aria-label={`Grant ${label}`}>
      <p>
        <strong>{label}</strong> calls services: it asks for {describeCapabilities(asked)}. Its nodes reach only these hosts, through the
        server, and name these secrets without seeing their values.
      </p>
      {canGrant ? (
        <div className="page-actions">
          <button
            type="button"
            className="primary"
            disabled={action.busy}
            onClick={() =>
              void action.run(async () => {
                await pending.install({ network: asked.network, secrets: asked.secrets });
                step.clear();
              })
            }
          >
            Grant and install
          </button>
          <button type="button" disabled={action.busy} onClick={step.clear}>
            Cancel
          </button>
        </div>
      ) : (
        <p className="muted">
          Only an admin can grant these; ask one to install it.{' '}
          <button type="button" onClick={step.clear}>
            Dismiss
          </button>
        </p>
      )}
    </section>
  );
}

/** A plugin row's capabilities: what it asks for and whether it is granted, with grant and revoke for admins. */
export function PluginCapabilities({
  asked,
  grant,
  canGrant,
  busy,
  label,
  onGrant,
}: {
  asked: { network: string[]; secrets: string[] };
  grant: { network: string[]; secrets: string[] };
  canGrant: boolean;
  busy: boolean;
  label: string;
  onGrant(grant: PluginGrant): void;
}) {
  const items = [
    ...asked.network.map((host) => ({ key: `host ${host}`, granted: grant.network.includes(host) })),
    ...asked.secrets.map((secret) => ({ key: `secret ${secret}`, granted: grant.secrets.includes(secret) })),
  ];
  if (items.length === 0) return <span className="muted">none</span>;
  const all = items.every((item) => item.granted);
  const any = items.some((item) => item.granted);
  return (
    <>
      <ul className="plain">
        {items.map((item) => (
          <li key={item.key}>
            <code>{item.key}</code> <span className="muted">{item.granted ? 'granted' : 'not granted'}</span>
          </li>
        ))}
      </ul>
      {canGrant && (
        <span className="row-actions">
          {!all && (
            <button type="button" disabled={busy} aria-label={`Grant ${label}`} onClick={() => onGrant(asked)}>
              Grant
            </button>
          )}
          {any && (
            <button type="button" disabled={busy} aria-label={`Revoke ${label}`} onClick={() => onGrant({ network: [], secrets: [] })}>
              Revoke
            </button>
          )}
        </span>
      )}
    </>
  );
}
