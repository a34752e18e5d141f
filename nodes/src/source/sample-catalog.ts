import type { ColumnType, TableSchema } from '@causeway/sdk';
import { churnCsv } from './samples/churn';
import { housingCsv } from './samples/housing';
import { visitorsCsv } from './samples/visitors';

/** One shipped dataset: its CSV text and the columns it parses to (declared, so the editor knows them before a run). */
export interface SampleDataset {
  title: string;
  text: string;
  schema: TableSchema;
}

function schemaOf(columns: [string, ColumnType, boolean?][]): TableSchema {
  return { columns: columns.map(([name, type, nullable]) => ({ name, type, nullable: nullable ?? false })) };
}

/** The datasets `source.sample` offers; see samples/README.md for what each holds. */
export const sampleCatalog = {
  churn: {
    title: 'Customer churn (classification, 1,000 rows)',
    text: churnCsv,
    schema: schemaOf([
      ['customer_id', 'string'],
      ['tenure_months', 'integer'],
      ['monthly_charges', 'number'],
      ['total_charges', 'number', true],
      ['contract', 'category'],
      ['internet', 'category'],
      ['support_calls', 'integer'],
      ['paperless_billing', 'boolean'],
      ['senior', 'boolean'],
      ['churned', 'category'],
    ]),
  },
  housing: {
    title: 'House prices (regression, 500 rows)',
    text: housingCsv,
    schema: schemaOf([
      ['area_m2', 'integer'],
      ['rooms', 'integer'],
      ['age_years', 'integer'],
      ['distance_km', 'number'],
      ['neighbourhood', 'category'],
      ['has_garden', 'boolean'],
      ['price', 'integer'],
    ]),
  },
  visitors: {
    title: 'Daily visitors (time series, 731 days)',
    text: visitorsCsv,
    schema: schemaOf([
      ['date', 'date'],
      ['visitors', 'integer'],
      ['temperature_c', 'number'],
      ['promotion', 'boolean'],
    ]),
  },
} as const satisfies Record<string, SampleDataset>;
