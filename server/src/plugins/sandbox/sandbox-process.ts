import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { type ErrorCode, errorCatalog, type LogLevel, UserError } from '@causeway/sdk';
import type { SandboxIsolation, SandboxNetwork } from './sandbox-isolation';
import type { FetchReply, FromSandbox, ToSandbox, WirePort, WireValue } from './sandbox-protocol';

/** How a sandbox process is started and bounded. */
export interface SandboxLimits {
  /** V8 heap limit of the process (`--max-old-space-size`). */
  heapMb: number;
  /** Resident memory limit (heap, array buffers, code): the process is stopped above it. */
  rssMb: number;
  /** Longest a plugin node may run. */
  timeoutMs: number;
  /** `none`: the process starts in an empty network namespace when the host allows one. */
  network: SandboxNetwork;
}

/** What a sandbox process may read (its runtime and the plugin bundles it loads, nothing else), and how it is kept from the server. */
export interface SandboxFiles {
  entry: string;
  readDirs: readonly string[];
  isolation: SandboxIsolation;
}

/** One node call into the sandbox. */
export interface SandboxCall {
  bundle: string;
  nodeType: string;
  nodeVersion: number;
  nodeId: string;
  config: unknown;
  inputs: Record<string, WirePort>;
}

/** What the calling node lends the call: its abort signal, log, progress and, for granted plugins, requests. */
export interface SandboxHooks {
  signal: AbortSignal;
  log(level: LogLevel, message: string): void;
  progress(fraction: number): void;
  /** Makes a `ctx.fetch` of the node (checked against its plugin's grant); absent: every request is refused. */
  fetch?(request: unknown): Promise<FetchReply>;
}

interface Pending {
  hooks: SandboxHooks;
  nodeType: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const rssCheckMs = 100;

/**
 * A child process that runs plugin code: an empty environment, Node's permission model reading
 * only its runtime and bundles (no writes, child processes or workers), no network (a new, empty
 * network namespace where the host allows one), kept from the server's processes (its own PID
 * namespace, or an unprivileged user: {@link SandboxIsolation}) in a session of its own, a heap limit, a
 * resident-memory watch and a per-call time limit. Overrunning a limit kills the
 * process; its callers get `PLUGIN_TIMEOUT`, `PLUGIN_LIMIT` or `PLUGIN_CRASHED`. A killed process
 * is not reused: {@link alive} turns false and the owner starts another.
 */
export class SandboxProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private readonly ready: Promise<void>;
  private nextCall = 0;
  private stderr = '';
  private stopReason: { code: ErrorCode; message: string } | undefined;
  private exited = false;
  private rssTimer: NodeJS.Timeout | undefined;
  private readonly forks: boolean;

