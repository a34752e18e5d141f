import type { ArtifactStore } from '../artifacts/artifact-store';
import type { RunBus } from './run-bus';
import type { RunsRepository } from './runs-repository';

/** What the runs routes work with. */
export interface RunsHub {
  runs: RunsRepository;
  bus: RunBus;
  /** Where table outputs are stored; without one, previews answer NOT_FOUND. */
  artifacts: ArtifactStore | undefined;
  /** How often an event stream looks at the database when no signal arrives (ms). */
  pollMs: number;
}
