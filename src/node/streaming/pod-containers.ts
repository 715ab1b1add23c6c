/**
 * Which container a `log`/`exec`/`attach` request is for, with the API server's and the
 * kubelet's exact refusals (kubectl prints them as `Error from server (BadRequest): …`):
 * - `validateContainer` of `pkg/registry/core/pod/strategy.go`;
 * - `validateContainerLogStatus` of `pkg/kubelet/kubelet_pods.go`.
 */
import { badRequest, ContainerReasons, goQuote, type ContainerStatus, type Pod } from '../../apis/index.js';

/** Every container name of the pod in `podutil.VisitContainers` order: init, regular, ephemeral. */
export function allContainerNames(pod: Pod): string[] {
  const spec = pod.spec;
  return [
    ...(spec?.initContainers ?? []).map((c) => c.name),
    ...(spec?.containers ?? []).map((c) => c.name),
    ...(spec?.ephemeralContainers ?? []).map((c) => c.name),
  ];
}

/**
 * The container a request is for: the given one, which must exist, or the only one. Throws
 * 400 `a container name must be specified for pod web, choose one of: [nginx side]` or
 * `container x is not valid for pod web` (Go's `%s` of a string slice, unquoted names).
 */
export function validateContainer(pod: Pod, container: string | undefined): string {
  const name = pod.metadata.name ?? '';
  if (!container) {
    const containers = pod.spec?.containers ?? [];
    if (containers.length === 1) return containers[0]!.name;
    if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
    throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${allContainerNames(pod).join(' ')}]`);
  }
  if (!allContainerNames(pod).includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}

/** Which instance of a container the logs come from. */
export type LogInstance = 'current' | 'previous';

/**
 * kubelet `validateContainerLogStatus`, over the pod's reported status: which instance's log to
 * read (by the container ID the status names), or the kubelet's 400 message.
 */
export function resolveLogInstance(pod: Pod, containerName: string, previous: boolean): { instance: LogInstance; containerId: string } {
  const podName = pod.metadata.name ?? '';
  const status = pod.status;
  const cs: ContainerStatus | undefined =
    status?.containerStatuses?.find((c) => c.name === containerName) ??
    status?.initContainerStatuses?.find((c) => c.name === containerName) ??
    status?.ephemeralContainerStatuses?.find((c) => c.name === containerName);
  const c = goQuote(containerName);
  const p = goQuote(podName);
  if (!cs) throw badRequest(`container ${c} in pod ${p} is not available`);
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last?.containerID) throw badRequest(`previous terminated container ${c} in pod ${p} not found`);
    return { instance: 'previous', containerId: last.containerID };
  }
  if (running) return { instance: 'current', containerId: cs.containerID ?? '' };
  if (terminated) {
    // When the next instance did not start, terminated.containerID is empty: the last one's log.
    if (terminated.containerID) return { instance: 'current', containerId: terminated.containerID };
    if (last?.containerID) return { instance: 'previous', containerId: last.containerID };
    throw badRequest(`container ${c} in pod ${p} is terminated`);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container ${c} in pod ${p} is terminated`);
    return { instance: 'previous', containerId: last.containerID };
  }
  if (waiting) {
    switch (waiting.reason) {
      case ContainerReasons.ErrImagePull:
        throw badRequest(`container ${c} in pod ${p} is waiting to start: image can't be pulled`);
      case ContainerReasons.ImagePullBackOff:
        throw badRequest(`container ${c} in pod ${p} is waiting to start: trying and failing to pull image`);
      default:
        throw badRequest(`container ${c} in pod ${p} is waiting to start: ${waiting.reason ?? ''}`);
    }
  }
  throw badRequest(`container ${c} in pod ${p} is waiting to start - no logs yet`);
}

/** The runtime id in a status `containerID` (`podyard://abc` → `abc`). */
export function runtimeContainerId(containerID: string): string {
  const i = containerID.indexOf('://');
  return i >= 0 ? containerID.slice(i + 3) : containerID;
}
