/**
 * `FakeRuntime`: an in-memory {@link RuntimeService} for the node agent's unit tests (kubelet's
 * `fake_runtime_service.go`). No processes: containers "run" until a test makes them exit.
 * Hooks let a test inject errors per method, make starts fail with a runtime message, make
 * containers exit with a code (or OOM), script exec results, and read the calls made.
 */
import { PassThrough } from 'node:stream';
import { FakeClock, type Clock } from '../../base/index.js';
import { RuntimeError } from '../errors.js';
import {
  ContainerExitReasons,
  type Container,
  type ContainerConfig,
  type ContainerEvent,
  type ContainerFilter,
  type ContainerState,
  type ContainerStats,
  type ContainerStatus,
  type ExecOptions,
  type ExecSyncResult,
  type NamespaceOptions,
  type PodSandbox,
  type PodSandboxConfig,
  type PodSandboxFilter,
  type PodSandboxNetworkStatus,
  type PodSandboxStats,
  type PodSandboxStatus,
  type RuntimeService,
  type RuntimeVersion,
  type StreamHandle,
  type StreamOptions,
} from '../runtime-service.js';

/** A fake sandbox, as stored (tests may read and modify it). */
export interface FakeSandbox {
  id: string;
  config: PodSandboxConfig;
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
  createdAtMs: number;
  network: PodSandboxNetworkStatus;
}

/** A fake container, as stored (tests may read and modify it). */
export interface FakeContainer {
  id: string;
  podSandboxId: string;
  config: ContainerConfig;
  state: ContainerState;
  createdAtMs: number;
  startedAtMs: number;
  finishedAtMs: number;
  exitCode: number;
  reason: string;
  message: string;
  pid?: number;
  /** Cumulative usage reported by stats. */
  cpuNanos: number;
  memoryBytes: number;
}

/** The methods whose calls are recorded and that can be made to fail. */
export type FakeRuntimeMethod = Exclude<keyof RuntimeService, 'ready'>;

/** The in-memory runtime. */
export class FakeRuntime implements RuntimeService {
  readonly ready: Promise<void> = Promise.resolve();
  /** Every call, in order: `['runPodSandbox', 'createContainer', …]` (kubelet's `Called`). */
  readonly calls: FakeRuntimeMethod[] = [];
  readonly sandboxes = new Map<string, FakeSandbox>();
  readonly containers = new Map<string, FakeContainer>();
  /** Exit code a container gets from stopContainer (143: it honoured SIGTERM). SIGKILL (timeout 0) gives 137. */
  stopExitCode = 143;
  /** Answers execSync and exec; by default exit code 0 with no output. */
  execHandler: (containerId: string, cmd: string[]) => ExecSyncResult | Promise<ExecSyncResult> = () => ({
    stdout: Buffer.alloc(0),
    stderr: Buffer.alloc(0),
    exitCode: 0,
  });

  private readonly clock: Clock;
  private readonly errors = new Map<FakeRuntimeMethod, { error: Error; once: boolean }[]>();
  private readonly startFailures = new Map<string, string>();
  private readonly listeners = new Set<(e: ContainerEvent) => void>();
  private nextId = 1;
  private nextPid = 1000;

  constructor(deps: { clock?: Clock } = {}) {
    this.clock = deps.clock ?? new FakeClock(Date.UTC(2026, 0, 1));
  }

  // ---- hooks ----------------------------------------------------------------------------------

  /** Makes `method` throw `error` (once by default; `{ once: false }` until clearErrors). */
  injectError(method: FakeRuntimeMethod, error: Error, options: { once?: boolean } = {}): void {
    const list = this.errors.get(method) ?? [];
    list.push({ error, once: options.once ?? true });
    this.errors.set(method, list);
  }

  /** Removes every injected error. */
  clearErrors(): void {
    this.errors.clear();
  }

