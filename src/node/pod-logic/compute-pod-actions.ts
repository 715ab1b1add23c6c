/**
 * The kubelet's plan for one sync of one pod: which sandbox to (re)create, which containers to
 * kill, which init and app containers to start, and which must wait in CrashLoopBackOff.
 *
 * Follows `pkg/kubelet/kuberuntime/kuberuntime_manager.go` (`computePodActions`, `doBackOff`),
 * `kuberuntime_container.go` (`computeInitContainerActions`, the native-sidecar path the kubelet
 * uses for every pod since 1.33's LegacySidecarContainers removal), `kuberuntime/util/util.go`
 * (`PodSandboxChanged`), `kuberuntime_termination_order.go` and `container/helpers.go`
 * (`ShouldContainerBeRestarted`). Pure: the only state touched is the injected backoff (see
 * {@link computePodActions}).
 * @module
 */
import type { Container, Pod } from '../../apis/index.js';
import type {
  CrashLoopBackOff} from './backoff.js';
import {
  crashLoopBackOffEventMessage,
  crashLoopBackOffKey,
  crashLoopBackOffMessage,
} from './backoff.js';
import {
  hashContainer,
  isRestartableInitContainer,
  type ObservedContainer,
  type ObservedPod,
  PodStatusView,
  type ProbeResult,
  restartPolicyOf,
  shouldRestartOnFailure,
} from './observed.js';

/** Why a container is killed (kuberuntime `containerKillReason`); selects the grace period. */
export const ContainerKillReasons = {
  StartupProbe: 'StartupProbe',
  LivenessProbe: 'LivenessProbe',
  FailedPostStartHook: 'FailedPostStartHook',
  Unknown: 'Unknown',
  /** Spec (image) changed: the kubelet leaves the reason empty. */
  None: '',
} as const;
/** One of {@link ContainerKillReasons}. */
export type ContainerKillReason = (typeof ContainerKillReasons)[keyof typeof ContainerKillReasons];

/** A container the plan stops (kuberuntime `containerToKillInfo`). */
export interface ContainerToKill {
  name: string;
  isInit: boolean;
  reason: ContainerKillReason;
  /** The `Killing` event message, e.g. `Container app failed liveness probe, will be restarted`. */
  message: string;
}

/** A container that should restart but is held in CrashLoopBackOff this sync. */
export interface BackOffContainer {
  name: string;
  isInit: boolean;
  /** Waiting message: `back-off 20s restarting failed container=app pod=web_default(uid)`. */
  message: string;
  /** `BackOff` event message: `Back-off restarting failed container app in pod web_default(uid)`. */
  eventMessage: string;
  /** Current backoff duration. */
  backoffMs: number;
  /** Time until the restart is allowed: resync the pod then. */
  remainingMs: number;
}

/** The plan (kuberuntime `podActions`), container indexes replaced by names. */
export interface PodActions {
  /** Stop every container and the sandbox first (sandbox changed, pod failed, or nothing left to run). */
  killPod: boolean;
  /** Create a new sandbox (after killing the pod); init containers then restart from the first. */
  createSandbox: boolean;
  /** The existing sandbox to start containers in (newest one), when there is one. */
  sandboxId?: string;
  /** The attempt number for a new sandbox (max attempt + 1), or the current sandbox's attempt. */
  attempt: number;
  /** Container id → why it is killed. Carried out before any start. */
  containersToKill: Map<string, ContainerToKill>;
  /** Init containers to start, in spec order. Stop at the first regular one that fails. */
  initContainersToStart: string[];
  /** App containers to start, in spec order; each independently. */
  containersToStart: string[];
  /** Containers that would start but wait in CrashLoopBackOff (status reason + `BackOff` event). */
  backOff: BackOffContainer[];
}

