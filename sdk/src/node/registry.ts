import { UserError } from '../errors/errors';
import type { AnyNodeDefinition } from './define-node';

// Built-ins are `group.name`; plugin node types are `<npm package name>/<name>` or `@scope/pkg.name`.
const typeName = /^(@[a-z0-9][a-z0-9-._~]*\/[a-z0-9][a-z0-9-._~]*[./]|[a-z0-9][a-z0-9-._~]*\/|[a-z][a-z0-9]*\.)[a-z][a-zA-Z0-9.-]*$/;
const portId = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * How a node in a graph resolves against a registry.
 *
 * @example
 * const r = registry.resolve('transform.filter', 1); if (r.status === 'unknown-version') console.log(r.known);
 */
export type Resolution =
  | { status: 'exact'; definition: AnyNodeDefinition }
  | { status: 'migrate'; definition: AnyNodeDefinition }
  | { status: 'unknown-type' }
  | { status: 'unknown-version'; known: number[] };

/**
 * An explicit list of node types. Registering the same type and version twice throws; an unknown
 * type is a typed miss (`resolve` says why), never a crash.
 *
 * @example
 * const registry = new NodeRegistry().add(csvSource, filterRows);
 * registry.resolve('transform.filter', 1).status // 'exact'
 */
export class NodeRegistry {
  readonly #byType = new Map<string, Map<number, AnyNodeDefinition>>();

  add(...definitions: AnyNodeDefinition[]): this {
    for (const definition of definitions) this.#addOne(definition);
    return this;
  }

  #addOne(definition: AnyNodeDefinition): void {
    if (!typeName.test(definition.type)) {
      throw new UserError('NODE_DEFINITION_INVALID', `Node type "${definition.type}" is not a namespaced name like "transform.filter".`);
    }
    if (!Number.isInteger(definition.version) || definition.version < 1) {
      throw new UserError(
        'NODE_DEFINITION_INVALID',
        `Node type "${definition.type}" has version ${definition.version}; versions are integers ≥ 1.`,
      );
    }
    for (const id of [...Object.keys(definition.inputs), ...Object.keys(definition.outputs)]) {
      if (!portId.test(id))
        throw new UserError(
          'NODE_DEFINITION_INVALID',
          `Node type "${definition.type}" has a port named "${id}"; port ids are identifiers.`,
        );
    }
    const versions = this.#byType.get(definition.type) ?? new Map<number, AnyNodeDefinition>();
    if (versions.has(definition.version)) {
      throw new UserError('NODE_TYPE_DUPLICATE', `Node type "${definition.type}" version ${definition.version} is already registered.`);
    }
    versions.set(definition.version, definition);
    this.#byType.set(definition.type, versions);
  }

  /** Finds the definition for `type@version`: exact, or a newer version that can migrate the config. */
  resolve(type: string, version: number): Resolution {
    const versions = this.#byType.get(type);
    if (!versions) return { status: 'unknown-type' };
    const exact = versions.get(version);
    if (exact) return { status: 'exact', definition: exact };
    const latest = this.latest(type);
    if (latest && latest.version > version && latest.migrate) return { status: 'migrate', definition: latest };
    return { status: 'unknown-version', known: [...versions.keys()].sort((a, b) => a - b) };
  }

  /** The definition for `type@version`, if registered exactly. */
  get(type: string, version: number): AnyNodeDefinition | undefined {
    return this.#byType.get(type)?.get(version);
  }

  /** The newest registered version of a type. */
  latest(type: string): AnyNodeDefinition | undefined {
    const versions = this.#byType.get(type);
    if (!versions) return undefined;
    let best: AnyNodeDefinition | undefined;
    for (const definition of versions.values()) if (!best || definition.version > best.version) best = definition;
    return best;
  }

  /** Every registered definition, sorted by type then version. */
  list(): AnyNodeDefinition[] {
    return [...this.#byType.values()]
      .flatMap((versions) => [...versions.values()])
      .sort((a, b) => (a.type === b.type ? a.version - b.version : a.type < b.type ? -1 : 1));
  }

  has(type: string): boolean {
    return this.#byType.has(type);
  }
}