  constructor(
    files: SandboxFiles,
    private readonly limits: SandboxLimits,
  ) {
    const args = [
      '--experimental-permission',
      ...files.readDirs.map((dir) => `--allow-fs-read=${dir.endsWith('/') ? dir : `${dir}/`}`),
      `--max-old-space-size=${limits.heapMb}`,
      '--disable-warning=ExperimentalWarning',
      files.entry,
    ];
    const { launcher, uid, gid } = files.isolation;
    const [command, ...launcherArgs] = launcher;
    this.child = spawn(command ?? process.execPath, command ? [...launcherArgs, process.execPath, ...args] : args, {
      env: {},
      cwd: '/',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      // A session of its own: kill(0) and kill(-pgid) from plugin code reach only the sandbox, never the server's process group.
      detached: true,
      ...(uid === undefined ? {} : { uid, gid }),
    });
    // With a PID namespace, unshare forks: node is its child (killing unshare kills it, --kill-child); the memory watch reads node's own.
    this.forks = launcher.includes('--fork');
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-8_192);
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.child.on('message', (message: FromSandbox) => {
        if (message.type === 'ready') resolve();
        else this.onMessage(message);
      });
      // 'close', not 'exit': only then has all of stderr been read, which tells an out-of-memory death from other crashes.
      this.child.on('close', (code, signal) => {
        this.onExit(code, signal);
        reject(this.exitError(code, signal, 'starting'));
      });
      this.child.on('error', (error) => reject(new UserError('PLUGIN_CRASHED', `The plugin sandbox could not start: ${error.message}`)));
    });
    this.ready.catch(() => {});
  }

  /** False once the process has exited or was stopped. */
  get alive(): boolean {
    return !this.exited && this.stopReason === undefined;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Runs one plugin node; rejects with the node's error or the limit that stopped the process. */
  async call(call: SandboxCall, hooks: SandboxHooks): Promise<Record<string, WireValue>> {
    return (await this.request((callId) => ({ type: 'run', callId, ...call }), call.nodeType, hooks)) as Record<string, WireValue>;
  }

  /**
   * Migrates a config written for `fromVersion` of a node type with the `migrate` of its version
   * `nodeVersion`, in the plugin's code; rejects with `CONFIG_INVALID` when that throws, or the limit that stopped the process.
   */
  async migrate(
    call: { bundle: string; nodeType: string; nodeVersion: number; fromVersion: number; config: unknown },
    signal: AbortSignal,
  ): Promise<unknown> {
    return this.request((callId) => ({ type: 'migrate', callId, ...call }), call.nodeType, { signal, log: () => {}, progress: () => {} });
  }

  private async request(messageOf: (callId: number) => ToSandbox, nodeType: string, hooks: SandboxHooks): Promise<unknown> {
    await this.ready;
    if (!this.alive) throw new UserError('PLUGIN_CRASHED', 'The plugin sandbox has stopped.');
    const callId = this.nextCall++;
    const call = { nodeType };
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop(
          'PLUGIN_TIMEOUT',
          `Plugin node ${call.nodeType} ran longer than ${this.limits.timeoutMs} ms; its sandbox process was stopped.`,
        );
      }, this.limits.timeoutMs);
      const onAbort = () => this.stop('RUN_CANCELLED', `Plugin node ${call.nodeType} was stopped: the run was cancelled or timed out.`);
      hooks.signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        clearTimeout(timer);
        hooks.signal.removeEventListener('abort', onAbort);
        if (this.pending.size === 0) this.watchRss(false);
      };
      this.pending.set(callId, {
        hooks,
        nodeType: call.nodeType,
        resolve: (outputs) => {
          settle();
          resolve(outputs);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.watchRss(true);
      this.child.send(messageOf(callId), (error) => {
        if (error)
          this.pending.get(callId)?.reject(new UserError('PLUGIN_CRASHED', `The plugin sandbox did not take the call: ${error.message}`));
      });
      if (hooks.signal.aborted) onAbort();
    });
  }

  /** Stops the process at once; calls in flight fail with `code`. */
  stop(code: ErrorCode = 'PLUGIN_CRASHED', message = 'The plugin sandbox was stopped.'): void {
    this.stopReason ??= { code, message };
    if (!this.exited) this.child.kill('SIGKILL');
    this.failAll();
  }

  private onMessage(message: FromSandbox): void {
    if (message.type === 'ready') return;
    const pending = this.pending.get(message.callId);
    if (pending === undefined) return;
    if (message.type === 'fetch') this.answerFetch(pending.hooks, message.requestId, message.request);
    else if (message.type === 'log') pending.hooks.log(message.level, message.message);
    else if (message.type === 'progress') pending.hooks.progress(Math.min(1, Math.max(0, message.fraction)));
    else {
      this.pending.delete(message.callId);
      if (message.type === 'result') pending.resolve(message.outputs);
      else if (message.type === 'migrated') pending.resolve(message.config);
      else {
        const code: ErrorCode = Object.hasOwn(errorCatalog, message.code) ? (message.code as ErrorCode) : 'NODE_FAILED';
        pending.reject(new UserError(code, message.message));
      }
    }
  }

  private answerFetch(hooks: SandboxHooks, requestId: number, request: unknown): void {
    const answer = (message: ToSandbox) => {
      if (this.alive) this.child.send(message, () => {});
    };
    const made = hooks.fetch?.(request) ?? Promise.reject(new UserError('PLUGIN_HOST_DENIED', 'Plugin nodes may not call hosts here.'));
    made.then(
      (reply) => answer({ type: 'fetched', requestId, reply }),
      (error: unknown) => {
        const known = error instanceof UserError && Object.hasOwn(errorCatalog, error.code);
        const message = error instanceof Error ? error.message : String(error);
        answer({ type: 'fetched', requestId, error: { code: known ? error.code : 'HTTP_FAILED', message: message.slice(0, 2_000) } });
      },
    );
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    this.watchRss(false);
    if (this.stopReason === undefined) {
      const error = this.exitError(code, signal, 'running');
      this.stopReason = { code: error.code, message: error.message };
    }
    this.failAll();
  }

  private exitError(code: number | null, signal: NodeJS.Signals | null, when: string): UserError {
    if (this.stopReason !== undefined) return new UserError(this.stopReason.code, this.stopReason.message);
    if (/heap out of memory|Reached heap limit|Allocation failed/i.test(this.stderr)) {
      return new UserError('PLUGIN_LIMIT', `A plugin node ran out of memory: its sandbox's heap limit is ${this.limits.heapMb} MB.`);
    }
    const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
    return new UserError('PLUGIN_CRASHED', `The plugin sandbox process ${how} while ${when}.`, {
      details: { stderr: lastLine(this.stderr) },
    });
  }

  private failAll(): void {
    if (!this.exited && this.stopReason === undefined) return;
    const reason = this.stopReason ?? { code: 'PLUGIN_CRASHED' as const, message: 'The plugin sandbox stopped.' };
    for (const [callId, pending] of this.pending) {
      this.pending.delete(callId);
      pending.reject(new UserError(reason.code, reason.message));
    }
  }

  private watchRss(on: boolean): void {
    if (!on) {
      clearInterval(this.rssTimer);
      this.rssTimer = undefined;
      return;
    }
    if (this.rssTimer !== undefined || this.child.pid === undefined) return;
    const pid = this.child.pid;
    this.rssTimer = setInterval(() => {
      this.nodePid(pid)
        .then((node) => readFile(`/proc/${node}/status`, 'utf8'))
        .then(
          (status) => {
            const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
            if (kb > this.limits.rssMb * 1024) {
              this.stop('PLUGIN_LIMIT', `A plugin node used more than ${this.limits.rssMb} MB of memory; its sandbox process was stopped.`);
            }
          },
          () => {},
        );
    }, rssCheckMs);
    this.rssTimer.unref();
  }

  private async nodePid(pid: number): Promise<number> {
    if (!this.forks) return pid;
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return Number(children.trim().split(' ')[0] ?? pid) || pid;
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 500);
}
