/**
 * The 1-based line on which byte `offset` lies (line feeds before it, plus one). Used only when
 * reporting, so the scanning loop never counts lines.
 */
export function lineNumberAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  let at = bytes.indexOf(10);
  while (at >= 0 && at < offset) {
    line++;
    at = bytes.indexOf(10, at + 1);
  }
  return line;
}
