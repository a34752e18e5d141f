import { type PluginManifest, UserError } from '@causeway/sdk';

/** What a plugin version may use: the hosts its nodes may call and the secrets they may name. */
export interface PluginGrant {
  network: string[];
  secrets: string[];
}

/** Grants nothing: plugins that ask for nothing, the CLI (which has no admin to grant). */
export const noGrant: PluginGrant = { network: [], secrets: [] };

const fields = ['network', 'secrets'] as const;

/** A grant from the API or the database, sorted and with each entry once; anything unreadable grants nothing. */
export function grantOf(value: unknown): PluginGrant {
  const raw = typeof value === 'string' ? safeJson(value) : value;
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const list = (field: string) => {
    const entries = record[field];
    return Array.isArray(entries) ? [...new Set(entries.filter((entry): entry is string => typeof entry === 'string'))].sort() : [];
  };
  return { network: list('network'), secrets: list('secrets') };
}

/** What a manifest asks for, as a grant. */
export function askedBy(manifest: PluginManifest): PluginGrant {
  return grantOf(manifest.capabilities ?? {});
}

/** Whether a grant gives anything at all. */
export const grantsAnything = (grant: PluginGrant) => grant.network.length > 0 || grant.secrets.length > 0;

/**
 * Checks a grant against what the manifest asks for: granting what was not asked is
 * `PLUGIN_GRANT_INVALID`; with `exact` (an install), leaving out what was asked is
 * `PLUGIN_CAPABILITY_DENIED` (a later grant may narrow, which revokes). Messages name the plugin,
 * version, field and entries.
 */
export function checkGrant(manifest: PluginManifest, grant: PluginGrant, exact: boolean): void {
  const asked = askedBy(manifest);
  const plugin = `${manifest.name}@${manifest.version}`;
  for (const field of fields) {
    const extra = grant[field].filter((entry) => !asked[field].includes(entry));
    if (extra.length > 0) {
      throw new UserError(
        'PLUGIN_GRANT_INVALID',
        `The grant gives plugin ${plugin} ${field} it does not ask for in capabilities.${field}: ${extra.join(', ')}; nothing was granted.`,
        { details: { plugin: manifest.name, version: manifest.version, field: `capabilities.${field}`, extra } },
      );
    }
  }
  if (!exact) return;
  for (const field of fields) {
    const missing = asked[field].filter((entry) => !grant[field].includes(entry));
    if (missing.length > 0) {
      throw new UserError(
        'PLUGIN_CAPABILITY_DENIED',
        `Plugin ${plugin} asks for capabilities.${field} (${asked[field].join(', ')}) and ${missing.join(', ')} ${
          missing.length === 1 ? 'was' : 'were'
        } not granted, so it was refused; an admin grants ${field === 'network' ? 'hosts' : 'secrets'} when installing it on a server (causeway run grants none).`,
        {
          details: {
            plugin: manifest.name,
            version: manifest.version,
            field: `capabilities.${field}`,
            asked: asked[field],
            missing,
            capabilities: asked,
          },
        },
      );
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
