import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imputeStateSchema, scaleStateSchema } from '@causeway/nodes';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedDir, graphsDir, runCli } from './run-cli';

const scratch = await mkdtemp(join(tmpdir(), 'causeway-transforms-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

// One spawn of the real CLI (the build in server/dist), which takes a second or more on a busy machine.
describe('causeway run: the transforms golden graph', { timeout: 60_000 }, () => {
  it('cleans, fits, applies a fitted state, joins, splits and aggregates, writing the expected CSV and JSON', async () => {
    const out = join(scratch, 'transforms');
    const result = await runCli(['run', join(graphsDir, 'transforms.json'), '--out', out]);
    expect(result.stderr).toMatch(/^run succeeded in \d+ ms$/m);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^ {2}done {4}split in \d+ ms {2}\(train: 3 rows × 6 columns; test: 2 rows × 6 columns\)$/m);
    const expected = (await readdir(join(expectedDir, 'transforms'))).sort();
    expect(expected.length).toBeGreaterThan(20);
    for (const name of expected) {
      expect(await readFile(join(out, name), 'utf8'), name).toBe(await readFile(join(expectedDir, 'transforms', name), 'utf8'));
    }
    // The test split was scaled with the state fitted on the training split, not its own.
    const train = scaleStateSchema.parse(JSON.parse(await readFile(join(out, 'trainScale.fitted.json'), 'utf8')));
    const test = scaleStateSchema.parse(JSON.parse(await readFile(join(out, 'testScale.fitted.json'), 'utf8')));
    expect(test).toEqual(train);
    expect(imputeStateSchema.parse(JSON.parse(await readFile(join(out, 'fill.fitted.json'), 'utf8'))).columns[0]?.fill).toBe(25);
  });
});
