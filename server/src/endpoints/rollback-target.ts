import type { ServedChange } from './endpoints-repository';

/**
 * The production line of an endpoint, replayed from its promotions and rollbacks: a promotion puts a
 * version on top, a rollback to a version on the line takes everything above it off (to one that is
 * not on the line, puts it on top). The version before the top is where a rollback goes, so rolling
 * back twice walks further back instead of toggling between two versions.
 */
export function productionLine(changes: readonly ServedChange[]): number[] {
  const line: number[] = [];
  for (const change of changes) {
    const at = line.lastIndexOf(change.version);
    if (change.kind === 'rollback' && at >= 0) line.length = at + 1;
    else if (line.at(-1) !== change.version) line.push(change.version);
  }
  return line;
}

/** The version a rollback without a version goes to, or undefined when nothing came before the active one. */
export function rollbackTarget(changes: readonly ServedChange[], active: number | null): number | undefined {
  const line = productionLine(changes);
  if (line.at(-1) !== active) return line.findLast((v) => v !== active);
  return line.at(-2);
}
