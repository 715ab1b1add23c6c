/**
 * OCI runtime spec (config.json) generation for pause and app containers, with containerd's
 * CRI defaults (`pkg/oci/spec.go` populateDefaultUnixSpec, `pkg/cri/.../container_create_linux.go`):
 * default mounts, capabilities, masked and read-only paths, a deny-all device cgroup, and the
 * pod's shared files and namespaces. Pure functions: everything host-specific comes in as input.
 */
import type { ContainerConfig, ImageConfig, KeyValue, Mount } from './runtime-service.js';
import { defaultSeccompProfile } from './seccomp.js';

/** The subset of the OCI runtime spec Podyard writes. */
export interface OciSpec {
  ociVersion: string;
  process: OciProcess;
  root: { path: string; readonly: boolean };
  hostname?: string;
  mounts: OciMount[];
  annotations?: Record<string, string>;
  linux: {
    namespaces: { type: string; path?: string }[];
    cgroupsPath: string;
    resources: Record<string, unknown>;
    devices?: OciDevice[];
    maskedPaths?: string[];
    readonlyPaths?: string[];
    sysctl?: Record<string, string>;
    seccomp?: Record<string, unknown>;
    rootfsPropagation?: string;
  };
}

/** OCI `process`. */
export interface OciProcess {
  terminal: boolean;
  consoleSize?: { height: number; width: number };
  user: { uid: number; gid: number; additionalGids?: number[] };
  args: string[];
  env: string[];
  cwd: string;
  capabilities: { bounding: string[]; effective: string[]; permitted: string[] };
  rlimits: { type: string; soft: number; hard: number }[];
  noNewPrivileges: boolean;
  oomScoreAdj?: number;
}

/** OCI `mounts[]` entry. */
export interface OciMount {
  destination: string;
  type: string;
  source: string;
  options: string[];
}

/** OCI `linux.devices[]` entry (resolved from a host device node). */
export interface OciDevice {
  path: string;
  type: 'c' | 'b';
  major: number;
  minor: number;
  fileMode: number;
  uid: number;
  gid: number;
}

/** containerd's default capability set (`pkg/oci/spec.go` defaultUnixCaps). */
export const DEFAULT_CAPABILITIES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
];

/** Every capability up to Linux 5.9, numbered as the kernel numbers them. */
export const ALL_CAPABILITIES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN',
  'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

/** containerd's default masked paths. */
export const DEFAULT_MASKED_PATHS = [
  '/proc/acpi', '/proc/asound', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list',
  '/proc/timer_stats', '/proc/sched_debug', '/sys/firmware', '/sys/devices/virtual/powercap', '/proc/scsi',
];

/** containerd's default read-only paths. */
export const DEFAULT_READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/** Default PATH when neither the image nor the container sets one (containerd's). */
export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Capabilities present in a bounding-set bitmask (`CapBnd` of /proc/self/status, hex). */
export function capabilitiesFromMask(hex: string): Set<string> {
  const mask = BigInt('0x' + hex);
  const out = new Set<string>();
  ALL_CAPABILITIES.forEach((c, i) => {
    if ((mask >> BigInt(i)) & 1n) out.add(c);
  });
  return out;
}

function normalizeCap(c: string): string {
  const up = c.toUpperCase();
  return up.startsWith('CAP_') ? up : `CAP_${up}`;
}

/**
 * The container's capability set: containerd's add/drop rules (`ALL` first, then the individual
 * names), filtered to what this process may grant (`allowed`, its own bounding set).
 */
export function computeCapabilities(
  add: readonly string[] = [],
  drop: readonly string[] = [],
  privileged: boolean,
  allowed: ReadonlySet<string>,
): string[] {
  let caps = new Set(privileged ? ALL_CAPABILITIES : DEFAULT_CAPABILITIES);
  if (!privileged) {
    if (add.some((c) => c.toUpperCase() === 'ALL')) caps = new Set(ALL_CAPABILITIES);
    if (drop.some((c) => c.toUpperCase() === 'ALL')) caps = new Set();
    for (const c of add) if (c.toUpperCase() !== 'ALL') caps.add(normalizeCap(c));
    for (const c of drop) if (c.toUpperCase() !== 'ALL') caps.delete(normalizeCap(c));
  }
  return ALL_CAPABILITIES.filter((c) => caps.has(c) && allowed.has(c));
}

