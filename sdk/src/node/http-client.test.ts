import { describe, expect, it } from 'vitest';
import { cappedBody, readableChunks, readHttpStream } from './http-client';

function readable(parts: string[], onCancel: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[at++];
      if (part === undefined) controller.close();
      else controller.enqueue(encoder.encode(part));
    },
    cancel: onCancel,
  });
}

describe('streamed HTTP bodies', () => {
  it('reads a ReadableStream whole through the cap', async () => {
    const body = cappedBody(readableChunks(readable(['a,b\n', '1,2\n'], () => {})), 'https://d.example/x', 100);
    const whole = await readHttpStream({ body, contentType: 'text/csv', url: 'https://d.example/x' });
    expect(new TextDecoder().decode(whole.bytes)).toBe('a,b\n1,2\n');
  });

  it('fails at the chunk that passes the cap, and cancels the stream', async () => {
    let cancelled = false;
    const seen: number[] = [];
    const body = cappedBody(
      readableChunks(readable(['x'.repeat(60), 'y'.repeat(60), 'z'], () => (cancelled = true))),
      'https://d.example/big',
      100,
    );
    await expect(
      (async () => {
        for await (const chunk of body) seen.push(chunk.byteLength);
      })(),
    ).rejects.toMatchObject({ code: 'HTTP_FAILED', message: 'https://d.example/big is larger than the limit of 100 bytes.' });
    expect(seen).toEqual([60]);
    expect(cancelled).toBe(true);
  });

  it('explains other read failures and always runs close', async () => {
    let closed = 0;
    async function* failing(): AsyncIterable<Uint8Array> {
      yield new Uint8Array(1);
      throw new Error('socket hang up');
    }
    const body = cappedBody(failing(), 'https://d.example/y', 100, {
      explain: (error) => new Error(`explained: ${(error as Error).message}`),
      close: () => closed++,
    });
    await expect(readHttpStream({ body, contentType: '', url: '' })).rejects.toThrow('explained: socket hang up');
    expect(closed).toBe(1);
  });
});
