import type { ExprType, TypedExpr } from './ast';
import { andValid, type Col, type ConstValue, numbers, validOf } from './column';
import { perDictionary } from './dictionary-cache';
import { functionSpecs } from './functions';
import { arithmetic, scaledSum } from './kernel-arithmetic';
import { compare } from './kernel-compare';
import { conjunction, simpleComparison, type Term, termOf } from './kernel-conjunction';
import { isNull, logical, not, truthMask } from './kernel-logic';
import { type Kernel, mathKernels } from './kernel-math';
import { select } from './kernel-select';
import { textKernels } from './kernel-text';
import { unpooled } from './scratch';

/** Where column values come from while evaluating. */
export interface EvalContext {
  n: number;
  column: (name: string, type: ExprType) => Col;
}

/** The value of row `i` of a column, as the expression type reads it. */
export function valueAt(col: Col, i: number, type: ExprType): ConstValue {
  if (col.k === 'const') return col.v;
  if (col.valid !== null && col.valid[i] === 0) return null;
  switch (col.k) {
    case 'str':
      return col.v[i] ?? '';
    case 'dict':
      return col.dict[col.codes[i] ?? -1] ?? '';
    case 'bool':
      return col.v[i] === 1;
    case 'num':
      return type === 'boolean' ? col.v[i] === 1 : (col.v[i] ?? 0);
  }
}

function inList(operand: Col, items: Col[], n: number): Col {
  const values: ConstValue[] = [];
  for (const item of items) if (item.k === 'const') values.push(item.v);
  const hasNull = values.includes(null);
  const out = new Uint8Array(n);
  if (operand.k === 'dict') {
    const wanted = new Set(values);
    const lut = perDictionary(operand.dict, `in\u0000${JSON.stringify(values)}`, () =>
      Uint8Array.from(operand.dict, (s) => (wanted.has(s) ? 1 : 0)),
    );
    const codes = operand.codes;
    for (let i = 0; i < n; i++) out[i] = lut[codes[i] as number] as number;
  } else if (operand.k === 'str') {
    const wanted = new Set(values);
    const x = operand.v;
    for (let i = 0; i < n; i++) out[i] = wanted.has(x[i] as string) ? 1 : 0;
  } else {
    const x = numbers(operand, n);
    for (const value of values) {
      if (value === null) continue;
      const y = Number(value);
      for (let i = 0; i < n; i++) if (x[i] === y) out[i] = 1;
    }
  }
  const base = validOf(operand, n);
  let valid = base;
  // x in (…, null) is null, not false, where nothing matched.
  if (hasNull) {
    valid = new Uint8Array(n);
    for (let i = 0; i < n; i++) valid[i] = (out[i] as number) & (base === null ? 1 : (base[i] as number));
  }
  return { k: 'bool', v: out, valid, tmp: true };
}

function gather(result: Col, dictCol: Extract<Col, { k: 'dict' }>, n: number): Col {
  const { codes, valid: outer } = dictCol;
  const inner = result.k === 'const' ? null : result.valid;
  let valid = outer;
  if (inner !== null) {
    valid = new Uint8Array(n);
    for (let i = 0; i < n; i++) valid[i] = (outer === null ? 1 : (outer[i] as number)) & (inner[codes[i] as number] ?? 0);
  }
  if (result.k === 'str') {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = result.v[codes[i] as number] ?? '';
    return { k: 'str', v: out, valid };
  }
  if (result.k === 'num' || result.k === 'bool') {
    const out = result.k === 'num' ? new Float64Array(n) : new Uint8Array(n);
    const v = result.v;
    for (let i = 0; i < n; i++) out[i] = v[codes[i] as number] ?? 0;
    return result.k === 'num' ? { k: 'num', v: out, valid, tmp: true } : { k: 'bool', v: out as Uint8Array, valid, tmp: true };
  }
  return result;
}

const kernelOf = (name: string): Kernel | undefined => mathKernels.get(name) ?? textKernels.get(name);

type CallNode = Extract<TypedExpr, { kind: 'call' }>;

