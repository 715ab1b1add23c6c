import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock, Logger } from '../base/index.js';
import { errorMessage } from '../base/index.js';
import {
  ContainerReasons,
  EventReasons,
  type ConfigMap,
  type Container,
  type Pod,
  type Secret,
} from '../apis/index.js';
import { type ApiClient, EventRecorder, hasCode, Informer, type InvolvedObject, Resources } from '../client/index.js';
import type { ImageStore } from '../images/index.js';
import { type ContainerStatus, isRuntimeNotFound, parseCriLogLine, type RuntimeService } from '../runtime/index.js';
import { ImageManager, type ImagePuller, ImageWaitError, isAbortError } from './image-manager.js';
import { executePreStopHook, HandlerRunner, minimumGracePeriodSeconds } from './lifecycle/index.js';
import { type Dialer, PodDialer, type PodNetwork, Prober, ProbeManager } from './prober/index.js';
import {
  composeTerminationMessage,
  computePodActions,
  computeTerminationOrder,
  maxContainerTerminationMessageLength,
  maxContainerTerminationMessageLogLength,
  maxContainerTerminationMessageLogLines,
  CrashLoopBackOff,
  type ContainerKillReason,
  ContainerKillReasons,
  expandContainerCommandAndArgs,
  formatPodFullName,
  killGracePeriodSeconds,
  generatePodStatus,
  hashContainer,
  makeEnvironmentVariables,
  type ObservedContainer,
  type ObservedPod,
  type PodActions,
  imageUserOf,
  verifyRunAsNonRoot,
} from './pod-logic/index.js';
import { PodWorkers } from './pod-workers.js';
import { containerConfig, podLogDirName, RuntimeLabels, sandboxConfig } from './runtime-config.js';
import { StatusManager } from './status-manager.js';
import { computeEtcHosts, computeResolvConf, makeMounts, VolumeManager, writeEtcHosts } from './volumes/index.js';

/**
 * The message of an exited container (kuberuntime `getTerminationMessage`): the file the
 * container wrote at its terminationMessagePath, or with `FallbackToLogsOnError` the tail of its
 * log after a failure.
 */
