import type { AnyNodeDefinition } from '@causeway/sdk';
import { binColumn } from '../../transform/bin';
import { castColumns } from '../../transform/cast';
import { dateParts } from '../../transform/date-parts';
import { deriveColumns } from '../../transform/derive';
import { encodeCategories } from '../../transform/encode';
import { imputeNulls } from '../../transform/impute';
import { scaleColumns } from '../../transform/scale';
import { selectColumns } from '../../transform/select';
import { stringFunctions } from '../../transform/strings';

/**
 * Node types that transform each row on its own, so a served model can apply them to one request's
 * rows exactly as the graph did (the fitted ones with the state they fitted).
 */
export const rowWiseSteps: ReadonlyMap<string, AnyNodeDefinition> = new Map(
  [selectColumns, castColumns, deriveColumns, dateParts, stringFunctions, imputeNulls, encodeCategories, scaleColumns, binColumn].map(
    (d): [string, AnyNodeDefinition] => [d.type, d],
  ),
);

/** Node types that choose which rows train, not what a row looks like: scoring passes them by. */
export const rowSelections: ReadonlySet<string> = new Set([
  'transform.split',
  'transform.sample',
  'transform.sort',
  'transform.filter',
  'transform.dedupe',
]);