/** What {@link computePodActions} consults besides the pod and its observed state. */
export interface PodActionsContext {
  /** Now, from the injected clock (ms). */
  now: number;
  /** The node's CrashLoopBackOff; without it nothing is ever held back. */
  backoff?: CrashLoopBackOff;
  /** Liveness results by container id; `Failure` kills the container. */
  liveness?: (containerId: string) => ProbeResult | undefined;
  /** Startup results by container id; `Failure` kills it, a sidecar's `Success` lets the next init container start. */
  startup?: (containerId: string) => ProbeResult | undefined;
  /**
   * Containers whose postStart hook failed and that still run: killed (reason
   * `FailedPostStartHook`), then restarted by a later sync per restartPolicy and backoff.
   * The kubelet does this inside startContainer; a node agent running hooks asynchronously
   * reports it here.
   */
  postStartFailed?: (containerId: string) => boolean;
  /**
   * Treat a non-hostNetwork sandbox without an IP as broken and re-create it (kubelet
   * behaviour). Off by default while Podyard sandboxes may run with loopback only.
   */
  requireSandboxIP?: boolean;
}

/** What {@link podSandboxChanged} decided. */
export interface SandboxDecision {
  /** A new sandbox is needed. */
  changed: boolean;
  /** Attempt for the new sandbox, or the current max attempt. */
  attempt: number;
  /** The newest sandbox's id ('' when there is none, or when the network mode changed). */
  sandboxId: string;
}

/**
 * kubelet `PodSandboxChanged`: a new sandbox is needed when there is none, when more than one is
 * ready, when the newest is not ready, when its network mode no longer matches `hostNetwork`,
 * or (with `requireSandboxIP`) when a pod-network sandbox has no IP.
 */
export function podSandboxChanged(pod: Pod, observed: ObservedPod | PodStatusView, options: { requireSandboxIP?: boolean } = {}): SandboxDecision {
  const view = observed instanceof PodStatusView ? observed : new PodStatusView(observed);
  const newest = view.sandboxes[0];
  if (!newest) return { changed: true, attempt: 0, sandboxId: '' };
  const ready = view.sandboxes.filter((s) => s.state === 'SANDBOX_READY').length;
  const maxAttempt = Math.max(...view.sandboxes.map((s) => s.attempt));
  if (ready > 1) return { changed: true, attempt: maxAttempt + 1, sandboxId: newest.id };
  if (newest.state !== 'SANDBOX_READY') return { changed: true, attempt: maxAttempt + 1, sandboxId: newest.id };
  const hostNetwork = pod.spec?.hostNetwork === true;
  if (newest.network !== undefined && newest.network !== (hostNetwork ? 'NODE' : 'POD')) {
    return { changed: true, attempt: maxAttempt + 1, sandboxId: '' };
  }
  if (options.requireSandboxIP && !hostNetwork && !newest.ip) return { changed: true, attempt: maxAttempt + 1, sandboxId: newest.id };
  return { changed: false, attempt: maxAttempt, sandboxId: newest.id };
}

/**
 * kubelet `ShouldContainerBeRestarted`: never once the pod is being deleted; always when the
 * container has no instance, or its latest is CREATED or UNKNOWN (whatever the policy); never
 * while it runs; otherwise by restartPolicy (`OnFailure` skips exit code 0).
 */
export function shouldContainerBeRestarted(container: Container, pod: Pod, observed: ObservedPod | PodStatusView): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const view = observed instanceof PodStatusView ? observed : new PodStatusView(observed);
  const status = view.find(container.name);
  if (!status) return true;
  if (status.state === 'CONTAINER_RUNNING') return false;
  if (status.state === 'CONTAINER_UNKNOWN' || status.state === 'CONTAINER_CREATED') return true;
  const policy = restartPolicyOf(pod);
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && status.exitCode === 0) return false;
  return true;
}

/** kuberuntime `isInitContainerFailed`: OOMKilled, a non-zero exit, or an unknown state. */
export function isInitContainerFailed(status: ObservedContainer): boolean {
  if (status.reason === 'OOMKilled') return true;
  if (status.state === 'CONTAINER_EXITED' && (status.exitCode ?? 0) !== 0) return true;
  return status.state === 'CONTAINER_UNKNOWN';
}

