import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from '../base/index.js';
import { errorMessage, systemClock } from '../base/index.js';
import { VolumeManager } from '../node/index.js';
import { CniNetwork } from '../net/cni/index.js';
import { removeProxyTable } from '../net/proxy/index.js';
import { RuncRuntime } from '../runtime/index.js';
import { serverFlags } from './flags.js';

const help = `Stop and remove every container, pod sandbox and pod volume of a data dir, and its pod
network (bridge, IP allocations, service rules), for a stopped server (k3s-killall.sh's job). The stored objects, images and certificates are kept.

Usage: podyard reset [--data-dir DIR]

Example:
  podyard reset --data-dir /tmp/p1
`;

/** `podyard reset`: returns the exit code. */
export async function runReset(argv: string[], env: NodeJS.ProcessEnv, logger: Logger): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(help);
    return 0;
  }
  let dataDir: string;
  try {
    const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } }, strict: true });
    dataDir = values['data-dir'] ?? env[serverFlags['data-dir'].env] ?? serverFlags['data-dir'].default;
  } catch (err) {
    process.stderr.write(`error: ${errorMessage(err)}\n`);
    return 2;
  }
  const instanceId = instanceIdFor(dataDir);
  const network = await CniNetwork.existing({ logger }, { dataDir: join(dataDir, 'network'), instanceId });
  const runtime = new RuncRuntime({ logger, clock: systemClock, ...(network ? { network } : {}) }, { stateDir: join(dataDir, 'runtime'), cgroupParent: cgroupParentFor(dataDir) });
  try {
    await runtime.removeAll();
    // The pod network: leftover CNI attachments, IPAM allocations, the bridge, service rules.
    await network?.destroy();
    await removeProxyTable(instanceId);
    const volumes = new VolumeManager({ logger, clock: systemClock }, { podsDir: join(dataDir, 'pods') });
    for (const uid of await volumes.listPodDirs()) await volumes.tearDownPod(uid);
    return 0;
  } catch (err) {
    process.stderr.write(`error: ${errorMessage(err)}\n`);
    return 1;
  } finally {
    await runtime.close();
  }
}

/** The cgroup root of a server's pods: unique per data dir so servers never collide. */
export function cgroupParentFor(dataDir: string): string {
  return `/podyard-${instanceIdFor(dataDir)}`;
}

/** Short id of the instance owning a data dir: names its cgroup root, bridge and nftables table. */
export function instanceIdFor(dataDir: string): string {
  return createHash('sha256').update(dataDir).digest('hex').slice(0, 8);
}
