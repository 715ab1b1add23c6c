/**
 * The pod's API status as the kubelet writes it, from the pod, the observed runtime state, probe
 * results and the reasons the last sync left (kubelet's reason cache).
 *
 * Follows `pkg/kubelet/kubelet_pods.go` (`generateAPIPodStatus`, `convertStatusToAPIStatus`,
 * `convertToAPIContainerStatuses`, `getPhase`), `pkg/kubelet/prober/prober_manager.go`
 * (`UpdatePodStatus`: `started`, `ready`), `pkg/kubelet/status/generate.go` (conditions) and
 * `pkg/kubelet/status/status_manager.go` (`updateStatusInternal`: lastTransitionTime, startTime,
 * `normalizeStatus`; `mergePodStatus`: terminal phase held back while containers may run).
 *
 * Deliberate choices, documented where they matter:
 * - `containerID` is `cri-o://<id>` (Podyard's runtime is CRI-O shaped); see
 *   {@link PodStatusContext.runtimeName}.
 * - `containerStatuses` are sorted by name, as the kubelet sorts them; `initContainerStatuses`
 *   follow the spec order.
 * - `volumeMounts` statuses are emitted (RecursiveReadOnlyMounts, on by default since 1.31); the
 *   runtime does not support recursive read-only mounts, so read-only mounts say `Disabled`.
 * - Features not modelled: in-place resize (`resources`, `allocatedResources`), ephemeral
 *   containers, `user`, `stopSignal`, container restart rules.
 * @module
 */
import {
  type Container,
  type ContainerState,
  type ContainerStatus,
  ContainerReasons,
  ConditionStatuses,
  computeQOSClass,
  type Pod,
  type PodCondition,
  PodConditionTypes,
  PodPhases,
  type PodPhase,
  PodReasons,
  type PodStatus,
  type VolumeMountStatus,
} from '../../apis/index.js';
import { rfc3339 } from '../../base/index.js';
import { hasAnyRegularContainerCreated, type PodActions, podSandboxChanged, shouldContainerBeRestarted } from './compute-pod-actions.js';
import { sortPodIPs } from './env.js';
import {
  isRestartableInitContainer,
  type ObservedContainer,
  type ObservedPod,
  PodStatusView,
  type ProbeResult,
  restartPolicyOf,
} from './observed.js';
import { maxPodTerminationMessageLogLength } from './termination-message.js';

/** The message of a container that vanished after running (kubelet, two spaces included). */
export const vanishedContainerMessage = 'The container could not be located when the pod was deleted.  The container used to be Running';
/** The message of a container the runtime reports UNKNOWN after it ran. */
export const unknownContainerMessage = 'The container could not be located when the pod was terminated';
/** The message of an init container inferred Completed because app containers exist. */
export const inferredInitCompletedMessage = 'Unable to get init container status from container runtime and pod has been initialized, treat it as exited normally';

/** A container's waiting reason left by the last sync (kubelet's `reasonCache` entry). */
export interface WaitingReason {
  reason: string;
  message?: string;
}