function containerChanged(container: Container, status: ObservedContainer): boolean {
  // An instance without a recorded hash (created by something else, or before hashes were
  // recorded) is never treated as changed: restarting healthy containers on agent upgrade is
  // exactly what the kubelet's hash change in 1.31 set out to avoid.
  return status.specHash !== '' && status.specHash !== hashContainer(container);
}

/**
 * kuberuntime `HasAnyRegularContainerCreated`: an app container has an instance (created,
 * running or exited), so initialization completed at some point.
 */
export function hasAnyRegularContainerCreated(pod: Pod, view: PodStatusView): boolean {
  return (pod.spec?.containers ?? []).some((c) => {
    const s = view.find(c.name);
    return s !== undefined && (s.state === 'CONTAINER_CREATED' || s.state === 'CONTAINER_RUNNING' || s.state === 'CONTAINER_EXITED');
  });
}

interface Plan {
  killPod: boolean;
  createSandbox: boolean;
  sandboxId: string;
  attempt: number;
  kill: Map<string, ContainerToKill>;
  initToStart: number[];
  toStart: number[];
}

/**
 * kuberuntime `computeInitContainerActions`: starts the first init container not yet started,
 * restarts sidecars that exited, kills sidecars that failed startup/liveness or changed, and
 * fails the pod on a failed init container under `restartPolicy: Never`. Returns whether the pod
 * has been initialized. Walks the init containers backwards, as the kubelet does, because
 * completed init containers may have been garbage-collected: the last one seen is what counts.
 */
function computeInitContainerActions(pod: Pod, view: PodStatusView, plan: Plan, ctx: PodActionsContext): boolean {
  const inits = pod.spec?.initContainers ?? [];
  if (inits.length === 0) return true;
  // A regular container created or running means initialization happened before (even if the
  // init containers are gone from the runtime now). Exited ones do not count: after a reboot
  // every container is exited and the new sandbox must initialize again.
  let podHasInitialized = (pod.spec?.containers ?? []).some((c) => {
    const s = view.find(c.name);
    return s !== undefined && (s.state === 'CONTAINER_CREATED' || s.state === 'CONTAINER_RUNNING');
  });
  let isPreviouslyInitialized = podHasInitialized;
  const restartOnFailure = shouldRestartOnFailure(pod);
  const start: number[] = [];
  const kill = (status: ObservedContainer, container: Container, reason: ContainerKillReason, message: string) =>
    plan.kill.set(status.id, { name: container.name, isInit: true, reason, message });

  for (let i = inits.length - 1; i >= 0; i--) {
    const container = inits[i]!;
    const sidecar = isRestartableInitContainer(container);
    const status = view.find(container.name);
    if (!status) {
      // Previously initialized but its instance is gone: restart it if it is a sidecar.
      if (isPreviouslyInitialized && sidecar) start.push(i);
      continue;
    }
    // After initialization only sidecars need to be kept running.
    if (isPreviouslyInitialized && !sidecar) continue;

    switch (status.state) {
      case 'CONTAINER_CREATED':
        // Created but not started: the runtime likely failed to start it. Start it again.
        start.push(i);
        break;
      case 'CONTAINER_RUNNING': {
        if (!sidecar) break; // a regular init container: wait for it to finish
        if (container.startupProbe) {
          const startup = ctx.startup?.(status.id);
          if (startup === undefined) break; // not probed yet: wait
          if (startup !== 'Success') {
            kill(status, container, ContainerKillReasons.StartupProbe, `Init container ${container.name} failed startup probe`);
            start.push(i);
            break;
          }
        }
        // The sidecar is started.
        if (i === inits.length - 1) podHasInitialized = true;
        else if (!isPreviouslyInitialized) start.push(i + 1); // first time: start the next one
        if (containerChanged(container, status)) {
          kill(status, container, ContainerKillReasons.None, `Init container ${container.name} definition changed`);
          start.push(i);
          break;
        }
        // A sidecar's liveness does not gate the next init container, but a failure restarts it.
        if (container.livenessProbe) {
          const liveness = ctx.liveness?.(status.id);
          if (liveness === undefined) break;
          if (liveness === 'Failure') {
            kill(status, container, ContainerKillReasons.LivenessProbe, `Init container ${container.name} failed liveness probe`);
            start.push(i);
            break;
          }
        }
        if (ctx.postStartFailed?.(status.id)) kill(status, container, ContainerKillReasons.FailedPostStartHook, ContainerKillReasons.FailedPostStartHook);
        break;
      }
      case 'CONTAINER_EXITED':
        if (sidecar) {
          // Sidecars restart whatever the pod's restartPolicy.
          start.push(i);
        } else if (isInitContainerFailed(status)) {
          if (!restartOnFailure) {
            plan.killPod = true;
            plan.initToStart = [];
            return false;
          }
          start.push(i);
        } else if (i === inits.length - 1) {
          podHasInitialized = true;
        } else {
          start.push(i + 1);
        }
        break;
      default: // CONTAINER_UNKNOWN
        if (sidecar) {
          kill(status, container, ContainerKillReasons.Unknown, `Init container is in "unknown" state, try killing it before restart`);
          start.push(i);
        } else {
          if (!restartOnFailure) {
            plan.killPod = true;
            plan.initToStart = [];
            return false;
          }
          kill(status, container, ContainerKillReasons.Unknown, `Init container is in "unknown" state, try killing it before restart`);
          start.push(i);
        }
    }
    isPreviouslyInitialized = true;
  }
  // Nothing has been started yet: start the first init container.
  if (!isPreviouslyInitialized) start.push(0);
  plan.initToStart = start.reverse();
  return podHasInitialized;
}

