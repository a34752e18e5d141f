import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where plugin sandboxes may connect: `none` (a new, empty network namespace; the default) or `host` (the server's network). */
export type SandboxNetwork = 'none' | 'host';

/** Which isolation from the server to ask for: `auto` takes the strongest this host allows. */
export type IsolationChoice = 'auto' | 'namespace' | 'user' | 'none';

/**
 * How sandbox processes are kept from the server, decided once on the main side and sent to run
 * threads with each plugin preparation (plain data, so it crosses the thread boundary).
 * - `namespace`: own PID and mount namespaces (`unshare --pid --fork --mount-proc`): the server's
 *   processes are invisible, so no signal can reach them;
 * - `user`: no namespace, but an unprivileged uid/gid (the server runs as root): signals to the
 *   server's processes are refused (EPERM);
 * - `none`: same user, same PID namespace; only the new session keeps `kill(0)` off the server.
 */
export interface SandboxIsolation {
  kind: 'namespace' | 'user' | 'none';
  /** Command words to put before `node …` (empty: start node directly). */
  launcher: string[];
  /** Whether the launcher gives the sandbox an empty network namespace. */
  emptyNetwork: boolean;
  uid?: number;
  gid?: number;
  /** Why a weaker isolation than asked for is in force; logged as a warning. */
  warning?: string;
}

// `--kill-child`: the sandbox (pid 1 of its namespace) dies with unshare, so killing the pid the server knows kills the sandbox.
const pidNamespace = ['--pid', '--fork', '--kill-child', '--mount-proc'];
const probed = new Map<string, readonly string[] | null>();

function unshareBinary(): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':').filter(Boolean)) {
    const file = join(dir, 'unshare');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return undefined;
}

/**
 * The `unshare` command words that start a program with the given namespaces, as root (`--net`
 * needs CAP_SYS_ADMIN) or else through a user namespace (`--map-root-user`); null off Linux,
 * without util-linux's unshare, or where namespaces are not allowed (some containers). Each set is
 * probed once per process by really starting node under it.
 */
export function unshareLauncher(namespaces: readonly string[]): readonly string[] | null {
  const key = namespaces.join(' ');
  const known = probed.get(key);
  if (known !== undefined) return known;
  let found: readonly string[] | null = null;
  const unshare = process.platform === 'linux' ? unshareBinary() : undefined;
  for (const prefix of unshare === undefined ? [] : [[], ['--map-root-user']]) {
    const args = [...prefix, ...namespaces];
    const probe = spawnSync(unshare as string, [...args, '--', process.execPath, '-e', ''], { stdio: 'ignore', timeout: 10_000, env: {} });
    if (probe.status === 0) {
      found = [unshare as string, ...args, '--'];
      break;
    }
  }
  probed.set(key, found);
  return found;
}

/** The launcher of an empty network namespace alone (no PID namespace); null where none can be made. */
export const emptyNetworkLauncher = (): readonly string[] | null => unshareLauncher(['--net']);

/** The uid and gid of a user name from /etc/passwd, or of `uid:gid` given as numbers. */
export function lookUpUser(user: string): { uid: number; gid: number } | undefined {
  const numeric = /^(\d+):(\d+)$/.exec(user);
  if (numeric) return { uid: Number(numeric[1]), gid: Number(numeric[2]) };
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , uid, gid] = line.split(':');
      if (name === user && uid !== undefined && gid !== undefined) return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {}
  return undefined;
}

/**
 * Decides how plugin sandboxes are isolated from the server: with `auto`, a PID namespace when the
 * host allows one, else the unprivileged `user` when the server runs as root, else nothing (with a
 * warning saying what plugin code can then do). Asking for `namespace` or `user` where it cannot be
 * had falls back the same way and says so. The network namespace rides along when `network` is
 * `none` (a warning where it cannot be had).
 */
export function sandboxIsolation(choice: IsolationChoice, user: string, network: SandboxNetwork): SandboxIsolation {
  const warnings: string[] = [];
  const netArgs = network === 'none' ? ['--net'] : [];
  if (choice === 'auto' || choice === 'namespace') {
    const launcher = unshareLauncher([...pidNamespace, ...netArgs]) ?? (netArgs.length > 0 ? unshareLauncher(pidNamespace) : null);
    if (launcher !== null) {
      const emptyNetwork = launcher.includes('--net');
      if (network === 'none' && !emptyNetwork) warnings.push(noNetwork);
      return withWarnings({ kind: 'namespace', launcher: [...launcher], emptyNetwork }, warnings);
    }
    warnings.push('no PID namespace can be made here (needs Linux and `unshare --pid`, as root or with user namespaces)');
  }
  const netOnly = network === 'none' ? emptyNetworkLauncher() : null;
  if (network === 'none' && netOnly === null) warnings.push(noNetwork);
  const base = { launcher: netOnly === null ? [] : [...netOnly], emptyNetwork: netOnly !== null };
  if (choice !== 'none') {
    const ids = lookUpUser(user);
    if (process.getuid?.() === 0 && ids !== undefined && ids.uid !== 0) {
      // Inside a network namespace made as root, the user changes after unshare (setpriv execs in place), not before.
      if (netOnly === null) return withWarnings({ kind: 'user', ...base, ...ids }, warnings);
      const setpriv = [join(dirname(netOnly[0] as string), 'setpriv'), `--reuid=${ids.uid}`, `--regid=${ids.gid}`, '--clear-groups', '--'];
      return withWarnings({ kind: 'user', ...base, launcher: [...netOnly, ...setpriv] }, warnings);
    }
    warnings.push(
      process.getuid?.() !== 0
        ? 'the server does not run as root, so sandboxes cannot run as another user: plugin code could signal the server'
        : `the user ${JSON.stringify(user)} (CAUSEWAY_PLUGIN_USER) is not an unprivileged user of this host: plugin code could signal the server`,
    );
  }
  return withWarnings({ kind: 'none', ...base }, warnings);
}

const noNetwork = 'no network namespace can be made here: sandboxes use the host network (set CAUSEWAY_PLUGIN_NETWORK=host to accept this)';

function withWarnings(isolation: SandboxIsolation, warnings: string[]): SandboxIsolation {
  return warnings.length === 0 ? isolation : { ...isolation, warning: `Plugin sandbox isolation: ${warnings.join('; ')}.` };
}