/** What {@link generatePodStatus} consults besides the pod and the observed state. */
export interface PodStatusContext {
  /** Now, from the injected clock (ms): new condition transitions and the first startTime. */
  now: number;
  /** The last status the node wrote (status manager cache); defaults to `pod.status`. */
  oldStatus?: PodStatus;
  /** Readiness results by container id (`Success`/`true` = ready). Without a result a container with a readinessProbe is not ready. */
  readiness?: (containerId: string) => ProbeResult | boolean | undefined;
  /** Startup results by container id. Without a result a container with a startupProbe is not started. */
  startup?: (containerId: string) => ProbeResult | boolean | undefined;
  /** The plan of this sync: its `backOff` entries become `CrashLoopBackOff` waiting reasons. */
  actions?: PodActions;
  /**
   * Why containers could not start (kubelet reason cache): `ErrImagePull`, `ImagePullBackOff`,
   * `CreateContainerConfigError`, `RunContainerError`… Applied only to containers that should
   * restart; entries here win over `actions.backOff`.
   */
  waitingReasons?: ReadonlyMap<string, WaitingReason>;
  /** The sandbox's IPs (empty while it has none); sorted by the node's IP family. */
  podIPs?: string[];
  hostIP?: string;
  /** Host IPs (dual stack); defaults to `[hostIP]`. */
  hostIPs?: string[];
  /**
   * The pod is being terminated and its containers will not restart (kubelet's `podIsTerminal`
   * after `SyncTerminatingPod` stopped them): all stopped gives Succeeded or Failed whatever the
   * restartPolicy.
   */
  podIsTerminal?: boolean;
  /**
   * Whether containers may still run (pod worker `CouldHaveRunningContainers`). While true a
   * terminal phase is held back (status manager `mergePodStatus`). Defaults to: some observed
   * container is running or unknown, or the latest instance of a container is created.
   */
  couldHaveRunningContainers?: boolean;
  /** See `PodActionsContext.requireSandboxIP`; used for PodReadyToStartContainers. */
  requireSandboxIP?: boolean;
  /** The `containerID` scheme: `cri-o` by default (`cri-o://<id>`). */
  runtimeName?: string;
}

type Statuses = Map<string, ContainerStatus>;

function clone<T>(value: T): T {
  return structuredClone(value);
}

function time(ms: number | undefined): string {
  // Go's time.Unix(0, 0) is not the zero time: a never-started container reports the epoch.
  return rfc3339(ms ?? 0);
}

function isTrueResult(r: ProbeResult | boolean | undefined): boolean {
  return r === true || r === 'Success';
}

/** The status of the newest runtime instance of a container (kubelet `convertContainerStatus`). */
function convertContainerStatus(cs: ObservedContainer, old: ContainerStatus | undefined, runtimeName: string): ContainerStatus {
  const cid = `${runtimeName}://${cs.id}`;
  const status: ContainerStatus = {
    name: cs.name,
    restartCount: cs.attempt,
    image: cs.image,
    imageID: cs.imageRef,
    containerID: cid,
    ready: false,
    state: {},
    lastState: {},
  };
  if (old?.volumeMounts) status.volumeMounts = clone(old.volumeMounts);
  switch (cs.state) {
    case 'CONTAINER_RUNNING':
      status.state = { running: { startedAt: time(cs.startedAtMs) } };
      break;
    case 'CONTAINER_CREATED':
      // Created but not running: "waiting to be running".
      status.state = { waiting: {} };
      break;
    case 'CONTAINER_EXITED':
      status.state = {
        terminated: {
          exitCode: cs.exitCode ?? 0,
          ...(cs.reason ? { reason: cs.reason } : {}),
          ...(cs.message ? { message: cs.message } : {}),
          startedAt: time(cs.startedAtMs),
          finishedAt: time(cs.finishedAtMs),
          containerID: cid,
        },
      };
      break;
    default:
      if (old?.state?.running) {
        // It ran and now cannot be found: report it terminated rather than waiting, so that a
        // run-once pod does not look as if it never ran.
        status.state = { terminated: { reason: ContainerReasons.ContainerStatusUnknown, message: unknownContainerMessage, exitCode: 137 } };
        status.restartCount = old.restartCount + 1;
      } else {
        status.state = { waiting: {} };
      }
  }
  return status;
}

/** `volumeMounts` of a fresh status (RecursiveReadOnlyMounts; the runtime cannot do recursive read-only). */
function volumeMountStatuses(container: Container): VolumeMountStatus[] | undefined {
  if (!container.volumeMounts?.length) return undefined;
  return container.volumeMounts.map((m) => ({
    name: m.name,
    mountPath: m.mountPath,
    ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
  }));
}

