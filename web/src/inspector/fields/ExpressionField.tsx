import { useRef } from 'react';
import { caretLine, expressionPosition } from '../expression-position';
import type { FieldProps } from '../field-context';
import { describedBy } from './FieldIssues';

/**
 * An expression editor: monospace text, the columns it may use (click to insert) and each error
 * drawn under the exact character it points at.
 */
export function ExpressionField({ id, value, onChange, columns, issues, description }: FieldProps) {
  const text = typeof value === 'string' ? value : '';
  const ref = useRef<HTMLTextAreaElement>(null);
  const insert = (name: string) => {
    const area = ref.current;
    const token = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? text.length;
    onChange(text.slice(0, start) + token + text.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  const located = issues.flatMap((issue) => {
    const position = expressionPosition(issue.message);
    return position ? [{ issue, ...caretLine(text, position) }] : [];
  });
  return (
    <div className="expression-field">
      <textarea
        ref={ref}
        id={id}
        className="mono"
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        spellCheck={false}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        {...describedBy(id, issues, description)}
      />
      {located.map(({ issue, line, caret }) => (
        <pre key={issue.message} className="expression-caret" aria-hidden="true">
          {line}
          {'\n'}
          <span className="caret">{caret}</span>
        </pre>
      ))}
      {columns.length > 0 && (
        <fieldset className="column-chips">
          <legend className="sr-only">Insert a column</legend>
          {columns.map((c) => (
            <button key={c.name} type="button" onClick={() => insert(c.name)} title={`${c.type}${c.nullable ? ', may be null' : ''}`}>
              {c.name}
            </button>
          ))}
        </fieldset>
      )}
    </div>
  );
}
