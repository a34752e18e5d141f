import type { Graph } from '../graph/schema';
import type { RawFinding } from './structure-rules';

/** A range with no upper bound: `*`, `x`, `latest`, empty, or `>`/`>=` without a `<`. */
function unbounded(range: string): boolean {
  return range.split('||').some((part) => {
    const text = part.trim();
    if (['', '*', 'x', 'X', 'latest'].includes(text)) return true;
    return /^>/.test(text) && !text.includes('<');
  });
}

/** Plugins in `requires` whose range has no upper bound (GL004). */
export function pluginRangeRule(graph: Graph): RawFinding[] {
  return Object.entries(graph.requires ?? {})
    .filter(([, range]) => unbounded(range))
    .map(([name, range]) => ({
      code: 'GL004' as const,
      nodeId: '',
      message: `plugin ${name} is required as "${range}", which any future major version satisfies; pin a range such as "^1.2.0"`,
    }));
}

// Shapes of well-known credentials, matched anywhere in a string.
const secretShapes: [RegExp, string][] = [
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bsk-[A-Za-z0-9_-]{20,}/, 'an API key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JSON web token'],
  [/[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, 'a password in a URL'],
];
const secretKey = /pass(word|wd)?$|secret|token|api[_-]?key|private[_-]?key|credential/i;

/** Config text that looks like a secret rather than a `{ "$secret": "name" }` reference (GL006). */
export function secretRule(graph: Graph): RawFinding[] {
  const out: RawFinding[] = [];
  const visit = (value: unknown, path: string[], nodeId: string) => {
    if (typeof value === 'string') {
      const shape = secretShapes.find(([pattern]) => pattern.test(value))?.[1];
      const key = path[path.length - 1] ?? '';
      const named =
        shape === undefined && secretKey.test(key) && value.length >= 8 && !/\s/.test(value) ? `a value for "${key}"` : undefined;
      const what = shape ?? named;
      if (what)
        out.push({
          code: 'GL006',
          nodeId,
          message: `config.${path.join('.')} of "${nodeId}" looks like ${what}; store it as a secret and write { "$secret": "name" }`,
        });
      return;
    }
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) visit(item, [...path, String(i)], nodeId);
    } else if (value !== null && typeof value === 'object' && !('$secret' in value))
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key], nodeId);
  };
  for (const node of graph.nodes) visit(node.config, [], node.id);
  return out;
}
