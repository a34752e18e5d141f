import type { Table } from 'apache-arrow';
import { columnTypeOf } from '../ports';
import type { ExprType } from './ast';
import type { Col } from './column';
import type { CompiledExpression } from './compiled-expression';
import { type Destination, evaluateRoot } from './evaluate-node';
import { readColumn } from './read-column';
import { beginBlocks, endBlocks, releaseBlock } from './scratch';

/**
 * Rows per block. Each node of the tree is evaluated over one block at a time, so intermediate
 * columns stay in the CPU cache instead of streaming megabytes through memory per node.
 */
export const blockSize = 8192;

function sliceCol(col: Col, start: number, end: number): Col {
  const valid = col.k === 'const' || col.valid === null ? null : col.valid.subarray(start, end);
  switch (col.k) {
    case 'num':
      return { k: 'num', v: col.v.subarray(start, end), valid, tmp: false };
    case 'bool':
      return { k: 'bool', v: col.v.subarray(start, end), valid, tmp: false };
    case 'str':
      return { k: 'str', v: col.v.slice(start, end), valid };
    case 'dict':
      return { ...col, codes: col.codes.subarray(start, end), valid };
    case 'const':
      return col;
  }
}

/** Reads each column the expression uses once, whole, on first use. */
export function columnReader(table: Table): (name: string, type: ExprType) => Col {
  const cache = new Map<string, Col>();
  return (name, type) => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    const vector = table.getChild(name);
    const col = readColumn(name, vector, type, vector === null ? type : columnTypeOf(vector.type));
    cache.set(name, col);
    return col;
  };
}

/**
 * Evaluates a compiled expression block by block and hands each block's result column to `sink`
 * with the block's first row and length.
 */
export function evaluateBlocks(
  compiled: CompiledExpression,
  table: Table,
  sink: (col: Col, start: number, length: number) => void,
  destination: (start: number, length: number) => Destination = () => ({}),
): void {
  const n = table.numRows;
  const read = columnReader(table);
  if (n <= blockSize) {
    sink(evaluateRoot(compiled.ast, { n, column: read }, destination(0, n)), 0, n);
    return;
  }
  beginBlocks(blockSize);
  try {
    for (let start = 0; start < n; start += blockSize) {
      const end = Math.min(n, start + blockSize);
      const column = (name: string, type: ExprType) => sliceCol(read(name, type), start, end);
      // The sink copies the block's result out, so its scratch buffers can be reused.
      sink(evaluateRoot(compiled.ast, { n: end - start, column }, destination(start, end - start)), start, end - start);
      releaseBlock();
    }
  } finally {
    endBlocks();
  }
}
