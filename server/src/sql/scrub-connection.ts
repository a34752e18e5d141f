import type pg from 'pg';

/** What a driver error must not show: each part of the connection, with the word that replaces it. */
export type ConnectionDetails = ReadonlyArray<{ value: string; as: string }>;

/** The parts of a connection (as `pg` parsed them) that a user or the log must never see. */
export function connectionDetails(client: pg.Client, connection: string): ConnectionDetails {
  const parts: Array<{ value: unknown; as: string }> = [
    { value: connection, as: '[connection]' },
    { value: client.password, as: '[password]' },
    { value: client.user, as: '[user]' },
    { value: client.host, as: '[host]' },
    { value: client.database, as: '[database]' },
    { value: client.port === undefined ? undefined : String(client.port), as: '[port]' },
  ];
  const out: Array<{ value: string; as: string }> = [];
  for (const { value, as } of parts) {
    if (typeof value !== 'string' || value === '') continue;
    out.push({ value, as });
    const decoded = safeDecode(value);
    if (decoded !== value) out.push({ value: decoded, as });
  }
  // Longest first, so a password inside the connection string goes with the whole string.
  return out.sort((a, b) => b.value.length - a.value.length);
}

const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);
const ipv4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g;
const ipv6 = /\[?[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\]?/gi;
// `::1`, `fe80::2`, `2001:db8:0:0:0:0:0:1`, not `12:30:00` or a cast's `::`.
const looksLikeIpv6 = (text: string) => /::[0-9a-f]/i.test(text) || (text.match(/:/g)?.length ?? 0) >= 5;

/**
 * A driver error's message without the connection's host, port, database, user or password, and
 * without any IP address: network failures become a plain sentence naming only their code.
 *
 * @example
 * scrubbedMessage(new Error('database "warehouse" does not exist'), details); // 'database "[database]" does not exist'
 */
export function scrubbedMessage(error: unknown, details: ConnectionDetails): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && networkCodes.has(code)) return `could not reach the database server (${code})`;
  let message = error instanceof Error ? error.message : String(error);
  for (const { value, as } of details) {
    const short = value.length < 4;
    const pattern = new RegExp(short ? `(?<![\\w.-])${escapeRegExp(value)}(?![\\w.-])` : escapeRegExp(value), 'gi');
    message = message.replace(pattern, as);
  }
  return message.replace(ipv4, '[address]').replace(ipv6, (match) => (looksLikeIpv6(match) ? '[address]' : match));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
