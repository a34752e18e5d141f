import {
  type ColumnType,
  compileScalarExpression,
  evaluateScalar,
  type Issue,
  type ReportCheck,
  type ScalarValue,
  type TypedExpr,
} from '@causeway/sdk';

/** Prefix of the baseline's metric names in gate expressions. */
export const baselinePrefix = 'baseline.';

/** The names a gate expression may read: every current metric, and `baseline.<name>` for each. */
export function gateTypes(current: Record<string, number>, baseline: Record<string, number> | undefined): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = {};
  for (const name of new Set([...Object.keys(current), ...Object.keys(baseline ?? {})])) {
    types[name] = 'number';
    types[`${baselinePrefix}${name}`] = 'number';
  }
  return types;
}

/** The top-level `and` terms of an expression, as their text. */
export function splitTerms(ast: TypedExpr, text: string): string[] {
  if (ast.kind === 'logical' && ast.op === 'and') return [...splitTerms(ast.left, text), ...splitTerms(ast.right, text)];
  return [text.slice(ast.span.offset, ast.span.offset + ast.span.length)];
}

const negated: Record<string, string> = { '>=': '<', '>': '≤', '<=': '>', '<': '≥', '=': '≠', '!=': '=' };

const show = (v: ScalarValue): string => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v));

function evaluateText(text: string, types: Record<string, ColumnType>, values: Record<string, ScalarValue>): ScalarValue {
  const compiled = compileScalarExpression(text, types);
  if (!compiled.ok) return null;
  const result = evaluateScalar(compiled.value, values);
  return result.ok ? result.value : null;
}

/** Why a comparison term failed, with the values it compared: "auc 0.81 < 0.85". */
function explain(ast: TypedExpr, text: string, types: Record<string, ColumnType>, values: Record<string, ScalarValue>): string {
  if (ast.kind !== 'binary' || !(ast.op in negated)) return `${text} does not hold`;
  const part = (node: TypedExpr) => text.slice(node.span.offset - ast.span.offset, node.span.offset - ast.span.offset + node.span.length);
  const left = part(ast.left);
  const right = part(ast.right);
  const lv = evaluateText(left, types, values);
  const rv = evaluateText(right, types, values);
  if (lv === null || rv === null) return `${text} cannot be checked: ${lv === null ? left : right} is missing`;
  const rightNote = ast.right.kind === 'literal' ? '' : ` (${right})`;
  return `${left} ${show(lv)} ${negated[ast.op]} ${show(rv)}${rightNote}`;
}

/**
 * Evaluates each top-level `and` term of a gate as its own check. Terms that read `baseline.*` are
 * satisfied when there is no baseline (a first run has nothing to compare with).
 */
export function gateChecks(
  text: string,
  current: Record<string, number>,
  baseline: Record<string, number> | undefined,
): { ok: true; checks: ReportCheck[] } | { ok: false; issues: Issue[] } {
  const types = gateTypes(current, baseline);
  const whole = compileScalarExpression(text, types);
  if (!whole.ok) return { ok: false, issues: whole.issues.map((i) => ({ ...i, path: ['config', 'expression', ...i.path] })) };
  if (whole.value.type !== 'boolean') {
    return {
      ok: false,
      issues: [
        {
          code: 'EXPRESSION_INVALID',
          path: ['config', 'expression'],
          message: `The gate must be a condition (true or false), not a ${whole.value.type}.`,
        },
      ],
    };
  }
  const values: Record<string, ScalarValue> = { ...current };
  for (const [name, v] of Object.entries(baseline ?? {})) values[`${baselinePrefix}${name}`] = v;
  const checks = splitTerms(whole.value.ast, text).map((term): ReportCheck => {
    const compiled = compileScalarExpression(term, types);
    if (!compiled.ok) return { name: term, passed: false, message: compiled.issues.map((i) => i.message).join('; ') };
    const readsBaseline = compiled.value.columns.some((c) => c.startsWith(baselinePrefix));
    if (readsBaseline && baseline === undefined) {
      return { name: term, passed: true, message: `${term}: no baseline yet, treated as satisfied`, details: { skipped: true } };
    }
    const read = Object.fromEntries(compiled.value.columns.map((c) => [c, values[c] ?? null]));
    const result = evaluateScalar(compiled.value, values);
    const passed = result.ok && result.value === true;
    const message = passed ? `${term} holds` : explain(compiled.value.ast, term, types, values);
    return { name: term, passed, message, details: { values: read } };
  });
  return { ok: true, checks };
}
