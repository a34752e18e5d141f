import { resolve } from 'node:path';
import { type Issue, type Result, UserError } from '@causeway/sdk';
import { z } from 'zod';

/** The server's settings after validation. */
export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** PostgreSQL connection string; absent → embedded PGlite in `<dataDir>/db`. */
  databaseUrl: string | undefined;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** The one origin allowed by CORS: the editor's own. */
  corsOrigin: string;
  /** Master key for secrets (base64 or hex of 32 bytes); absent → a key file in the data dir. */
  secretKey: string | undefined;
  /** Days an unreferenced artifact is kept. */
  artifactRetentionDays: number;
  /** The embedded PGlite's shared_buffers, in MiB. */
  pgliteSharedBuffersMb: number;
}

/** Settings given as flags; each overrides its environment variable. */
export interface ConfigFlags {
  host?: string;
  port?: number | string;
  dataDir?: string;
  databaseUrl?: string;
}

/** The server's environment variables (`--host`, `--port`, `--data-dir`, `--database-url` override the first four). */
export const serverSettingsSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1').describe('Address to listen on (`--host`).'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787).describe('Port to listen on; 0 takes any free port (`--port`).'),
  CAUSEWAY_DATA_DIR: z
    .string()
    .min(1)
    .default('./.causeway')
    .describe('The embedded database (`db/`), artifacts, uploaded files, `secret.key` and `admin.token` (`--data-dir`).'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .meta({ allowedText: 'a `postgres://` or `postgresql://` URL' })
    .describe('`postgres://…`: use PostgreSQL instead of the embedded PGlite (`--database-url`).'),
  CAUSEWAY_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024)
    .meta({ unit: 'bytes' })
    .describe('Largest request body; uploads to `/api/files` have their own limit of 256 MiB.'),
  CAUSEWAY_CORS_ORIGIN: z
    .url()
    .optional()
    .meta({ defaultText: '`http://HOST:PORT`' })
    .describe("The one origin CORS allows: the editor's."),
  CAUSEWAY_SECRET_KEY: z
    .string()
    .min(1)
    .optional()
    .meta({ defaultText: '`<dataDir>/secret.key`, created (mode 0600)' })
    .describe('Master key of stored secrets: 32 bytes as base64 or hex.'),
  CAUSEWAY_ARTIFACT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .meta({ unit: 'days' })
    .describe('Unreferenced artifacts older than this are removed at start.'),
  CAUSEWAY_PGLITE_SHARED_BUFFERS_MB: z.coerce
    .number()
    .int()
    .min(1)
    .max(4096)
    .default(32)
    .meta({ unit: 'MiB' })
    .describe(
      "The embedded PGlite's `shared_buffers` (not used with `DATABASE_URL`). PostgreSQL's own 128 MiB costs ~100 MiB more idle memory; the files stay in the OS cache either way.",
    ),
});

/**
 * Reads and validates the settings from the environment and flags. Each issue names the
 * variable that is wrong, e.g. `PORT: Too big: expected number to be <=65535`.
 */
export function loadConfig(env: Record<string, string | undefined>, flags: ConfigFlags = {}): Result<ServerConfig> {
  const input: Record<string, unknown> = { ...pickDefined(env) };
  if (flags.host !== undefined) input.HOST = flags.host;
  if (flags.port !== undefined) input.PORT = flags.port;
  if (flags.dataDir !== undefined) input.CAUSEWAY_DATA_DIR = flags.dataDir;
  if (flags.databaseUrl !== undefined) input.DATABASE_URL = flags.databaseUrl;
  const parsed = serverSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issues: Issue[] = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '(settings)');
      return { code: 'SETTING_INVALID', path: [name], message: `${name}: ${issue.message}` };
    });
    return { ok: false, issues };
  }
  const s = parsed.data;
  const host = s.HOST.includes(':') ? `[${s.HOST}]` : s.HOST;
  return {
    ok: true,
    value: {
      host: s.HOST,
      port: s.PORT,
      dataDir: resolve(s.CAUSEWAY_DATA_DIR),
      databaseUrl: s.DATABASE_URL,
      bodyLimit: s.CAUSEWAY_BODY_LIMIT,
      corsOrigin: s.CAUSEWAY_CORS_ORIGIN ?? `http://${host}:${s.PORT}`,
      secretKey: s.CAUSEWAY_SECRET_KEY,
      artifactRetentionDays: s.CAUSEWAY_ARTIFACT_RETENTION_DAYS,
      pgliteSharedBuffersMb: s.CAUSEWAY_PGLITE_SHARED_BUFFERS_MB,
    },
  };
}

/** {@link loadConfig}, throwing a `UserError('SETTING_INVALID')` that lists every bad setting. */
export function requireConfig(env: Record<string, string | undefined>, flags: ConfigFlags = {}): ServerConfig {
  const result = loadConfig(env, flags);
  if (result.ok) return result.value;
  const lines = result.issues.map((issue) => issue.message).join('; ');
  throw new UserError('SETTING_INVALID', `Invalid server settings: ${lines}`, { issues: result.issues });
}

function pickDefined(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}
