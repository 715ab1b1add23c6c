/**
 * The observed state of one pod as the kubelet builds it from the runtime (kubelet's
 * `kubecontainer.PodStatus`), plus the small spec helpers every decision needs.
 *
 * The node agent fills an {@link ObservedPod} from `listPodSandbox`/`podSandboxStatus` and
 * `listContainers`/`containerStatus`, with the annotations it wrote when creating containers
 * (spec hash, restart count). Everything else in `pod-logic` is a pure function of a Pod and an
 * ObservedPod.
 * @module
 */
import type { Container, Pod } from '../../apis/index.js';
import type { ContainerState, PodSandboxState } from '../../runtime/index.js';

/** One sandbox of the pod (CRI `PodSandboxStatus`, the parts decisions need). */
export interface ObservedSandbox {
  id: string;
  state: PodSandboxState;
  createdAtMs: number;
  /** CRI metadata attempt: how many times the kubelet re-created the pod's sandbox. */
  attempt: number;
  /** The pod IP recorded on the sandbox, if networking gave it one. */
  ip?: string;
  /** Further pod IPs (dual stack). */
  additionalIps?: string[];
  netnsPath?: string;
  /**
   * The sandbox's network namespace mode, when known (`NODE` for hostNetwork). A mismatch with
   * the pod's `hostNetwork` forces a new sandbox, as kubelet's `PodSandboxChanged` does.
   */
  network?: 'POD' | 'NODE';
}

/** One container instance of the pod (kubelet's `kubecontainer.Status`). */
export interface ObservedContainer {
  id: string;
  /** The container's name in the pod spec. */
  name: string;
  /** The restart count this instance was created with (CRI metadata attempt / restartCount annotation). */
  attempt: number;
  state: ContainerState;
  createdAtMs: number;
  /** 0 or absent when never started (status then shows 1970-01-01T00:00:00Z, as the kubelet does). */
  startedAtMs?: number;
  finishedAtMs?: number;
  /** Present for exited containers. */
  exitCode?: number;
  /** Runtime reason for an exited container: `Completed`, `Error`, `OOMKilled`, `StartError`… */
  reason?: string;
  /** Runtime message, already enriched with the termination message (see `composeTerminationMessage`). */
  message?: string;
  /** The image as the runtime reports it (status `image`). */
  image: string;
  /** The resolved image (status `imageID`). */
  imageRef: string;
  /** {@link hashContainer} of the spec this instance was created from ('' when unknown: never treated as changed). */
  specHash: string;
  isInit?: boolean;
  /** The sandbox the container belongs to; containers of older sandboxes are not "active". */
  sandboxId?: string;
  /** Host path of the termination message file, for the node agent. */
  terminationMessageHostPath?: string | undefined;
}

/** The observed pod: all sandboxes and all container instances the runtime still has. */
export interface ObservedPod {
  sandboxes: ObservedSandbox[];
  containers: ObservedContainer[];
}

/** A probe worker's latest result (kubelet `proberesults.Result`). */
export type ProbeResult = 'Success' | 'Failure';

/** The pod's restart policy, with the API default (`Always`) applied. */
export function restartPolicyOf(pod: Pod): 'Always' | 'OnFailure' | 'Never' {
  const p = pod.spec?.restartPolicy;
  return p === 'OnFailure' || p === 'Never' ? p : 'Always';
}

/** kubelet `shouldRestartOnFailure`: any policy but `Never`. */
export function shouldRestartOnFailure(pod: Pod): boolean {
  return restartPolicyOf(pod) !== 'Never';
}

/** A native sidecar: an init container with `restartPolicy: Always` (podutil `IsRestartableInitContainer`). */
export function isRestartableInitContainer(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

/** kubelet `format.Pod`: `<name>_<namespace>(<uid>)`, used in messages. */
export function formatPodFullName(pod: Pod): string {
  return `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The container's spec hash, stored on the runtime container and compared on every sync
 * (kubelet `HashContainer`). Since Kubernetes 1.31 the kubelet hashes only `name` and `image`
 * (`pickFieldsToHash`): the only mutable container field of a pod is `image`, and hashing
 * anything else would restart containers whenever defaulting changes between versions. So an
 * image patch restarts the container; nothing else does. Hex, like the kubelet's annotation.
 */
export function hashContainer(container: Container): string {
  // Go's json.Marshal of a map sorts the keys: {"image":…,"name":…}.
  return fnv32a(JSON.stringify({ image: container.image ?? '', name: container.name })).toString(16);
}

/**
 * Container instances newest first (kuberuntime `containerStatusByCreated`), so that the first
 * instance of a name is its latest (`FindContainerStatusByName`). Ties break on attempt.
 */
export function newestFirst(containers: readonly ObservedContainer[]): ObservedContainer[] {
  return [...containers].sort((a, b) => b.createdAtMs - a.createdAtMs || b.attempt - a.attempt);
}

/** Sandboxes newest first (kuberuntime `getSandboxIDByPodUID` order). */
export function sandboxesNewestFirst(sandboxes: readonly ObservedSandbox[]): ObservedSandbox[] {
  return [...sandboxes].sort((a, b) => b.createdAtMs - a.createdAtMs || b.attempt - a.attempt);
}

/**
 * The observed pod in the kubelet's order, with its lookups (`FindContainerStatusByName`,
 * the active sandbox's containers).
 */
export class PodStatusView {
  /** Every container instance, newest first. */
  readonly containers: ObservedContainer[];
  /** Every sandbox, newest first. */
  readonly sandboxes: ObservedSandbox[];

  constructor(observed: ObservedPod) {
    this.containers = newestFirst(observed.containers);
    this.sandboxes = sandboxesNewestFirst(observed.sandboxes);
  }

  /** The latest instance of the named container (kubelet `FindContainerStatusByName`). */
  find(name: string): ObservedContainer | undefined {
    return this.containers.find((c) => c.name === name);
  }

  /** The latest instance of the named container that has exited (kuberuntime `doBackOff`). */
  findExited(name: string): ObservedContainer | undefined {
    return this.containers.find((c) => c.name === name && c.state === 'CONTAINER_EXITED');
  }

  /** Instances of the named container, newest first. */
  all(name: string): ObservedContainer[] {
    return this.containers.filter((c) => c.name === name);
  }

  /**
   * Containers of the current sandbox (kubelet's `ActiveContainerStatuses`): those whose
   * sandbox is the newest one. Containers with no recorded sandbox count as active.
   */
  active(): ObservedContainer[] {
    const current = this.sandboxes[0]?.id;
    return this.containers.filter((c) => c.sandboxId === undefined || current === undefined || c.sandboxId === current);
  }
}
