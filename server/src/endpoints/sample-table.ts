import { float64Vector, int32Vector, type ModelCard, tableFromColumns, UserError, valuesToVector } from '@causeway/sdk';
import type { Table, Vector } from 'apache-arrow';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { requestFields } from './input-example';

/** The most sample rows one read returns. */
export const maxSampleRows = 1_000_000;

function json(value: unknown): Record<string, unknown> {
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

/** A stored date (ISO text or epoch milliseconds, as sent) back as a Date, so it reads as a date column. */
function dateOf(value: unknown): unknown {
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date;
}

/**
 * The newest `limit` rows an endpoint answered (oldest first) as a table: one column per request
 * column (the raw columns of a scoring path, else the model's features, in the card's order), `_at` (timestamp), `_version`, `prediction` and `probability_<class>` for classifiers.
 *
 * @example
 * const table = await readSampleTable(db, 'churn', { since: '2026-01-01T00:00:00Z', limit: 10_000 });
 */
export async function readSampleTable(
  db: Kysely<Database>,
  endpoint: string,
  options: { since?: string; limit: number; outcome?: string },
): Promise<Table> {
  const known = await db
    .selectFrom('endpoints')
    .leftJoin('model_versions', (j) =>
      j.onRef('model_versions.model_name', '=', 'endpoints.model_name').onRef('model_versions.version', '=', 'endpoints.active_version'),
    )
    .select(['endpoints.name', 'model_versions.card'])
    .where('endpoints.name', '=', endpoint)
    .executeTakeFirst();
  if (known === undefined) throw new UserError('NOT_FOUND', `No endpoint named "${endpoint}".`);
  // Columns in the order of the served version's card; stored rows (jsonb) do not keep key order.
  let query = db
    .selectFrom('endpoint_samples as s')
    .select(['s.at', 's.version', 's.input', 's.output'])
    .where('s.endpoint_name', '=', endpoint)
    .where('s.role', '=', 'answer');
  if (options.since !== undefined) query = query.where('s.at', '>=', new Date(options.since));
  // Labelled rows only: the predictions whose real outcome came back as feedback.
  const labelled =
    options.outcome === undefined
      ? query.select(sql<unknown>`null`.as('outcome'))
      : query
          .innerJoin('endpoint_feedback as f', (j) =>
            j
              .onRef('f.endpoint_name', '=', 's.endpoint_name')
              .onRef('f.request_id', '=', 's.request_id')
              .onRef('f.row_index', '=', 's.row_index'),
          )
          .select('f.outcome');
  const rows = (await labelled.orderBy('s.id', 'desc').limit(Math.min(options.limit, maxSampleRows)).execute()).reverse();
  const inputs = rows.map((r) => json(r.input));
  const outputs = rows.map((r) => json(r.output));
  const fields = requestFields(json(known.card) as unknown as ModelCard);
  const dates = new Set(fields.filter((f) => f.type === 'date').map((f) => String(f.name)));
  const present = new Set(inputs.flatMap((i) => Object.keys(i)));
  const cardOrder = fields.map((f) => String(f.name)).filter((f) => present.has(f));
  const features = [...new Set([...cardOrder, ...[...present].sort()])];
  const classes = [...new Set(outputs.flatMap((o) => Object.keys(json(o.probabilities))))];
  const names: string[] = [];
  const vectors: Vector[] = [];
  const add = (name: string, vector: Vector) => {
    names.push(name);
    vectors.push(vector);
  };
  for (const f of features)
    add(
      f,
      valuesToVector(
        inputs.map((i) => (dates.has(f) ? dateOf(i[f] ?? null) : (i[f] ?? null))),
        f,
      ),
    );
  add(
    '_at',
    valuesToVector(
      rows.map((r) => new Date(r.at)),
      '_at',
    ),
  );
  add('_version', int32Vector(Int32Array.from(rows, (r) => r.version)));
  add(
    'prediction',
    valuesToVector(
      outputs.map((o) => o.prediction ?? null),
      'prediction',
    ),
  );
  for (const c of classes)
    add(`probability_${c}`, float64Vector(Float64Array.from(outputs, (o) => Number(json(o.probabilities)[c] ?? Number.NaN))));
  if (options.outcome !== undefined) {
    add(
      options.outcome,
      valuesToVector(
        rows.map((r) => r.outcome ?? null),
        options.outcome,
      ),
    );
  }
  return tableFromColumns(names, vectors);
}
