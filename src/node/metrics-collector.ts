import type { Clock, Logger, TimerHandle } from '../base/index.js';
import { errorMessage, rfc3339 } from '../base/index.js';
import type { NodeMetrics, PodMetrics } from '../apis/index.js';
import { type CpuUsage, readCgroupUsage, type RuntimeService } from '../runtime/index.js';

/** One cumulative sample of a container (or the node). */
interface Sample {
  cpu: CpuUsage;
  workingSetBytes: number;
}

/** The last two samples of one series: a rate needs both. */
interface Series {
  previous?: Sample;
  latest: Sample;
  seenAt: number;
}

interface PodEntry {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  containers: Map<string, string>;
}

/** The resource quantities metrics-server writes: nanocores and bytes (binary SI). */
function cpuQuantity(nanocores: number): string {
  return `${Math.max(0, Math.round(nanocores))}n`;
}

function memoryQuantity(bytes: number): string {
  const b = Math.max(0, Math.round(bytes));
  return b % 1024 === 0 ? `${b / 1024}Ki` : String(b);
}

/** `window` as metav1.Duration prints it (`10.004s`). */
function windowOf(ms: number): string {
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

/** A sample's rate over its window, or undefined before two samples exist. */
function rateOf(series: Series | undefined): { nanocores: number; workingSetBytes: number; windowMs: number; at: number } | undefined {
  if (!series?.previous) return undefined;
  const windowMs = series.latest.cpu.timestampMs - series.previous.cpu.timestampMs;
  if (windowMs <= 0) return undefined;
  const ns = series.latest.cpu.usageCoreNanoSeconds - series.previous.cpu.usageCoreNanoSeconds;
  return { nanocores: (ns * 1000) / windowMs, workingSetBytes: series.latest.workingSetBytes, windowMs, at: series.latest.cpu.timestampMs };
}

/**
 * Resource metrics for `kubectl top`, as metrics-server derives them from the kubelet's stats:
 * every `intervalMs` it samples the cumulative CPU time and the memory working set of each
 * running container (the runtime's cgroup stats) and of the node (the root cgroup); usage is the
 * CPU rate between the last two samples and the latest working set. A container appears after
 * its second sample, as on a cluster ("metrics not available yet" until then).
 */
export class MetricsCollector {
  private readonly containers = new Map<string, Series>();
  private readonly pods = new Map<string, PodEntry>();
  private node?: Series;
  private timer?: TimerHandle;
  private stopped = false;
  private sampling?: Promise<void>;

  constructor(
    private readonly deps: { runtime: RuntimeService; clock: Clock; logger: Logger },
    private readonly config: { nodeName: string; intervalMs?: number },
  ) {}

  /** Takes a first sample now and then every interval. */
  start(): void {
    const tick = () => {
      void this.sample().then(() => {
        if (!this.stopped) this.timer = this.deps.clock.setTimeout(tick, this.config.intervalMs ?? 10_000);
      });
    };
    tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
  }

  /** Samples every running pod and the node once (concurrent calls share one sample). */
  sample(): Promise<void> {
    this.sampling ??= this.sampleOnce().finally(() => (this.sampling = undefined));
    return this.sampling;
  }

  private async sampleOnce(): Promise<void> {
    const now = this.deps.clock.now();
    try {
      const sandboxes = await this.deps.runtime.listPodSandboxStats();
      this.pods.clear();
      for (const sb of sandboxes) {
        const labels = Object.fromEntries(Object.entries(sb.labels).filter(([k]) => !k.startsWith('io.kubernetes.')));
        const entry: PodEntry = { name: sb.metadata.name, namespace: sb.metadata.namespace, labels, containers: new Map() };
        this.pods.set(sb.podSandboxId, entry);
        for (const c of sb.containers) {
          entry.containers.set(c.metadata.name, c.containerId);
          this.record(this.containers, c.containerId, { cpu: c.cpu, workingSetBytes: c.memory.workingSetBytes }, now);
        }
      }
      const root = await readCgroupUsage('/', now);
      const node: Sample = { cpu: root.cpu, workingSetBytes: root.memory.workingSetBytes };
      this.node = { ...(this.node ? { previous: this.node.latest } : {}), latest: node, seenAt: now };
      for (const [id, s] of this.containers) if (s.seenAt !== now) this.containers.delete(id);
    } catch (err) {
      this.deps.logger.warn('metrics sample failed', { err: errorMessage(err) });
    }
  }

  private record(map: Map<string, Series>, key: string, sample: Sample, now: number): void {
    const old = map.get(key);
    map.set(key, { ...(old ? { previous: old.latest } : {}), latest: sample, seenAt: now });
  }

  /** PodMetrics of every pod whose running containers all have a rate. */
  podMetrics(): PodMetrics[] {
    const out: PodMetrics[] = [];
    const now = rfc3339(this.deps.clock.now());
    for (const pod of this.pods.values()) {
      const containers: PodMetrics['containers'] = [];
      let window = 0;
      let at = 0;
      for (const [name, id] of pod.containers) {
        const r = rateOf(this.containers.get(id));
        if (!r) break;
        containers.push({ name, usage: { cpu: cpuQuantity(r.nanocores), memory: memoryQuantity(r.workingSetBytes) } });
        window = Math.max(window, r.windowMs);
        at = Math.max(at, r.at);
      }
      if (containers.length === 0 || containers.length !== pod.containers.size) continue;
      out.push({
        kind: 'PodMetrics',
        apiVersion: 'metrics.k8s.io/v1beta1',
        metadata: { name: pod.name, namespace: pod.namespace, creationTimestamp: now, ...(Object.keys(pod.labels).length ? { labels: pod.labels } : {}) },
        timestamp: rfc3339(at),
        window: windowOf(window),
        containers,
      });
    }
    return out;
  }

  /** This node's metrics, once two samples exist. */
  nodeMetrics(): NodeMetrics[] {
    const r = rateOf(this.node);
    if (!r) return [];
    return [
      {
        kind: 'NodeMetrics',
        apiVersion: 'metrics.k8s.io/v1beta1',
        metadata: { name: this.config.nodeName, creationTimestamp: rfc3339(this.deps.clock.now()) },
        timestamp: rfc3339(r.at),
        window: windowOf(r.windowMs),
        usage: { cpu: cpuQuantity(r.nanocores), memory: memoryQuantity(r.workingSetBytes) },
      },
    ];
  }
}
