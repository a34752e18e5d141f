import type { ColumnSchema, Issue } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { matchColumns, missingColumns, tickColumns } from './column-checklist';
import { columnsOfItems, itemsForColumns } from './column-items';
import { columnTypeRows, setColumnType } from './column-types';
import { fieldMessage } from './field-context';

const columns: ColumnSchema[] = [
  { name: 'date', type: 'date', nullable: true },
  { name: 'temp_max', type: 'number', nullable: true },
  { name: 'Temp_min', type: 'number', nullable: true },
  { name: 'weather', type: 'category', nullable: false },
];

describe('the column checklist', () => {
  it('finds columns by part of the name in any case, or by type', () => {
    expect(matchColumns(columns, 'TEMP').map((c) => c.name)).toEqual(['temp_max', 'Temp_min']);
    expect(matchColumns(columns, 'date').map((c) => c.name)).toEqual(['date']);
    expect(matchColumns(columns, 'number').map((c) => c.name)).toEqual(['temp_max', 'Temp_min']);
    expect(matchColumns(columns, '  ')).toHaveLength(4);
  });

  it('ticks new names last, keeps the order of the others, and never drops a name the input lacks', () => {
    expect(tickColumns(['weather'], ['date', 'weather'], true)).toEqual(['weather', 'date']);
    expect(tickColumns(['weather', 'gone', 'date'], ['weather'], false)).toEqual(['gone', 'date']);
    expect(missingColumns(['weather', 'gone'], columns)).toEqual(['gone']);
  });

  it('ticks items of a list of objects, keeping a kept column’s rename', () => {
    const items = [{ name: 'weather', as: 'sky' }, { name: 'date' }];
    expect(columnsOfItems(items, 'name')).toEqual(['weather', 'date']);
    expect(itemsForColumns(items, 'name', ['weather', 'temp_max'])).toEqual([{ name: 'weather', as: 'sky' }, { name: 'temp_max' }]);
    // An item still being filled in (no column yet) stays.
    expect(itemsForColumns([{ name: '' }], 'name', ['date'])).toEqual([{ name: '' }, { name: 'date' }]);
  });
});

describe('the per-column type picker', () => {
  it('lists the known columns, then the configured ones the table lacks', () => {
    expect(columnTypeRows({ weather: 'string', extra: 'integer' }, columns)).toEqual([
      { name: 'date', type: undefined, inferred: 'date' },
      { name: 'temp_max', type: undefined, inferred: 'number' },
      { name: 'Temp_min', type: undefined, inferred: 'number' },
      { name: 'weather', type: 'string', inferred: 'category' },
      { name: 'extra', type: 'integer', inferred: undefined },
    ]);
    expect(columnTypeRows(null, [])).toEqual([]);
  });

  it('writes types in the table’s column order and leaves an empty map out', () => {
    const rows = columnTypeRows({ weather: 'string' }, columns);
    expect(Object.keys(setColumnType({ weather: 'string' }, rows, 'date', 'date') ?? {})).toEqual(['date', 'weather']);
    expect(setColumnType({ weather: 'string' }, rows, 'weather', undefined)).toBeUndefined();
    expect(setColumnType(undefined, [], 'id', 'integer')).toEqual({ id: 'integer' });
  });
});

describe('fieldMessage', () => {
  it('drops the field path the label already shows', () => {
    const issue = (path: Issue['path'], message: string): Issue => ({ code: 'CONFIG_INVALID', path, message });
    expect(fieldMessage(issue(['nodes', 2, 'config', 'target'], 'target: Required'))).toBe('Required');
    expect(fieldMessage(issue(['nodes', 2, 'config', 'columns', 0, 'name'], 'columns[0].name: Required'))).toBe('Required');
    expect(fieldMessage(issue(['nodes', 2, 'config', 'target'], 'Unknown column "x"'))).toBe('Unknown column "x"');
  });
});
