import { formatPath, type IssuePath, UserError } from '@causeway/sdk';

// A surrogate without its other half: PostgreSQL text and jsonb refuse it, and U+0000.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether PostgreSQL would refuse `text` (a NUL or a lone surrogate). */
export function isUnstorable(text: string): boolean {
  return text.includes('\u0000') || loneSurrogate.test(text);
}

/** The path of the first string or key in a JSON value that PostgreSQL would refuse, if any. */
export function unstorableAt(root: unknown): IssuePath | undefined {
  const stack: Array<{ value: unknown; path: IssuePath }> = [{ value: root, path: [] }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === 'string') {
      if (isUnstorable(value)) return path;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      for (const [key] of entries) if (isUnstorable(key)) return [...path, key];
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return undefined;
}

/** The error for unstorable text at `path` of the request's `part` (its body, query or path). */
export function unstorableTextError(part: 'body' | 'query' | 'path', path: IssuePath): UserError {
  // A key may itself hold the NUL: name it with the visible stand-in.
  const shown = path.map((step) => (typeof step === 'string' ? step.replaceAll('\u0000', '\u2400') : step));
  const field = shown.length === 0 ? part : `${part}${typeof shown[0] === 'number' ? '' : '.'}${formatPath(shown)}`;
  const message = `${field}: the text holds a NUL character (U+0000) or a lone surrogate, which cannot be stored. Remove it and send again.`;
  return new UserError('REQUEST_INVALID', message, { issues: [{ code: 'REQUEST_INVALID', path: [part, ...shown], message }] });
}
