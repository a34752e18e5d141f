import { ApiError } from '../api/api-error';

/** What a refused install asked for: the plugin and the hosts and secrets to grant. */
export interface AskedCapabilities {
  plugin: string;
  version: string;
  network: string[];
  secrets: string[];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The capabilities an install was refused for lack of a grant (`PLUGIN_CAPABILITY_DENIED`), or undefined for any other error. */
export function askedCapabilities(error: unknown): AskedCapabilities | undefined {
  if (!(error instanceof ApiError) || error.code !== 'PLUGIN_CAPABILITY_DENIED') return undefined;
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as Record<string, unknown>;
  const capabilities = (typeof details.capabilities === 'object' && details.capabilities !== null ? details.capabilities : {}) as Record<
    string,
    unknown
  >;
  const network = strings(capabilities.network);
  const secrets = strings(capabilities.secrets);
  if (network.length + secrets.length === 0) return undefined;
  return { plugin: String(details.plugin ?? ''), version: String(details.version ?? ''), network, secrets };
}

/** "hosts api.example.com; secrets API_KEY": what a plugin asks for or holds, for people. */
export function describeCapabilities(capabilities: { network?: readonly string[]; secrets?: readonly string[] }): string {
  const parts: string[] = [];
  if (capabilities.network?.length) parts.push(`hosts ${capabilities.network.join(', ')}`);
  if (capabilities.secrets?.length) parts.push(`secrets ${capabilities.secrets.join(', ')}`);
  return parts.join('; ') || 'nothing';
}
