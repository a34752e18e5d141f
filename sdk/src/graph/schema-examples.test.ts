import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as schemaModule from './schema';

const source = readFileSync(new URL('./schema.ts', import.meta.url), 'utf8');
const schemas = schemaModule as unknown as Record<string, unknown>;

/** The literal a JSDoc example passes: objects, arrays, strings, numbers, booleans, null and the module's own constants. */
function literal(node: ts.Expression): unknown {
  if (ts.isObjectLiteralExpression(node)) {
    return Object.fromEntries(
      node.properties.map((p) => {
        if (!ts.isPropertyAssignment(p)) throw new Error(`unsupported property ${p.getText()}`);
        return [p.name.getText().replace(/^['"]|['"]$/g, ''), literal(p.initializer)];
      }),
    );
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.map(literal);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) return -(literal(node.operand) as number);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isIdentifier(node) && Object.hasOwn(schemas, node.text)) return schemas[node.text];
  throw new Error(`unsupported expression ${node.getText()}`);
}

/** Every `<schema>.parse(…)` / `<schema>.safeParse(…)` call in the module's @example blocks, with what its comment promises. */
function exampleCalls(): Array<{ text: string; schema: string; value: unknown; expectsSuccess: boolean }> {
  const calls: Array<{ text: string; schema: string; value: unknown; expectsSuccess: boolean }> = [];
  for (const block of source.matchAll(/@example\n((?: \*.*\n)+?) \*\//g)) {
    const code = (block[1] as string).replace(/^ \* ?/gm, '');
    for (const line of code.split('\n')) {
      const file = ts.createSourceFile('example.ts', line, ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
          const method = node.expression.name.text;
          const target = node.expression.expression.getText();
          const [arg] = node.arguments;
          if (
            (method === 'parse' || method === 'safeParse') &&
            target in schemas &&
            arg !== undefined &&
            ts.isObjectLiteralExpression(arg)
          ) {
            // `.success // false` promises a failure; anything else promises the value parses.
            calls.push({ text: line, schema: target, value: literal(arg), expectsSuccess: !/\/\/\s*false\b/.test(line) });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }
  return calls;
}

describe('the @example blocks of the graph schema module', () => {
  it('parse as they say they do', () => {
    const calls = exampleCalls();
    expect(calls.map((c) => c.schema)).toEqual(expect.arrayContaining(['graphNodeSchema', 'graphEdgeSchema', 'graphNoteSchema']));
    for (const call of calls) {
      const result = (schemas[call.schema] as z.ZodType).safeParse(call.value);
      const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      if (call.expectsSuccess) expect(problems, call.text).toEqual([]);
      else expect(problems.length, call.text).toBeGreaterThan(0);
    }
  });
});
