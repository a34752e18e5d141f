import type { NodeContext } from '@causeway/sdk';

/**
 * A context that is the node's own but for the members given: reads go to the original object
 * (methods bound to it, since engine contexts keep private state), so the copy has its own identity
 * and may override, e.g., `progress`.
 *
 * @example
 * const part = deriveContext(ctx, { progress: (f) => ctx.progress(0.8 + 0.2 * f) });
 */
export function deriveContext(ctx: NodeContext, overrides: Partial<NodeContext> = {}): NodeContext {
  return new Proxy(ctx, {
    get(target, key) {
      if (Object.hasOwn(overrides, key)) return (overrides as Record<string | symbol, unknown>)[key];
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
