/** Where a command writes and what it reads from its environment; `process` in the real CLI, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted when the user presses Ctrl-C. */
  signal: AbortSignal;
}

/** The exit codes of `causeway`. */
export const exitCodes = {
  ok: 0,
  /** The graph is invalid, or the run failed. */
  failed: 1,
  /** Unknown command or flag. */
  usage: 2,
  /** A bug: an unexpected error. */
  internal: 70,
  /** Cancelled with Ctrl-C (128 + SIGINT). */
  cancelled: 130,
} as const;
