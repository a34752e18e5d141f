import { UserError, yieldIfDue } from '@causeway/sdk';

/** What a caller passes to follow and stop a fit: the node's AbortSignal and progress callback. */
export interface TrainControl {
  readonly signal?: AbortSignal;
  /** Called with the fraction done, in [0, 1]. */
  readonly progress?: (fraction: number) => void;
}

/** Throws RUN_CANCELLED when the signal has fired; learners call it between iterations and trees. */
export function checkCancelled(control: TrainControl | undefined): void {
  if (control?.signal?.aborted) throw new UserError('RUN_CANCELLED', 'Training was cancelled.', { cause: control.signal.reason });
}

/**
 * Called between iterations, trees and tree nodes: gives the thread back when it has computed for a
 * while (so a cancel message, a timeout or another run can act), then throws if the fit was cancelled.
 */
export async function checkpoint(control: TrainControl | undefined): Promise<void> {
  const pause = yieldIfDue();
  if (pause) await pause;
  checkCancelled(control);
}

/** Reports progress (clamped to [0, 1]) when a callback was given. */
export function reportProgress(control: TrainControl | undefined, fraction: number): void {
  control?.progress?.(Math.min(1, Math.max(0, fraction)));
}
