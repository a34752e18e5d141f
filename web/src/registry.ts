import {
  type AnyNodeDefinition,
  describeNode,
  type NodeDescriptor,
  NodeRegistry,
  type NodeRegistry as NodeRegistryType,
  nodeFromDescriptor,
} from '@causeway/sdk';

/** A plugin the runner worker found on the server, with the node types it brought or why it could not load. */
export interface PluginStatus {
  name: string;
  version: string;
  /** Node types of the plugin (from its manifest). */
  nodes: string[];
  /** Set when the plugin's bundle could not be loaded; its nodes are then missing too. */
  error?: string;
}

/** What the worker sends the page when it starts: node types as JSON, and the plugins it loaded. */
export interface CatalogMessage {
  nodes: NodeDescriptor[];
  plugins: PluginStatus[];
  /** Why plugins could not be listed at all (the built-ins still work). */
  notice?: string;
}

type NodeRef = { type: string; version: number };

/**
 * The node types the page knows, as JSON descriptors: it never holds node code. Each descriptor also
 * becomes a code-free definition (ports and kinds, any config) so the page can validate the structure
 * of a graph, check connections and draw ports at once; config checks and schema inference are the
 * worker's.
 */
export class EditorCatalog {
  /** Code-free definitions (see `nodeFromDescriptor`), for structural validation. */
  readonly registry: NodeRegistryType;
  readonly plugins: readonly PluginStatus[];
  readonly notice: string | undefined;
  /** Descriptors that could not be registered (a malformed type name), with why. */
  readonly problems: readonly string[];
  readonly #descriptors = new Map<string, NodeDescriptor>();

  constructor(message: CatalogMessage) {
    this.plugins = message.plugins;
    this.notice = message.notice;
    const registry = new NodeRegistry();
    const problems: string[] = [];
    for (const descriptor of message.nodes) {
      try {
        registry.add(nodeFromDescriptor(descriptor));
        this.#descriptors.set(key(descriptor), descriptor);
      } catch (error) {
        problems.push(`${descriptor.type} v${descriptor.version}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.registry = registry;
    this.problems = problems;
  }

  /** The catalog of a registry held in the same thread (Storybook, unit tests). */
  static fromRegistry(registry: NodeRegistryType, plugins: PluginStatus[] = []): EditorCatalog {
    return new EditorCatalog({ nodes: registry.list().map(describeNode), plugins });
  }

  /** The definition a graph node draws with: its exact version, else the newest of its type. */
  definitionOf(node: NodeRef): AnyNodeDefinition | undefined {
    return this.registry.get(node.type, node.version) ?? this.registry.latest(node.type);
  }

  /** The descriptor a graph node's inspector form comes from (same choice as {@link definitionOf}). */
  descriptorOf(node: NodeRef): NodeDescriptor | undefined {
    const definition = this.definitionOf(node);
    return definition ? this.#descriptors.get(key(definition)) : undefined;
  }

  /** The newest version of a type, for adding a node. */
  latest(type: string): NodeDescriptor | undefined {
    const definition = this.registry.latest(type);
    return definition ? this.#descriptors.get(key(definition)) : undefined;
  }

  /** The loaded plugin a node type comes from (the newest version, as the palette shows), if any. */
  pluginOf(type: string): PluginStatus | undefined {
    const latest = this.registry.latest(type);
    if (!latest) return undefined;
    return this.plugins.find((p) => p.error === undefined && p.nodes.includes(type));
  }
}

const key = (node: NodeRef) => `${node.type}@${node.version}`;
