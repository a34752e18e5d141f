/**
 * Characters as people, zod and JSON Schema count them: code points, so an emoji is one character
 * where JavaScript's `length` counts two UTF-16 units.
 *
 * @example
 * characterCount('🚀a') // 2, where '🚀a'.length is 3
 */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** Whether a string has more characters than `limit`: counts only when its UTF-16 units exceed it. */
export function exceedsCharacters(value: string, limit: number): boolean {
  return value.length > limit && characterCount(value) > limit;
}
