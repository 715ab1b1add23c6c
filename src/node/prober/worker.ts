/**
 * One probe worker per (pod, container, probe type) — pkg/kubelet/prober/worker.go, driven by
 * the injected Clock with one timer. The rules, in the order `doProbe` applies them:
 *
 * 1. No status for the pod yet → wait. Pod phase Failed/Succeeded → stop the worker.
 * 2. The container has no status or id yet → wait. A new container id → drop the old id's
 *    result, cache the initial value (readiness Failure, liveness Success, startup Unknown) and
 *    leave any hold.
 * 3. On hold (after a liveness/startup failure) → wait for a new container id.
 * 4. Container not running → cache Failure; stop when it terminated under `restartPolicy: Never`.
 * 5. Pod being deleted → liveness and startup cache Success and stop (a quiet shutdown).
 * 6. Within `initialDelaySeconds` of the container's start → wait.
 * 7. Started (startup probe passed) → the startup worker idles; not started → only the startup
 *    worker probes.
 * 8. Probe; a probe error throws the result away. Count runs of equal results; below
 *    `failureThreshold` failures or `successThreshold` successes nothing changes.
 * 9. Cache the result; a liveness/startup failure puts the worker on hold.
 *
 * The first probe waits a random part of the period when the manager started less than one
 * period ago (a restarted kubelet does not probe everything at once). Probes never overlap: a
 * tick that finds a probe running is remembered and runs right after (Go's ticker buffers one).
 * @module
 */
import type { Container, ContainerStatus, Pod, PodStatus, Probe } from '../../apis/index.js';
import type { TimerHandle } from '../../base/index.js';
import type { ProbeType } from './prober.js';
import type { CachedProbeResult, ResultsCache } from './results.js';

/** What a worker needs from its manager. */
export interface WorkerHost {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(h: TimerHandle): void;
  random(): number;
  /** When the manager started (ms), for the start-up jitter. */
  readonly startedAtMs: number;
  /** The latest status the kubelet generated for the pod, and the pod object. */
  podState(uid: string): { pod: Pod; status: PodStatus } | undefined;
  /** Runs the probe (the prober): rejects on probe errors. */
  probe(probeType: ProbeType, pod: Pod, container: Container, containerId: string): Promise<'Success' | 'Failure'>;
  removeWorker(w: ProbeWorker): void;
  logError(msg: string, err: unknown): void;
}

/** The container status of `name` in a pod status (app containers, then init containers). */
function findStatus(status: PodStatus, name: string): ContainerStatus | undefined {
  const app = (status.containerStatuses ?? []).find((c) => c.name === name);
  if (app?.containerID) return app;
  const init = (status.initContainerStatuses ?? []).find((c) => c.name === name);
  return init?.containerID ? init : undefined;
}