/**
 * kubelet `convertToAPIContainerStatuses` for one list (app or init containers):
 * 1. a default waiting status per spec container (`ContainerCreating`, or `PodInitializing` when
 *    the pod has init containers), keeping restartCount and lastState from the old status, or the
 *    whole old status if it was terminated;
 * 2. a container that ran but vanished from the runtime gets lastState terminated 137
 *    `ContainerStatusUnknown` (and a restart counted unless the pod is being deleted);
 * 3. the newest runtime instance gives the state, the one before it the lastState;
 * 4. containers that will be restarted and have a cached reason show `waiting` with it (their
 *    terminated state moving to lastState); successful init containers never do.
 */
function convertToAPIContainerStatuses(
  pod: Pod,
  view: PodStatusView,
  previous: readonly ContainerStatus[] | undefined,
  containers: readonly Container[],
  hasInitContainers: boolean,
  isInit: boolean,
  reasons: ReadonlyMap<string, WaitingReason>,
  runtimeName: string,
): ContainerStatus[] {
  const oldStatuses = new Map((previous ?? []).map((s) => [s.name, s]));
  const defaultReason = hasInitContainers ? ContainerReasons.PodInitializing : ContainerReasons.ContainerCreating;
  const statuses: Statuses = new Map();

  // 1. Defaults.
  for (const container of containers) {
    let status: ContainerStatus = {
      name: container.name,
      image: container.image ?? '',
      imageID: '',
      ready: false,
      restartCount: 0,
      state: { waiting: { reason: defaultReason } },
      lastState: {},
    };
    const mounts = volumeMountStatuses(container);
    if (mounts) status.volumeMounts = mounts;
    const old = oldStatuses.get(container.name);
    if (old) {
      if (old.state?.terminated) {
        status = clone(old);
      } else {
        status.restartCount = old.restartCount;
        status.lastState = clone(old.lastState ?? {});
      }
    }
    statuses.set(container.name, status);
  }

  // 2. Containers that ran and are gone from the runtime.
  for (const container of containers) {
    if (view.find(container.name)) continue;
    const old = oldStatuses.get(container.name);
    if (!old || old.state?.terminated || !old.state?.running) continue;
    const status = statuses.get(container.name)!;
    if (status.state?.waiting?.reason !== defaultReason) continue;
    if (status.lastState?.terminated) continue;
    status.lastState = { terminated: { reason: ContainerReasons.ContainerStatusUnknown, message: vanishedContainerMessage, exitCode: 137 } };
    if (!pod.metadata.deletionTimestamp) status.restartCount += 1;
  }

  // 3. Runtime instances, newest first: current state, then the last termination.
  const seen = new Map<string, number>();
  for (const cs of view.containers) {
    if (!statuses.has(cs.name)) continue;
    const n = seen.get(cs.name) ?? 0;
    if (n >= 2) continue;
    const old = oldStatuses.get(cs.name);
    const status = convertContainerStatus(cs, old, runtimeName);
    if (cs.state === 'CONTAINER_RUNNING' && old?.started !== undefined) status.started = old.started;
    if (n === 0) statuses.set(cs.name, status);
    else statuses.get(cs.name)!.lastState = status.state ?? {};
    seen.set(cs.name, n + 1);
  }

  // 4. Containers the next sync will (re)start, with the reason they could not start.
  for (const container of containers) {
    const status = statuses.get(container.name)!;
    if (isInit) {
      const s = view.find(container.name);
      if (s && s.state === 'CONTAINER_EXITED' && s.exitCode === 0) continue;
      if (!s && hasAnyRegularContainerCreated(pod, view) && !isRestartableInitContainer(container) && status.state?.waiting) {
        status.state = { terminated: { reason: ContainerReasons.Completed, message: inferredInitCompletedMessage, exitCode: 0 } };
        continue;
      }
    }
    if (!shouldContainerBeRestarted(container, pod, view)) continue;
    const reason = reasons.get(container.name);
    if (!reason) continue;
    if (status.state?.terminated) status.lastState = status.state;
    status.state = { waiting: { reason: reason.reason, ...(reason.message ? { message: reason.message } : {}) } };
  }

  if (isInit) return containers.map((c) => statuses.get(c.name)!);
  return [...statuses.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * prober `UpdatePodStatus`: `started` (running, and its startup probe succeeded if it has one) and
 * `ready` (started, running, and its readiness probe succeeded if it has one). A regular init
 * container is ready once it exited 0; sidecars are treated like app containers.
 */
function applyProbeResults(pod: Pod, statuses: ContainerStatus[], initStatuses: ContainerStatus[], ctx: PodStatusContext): void {
  const specs = new Map<string, Container>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) specs.set(c.name, c);
  const idOf = (s: ContainerStatus) => (s.containerID ?? '').replace(/^[^:]*:\/\//, '');
  const isStarted = (s: ContainerStatus): boolean => {
    if (!s.state?.running) return false;
    const r = ctx.startup?.(idOf(s));
    if (r !== undefined) return isTrueResult(r);
    // A startup probe that has not run yet: not started.
    return !specs.get(s.name)?.startupProbe;
  };
  const isReady = (s: ContainerStatus): boolean => {
    if (!s.state?.running) return false;
    const r = ctx.readiness?.(idOf(s));
    if (r !== undefined && isTrueResult(r)) return true;
    // No readiness probe: ready once started. A probe without a success: not ready.
    return !specs.get(s.name)?.readinessProbe;
  };
  for (const s of statuses) {
    const started = isStarted(s);
    s.started = started;
    if (started) s.ready = isReady(s);
  }
  for (const s of initStatuses) {
    const started = isStarted(s);
    s.started = started;
    const spec = specs.get(s.name);
    if (!spec || !isRestartableInitContainer(spec)) {
      if (s.state?.terminated && s.state.terminated.exitCode === 0) s.ready = true;
      continue;
    }
    if (started) s.ready = isReady(s);
  }
}

/**
 * kubelet `getPhase`: Pending while a regular init container has not completed (or a sidecar has
 * not started before the pod initialized) or a container waits without having run; Failed when a
 * regular init container failed under `Never`; Running while something runs and every container
 * has a status; once all stopped, Succeeded/Failed per exit codes when the pod is terminal or its
 * policy will not restart them (OnFailure: Succeeded only if all succeeded, else Running;
 * Always: Running). Sidecars do not count once they stopped.
 */
export function getPhase(pod: Pod, info: readonly ContainerStatus[], podIsTerminal: boolean, podHasInitialized: boolean): PodPhase {
  const byName = new Map(info.map((s) => [s.name, s]));
  const policy = restartPolicyOf(pod);
  let pendingRestartableInitContainers = 0;
  let pendingRegularInitContainers = 0;
  let failedInitialization = 0;
  for (const container of pod.spec?.initContainers ?? []) {
    if (isRestartableInitContainer(container)) continue;
    const s = byName.get(container.name);
    if (!s) {
      pendingRegularInitContainers++;
      continue;
    }
    if (s.state?.running) pendingRegularInitContainers++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingRegularInitContainers++;
    } else pendingRegularInitContainers++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const container of pod.spec?.initContainers ?? []) {
    if (!isRestartableInitContainer(container)) continue;
    const s = byName.get(container.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) {
      if (s.started !== true) pendingRestartableInitContainers++;
      running++;
    } else if (s.state?.terminated) {
      // Stopped sidecars do not count.
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingRestartableInitContainers++;
        waiting++;
      }
    } else {
      pendingRestartableInitContainers++;
      unknown++;
    }
  }
  for (const container of pod.spec?.containers ?? []) {
    const s = byName.get(container.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  if (failedInitialization > 0 && policy === 'Never') return PodPhases.Failed;
  if (pendingRegularInitContainers > 0 || (pendingRestartableInitContainers > 0 && !podHasInitialized) || waiting > 0) return PodPhases.Pending;
  if (running > 0 && unknown === 0) return PodPhases.Running;
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? PodPhases.Succeeded : PodPhases.Failed;
    if (policy === 'Always') return PodPhases.Running;
    if (stopped === succeeded) return PodPhases.Succeeded;
    if (policy === 'Never') return PodPhases.Failed;
    return PodPhases.Running;
  }
  return PodPhases.Pending;
}

function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

function condition(pod: Pod, type: string, status: string, reason?: string, message?: string): PodCondition {
  const generation = pod.metadata.generation;
  return {
    type,
    status,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    ...(generation ? { observedGeneration: generation } : {}),
  };
}

/** status `GenerateContainersReadyCondition`: all app containers and sidecars ready. */
export function generateContainersReadyCondition(pod: Pod, statuses: readonly ContainerStatus[] | undefined, phase: PodPhase): PodCondition {
  const type = PodConditionTypes.ContainersReady;
  if (!statuses || statuses.length === 0) return condition(pod, type, ConditionStatuses.False, PodReasons.UnknownContainerStatuses);
  const byName = new Map(statuses.map((s) => [s.name, s]));
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (c: Container) => {
    const s = byName.get(c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  };
  for (const c of pod.spec?.initContainers ?? []) if (isRestartableInitContainer(c)) check(c);
  for (const c of pod.spec?.containers ?? []) check(c);
  if (phase === PodPhases.Succeeded && unknown.length === 0) return condition(pod, type, ConditionStatuses.False, PodReasons.PodCompleted);
  if (phase === PodPhases.Failed) return condition(pod, type, ConditionStatuses.False, PodReasons.PodFailed);
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length) return condition(pod, type, ConditionStatuses.False, PodReasons.ContainersNotReady, messages.join(', '));
  return condition(pod, type, ConditionStatuses.True);
}

/** status `GeneratePodReadyCondition`: ContainersReady, and every readiness gate's condition True. */
export function generatePodReadyCondition(pod: Pod, conditions: readonly PodCondition[], statuses: readonly ContainerStatus[] | undefined, phase: PodPhase): PodCondition {
  const type = PodConditionTypes.Ready;
  const containersReady = generateContainersReadyCondition(pod, statuses, phase);
  if (containersReady.status !== ConditionStatuses.True) return condition(pod, type, containersReady.status, containersReady.reason, containersReady.message);
  const messages: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== ConditionStatuses.True) messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length) return condition(pod, type, ConditionStatuses.False, PodReasons.ReadinessGatesNotReady, messages.join(', '));
  return condition(pod, type, ConditionStatuses.True);
}

