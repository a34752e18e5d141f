import { describe, expect, it } from 'vitest';
import { type FormatMigration, formatMigrations, type GraphDocument, migrateFormat } from './migrate-format';

// A made-up history: v1 named the graph `title`, v2 renamed it to `name`, v3 added `notes`.
const table: FormatMigration[] = [
  {
    from: 'causeway.graph/1',
    to: 'causeway.graph/2',
    migrate: ({ title, ...rest }) => ({ ...rest, format: 'causeway.graph/2', name: title }),
  },
  {
    from: 'causeway.graph/2',
    to: 'causeway.graph/3',
    migrate: (doc) => ({ ...doc, format: 'causeway.graph/3', notes: [] }),
  },
];

describe('migrateFormat', () => {
  it('has no migrations while causeway.graph/1 is the only format, and passes v1 through', () => {
    expect(formatMigrations).toEqual([]);
    const doc = { format: 'causeway.graph/1', id: 'g' };
    expect(migrateFormat(doc)).toEqual({ ok: true, value: doc });
  });

  it('walks the table one version at a time up to the current format', () => {
    const v1 = { format: 'causeway.graph/1', title: 'Churn' };
    expect(migrateFormat(v1, table, 'causeway.graph/3')).toEqual({
      ok: true,
      value: { format: 'causeway.graph/3', name: 'Churn', notes: [] },
    });
    expect(migrateFormat({ format: 'causeway.graph/2', name: 'x' }, table, 'causeway.graph/3')).toEqual({
      ok: true,
      value: { format: 'causeway.graph/3', name: 'x', notes: [] },
    });
    expect(v1).toEqual({ format: 'causeway.graph/1', title: 'Churn' });
  });

  it('stops at the current format even when the table goes further', () => {
    expect(migrateFormat({ format: 'causeway.graph/1', title: 'x' }, table, 'causeway.graph/2')).toEqual({
      ok: true,
      value: { format: 'causeway.graph/2', name: 'x' },
    });
  });

  it.each([
    [{ id: 'g' }, 'format: missing; this version of Causeway reads "causeway.graph/1"'],
    [{ format: 7 }, 'format: a number instead of a format name; this version of Causeway reads "causeway.graph/1"'],
    [
      { format: 'other.graph/1' },
      'format: "other.graph/1" is not a Causeway graph format; this version of Causeway reads "causeway.graph/1"',
    ],
    [
      { format: 'causeway.graph/0' },
      'format: "causeway.graph/0" is not a Causeway graph format; this version of Causeway reads "causeway.graph/1"',
    ],
  ])('rejects %j with GRAPH_FORMAT_UNKNOWN naming the found and supported formats', (doc, message) => {
    expect(migrateFormat(doc)).toEqual({ ok: false, issues: [{ code: 'GRAPH_FORMAT_UNKNOWN', path: ['format'], message }] });
  });

  it('says a newer format was written by a newer Causeway', () => {
    const r = migrateFormat({ format: 'causeway.graph/4' }, table, 'causeway.graph/3');
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          code: 'GRAPH_FORMAT_UNKNOWN',
          path: ['format'],
          message:
            'format: "causeway.graph/4" was written by a newer version of Causeway; this version reads formats up to "causeway.graph/3". Update Causeway to open it.',
        },
      ],
    });
  });

  it('reports a gap in the table', () => {
    const r = migrateFormat({ format: 'causeway.graph/2' }, [table[0] as FormatMigration], 'causeway.graph/3');
    expect(r.ok ? undefined : r.issues[0]).toMatchObject({
      code: 'GRAPH_FORMAT_UNKNOWN',
      message: expect.stringContaining('"causeway.graph/2" has no migration'),
    });
  });

  it('turns a migration that throws on a malformed old document into an issue', () => {
    const strict: FormatMigration = {
      from: 'causeway.graph/1',
      to: 'causeway.graph/2',
      migrate(doc: GraphDocument) {
        if (typeof doc.title !== 'string') throw new Error('title is not a string');
        return { ...doc, format: 'causeway.graph/2' };
      },
    };
    expect(migrateFormat({ format: 'causeway.graph/1' }, [strict], 'causeway.graph/2')).toEqual({
      ok: false,
      issues: [
        {
          code: 'GRAPH_SCHEMA',
          path: [],
          message: '(root): the graph could not be migrated from "causeway.graph/1" to "causeway.graph/2": title is not a string',
        },
      ],
    });
  });

  it('reports a migration that forgets to set the new format as an internal error', () => {
    const broken: FormatMigration = { from: 'causeway.graph/1', to: 'causeway.graph/2', migrate: (doc) => ({ ...doc }) };
    const r = migrateFormat({ format: 'causeway.graph/1' }, [broken], 'causeway.graph/2');
    expect(r.ok ? undefined : r.issues[0]?.code).toBe('INTERNAL');
  });

  it.each([null, [], 'text', 3])('rejects a document that is not an object: %j', (doc) => {
    const r = migrateFormat(doc);
    expect(r.ok ? undefined : r.issues[0]).toMatchObject({ code: 'GRAPH_SCHEMA', path: [] });
  });
});