  /**
   * Makes startContainer of containers named `containerName` fail like runc does for a missing
   * executable: code RunContainerError, and the container EXITED with reason StartError, exit 128.
   */
  failStart(containerName: string, message: string): void {
    this.startFailures.set(containerName, message);
  }

  /** Makes a running container exit with `exitCode` (reason Completed/Error, or OOMKilled with `{ oom: true }`). */
  exitContainer(containerId: string, exitCode: number, options: { oom?: boolean; message?: string } = {}): void {
    const c = this.mustContainer(containerId);
    if (c.state !== 'CONTAINER_RUNNING') throw new Error(`fake container ${containerId} is not running`);
    this.finish(c, exitCode, options.oom ? ContainerExitReasons.OOMKilled : undefined, options.message ?? '');
  }

  /** Marks the sandbox's pause process as gone (SANDBOX_NOTREADY), as if it was killed. */
  killSandbox(podSandboxId: string): void {
    this.mustSandbox(podSandboxId).state = 'SANDBOX_NOTREADY';
  }

  /** The containers named `name` (all attempts), oldest first. */
  containersNamed(name: string, podSandboxId?: string): FakeContainer[] {
    return [...this.containers.values()].filter((c) => c.config.metadata.name === name && (!podSandboxId || c.podSandboxId === podSandboxId));
  }

  /** Forgets recorded calls. */
  resetCalls(): void {
    this.calls.length = 0;
  }

  // ---- RuntimeService -------------------------------------------------------------------------

  private enter(method: FakeRuntimeMethod): void {
    this.calls.push(method);
    const list = this.errors.get(method);
    const first = list?.[0];
    if (first) {
      if (first.once) list.shift();
      throw first.error;
    }
  }

  private mustSandbox(id: string): FakeSandbox {
    const s = this.sandboxes.get(id);
    if (!s) throw new RuntimeError('NotFound', `pod sandbox ${id} not found`);
    return s;
  }

  private mustContainer(id: string): FakeContainer {
    const c = this.containers.get(id);
    if (!c) throw new RuntimeError('NotFound', `container ${id} not found`);
    return c;
  }

  private emit(type: ContainerEvent['type'], c: FakeContainer): void {
    const e: ContainerEvent = { type, containerId: c.id, podSandboxId: c.podSandboxId, timestampMs: this.clock.now() };
    for (const l of this.listeners) l(e);
  }

  private finish(c: FakeContainer, exitCode: number, reason: string | undefined, message: string): void {
    c.state = 'CONTAINER_EXITED';
    c.exitCode = exitCode;
    c.finishedAtMs = this.clock.now();
    c.reason = reason ?? (exitCode === 0 ? ContainerExitReasons.Completed : ContainerExitReasons.Error);
    c.message = message;
    c.pid = undefined;
    this.emit('CONTAINER_STOPPED_EVENT', c);
  }

  version(): Promise<RuntimeVersion> {
    this.enter('version');
    return Promise.resolve({ runtimeName: 'fake', runtimeVersion: '0.1.0', runtimeApiVersion: 'v1' });
  }

  runPodSandbox(config: PodSandboxConfig): Promise<string> {
    return settle(() => {
      this.enter('runPodSandbox');
      const id = `sandbox-${this.nextId++}`;
      this.sandboxes.set(id, { id, config: structuredClone(config), state: 'SANDBOX_READY', createdAtMs: this.clock.now(), network: {} });
      return id;
    });
  }

  stopPodSandbox(podSandboxId: string): Promise<void> {
    return settle(() => {
      this.enter('stopPodSandbox');
      const s = this.mustSandbox(podSandboxId);
      for (const c of this.containers.values()) if (c.podSandboxId === podSandboxId && c.state === 'CONTAINER_RUNNING') this.finish(c, 137, undefined, '');
      s.state = 'SANDBOX_NOTREADY';
    });
  }