/** status `GeneratePodInitializedCondition`: every regular init container completed and every sidecar started. */
export function generatePodInitializedCondition(pod: Pod, statuses: readonly ContainerStatus[] | undefined, phase: PodPhase): PodCondition {
  const type = PodConditionTypes.Initialized;
  const inits = pod.spec?.initContainers ?? [];
  if ((!statuses || statuses.length === 0) && inits.length > 0) return condition(pod, type, ConditionStatuses.False, PodReasons.UnknownContainerStatuses);
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = byName.get(c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    const initialized = isRestartableInitContainer(c) ? s.started === true : s.ready;
    if (!initialized) incomplete.push(c.name);
  }
  if (phase === PodPhases.Succeeded && unknown.length === 0) return condition(pod, type, ConditionStatuses.True, PodReasons.PodCompleted);
  // A regular container that has run means the pod was initialized (sidecars may be restarting).
  const regular = new Set((pod.spec?.containers ?? []).map((c) => c.name));
  if ((statuses ?? []).some((s) => regular.has(s.name) && (s.state?.running || s.state?.terminated))) return condition(pod, type, ConditionStatuses.True);
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length) return condition(pod, type, ConditionStatuses.False, PodReasons.ContainersNotInitialized, messages.join(', '));
  return condition(pod, type, ConditionStatuses.True);
}

