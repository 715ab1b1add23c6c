/**
 * The kubelet's probe manager (pkg/kubelet/prober/prober_manager.go): one {@link ProbeWorker}
 * per (pod, container, probe type) for app containers and sidecars (restartable init
 * containers), three results caches, and the pod worker trigger on every result change.
 * @module
 */
import type { Container, Pod, PodStatus } from '../../apis/index.js';
import type { Clock, Logger } from '../../base/index.js';
import { errorMessage } from '../../base/index.js';
import type { ProbeResult } from '../pod-logic/index.js';
import { isRestartableInitContainer } from '../pod-logic/index.js';
import { probeSpecOf, type ContainerProber, type PodNetwork, type ProbeType } from './prober.js';
import { ResultsCache, type CachedProbeResult } from './results.js';
import { ProbeWorker, type WorkerHost } from './worker.js';

/** What the manager needs. */
export interface ProbeManagerDeps {
  clock: Clock;
  logger: Logger;
  prober: ContainerProber;
  /** Called with the pod UID whenever any probe result of the pod changes: sync that pod. */
  onResultChange: (podUid: string) => void;
  /** Source of the start-up jitter; tests pass `() => 0`. */
  random?: () => number;
}

const probeTypes: ProbeType[] = ['Startup', 'Readiness', 'Liveness'];

interface PodEntry {
  pod: Pod;
  status?: PodStatus;
  network: PodNetwork;
}

/** See the module comment. */
export class ProbeManager {
  private readonly workers = new Map<string, ProbeWorker>();
  private readonly pods = new Map<string, PodEntry>();
  private readonly caches: Record<ProbeType, ResultsCache>;
  private readonly host: WorkerHost;
  private readonly log: Logger;

  constructor(private readonly deps: ProbeManagerDeps) {
    this.log = deps.logger.child({ component: 'prober' });
    const onChange = (podUid: string) => deps.onResultChange(podUid);
    this.caches = { Liveness: new ResultsCache(onChange), Readiness: new ResultsCache(onChange), Startup: new ResultsCache(onChange) };
    const startedAtMs = deps.clock.now();
    this.host = {
      now: () => deps.clock.now(),
      setTimeout: (fn, ms) => deps.clock.setTimeout(fn, ms),
      clearTimeout: (h) => deps.clock.clearTimeout(h),
      random: deps.random ?? Math.random,
      startedAtMs,
      podState: (uid) => {
        const e = this.pods.get(uid);
        return e?.status ? { pod: e.pod, status: e.status } : undefined;
      },
      probe: (type, pod, container, id) => deps.prober.probe(type, pod, this.pods.get(pod.metadata.uid!)?.network ?? {}, container, id),
      removeWorker: (w) => {
        const key = workerKey(w.podUid, w.container.name, w.probeType);
        if (this.workers.get(key) === w) this.workers.delete(key);
      },
      logError: (msg, err) => this.log.warn(msg, { err: errorMessage(err) }),
    };
  }

  /**
   * kubelet `AddPod`: the first time a pod is seen, creates the workers its probes need (app
   * containers and sidecars). Later calls only keep the latest pod object (deletion marks): a
   * worker that stopped itself (its container terminated under `Never`) is not brought back.
   */
  addPod(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const entry = this.pods.get(uid);
    if (entry) {
      entry.pod = pod;
      return;
    }
    this.pods.set(uid, { pod, network: {} });
    const containers: Container[] = [...(pod.spec?.initContainers ?? []).filter(isRestartableInitContainer), ...(pod.spec?.containers ?? [])];
    for (const c of containers) {
      for (const type of probeTypes) {
        const spec = probeSpecOf(c, type);
        if (!spec) continue;
        const key = workerKey(uid, c.name, type);
        if (this.workers.has(key)) continue;
        const w = new ProbeWorker(this.host, type, pod, c, spec, this.caches[type]);
        this.workers.set(key, w);
        w.start();
      }
    }
  }

  /**
   * kubelet `UpdatePodStatus` (the part not done by `generatePodStatus`): remembers the status
   * and network the workers probe against, and asks the readiness worker of a started but not
   * ready container to probe now (so readiness follows startup without waiting a period).
   */
  updatePodStatus(pod: Pod, status: PodStatus, network: PodNetwork): void {
    const uid = pod.metadata.uid!;
    const entry = this.pods.get(uid);
    if (!entry) return;
    entry.pod = pod;
    entry.status = status;
    entry.network = network;
    for (const c of [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])]) {
      if (c.started && !c.ready) this.workers.get(workerKey(uid, c.name, 'Readiness'))?.trigger();
    }
  }

  /** kubelet `StopLivenessAndStartup`: the pod is terminating; readiness keeps probing. */
  stopLivenessAndStartup(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const e = this.pods.get(uid);
    if (e) e.pod = pod;
    for (const w of [...this.workers.values()]) if (w.podUid === uid && w.probeType !== 'Readiness') w.stop();
  }

  /** kubelet `RemovePod`: stops every worker of the pod and forgets it. */
  removePod(uid: string): void {
    for (const w of [...this.workers.values()]) if (w.podUid === uid) w.stop();
    this.pods.delete(uid);
  }

  /** kubelet `CleanupPods`: removes pods not in `desired`. */
  cleanupPods(desired: ReadonlySet<string>): void {
    for (const uid of [...this.pods.keys()]) if (!desired.has(uid)) this.removePod(uid);
  }

  /** Liveness result for computePodActions (`Unknown` and none are undefined). */
  liveness(containerId: string): ProbeResult | undefined {
    return known(this.caches.Liveness.get(containerId));
  }

  /** Readiness result for generatePodStatus. */
  readiness(containerId: string): ProbeResult | undefined {
    return known(this.caches.Readiness.get(containerId));
  }

  /** Startup result for computePodActions and generatePodStatus. */
  startup(containerId: string): ProbeResult | undefined {
    return known(this.caches.Startup.get(containerId));
  }

  /** Live workers (for tests and the bench). */
  workerList(): ProbeWorker[] {
    return [...this.workers.values()];
  }

  /** Stops every worker. */
  close(): void {
    for (const uid of [...this.pods.keys()]) this.removePod(uid);
  }
}

function workerKey(uid: string, container: string, type: ProbeType): string {
  return `${uid}/${container}/${type}`;
}

function known(r: CachedProbeResult | undefined): ProbeResult | undefined {
  return r === 'Unknown' ? undefined : r;
}
