import { createContext, useContext } from 'react';
import type { DiffMark } from './compare-graphs';

/** The compare view's marks by node id; absent on the editing canvas. */
export const DiffMarksContext = createContext<ReadonlyMap<string, DiffMark> | undefined>(undefined);

export function useDiffMark(nodeId: string): DiffMark | undefined {
  return useContext(DiffMarksContext)?.get(nodeId);
}
