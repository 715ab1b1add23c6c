/**
 * The CRI-shaped container runtime contract the node agent (kubelet) programs against.
 *
 * Shapes follow kubelet's CRI (`k8s.io/cri-api/pkg/apis/runtime/v1/api.proto`) with TypeScript
 * naming: camelCase fields, timestamps in milliseconds since the epoch (`*AtMs`, 0 when unset),
 * and the Kubernetes/CRI enum words verbatim (`SANDBOX_READY`, `CONTAINER_EXITED`, `POD`…).
 * Implementations: {@link RuncRuntime} (runc driven through conmon, the way CRI-O does it) and
 * `testing/fake-runtime.ts`'s `FakeRuntime` (kubelet's `fake_runtime_service.go`) for unit tests.
 *
 * Images are not this module's concern: a container's root filesystem comes in as plain lower
 * directories (`rootfs.lowerDirs`) and the image's config as {@link ImageConfig}; the node agent
 * wires `images` in.
 */
import type { Readable, Writable } from 'node:stream';

// ---------------------------------------------------------------------------------------------
// Pod sandboxes

/** Which namespaces a pod's containers share (CRI `NamespaceOptions`). */
export interface NamespaceOptions {
  /** `POD`: one network namespace for the pod (default); `NODE`: the host's (hostNetwork). */
  network?: 'POD' | 'NODE';
  /** `CONTAINER`: one PID namespace per container (default); `POD`: shareProcessNamespace; `NODE`: hostPID. */
  pid?: 'CONTAINER' | 'POD' | 'NODE';
  /** `POD`: one IPC namespace for the pod (default); `NODE`: hostIPC. */
  ipc?: 'POD' | 'NODE';
}

/** CRI `SecurityProfile` for seccomp. */
export interface SecurityProfile {
  /** `RuntimeDefault` (the runtime's default filter), `Unconfined`, or `Localhost` (a JSON file). */
  profileType: 'RuntimeDefault' | 'Unconfined' | 'Localhost';
  /** For `Localhost`: absolute path of an OCI seccomp profile (JSON) on the host. */
  localhostRef?: string;
}

/** CRI `PodSandboxMetadata`: who the sandbox is for. */
export interface PodSandboxMetadata {
  name: string;
  uid: string;
  namespace: string;
  /** Incremented by the kubelet each time it re-creates the sandbox of the same pod. */
  attempt: number;
}

/** CRI `DNSConfig`, written as the pod's `/etc/resolv.conf` unless {@link PodSandboxConfig.resolvConf} is given. */
export interface DnsConfig {
  servers?: string[];
  searches?: string[];
  options?: string[];
}

/** CRI `PortMapping` (hostPort). Recorded only: the networking layer acts on it. */
export interface PortMapping {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  containerPort: number;
  hostPort?: number;
  hostIp?: string;
}

/** CRI `LinuxSandboxSecurityContext` (the parts a runc sandbox uses). */
export interface LinuxSandboxSecurityContext {
  namespaceOptions?: NamespaceOptions;
  privileged?: boolean;
  seccomp?: SecurityProfile;
}

/** CRI `LinuxPodSandboxConfig`. */
export interface LinuxPodSandboxConfig {
  /**
   * The pod-level cgroup, relative to the runtime's own cgroup root (for example
   * `kubepods/burstable/pod<uid>`); defaults to `pod<sandboxId>`. Never escapes the runtime's root.
   */
  cgroupParent?: string;
  /** Limits of the pod cgroup, which holds every container (kubelet `ResourceConfigForPod`). */
  resources?: LinuxContainerResources;
  securityContext?: LinuxSandboxSecurityContext;
  /** Namespaced sysctls applied to the sandbox (`net.*`, `kernel.shm*`, …). */
  sysctls?: Record<string, string>;
}

