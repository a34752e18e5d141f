/**
 * Writes a column name as an expression reads it: in backticks, a backtick doubled.
 *
 * @example
 * columnText('monthly charges'); // '`monthly charges`'
 */
export function columnText(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/**
 * Writes text as an expression string literal, escaping what the lexer reads as escapes.
 *
 * @example
 * stringText('say "hi"'); // '"say \\"hi\\""'
 */
export function stringText(value: string): string {
  return `"${value.replace(/[\\"\n\t\r]/g, (c) => escapes[c] ?? c)}"`;
}
