import { float64Vector, UserError } from '@causeway/sdk';
import type { Table, Vector } from 'apache-arrow';
import { readTextColumn, type TextColumn } from './text-column';
import { maxFeatureCells, type TfidfState } from './tfidf-state';
import { withColumns } from './with-columns';

/** Document frequency and total count of every term of a token column, terms in first-seen order. */
export function countTerms(column: TextColumn): { terms: string[]; documents: number[]; counts: number[] } {
  const index = new Map<string, number>();
  const terms: string[] = [];
  const documents: number[] = [];
  const counts: number[] = [];
  const lastRow: number[] = [];
  for (let row = 0; row < column.length; row++) {
    if (column.isNull(row)) continue;
    for (const token of column.text(row).split(' ')) {
      if (token === '') continue;
      let t = index.get(token);
      if (t === undefined) {
        t = terms.length;
        index.set(token, t);
        terms.push(token);
        documents.push(0);
        counts.push(0);
        lastRow.push(-1);
      }
      counts[t] = (counts[t] as number) + 1;
      if (lastRow[t] !== row) {
        lastRow[t] = row;
        documents[t] = (documents[t] as number) + 1;
      }
    }
  }
  return { terms, documents, counts };
}

/** TF-IDF features of `table`'s token column for the state's vocabulary, one Float64 column per term. */
export function tfidfColumns(table: Table, state: TfidfState, column: string): Table {
  const text = readTextColumn(table, column);
  const rows = text.length;
  const width = state.terms.length;
  if (rows * width > maxFeatureCells) {
    throw new UserError(
      'INPUT_INVALID',
      `TF-IDF of ${rows} rows × ${width} terms is over the limit of ${maxFeatureCells} cells; lower maxFeatures.`,
      { details: { rows, terms: width } },
    );
  }
  const index = new Map(state.terms.map((term, t) => [term, t]));
  const features = state.terms.map(() => new Float64Array(rows));
  for (let row = 0; row < rows; row++) {
    if (text.isNull(row)) continue;
    for (const token of text.text(row).split(' ')) {
      const t = index.get(token);
      if (t === undefined) continue;
      const values = features[t] as Float64Array;
      values[row] = (values[row] as number) + 1;
    }
  }
  const norms = new Float64Array(rows);
  features.forEach((values, t) => {
    const idf = state.idf[t] as number;
    for (let row = 0; row < rows; row++) {
      const tf = values[row] as number;
      if (tf === 0) continue;
      const weight = (state.sublinearTf ? 1 + Math.log(tf) : tf) * idf;
      values[row] = weight;
      norms[row] = (norms[row] as number) + weight * weight;
    }
  });
  if (state.norm === 'l2') {
    for (let row = 0; row < rows; row++) norms[row] = norms[row] === 0 ? 1 : 1 / Math.sqrt(norms[row] as number);
    for (const values of features) for (let row = 0; row < rows; row++) values[row] = (values[row] as number) * (norms[row] as number);
  }
  const names = new Set(table.schema.fields.map((f) => f.name));
  const added: Array<[string, Vector]> = state.terms.map((term, t) => {
    const name = `${state.prefix}${term}`;
    if (names.has(name)) {
      throw new UserError('SCHEMA_INVALID', `The table already has a column "${name}"; choose another prefix.`, {
        details: { column: name },
      });
    }
    return [name, float64Vector(features[t] as Float64Array)];
  });
  return withColumns(table, added);
}
