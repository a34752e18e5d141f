import { expect, test } from 'vitest';
import { acceptedPredictBody } from './predict-body-check';
import { maxRowsPerRequest, predictBody } from './request-feeds';

const row = { age: 47.5, visits: 12, member: true, plan: 'plus' };

// The hand check may only take a shortcut: whatever it accepts, the schema accepts with the same data.
const bodies: Array<[string, unknown]> = [
  ['rows', { rows: [row, { ...row, age: null }] }],
  ['columns', { columns: { age: [1, 2], plan: ['a', 'b'] } }],
  ['empty columns', { columns: {} }],
  ['rows and columns', { rows: [row], columns: {} }],
  ['extra key', { rows: [row], extra: 1 }],
  ['no rows', { rows: [] }],
  ['too many rows', { rows: Array.from({ length: maxRowsPerRequest + 1 }, () => row) }],
  ['most rows', { rows: Array.from({ length: maxRowsPerRequest }, () => row) }],
  ['a row that is a list', { rows: [row, [1, 2]] }],
  ['a row that is null', { rows: [null] }],
  ['a row that is text', { rows: ['x'] }],
  ['rows not a list', { rows: 'everything' }],
  ['columns a list', { columns: [[1]] }],
  ['a column not a list', { columns: { age: 3 } }],
  ['a column too long', { columns: { age: Array.from({ length: maxRowsPerRequest + 1 }, () => 1) } }],
  ['null', null],
  ['a list', [row]],
  ['text', 'rows'],
  ['nothing', {}],
  ['a row of a class', { rows: [new Date(0)] }],
];

test.each(bodies)('%s: accepted exactly when the schema accepts it, as the same data', (_label, body) => {
  const parsed = predictBody.safeParse(body);
  const accepted = acceptedPredictBody(body);
  expect(accepted !== undefined).toBe(parsed.success);
  if (accepted !== undefined) expect(accepted).toEqual(parsed.data);
});