function terminationMessage(c: ContainerStatus): string {
  const path = c.annotations[RuntimeLabels.terminationMessageHostPath];
  const policy = c.annotations[RuntimeLabels.terminationMessagePolicy] === 'FallbackToLogsOnError' ? 'FallbackToLogsOnError' : 'File';
  let file: string | Error | undefined;
  if (path) {
    try {
      file = readFileSync(path).subarray(0, maxContainerTerminationMessageLength).toString('utf8');
    } catch (err) {
      file = (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : (err as Error);
    }
  }
  return composeTerminationMessage({
    runtimeMessage: c.message,
    exitCode: c.exitCode,
    reason: c.reason,
    policy,
    file,
    ...(path ? { filePath: path } : {}),
    readLogTail: () => logTail(c.logPath),
  });
}

/** The last lines of a CRI log file, decoded (for FallbackToLogsOnError). */
function logTail(path: string): string {
  let data: Buffer;
  let size: number;
  try {
    const fd = openSync(path, 'r');
    try {
      size = fstatSync(fd).size;
      const len = Math.min(size, 64 * 1024);
      data = Buffer.alloc(len);
      readSync(fd, data, 0, len, size - len);
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
  // Whole lines only: the text after the last newline is unfinished, the first line may be cut.
  const lines = data.toString('utf8').split('\n').slice(data.length < size ? 1 : 0, -1);
  let text = '';
  for (const line of lines.slice(-maxContainerTerminationMessageLogLines)) {
    const m = parseCriLogLine(Buffer.from(`${line}\n`));
    if (m) text += m.content.toString('utf8');
  }
  // kubelet readLastStringFromContainerLogs: TailLines 80 with LimitBytes 2048 (the tail's first bytes).
  return Buffer.from(text).subarray(0, maxContainerTerminationMessageLogLength).toString('utf8');
}

/** Configuration of the node agent. */
export interface KubeletConfig {
  nodeName: string;
  /** `<dataDir>/pods`: volumes, hosts files, termination messages. */
  podsDir: string;
  /** `<dataDir>/logs/pods`: CRI log files, `/var/log/pods` layout. */
  logsDir: string;
  cgroupParent?: string;
  clusterDns: string[];
  clusterDomain: string;
  /** This node's address (`status.hostIP`). */
  hostIP: string;
  resyncIntervalMs?: number;
}

/** What the node agent works with. */
export interface KubeletDeps {
  client: ApiClient;
  runtime: RuntimeService;
  images: ImageStore;
  clock: Clock;
  logger: Logger;
  pull?: ImagePuller;
  /** How probes and hooks reach pod ports; defaults to a {@link PodDialer}. */
  dialer?: Dialer;
}

/** Where a pod's containers are, for logs, exec and port-forward. */
export interface PodLocation {
  containers: Map<string, { id: string; state: ContainerStatus['state']; logPath: string; previousLogPath?: string }>;
  netnsPath?: string;
  podIP?: string;
}

/**
 * The node agent (the kubelet): watches the pods bound to this node through the API and makes
 * them real with the runtime, following STYLE §2.3 — triggers only enqueue a pod UID, one sync
 * per pod at a time, each sync observes the runtime afresh, plans with the pure
 * `computePodActions`, carries the plan out in the kubelet's order, then reports status through
 * the one {@link StatusManager}. Nothing it needs lives only in memory: after a restart it
 * rebuilds everything from the runtime's labels and the API.
 */
export class Kubelet {
  private readonly pods: Informer<Pod>;
  private readonly workers: PodWorkers;
  private readonly status: StatusManager;
  private readonly volumes: VolumeManager;
  private readonly imageManager: ImageManager;
  private readonly recorder: EventRecorder;
  private readonly backoff: CrashLoopBackOff;
  private readonly byUid = new Map<string, string>();
  /** Why containers wait, per pod UID, kept across syncs (the kubelet's reason cache). */
  private readonly waitingReasons = new Map<string, Map<string, { reason: string; message: string }>>();
  private readonly lastPods = new Map<string, Pod>();
  /** The running sync of each pod, aborted when the pod is deleted so a hung image pull does not hold up its teardown (the kubelet cancels the sync's context). */
  private readonly syncAborts = new Map<string, AbortController>();
  private unwatchRuntime?: () => void;
  private readonly log: Logger;
  private readonly dialer: Dialer;
  private readonly probes: ProbeManager;
  private readonly hooks: HandlerRunner;

  constructor(
    private readonly deps: KubeletDeps,
    private readonly config: KubeletConfig,
  ) {
    this.log = deps.logger.child({ component: 'kubelet' });
    this.recorder = new EventRecorder(deps, { component: 'kubelet', host: config.nodeName });
    this.status = new StatusManager({ ...deps, logger: this.log });
    this.volumes = new VolumeManager({ logger: this.log, clock: deps.clock }, { podsDir: config.podsDir });
    this.imageManager = new ImageManager({
      images: deps.images,
      clock: deps.clock,
      logger: this.log,
      record: (obj, type, reason, message) => this.recorder.record(obj, type, reason, message),
      ...(deps.pull ? { pull: deps.pull } : {}),
    });
    this.backoff = new CrashLoopBackOff();
    this.dialer = deps.dialer ?? new PodDialer();
    this.hooks = new HandlerRunner({ runtime: deps.runtime, dialer: this.dialer, clock: deps.clock });
    this.probes = new ProbeManager({
      clock: deps.clock,
      logger: this.log,
      prober: new Prober({
        runtime: deps.runtime,
        dialer: this.dialer,
        record: (pod, c, type, reason, message) => void this.recorder.record(this.ref(pod, c.name), type, reason, message),
      }),
      onResultChange: (uid) => this.workers.trigger(uid),
    });
    this.workers = new PodWorkers((uid) => this.syncPod(uid), { clock: deps.clock, logger: this.log }, { resyncIntervalMs: config.resyncIntervalMs ?? 10_000 });
    const enqueue = (pod: Pod) => {
      this.byUid.set(pod.metadata.uid!, `${pod.metadata.namespace}/${pod.metadata.name}`);
      this.lastPods.set(pod.metadata.uid!, pod);
      if (pod.metadata.deletionTimestamp) this.syncAborts.get(pod.metadata.uid!)?.abort();
      this.workers.trigger(pod.metadata.uid!);
    };
    this.pods = new Informer<Pod>(
      { ...deps, logger: this.log },
      Resources.pods,
      {
        onAdd: enqueue,
        onUpdate: enqueue,
        onDelete: (pod) => {
          this.syncAborts.get(pod.metadata.uid!)?.abort();
          this.workers.trigger(pod.metadata.uid!);
        },
      },
      { query: { fieldSelector: `spec.nodeName=${config.nodeName}` } },
    );
  }

  /** Starts watching pods; resolves once existing pods and runtime state are reconciled. */
  async start(): Promise<void> {
    await this.deps.runtime.ready;
    await mkdir(this.config.podsDir, { recursive: true });
    await mkdir(this.config.logsDir, { recursive: true });
    this.unwatchRuntime = this.deps.runtime.watchContainerEvents((ev) => {
      void this.podUidOfContainer(ev.containerId).then((uid) => uid && this.workers.trigger(uid));
    });
    this.pods.start();
    await this.pods.synced;
    // Pods that exist only in the runtime or on disk (deleted while we were down) get a worker
    // too: their sync finds no pod and cleans them up.
    for (const sb of await this.deps.runtime.listPodSandbox()) {
      const uid = sb.labels[RuntimeLabels.podUid];
      if (uid) this.workers.trigger(uid);
    }
    for (const uid of await this.volumes.listPodDirs()) this.workers.trigger(uid);
  }

  /** Stops watching; containers keep running (they belong to conmon, not to us). */
  stop(): void {
    this.unwatchRuntime?.();
    this.pods.stop();
    this.workers.close();
    this.probes.close();
    this.dialer.close();
  }

  /** The containers and network namespace of a pod, for the streaming server. */
  async locate(pod: Pod): Promise<PodLocation> {
    const uid = pod.metadata.uid!;
    const observed = await this.observe(uid);
    const containers: PodLocation['containers'] = new Map();
    const byName = new Map<string, ObservedContainer[]>();
    for (const c of observed.containers) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    for (const [name, list] of byName) {
      list.sort((a, b) => b.attempt - a.attempt);
      const [latest, previous] = list;
      const status = await this.deps.runtime.containerStatus(latest!.id);
      const prevStatus = previous ? await this.deps.runtime.containerStatus(previous.id).catch(() => undefined) : undefined;
      containers.set(name, {
        id: latest!.id,
        state: status.state,
        logPath: status.logPath,
        ...(prevStatus ? { previousLogPath: prevStatus.logPath } : {}),
      });
    }
    const sandbox = observed.sandboxes.find((s) => s.state === 'SANDBOX_READY');
    return { containers, ...(sandbox?.netnsPath ? { netnsPath: sandbox.netnsPath } : {}), ...(pod.status?.podIP ? { podIP: pod.status.podIP } : {}) };
  }

  private podByUid(uid: string): Pod | undefined {
    const key = this.byUid.get(uid);
    const pod = key ? this.pods.get(key) : undefined;
    return pod?.metadata.uid === uid ? pod : undefined;
  }

  private async podUidOfContainer(id: string): Promise<string | undefined> {
    try {
      return (await this.deps.runtime.containerStatus(id)).labels[RuntimeLabels.podUid];
    } catch {
      return undefined;
    }
  }

  /** The runtime's view of one pod: its sandboxes and containers, newest state. */
  private async observe(uid: string): Promise<ObservedPod> {
    const filter = { labelSelector: { [RuntimeLabels.podUid]: uid } };
    const sandboxes = await this.deps.runtime.listPodSandbox(filter);
    const sandboxStatuses = await Promise.all(sandboxes.map((s) => this.deps.runtime.podSandboxStatus(s.id).catch(() => undefined)));
    const containers = await this.deps.runtime.listContainers(filter);
    const statuses = await Promise.all(containers.map((c) => this.deps.runtime.containerStatus(c.id).catch(() => undefined)));
    return {
      sandboxes: sandboxStatuses
        .filter((s) => s !== undefined)
        .map((s) => ({
          id: s.id,
          state: s.state,
          createdAtMs: s.createdAtMs,
          attempt: s.metadata.attempt,
          ...(s.network.ip ? { ip: s.network.ip } : {}),
          ...(s.netnsPath ? { netnsPath: s.netnsPath } : {}),
        })),
      containers: statuses
        .filter((c) => c !== undefined)
        .map((c) => ({
          id: c.id,
          name: c.metadata.name,
          attempt: c.metadata.attempt,
          state: c.state,
          createdAtMs: c.createdAtMs,
          ...(c.startedAtMs ? { startedAtMs: c.startedAtMs } : {}),
          ...(c.finishedAtMs ? { finishedAtMs: c.finishedAtMs } : {}),
          ...(c.state === 'CONTAINER_EXITED' ? { exitCode: c.exitCode } : {}),
          ...(c.reason ? { reason: c.reason } : {}),
          ...(c.state === 'CONTAINER_EXITED' ? { message: terminationMessage(c) } : c.message ? { message: c.message } : {}),
          image: c.image.image,
          imageRef: c.image.imageRef ?? c.image.image,
          specHash: c.annotations[RuntimeLabels.containerHash] ?? '',
          isInit: c.annotations[RuntimeLabels.initContainer] === 'true',
          sandboxId: c.podSandboxId,
          terminationMessageHostPath: c.annotations[RuntimeLabels.terminationMessageHostPath],
        })),
    };
  }

  /** One reconcile of one pod (the kubelet's SyncPod / SyncTerminatingPod / SyncTerminatedPod). */
  private async syncPod(uid: string): Promise<{ resyncAfterMs?: number; done?: boolean }> {
    const pod = this.podByUid(uid);
    if (!pod) {
      // Deleted from the API (force delete, terminal pod, or while we were down): kill
      // everything, remove containers and sandboxes, clean up volumes.
      await this.killPod(uid, this.lastPods.get(uid), 0);
      await this.removeContainersAndSandboxes(await this.observe(uid));
      await this.volumes.tearDownPod(uid);
      this.probes.removePod(uid);
      this.status.forget(uid);
      this.byUid.delete(uid);
      this.lastPods.delete(uid);
      this.waitingReasons.delete(uid);
      return { done: true };
    }
    if (pod.metadata.deletionTimestamp) {
      // Liveness and startup stop at once; readiness keeps probing until the containers stopped.
      this.probes.stopLivenessAndStartup(pod);
      await this.killPod(uid, pod, pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
      this.probes.removePod(uid);
      const observed = await this.observe(uid);
      await this.status.setPodStatus(pod, this.statusOf(pod, observed, new Map(), undefined, true));
      await this.removeContainersAndSandboxes(observed);
      await this.volumes.tearDownPod(uid);
      await this.status.confirmDeletion(pod);
      return { resyncAfterMs: 2_000 };
    }
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
      // Terminal pods keep their exited containers (for logs) but release the sandbox.
      this.probes.removePod(uid);
      const observed = await this.observe(uid);
      for (const s of observed.sandboxes) if (s.state === 'SANDBOX_READY') await this.deps.runtime.stopPodSandbox(s.id);
      return { resyncAfterMs: 60_000 };
    }

    const now = this.deps.clock.now();
    this.probes.addPod(pod);
    let observed = await this.observe(uid);
    const actions = computePodActions(pod, observed, {
      now,
      backoff: this.backoff,
      liveness: (id) => this.probes.liveness(id),
      startup: (id) => this.probes.startup(id),
    });
    let waiting = this.waitingReasons.get(uid);
    if (!waiting) this.waitingReasons.set(uid, (waiting = new Map<string, { reason: string; message: string }>()));
    for (const b of actions.backOff) waiting.delete(b.name);
    // Like the kubelet, report what is known before slow work (volumes, images, sandbox), so
    // `get -w` shows ContainerCreating / PodInitializing while it happens.
    if (actions.createSandbox) await this.status.setPodStatus(pod, this.statusOf(pod, observed, waiting, actions));
    const abort = new AbortController();
    this.syncAborts.set(uid, abort);
    try {
      await this.carryOut(pod, observed, actions, waiting);
    } finally {
      this.syncAborts.delete(uid);
    }
    // Deleted meanwhile: the next sync (already triggered) tears the pod down; report nothing stale.
    if (abort.signal.aborted) return {};
    for (const b of actions.backOff) {
      await this.recorder.record(this.ref(pod, b.name, b.isInit), 'Warning', EventReasons.BackOffStartContainer, b.eventMessage);
    }
    this.backoff.gc(now);
    observed = await this.observe(uid);
    const status = this.statusOf(pod, observed, waiting, actions);
    await this.status.setPodStatus(pod, status);
    this.probes.updatePodStatus(pod, status, this.networkOf(pod, observed));
    await this.collectDeadContainers(observed);
    const wait = actions.backOff.map((b) => b.remainingMs ?? 0).filter((ms) => ms > 0);
    return wait.length || waiting.size ? { resyncAfterMs: Math.max(1_000, Math.min(...wait, 10_000)) } : {};
  }

  private statusOf(pod: Pod, observed: ObservedPod, waiting: Map<string, { reason: string; message: string }>, actions?: PodActions, podIsTerminal = false) {
    const sandbox = observed.sandboxes.find((s) => s.state === 'SANDBOX_READY');
    // A host-network pod's IP is the node's (kubelet generateAPIPodStatus).
    const podIPs = pod.spec?.hostNetwork ? (sandbox ? [this.config.hostIP] : []) : sandbox?.ip ? [sandbox.ip] : [];
    return generatePodStatus(pod, observed, {
      now: this.deps.clock.now(),
      oldStatus: this.status.lastWritten(pod.metadata.uid!) ?? pod.status ?? {},
      readiness: (id) => this.probes.readiness(id),
      startup: (id) => this.probes.startup(id),
      ...(actions ? { actions } : {}),
      waitingReasons: waiting,
      podIPs,
      hostIP: this.config.hostIP,
      podIsTerminal,
    });
  }

  /** Carries out a plan in the kubelet's order; stops at the first failing step. */
  private async carryOut(pod: Pod, observed: ObservedPod, actions: PodActions, waiting: Map<string, { reason: string; message: string }>): Promise<void> {
    const uid = pod.metadata.uid!;
    // 1. Kill the sandbox (and everything) when it must be recreated.
    if (actions.killPod) await this.killPod(uid, pod, pod.spec?.terminationGracePeriodSeconds ?? 30, observed);
    // 2. Kill containers that must go (spec changed, liveness failed).
    for (const [id, k] of actions.containersToKill) {
      await this.killContainer(pod, id, k.name, k.reason, k.message, this.networkOf(pod, observed));
    }
    // 3. Volumes (every sync: configMap/secret contents follow their objects).
    let volumes;
    try {
      volumes = await this.volumes.setUpPod(pod, {
        getConfigMap: (ns, name) => this.getOptional<ConfigMap>(Resources.configmaps, ns, name),
        getSecret: (ns, name) => this.getOptional<Secret>(Resources.secrets, ns, name),
        nodeName: this.config.nodeName,
        podIPs: (pod.status?.podIPs ?? []).map((p) => p.ip),
      });
    } catch (err) {
      await this.recorder.record(this.ref(pod), 'Warning', EventReasons.FailedMountVolume, errorMessage(err));
      return;
    }
    // 4. The sandbox.
    let sandboxId = actions.sandboxId;
    if (actions.createSandbox) {
      const hostsFile = computeEtcHosts(pod, {
        podIPs: [],
        clusterDomain: this.config.clusterDomain,
        ...(pod.spec?.hostNetwork ? { hostHostsFile: await readFile('/etc/hosts', 'utf8').catch(() => '') } : {}),
      });
      const { content: resolvConf, warnings } = computeResolvConf(pod, {
        clusterDns: this.config.clusterDns,
        clusterDomain: this.config.clusterDomain,
        hostResolvConf: await readFile('/etc/resolv.conf', 'utf8').catch(() => ''),
        nodeIPs: [this.config.hostIP],
      });
      for (const w of warnings) await this.recorder.record(this.ref(pod), 'Warning', w.reason, w.message);
      try {
        sandboxId = await this.deps.runtime.runPodSandbox(
          sandboxConfig(pod, actions.attempt, {
            logDirectory: join(this.config.logsDir, podLogDirName(pod)),
            hostsFile,
            resolvConf,
            ...(this.config.cgroupParent ? { cgroupParent: this.config.cgroupParent } : {}),
          }),
        );
      } catch (err) {
        await this.recorder.record(this.ref(pod), 'Warning', EventReasons.FailedCreatePodSandBox, `Failed to create pod sandbox: ${errorMessage(err)}`);
        throw err;
      }
    }
    if (!sandboxId) return;
    // 5. Init containers in order, then 6. app containers.
    for (const name of actions.initContainersToStart) {
      const c = (pod.spec?.initContainers ?? []).find((x) => x.name === name);
      if (c && !(await this.startContainer(pod, c, true, sandboxId, observed, volumes, waiting))) return;
    }
    for (const name of actions.containersToStart) {
      const c = (pod.spec?.containers ?? []).find((x) => x.name === name);
      if (c) await this.startContainer(pod, c, false, sandboxId, observed, volumes, waiting);
    }
  }

  /**
   * Creates and starts one container (kuberuntime_container.go startContainer): image, then
   * environment and mounts, then create and start, each failure a waiting reason and an event.
   * Returns whether it started.
   */
  private async startContainer(
    pod: Pod,
    container: Container,
    isInit: boolean,
    sandboxId: string,
    observed: ObservedPod,
    volumes: Awaited<ReturnType<VolumeManager['setUpPod']>>,
    waiting: Map<string, { reason: string; message: string }>,
  ): Promise<boolean> {
    const ref = this.ref(pod, container.name, isInit);
    const previous = observed.containers.filter((c) => c.name === container.name);
    const attempt = previous.length ? Math.max(...previous.map((c) => c.attempt)) + 1 : 0;
    let image;
    try {
      image = await this.imageManager.ensure(pod, container, ref, this.syncAborts.get(pod.metadata.uid!)?.signal);
    } catch (err) {
      if (isAbortError(err)) return false;
      if (err instanceof ImageWaitError) {
        waiting.set(container.name, { reason: err.code, message: err.message });
        return false;
      }
      throw err;
    }
    const uid = pod.metadata.uid!;
    let env;
    let mounts;
    const msgDir = join(this.config.podsDir, uid, 'containers', container.name);
    const terminationMessageHostPath = join(msgDir, String(attempt));
    // The pod's IP comes from its sandbox (the network is set up inside RunPodSandbox), as the
    // kubelet's podIPs for env and /etc/hosts; the API status may not carry it yet.
    const sandboxIP = pod.spec?.hostNetwork ? this.config.hostIP : (await this.deps.runtime.podSandboxStatus(sandboxId).catch(() => undefined))?.network.ip;
    const podIP = sandboxIP ?? pod.status?.podIP ?? '';
    try {
      // kuberuntime generateContainerConfig: runAsNonRoot against the image's user first.
      verifyRunAsNonRoot(pod, container, imageUserOf(image.config.user));
      env = await makeEnvironmentVariables(pod, container, {
        getConfigMap: (ns, name) => this.getOptional<ConfigMap>(Resources.configmaps, ns, name),
        getSecret: (ns, name) => this.getOptional<Secret>(Resources.secrets, ns, name),
        podIP,
        hostIP: this.config.hostIP,
        nodeName: this.config.nodeName,
      });
      await mkdir(msgDir, { recursive: true });
      await writeFile(terminationMessageHostPath, '', { mode: 0o666 });
      mounts = await makeMounts(pod, container, volumes, {
        env: Object.fromEntries(env.env.map((e) => [e.name, e.value])),
        terminationLogPath: terminationMessageHostPath,
        ...(podIP && !pod.spec?.hostNetwork
          ? { hostsFilePath: await writeEtcHosts(pod, join(this.config.podsDir, uid), { podIPs: [podIP], clusterDomain: this.config.clusterDomain }) }
          : {}),
      });
    } catch (err) {
      const message = errorMessage(err);
      await this.recorder.record(ref, 'Warning', EventReasons.FailedToCreateContainer, `Error: ${message}`);
      waiting.set(container.name, { reason: ContainerReasons.CreateContainerConfigError, message });
      return false;
    }
    const envMap = env.env.map((e) => ({ key: e.name, value: e.value }));
    const expanded = expandContainerCommandAndArgs(container, env.env);
    let id: string;
    try {
      id = await this.deps.runtime.createContainer(
        sandboxId,
        containerConfig(pod, container, {
          attempt,
          isInit,
          hash: hashContainer(container),
          image: { image: image.image, imageRef: image.imageRef, lowerDirs: image.lowerDirs, config: image.config },
          ...(expanded.command ? { command: expanded.command } : {}),
          ...(expanded.args ? { args: expanded.args } : {}),
          env: envMap,
          mounts: mounts.mounts,
          terminationMessageHostPath,
        }),
      );
    } catch (err) {
      const message = errorMessage(err);
      await this.recorder.record(ref, 'Warning', EventReasons.FailedToCreateContainer, `Error: ${message}`);
      waiting.set(container.name, { reason: ContainerReasons.CreateContainerError, message });
      return false;
    }
    await this.recorder.record(ref, 'Normal', EventReasons.CreatedContainer, `Created container ${container.name}`);
    try {
      await this.deps.runtime.startContainer(id);
    } catch (err) {
      const message = errorMessage(err);
      await this.recorder.record(ref, 'Warning', EventReasons.FailedToStartContainer, `Error: ${message}`);
      waiting.set(container.name, { reason: ContainerReasons.RunContainerError, message });
      return false;
    }
    await this.recorder.record(ref, 'Normal', EventReasons.StartedContainer, `Started container ${container.name}`);
    // kuberuntime startContainer step 4: the postStart hook, before anything else starts. A
    // failure kills the container (reason FailedPostStartHook); it restarts per restartPolicy.
    const postStart = container.lifecycle?.postStart;
    if (postStart) {
      const network = await this.sandboxNetwork(pod, sandboxId);
      try {
        await this.hooks.run(id, pod, container, postStart, network);
      } catch (err) {
        const message = errorMessage(err);
        this.log.warn('postStart hook failed', { pod: formatPodFullName(pod), container: container.name, err: message });
        // The event leaves the hook's output out, so secrets do not leak (kubelet).
        await this.recorder.record(ref, 'Warning', EventReasons.FailedPostStartHook, 'PostStartHook failed');
        await this.killContainer(pod, id, container.name, ContainerKillReasons.FailedPostStartHook, ContainerKillReasons.FailedPostStartHook, network);
        waiting.set(container.name, { reason: ContainerReasons.PostStartHookError, message });
        return false;
      }
    }
    waiting.delete(container.name);
    return true;
  }

  /** Where a pod's ports are, for probes and hooks: its IP from the node, or its netns. */
  private networkOf(pod: Pod, observed: ObservedPod): PodNetwork {
    const sandbox = observed.sandboxes.find((s) => s.state === 'SANDBOX_READY');
    const podIP = sandbox?.ip ?? (pod.spec?.hostNetwork ? this.config.hostIP : undefined);
    return { ...(podIP ? { podIP } : {}), ...(sandbox?.netnsPath && !pod.spec?.hostNetwork ? { netnsPath: sandbox.netnsPath } : {}) };
  }

  private async sandboxNetwork(pod: Pod, sandboxId: string): Promise<PodNetwork> {
    const s = await this.deps.runtime.podSandboxStatus(sandboxId).catch(() => undefined);
    if (!s) return {};
    return this.networkOf(pod, { sandboxes: [{ id: s.id, state: s.state, createdAtMs: s.createdAtMs, attempt: s.metadata.attempt, ...(s.network.ip ? { ip: s.network.ip } : {}), ...(s.netnsPath ? { netnsPath: s.netnsPath } : {}) }], containers: [] });
  }

  /**
   * kuberuntime `killContainer`: the `Killing` event, then the preStop hook within the grace
   * period (a probe's own terminationGracePeriodSeconds for a liveness/startup kill, the
   * deletion's or the pod's otherwise), then the stop signal with what is left of it — at least
   * {@link minimumGracePeriodSeconds}.
   */
  private async killContainer(pod: Pod, containerId: string, name: string, reason: ContainerKillReason, message: string, network: PodNetwork): Promise<void> {
    const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === name);
    await this.recorder.record(this.ref(pod, name), 'Normal', EventReasons.KillingContainer, message || `Stopping container ${name}`);
    let grace = killGracePeriodSeconds(pod, spec, reason);
    if (spec?.lifecycle?.preStop && grace > 0) {
      grace -= await executePreStopHook({
        runner: this.hooks,
        clock: this.deps.clock,
        containerId,
        pod,
        container: spec,
        network,
        gracePeriodSeconds: grace,
        onFailure: (err) => {
          this.log.warn('preStop hook failed', { pod: formatPodFullName(pod), container: name, err: errorMessage(err) });
          void this.recorder.record(this.ref(pod, name), 'Warning', EventReasons.FailedPreStopHook, 'PreStopHook failed');
        },
      });
    }
    await this.deps.runtime.stopContainer(containerId, Math.max(minimumGracePeriodSeconds, grace)).catch((err: unknown) => {
      if (!isRuntimeNotFound(err)) throw err;
    });
  }

  /** Stops every container (in termination order, within `graceSeconds`) and every sandbox of a pod. */
  private async killPod(uid: string, pod: Pod | undefined, graceSeconds: number, known?: ObservedPod): Promise<void> {
    const observed = known ?? (await this.observe(uid));
    const running = observed.containers.filter((c) => c.state === 'CONTAINER_RUNNING' || c.state === 'CONTAINER_CREATED');
    const order = pod ? computeTerminationOrder(pod, observed) : [running.map((c) => c.id)];
    for (const group of order) {
      await Promise.all(
        group.map(async (id) => {
          const c = observed.containers.find((x) => x.id === id);
          if (!c || (c.state !== 'CONTAINER_RUNNING' && c.state !== 'CONTAINER_CREATED')) return;
          if (pod && pod.metadata.deletionTimestamp && c.state === 'CONTAINER_RUNNING') {
            // A graceful deletion: preStop, then the signal (kuberuntime killContainer).
            await this.killContainer(pod, id, c.name, ContainerKillReasons.None, '', this.networkOf(pod, observed));
            return;
          }
          if (pod) await this.recorder.record(this.ref(pod, c.name, c.isInit), 'Normal', EventReasons.KillingContainer, `Stopping container ${c.name}`);
          await this.deps.runtime.stopContainer(id, Math.max(0, graceSeconds)).catch((err: unknown) => {
            if (!isRuntimeNotFound(err)) throw err;
          });
        }),
      );
    }
    for (const s of observed.sandboxes) {
      if (s.state === 'SANDBOX_READY') await this.deps.runtime.stopPodSandbox(s.id);
    }
  }

  private async removeContainersAndSandboxes(observed: ObservedPod): Promise<void> {
    for (const c of observed.containers) await this.deps.runtime.removeContainer(c.id).catch(() => undefined);
    for (const s of observed.sandboxes) await this.deps.runtime.removePodSandbox(s.id).catch(() => undefined);
  }

  /** Keeps the newest two instances of each container (current and `--previous`), removes older ones. */
  private async collectDeadContainers(observed: ObservedPod): Promise<void> {
    const byName = new Map<string, ObservedContainer[]>();
    for (const c of observed.containers) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    for (const list of byName.values()) {
      list.sort((a, b) => b.attempt - a.attempt);
      for (const old of list.slice(2)) if (old.state === 'CONTAINER_EXITED') await this.deps.runtime.removeContainer(old.id).catch(() => undefined);
    }
    const ready = observed.sandboxes.filter((s) => s.state === 'SANDBOX_READY').map((s) => s.id);
    for (const s of observed.sandboxes) {
      if (s.state !== 'SANDBOX_READY' && ready.length > 0 && !observed.containers.some((c) => c.sandboxId === s.id && c.state !== 'CONTAINER_EXITED')) {
        await this.deps.runtime.removePodSandbox(s.id).catch(() => undefined);
      }
    }
  }

  private async getOptional<T>(ref: typeof Resources.configmaps | typeof Resources.secrets, ns: string, name: string): Promise<T | undefined> {
    try {
      return (await this.deps.client.get(ref, ns, name)) as T;
    } catch (err) {
      if (hasCode(err, 404)) return undefined;
      throw err;
    }
  }

  /** The object an event is about: the pod, or one of its containers by field path. */
  private ref(pod: Pod, container?: string, isInit = false): InvolvedObject {
    const isInitContainer = isInit || (pod.spec?.initContainers ?? []).some((c) => c.name === container);
    return {
      kind: 'Pod',
      namespace: pod.metadata.namespace!,
      name: pod.metadata.name!,
      uid: pod.metadata.uid!,
      apiVersion: 'v1',
      resourceVersion: pod.metadata.resourceVersion!,
      ...(container ? { fieldPath: `spec.${isInitContainer ? 'initContainers' : 'containers'}{${container}}` } : {}),
    };
  }
}
