/** One server-sent event. `id` is the last id seen on the stream (ids persist across events, as in EventSource). */
export interface SseMessage {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * An incremental `text/event-stream` parser (the WHATWG rules): feed it decoded text as it arrives,
 * in chunks cut anywhere, and it returns the events completed so far. Lines end in LF, CR or CRLF;
 * `:` lines are comments; `retry` is ignored (the caller decides when to reconnect).
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #lastId: string | undefined;
  /** A CR ended the last chunk: an LF starting the next one belongs to it. */
  #pendingCr = false;

  get lastEventId(): string | undefined {
    return this.#lastId;
  }

  push(chunk: string): SseMessage[] {
    let text = chunk;
    if (this.#pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.#pendingCr = false;
    this.#buffer += text;
    const out: SseMessage[] = [];
    let start = 0;
    for (let i = 0; i < this.#buffer.length; i++) {
      const c = this.#buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.#line(this.#buffer.slice(start, i), out);
      if (c === 13) {
        if (i + 1 < this.#buffer.length) {
          if (this.#buffer.charCodeAt(i + 1) === 10) i++;
        } else this.#pendingCr = true;
      }
      start = i + 1;
    }
    this.#buffer = this.#buffer.slice(start);
    return out;
  }

  #line(line: string, out: SseMessage[]): void {
    if (line === '') {
      if (this.#data.length > 0) out.push({ id: this.#lastId, event: this.#event || 'message', data: this.#data.join('\n') });
      this.#data = [];
      this.#event = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#lastId = value;
  }
}