/**
 * The process args: containerd's merge of the container's command/args with the image's
 * entrypoint/cmd (moby `daemon/commit.go` rules). Undefined when nothing is left to run.
 */
export function computeProcessArgs(config: Pick<ContainerConfig, 'command' | 'args'>, image: ImageConfig = {}): string[] | undefined {
  let command = config.command ?? [];
  let args = config.args ?? [];
  if (command.length === 0) {
    if (args.length === 0) args = [...(image.cmd ?? [])];
    const ep = image.entrypoint ?? [];
    if (!(ep.length === 1 && ep[0] === '')) command = [...ep];
  }
  const all = [...command, ...args];
  return all.length ? all : undefined;
}

/** The environment: image env, overridden by key by the container's envs, then HOSTNAME; PATH defaulted. */
export function computeEnv(image: ImageConfig = {}, envs: readonly KeyValue[] = [], hostname?: string): string[] {
  const map = new Map<string, string>();
  for (const e of image.env ?? []) {
    const i = e.indexOf('=');
    map.set(i < 0 ? e : e.slice(0, i), i < 0 ? '' : e.slice(i + 1));
  }
  if (!map.has('PATH')) map.set('PATH', DEFAULT_PATH.slice(5));
  if (hostname !== undefined) map.set('HOSTNAME', hostname);
  for (const kv of envs) map.set(kv.key, kv.value);
  return [...map].map(([k, v]) => `${k}=${v}`);
}

/** Inputs to {@link buildPauseSpec}. */
export interface PauseSpecInput {
  rootfsPath: string;
  /** Undefined with host networking (no UTS namespace: the host's hostname). */
  hostname?: string;
  netnsPath?: string;
  ipcnsPath?: string;
  utsnsPath?: string;
  /** `POD` or `CONTAINER`: the pause gets a new PID namespace; `NODE`: none. */
  pid: 'CONTAINER' | 'POD' | 'NODE';
  cgroupsPath: string;
  sysctls?: Record<string, string>;
  nofileHard: number;
  allowedCaps: ReadonlySet<string>;
  annotations?: Record<string, string>;
}

/** The pause (catatonit -P) container's spec: holds the pod's namespaces, does nothing else. */
export function buildPauseSpec(input: PauseSpecInput): OciSpec {
  const namespaces: { type: string; path?: string }[] = [{ type: 'mount' }];
  if (input.pid !== 'NODE') namespaces.push({ type: 'pid' });
  addNamespace(namespaces, 'network', input.netnsPath);
  addNamespace(namespaces, 'ipc', input.ipcnsPath);
  addNamespace(namespaces, 'uts', input.utsnsPath);
  const spec: OciSpec = {
    ociVersion: '1.0.2',
    process: {
      terminal: false,
      user: { uid: 65535, gid: 65535 },
      args: ['/catatonit', '-P'],
      env: [DEFAULT_PATH],
      cwd: '/',
      capabilities: { bounding: [], effective: [], permitted: [] },
      rlimits: [{ type: 'RLIMIT_NOFILE', soft: Math.min(1024, input.nofileHard), hard: input.nofileHard }],
      noNewPrivileges: true,
    },
    root: { path: input.rootfsPath, readonly: true },
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
      { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
    ],
    linux: {
      namespaces,
      cgroupsPath: input.cgroupsPath,
      resources: { devices: [{ allow: false, access: 'rwm' }], cpu: { shares: 2 } },
      maskedPaths: DEFAULT_MASKED_PATHS,
      readonlyPaths: DEFAULT_READONLY_PATHS,
      seccomp: defaultSeccompProfile(new Set()),
    },
  };
  if (input.hostname !== undefined && input.utsnsPath) spec.hostname = input.hostname;
  if (input.sysctls && Object.keys(input.sysctls).length) spec.linux.sysctl = { ...input.sysctls };
  if (input.annotations) spec.annotations = { ...input.annotations };
  return spec;
}

function addNamespace(list: { type: string; path?: string }[], type: string, path: string | undefined): void {
  if (path) list.push({ type, path });
}

