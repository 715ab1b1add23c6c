import type { Container, Pod } from '../apis/index.js';
import { parseQuantity, toMilli, toValue } from '../apis/index.js';
import type { ContainerConfig, KeyValue, Mount, PodSandboxConfig } from '../runtime/index.js';

/** Labels and annotations the kubelet puts on sandboxes and containers (kubelet `labels.go`). */
export const RuntimeLabels = {
  podName: 'io.kubernetes.pod.name',
  podNamespace: 'io.kubernetes.pod.namespace',
  podUid: 'io.kubernetes.pod.uid',
  containerName: 'io.kubernetes.container.name',
  containerHash: 'io.kubernetes.container.hash',
  restartCount: 'io.kubernetes.container.restartCount',
  terminationMessagePath: 'io.kubernetes.container.terminationMessagePath',
  terminationMessagePolicy: 'io.kubernetes.container.terminationMessagePolicy',
  terminationGracePeriod: 'io.kubernetes.pod.terminationGracePeriod',
  /** Podyard: whether the container is an init container (`true`), for status ordering. */
  initContainer: 'io.podyard.container.init',
  /** Podyard: the host file mounted at terminationMessagePath. */
  terminationMessageHostPath: 'io.podyard.container.terminationMessageHostPath',
} as const;

/** The kubelet's pod log directory name: `<namespace>_<name>_<uid>`. */
export function podLogDirName(pod: Pod): string {
  return `${pod.metadata.namespace}_${pod.metadata.name}_${pod.metadata.uid}`;
}

/**
 * The sandbox of a pod (kuberuntime_sandbox.go generatePodSandboxConfig): hostname, log
 * directory, namespaces to share, DNS, port mappings, cgroup parent.
 */
export function sandboxConfig(
  pod: Pod,
  attempt: number,
  options: { logDirectory: string; hostsFile: string; resolvConf: string; cgroupParent?: string },
): PodSandboxConfig {
  const spec = pod.spec!;
  const hostname = (spec.hostname ?? pod.metadata.name!).slice(0, 63);
  return {
    metadata: { name: pod.metadata.name!, namespace: pod.metadata.namespace!, uid: pod.metadata.uid!, attempt },
    hostname: spec.hostNetwork ? undefined : hostname,
    logDirectory: options.logDirectory,
    labels: {
      ...pod.metadata.labels,
      [RuntimeLabels.podName]: pod.metadata.name!,
      [RuntimeLabels.podNamespace]: pod.metadata.namespace!,
      [RuntimeLabels.podUid]: pod.metadata.uid!,
    },
    annotations: { ...pod.metadata.annotations },
    portMappings: (spec.containers ?? []).flatMap((c) =>
      (c.ports ?? [])
        .filter((p) => p.hostPort)
        .map((p) => ({ protocol: p.protocol ?? 'TCP', containerPort: p.containerPort, hostPort: p.hostPort!, ...(p.hostIP ? { hostIp: p.hostIP } : {}) })),
    ),
    linux: {
      ...(options.cgroupParent ? { cgroupParent: options.cgroupParent } : {}),
      resources: podCgroupResources(pod),
      securityContext: {
        namespaceOptions: {
          network: spec.hostNetwork ? 'NODE' : 'POD',
          pid: spec.hostPID ? 'NODE' : spec.shareProcessNamespace ? 'POD' : 'CONTAINER',
          ipc: spec.hostIPC ? 'NODE' : 'POD',
        },
      },
      ...(spec.securityContext?.sysctls?.length ? { sysctls: Object.fromEntries(spec.securityContext.sysctls.map((s) => [s.name, s.value])) } : {}),
    },
    hostsFile: options.hostsFile,
    resolvConf: options.resolvConf,
  };
}

/**
 * A container's runtime config (kuberuntime_container.go generateContainerConfig): command and
 * args already expanded, environment, mounts, log path `<name>/<restartCount>.log`, resources
 * (limits → cgroup values as the kubelet computes them) and the security context.
 */
