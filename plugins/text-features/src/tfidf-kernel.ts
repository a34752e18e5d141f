import { float64Vector, UserError, withColumns } from '@causeway/sdk';
import type { Table, Vector } from 'apache-arrow';
import { readTextColumn, type TextColumn } from './text-column';
import { maxFeatureCells, type TfidfState } from './tfidf-state';

/**
 * A token column read once: term ids of every token, row after row (`rowEnds[r]` is where row r's
 * tokens end), with each term's text, document frequency and total count, terms in first-seen order.
 */
export interface CountedTerms {
  terms: string[];
  documents: number[];
  counts: number[];
  ids: Int32Array;
  rowEnds: Int32Array;
}

export function countTerms(column: TextColumn): CountedTerms {
  const index = new Map<string, number>();
  const terms: string[] = [];
  const documents: number[] = [];
  const counts: number[] = [];
  const lastRow: number[] = [];
  let ids = new Int32Array(Math.max(16, column.length * 8));
  let used = 0;
  const rowEnds = new Int32Array(column.length);
  for (let row = 0; row < column.length; row++) {
    if (!column.isNull(row)) {
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
        if (used === ids.length) {
          const grown = new Int32Array(ids.length * 2);
          grown.set(ids);
          ids = grown;
        }
        ids[used++] = t;
      }
    }
    rowEnds[row] = used;
  }
  return { terms, documents, counts, ids: ids.subarray(0, used), rowEnds };
}

/** TF-IDF features of `table`'s token column for the state's vocabulary, one Float64 column per term. */
export function tfidfColumns(table: Table, state: TfidfState, column: string): Table {
  const counted = countTerms(readTextColumn(table, column));
  const byText = new Map(state.terms.map((term, t) => [term, t]));
  const feature = Int32Array.from(counted.terms, (term) => byText.get(term) ?? -1);
  return tfidfFromCounts(table, state, counted, feature);
}

/**
 * The TF-IDF columns from counted terms: `feature[id]` is the state's column of term id, or -1 for a
 * term outside the vocabulary. Term counts (or 1 + ln count) × idf, then each row l2-normalized.
 */
export function tfidfFromCounts(table: Table, state: TfidfState, counted: CountedTerms, feature: Int32Array): Table {
  const rows = counted.rowEnds.length;
  const width = state.terms.length;
  if (rows * width > maxFeatureCells) {
    throw new UserError(
      'INPUT_INVALID',
      `TF-IDF of ${rows} rows × ${width} terms is over the limit of ${maxFeatureCells} cells; lower maxFeatures.`,
      { details: { rows, terms: width } },
    );
  }
  const features = state.terms.map(() => new Float64Array(rows));
  let at = 0;
  for (let row = 0; row < rows; row++) {
    const end = counted.rowEnds[row] as number;
    for (; at < end; at++) {
      const f = feature[counted.ids[at] as number] as number;
      if (f < 0) continue;
      const values = features[f] as Float64Array;
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
  return withColumns(table, new Map(added));
}