function call(node: CallNode, ctx: EvalContext): Col {
  const args = node.args.map((a) => evaluateNode(a, ctx));
  // Constant arguments: compute one row and keep the result constant.
  if (args.every((a) => a.k === 'const')) return { k: 'const', v: valueAt(apply(node, args, 1), 0, node.type) };
  return apply(node, args, ctx.n);
}

function apply(node: CallNode, args: Col[], n: number): Col {
  const types = node.args.map((a) => a.type);
  if (node.name === 'if') {
    return select(truthMask(args[0] as Col, n), args[1] as Col, args[2] as Col, node.type, n);
  }
  if (node.name === 'coalesce') {
    let result = args[args.length - 1] as Col;
    for (let i = args.length - 2; i >= 0; i--) {
      const valid = validOf(args[i] as Col, n);
      result = valid === null ? (args[i] as Col) : select(valid, args[i] as Col, result, node.type, n);
    }
    return result;
  }
  const spec = functionSpecs.get(node.name);
  const kernel = kernelOf(node.name);
  if (spec === undefined || kernel === undefined) throw new Error(`no kernel for ${node.name}`);
  if (spec.strict && args.some((a) => a.k === 'const' && a.v === null)) return { k: 'const', v: null };
  const dicts = args.filter((a) => a.k === 'dict');
  const lifted = dicts[0];
  if (spec.strict && dicts.length === 1 && lifted?.k === 'dict' && args.every((a) => a.k === 'dict' || a.k === 'const')) {
    // Strict functions of one category: compute once per dictionary entry, then look up by code.
    const entries: Col = { k: 'str', v: lifted.dict, valid: null };
    const perEntry = perDictionary(lifted.dict, node, () =>
      unpooled(() =>
        kernel(
          args.map((a) => (a === lifted ? entries : a)),
          lifted.dict.length,
          types,
        ),
      ),
    );
    return gather(perEntry, lifted, n);
  }
  return kernel(args, n, types);
}

function fold(op: 'and' | 'or', cols: Col[], n: number): Col {
  let result = cols[0] as Col;
  for (let i = 1; i < cols.length; i++) result = logical(op, result, cols[i] as Col, n);
  return result;
}

function scaleOf(node: TypedExpr): { operand: TypedExpr; factor: number } | undefined {
  if (node.kind !== 'binary' || node.op !== '*') return undefined;
  const literal = (e: TypedExpr) =>
    e.kind === 'literal' && typeof e.value === 'number'
      ? e.value
      : e.kind === 'negate' && e.operand.kind === 'literal' && typeof e.operand.value === 'number'
        ? -e.operand.value
        : undefined;
  const right = literal(node.right);
  if (right !== undefined) return { operand: node.left, factor: right };
  const left = literal(node.left);
  return left === undefined ? undefined : { operand: node.right, factor: left };
}

// `x * c ± y` and `y ± x * c` in one pass instead of two.
function scaledSumOf(node: Extract<TypedExpr, { kind: 'binary' }>, ctx: EvalContext, dest?: Float64Array): Col | undefined {
  if (node.op !== '+' && node.op !== '-') return undefined;
  const onLeft = scaleOf(node.left);
  const scale = onLeft ?? scaleOf(node.right);
  if (scale === undefined) return undefined;
  const x = evaluateNode(scale.operand, ctx);
  const y = evaluateNode(onLeft ? node.right : node.left, ctx);
  const n = ctx.n;
  if (x.k !== 'num' || y.k !== 'num') {
    const scaled = arithmetic('*', x, { k: 'const', v: scale.factor }, n);
    return onLeft ? arithmetic(node.op, scaled, y, n, dest) : arithmetic(node.op, y, scaled, n, dest);
  }
  // y - x * c is y + x * (-c), exactly.
  const factor = !onLeft && node.op === '-' ? -scale.factor : scale.factor;
  return scaledSum(x.v, factor, y.v, onLeft !== undefined && node.op === '-', andValid(x.valid, y.valid, n), n, dest);
}

function flattenAnd(node: TypedExpr, out: TypedExpr[]): TypedExpr[] {
  if (node.kind === 'logical' && node.op === 'and') {
    flattenAnd(node.left, out);
    flattenAnd(node.right, out);
  } else out.push(node);
  return out;
}

