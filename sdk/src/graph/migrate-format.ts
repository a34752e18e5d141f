import { formatPath, type Issue, type Result } from '../errors/issue';
import { graphFormat } from './schema';

/**
 * A graph document before it has been checked against the schema.
 *
 * @example
 * const doc: GraphDocument = JSON.parse(text);
 */
export type GraphDocument = Record<string, unknown>;

/**
 * One step of the graph file format: turns a `causeway.graph/N` document into a
 * `causeway.graph/N+1` one. `migrate` returns a new document (it must not change its argument)
 * whose `format` is `to`; it may assume `format` is `from` but nothing else about the document.
 *
 * @example
 * const toV2: FormatMigration = { from: 'causeway.graph/1', to: 'causeway.graph/2', migrate: (doc) => ({ ...doc, format: 'causeway.graph/2' }) };
 */
export interface FormatMigration {
  readonly from: string;
  readonly to: string;
  migrate(doc: GraphDocument): GraphDocument;
}

/**
 * The format migrations, oldest first. Empty while `causeway.graph/1` is the only format: the
 * first format change appends `{ from: 'causeway.graph/1', to: 'causeway.graph/2', migrate }`.
 *
 * @example
 * formatMigrations.map((m) => `${m.from} → ${m.to}`)
 */
export const formatMigrations: readonly FormatMigration[] = [];

const formatPattern = /^causeway\.graph\/([1-9][0-9]{0,5})$/;

/**
 * Brings a parsed graph document to the current format (`current`, by default the SDK's
 * `graphFormat`) by walking the migration table one version at a time. A missing or unknown
 * format, or one newer than `current`, is a `GRAPH_FORMAT_UNKNOWN` issue; a migration that fails on
 * a malformed old document is a `GRAPH_SCHEMA` issue. Never throws.
 *
 * @example
 * const r = migrateFormat(JSON.parse(text));
 * if (r.ok) graphSchema.safeParse(r.value);
 */
export function migrateFormat(
  doc: unknown,
  migrations: readonly FormatMigration[] = formatMigrations,
  current: string = graphFormat,
): Result<GraphDocument> {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return fail(
      'GRAPH_SCHEMA',
      [],
      `a graph is a JSON object, got ${doc === null ? 'null' : Array.isArray(doc) ? 'an array' : `a ${typeof doc}`}`,
    );
  }
  let document = doc as GraphDocument;
  const format = document.format;
  const supported = `this version of Causeway reads "${current}"`;
  if (typeof format !== 'string') {
    const what = format === undefined ? 'missing' : `a ${format === null ? 'null' : typeof format} instead of a format name`;
    return fail('GRAPH_FORMAT_UNKNOWN', ['format'], `${what}; ${supported}`);
  }
  const found = versionOf(format);
  const target = versionOf(current);
  if (found === undefined || target === undefined) {
    return fail('GRAPH_FORMAT_UNKNOWN', ['format'], `${quote(format)} is not a Causeway graph format; ${supported}`);
  }
  if (found > target) {
    return fail(
      'GRAPH_FORMAT_UNKNOWN',
      ['format'],
      `"${format}" was written by a newer version of Causeway; this version reads formats up to "${current}". Update Causeway to open it.`,
    );
  }
  for (let version = found; version < target; version++) {
    const from = `causeway.graph/${version}`;
    const step = migrations.find((m) => m.from === from);
    if (step === undefined) {
      return fail('GRAPH_FORMAT_UNKNOWN', ['format'], `"${from}" has no migration to a newer format; ${supported}`);
    }
    let next: GraphDocument;
    try {
      next = step.migrate(document);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail('GRAPH_SCHEMA', [], `the graph could not be migrated from "${step.from}" to "${step.to}": ${reason}`);
    }
    if (step.to !== `causeway.graph/${version + 1}` || next?.format !== step.to) {
      return fail('INTERNAL', ['format'], `the migration from "${from}" did not produce "causeway.graph/${version + 1}"`);
    }
    document = next;
  }
  return { ok: true, value: document };
}

function versionOf(format: string): number | undefined {
  const match = formatPattern.exec(format);
  return match ? Number(match[1]) : undefined;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function fail(code: Issue['code'], path: Issue['path'], message: string): Result<never> {
  return { ok: false, issues: [{ code, path, message: `${formatPath(path)}: ${message}` }] };
}
