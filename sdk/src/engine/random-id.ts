/** A random 128-bit id as hex, from `crypto.getRandomValues` (present in browsers, workers and Node, unlike `randomUUID` on plain http pages). */
export function randomId(): string {
  const words = crypto.getRandomValues(new Uint32Array(4));
  let out = '';
  for (const word of words) out += word.toString(16).padStart(8, '0');
  return out;
}

/** A random positive safe integer (53 bits) naming a run that has no number from a server: run ids are numbers everywhere, as in the REST API. */
export function randomRunId(): number {
  const [high = 0, low = 0] = crypto.getRandomValues(new Uint32Array(2));
  return (high & 0x1fffff) * 0x1_0000_0000 + low + 1;
}