// `a and b and …`: null-free `column op literal` terms run fused; the rest joins by three-valued and.
function conjunctionOf(node: TypedExpr, ctx: EvalContext, dest?: Uint8Array): Col {
  const fused: Term[] = [];
  const rest: Col[] = [];
  for (const part of flattenAnd(node, [])) {
    const simple = simpleComparison(part);
    const term = simple && termOf(ctx.column(simple.name, simple.type), simple.op, simple.value);
    if (term) fused.push(term);
    else rest.push(evaluateNode(part, ctx));
  }
  let result = fused.length > 0 ? conjunction(fused, ctx.n, dest) : (rest.shift() as Col);
  for (const col of rest) result = logical('and', result, col, ctx.n);
  return result;
}

/** Where the root of the tree may write its block of results directly. */
export interface Destination {
  f64?: Float64Array;
  u8?: Uint8Array;
}

/** Evaluates the root node, writing into `dest` when its kernel can, which saves a copy per block. */
export function evaluateRoot(node: TypedExpr, ctx: EvalContext, dest: Destination): Col {
  if (node.kind === 'binary' && dest.f64 !== undefined) {
    const fused = scaledSumOf(node, ctx, dest.f64);
    if (fused !== undefined) return fused;
  }
  if (
    node.kind === 'binary' &&
    dest.f64 !== undefined &&
    (node.op === '+' || node.op === '-' || node.op === '*' || node.op === '/' || node.op === '%')
  ) {
    return arithmetic(node.op, evaluateNode(node.left, ctx), evaluateNode(node.right, ctx), ctx.n, dest.f64);
  }
  if (node.kind === 'logical' && node.op === 'and' && dest.u8 !== undefined) return conjunctionOf(node, ctx, dest.u8);
  return evaluateNode(node, ctx);
}

/** Evaluates a typed expression to a whole column: every node once, never row by row. */
export function evaluateNode(node: TypedExpr, ctx: EvalContext): Col {
  const { n } = ctx;
  switch (node.kind) {
    case 'literal':
      return { k: 'const', v: node.value };
    case 'column':
      return ctx.column(node.name, node.type);
    case 'negate':
      return arithmetic('*', evaluateNode(node.operand, ctx), { k: 'const', v: -1 }, n);
    case 'binary': {
      const fused = scaledSumOf(node, ctx);
      if (fused !== undefined) return fused;
      const left = evaluateNode(node.left, ctx);
      const right = evaluateNode(node.right, ctx);
      const op = node.op;
      if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') return arithmetic(op, left, right, n);
      return compare(op, left, right, n);
    }
    case 'logical':
      if (node.op === 'and') return conjunctionOf(node, ctx);
      return logical(node.op, evaluateNode(node.left, ctx), evaluateNode(node.right, ctx), n);
    case 'not':
      return not(evaluateNode(node.operand, ctx), n);
    case 'is-null': {
      const operand = evaluateNode(node.operand, ctx);
      const state = operand.k === 'const' ? (operand.v === null ? 'const-null' : 'const-value') : operand.valid;
      return isNull(state, node.negated, n);
    }
    case 'in': {
      const operand = evaluateNode(node.operand, ctx);
      const items = node.items.map((item) => evaluateNode(item, ctx));
      const result =
        operand.k !== 'const' && items.every((i) => i.k === 'const')
          ? inList(operand, items, n)
          : fold(
              'or',
              items.map((item) => compare('=', operand, item, n)),
              n,
            );
      return node.negated ? not(result, n) : result;
    }
    case 'between': {
      const operand = evaluateNode(node.operand, ctx);
      const low = compare('>=', operand, evaluateNode(node.low, ctx), n);
      const result = logical('and', low, compare('<=', operand, evaluateNode(node.high, ctx), n), n);
      return node.negated ? not(result, n) : result;
    }
    case 'case': {
      let result: Col = node.otherwise === null ? { k: 'const', v: null } : evaluateNode(node.otherwise, ctx);
      for (let i = node.whens.length - 1; i >= 0; i--) {
        const branch = node.whens[i] as (typeof node.whens)[number];
        const condition = evaluateNode(branch.when, ctx);
        result = select(truthMask(condition, n), evaluateNode(branch.then, ctx), result, node.type, n);
      }
      return result;
    }
    case 'call':
      return call(node, ctx);
  }
}
