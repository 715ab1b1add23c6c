import { readFile, statfs } from 'node:fs/promises';
import { arch, cpus, networkInterfaces, release, totalmem } from 'node:os';
import type { Clock, Logger } from '../base/index.js';
import { errorMessage, rfc3339 } from '../base/index.js';
import type { Node, NodeCondition } from '../apis/index.js';
import type { ApiClient} from '../client/index.js';
import { hasCode, microNow, Resources } from '../client/index.js';

/** Kubelet defaults: lease renewed every 10 s, full status reported every 5 min. */
const leaseDurationSeconds = 40;
const heartbeatMs = 10_000;

/**
 * Registers this machine as a Node with its real capacity, addresses and system info, and keeps
 * it alive: a Lease in `kube-node-lease` renewed every 10 s and the Ready condition refreshed
 * (the kubelet's node status manager and node lease controller).
 */
export class NodeStatusReporter {
  private timer?: ReturnType<Clock['setTimeout']>;
  private stopped = false;
  private beats = 0;

  constructor(
    private readonly deps: { client: ApiClient; clock: Clock; logger: Logger },
    private readonly config: { nodeName: string; podsCapacity?: number; containerRuntimeVersion: string; kubeletVersion: string; dataDir: string },
  ) {}

  /** Registers (or updates) the Node, then starts the heartbeat loop. */
  async start(): Promise<void> {
    await this.register();
    await this.beat();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
  }

  private async beat(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.renewLease();
      // nodeStatusReportFrequency: the full status every 5 minutes; the lease is the heartbeat.
      if (this.beats++ % 30 === 0) await this.updateStatus();
    } catch (err) {
      this.deps.logger.warn('node heartbeat failed', { err: errorMessage(err) });
    }
    if (!this.stopped) this.timer = this.deps.clock.setTimeout(() => void this.beat(), heartbeatMs);
  }

  /** The Node object as this machine is now. */
  async describe(): Promise<Node> {
    const name = this.config.nodeName;
    const memKi = Math.floor(totalmem() / 1024);
    let storageKi = 0;
    try {
      const fs = await statfs(this.config.dataDir);
      storageKi = Math.floor((fs.blocks * fs.bsize) / 1024);
    } catch {
      storageKi = 0;
    }
    const capacity = {
      cpu: String(cpus().length),
      memory: `${memKi}Ki`,
      pods: String(this.config.podsCapacity ?? 110),
      'ephemeral-storage': `${storageKi}Ki`,
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
    };
    const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '');
    const osImage = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease)?.[1] ?? 'Linux';
    const machineID = (await readFile('/etc/machine-id', 'utf8').catch(() => '')).trim();
    const bootID = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '')).trim();
    const goArch = ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[arch()] ?? arch();
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'beta.kubernetes.io/arch': goArch,
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': goArch,
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'node-role.kubernetes.io/control-plane': 'true',
        },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      },
      spec: {},
      status: {
        capacity,
        allocatable: { ...capacity },
        addresses: [...internalIps().map((address) => ({ type: 'InternalIP', address })), { type: 'Hostname', address: name }],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          machineID,
          systemUUID: machineID,
          bootID,
          kernelVersion: release(),
          osImage,
          containerRuntimeVersion: this.config.containerRuntimeVersion,
          kubeletVersion: this.config.kubeletVersion,
          kubeProxyVersion: this.config.kubeletVersion,
          operatingSystem: 'linux',
          architecture: goArch,
        },
        conditions: this.conditions(),
      },
    };
  }

  private conditions(): NodeCondition[] {
    const now = rfc3339(this.deps.clock.now());
    const c = (type: string, status: string, reason: string, message: string): NodeCondition => ({
      type,
      status,
      lastHeartbeatTime: now,
      lastTransitionTime: now,
      reason,
      message,
    });
    return [
      c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ];
  }

  private async register(): Promise<void> {
    const node = await this.describe();
    try {
      await this.deps.client.create(Resources.nodes, undefined, node, 'kubelet');
      this.deps.logger.info('node registered', { node: node.metadata.name });
    } catch (err) {
      if (!hasCode(err, 409)) throw err;
      await this.deps.client.patch(Resources.nodes, undefined, node.metadata.name!, 'merge', { metadata: { labels: node.metadata.labels } }, { fieldManager: 'kubelet' });
    }
  }

  /** Refreshes status: capacity and conditions, keeping lastTransitionTime when unchanged. */
  private async updateStatus(): Promise<void> {
    const current = await this.deps.client.get<Node>(Resources.nodes, undefined, this.config.nodeName);
    const desired = await this.describe();
    const old = new Map((current.status?.conditions ?? []).map((c) => [c.type, c]));
    for (const c of desired.status!.conditions!) {
      const prev = old.get(c.type);
      if (prev && prev.status === c.status) c.lastTransitionTime = prev.lastTransitionTime;
    }
    await this.deps.client.update(Resources.nodes, { ...current, status: desired.status }, 'status', 'kubelet');
  }

  private async renewLease(): Promise<void> {
    const name = this.config.nodeName;
    const ns = 'kube-node-lease';
    const renewTime = microNow(this.deps.clock);
    try {
      const lease = await this.deps.client.get(Resources.leases, ns, name);
      await this.deps.client.update(Resources.leases, { ...lease, spec: { ...(lease as { spec?: object }).spec, renewTime } } as never, undefined, 'kubelet');
    } catch (err) {
      if (!hasCode(err, 404)) throw err;
      const node = await this.deps.client.get<Node>(Resources.nodes, undefined, name);
      await this.deps.client.create(
        Resources.leases,
        ns,
        {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name,
            namespace: ns,
            ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }],
          },
          spec: { holderIdentity: name, leaseDurationSeconds, renewTime },
        } as never,
        'kubelet',
      );
    }
  }
}

/** This machine's address as a node reports it (`InternalIP`, `status.hostIP`): the first non-loopback IPv4. */
export function nodeInternalIP(): string {
  return internalIps()[0] ?? '127.0.0.1';
}

/** The machine's non-loopback IPv4 addresses. */
function internalIps(): string[] {
  const out: string[] = [];
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    if (name === 'lo' || name.startsWith('veth') || name.startsWith('podyard')) continue;
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out.slice(0, 1);
}
