/** A random 128-bit id as hex, from `crypto.getRandomValues` (present in browsers, workers and Node, unlike `randomUUID` on plain http pages). */
export function randomId(): string {
  const words = crypto.getRandomValues(new Uint32Array(4));
  let out = '';
  for (const word of words) out += word.toString(16).padStart(8, '0');
  return out;
}