  removePodSandbox(podSandboxId: string): Promise<void> {
    return settle(() => {
      this.enter('removePodSandbox');
      if (!this.sandboxes.has(podSandboxId)) return;
      for (const c of [...this.containers.values()]) {
        if (c.podSandboxId !== podSandboxId) continue;
        this.containers.delete(c.id);
        this.emit('CONTAINER_DELETED_EVENT', c);
      }
      this.sandboxes.delete(podSandboxId);
    });
  }

  podSandboxStatus(podSandboxId: string): Promise<PodSandboxStatus> {
    return settle(() => {
      this.enter('podSandboxStatus');
      const s = this.mustSandbox(podSandboxId);
      const ns = s.config.linux?.securityContext?.namespaceOptions ?? {};
      const options: Required<NamespaceOptions> = { network: ns.network ?? 'POD', pid: ns.pid ?? 'CONTAINER', ipc: ns.ipc ?? 'POD' };
      return {
        ...this.sandboxItem(s),
        network: { ...s.network },
        linux: { namespaces: { options } },
        netnsPath: options.network === 'POD' ? `/fake/netns/${s.id}` : undefined,
        hostname: s.config.hostname || s.config.metadata.name,
        logDirectory: s.config.logDirectory,
        cgroupPath: `/fake/${s.id}`,
        pid: s.state === 'SANDBOX_READY' ? 1 : undefined,
      };
    });
  }

  private sandboxItem(s: FakeSandbox): PodSandbox {
    return {
      id: s.id,
      metadata: { ...s.config.metadata },
      state: s.state,
      createdAtMs: s.createdAtMs,
      labels: { ...s.config.labels },
      annotations: { ...s.config.annotations },
    };
  }

  listPodSandbox(filter: PodSandboxFilter = {}): Promise<PodSandbox[]> {
    return settle(() => {
      this.enter('listPodSandbox');
      return [...this.sandboxes.values()]
        .filter((s) => (!filter.id || s.id === filter.id) && (!filter.state || s.state === filter.state) && matches(s.config.labels, filter.labelSelector))
        .map((s) => this.sandboxItem(s));
    });
  }

  setPodSandboxNetwork(podSandboxId: string, network: PodSandboxNetworkStatus): Promise<void> {
    return settle(() => {
      this.enter('setPodSandboxNetwork');
      this.mustSandbox(podSandboxId).network = { ...network };
    });
  }

  createContainer(podSandboxId: string, config: ContainerConfig): Promise<string> {
    return settle(() => {
      this.enter('createContainer');
      const s = this.mustSandbox(podSandboxId);
      if (s.state !== 'SANDBOX_READY') throw new RuntimeError('CreateContainerError', `pod sandbox ${podSandboxId} is not ready`);
      for (const c of this.containers.values()) {
        if (c.podSandboxId === podSandboxId && c.config.metadata.name === config.metadata.name && c.config.metadata.attempt === config.metadata.attempt) {
          throw new RuntimeError('AlreadyExists', `container name "${config.metadata.name}" (attempt ${config.metadata.attempt}) is already in use`);
        }
      }
      const id = `container-${this.nextId++}`;
      const c: FakeContainer = {
        id,
        podSandboxId,
        config: structuredClone(config),
        state: 'CONTAINER_CREATED',
        createdAtMs: this.clock.now(),
        startedAtMs: 0,
        finishedAtMs: 0,
        exitCode: 0,
        reason: '',
        message: '',
        cpuNanos: 0,
        memoryBytes: 1024 * 1024,
      };
      this.containers.set(id, c);
      this.emit('CONTAINER_CREATED_EVENT', c);
      return id;
    });
  }

  startContainer(containerId: string): Promise<void> {
    return settle(() => {
      this.enter('startContainer');
      const c = this.mustContainer(containerId);
      if (c.state !== 'CONTAINER_CREATED') throw new RuntimeError('InvalidArgument', `container ${containerId} is not in created state`);
      const failure = this.startFailures.get(c.config.metadata.name);
      if (failure !== undefined) {
        this.finish(c, 128, ContainerExitReasons.StartError, failure);
        throw new RuntimeError('RunContainerError', failure);
      }
      c.state = 'CONTAINER_RUNNING';
      c.startedAtMs = this.clock.now();
      c.pid = this.nextPid++;
      this.emit('CONTAINER_STARTED_EVENT', c);
    });
  }

