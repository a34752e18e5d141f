/** Where an expression issue points: 1-based line and column, read from the message's "at column N". */
export interface ExpressionPosition {
  line: number;
  column: number;
}

const at = /\bat (?:line (\d+), )?column (\d+)/;

/** Reads the position the SDK writes at the end of an expression message; undefined when it has none. */
export function expressionPosition(message: string): ExpressionPosition | undefined {
  const match = at.exec(message);
  if (!match) return undefined;
  return { line: match[1] ? Number(match[1]) : 1, column: Number(match[2]) };
}

/** The line of `text` an issue points into, and the caret under the column (tabs kept so it lines up). */
export function caretLine(text: string, position: ExpressionPosition): { line: string; caret: string } {
  const line = text.split('\n')[position.line - 1] ?? '';
  const before = line.slice(0, Math.max(0, position.column - 1)).replace(/[^\t]/g, ' ');
  return { line, caret: `${before}^` };
}
