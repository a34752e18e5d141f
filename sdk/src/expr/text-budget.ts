import { UserError } from '../errors/errors';
import { defaultInputLimits } from '../node/input-limits';

// Evaluation is synchronous, so the limit of the evaluation in progress can live here for its duration.
let limit = defaultInputLimits.expressionTextChars;

/** Runs `evaluate` with at most `chars` characters per text function result (per block of rows). */
export function withTextLimit<T>(chars: number | undefined, evaluate: () => T): T {
  const outer = limit;
  limit = chars ?? defaultInputLimits.expressionTextChars;
  try {
    return evaluate();
  } finally {
    limit = outer;
  }
}

/** Throws INPUT_LIMIT when `fn` would build `chars` characters, before it builds them. */
export function checkTextSize(fn: string, chars: number): void {
  if (chars > limit)
    throw new UserError(
      'INPUT_LIMIT',
      `${fn}() would build ${chars} characters, more than the limit of ${limit} (input limit expressionTextChars).`,
      { details: { limit: 'expressionTextChars', value: limit } },
    );
}
