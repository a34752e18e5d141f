import { describe, expect, it } from 'vitest';
import { memoryFiles } from './memory-files';
import { memorySecrets } from './memory-secrets';

describe('memoryFiles', () => {
  it('reads strings as UTF-8 and bytes as they are, as copies', async () => {
    const files = memoryFiles({ 'a.txt': 'é', 'b.bin': new Uint8Array([1, 2]) });
    expect([...(await files.read('a.txt'))]).toEqual([0xc3, 0xa9]);
    const b = await files.read('b.bin');
    b[0] = 9;
    expect([...(await files.read('b.bin'))]).toEqual([1, 2]);
  });

  it('fingerprints by content and fails on unknown names and aborted signals', async () => {
    const one = memoryFiles({ f: 'abc' });
    const same = memoryFiles({ f: 'abc' });
    const other = memoryFiles({ f: 'abd' });
    expect(await one.fingerprint('f')).toBe(await same.fingerprint('f'));
    expect(await one.fingerprint('f')).not.toBe(await other.fingerprint('f'));
    await expect(one.read('g')).rejects.toMatchObject({ code: 'FILE_UNKNOWN' });
    await expect(one.fingerprint('g')).rejects.toMatchObject({ code: 'FILE_UNKNOWN' });
    await expect(one.read('f', AbortSignal.abort())).rejects.toThrow();
  });
});

describe('memorySecrets', () => {
  it('returns known secrets and never leaks values in errors', async () => {
    const secrets = memorySecrets({ TOKEN: 'hunter2' });
    expect(await secrets.get('TOKEN')).toBe('hunter2');
    const error = await secrets.get('toString').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SECRET_UNKNOWN' });
    expect(String((error as Error).message)).not.toContain('hunter2');
  });
});
