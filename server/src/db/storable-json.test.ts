import { expect, test } from 'vitest';
import { storableJson } from './storable-json';

test('NUL and lone surrogates become visible stand-ins, in keys and values', () => {
  const value = { 'col\u0000umn': ['a\u0000b', '\ud800', 'x\udfffy'], pair: '\ud83d\ude00' };
  expect(JSON.parse(storableJson(value))).toEqual({ 'col\u2400umn': ['a\u2400b', '\ufffd', 'x\ufffdy'], pair: '😀' });
});

test('text that only looks like an escape is kept', () => {
  const value = { path: 'C:\\u0000\\ud800', quote: '"\\' };
  expect(JSON.parse(storableJson(value))).toEqual(value);
});

test('ordinary JSON is unchanged', () => {
  const value = { a: 1, b: [true, null, 'é\n\t\u001f'] };
  expect(storableJson(value)).toBe(JSON.stringify(value));
});