/**
 * Plans one sync of `pod` against what the runtime shows (kubelet `computePodActions`):
 *
 * 1. Sandbox: none, not ready, several ready, or the wrong network mode → kill the pod and create
 *    a new sandbox with `attempt + 1`; init containers then start over from the first, app
 *    containers restart (except OnFailure successes). A pod whose containers are all done under
 *    `Never` (or done and initialized under `OnFailure`) gets no new sandbox.
 * 2. Init containers (and native sidecars) via `computeInitContainerActions`; app containers are
 *    not considered until the pod is initialized.
 * 3. App containers: not running → start if `shouldContainerBeRestarted` (UNKNOWN ones are
 *    killed first); running → kill when the spec hash changed (always restarted), liveness or
 *    startup failed (restarted unless `Never`).
 * 4. Nothing kept running and nothing to start → `killPod` (stop sidecars and the sandbox).
 * 5. Backoff (kuberuntime `doBackOff`): each container to start whose latest exited instance
 *    finished less than its backoff ago moves to `backOff`; a regular init container in backoff
 *    also holds back everything after it. For every container that may start, the restart is
 *    recorded in `ctx.backoff` (`next`) now, as the kubelet records it right before starting.
 *    That is the one side effect of planning; carry the plan out, or the next plan will see a
 *    longer backoff.
 */
