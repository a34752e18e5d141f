import { graphVersionConflictDetails } from '@causeway/contract';
import { diffGraphs, type Graph } from '@causeway/sdk';
import { ApiError } from '../api/api-client';
import { type Comparison, compareGraphs } from '../graphs/compare-graphs';

/** A save refused because someone saved the graph after the version the edit started from. */
export interface SaveConflict {
  /** The graph on the canvas, as it was when the save was refused. */
  mine: Graph;
  /** The latest version on the server. */
  theirs: Graph;
  /** The version the edit started from, for Merge; absent when it could not be read. */
  base?: Graph;
  baseVersion: number;
  latestVersion: number;
  latestAuthor: string | null;
}

/** The versions of a `GRAPH_VERSION_CONFLICT` answer; undefined for any other error. */
export function conflictVersions(error: unknown) {
  if (!(error instanceof ApiError) || error.code !== 'GRAPH_VERSION_CONFLICT') return undefined;
  const details = graphVersionConflictDetails.safeParse(error.details);
  return details.success ? details.data : undefined;
}

/** What the conflict bar says. */
export function conflictText(conflict: SaveConflict): string {
  const who = conflict.latestAuthor ?? 'someone';
  return `Not saved: ${who} saved version ${conflict.latestVersion} after version ${conflict.baseVersion}, which your edit started from.`;
}

/**
 * The latest version beside the canvas's graph, as the compare view draws it: what their version
 * added, removed (ghosted) and changed relative to mine, diffed here because mine is not stored.
 */
export function conflictComparison(conflict: SaveConflict): Comparison {
  const diff = diffGraphs(conflict.mine, conflict.theirs);
  return compareGraphs(conflict.mine, conflict.theirs, { ...diff, from: conflict.baseVersion, to: conflict.latestVersion });
}