/** Inputs to {@link buildContainerSpec}: the container config plus everything resolved on the host. */
export interface ContainerSpecInput {
  config: ContainerConfig;
  rootfsPath: string;
  args: string[];
  env: string[];
  cwd: string;
  user: { uid: number; gid: number; additionalGids: number[] };
  /** Pinned namespaces of the sandbox (absent: the host's). */
  netnsPath?: string;
  ipcnsPath?: string;
  utsnsPath?: string;
  /** `/proc/<pause>/ns/pid` when the pod shares its PID namespace. */
  pidnsPath?: string;
  pidMode: 'CONTAINER' | 'POD' | 'NODE';
  /** The sandbox's files, bind-mounted unless the container mounts something there itself. */
  sandboxFiles: { hostname?: string; hosts?: string; resolvConf?: string; shm: string };
  cgroupsPath: string;
  nofileHard: number;
  allowedCaps: ReadonlySet<string>;
  /**
   * The lowest oom_score_adj this process may set (its own: lowering it needs CAP_SYS_RESOURCE,
   * which root lacks here, see docs/environment.md); requested values are raised to it.
   */
  minOomScoreAdj: number;
  devices: OciDevice[];
  /** Seccomp profile JSON for `Localhost` (already read). */
  localhostSeccomp?: Record<string, unknown>;
  annotations?: Record<string, string>;
}