export function containerConfig(
  pod: Pod,
  container: Container,
  options: {
    attempt: number;
    isInit: boolean;
    hash: string;
    image: { image: string; imageRef: string; lowerDirs: string[]; config: ContainerConfig['imageConfig'] };
    command?: string[];
    args?: string[];
    env: KeyValue[];
    mounts: Mount[];
    terminationMessageHostPath: string;
  },
): ContainerConfig {
  const spec = pod.spec!;
  const psc = spec.securityContext ?? {};
  const sc = container.securityContext ?? {};
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  const cpuLimitMilli = limits.cpu !== undefined ? toMilli(parseQuantity(String(limits.cpu))) : undefined;
  const cpuRequestMilli = requests.cpu !== undefined ? toMilli(parseQuantity(String(requests.cpu))) : cpuLimitMilli;
  const memoryLimit = limits.memory !== undefined ? Number(toValue(parseQuantity(String(limits.memory)))) : undefined;
  const runAsUser = sc.runAsUser ?? psc.runAsUser;
  const runAsGroup = sc.runAsGroup ?? psc.runAsGroup;
  const seccompType = sc.seccompProfile?.type ?? psc.seccompProfile?.type ?? 'RuntimeDefault';
  // kuberuntime addSupplementalGroups: the pod's fsGroup, then its supplementalGroups.
  const supplementalGroups = [...(psc.fsGroup !== undefined ? [psc.fsGroup] : []), ...(psc.supplementalGroups ?? [])];
  return {
    metadata: { name: container.name, attempt: options.attempt },
    image: { image: options.image.image, imageRef: options.image.imageRef },
    rootfs: { lowerDirs: options.image.lowerDirs },
    ...(options.image.config ? { imageConfig: options.image.config } : {}),
    ...(options.command ? { command: options.command } : {}),
    ...(options.args ? { args: options.args } : {}),
    ...(container.workingDir ? { workingDir: container.workingDir } : {}),
    envs: options.env,
    mounts: options.mounts,
    labels: {
      [RuntimeLabels.podName]: pod.metadata.name!,
      [RuntimeLabels.podNamespace]: pod.metadata.namespace!,
      [RuntimeLabels.podUid]: pod.metadata.uid!,
      [RuntimeLabels.containerName]: container.name,
    },
    annotations: {
      [RuntimeLabels.containerHash]: options.hash,
      [RuntimeLabels.restartCount]: String(options.attempt),
      [RuntimeLabels.terminationMessagePath]: container.terminationMessagePath ?? '/dev/termination-log',
      [RuntimeLabels.terminationMessagePolicy]: container.terminationMessagePolicy ?? 'File',
      [RuntimeLabels.terminationGracePeriod]: String(spec.terminationGracePeriodSeconds ?? 30),
      [RuntimeLabels.initContainer]: String(options.isInit),
      [RuntimeLabels.terminationMessageHostPath]: options.terminationMessageHostPath,
    },
    logPath: `${container.name}/${options.attempt}.log`,
    stdin: container.stdin ?? false,
    stdinOnce: container.stdinOnce ?? false,
    tty: container.tty ?? false,
    linux: {
      resources: {
        // kubelet: shares from requests (min 2), quota from limits over a 100 ms period.
        cpuShares: cpuRequestMilli !== undefined ? Math.max(2, Math.floor((cpuRequestMilli * 1024) / 1000)) : 2,
        ...(cpuLimitMilli !== undefined ? { cpuPeriod: 100_000, cpuQuota: Math.max(1000, Math.floor((cpuLimitMilli * 100_000) / 1000)) } : {}),
        ...(memoryLimit !== undefined ? { memoryLimitInBytes: memoryLimit } : {}),
      },
      securityContext: {
        ...(sc.capabilities ? { capabilities: { addCapabilities: sc.capabilities.add ?? [], dropCapabilities: sc.capabilities.drop ?? [] } } : {}),
        privileged: sc.privileged ?? false,
        ...(runAsUser !== undefined ? { runAsUser } : {}),
        ...(runAsGroup !== undefined ? { runAsGroup } : {}),
        ...(supplementalGroups.length ? { supplementalGroups } : {}),
        readonlyRootfs: sc.readOnlyRootFilesystem ?? false,
        noNewPrivs: sc.allowPrivilegeEscalation === false,
        seccomp: { profileType: seccompType === 'Localhost' ? 'Localhost' : seccompType === 'Unconfined' ? 'Unconfined' : 'RuntimeDefault', ...(sc.seccompProfile?.localhostProfile ? { localhostRef: sc.seccompProfile.localhostProfile } : {}) },
      },
    },
  };
}

