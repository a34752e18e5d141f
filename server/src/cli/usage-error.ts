/** A command line the CLI cannot understand: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