export function computePodActions(pod: Pod, observed: ObservedPod, ctx: PodActionsContext): PodActions {
  const view = new PodStatusView(observed);
  const spec = pod.spec ?? { containers: [] };
  const containers = spec.containers ?? [];
  const sandbox = podSandboxChanged(pod, view, ctx);
  const plan: Plan = {
    killPod: sandbox.changed,
    createSandbox: sandbox.changed,
    sandboxId: sandbox.sandboxId,
    attempt: sandbox.attempt,
    kill: new Map(),
    initToStart: [],
    toStart: [],
  };

  if (sandbox.changed) {
    planNewSandbox(pod, view, plan);
    return finalize(pod, view, plan, ctx);
  }

  if (!computeInitContainerActions(pod, view, plan, ctx) || plan.killPod) return finalize(pod, view, plan, ctx);

  const restartOnFailure = shouldRestartOnFailure(pod);
  let keepCount = 0;
  containers.forEach((container, idx) => {
    const status = view.find(container.name);
    if (!status || status.state !== 'CONTAINER_RUNNING') {
      if (shouldContainerBeRestarted(container, pod, view)) {
        plan.toStart.push(idx);
        if (status?.state === 'CONTAINER_UNKNOWN') {
          // Unknown might still be running: kill before starting a second instance.
          plan.kill.set(status.id, { name: container.name, isInit: false, reason: ContainerKillReasons.Unknown, message: `Container is in "unknown" state, try killing it before restart` });
        }
      }
      return;
    }
    let message: string;
    let reason: ContainerKillReason = ContainerKillReasons.None;
    let restart = restartOnFailure;
    if (containerChanged(container, status)) {
      message = `Container ${container.name} definition changed`;
      restart = true; // whatever the restart policy: the spec changed
    } else if (ctx.liveness?.(status.id) === 'Failure') {
      message = `Container ${container.name} failed liveness probe`;
      reason = ContainerKillReasons.LivenessProbe;
    } else if (ctx.startup?.(status.id) === 'Failure') {
      message = `Container ${container.name} failed startup probe`;
      reason = ContainerKillReasons.StartupProbe;
    } else if (ctx.postStartFailed?.(status.id)) {
      // kuberuntime kills it inside startContainer; it then restarts through the normal path.
      plan.kill.set(status.id, { name: container.name, isInit: false, reason: ContainerKillReasons.FailedPostStartHook, message: ContainerKillReasons.FailedPostStartHook });
      keepCount++;
      return;
    } else {
      keepCount++;
      return;
    }
    if (restart) {
      message = `${message}, will be restarted`;
      plan.toStart.push(idx);
    }
    plan.kill.set(status.id, { name: container.name, isInit: false, reason, message });
  });

  if (keepCount === 0 && plan.toStart.length === 0) {
    plan.killPod = true;
    // Sidecars must not keep a finished pod alive.
    plan.initToStart = [];
  }
  return finalize(pod, view, plan, ctx);
}

/** Step 1 of {@link computePodActions}: what to start in a fresh sandbox. */
function planNewSandbox(pod: Pod, view: PodStatusView, plan: Plan): void {
  const containers = pod.spec?.containers ?? [];
  if (!shouldRestartOnFailure(pod) && plan.attempt !== 0 && view.containers.length !== 0) {
    // Never: the pod ran before; do not bring it back just to terminate it.
    plan.createSandbox = false;
    return;
  }
  const toStart: number[] = [];
  containers.forEach((c, idx) => {
    const s = view.find(c.name);
    const succeeded = s !== undefined && s.state === 'CONTAINER_EXITED' && s.exitCode === 0;
    if (restartPolicyOf(pod) === 'OnFailure' && succeeded) return;
    toStart.push(idx);
  });
  if (toStart.length === 0 && hasAnyRegularContainerCreated(pod, view)) {
    // Initialized and nothing left to run: just kill the pod.
    plan.createSandbox = false;
    return;
  }
  if ((pod.spec?.initContainers ?? []).length > 0) {
    plan.initToStart = [0];
    return;
  }
  plan.toStart = toStart;
}

/** Step 5 of {@link computePodActions}: names, de-duplication and CrashLoopBackOff. */
function finalize(pod: Pod, view: PodStatusView, plan: Plan, ctx: PodActionsContext): PodActions {
  const inits = pod.spec?.initContainers ?? [];
  const containers = pod.spec?.containers ?? [];
  const backOff: BackOffContainer[] = [];
  const initContainersToStart: string[] = [];
  const containersToStart: string[] = [];
  let abort = false;

  for (const idx of unique(plan.initToStart)) {
    const container = inits[idx];
    if (!container) continue;
    const held = checkBackOff(pod, container, true, view, ctx);
    if (held) {
      backOff.push(held);
      // SyncPod stops at a regular init container that cannot start; sidecars are skipped.
      if (!isRestartableInitContainer(container)) {
        abort = true;
        break;
      }
      continue;
    }
    initContainersToStart.push(container.name);
  }
  if (!abort) {
    for (const idx of unique(plan.toStart)) {
      const container = containers[idx];
      if (!container) continue;
      const held = checkBackOff(pod, container, false, view, ctx);
      if (held) backOff.push(held);
      else containersToStart.push(container.name);
    }
  }
  return {
    killPod: plan.killPod,
    createSandbox: plan.createSandbox,
    ...(plan.sandboxId ? { sandboxId: plan.sandboxId } : {}),
    attempt: plan.attempt,
    containersToKill: plan.kill,
    initContainersToStart,
    containersToStart,
    backOff,
  };
}

