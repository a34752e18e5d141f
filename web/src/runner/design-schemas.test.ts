import { createBuiltinRegistry } from '@causeway/nodes';
import { type Graph, graphFormat } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { RunnerCore } from './runner-core';

const csv = 'day,city,temp_max\n2024-01-01,Utrecht,7.5\n2024-01-02,Delft,\n2024-01-03,Utrecht,9\n';

const graphOf = (config: Record<string, unknown>, where: string): Graph => ({
  format: graphFormat,
  id: 'g',
  name: 'g',
  nodes: [
    { id: 'load', type: 'source.csv', version: 1, config: { file: 'weather.csv', ...config }, position: [0, 0] },
    { id: 'warm', type: 'transform.filter', version: 1, config: { where }, position: [300, 0] },
  ],
  edges: [{ from: 'load.table', to: 'warm.table' }],
});

const portsOf = (core: RunnerCore, graph: Graph) => new Map(core.analyze(graph).ports);

describe('design-time schemas in the runner', () => {
  it('reads a CSV’s schema when it is added, so columns and expressions are checked before any run', () => {
    const core = new RunnerCore(createBuiltinRegistry());
    expect(core.putFile('weather.csv', new TextEncoder().encode(csv))).toEqual({
      columns: [
        { name: 'day', type: 'date', nullable: false },
        { name: 'city', type: 'string', nullable: false },
        { name: 'temp_max', type: 'number', nullable: true },
      ],
    });
    const good = core.analyze(graphOf({}, 'temp_max > 5 and year(day) == 2024'));
    expect(good.issues).toEqual([]);
    expect(new Map(good.ports).get('warm.table')).toMatchObject({ columns: [{ name: 'day' }, { name: 'city' }, { name: 'temp_max' }] });
    const typo = core.analyze(graphOf({}, 'tmp_max > 5'));
    expect(typo.issues.map((i) => [i.code, i.nodeId])).toEqual([['EXPRESSION_INVALID', 'warm']]);
    expect(typo.issues[0]?.message).toContain("did you mean 'temp_max'");
  });

  it('refuses a CSV it cannot read, naming the line, and keeps nothing of it', () => {
    const core = new RunnerCore(createBuiltinRegistry());
    expect(() => core.putFile('bad.csv', new TextEncoder().encode('a,b\n1,2\n3,4,5\n'))).toThrow(/cannot be read as CSV.*[Ll]ine 3/);
    expect(core.fileNames()).toEqual([]);
  });

  it('takes the schemas of the server’s uploaded files', () => {
    const core = new RunnerCore(createBuiltinRegistry());
    expect(portsOf(core, graphOf({}, 'temp_max > 5')).get('load.table')).toBeUndefined();
    core.setFileSchemas([['weather.csv', { columns: [{ name: 'temp_max', type: 'number', nullable: true }] }]]);
    expect(portsOf(core, graphOf({}, 'temp_max > 5')).get('load.table')).toEqual({
      columns: [{ name: 'temp_max', type: 'number', nullable: true }],
    });
  });

  it('uses what a run read where the config hides the columns from design time, until the config changes', async () => {
    const core = new RunnerCore(createBuiltinRegistry());
    core.putFile('weather.csv', new TextEncoder().encode(csv));
    const semi = graphOf({ delimiter: ',' }, 'temp_max > 5');
    expect(portsOf(core, semi).get('load.table')).toBeUndefined();
    expect(await core.run({ graph: semi }, () => {})).toEqual({ status: 'succeeded' });
    expect(portsOf(core, semi).get('load.table')).toMatchObject({
      columns: [{ name: 'day', type: 'date' }, { name: 'city' }, { name: 'temp_max' }],
    });
    expect(portsOf(core, graphOf({ delimiter: ';' }, 'temp_max > 5')).get('load.table')).toBeUndefined();
  });
});
