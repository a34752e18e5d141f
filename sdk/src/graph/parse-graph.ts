import type { Issue, Result } from '../errors/issue';
import { checkJsonValue } from './check-json-value';
import { migrateFormat } from './migrate-format';
import { markParsed } from './parsed-graphs';
import { parseJsonSafely } from './safe-json';
import { type Graph, graphLimits, graphSchema } from './schema';
import { schemaErrorMap, schemaIssues } from './schema-issues';

/**
 * Reads a saved graph from untrusted text: safe JSON (size, depth, string and forbidden-key checks),
 * format migration, then the `causeway.graph/1` schema. Never throws; every issue carries a catalog
 * code, an array path and, when it is inside a node, the node's id.
 *
 * @example
 * const r = parseGraph(await file.text());
 * if (!r.ok) for (const issue of r.issues) console.error(formatIssue(issue));
 */
export function parseGraph(text: string): Result<Graph> {
  try {
    const json = parseJsonSafely(text, graphLimits);
    return json.ok ? graphFromJson(json.value) : json;
  } catch (error) {
    return unexpected(error);
  }
}

/**
 * {@link parseGraph} for a value that is already parsed (an HTTP body, a structured-clone message):
 * runs the same depth, string and forbidden-key walk, and also rejects values that are not JSON data.
 *
 * @example
 * const r = parseGraphValue(await c.req.json());
 */
export function parseGraphValue(value: unknown): Result<Graph> {
  try {
    const issues = checkJsonValue(value, graphLimits);
    return issues.length === 0 ? graphFromJson(value) : { ok: false, issues };
  } catch (error) {
    return unexpected(error);
  }
}

function graphFromJson(value: unknown): Result<Graph> {
  const migrated = migrateFormat(value);
  if (!migrated.ok) return migrated;
  const parsed = graphSchema.safeParse(migrated.value, { error: schemaErrorMap });
  if (parsed.success) return { ok: true, value: markParsed(parsed.data) };
  return { ok: false, issues: schemaIssues(parsed.error.issues, migrated.value) };
}

// A getter or proxy in a parsed value can throw; that is still an answer, not a crash.
function unexpected(error: unknown): Result<never> {
  const reason = error instanceof Error ? error.message : String(error);
  const issue: Issue = { code: 'INTERNAL', path: [], message: `(root): the graph could not be read: ${reason}` };
  return { ok: false, issues: [issue] };
}