/** CRI `PodSandboxConfig`, plus the contents of the files the runtime writes for the pod. */
export interface PodSandboxConfig {
  metadata: PodSandboxMetadata;
  /** The pod's hostname (UTS namespace); ignored with host networking. Defaults to `metadata.name`. */
  hostname?: string;
  /** Absolute directory under which container logs go (`<logDirectory>/<container.logPath>`). */
  logDirectory?: string;
  dnsConfig?: DnsConfig;
  portMappings?: PortMapping[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  linux?: LinuxPodSandboxConfig;
  /** Contents of the pod's `/etc/hosts`, bind-mounted into every container (kubelet's managed hosts file). */
  hostsFile?: string;
  /** Contents of the pod's `/etc/resolv.conf`; when absent it is generated from {@link dnsConfig}, or copied from the host. */
  resolvConf?: string;
  /** Size of the pod's `/dev/shm` tmpfs in bytes (default 64 MiB, as Docker and CRI-O). */
  shmSizeBytes?: number;
}

/** CRI `PodSandboxState`. */
export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

/** CRI `PodSandbox`, the list item. */
export interface PodSandbox {
  id: string;
  metadata: PodSandboxMetadata;
  state: PodSandboxState;
  createdAtMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The pod's addresses, as recorded by {@link RuntimeService.setPodSandboxNetwork}. */
export interface PodSandboxNetworkStatus {
  ip?: string;
  additionalIps?: string[];
}

/** CRI `PodSandboxStatus`, plus the paths the node agent and the networking layer need. */
export interface PodSandboxStatus extends PodSandbox {
  network: PodSandboxNetworkStatus;
  linux: { namespaces: { options: Required<NamespaceOptions> } };
  /** The pinned network namespace file, for CNI (absent with host networking). */
  netnsPath?: string;
  /** The pod's hostname as seen by its containers. */
  hostname: string;
  logDirectory?: string;
  /** The pod's cgroup path (cgroupfs, absolute within each controller hierarchy). */
  cgroupPath: string;
  /** PID of the pause process, while it runs. */
  pid?: number;
}

/** CRI `PodSandboxFilter`: every given field must match. */
export interface PodSandboxFilter {
  id?: string;
  state?: PodSandboxState;
  labelSelector?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Containers

/** CRI `ContainerMetadata`. */
export interface ContainerMetadata {
  name: string;
  /** The container's restart count in its pod (kubelet's attempt). */
  attempt: number;
}

/** CRI `ImageSpec` plus the root filesystem as prepared by `images`. */
export interface ContainerImage {
  /** The image reference as the user wrote it, reported back in status. */
  image: string;
  /** The resolved reference (digest), reported back as `imageRef`. */
  imageRef?: string;
}

/** The parts of an OCI image config the runtime merges with the container config (containerd's rules). */
export interface ImageConfig {
  entrypoint?: string[];
  cmd?: string[];
  /** `KEY=value` entries; the container's `envs` override them by key. */
  env?: string[];
  workingDir?: string;
  /** `user`, `uid`, `user:group` or `uid:gid`; names are resolved in the container's `/etc/passwd` and `/etc/group`. */
  user?: string;
  /** For example `SIGQUIT`; used when the container config sets no stopSignal. */
  stopSignal?: string;
}

/** CRI `Mount`. */
export interface Mount {
  containerPath: string;
  hostPath: string;
  readonly?: boolean;
  /** Mount propagation: `PRIVATE` (default), `HOST_TO_CONTAINER` (rslave) or `BIDIRECTIONAL` (rshared). */
  propagation?: 'PRIVATE' | 'HOST_TO_CONTAINER' | 'BIDIRECTIONAL';
  /** Accepted for CRI compatibility; SELinux is not used by Podyard. */
  selinuxRelabel?: boolean;
}

/** CRI `Device`. */
export interface Device {
  containerPath: string;
  hostPath: string;
  /** cgroup permissions: any of `r`, `w`, `m`. */
  permissions?: string;
}

/** CRI `LinuxContainerResources` (cgroup v1). */
export interface LinuxContainerResources {
  cpuPeriod?: number;
  cpuQuota?: number;
  cpuShares?: number;
  memoryLimitInBytes?: number;
  oomScoreAdj?: number;
  cpusetCpus?: string;
  cpusetMems?: string;
  pidsLimit?: number;
}

/** CRI `Capability`. Names with or without the `CAP_` prefix; `ALL` is understood. */
export interface Capability {
  addCapabilities?: string[];
  dropCapabilities?: string[];
}

/** CRI `LinuxContainerSecurityContext`. */
export interface LinuxContainerSecurityContext {
  capabilities?: Capability;
  privileged?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  /** A user name to resolve in the container's `/etc/passwd` when runAsUser is unset. */
  runAsUsername?: string;
  supplementalGroups?: number[];
  readonlyRootfs?: boolean;
  /** allowPrivilegeEscalation: false. */
  noNewPrivs?: boolean;
  seccomp?: SecurityProfile;
  /** Paths masked in the container (kubelet passes the defaults; absent means containerd's defaults). */
  maskedPaths?: string[];
  /** Paths made read-only in the container (absent means containerd's defaults). */
  readonlyPaths?: string[];
}

/** CRI `LinuxContainerConfig`. */
export interface LinuxContainerConfig {
  resources?: LinuxContainerResources;
  securityContext?: LinuxContainerSecurityContext;
}

/** CRI `KeyValue`. */
export interface KeyValue {
  key: string;
  value: string;
}

/** CRI `ContainerConfig`, with the root filesystem given as directories. */
export interface ContainerConfig {
  metadata: ContainerMetadata;
  image: ContainerImage;
  /** Overlay lower directories, top-most first (the order of overlayfs `lowerdir=`). */
  rootfs: { lowerDirs: string[] };
  /** The image's config, merged as containerd does (entrypoint/cmd, env, workingDir, user). */
  imageConfig?: ImageConfig;
  command?: string[];
  args?: string[];
  workingDir?: string;
  envs?: KeyValue[];
  mounts?: Mount[];
  devices?: Device[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Relative to the sandbox's logDirectory, CRI style `<container>/<restart>.log`. */
  logPath?: string;
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
  linux?: LinuxContainerConfig;
  /** `SIGTERM` by default (or the image's STOPSIGNAL). */
  stopSignal?: string;
}

/** CRI `ContainerState`. */
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';

/** Reasons a runtime reports for an exited container (containerd/CRI-O words, verbatim). */
export const ContainerExitReasons = {
  /** Exit code 0. */
  Completed: 'Completed',
  /** A non-zero exit code. */
  Error: 'Error',
  /** The kernel's OOM killer killed a process of the container. */
  OOMKilled: 'OOMKilled',
  /** The runtime could not start the process (runc create/start failed); exit code 128. */
  StartError: 'StartError',
} as const;

/** One of {@link ContainerExitReasons}. */
export type ContainerExitReason = (typeof ContainerExitReasons)[keyof typeof ContainerExitReasons];

/** CRI `Container`, the list item. */
export interface Container {
  id: string;
  podSandboxId: string;
  metadata: ContainerMetadata;
  image: ContainerImage;
  state: ContainerState;
  createdAtMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** CRI `ContainerStatus`. */
export interface ContainerStatus extends Container {
  startedAtMs: number;
  finishedAtMs: number;
  exitCode: number;
  /** For exited containers, one of {@link ContainerExitReasons}; empty otherwise. */
  reason: string;
  message: string;
  mounts: Mount[];
  /** Absolute path of the container's CRI-format log file ('' without a log directory). */
  logPath: string;
  /** The container's init PID on the host, while it runs. */
  pid?: number;
}

/** CRI `ContainerFilter`: every given field must match. */
export interface ContainerFilter {
  id?: string;
  state?: ContainerState;
  podSandboxId?: string;
  labelSelector?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Exec, attach, stats, events

/** The result of {@link RuntimeService.execSync} (exec probes). */
export interface ExecSyncResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

/** What a streaming exec or attach wants wired up (CRI `ExecRequest`/`AttachRequest`). */
export interface StreamOptions {
  /** Allocate (exec) or use (attach) a terminal; stderr is then merged into stdout. */
  tty?: boolean;
  stdin?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  /** Initial terminal size, when tty. */
  size?: { width: number; height: number };
}

/** Options of {@link RuntimeService.exec}. */
export interface ExecOptions extends StreamOptions {
  cmd: string[];
}

/** A running streaming exec or attach session. Streams are null when not requested. */
export interface StreamHandle {
  /** End it to send EOF to the process (with a tty: an EOF character). */
  stdin: Writable | null;
  stdout: Readable | null;
  /** Always null with a tty. */
  stderr: Readable | null;
  /** Sets the terminal size (columns, rows); ignored without a tty. */
  resize(width: number, height: number): void;
  /** Exec: the process's exit code. Attach: the container's exit code, or -1 after detach(). */
  exitCode: Promise<number>;
  /** Ends the session: exec kills the process, attach detaches (the container keeps running). */
  close(): void;
}

/** CPU usage (CRI `CpuUsage`). */
export interface CpuUsage {
  timestampMs: number;
  /** Cumulative CPU time consumed, in nanoseconds (cgroup v1 `cpuacct.usage`). */
  usageCoreNanoSeconds: number;
}

/** Memory usage (CRI `MemoryUsage`). */
export interface MemoryUsage {
  timestampMs: number;
  /** usage − inactive file cache, as kubelet/cAdvisor compute it; what `kubectl top` shows. */
  workingSetBytes: number;
  usageBytes: number;
  rssBytes: number;
  pageFaults: number;
  majorPageFaults: number;
}

/** CRI `ContainerStats`. */
export interface ContainerStats {
  containerId: string;
  podSandboxId: string;
  metadata: ContainerMetadata;
  labels: Record<string, string>;
  cpu: CpuUsage;
  memory: MemoryUsage;
}

/** CRI `PodSandboxStats` (the pod cgroup, which includes every container). */
export interface PodSandboxStats {
  podSandboxId: string;
  metadata: PodSandboxMetadata;
  labels: Record<string, string>;
  cpu: CpuUsage;
  memory: MemoryUsage;
  containers: ContainerStats[];
}

/** CRI `ContainerEventResponse`, for an evented PLEG: a trigger carrying only keys (STYLE §2.3). */
export interface ContainerEvent {
  type: 'CONTAINER_CREATED_EVENT' | 'CONTAINER_STARTED_EVENT' | 'CONTAINER_STOPPED_EVENT' | 'CONTAINER_DELETED_EVENT';
  containerId: string;
  podSandboxId: string;
  timestampMs: number;
}

/** CRI `VersionResponse`. */
export interface RuntimeVersion {
  runtimeName: string;
  runtimeVersion: string;
  runtimeApiVersion: string;
}

/**
 * The runtime: pod sandboxes (shared namespaces) and their containers. Every method may throw a
 * `RuntimeError` (`errors.ts`); unknown ids give code `NotFound`. Methods are safe to call
 * concurrently for different containers; the caller (pod workers) serialises per pod.
 * State lives on disk: a new instance on the same state directory sees everything a previous
 * one (even a SIGKILLed one) created, and never restarts a running container.
 */
export interface RuntimeService {
  /** Resolves once the state directory is loaded and the runtime can take calls. */
  readonly ready: Promise<void>;