/** The runtime id in a `containerID` (`cri-o://<id>` → `<id>`). */
export function runtimeIdOf(containerID: string): string {
  return containerID.replace(/^[^:]*:\/\//, '');
}

/** The probe with the API defaults applied (in case the pod came from somewhere without them). */
export function withProbeDefaults(p: Probe): Required<Pick<Probe, 'initialDelaySeconds' | 'periodSeconds' | 'timeoutSeconds' | 'successThreshold' | 'failureThreshold'>> {
  return {
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    periodSeconds: p.periodSeconds || 10,
    timeoutSeconds: p.timeoutSeconds || 1,
    successThreshold: p.successThreshold || 1,
    failureThreshold: p.failureThreshold || 3,
  };
}

/** See the module comment. Created and started by the ProbeManager. */
export class ProbeWorker {
  readonly podUid: string;
  private readonly initialValue: CachedProbeResult;
  private readonly periodMs: number;
  private readonly spec: ReturnType<typeof withProbeDefaults>;
  private containerId = '';
  private lastResult: CachedProbeResult | undefined;
  private resultRun = 0;
  private onHold = false;
  private timer?: TimerHandle;
  private running = false;
  private pendingTick = false;
  private stopped = false;
  /** Probes actually run (for tests and the bench). */
  probesRun = 0;

  constructor(
    private readonly host: WorkerHost,
    readonly probeType: ProbeType,
    pod: Pod,
    readonly container: Container,
    probe: Probe,
    private readonly results: ResultsCache,
  ) {
    this.podUid = pod.metadata.uid!;
    this.spec = withProbeDefaults(probe);
    this.periodMs = this.spec.periodSeconds * 1000;
    this.initialValue = probeType === 'Readiness' ? 'Failure' : probeType === 'Liveness' ? 'Success' : 'Unknown';
  }

  /** Starts the loop: the first probe now, or after a random part of the period right after start-up. */
  start(): void {
    const recent = this.host.now() - this.host.startedAtMs < this.periodMs;
    const delay = recent ? Math.floor(this.host.random() * this.periodMs) : 0;
    if (delay > 0) this.timer = this.host.setTimeout(() => this.firstTick(), delay);
    else this.firstTick();
  }

  /** Asks for a probe now (the kubelet's manualTriggerCh); the period is unchanged. */
  trigger(): void {
    if (this.stopped) return;
    this.runOrQueue();
  }

  /** Stops the worker: no more probes; its cached result is removed. Idempotent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) this.host.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.containerId) this.results.remove(this.containerId);
    this.host.removeWorker(this);
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private firstTick(): void {
    this.timer = undefined;
    if (this.stopped) return;
    this.scheduleTick();
    this.runOrQueue();
  }

  private scheduleTick(): void {
    this.timer = this.host.setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.scheduleTick();
      this.runOrQueue();
    }, this.periodMs);
  }

  private runOrQueue(): void {
    if (this.running) {
      this.pendingTick = true;
      return;
    }
    void this.runLoop();
  }

  private async runLoop(): Promise<void> {
    this.running = true;
    try {
      do {
        this.pendingTick = false;
        let keepGoing = true;
        try {
          keepGoing = await this.doProbe();
        } catch (err) {
          // The kubelet eats panics in doProbe and keeps going.
          this.host.logError('probe worker failed', err);
        }
        if (!keepGoing) {
          this.stop();
          return;
        }
      } while (this.pendingTick && !this.stopped);
    } finally {
      this.running = false;
    }
  }

  /** One round (see the module comment); resolves whether the worker should keep going. */
  async doProbe(): Promise<boolean> {
    // 1.
    const state = this.host.podState(this.podUid);
    if (!state) return true;
    const { pod, status } = state;
    if (status.phase === 'Failed' || status.phase === 'Succeeded') return false;
    // 2.
    const c = findStatus(status, this.container.name);
    if (!c?.containerID) return true;
    const id = runtimeIdOf(c.containerID);
    if (this.containerId !== id) {
      if (this.containerId) this.results.remove(this.containerId);
      this.containerId = id;
      this.results.set(id, this.initialValue, this.podUid);
      this.onHold = false;
    }
    // 3.
    if (this.onHold) return true;
    // 4.
    if (!c.state?.running) {
      this.results.set(id, 'Failure', this.podUid);
      return c.state?.terminated === undefined || pod.spec?.restartPolicy !== 'Never';
    }
    // 5.
    if (pod.metadata.deletionTimestamp && (this.probeType === 'Liveness' || this.probeType === 'Startup')) {
      this.results.set(id, 'Success', this.podUid);
      return false;
    }
    // 6. int32(time.Since(startedAt).Seconds()) < initialDelaySeconds
    const startedAt = Date.parse(c.state.running.startedAt ?? '');
    if (Number.isFinite(startedAt) && Math.trunc((this.host.now() - startedAt) / 1000) < this.spec.initialDelaySeconds) return true;
    // 7.
    if (c.started) {
      if (this.probeType === 'Startup') return true;
    } else if (this.probeType !== 'Startup') {
      return true;
    }
    // 8.
    let result: 'Success' | 'Failure';
    try {
      this.probesRun++;
      result = await this.host.probe(this.probeType, pod, this.container, id);
    } catch {
      return true;
    }
    if (this.stopped || this.containerId !== id) return !this.stopped;
    if (this.lastResult === result) this.resultRun++;
    else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    if ((result === 'Failure' && this.resultRun < this.spec.failureThreshold) || (result === 'Success' && this.resultRun < this.spec.successThreshold)) {
      return true;
    }
    // 9.
    this.results.set(id, result, this.podUid);
    if ((this.probeType === 'Liveness' || this.probeType === 'Startup') && result === 'Failure') {
      this.onHold = true;
      this.resultRun = 0;
    }
    return true;
  }
}