/** The app container's spec (containerd CRI's, for runc with cgroupfs). */
export function buildContainerSpec(input: ContainerSpecInput): OciSpec {
  const { config } = input;
  const sc = config.linux?.securityContext ?? {};
  const privileged = sc.privileged === true;
  const caps = computeCapabilities(sc.capabilities?.addCapabilities, sc.capabilities?.dropCapabilities, privileged, input.allowedCaps);
  const readonlyRootfs = sc.readonlyRootfs === true;

  const namespaces: { type: string; path?: string }[] = [{ type: 'mount' }];
  if (input.pidMode === 'CONTAINER') namespaces.push({ type: 'pid' });
  else if (input.pidMode === 'POD' && input.pidnsPath) namespaces.push({ type: 'pid', path: input.pidnsPath });
  addNamespace(namespaces, 'network', input.netnsPath);
  addNamespace(namespaces, 'ipc', input.ipcnsPath);
  addNamespace(namespaces, 'uts', input.utsnsPath);

  const userMounts = config.mounts ?? [];
  const taken = new Set(userMounts.map((m) => cleanPath(m.containerPath)));
  const sysOpts = privileged ? ['nosuid', 'noexec', 'nodev', 'rw'] : ['nosuid', 'noexec', 'nodev', 'ro'];
  const mounts: OciMount[] = [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
    { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
    // POSIX message queues of the container's IPC namespace, i.e. the pod's when it is shared.
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/sys', type: 'sysfs', source: 'sysfs', options: sysOpts },
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['nosuid', 'noexec', 'nodev', 'relatime', privileged ? 'rw' : 'ro'] },
  ];
  // The pod's /dev/shm (one tmpfs per sandbox): SysV/POSIX shared memory is shared across containers.
  if (!taken.has('/dev/shm')) mounts.push(bind('/dev/shm', input.sandboxFiles.shm, false, 'PRIVATE'));
  const etc: [string, string | undefined][] = [
    ['/etc/hostname', input.sandboxFiles.hostname],
    ['/etc/hosts', input.sandboxFiles.hosts],
    ['/etc/resolv.conf', input.sandboxFiles.resolvConf],
  ];
  for (const [dest, src] of etc) if (src && !taken.has(dest)) mounts.push(bind(dest, src, readonlyRootfs, 'PRIVATE'));
  // User mounts, shortest destination first so that nested mounts land on top of their parents.
  const sorted = [...userMounts].sort((a, b) => depth(a.containerPath) - depth(b.containerPath));
  for (const m of sorted) mounts.push(bind(cleanPath(m.containerPath), m.hostPath, m.readonly === true, m.propagation));

  const res = config.linux?.resources ?? {};
  const resources: Record<string, unknown> = {
    devices: privileged
      ? [{ allow: true, access: 'rwm' }]
      : [{ allow: false, access: 'rwm' }, ...input.devices.map((d) => ({ allow: true, type: d.type, major: d.major, minor: d.minor, access: permissionsOf(config, d.path) }))],
  };
  const cpu: Record<string, unknown> = {};
  if (res.cpuShares) cpu.shares = res.cpuShares;
  if (res.cpuQuota) cpu.quota = res.cpuQuota;
  if (res.cpuPeriod) cpu.period = res.cpuPeriod;
  if (res.cpusetCpus) cpu.cpus = res.cpusetCpus;
  if (res.cpusetMems) cpu.mems = res.cpusetMems;
  if (Object.keys(cpu).length) resources.cpu = cpu;
  if (res.memoryLimitInBytes) resources.memory = { limit: res.memoryLimitInBytes, swap: res.memoryLimitInBytes };
  if (res.pidsLimit) resources.pids = { limit: res.pidsLimit };

  let seccomp: Record<string, unknown> | undefined;
  const profile = sc.seccomp?.profileType ?? 'RuntimeDefault';
  if (!privileged && profile === 'RuntimeDefault') seccomp = defaultSeccompProfile(new Set(caps));
  else if (!privileged && profile === 'Localhost') seccomp = input.localhostSeccomp;

  const spec: OciSpec = {
    ociVersion: '1.0.2',
    process: {
      terminal: config.tty === true,
      user: { uid: input.user.uid, gid: input.user.gid, additionalGids: withPrimaryGid(input.user.gid, input.user.additionalGids) },
      args: input.args,
      env: input.env,
      cwd: input.cwd,
      capabilities: { bounding: caps, effective: caps, permitted: caps },
      rlimits: [{ type: 'RLIMIT_NOFILE', soft: Math.min(1024, input.nofileHard), hard: input.nofileHard }],
      noNewPrivileges: sc.noNewPrivs === true,
    },
    root: { path: input.rootfsPath, readonly: readonlyRootfs },
    mounts,
    linux: {
      namespaces,
      cgroupsPath: input.cgroupsPath,
      resources,
      devices: input.devices,
      rootfsPropagation: userMounts.some((m) => m.propagation === 'BIDIRECTIONAL') ? 'rshared' : userMounts.some((m) => m.propagation === 'HOST_TO_CONTAINER') ? 'rslave' : undefined,
    },
  };
  if (!spec.linux.rootfsPropagation) delete spec.linux.rootfsPropagation;
  if (res.oomScoreAdj !== undefined) spec.process.oomScoreAdj = Math.max(res.oomScoreAdj, input.minOomScoreAdj);
  if (!privileged) {
    spec.linux.maskedPaths = sc.maskedPaths ?? DEFAULT_MASKED_PATHS;
    spec.linux.readonlyPaths = sc.readonlyPaths ?? DEFAULT_READONLY_PATHS;
  }
  if (seccomp) spec.linux.seccomp = seccomp;
  if (input.annotations) spec.annotations = { ...input.annotations };
  return spec;
}

function permissionsOf(config: ContainerConfig, hostPath: string): string {
  return config.devices?.find((d) => d.hostPath === hostPath || d.containerPath === hostPath)?.permissions || 'rwm';
}

function bind(destination: string, source: string, readonly: boolean, propagation: Mount['propagation']): OciMount {
  const prop = propagation === 'BIDIRECTIONAL' ? 'rshared' : propagation === 'HOST_TO_CONTAINER' ? 'rslave' : 'rprivate';
  return { destination, type: 'bind', source, options: ['rbind', prop, readonly ? 'ro' : 'rw'] };
}

function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const s of p.split('/')) {
    if (!s || s === '.') continue;
    if (s === '..') parts.pop();
    else parts.push(s);
  }
  return '/' + parts.join('/');
}

function depth(p: string): number {
  return cleanPath(p).split('/').length;
}

/**
 * containerd `ensureAdditionalGids`: the primary gid is also one of the additional gids, so
 * `id` in a pod with `runAsGroup: 3000` and `supplementalGroups: [4000]` prints
 * `groups=3000,4000`, as on a cluster.
 */
export function withPrimaryGid(gid: number, additionalGids: readonly number[]): number[] {
  return additionalGids.includes(gid) ? [...additionalGids] : [gid, ...additionalGids];
}
