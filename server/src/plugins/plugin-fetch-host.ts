import { type SecretStore, UserError } from '@causeway/sdk';
import { z } from 'zod';
import { AddressPolicy } from '../net/address-policy';
import { type SafeReply, type SafeRequest, type SafeRequestOptions, safeRequest } from '../net/safe-request';
import type { PluginGrant } from './plugin-grant';

/** Bounds of one `ctx.fetch` whatever the plugin asks: response bytes and total time. */
export const pluginFetchLimits = { maxBytes: 16 * 1024 * 1024, timeoutMs: 30_000 } as const;

const secretHeader = z.strictObject({ secret: z.string().min(1).max(128), format: z.string().max(1_000).optional() });

/** A `ctx.fetch` as the sandbox sends it: checked here, since plugin code wrote it. */
export const wireFetchSchema = z.strictObject({
  url: z.string().min(1).max(8_000),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  headers: z
    .record(
      z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}$/, 'a header name is a token'),
      z.union([z.string().max(8_000), secretHeader]),
    )
    .refine((headers) => Object.keys(headers).length <= 100, 'at most 100 headers')
    .optional(),
  body: z.union([z.string(), z.instanceof(Uint8Array)]).optional(),
  maxBytes: z.int().positive().optional(),
  timeoutMs: z.int().positive().optional(),
});
export type WireFetch = z.output<typeof wireFetchSchema>;

/** What makes the request once grants are checked: the SSRF-safe client (a test may pass its own policy). */
export type RequestMaker = (url: string, request: SafeRequest, options: SafeRequestOptions) => Promise<SafeReply>;

/** The SSRF-safe client under the operator's `CAUSEWAY_HTTP_ALLOW`. */
export function safeRequestMaker(env: Readonly<Record<string, string | undefined>>): RequestMaker {
  const policy = AddressPolicy.fromEnv(env);
  return (url, request, options) => safeRequest(url, request, { ...options, policy });
}

const redacted = '[secret]';

/**
 * Makes a plugin node's `ctx.fetch` on the host side: the URL's host (and every redirect's) must
 * be one the plugin was granted (else `PLUGIN_HOST_DENIED`); a header may name a granted secret
 * (else `PLUGIN_SECRET_DENIED`), whose value is read here as the run's owner and put in the header,
 * never sent to the sandbox; the secret's header is dropped on a redirect to another origin, and
 * its value is cut from the reply (should a service echo it). Then the SSRF policy still applies:
 * a granted host resolving to a private address needs the operator's `CAUSEWAY_HTTP_ALLOW` too.
 */
export async function hostFetch(
  plugin: { name: string; version: string; grant: PluginGrant },
  raw: unknown,
  ctx: { secrets: SecretStore; signal: AbortSignal },
  make: RequestMaker,
): Promise<SafeReply> {
  const parsed = wireFetchSchema.safeParse(raw);
  const who = `Plugin ${plugin.name}@${plugin.version}`;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError('HTTP_FAILED', `${who} made a malformed ctx.fetch: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const request = parsed.data;
  const checkUrl = (url: URL) => {
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (!plugin.grant.network.includes(host)) {
      throw new UserError(
        'PLUGIN_HOST_DENIED',
        `${who} may call only the hosts it was granted (${plugin.grant.network.join(', ') || 'none'}); ${host} is not one of them.`,
      );
    }
  };
  // Before any secret is read: a request to an ungranted host costs nothing.
  checkUrl(urlOf(request.url));
  const headers: Record<string, string> = {};
  const privateHeaders: string[] = [];
  const values: string[] = [];
  for (const [rawName, value] of Object.entries(request.headers ?? {})) {
    const name = rawName.toLowerCase();
    if (typeof value === 'string') {
      headers[name] = value;
      continue;
    }
    if (!plugin.grant.secrets.includes(value.secret)) {
      throw new UserError(
        'PLUGIN_SECRET_DENIED',
        `${who} may name only the secrets it was granted (${plugin.grant.secrets.join(', ') || 'none'}); "${value.secret}" (header ${name}) is not one of them.`,
      );
    }
    const secret = await ctx.secrets.get(value.secret);
    values.push(secret);
    headers[name] = (value.format ?? '{}').replaceAll('{}', secret);
    privateHeaders.push(name);
  }
  const body = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
  const reply = await make(
    request.url,
    { method: request.method ?? 'GET', headers, privateHeaders, ...(body === undefined ? {} : { body }) },
    {
      maxBytes: Math.min(request.maxBytes ?? pluginFetchLimits.maxBytes, pluginFetchLimits.maxBytes),
      timeoutMs: Math.min(request.timeoutMs ?? pluginFetchLimits.timeoutMs, pluginFetchLimits.timeoutMs),
      signal: ctx.signal,
      checkUrl,
    },
  );
  return values.length === 0 ? reply : withoutSecrets(reply, values);
}

function urlOf(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new UserError('HTTP_FAILED', `"${text.slice(0, 200)}" is not a URL.`);
  }
}

function withoutSecrets(reply: SafeReply, values: readonly string[]): SafeReply {
  const secrets = values.filter((value) => value !== '');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers)) {
    headers[name] = secrets.reduce((text, secret) => text.replaceAll(secret, redacted), value);
  }
  let bytes = Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
  for (const secret of secrets) bytes = replaceBytes(bytes, Buffer.from(secret), Buffer.from(redacted));
  return { ...reply, headers, bytes: new Uint8Array(bytes) };
}

function replaceBytes(bytes: Buffer, find: Buffer, put: Buffer): Buffer {
  let at = bytes.indexOf(find);
  if (at < 0) return bytes;
  const parts: Buffer[] = [];
  let from = 0;
  while (at >= 0) {
    parts.push(bytes.subarray(from, at), put);
    from = at + find.length;
    at = bytes.indexOf(find, from);
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}