  stopContainer(containerId: string, timeoutSeconds: number): Promise<void> {
    return settle(() => {
      this.enter('stopContainer');
      const c = this.mustContainer(containerId);
      if (c.state === 'CONTAINER_RUNNING') this.finish(c, timeoutSeconds > 0 ? this.stopExitCode : 137, undefined, '');
    });
  }

  removeContainer(containerId: string): Promise<void> {
    return settle(() => {
      this.enter('removeContainer');
      const c = this.containers.get(containerId);
      if (!c) return;
      this.containers.delete(containerId);
      this.emit('CONTAINER_DELETED_EVENT', c);
    });
  }

  containerStatus(containerId: string): Promise<ContainerStatus> {
    return settle(() => {
      this.enter('containerStatus');
      const c = this.mustContainer(containerId);
      const s = this.sandboxes.get(c.podSandboxId);
      const rel = c.config.logPath ?? `${c.config.metadata.name}/${c.config.metadata.attempt}.log`;
      const status: ContainerStatus = {
        ...this.containerItem(c),
        startedAtMs: c.startedAtMs,
        finishedAtMs: c.finishedAtMs,
        exitCode: c.exitCode,
        reason: c.reason,
        message: c.message,
        mounts: (c.config.mounts ?? []).map((m) => ({ ...m })),
        logPath: s?.config.logDirectory ? `${s.config.logDirectory}/${rel}` : '',
      };
      if (c.pid) status.pid = c.pid;
      return status;
    });
  }

  private containerItem(c: FakeContainer): Container {
    return {
      id: c.id,
      podSandboxId: c.podSandboxId,
      metadata: { ...c.config.metadata },
      image: { ...c.config.image },
      state: c.state,
      createdAtMs: c.createdAtMs,
      labels: { ...c.config.labels },
      annotations: { ...c.config.annotations },
    };
  }

  listContainers(filter: ContainerFilter = {}): Promise<Container[]> {
    return settle(() => {
      this.enter('listContainers');
      return [...this.containers.values()]
        .filter(
          (c) =>
            (!filter.id || c.id === filter.id) &&
            (!filter.state || c.state === filter.state) &&
            (!filter.podSandboxId || c.podSandboxId === filter.podSandboxId) &&
            matches(c.config.labels, filter.labelSelector),
        )
        .map((c) => this.containerItem(c));
    });
  }

  execSync(containerId: string, cmd: string[], _timeoutMs: number): Promise<ExecSyncResult> {
    return settle(() => {
      this.enter('execSync');
      this.running(containerId);
      return this.execHandler(containerId, cmd);
    });
  }

  exec(containerId: string, options: ExecOptions): Promise<StreamHandle> {
    return settle(() => {
      this.enter('exec');
      this.running(containerId);
      const stdout = new PassThrough();
      const stderr = options.tty ? null : new PassThrough();
      const stdin = options.stdin ? new PassThrough() : null;
      stdin?.resume();
      const exitCode = Promise.resolve(this.execHandler(containerId, options.cmd)).then((r) => {
        stdout.end(r.stdout);
        if (stderr) stderr.end(r.stderr);
        else stdout.end();
        return r.exitCode;
      });
      return { stdin, stdout, stderr, resize: () => {}, exitCode, close: () => stdout.destroy() };
    });
  }