  version(): Promise<RuntimeVersion>;

  /** Creates and starts the pod's sandbox (pause process holding the shared namespaces). Returns its id. */
  runPodSandbox(config: PodSandboxConfig): Promise<string>;
  /** Stops every container of the sandbox (SIGKILL) and its pause process; idempotent. */
  stopPodSandbox(podSandboxId: string): Promise<void>;
  /** Removes the sandbox and all its containers (stopping them first); idempotent. */
  removePodSandbox(podSandboxId: string): Promise<void>;
  podSandboxStatus(podSandboxId: string): Promise<PodSandboxStatus>;
  listPodSandbox(filter?: PodSandboxFilter): Promise<PodSandbox[]>;
  /** Records the addresses the networking layer gave the pod, reported in status and kept across restarts. */
  setPodSandboxNetwork(podSandboxId: string, network: PodSandboxNetworkStatus): Promise<void>;

  /** Prepares a container in the sandbox (rootfs, bundle, config.json); state CONTAINER_CREATED. */
  createContainer(podSandboxId: string, config: ContainerConfig): Promise<string>;
  /**
   * Starts a created container under conmon. On a runtime failure throws code `RunContainerError`
   * with runc's message, and the container becomes EXITED with reason `StartError`, exit code 128.
   */
  startContainer(containerId: string): Promise<void>;
  /** Sends the stop signal, waits up to `timeoutSeconds`, then SIGKILL; resolves once it exited. */
  stopContainer(containerId: string, timeoutSeconds: number): Promise<void>;
  /** Kills (if needed) and removes the container and its rootfs; idempotent. Logs are kept. */
  removeContainer(containerId: string): Promise<void>;
  containerStatus(containerId: string): Promise<ContainerStatus>;
  listContainers(filter?: ContainerFilter): Promise<Container[]>;

  /** Runs a command in a running container and collects its output (exec probes). Code `DeadlineExceeded` on timeout. */
  execSync(containerId: string, cmd: string[], timeoutMs: number): Promise<ExecSyncResult>;
  /** Starts a streaming exec session (kubectl exec). */
  exec(containerId: string, options: ExecOptions): Promise<StreamHandle>;
  /** Attaches to the container's main process (kubectl attach / run -i). */
  attach(containerId: string, options: StreamOptions): Promise<StreamHandle>;
  /** Asks conmon to reopen the log file (after the caller rotated it). */
  reopenContainerLog(containerId: string): Promise<void>;

  containerStats(containerId: string): Promise<ContainerStats>;
  listContainerStats(filter?: ContainerFilter): Promise<ContainerStats[]>;
  podSandboxStats(podSandboxId: string): Promise<PodSandboxStats>;
  listPodSandboxStats(filter?: PodSandboxFilter): Promise<PodSandboxStats[]>;

  /** Subscribes to container lifecycle events; the returned function unsubscribes. */
  watchContainerEvents(listener: (event: ContainerEvent) => void): () => void;

  /** Releases watchers and timers. Containers keep running. */
  close(): Promise<void>;
}
