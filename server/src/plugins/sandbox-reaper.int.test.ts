import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { makeTestApp, memoryLogger, type TestApp } from '../test-support/make-test-app';
import { isProcessAlive as alive, SandboxReaper } from './sandbox-reaper';

describe('SandboxReaper', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp();
    await t.services.graphs.create({ id: 'g', name: 'g', graph: '{}', author: 'test', message: '' });
  }, 60_000);
  afterAll(() => t?.close());

  test('kills a tracked process once its run is no longer running, and leaves the running run’s alone', async () => {
    const insert = (status: string) =>
      t.services.db
        .insertInto('runs')
        .values({ graph_id: 'g', graph_version: 1, timeout_ms: 1000, created_by: 'test', status })
        .returning('id')
        .executeTakeFirstOrThrow();
    const [finished, running] = [await insert('failed'), await insert('running')];
    const spin = () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    const orphan = spin();
    const busy = spin();
    try {
      const reaper = new SandboxReaper(t.services.db, t.logger, 100);
      reaper.track(orphan.pid as number, Number(finished.id));
      reaper.track(busy.pid as number, Number(running.id));
      await reaper.sweep();
      await new Promise((resolve) => orphan.once('exit', resolve));
      expect(alive(orphan.pid as number)).toBe(false);
      expect(alive(busy.pid as number)).toBe(true);
    } finally {
      orphan.kill('SIGKILL');
      busy.kill('SIGKILL');
    }
  });

  test('a sweep that fails (database gone) is logged, and the next one tries again', async () => {
    const gone = await makeTestApp();
    await gone.close();
    const logger = memoryLogger();
    const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    try {
      new SandboxReaper(gone.services.db, logger, 50).track(child.pid as number, 1);
      await vi.waitFor(() => expect(logger.lines.filter((l) => l.includes('sandbox sweep failed')).length).toBeGreaterThanOrEqual(2));
      expect(JSON.parse(logger.lines[0] as string)).toMatchObject({ level: 'warn', sandboxes: 1 });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
