import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../cli/run-cli';

/** The built server as operators start it (`causeway serve`), in its own process, and how to call it. */
export interface SoakServer {
  child: ChildProcess;
  pid: number;
  url: string;
  token: string;
  call(method: string, path: string, body?: unknown): Promise<Response>;
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<number | null>;
}

/** Starts `server/bin/causeway.mjs serve` on a free port; resolves once it prints its URL with the admin token. */
export async function startSoakServer(env: Record<string, string>): Promise<SoakServer> {
  const child = spawn(process.execPath, [join(repoRoot, 'server/bin/causeway.mjs'), 'serve', '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const [url, token] = await new Promise<[string, string]>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const found = /Causeway is running at (http:\/\/\S+?)\/\?token=(\S+)/.exec(stdout);
      if (found?.[1] && found[2]) resolve([found[1], found[2]]);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before printing its URL: ${stderr}`)));
  });
  // Later output is not kept: a soak of hours would hold all of it.
  child.stdout?.resume();
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    child,
    pid: child.pid as number,
    url,
    token,
    call,
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await call(method, path, body);
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text) as T;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** What the process holds at one moment. */
export interface ProcessSample {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  fds: number;
  threads: number;
  children: number;
}

const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? Number.NaN);

/** Reads /proc for the process and /metrics (prom-client's process figures) for its heap and external memory. */
export async function sampleProcess(server: SoakServer): Promise<ProcessSample> {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  const metrics = await (await server.call('GET', '/metrics')).text();
  return {
    rssMb: kb('VmRSS') / 1024,
    heapUsedMb: metric(metrics, 'causeway_nodejs_heap_size_used_bytes') / 2 ** 20,
    externalMb: metric(metrics, 'causeway_nodejs_external_memory_bytes') / 2 ** 20,
    fds: readdirSync(`/proc/${server.pid}/fd`).length,
    threads: kb('Threads'),
    children: childrenOf(server.pid),
  };
}

/** Processes whose parent is `pid` (plugin sandboxes, the scheduler's child). */
function childrenOf(pid: number): number {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (after the command in parentheses) is the parent's pid.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) count++;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return count;
}
