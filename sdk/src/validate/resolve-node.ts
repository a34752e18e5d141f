import type { Issue, IssuePath, Result } from '../errors/issue';
import type { GraphNode } from '../graph/schema';
import type { AnyNodeDefinition } from '../node/define-node';
import type { NodeRegistry } from '../node/registry';
import { checkConfig } from './check-config';

/**
 * A graph node bound to its definition, with its config migrated and parsed.
 *
 * @example
 * const r = resolveNode(node, registry); if (r.ok) console.log(r.value.definition.title, r.value.config);
 */
export interface ResolvedNode {
  definition: AnyNodeDefinition;
  config: unknown;
}

function failure(issue: Issue): Result<ResolvedNode> {
  return { ok: false, issues: [issue] };
}

/**
 * Binds a graph node to its registered definition: migrates an older config with the
 * definition's `migrate`, then parses it with the config's zod schema, refusing unknown keys
 * ({@link checkConfig}). Never throws.
 *
 * @example
 * const r = resolveNode(graph.nodes[0], registry, ['nodes', 0]);
 * if (r.ok) await r.value.definition.run({ config: r.value.config, … });
 */
export function resolveNode(node: GraphNode, registry: NodeRegistry, at: IssuePath = []): Result<ResolvedNode> {
  const nodeId = node.id;
  const resolution = registry.resolve(node.type, node.version);
  if (resolution.status === 'unknown-type') {
    return failure({ code: 'NODE_TYPE_UNKNOWN', path: [...at, 'type'], nodeId, message: `Unknown node type "${node.type}".` });
  }
  if (resolution.status === 'unknown-version') {
    const known = resolution.known.join(', ');
    return failure({
      code: 'NODE_VERSION_UNKNOWN',
      path: [...at, 'version'],
      nodeId,
      message: `Node type "${node.type}" has no version ${node.version} (known: ${known}).`,
    });
  }
  const { definition } = resolution;
  let config: unknown = node.config;
  if (resolution.status === 'migrate') {
    try {
      config = definition.migrate?.(node.config, node.version);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      return failure({
        code: 'CONFIG_INVALID',
        path: [...at, 'config'],
        nodeId,
        message: `The config of version ${node.version} cannot be migrated to version ${definition.version}: ${reason}`,
      });
    }
  }
  const checked = checkConfig(definition.config, config, [...at, 'config'], nodeId);
  return checked.ok ? { ok: true, value: { definition, config: checked.value } } : checked;
}