  attach(containerId: string, options: StreamOptions): Promise<StreamHandle> {
    return settle(() => {
      this.enter('attach');
      this.running(containerId);
      const stdout = new PassThrough();
      const stderr = options.tty ? null : new PassThrough();
      let detach!: (code: number) => void;
      const exitCode = new Promise<number>((resolve) => (detach = resolve));
      const listener = (e: ContainerEvent): void => {
        if (e.containerId === containerId && e.type === 'CONTAINER_STOPPED_EVENT') {
          this.listeners.delete(listener);
          stdout.end();
          stderr?.end();
          detach(this.containers.get(containerId)?.exitCode ?? -1);
        }
      };
      this.listeners.add(listener);
      return {
        stdin: options.stdin ? new PassThrough() : null,
        stdout,
        stderr,
        resize: () => {},
        exitCode,
        close: () => {
          this.listeners.delete(listener);
          stdout.end();
          stderr?.end();
          detach(-1);
        },
      };
    });
  }

  reopenContainerLog(containerId: string): Promise<void> {
    return settle(() => {
      this.enter('reopenContainerLog');
      this.running(containerId);
    });
  }

  private running(containerId: string): FakeContainer {
    const c = this.mustContainer(containerId);
    if (c.state !== 'CONTAINER_RUNNING') throw new RuntimeError('NotRunning', `container ${containerId} is not running`);
    return c;
  }

  private stats(c: FakeContainer): ContainerStats {
    const now = this.clock.now();
    return {
      containerId: c.id,
      podSandboxId: c.podSandboxId,
      metadata: { ...c.config.metadata },
      labels: { ...c.config.labels },
      cpu: { timestampMs: now, usageCoreNanoSeconds: c.cpuNanos },
      memory: { timestampMs: now, workingSetBytes: c.memoryBytes, usageBytes: c.memoryBytes, rssBytes: c.memoryBytes, pageFaults: 0, majorPageFaults: 0 },
    };
  }

  containerStats(containerId: string): Promise<ContainerStats> {
    return settle(() => {
      this.enter('containerStats');
      return this.stats(this.mustContainer(containerId));
    });
  }

  listContainerStats(filter: ContainerFilter = {}): Promise<ContainerStats[]> {
    return settle(() => {
      this.enter('listContainerStats');
      const state = filter.state ?? 'CONTAINER_RUNNING';
      return [...this.containers.values()]
        .filter((c) => c.state === state && (!filter.podSandboxId || c.podSandboxId === filter.podSandboxId) && matches(c.config.labels, filter.labelSelector))
        .map((c) => this.stats(c));
    });
  }

  podSandboxStats(podSandboxId: string): Promise<PodSandboxStats> {
    return settle(() => {
      this.enter('podSandboxStats');
      const s = this.mustSandbox(podSandboxId);
      const containers = [...this.containers.values()].filter((c) => c.podSandboxId === podSandboxId && c.state === 'CONTAINER_RUNNING').map((c) => this.stats(c));
      const now = this.clock.now();
      const cpu = containers.reduce((n, c) => n + c.cpu.usageCoreNanoSeconds, 0);
      const mem = containers.reduce((n, c) => n + c.memory.workingSetBytes, 0);
      return {
        podSandboxId,
        metadata: { ...s.config.metadata },
        labels: { ...s.config.labels },
        cpu: { timestampMs: now, usageCoreNanoSeconds: cpu },
        memory: { timestampMs: now, workingSetBytes: mem, usageBytes: mem, rssBytes: mem, pageFaults: 0, majorPageFaults: 0 },
        containers,
      };
    });
  }

  async listPodSandboxStats(filter: PodSandboxFilter = {}): Promise<PodSandboxStats[]> {
    this.enter('listPodSandboxStats');
    const ids = [...this.sandboxes.values()]
      .filter((s) => s.state === (filter.state ?? 'SANDBOX_READY') && (!filter.id || s.id === filter.id) && matches(s.config.labels, filter.labelSelector))
      .map((s) => s.id);
    const out: PodSandboxStats[] = [];
    for (const id of ids) out.push(await this.podSandboxStats(id));
    return out;
  }

  watchContainerEvents(listener: (event: ContainerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    return settle(() => {
      this.listeners.clear();
    });
  }

}

/** Runs `fn` now, as a promise: a throw becomes a rejection, as with a real runtime. */
function settle<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

function matches(labels: Record<string, string> | undefined, selector: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}
