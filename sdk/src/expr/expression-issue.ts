import type { Issue } from '../errors';
import type { Span } from './ast';

/**
 * An expression issue: an {@link Issue} with code EXPRESSION_INVALID and the span of the offending text.
 *
 * @example
 * for (const issue of issues) underline(text.slice(issue.span.offset, issue.span.offset + issue.span.length));
 */
export interface ExpressionIssue extends Issue {
  span: Span;
}

/** "column 14", or "line 2, column 3" when the text has several lines. */
export function describePosition(span: Span): string {
  return span.line === 1 ? `column ${span.column}` : `line ${span.line}, column ${span.column}`;
}

/** Builds an EXPRESSION_INVALID issue whose message ends with the position: `… at column 14`. */
export function expressionIssue(message: string, span: Span, suffix = ''): ExpressionIssue {
  return { code: 'EXPRESSION_INVALID', path: [], message: `${message} at ${describePosition(span)}${suffix}`, span };
}

/** Shows a token's text in a message, shortened so a 1 MB token never lands in an issue. */
export function quoteText(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `"${short}"`;
}