/** Conditions the kubelet owns (kubetypes `PodConditionByKubelet`); the rest are kept from the API. */
const kubeletConditions = new Set<string>([
  PodConditionTypes.PodScheduled,
  PodConditionTypes.Ready,
  PodConditionTypes.Initialized,
  PodConditionTypes.ContainersReady,
  PodConditionTypes.PodReadyToStartContainers,
  'PodResizeInProgress',
  'PodResizePending',
]);

function isTerminal(phase: string | undefined): boolean {
  return phase === PodPhases.Succeeded || phase === PodPhases.Failed;
}

/** normalizeStatus: a pod's terminated messages share 12 KiB. */
function truncateMessages(pod: Pod, lists: ContainerStatus[][]): void {
  const count = (pod.spec?.containers?.length ?? 0) + (pod.spec?.initContainers?.length ?? 0) + (pod.spec?.ephemeralContainers?.length ?? 0);
  const bytesPerStatus = count > 0 ? Math.floor(maxPodTerminationMessageLogLength / count) : maxPodTerminationMessageLogLength;
  const cut = (state: ContainerState | undefined) => {
    const t = state?.terminated;
    if (t?.message && Buffer.byteLength(t.message) > bytesPerStatus) {
      t.message = Buffer.from(t.message).subarray(0, bytesPerStatus).toString('utf8');
    }
  };
  for (const list of lists) for (const s of list) {
    cut(s.state);
    cut(s.lastState);
  }
}