/** CPU milli-units and memory bytes a container asks for and is limited to. */
function containerAmounts(c: Container): { cpuRequest: number; cpuLimit?: number; memoryLimit?: number } {
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  const cpuLimit = limits.cpu !== undefined ? toMilli(parseQuantity(String(limits.cpu))) : undefined;
  const cpuRequest = requests.cpu !== undefined ? toMilli(parseQuantity(String(requests.cpu))) : (cpuLimit ?? 0);
  const memoryLimit = limits.memory !== undefined ? Number(toValue(parseQuantity(String(limits.memory)))) : undefined;
  return { cpuRequest, ...(cpuLimit !== undefined ? { cpuLimit } : {}), ...(memoryLimit !== undefined ? { memoryLimit } : {}) };
}

/**
 * The pod cgroup's limits (kubelet `ResourceConfigForPod` with CPU limits enforced): CPU shares
 * from the pod's requests; a CPU quota and a memory limit only when every container has that
 * limit. The pod's amount is the larger of its long-running containers (app containers and
 * sidecars) together and each init container with the sidecars started before it
 * (`resourcehelper.PodRequests`/`PodLimits`).
 */
export function podCgroupResources(pod: Pod): NonNullable<NonNullable<PodSandboxConfig['linux']>['resources']> {
  const spec = pod.spec!;
  type Sum = { cpuRequest: number; cpuLimit?: number; memoryLimit?: number };
  const add = (a: Sum, b: Sum): Sum => ({
    cpuRequest: a.cpuRequest + b.cpuRequest,
    ...(a.cpuLimit !== undefined && b.cpuLimit !== undefined ? { cpuLimit: a.cpuLimit + b.cpuLimit } : {}),
    ...(a.memoryLimit !== undefined && b.memoryLimit !== undefined ? { memoryLimit: a.memoryLimit + b.memoryLimit } : {}),
  });
  const max = (a: Sum, b: Sum): Sum => ({
    cpuRequest: Math.max(a.cpuRequest, b.cpuRequest),
    ...(a.cpuLimit !== undefined && b.cpuLimit !== undefined ? { cpuLimit: Math.max(a.cpuLimit, b.cpuLimit) } : {}),
    ...(a.memoryLimit !== undefined && b.memoryLimit !== undefined ? { memoryLimit: Math.max(a.memoryLimit, b.memoryLimit) } : {}),
  });
  const zero: Sum = { cpuRequest: 0, cpuLimit: 0, memoryLimit: 0 };
  let sidecars = zero;
  let initPeak = zero;
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy === 'Always') sidecars = add(sidecars, containerAmounts(c));
    else initPeak = max(initPeak, add(sidecars, containerAmounts(c)));
  }
  let total = sidecars;
  for (const c of spec.containers ?? []) total = add(total, containerAmounts(c));
  total = max(total, initPeak);
  return {
    cpuShares: Math.max(2, Math.floor((total.cpuRequest * 1024) / 1000)),
    ...(total.cpuLimit !== undefined ? { cpuPeriod: 100_000, cpuQuota: Math.max(1000, Math.floor((total.cpuLimit * 100_000) / 1000)) } : {}),
    ...(total.memoryLimit !== undefined ? { memoryLimitInBytes: total.memoryLimit } : {}),
  };
}
