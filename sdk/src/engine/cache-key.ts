import { canonicalJson } from '../graph/canonical-json';
import { hashKey } from './hash-key';
import type { PlanNode } from './plan';

/** The key of one output: its node's key and the port id, so keys chain down the graph. */
export function outputKey(nodeKey: string, port: string): string {
  return `${nodeKey}.${port}`;
}

/**
 * A node's cache key: a 128-bit hash of its type, version, canonical config, the keys of the outputs
 * feeding each input port (in port then edge order) and its source fingerprint. `undefined` when
 * the config is not plain JSON (a zod transform made a Date, say): such a node is not cached.
 *
 * @example
 * nodeCacheKey(node, keys) // '9c1e…' (32 hex digits)
 */
export function nodeCacheKey(node: PlanNode, keys: readonly string[], fingerprint: string | undefined): string | undefined {
  let config: string;
  try {
    config = canonicalJson(node.config ?? null);
  } catch {
    return undefined;
  }
  let text = `${node.definition.type}\n${node.definition.version}\n${config}\n`;
  for (const input of node.inputs) {
    text += `${input.port}=`;
    for (let s = 0; s < input.sources.length; s++) {
      const source = input.sources[s] as { node: number; port: string };
      if (s > 0) text += ',';
      text += outputKey(keys[source.node] as string, source.port);
    }
    text += '\n';
  }
  if (fingerprint !== undefined) text += `fingerprint=${JSON.stringify(fingerprint)}`;
  return hashKey(text);
}