/**
 * Builds the pod's status as the kubelet would write it through `pods/status`
 * (`generateAPIPodStatus` followed by the status manager's bookkeeping):
 *
 * 1. podIP/podIPs (sorted by the node's family; kept after the pod stopped, as
 *    `preserveDataFromBeforeStopping` does), qosClass;
 * 2. container and init container statuses ({@link convertToAPIContainerStatuses}), with the
 *    waiting reasons of this sync (`waitingReasons`, then `actions.backOff` as CrashLoopBackOff);
 * 3. phase ({@link getPhase}; sidecars use the `started` of the previous status, like the
 *    kubelet), never leaving a terminal phase, keeping reason/message while the phase holds;
 * 4. started/ready from probe results;
 * 5. conditions: the API's non-kubelet conditions, then PodReadyToStartContainers, Initialized,
 *    Ready, ContainersReady, PodScheduled (True), each with lastTransitionTime kept while its
 *    status is unchanged;
 * 6. hostIP/hostIPs (and podIP for hostNetwork pods); startTime kept, or now;
 * 7. a terminal phase is held back while containers may still run (`mergePodStatus`).
 */
export function generatePodStatus(pod: Pod, observed: ObservedPod, ctx: PodStatusContext): PodStatus {
  const view = new PodStatusView(observed);
  const apiStatus = pod.status ?? {};
  const old = ctx.oldStatus ?? apiStatus;
  const runtimeName = ctx.runtimeName ?? 'cri-o';
  const inits = pod.spec?.initContainers ?? [];
  const containers = pod.spec?.containers ?? [];
  const nowTime = rfc3339(ctx.now);
  const s: PodStatus = {};

  // 1. Pod IPs and QoS.
  const hostIPs = ctx.hostIPs?.length ? ctx.hostIPs : ctx.hostIP ? [ctx.hostIP] : [];
  let podIPs = sortPodIPs(ctx.podIPs ?? [], hostIPs[0]);

  // 2. Container statuses.
  const reasons = new Map<string, WaitingReason>();
  for (const b of ctx.actions?.backOff ?? []) reasons.set(b.name, { reason: ContainerReasons.CrashLoopBackOff, message: b.message });
  for (const [name, r] of ctx.waitingReasons ?? []) reasons.set(name, r);
  const containerStatuses = convertToAPIContainerStatuses(pod, view, old.containerStatuses, containers, inits.length > 0, false, reasons, runtimeName);
  const initContainerStatuses = convertToAPIContainerStatuses(pod, view, old.initContainerStatuses, inits, inits.length > 0, true, reasons, runtimeName);

  // 3. Phase.
  const regular = new Set(containers.map((c) => c.name));
  const podHasInitialized = view.active().some((c) => regular.has(c.name));
  let phase = getPhase(pod, [...containerStatuses, ...initContainerStatuses], ctx.podIsTerminal === true, podHasInitialized);
  if (!isTerminal(phase)) {
    if (isTerminal(old.phase)) phase = old.phase as PodPhase;
    else if (isTerminal(apiStatus.phase)) phase = apiStatus.phase as PodPhase;
  }
  let reason: string | undefined;
  let message: string | undefined;
  if (phase === old.phase) {
    reason = old.reason || apiStatus.reason;
    message = old.message || apiStatus.message;
  }
  if (isTerminal(apiStatus.phase) && phase !== apiStatus.phase) phase = apiStatus.phase as PodPhase;

  // 4. Probes.
  applyProbeResults(pod, containerStatuses, initContainerStatuses, ctx);

  if (podIPs.length === 0 && (isTerminal(phase) || pod.metadata.deletionTimestamp)) {
    podIPs = (old.podIPs ?? []).map((p) => p.ip);
    if (podIPs.length === 0 && old.podIP) podIPs = [old.podIP];
  }

  // 5. Conditions.
  const conditions: PodCondition[] = (apiStatus.conditions ?? []).filter((c) => !kubeletConditions.has(c.type)).map(clone);
  const all = [...initContainerStatuses, ...containerStatuses];
  conditions.push(condition(pod, PodConditionTypes.PodReadyToStartContainers, podSandboxChanged(pod, view, ctx).changed ? ConditionStatuses.False : ConditionStatuses.True));
  conditions.push(generatePodInitializedCondition(pod, all, phase));
  conditions.push(generatePodReadyCondition(pod, conditions, all, phase));
  conditions.push(generateContainersReadyCondition(pod, all, phase));
  conditions.push(condition(pod, PodConditionTypes.PodScheduled, ConditionStatuses.True));
  for (const c of conditions) {
    if (!kubeletConditions.has(c.type)) continue;
    const prev = old.conditions?.find((x) => x.type === c.type);
    c.lastTransitionTime = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : nowTime;
  }

  // 7. Hold a terminal phase back while containers may still run (mergePodStatus).
  // A running or unknown instance may run; a created one only if it is the latest of its name
  // (an older one left behind by a failed start never will).
  const couldHaveRunning =
    ctx.couldHaveRunningContainers ??
    view.containers.some((c) => c.state === 'CONTAINER_RUNNING' || c.state === 'CONTAINER_UNKNOWN' || (c.state === 'CONTAINER_CREATED' && view.find(c.name) === c));
  if (!isTerminal(apiStatus.phase) && isTerminal(phase) && couldHaveRunning) {
    phase = (apiStatus.phase ?? PodPhases.Pending);
    reason = apiStatus.reason;
    message = apiStatus.message;
  }

  truncateMessages(pod, [containerStatuses, initContainerStatuses]);

  s.phase = phase;
  if (reason) s.reason = reason;
  if (message) s.message = message;
  s.conditions = conditions;
  if (pod.metadata.generation) s.observedGeneration = pod.metadata.generation;

  // 6. Addresses and start time.
  if (hostIPs.length) {
    s.hostIP = hostIPs[0];
    s.hostIPs = hostIPs.slice(0, 2).map((ip) => ({ ip }));
  }
  if (podIPs.length === 0 && pod.spec?.hostNetwork && hostIPs.length) podIPs = hostIPs.slice(0, 2);
  if (podIPs.length) {
    s.podIP = podIPs[0];
    s.podIPs = podIPs.map((ip) => ({ ip }));
  }
  s.startTime = old.startTime || apiStatus.startTime || nowTime;
  if (initContainerStatuses.length) s.initContainerStatuses = initContainerStatuses;
  s.containerStatuses = containerStatuses;
  s.qosClass = apiStatus.qosClass ?? computeQOSClass(pod);
  return s;
}
