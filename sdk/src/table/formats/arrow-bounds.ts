import { type Data, DataType, type Table } from 'apache-arrow';

/** What `data` (one column of one batch, or a child of one) claims beyond the buffers it holds, or undefined. */
function dataProblem(data: Data, where: string): string | undefined {
  const { type, offset, length } = data;
  const end = offset + length;
  if (!Number.isSafeInteger(end) || offset < 0 || length < 0) return `${where} claims ${length} rows at offset ${offset}`;
  const holds = (count: number, unit: string) => `${where} claims ${length} rows but its buffers hold ${count} ${unit}`;
  // A bitmap is read only when there are nulls; zero-copy readers keep whatever bytes the file declared.
  const nullBitmap = data.nullBitmap;
  if (nullBitmap && nullBitmap.byteLength > 0 && nullBitmap.byteLength * 8 < end) return holds(nullBitmap.byteLength * 8, 'validity bits');
  const values = data.values as ArrayLike<unknown> | undefined;
  const valuesLength = values?.length ?? 0;
  const offsets = data.valueOffsets as ArrayLike<number | bigint> | undefined;
  if (DataType.isBool(type)) {
    if (valuesLength * 8 < end) return holds(valuesLength * 8, 'value bits');
  } else if (DataType.isUtf8(type) || DataType.isBinary(type) || DataType.isLargeUtf8(type) || DataType.isLargeBinary(type)) {
    if (!offsets || offsets.length < end + 1) return holds(Math.max(0, (offsets?.length ?? 0) - 1), 'value offsets');
    const last = Number(offsets[end]);
    if (!(Number(offsets[offset]) >= 0 && last <= valuesLength)) return `${where} points at byte ${last} of ${valuesLength} value bytes`;
  } else if (DataType.isList(type) || DataType.isLargeList(type) || DataType.isMap(type)) {
    if (!offsets || offsets.length < end + 1) return holds(Math.max(0, (offsets?.length ?? 0) - 1), 'value offsets');
    const last = Number(offsets[end]);
    const childLength = data.children[0]?.length ?? 0;
    if (!(Number(offsets[offset]) >= 0 && last <= childLength)) return `${where} points at item ${last} of ${childLength}`;
  } else if (DataType.isFixedSizeList(type)) {
    const childLength = data.children[0]?.length ?? 0;
    if (childLength < end * type.listSize) return holds(childLength, `items of ${type.listSize} per row`);
  } else if (DataType.isStruct(type) || DataType.isSparseUnion(type)) {
    for (const [i, child] of data.children.entries())
      if (child.length < end) return `${where} claims ${length} rows but its field ${type.children[i]?.name ?? i} holds ${child.length}`;
  } else if (DataType.isUnion(type)) {
    if ((data.typeIds?.length ?? 0) < end) return holds(data.typeIds?.length ?? 0, 'type ids');
  } else if (!DataType.isNull(type) && !DataType.isUtf8View(type) && !DataType.isBinaryView(type)) {
    // Fixed-width values (numbers, dates, decimals, dictionary indices): `stride` elements per row.
    if (valuesLength < end * data.stride) return holds(Math.floor(valuesLength / data.stride), 'values');
  }
  for (const [i, child] of data.children.entries()) {
    const problem = dataProblem(child, `${where}.${type.children?.[i]?.name ?? i}`);
    if (problem) return problem;
  }
  if (DataType.isDictionary(type) && data.dictionary) {
    const size = data.dictionary.length;
    for (const chunk of data.dictionary.data) {
      const problem = dataProblem(chunk, `the dictionary of ${where}`);
      if (problem) return problem;
    }
    const indices = data.values as ArrayLike<number | bigint>;
    for (let i = offset; i < end; i++) {
      const index = Number(indices[i]);
      if (index < 0 || index >= size) return `${where} row ${i - offset} points at entry ${index} of a dictionary of ${size}`;
    }
  }
  return undefined;
}

/**
 * Sizes a hostile or truncated Arrow IPC file could claim beyond the bytes it holds: a zero-copy
 * read trusts the row counts and buffer regions of its metadata, so a batch can claim 2^31 rows
 * over a few bytes, or buffers past the end of the file, and still "succeed". Checked before the
 * table is used; the scan is over buffer lengths (and dictionary indices), not over values.
 */
export function arrowBoundsProblem(table: Table, fileBytes: number): string | undefined {
  // Every type but Null needs at least one bit of the file per row.
  if (table.numRows > fileBytes * 8) return `it claims ${table.numRows} rows in ${fileBytes} bytes`;
  for (const [b, batch] of table.batches.entries()) {
    for (const [i, column] of batch.data.children.entries()) {
      const name = table.schema.fields[i]?.name ?? String(i);
      if (column.length !== batch.numRows)
        return `column "${name}" in batch ${b} holds ${column.length} rows, the batch claims ${batch.numRows}`;
      const problem = dataProblem(column, `column "${name}" in batch ${b}`);
      if (problem) return problem;
    }
  }
  return undefined;
}
