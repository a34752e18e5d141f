import {
  type ColumnSchema,
  type Lineage,
  type LineageNode,
  type ModelCard,
  type ScoringPath,
  type ScoringStep,
  tableFromColumns,
  tableSchemaOf,
  takeVector,
  UserError,
} from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { compileScoringPath } from './apply-scoring-path';
import { rowSelections, rowWiseSteps } from './scoring-steps';

// Rows of the raw table used to find which raw columns change the model's features.
const probeRows = 64;

function unsupported(node: LineageNode): UserError {
  return new UserError(
    'SCORING_PATH_UNSUPPORTED',
    `Node "${node.id}" (${node.type}) lies between the raw inputs and the training node, and cannot score one row at a time: ` +
      'only select, cast, derive, date parts, strings, impute, encode, scale and bin can. Do that work before the raw inputs (e.g. in SQL).',
    { details: { node: node.id, type: node.type } },
  );
}

function nodeOrFail(lineage: Lineage, id: string): LineageNode {
  const node = lineage.node(id);
  if (node === undefined) throw new UserError('INPUT_INVALID', `Node "${id}" is not part of this run.`);
  return node;
}

/** The node that trained the model: up the `model` inputs (through gates) to the first node fed a table. */
function trainerOf(lineage: Lineage, selfId: string): LineageNode | undefined {
  let from = lineage.node(selfId)?.sources.model?.[0];
  for (let hops = 0; from !== undefined && hops < 1_000; hops++) {
    const node = nodeOrFail(lineage, from.node);
    const model = node.sources.model?.[0];
    if (model === undefined) return node.sources.table?.length === 1 ? node : undefined;
    from = model;
  }
  return undefined;
}

/** An all-null copy of one column, the other columns as they are. */
function withNullColumn(table: Table, name: string): Table {
  const names = table.schema.fields.map((f) => f.name);
  const nulls = new Int32Array(table.numRows).fill(-1);
  const vectors = table.schema.fields.map((f) => {
    const vector = table.getChild(f.name);
    if (vector === null) throw new UserError('INPUT_INVALID', `Column "${f.name}" has no values.`);
    return f.name === name ? takeVector(vector, nulls, true) : vector;
  });
  return tableFromColumns(
    names,
    vectors,
    table.schema.fields.map(() => true),
  );
}

function sameColumn(a: Table, b: Table, name: string): boolean {
  const x = a.getChild(name);
  const y = b.getChild(name);
  if (x === null || y === null) return x === y;
  for (let i = 0; i < a.numRows; i++) if (!Object.is(x.get(i), y.get(i)) && String(x.get(i)) !== String(y.get(i))) return false;
  return true;
}

/** Splits the raw columns into the ones that change the model's features and the ones the path merely reads. */
async function rawInputs(path: Omit<ScoringPath, 'inputs' | 'fill'>, raw: Table, card: ModelCard) {
  const probe = raw.slice(0, Math.min(probeRows, raw.numRows));
  const apply = compileScoringPath({ ...path, inputs: [], fill: [] });
  const baseline = await apply(probe);
  const features = card.features.map((f) => f.name);
  const inputs: ColumnSchema[] = [];
  const fill: ColumnSchema[] = [];
  for (const column of tableSchemaOf(raw).columns) {
    let changes = false;
    try {
      const out = await apply(withNullColumn(probe, column.name));
      changes = features.some((f) => !sameColumn(baseline, out, f));
    } catch {
      changes = true;
    }
    if (changes) inputs.push(column);
    else if (features.includes(column.name)) inputs.push(column);
    else fill.push(column);
  }
  return { inputs, fill };
}

/**
 * The scoring path of the model a `lineage` node receives: the row-wise nodes between the graph's raw
 * inputs (a source node's table) and the node that trained the model, with the states they fitted.
 * Undefined when there is nothing between them (or no trainer fed a table, e.g. an imported model).
 * A node that is not row-wise is refused with SCORING_PATH_UNSUPPORTED naming it.
 */
export async function captureScoringPath(lineage: Lineage, selfId: string, card: ModelCard): Promise<ScoringPath | undefined> {
  const trainer = trainerOf(lineage, selfId);
  let from = trainer?.sources.table?.[0];
  if (from === undefined) return undefined;
  const steps: ScoringStep[] = [];
  const skipped: string[] = [];
  for (let hops = 0; hops < 10_000; hops++) {
    const node = nodeOrFail(lineage, from.node);
    const feeds = Object.values(node.sources).flat();
    if (node.category === 'source' || feeds.length === 0) break;
    const table = node.sources.table;
    if (table?.length !== 1 || (table[0] as { node: string }).node === undefined) throw unsupported(node);
    const definition = rowWiseSteps.get(node.type);
    if (definition !== undefined && definition.version === node.version && from.port === 'table') {
      const fitted = node.outputs?.fitted;
      steps.push({
        node: node.id,
        type: node.type,
        version: node.version,
        config: node.config,
        ...(fitted === undefined ? {} : { fitted }),
      });
    } else if (rowSelections.has(node.type) || (node.category === 'validate' && from.port === 'table')) {
      skipped.push(node.id);
    } else {
      throw unsupported(node);
    }
    from = table[0] as { node: string; port: string };
  }
  if (steps.length === 0) return undefined;
  const raw = nodeOrFail(lineage, from.node).outputs?.[from.port] as Table | undefined;
  if (raw === undefined)
    throw new UserError('INPUT_INVALID', `Node "${from.node}" has no output "${from.port}" to read the raw columns from.`);
  steps.reverse();
  const path = { steps, skipped: skipped.reverse(), inOnnx: false };
  return { ...(await rawInputs(path, raw, card)), ...path };
}
