import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser';

const stream = 'id: 1\nevent: node:start\ndata: {"a":1}\n\n: keep-alive\n\nid: 2\ndata: line one\ndata: line two\n\n';

describe('SseParser', () => {
  it('parses ids, event names, multi-line data and skips comments', () => {
    expect(new SseParser().push(stream)).toEqual([
      { id: '1', event: 'node:start', data: '{"a":1}' },
      { id: '2', event: 'message', data: 'line one\nline two' },
    ]);
  });

  it('gives the same events whatever the chunk boundaries, with CRLF and CR line ends', () => {
    for (const ending of ['\n', '\r\n', '\r']) {
      const text = stream.replaceAll('\n', ending);
      for (let size = 1; size <= 7; size++) {
        const parser = new SseParser();
        const events = [];
        for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
        expect(events.map((e) => [e.id, e.event, e.data])).toEqual([
          ['1', 'node:start', '{"a":1}'],
          ['2', 'message', 'line one\nline two'],
        ]);
        expect(parser.lastEventId).toBe('2');
      }
    }
  });

  it('holds an event back until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('id: 7\ndata: x\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ id: '7', event: 'message', data: 'x' }]);
  });
});
