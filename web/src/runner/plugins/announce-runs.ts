import type { AnyNodeDefinition } from '@causeway/sdk';

/** What the worker posts to the page around a plugin node's code, beside comlink's own messages. */
export interface InsideMessage {
  type: 'causeway:inside';
  /** The node whose plugin code is on the worker's thread; undefined once it has returned. */
  nodeId: string | undefined;
}

export const isInsideMessage = (data: unknown): data is InsideMessage =>
  typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'causeway:inside';

/**
 * The definition with its `run` announced: the message leaves before the plugin's code starts, so the page
 * knows which node holds the thread if that code never returns (an endless loop before its first await).
 */
export function announcingRuns(definition: AnyNodeDefinition, announce: (message: InsideMessage) => void): AnyNodeDefinition {
  const run: AnyNodeDefinition['run'] = (args) => {
    announce({ type: 'causeway:inside', nodeId: args.ctx.nodeId });
    try {
      return definition.run(args);
    } finally {
      announce({ type: 'causeway:inside', nodeId: undefined });
    }
  };
  return Object.freeze({ ...definition, run });
}
