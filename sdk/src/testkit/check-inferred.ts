import type { Table } from 'apache-arrow';
import type { z } from 'zod';
import type { InputDescriptors, NodeDefinition, PortMap } from '../node/define-node';
import { tableSchemaOf } from '../ports/arrow-schema';
import { isArrowTable } from '../ports/port';
import type { TableSchema } from '../ports/table-schema';

/**
 * What `infer` says a node's table outputs hold, given the schemas of the tables `run` received, set
 * against the tables `run` returned: the first difference as a sentence naming the port and column,
 * or undefined when they agree. Outputs `infer` leaves out (they depend on data) are not compared,
 * nor anything when an input other than a table is given; a column `infer` calls not nullable may
 * not hold a null.
 */
export function inferredMismatch<I extends PortMap, O extends PortMap, S extends z.ZodType>(
  definition: NodeDefinition<I, O, S>,
  config: z.output<S>,
  inputs: Record<string, unknown>,
  outputs: Record<string, unknown>,
): string | undefined {
  if (!definition.infer) return undefined;
  const descriptors: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(inputs)) {
    if (value === undefined) continue;
    const tables = Array.isArray(value) ? value : [value];
    // A model or a fitted state shapes what run returns in ways infer cannot see at design time.
    if (!tables.every(isArrowTable)) return undefined;
    descriptors[id] = Array.isArray(value) ? tables.map(tableSchemaOf) : tableSchemaOf(value as Table);
  }
  const inferred = definition.infer({ inputs: descriptors as InputDescriptors<I>, config, issue: () => {}, files: undefined });
  for (const [id, spec] of Object.entries(definition.outputs)) {
    const schema = (inferred as Record<string, unknown>)[id];
    if (spec.kind !== 'table' || schema === undefined) continue;
    const problem = tableMismatch(schema as TableSchema, outputs[id] as Table);
    if (problem) return `infer and run disagree on output "${id}": ${problem}`;
  }
  return undefined;
}

function tableMismatch(inferred: TableSchema, table: Table): string | undefined {
  const actual = tableSchemaOf(table).columns;
  const count = Math.max(inferred.columns.length, actual.length);
  for (let i = 0; i < count; i++) {
    const [said, got] = [inferred.columns[i]?.name, actual[i]?.name];
    if (said === got) continue;
    if (said === undefined) return `run returned column "${got}" (column ${i + 1}), which infer does not list`;
    if (got === undefined) return `infer lists column "${said}" (column ${i + 1}), which run did not return`;
    return `column ${i + 1} is "${said}" by infer, "${got}" in the table run returned`;
  }
  for (const [i, column] of inferred.columns.entries()) {
    const type = actual[i]?.type;
    if (column.type !== type) return `column "${column.name}" is ${column.type} by infer, ${type} in the table run returned`;
    const nulls = table.getChildAt(i)?.nullCount ?? 0;
    if (!column.nullable && nulls > 0) return `column "${column.name}" is not nullable by infer, but run returned ${nulls} null(s)`;
  }
  return undefined;
}
