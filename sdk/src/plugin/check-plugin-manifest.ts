import type { Issue, Result } from '../errors/issue';
import { formatPath } from '../errors/issue';
import { fromZodIssues } from '../errors/zod-issues';
import { checkJsonValue, type JsonLimits } from '../graph/check-json-value';
import type { NodeDescriptor } from './describe-node';
import { type PluginManifest, pluginManifestSchema, pluginNodeNamePattern } from './manifest-schema';

/** Limits on the manifest's JSON as a whole, checked before its shape. */
export const manifestJsonLimits: JsonLimits = {
  bytes: 2_000_000,
  depth: 64,
  stringLength: 10_000,
  keysPerObject: 1_000,
};

/**
 * Checks an untrusted plugin manifest (parsed JSON). Returns the manifest or issues with code
 * `PLUGIN_MANIFEST_INVALID`, each naming its field path (`nodes[2].type`). Refuses `__proto__`,
 * `constructor` and `prototype` keys, oversized or deeply nested documents, unknown fields, bad
 * names and versions, node types outside the package's namespace and duplicate node types.
 *
 * @example
 * const r = checkPluginManifest(JSON.parse(text));
 * if (!r.ok) throw new UserError('PLUGIN_MANIFEST_INVALID', r.issues.map(formatIssue).join('\n'), { issues: r.issues });
 */
export function checkPluginManifest(value: unknown): Result<PluginManifest> {
  const hostile = checkJsonValue(value, manifestJsonLimits);
  if (hostile.length > 0) return { ok: false, issues: hostile.map((issue) => ({ ...issue, code: 'PLUGIN_MANIFEST_INVALID' })) };
  const parsed = pluginManifestSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, 'PLUGIN_MANIFEST_INVALID', []) };
  const issues = nodeTypeIssues(parsed.data.name, parsed.data.nodes);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data };
}

function nodeTypeIssues(name: string, nodes: readonly NodeDescriptor[]): Issue[] {
  const issues: Issue[] = [];
  const prefix = `${name}/`;
  const seen = new Set<string>();
  nodes.forEach((node, index) => {
    const path = ['nodes', index, 'type'];
    const rest = node.type.startsWith(prefix) ? node.type.slice(prefix.length) : undefined;
    if (rest === undefined || !pluginNodeNamePattern.test(rest)) {
      issues.push({
        code: 'PLUGIN_MANIFEST_INVALID',
        path,
        message: `${formatPath(path)}: node type "${node.type}" must be "${prefix}<name>" with a name of letters, digits, "." and "-"`,
      });
      return;
    }
    const key = `${node.type}@${node.version}`;
    if (seen.has(key)) {
      issues.push({ code: 'PLUGIN_MANIFEST_INVALID', path, message: `${formatPath(path)}: node type ${key} is listed twice` });
    }
    seen.add(key);
  });
  return issues;
}