/** kuberuntime `doBackOff`: held back (with its messages), or recorded as restarting. */
function checkBackOff(pod: Pod, container: Container, isInit: boolean, view: PodStatusView, ctx: PodActionsContext): BackOffContainer | undefined {
  const backoff = ctx.backoff;
  if (!backoff) return undefined;
  const exited = view.findExited(container.name);
  if (!exited) return undefined;
  const eventTime = exited.finishedAtMs ?? 0;
  const key = crashLoopBackOffKey(pod, container);
  const state = backoff.isInBackOff(key, eventTime, ctx.now);
  if (state.inBackOff) {
    return {
      name: container.name,
      isInit,
      message: crashLoopBackOffMessage(pod, container.name, state.durationMs),
      eventMessage: crashLoopBackOffEventMessage(pod, container.name),
      backoffMs: state.durationMs,
      remainingMs: state.remainingMs,
    };
  }
  backoff.next(key, eventTime, ctx.now);
  return undefined;
}

function unique(list: number[]): number[] {
  return [...new Set(list)];
}

/**
 * The order in which to stop a pod's live containers (kuberuntime `terminationOrdering`), as
 * groups of container ids: every group may stop concurrently, and a group starts once the one
 * before it has stopped (or the grace period ran out). First the app containers and regular init
 * containers, then each native sidecar, the last declared first. Containers not in the spec go
 * first. Only live instances (running, created or unknown) are listed.
 */
export function computeTerminationOrder(pod: Pod, observed: ObservedPod): string[][] {
  const live = newestLive(observed.containers);
  const inits = pod.spec?.initContainers ?? [];
  const sidecars = inits.filter(isRestartableInitContainer).map((c) => c.name);
  const sidecarSet = new Set(sidecars);
  const first = live.filter((c) => !sidecarSet.has(c.name)).map((c) => c.id);
  const groups = [first];
  for (const name of [...sidecars].reverse()) groups.push(live.filter((c) => c.name === name).map((c) => c.id));
  return groups.filter((g) => g.length > 0);
}

function newestLive(containers: readonly ObservedContainer[]): ObservedContainer[] {
  return containers.filter((c) => c.state === 'CONTAINER_RUNNING' || c.state === 'CONTAINER_CREATED' || c.state === 'CONTAINER_UNKNOWN');
}

/**
 * The grace period for killing one container (kuberuntime `setTerminationGracePeriod`):
 * the pod's `deletionGracePeriodSeconds` when it is being deleted; otherwise a probe's own
 * `terminationGracePeriodSeconds` for a liveness/startup kill; otherwise the pod's
 * `terminationGracePeriodSeconds` (30 by default). The caller then gives at least 2 s
 * (`minimumGracePeriodInSeconds`) after any preStop hook.
 */
export function killGracePeriodSeconds(pod: Pod, container: Container | undefined, reason: ContainerKillReason): number {
  if (pod.metadata.deletionGracePeriodSeconds !== undefined) return pod.metadata.deletionGracePeriodSeconds;
  const podGrace = pod.spec?.terminationGracePeriodSeconds ?? 30;
  if (reason === ContainerKillReasons.StartupProbe && container?.startupProbe?.terminationGracePeriodSeconds !== undefined) {
    return container.startupProbe.terminationGracePeriodSeconds;
  }
  if (reason === ContainerKillReasons.LivenessProbe && container?.livenessProbe?.terminationGracePeriodSeconds !== undefined) {
    return container.livenessProbe.terminationGracePeriodSeconds;
  }
  return podGrace;
}

/** kuberuntime `minimumGracePeriodInSeconds`: every kill gives at least this much. */
export const minimumGracePeriodSeconds = 2;
