import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/** Where plugin sandboxes may connect: `none` (a new, empty network namespace; the default) or `host` (the server's network). */
export type SandboxNetwork = 'none' | 'host';

// Plain `--net` needs CAP_SYS_ADMIN (root); with `--map-root-user` an unprivileged user gets one through a user namespace.
const attempts: ReadonlyArray<readonly string[]> = [['--net'], ['--map-root-user', '--net']];
let found: readonly string[] | null | undefined;
let warned = false;

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
 * The command words that start a program in a new network namespace with no interface but a
 * loopback that is down (so not even 127.0.0.1 answers): `unshare` with the first of `--net` or
 * `--map-root-user --net` that works here. Null off Linux, without util-linux's unshare, or where
 * namespaces are not allowed (some containers). Probed once per process.
 */
export function emptyNetworkLauncher(): readonly string[] | null {
  if (found !== undefined) return found;
  found = null;
  const unshare = process.platform === 'linux' ? unshareBinary() : undefined;
  if (unshare === undefined) return found;
  for (const args of attempts) {
    const probe = spawnSync(unshare, [...args, '--', process.execPath, '-e', ''], { stdio: 'ignore', timeout: 10_000, env: {} });
    if (probe.status === 0) {
      found = [unshare, ...args, '--'];
      break;
    }
  }
  return found;
}

/**
 * How to start a sandbox: under {@link emptyNetworkLauncher} when the network is to be `none`, else
 * directly. When isolation is asked for but cannot be had the sandbox starts on the host's network
 * and a warning says so, once, naming the setting that acknowledges it.
 */
export function sandboxLauncher(network: SandboxNetwork): readonly string[] {
  if (network === 'host') return [];
  const launcher = emptyNetworkLauncher();
  if (launcher !== null) return launcher;
  if (!warned) {
    warned = true;
    process.emitWarning(
      'Plugin sandboxes run on the host network: no new network namespace can be made here (needs Linux and `unshare --net`, as root or with user namespaces). Set CAUSEWAY_PLUGIN_NETWORK=host to accept this without the warning.',
      { code: 'CAUSEWAY_PLUGIN_NETWORK' },
    );
  }
  return [];
}
