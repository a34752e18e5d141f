import type { z } from 'zod';
import type { Issue, IssuePath, Result } from '../errors/issue';
import { formatPath } from '../errors/issue';
import { fromZodIssues } from '../errors/zod-issues';
import { didYouMean } from '../expr/suggest';
import { configJsonSchema } from '../node/config-json-schema';
import { configErrorMap } from './config-error-map';
import { type UnknownKey, unknownKeys } from './unknown-keys';

/**
 * What an unknown config key is told: the key, and the listed key it most likely meant.
 *
 * @example
 * unknownKeyMessage({ path: [], key: 'type', known: ['file', 'types'] }) // 'unknown key "type" — did you mean \'types\'?'
 */
export function unknownKeyMessage(unknown: UnknownKey): string {
  const hint = didYouMean(unknown.key, unknown.known);
  if (hint !== '') return `unknown key "${unknown.key}"${hint}`;
  const known = unknown.known.length === 0 ? 'none' : unknown.known.join(', ');
  return `unknown key "${unknown.key}" (the keys here: ${known})`;
}

/**
 * Parses a node's config with its zod schema and refuses keys the schema does not list, at any
 * level (zod would silently drop them): `CONFIG_INVALID` issues under `base`, unknown keys first.
 * The one check behind validation, saving, running and the test kit.
 *
 * @example
 * const r = checkConfig(csvSource.config, { file: 'a.csv', type: {} }, ['nodes', 0, 'config'], 'load');
 * // r.ok === false; r.issues[0].message === 'type: unknown key "type" — did you mean \'types\'?'
 */
export function checkConfig(schema: z.ZodType, config: unknown, base: IssuePath, nodeId?: string): Result<unknown> {
  const unknowns = unknownKeys(configJsonSchema(schema), config);
  const issues: Issue[] = unknowns.map((unknown) => {
    const inner = [...unknown.path, unknown.key];
    const issue: Issue = {
      code: 'CONFIG_INVALID',
      path: [...base, ...inner],
      message: `${formatPath(inner)}: ${unknownKeyMessage(unknown)}`,
    };
    if (nodeId !== undefined) issue.nodeId = nodeId;
    return issue;
  });
  const parsed = schema.safeParse(config, { error: configErrorMap });
  if (!parsed.success) {
    // A `.strict()` object reports the same keys again; keep zod's report only where the walk found none.
    const found = new Set(unknowns.map((unknown) => unknown.path.join('\u0000')));
    const rest = parsed.error.issues.filter((i) => i.code !== 'unrecognized_keys' || !found.has(i.path.join('\u0000')));
    issues.push(...fromZodIssues(rest, 'CONFIG_INVALID', base, nodeId));
  }
  return issues.length > 0 || !parsed.success ? { ok: false, issues } : { ok: true, value: parsed.data };
}
