import { tableFromColumns } from '@causeway/sdk';
import { Dictionary, Int32, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { expect, test } from 'vitest';
import { withLocalDictionaryIds } from './local-dictionary-ids';

const categories = (values: string[]) => vectorFromArray(values, new Dictionary(new Utf8(), new Int32()));

test('a table read from IPC takes dictionary columns made here without an id clash', () => {
  const sent = categories(['month-to-month', 'two-year', 'month-to-month']);
  // What a host call brings: the writer's dictionary ids travel with the stream.
  const received = tableFromIPC(tableToIPC(new Table({ contract: sent }), 'stream'));
  // A column made here later with the same id (another thread's counter was at the same place).
  const made = vectorFromArray(['no', 'yes', 'no'], new Dictionary(new Utf8(), new Int32(), received.schema.fields[0]?.type.id));
  const join = (table: Table) => tableFromColumns(['contract', 'prediction'], [table.getChild('contract') as never, made]);
  expect(() => join(received)).toThrow(/two different dictionaries with the same Id/);
  const joined = join(withLocalDictionaryIds(received));
  expect(joined.getChild('contract')?.toArray()).toEqual(['month-to-month', 'two-year', 'month-to-month']);
  expect(joined.getChild('prediction')?.toArray()).toEqual(['no', 'yes', 'no']);
});
