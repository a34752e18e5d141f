import { isInsideMessage } from './plugins/announce-runs';

/** What the frame tells the page besides comlink's answers. */
export type FrameSignal = { kind: 'inside'; nodeId: string | undefined } | { kind: 'died'; message: string };

/** How long the frame may skip its beats (while the page's own timers run on time) before it counts as gone. */
export const frameGoneAfterMs = 2_000;
/** How long a new frame (a new process, on a busy machine) may take to say it is ready. */
export const frameStartMs = 30_000;

const isFrameMessage = (data: unknown, type: string): data is { type: string; message?: unknown } =>
  typeof data === 'object' && data !== null && (data as { type?: unknown }).type === type;

/**
 * The runner worker's home on the page: a hidden iframe of `runner-frame.html` (web/public), sandboxed
 * without allow-same-origin (an opaque origin, so a renderer process of its own, and no access to the
 * page, its storage or the user's token), which starts the worker and hands it one end of a
 * MessageChannel; the page talks to the worker over the other end (`port`). Signals: which plugin node holds the worker (from the worker), the
 * worker's uncaught errors, and the frame's death (its beats stop: its process ran out of memory).
 */
export class RunnerFrame {
  readonly port: MessagePort;
  readonly #iframe: HTMLIFrameElement;
  readonly #listeners = new Set<(signal: FrameSignal) => void>();
  readonly #stopWindow: () => void;
  readonly #beatTimer: ReturnType<typeof setInterval>;
  #dead = false;

  constructor(workerUrl: string, frameUrl: string, container: HTMLElement = document.body) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.addEventListener('message', (event: MessageEvent) => {
      if (isInsideMessage(event.data)) this.#emit({ kind: 'inside', nodeId: event.data.nodeId });
    });
    this.port.start();
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.setAttribute('aria-hidden', 'true');
    iframe.title = 'Causeway runner';
    iframe.dataset.causewayRunner = '';
    iframe.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
    iframe.src = frameUrl;
    this.#iframe = iframe;

    let lastBeat = Date.now();
    let lastCheck = Date.now();
    let allowedSilenceMs = frameStartMs;
    const onMessage = (event: MessageEvent) => {
      if (event.source === null || event.source !== iframe.contentWindow) return;
      lastBeat = Date.now();
      allowedSilenceMs = frameGoneAfterMs;
      if (isFrameMessage(event.data, 'causeway:ready'))
        iframe.contentWindow?.postMessage({ type: 'causeway:runner', workerUrl }, '*', [channel.port2]);
      else if (isFrameMessage(event.data, 'causeway:worker-error'))
        this.#emit({ kind: 'died', message: String(event.data.message ?? 'The runner worker stopped.') });
    };
    window.addEventListener('message', onMessage);
    this.#stopWindow = () => window.removeEventListener('message', onMessage);
    // A page busy on its own thread delays beats it has not read yet: only time the page itself was
    // on schedule counts as silence.
    const tickMs = 250;
    this.#beatTimer = setInterval(() => {
      const now = Date.now();
      if (now - lastCheck > tickMs * 3) lastBeat = Math.max(lastBeat, now - tickMs);
      lastCheck = now;
      if (now - lastBeat > allowedSilenceMs && !this.#dead) {
        this.#dead = true;
        this.#emit({
          kind: 'died',
          message: `the runner's process ended (out of memory) after ${((now - lastBeat) / 1000).toFixed(1)} s without a sign of life`,
        });
      }
    }, tickMs);
    container.append(iframe);
  }

  /** Whether the frame stopped beating (its process is gone). */
  get dead(): boolean {
    return this.#dead;
  }

  /** Listens to the frame's signals; returns the function that stops listening. */
  listen(listener: (signal: FrameSignal) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(signal: FrameSignal): void {
    for (const listener of [...this.#listeners]) listener(signal);
  }

  /** Removes the frame, which ends its worker (and its process, when nothing else lives there). */
  dispose(): void {
    clearInterval(this.#beatTimer);
    this.#stopWindow();
    this.#listeners.clear();
    this.port.close();
    this.#iframe.remove();
  }
}
