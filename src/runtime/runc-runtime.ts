/**
 * `RuncRuntime`: the {@link RuntimeService} over runc driven through conmon, the way CRI-O does it.
 *
 * - A pod sandbox is a set of pinned namespaces (network, IPC, UTS: bind mounts made by
 *   `unshare --net=FILE …`, like `ip netns add`), a tmpfs for the pod's /dev/shm, the pod's
 *   hostname/hosts/resolv.conf files, and a pause container (`catatonit -P`) that joins them
 *   (and owns the pod's PID namespace when the pod shares one).
 * - An app container joins the sandbox's namespaces by path, has an overlayfs root (image
 *   layers as lower dirs, its own upper/work dirs), and runs under conmon, which writes its CRI
 *   log and, when it exits, `<stateDir>/exits/<id>` with the exit code.
 * - Everything is recorded on disk (`record.json` per sandbox and container); a new instance on
 *   the same state directory — after a crash, even a SIGKILL — picks it all up and never
 *   restarts a running container. Liveness comes from the kernel (PID + start time), exits from
 *   conmon's exit files.
 *
 * State directory layout:
 *
 *     <stateDir>/runc/                 runc --root (private to this instance)
 *     <stateDir>/exits/<id>            conmon exit files
 *     <stateDir>/s/<uuid> -> bundle    conmon attach socket directories
 *     <stateDir>/pause-rootfs/         /catatonit, read-only root of every pause container
 *     <stateDir>/sandboxes/<id>/       record.json, config.json (pause bundle), ns/{net,ipc,uts}, shm/, etc/
 *     <stateDir>/containers/<id>/      record.json, config.json (bundle), rootfs/ (overlay), upper/, work/, l/
 */
import { randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { errorMessage, systemClock, type Clock, type Logger, silentLogger } from '../base/index.js';
import { applyCgroupLimits, cgroupOomKilled, isValidRelativeCgroup, readCgroupUsage, removeCgroup, removeCgroupRoot } from './cgroups.js';
import { conmonCreate, runcMessage, writeConmonCtl } from './conmon.js';
import { RuntimeError } from './errors.js';
import { execSync, startAttach, startExec, type ExecTools } from './exec-session.js';
import {
  hostDevices,
  mountOverlay,
  mountTmpfs,
  pinNamespaces,
  resolveDevices,
  resolveUser,
  unmountAll,
  type HostTools,
} from './host.js';
import {
  buildContainerSpec,
  buildPauseSpec,
  capabilitiesFromMask,
  computeEnv,
  computeProcessArgs,
  type OciProcess,
} from './oci-spec.js';
import { isProcessAlive, KeyedMutex, processStartTime, runCommand, sleep } from './process-util.js';
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
} from './runtime-service.js';

/** Configuration of {@link RuncRuntime}; every path has a Debian default. */
export interface RuncRuntimeConfig {
  /** Root of this runtime's state (under the data dir), e.g. `<dataDir>/runtime`. */
  stateDir: string;
  runcPath?: string;
  conmonPath?: string;
  /** catatonit, copied into the pause rootfs. */
  pausePath?: string;
  /** runc's --root; defaults to `<stateDir>/runc` so several Podyard servers never collide. */
  runcRoot?: string;
  /** cgroupfs root of every pod cgroup, e.g. `/podyard-<instance>`. */
  cgroupParent?: string;
  /** conmon's --log-size-max in bytes (0: unlimited). */
  logSizeMaxBytes?: number;
  mountPath?: string;
  umountPath?: string;
  unsharePath?: string;
  nsenterPath?: string;
  ipPath?: string;
  scriptPath?: string;
  sttyPath?: string;
  /** For attach (conmon's SOCK_SEQPACKET socket); attach answers NotSupported without it. */
  pythonPath?: string;
}

/**
 * The pod network as the runtime drives it (CRI-O runs CNI inside RunPodSandbox and
 * StopPodSandbox): `net/cni`'s `CniNetwork` fits, and `cmd` injects it. Both calls are idempotent;
 * tearDownPod tolerates a namespace that is already gone.
 */
export interface PodNetworkPlugin {
  setUpPod(req: PodNetworkPluginRequest): Promise<PodSandboxNetworkStatus>;
  tearDownPod(req: PodNetworkPluginRequest): Promise<void>;
}

/** One sandbox as {@link PodNetworkPlugin} sees it. */
export interface PodNetworkPluginRequest {
  podSandboxId: string;
  netnsPath?: string;
  name: string;
  namespace: string;
  uid: string;
  portMappings?: PodSandboxConfig['portMappings'];
}

/** Dependencies of {@link RuncRuntime}. */
export interface RuncRuntimeDeps {
  logger?: Logger;
  clock?: Clock;
  /** The pod network; without it pod-network sandboxes get only loopback and no IP. */
  network?: PodNetworkPlugin;
}

/** What is persisted for a sandbox. */
interface SandboxRecord {
  id: string;
  config: PodSandboxConfig;
  createdAtMs: number;
  /** `ready` until stopPodSandbox. */
  state: 'ready' | 'stopped';
  hostname: string;
  namespaces: Required<NamespaceOptions>;
  netnsPath?: string;
  ipcnsPath?: string;
  utsnsPath?: string;
  shmPath: string;
  files: { hostname?: string; hosts?: string; resolvConf?: string };
  cgroupPath: string;
  pid?: number;
  pidStartTime?: string;
  network: PodSandboxNetworkStatus;
}

/** What is persisted for a container. */
interface ContainerRecord {
  id: string;
  /** conmon's -u: names the attach socket directory. */
  uuid: string;
  podSandboxId: string;
  config: ContainerConfig;
  createdAtMs: number;
  startedAtMs: number;
  finishedAtMs: number;
  exitCode: number;
  reason: string;
  message: string;
  logPath: string;
  cgroupPath: string;
  stopSignal: string;
  /** The OCI process, reused (with other args) by exec. */
  process: OciProcess;
  pid?: number;
  pidStartTime?: string;
}

interface Observed {
  state: ContainerState;
  pid?: number;
}

const RECORD = 'record.json';

function newId(): string {
  return randomBytes(32).toString('hex');
}

function matchesLabels(labels: Record<string, string>, selector: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 1));
  await rename(tmp, path);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Kubelet's managed /etc/hosts (`pkg/kubelet/kubelet_pods.go` managedHostsHeader + defaults). */
function defaultHostsFile(): string {
  return [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    '',
  ].join('\n');
}

function resolvConfFrom(dns: PodSandboxConfig['dnsConfig']): string | undefined {
  if (!dns || (!dns.servers?.length && !dns.searches?.length && !dns.options?.length)) return undefined;
  const lines: string[] = [];
  if (dns.searches?.length) lines.push(`search ${dns.searches.join(' ')}`);
  for (const s of dns.servers ?? []) lines.push(`nameserver ${s}`);
  if (dns.options?.length) lines.push(`options ${dns.options.join(' ')}`);
  return lines.join('\n') + '\n';
}

/** The runc + conmon runtime. Construct, then await {@link RuncRuntime.ready}. */
export class RuncRuntime implements RuntimeService {
  readonly ready: Promise<void>;

  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly stateDir: string;
  private readonly runcPath: string;
  private readonly conmonPath: string;
  private readonly pausePath: string;
  private readonly runcRoot: string;
  private readonly cgroupRoot: string;
  private readonly logSizeMax: number;
  private readonly host: HostTools;
  private readonly execTools: ExecTools;
  private readonly exitDir: string;
  private readonly socketDir: string;
  private readonly pauseRootfs: string;

  private readonly sandboxes = new Map<string, SandboxRecord>();
  private readonly containers = new Map<string, ContainerRecord>();
  private readonly locks = new KeyedMutex();
  private readonly listeners = new Set<(e: ContainerEvent) => void>();
  private exitWatcher: FSWatcher | undefined;
  private nofileHard = 1024;
  private minOomScoreAdj = 0;
  private allowedCaps: ReadonlySet<string> = new Set();
  private closed = false;
  private readonly network: PodNetworkPlugin | undefined;

  constructor(deps: RuncRuntimeDeps, config: RuncRuntimeConfig) {
    this.logger = (deps.logger ?? silentLogger).child({ component: 'runtime' });
    this.network = deps.network;
    this.clock = deps.clock ?? systemClock;
    this.stateDir = normalize(config.stateDir);
    this.runcPath = config.runcPath ?? '/usr/sbin/runc';
    this.conmonPath = config.conmonPath ?? '/usr/bin/conmon';
    this.pausePath = config.pausePath ?? '/usr/bin/catatonit';
    this.runcRoot = config.runcRoot ?? join(this.stateDir, 'runc');
    this.cgroupRoot = '/' + (config.cgroupParent ?? '/podyard').replace(/^\/+|\/+$/g, '');
    this.logSizeMax = config.logSizeMaxBytes ?? 0;
    this.host = {
      mountPath: config.mountPath ?? '/usr/bin/mount',
      umountPath: config.umountPath ?? '/usr/bin/umount',
      unsharePath: config.unsharePath ?? '/usr/bin/unshare',
      nsenterPath: config.nsenterPath ?? '/usr/bin/nsenter',
      ipPath: config.ipPath ?? '/usr/sbin/ip',
    };
    this.execTools = {
      runcPath: this.runcPath,
      runcRoot: this.runcRoot,
      scriptPath: config.scriptPath ?? '/usr/bin/script',
      sttyPath: config.sttyPath ?? '/usr/bin/stty',
      pythonPath: config.pythonPath ?? '/usr/bin/python3',
    };
    this.exitDir = join(this.stateDir, 'exits');
    this.socketDir = join(this.stateDir, 's');
    this.pauseRootfs = join(this.stateDir, 'pause-rootfs');
    this.ready = this.init();
    this.ready.catch(() => {});
  }

  // -------------------------------------------------------------------------------------------
  // Start-up: load records, sweep half-created leftovers, recover interrupted starts.

  private async init(): Promise<void> {
    for (const d of [this.stateDir, this.runcRoot, this.exitDir, this.socketDir, join(this.stateDir, 'sandboxes'), join(this.stateDir, 'containers')]) {
      await mkdir(d, { recursive: true, mode: 0o700 });
    }
    await this.ensurePauseRootfs();
    const limits = await readFile('/proc/self/limits', 'utf8');
    const nofile = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
    this.nofileHard = nofile?.[2] && nofile[2] !== 'unlimited' ? Number(nofile[2]) : 1048576;
    this.minOomScoreAdj = Number((await readFile('/proc/self/oom_score_adj', 'utf8')).trim()) || 0;
    const status = await readFile('/proc/self/status', 'utf8');
    this.allowedCaps = capabilitiesFromMask(/^CapBnd:\s*([0-9a-f]+)/m.exec(status)?.[1] ?? '0');

    for (const id of await readdir(join(this.stateDir, 'sandboxes'))) {
      const dir = this.sandboxDir(id);
      const rec = await readFile(join(dir, RECORD), 'utf8').then((t) => JSON.parse(t) as SandboxRecord, () => undefined);
      if (rec) this.sandboxes.set(id, rec);
      else {
        this.logger.warn('removing half-created pod sandbox', { podSandboxId: id });
        await this.teardownSandboxDir(id, undefined);
      }
    }
    for (const id of await readdir(join(this.stateDir, 'containers'))) {
      const dir = this.containerDir(id);
      const rec = await readFile(join(dir, RECORD), 'utf8').then((t) => JSON.parse(t) as ContainerRecord, () => undefined);
      if (rec && this.sandboxes.has(rec.podSandboxId)) {
        this.containers.set(id, rec);
        if (rec.startedAtMs === 0 && rec.finishedAtMs === 0) await this.recoverInterruptedStart(rec);
      } else {
        this.logger.warn('removing half-created container', { containerId: id });
        await this.teardownContainerDir(id, rec?.uuid);
      }
    }
    this.exitWatcher = watch(this.exitDir, (_event, filename) => {
      if (!filename) return;
      const rec = this.containers.get(filename);
      if (rec) this.emit({ type: 'CONTAINER_STOPPED_EVENT', containerId: rec.id, podSandboxId: rec.podSandboxId, timestampMs: this.clock.now() });
    });
    this.exitWatcher.on('error', () => {});
    this.exitWatcher.unref();
    this.logger.info('runtime ready', { sandboxes: this.sandboxes.size, containers: this.containers.size });
  }

  /** A crash between conmon and the record update: adopt a running container, else reset it to created. */
  private async recoverInterruptedStart(rec: ContainerRecord): Promise<void> {
    const dir = this.containerDir(rec.id);
    const pid = Number(await readFile(join(dir, 'pidfile'), 'utf8').catch(() => '0'));
    if (!pid) return;
    const state = await this.runcState(rec.id);
    if (state === 'running' && (await isProcessAlive(pid))) {
      rec.pid = pid;
      rec.pidStartTime = await processStartTime(pid);
      rec.startedAtMs = (await stat(join(dir, 'pidfile'))).mtimeMs;
      await this.saveContainer(rec);
      return;
    }
    await runCommand(this.runcPath, ['--root', this.runcRoot, 'delete', '-f', rec.id]);
    await rm(join(dir, 'pidfile'), { force: true });
    await rm(join(this.exitDir, rec.id), { force: true });
  }

  private async ensurePauseRootfs(): Promise<void> {
    for (const d of ['proc', 'dev', 'sys']) await mkdir(join(this.pauseRootfs, d), { recursive: true });
    const target = join(this.pauseRootfs, 'catatonit');
    const [src, dst] = await Promise.all([stat(this.pausePath), stat(target).catch(() => undefined)]);
    if (!dst || dst.size !== src.size || dst.mtimeMs < src.mtimeMs) await copyFile(this.pausePath, target);
  }

  private sandboxDir(id: string): string {
    return join(this.stateDir, 'sandboxes', id);
  }

  private containerDir(id: string): string {
    return join(this.stateDir, 'containers', id);
  }

  private async saveSandbox(rec: SandboxRecord): Promise<void> {
    await writeJsonAtomic(join(this.sandboxDir(rec.id), RECORD), rec);
  }

  private async saveContainer(rec: ContainerRecord): Promise<void> {
    await writeJsonAtomic(join(this.containerDir(rec.id), RECORD), rec);
  }

  private emit(event: ContainerEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        this.logger.error('container event listener failed', { err });
      }
    }
  }

  private async runc(args: string[], timeoutMs = 30_000): Promise<{ code: number; stdout: string; stderr: string }> {
    return runCommand(this.runcPath, ['--root', this.runcRoot, ...args], { timeoutMs });
  }

  private async runcState(id: string): Promise<string | undefined> {
    const r = await this.runc(['state', id]);
    if (r.code !== 0) return undefined;
    return (JSON.parse(r.stdout) as { status?: string }).status;
  }

  // -------------------------------------------------------------------------------------------
  // Sandboxes

  async version(): Promise<RuntimeVersion> {
    const r = await runCommand(this.runcPath, ['--version']);
    return { runtimeName: 'podyard-runc', runtimeVersion: r.stdout.split('\n')[0]?.replace(/^runc version /, '') ?? 'unknown', runtimeApiVersion: 'v1' };
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    await this.ready;
    const md = config.metadata;
    if (!md?.name || !md.namespace || !md.uid) throw new RuntimeError('InvalidArgument', 'pod sandbox metadata needs name, namespace and uid');
    const nsOpts = config.linux?.securityContext?.namespaceOptions ?? {};
    const namespaces: Required<NamespaceOptions> = { network: nsOpts.network ?? 'POD', pid: nsOpts.pid ?? 'CONTAINER', ipc: nsOpts.ipc ?? 'POD' };
    const relCgroup = config.linux?.cgroupParent ?? '';
    const id = newId();
    if (relCgroup && !isValidRelativeCgroup(relCgroup)) throw new RuntimeError('InvalidArgument', `invalid cgroup parent ${JSON.stringify(relCgroup)}`);
    const cgroupPath = `${this.cgroupRoot}/${relCgroup ? relCgroup.replace(/^\/+|\/+$/g, '') : `pod${id}`}`;
    const hostNetwork = namespaces.network === 'NODE';
    const hostname = hostNetwork ? osHostname() : config.hostname || md.name;
    const dir = this.sandboxDir(id);
    const log = this.logger.child({ podSandboxId: id, pod: `${md.namespace}/${md.name}` });

    return this.locks.run(id, async () => {
      try {
        // 1. Directories and pinned namespaces.
        for (const d of ['ns', 'shm', 'etc']) await mkdir(join(dir, d), { recursive: true });
        const rec: SandboxRecord = {
          id,
          config,
          createdAtMs: this.clock.now(),
          state: 'ready',
          hostname,
          namespaces,
          shmPath: namespaces.ipc === 'POD' ? join(dir, 'shm') : '/dev/shm',
          files: {},
          cgroupPath,
          network: {},
        };
        if (!hostNetwork) {
          rec.netnsPath = join(dir, 'ns', 'net');
          rec.utsnsPath = join(dir, 'ns', 'uts');
        }
        if (namespaces.ipc === 'POD') rec.ipcnsPath = join(dir, 'ns', 'ipc');
        for (const p of [rec.netnsPath, rec.utsnsPath, rec.ipcnsPath]) if (p) await writeFile(p, '');
        await pinNamespaces(this.host, { net: rec.netnsPath, ipc: rec.ipcnsPath, uts: rec.utsnsPath });
        // 1b. The pod network (CNI ADD into the pinned namespace), before any container runs.
        if (rec.netnsPath && this.network) {
          rec.network = await this.network.setUpPod({ ...networkRequest(id, config), netnsPath: rec.netnsPath });
        }
        // 2. The pod's /dev/shm.
        if (namespaces.ipc === 'POD') await mountTmpfs(this.host, rec.shmPath, config.shmSizeBytes ?? 64 * 1024 * 1024);
        // 3. hostname, hosts and resolv.conf for every container.
        rec.files.hostname = join(dir, 'etc', 'hostname');
        await writeFile(rec.files.hostname, hostname + '\n');
        rec.files.hosts = join(dir, 'etc', 'hosts');
        const hosts = config.hostsFile ?? (hostNetwork ? await readFile('/etc/hosts', 'utf8').catch(() => defaultHostsFile()) : defaultHostsFile());
        await writeFile(rec.files.hosts, hosts);
        rec.files.resolvConf = join(dir, 'etc', 'resolv.conf');
        const resolv = config.resolvConf ?? resolvConfFrom(config.dnsConfig) ?? (await readFile('/etc/resolv.conf', 'utf8').catch(() => ''));
        await writeFile(rec.files.resolvConf, resolv);
        // 4. The pod cgroup's limits, then the pause container inside it.
        if (config.linux?.resources) await applyCgroupLimits(cgroupPath, config.linux.resources);
        const spec = buildPauseSpec({
          rootfsPath: this.pauseRootfs,
          hostname,
          netnsPath: rec.netnsPath,
          ipcnsPath: rec.ipcnsPath,
          utsnsPath: rec.utsnsPath,
          pid: namespaces.pid,
          cgroupsPath: `${cgroupPath}/${id}`,
          sysctls: config.linux?.sysctls,
          nofileHard: this.nofileHard,
          allowedCaps: this.allowedCaps,
        });
        await writeFile(join(dir, 'config.json'), JSON.stringify(spec, null, 1));
        const result = await conmonCreate({
          conmonPath: this.conmonPath,
          runcPath: this.runcPath,
          runcRoot: this.runcRoot,
          id,
          uuid: id.slice(0, 16),
          name: `${md.namespace}_${md.name}_POD`,
          bundle: dir,
          logPath: join(dir, 'pause.log'),
          exitDir: this.exitDir,
          socketDir: this.socketDir,
          conmonLogPath: join(dir, 'conmon.log'),
        });
        if (!result.ok) throw new Error(result.message);
        const start = await this.runc(['start', id]);
        if (start.code !== 0) throw new Error(runcMessage(start.stderr));
        rec.pid = result.pid;
        rec.pidStartTime = await processStartTime(result.pid);
        // 5. Only a complete sandbox gets a record: a crash before this point is swept at start-up.
        await this.saveSandbox(rec);
        this.sandboxes.set(id, rec);
        log.info('pod sandbox running', { pid: rec.pid });
        return id;
      } catch (err) {
        log.warn('pod sandbox creation failed', { err: errorMessage(err) });
        await this.teardownSandboxDir(id, cgroupPath).catch((e: unknown) => log.error('sandbox cleanup failed', { err: errorMessage(e) }));
        throw new RuntimeError('CreatePodSandboxError', `failed to create pod sandbox: ${errorMessage(err)}`, { cause: err });
      }
    });
  }

  private getSandbox(id: string): SandboxRecord {
    const rec = this.sandboxes.get(id);
    if (!rec) throw new RuntimeError('NotFound', `pod sandbox ${id} not found`);
    return rec;
  }

  private async sandboxReady(rec: SandboxRecord): Promise<boolean> {
    return rec.state === 'ready' && (await isProcessAlive(rec.pid, rec.pidStartTime));
  }

  async stopPodSandbox(podSandboxId: string): Promise<void> {
    await this.ready;
    const rec = this.getSandbox(podSandboxId);
    for (const c of [...this.containers.values()].filter((c) => c.podSandboxId === podSandboxId)) await this.stopContainer(c.id, 0);
    await this.locks.run(podSandboxId, async () => {
      if (rec.state === 'stopped') return;
      await this.killAndWait(podSandboxId, rec.pid, rec.pidStartTime, 'KILL');
      await this.runc(['delete', '-f', podSandboxId]);
      // The pod network goes with the sandbox (CNI DEL releases the IP); removal retries it.
      if (rec.netnsPath && this.network) {
        await this.network
          .tearDownPod({ ...networkRequest(podSandboxId, rec.config), netnsPath: rec.netnsPath })
          .then(() => (rec.network = {}))
          .catch((err: unknown) => this.logger.warn('pod network teardown failed', { podSandboxId, err: errorMessage(err) }));
      }
      rec.state = 'stopped';
      await this.saveSandbox(rec);
    });
  }

  async removePodSandbox(podSandboxId: string): Promise<void> {
    await this.ready;
    const rec = this.sandboxes.get(podSandboxId);
    if (!rec) return;
    await this.stopPodSandbox(podSandboxId);
    for (const c of [...this.containers.values()].filter((c) => c.podSandboxId === podSandboxId)) await this.removeContainer(c.id);
    await this.locks.run(podSandboxId, async () => {
      await this.teardownSandboxDir(podSandboxId, rec.cgroupPath);
      this.sandboxes.delete(podSandboxId);
    });
  }

  /** Tolerant teardown of everything a sandbox may have: pause container, mounts, cgroups, files. */
  private async teardownSandboxDir(id: string, cgroupPath: string | undefined): Promise<void> {
    const dir = this.sandboxDir(id);
    await this.killConmon(dir);
    await this.runc(['kill', id, 'KILL']).catch(() => undefined);
    await this.runc(['delete', '-f', id]).catch(() => undefined);
    if (this.network) {
      const rec = this.sandboxes.get(id);
      const hostNetwork = rec?.namespaces.network === 'NODE';
      if (!hostNetwork) {
        const req = rec ? networkRequest(id, rec.config) : { podSandboxId: id, name: '', namespace: '', uid: '' };
        await this.network
          .tearDownPod({ ...req, netnsPath: join(dir, 'ns', 'net') })
          .catch((err: unknown) => this.logger.warn('pod network teardown failed', { podSandboxId: id, err: errorMessage(err) }));
      }
    }
    await unmountAll(this.host, dir);
    await rm(dir, { recursive: true, force: true });
    await rm(join(this.exitDir, id), { force: true });
    await rm(join(this.socketDir, id.slice(0, 16)), { force: true });
    if (cgroupPath) await removeCgroup(cgroupPath, this.cgroupRoot);
  }

  async podSandboxStatus(podSandboxId: string): Promise<PodSandboxStatus> {
    await this.ready;
    const rec = this.getSandbox(podSandboxId);
    const ready = await this.sandboxReady(rec);
    const status: PodSandboxStatus = {
      ...this.sandboxItem(rec, ready),
      network: { ...rec.network },
      linux: { namespaces: { options: { ...rec.namespaces } } },
      hostname: rec.hostname,
      cgroupPath: rec.cgroupPath,
    };
    if (rec.netnsPath) status.netnsPath = rec.netnsPath;
    if (rec.config.logDirectory) status.logDirectory = rec.config.logDirectory;
    if (ready) status.pid = rec.pid;
    return status;
  }

  private sandboxItem(rec: SandboxRecord, ready: boolean): PodSandbox {
    return {
      id: rec.id,
      metadata: { ...rec.config.metadata },
      state: ready ? 'SANDBOX_READY' : 'SANDBOX_NOTREADY',
      createdAtMs: rec.createdAtMs,
      labels: { ...rec.config.labels },
      annotations: { ...rec.config.annotations },
    };
  }

  async listPodSandbox(filter: PodSandboxFilter = {}): Promise<PodSandbox[]> {
    await this.ready;
    const out: PodSandbox[] = [];
    for (const rec of this.sandboxes.values()) {
      if (filter.id && rec.id !== filter.id && !rec.id.startsWith(filter.id)) continue;
      if (!matchesLabels(rec.config.labels ?? {}, filter.labelSelector)) continue;
      const item = this.sandboxItem(rec, await this.sandboxReady(rec));
      if (filter.state && item.state !== filter.state) continue;
      out.push(item);
    }
    return out;
  }

  async setPodSandboxNetwork(podSandboxId: string, network: PodSandboxNetworkStatus): Promise<void> {
    await this.ready;
    const rec = this.getSandbox(podSandboxId);
    await this.locks.run(podSandboxId, async () => {
      rec.network = { ...network };
      await this.saveSandbox(rec);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Containers

  async createContainer(podSandboxId: string, config: ContainerConfig): Promise<string> {
    await this.ready;
    const sb = this.getSandbox(podSandboxId);
    const md = config.metadata;
    if (!md?.name) throw new RuntimeError('InvalidArgument', 'container metadata needs a name');
    const lowerDirs = config.rootfs?.lowerDirs ?? [];
    if (!lowerDirs.length || !lowerDirs.every((d) => isAbsolute(d))) throw new RuntimeError('InvalidArgument', 'rootfs.lowerDirs must be one or more absolute paths');
    if (!(await this.sandboxReady(sb))) throw new RuntimeError('CreateContainerError', `pod sandbox ${podSandboxId} is not ready`);
    for (const c of this.containers.values()) {
      if (c.podSandboxId === podSandboxId && c.config.metadata.name === md.name && c.config.metadata.attempt === md.attempt) {
        throw new RuntimeError('AlreadyExists', `container name "${md.name}" (attempt ${md.attempt}) is already in use by ${c.id} in pod sandbox ${podSandboxId}`);
      }
    }
    const id = newId();
    const uuid = id.slice(0, 16);
    const dir = this.containerDir(id);
    const rootfs = join(dir, 'rootfs');
    const log = this.logger.child({ containerId: id, container: md.name });
    return this.locks.run(id, async () => {
      try {
        for (const d of ['rootfs', 'upper', 'work', 'l']) await mkdir(join(dir, d), { recursive: true });
        // 1. The root filesystem.
        await mountOverlay(this.host, lowerDirs, join(dir, 'upper'), join(dir, 'work'), rootfs, join(dir, 'l'));
        // 2. The process: args, env, user, cwd (containerd's merge with the image config).
        const image = config.imageConfig ?? {};
        const args = computeProcessArgs(config, image);
        if (!args) throw new Error('no command specified');
        const sc = config.linux?.securityContext ?? {};
        const user = await resolveUser(rootfs, sc, image);
        const env = computeEnv(image, config.envs, sb.namespaces.network === 'NODE' ? undefined : sb.hostname);
        const cwd = config.workingDir || image.workingDir || '/';
        const devices = sc.privileged ? await hostDevices() : await resolveDevices(config.devices ?? []);
        let localhostSeccomp: Record<string, unknown> | undefined;
        if (sc.seccomp?.profileType === 'Localhost') {
          if (!sc.seccomp.localhostRef) throw new Error('seccomp Localhost profile needs localhostRef');
          localhostSeccomp = JSON.parse(await readFile(sc.seccomp.localhostRef, 'utf8')) as Record<string, unknown>;
        }
        // 3. The log file: <logDirectory>/<name>/<attempt>.log, never outside the log directory.
        const logDir = sb.config.logDirectory;
        const relLog = config.logPath ?? `${md.name}/${md.attempt}.log`;
        const logPath = logDir ? normalize(join(logDir, relLog)) : join(dir, 'container.log');
        if (logDir && !logPath.startsWith(normalize(logDir) + '/')) throw new Error(`log path ${relLog} escapes the log directory`);
        // 4. config.json.
        const cgroupPath = `${sb.cgroupPath}/${id}`;
        const spec = buildContainerSpec({
          config,
          rootfsPath: rootfs,
          args,
          env,
          cwd,
          user,
          netnsPath: sb.netnsPath,
          ipcnsPath: sb.ipcnsPath,
          utsnsPath: sb.utsnsPath,
          pidnsPath: sb.namespaces.pid === 'POD' && sb.pid ? `/proc/${sb.pid}/ns/pid` : undefined,
          pidMode: sb.namespaces.pid,
          sandboxFiles: { ...sb.files, shm: sb.shmPath },
          cgroupsPath: cgroupPath,
          nofileHard: this.nofileHard,
          allowedCaps: this.allowedCaps,
          minOomScoreAdj: this.minOomScoreAdj,
          devices,
          localhostSeccomp,
          annotations: config.annotations,
        });
        await writeFile(join(dir, 'config.json'), JSON.stringify(spec, null, 1));
        const rec: ContainerRecord = {
          id,
          uuid,
          podSandboxId,
          config,
          createdAtMs: this.clock.now(),
          startedAtMs: 0,
          finishedAtMs: 0,
          exitCode: 0,
          reason: '',
          message: '',
          logPath,
          cgroupPath,
          stopSignal: config.stopSignal || image.stopSignal || 'SIGTERM',
          process: spec.process,
        };
        await this.saveContainer(rec);
        this.containers.set(id, rec);
        this.emit({ type: 'CONTAINER_CREATED_EVENT', containerId: id, podSandboxId, timestampMs: rec.createdAtMs });
        return id;
      } catch (err) {
        log.warn('container creation failed', { err: errorMessage(err) });
        await this.teardownContainerDir(id, uuid).catch((e: unknown) => log.error('container cleanup failed', { err: errorMessage(e) }));
        throw new RuntimeError('CreateContainerError', errorMessage(err), { cause: err });
      }
    });
  }

  private getContainer(id: string): ContainerRecord {
    const rec = this.containers.get(id);
    if (!rec) throw new RuntimeError('NotFound', `container ${id} not found`);
    return rec;
  }

  async startContainer(containerId: string): Promise<void> {
    await this.ready;
    const rec = this.getContainer(containerId);
    await this.locks.run(containerId, async () => {
      if (rec.startedAtMs || rec.finishedAtMs) throw new RuntimeError('InvalidArgument', `container ${containerId} is not in created state`);
      const sb = this.getSandbox(rec.podSandboxId);
      if (!(await this.sandboxReady(sb))) return this.failStart(rec, `pod sandbox ${rec.podSandboxId} is not ready`);
      const dir = this.containerDir(containerId);
      await mkdir(dirname(rec.logPath), { recursive: true });
      const md = rec.config.metadata;
      const result = await conmonCreate({
        conmonPath: this.conmonPath,
        runcPath: this.runcPath,
        runcRoot: this.runcRoot,
        id: containerId,
        uuid: rec.uuid,
        name: `${sb.config.metadata.namespace}_${sb.config.metadata.name}_${md.name}_${md.attempt}`,
        bundle: dir,
        logPath: rec.logPath,
        exitDir: this.exitDir,
        socketDir: this.socketDir,
        conmonLogPath: join(dir, 'conmon.log'),
        terminal: rec.config.tty,
        stdin: rec.config.stdin,
        stdinOnce: rec.config.stdinOnce,
        logSizeMax: this.logSizeMax,
      });
      if (!result.ok) return this.failStart(rec, result.message);
      // Taken before `runc start`: a process that exits at once must not finish before it started.
      const startedAtMs = this.clock.now();
      const start = await this.runc(['start', containerId]);
      if (start.code !== 0) return this.failStart(rec, runcMessage(start.stderr || start.stdout));
      rec.startedAtMs = startedAtMs;
      rec.pid = result.pid;
      rec.pidStartTime = await processStartTime(result.pid);
      await this.saveContainer(rec);
      this.emit({ type: 'CONTAINER_STARTED_EVENT', containerId, podSandboxId: rec.podSandboxId, timestampMs: rec.startedAtMs });
    });
  }

  /** containerd's StartError: the container is EXITED with code 128 and runc's message; throws RunContainerError. */
  private async failStart(rec: ContainerRecord, message: string): Promise<never> {
    rec.finishedAtMs = this.clock.now();
    rec.exitCode = 128;
    rec.reason = ContainerExitReasons.StartError;
    rec.message = message;
    await this.runc(['delete', '-f', rec.id]);
    await this.saveContainer(rec);
    this.emit({ type: 'CONTAINER_STOPPED_EVENT', containerId: rec.id, podSandboxId: rec.podSandboxId, timestampMs: rec.finishedAtMs });
    throw new RuntimeError('RunContainerError', message);
  }

  /**
   * The container's state from the kernel and conmon: an exit file means EXITED (recorded once,
   * with OOM detection), a live PID means RUNNING.
   */
  private async observe(rec: ContainerRecord): Promise<Observed> {
    if (rec.finishedAtMs) return { state: 'CONTAINER_EXITED' };
    if (!rec.startedAtMs) return { state: 'CONTAINER_CREATED' };
    if (await this.finalizeFromExitFile(rec)) return { state: 'CONTAINER_EXITED' };
    if (await isProcessAlive(rec.pid, rec.pidStartTime)) return { state: 'CONTAINER_RUNNING', pid: rec.pid };
    // The process is gone: conmon writes the exit file in a moment, unless conmon itself is gone.
    if (await this.conmonAlive(this.containerDir(rec.id))) return { state: 'CONTAINER_RUNNING' };
    if (await this.finalizeFromExitFile(rec)) return { state: 'CONTAINER_EXITED' };
    rec.finishedAtMs = this.clock.now();
    rec.exitCode = 255;
    rec.reason = ContainerExitReasons.Error;
    rec.message = 'container process exited but conmon recorded no exit code (conmon was killed)';
    await this.saveContainer(rec);
    return { state: 'CONTAINER_EXITED' };
  }

  private async finalizeFromExitFile(rec: ContainerRecord): Promise<boolean> {
    const exitFile = join(this.exitDir, rec.id);
    const st = await stat(exitFile).catch(() => undefined);
    if (!st) return false;
    const text = (await readFile(exitFile, 'utf8').catch(() => '')).trim();
    if (text === '') {
      // conmon creates the file, then writes: give it a moment.
      await sleep(20);
      return false;
    }
    const code = Number(text);
    const oom = (await exists(join(this.containerDir(rec.id), 'oom'))) || (await cgroupOomKilled(rec.cgroupPath));
    rec.finishedAtMs = Math.max(Math.round(st.mtimeMs), rec.startedAtMs);
    rec.exitCode = Number.isFinite(code) ? code : 255;
    rec.reason = oom ? ContainerExitReasons.OOMKilled : rec.exitCode === 0 ? ContainerExitReasons.Completed : ContainerExitReasons.Error;
    rec.pid = undefined;
    await this.saveContainer(rec);
    return true;
  }

  private async conmonAlive(bundle: string): Promise<boolean> {
    const pid = Number(await readFile(join(bundle, 'conmon.pid'), 'utf8').catch(() => '0'));
    if (!pid || !(await isProcessAlive(pid))) return false;
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    return comm.trim() === 'conmon';
  }

  private async killConmon(bundle: string): Promise<void> {
    if (!(await this.conmonAlive(bundle))) return;
    const pid = Number(await readFile(join(bundle, 'conmon.pid'), 'utf8'));
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }

  /** Signals a container (runc kill; `--all` for KILL) and waits until its process is gone. */
  private async killAndWait(id: string, pid: number | undefined, startTime: string | undefined, signal: string, timeoutMs = 10_000): Promise<boolean> {
    if (!(await isProcessAlive(pid, startTime))) return true;
    const args = signal === 'KILL' || signal === 'SIGKILL' ? ['kill', '--all', id, 'KILL'] : ['kill', id, signal];
    const r = await this.runc(args);
    if (r.code !== 0 && pid && (signal === 'KILL' || signal === 'SIGKILL')) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    return this.waitGone(pid, startTime, timeoutMs);
  }

  private async waitGone(pid: number | undefined, startTime: string | undefined, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!(await isProcessAlive(pid, startTime))) return true;
      if (Date.now() >= deadline) return false;
      await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
    }
  }

  /** Waits (bounded) for conmon to record the exit after the process died. */
  private async waitExitRecorded(rec: ContainerRecord, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.observe(rec)).state === 'CONTAINER_RUNNING' && Date.now() < deadline) await sleep(20);
  }

  async stopContainer(containerId: string, timeoutSeconds: number): Promise<void> {
    await this.ready;
    const rec = this.getContainer(containerId);
    await this.locks.run(containerId, async () => {
      if ((await this.observe(rec)).state !== 'CONTAINER_RUNNING') return;
      let gone = false;
      if (timeoutSeconds > 0) gone = await this.killAndWait(containerId, rec.pid, rec.pidStartTime, rec.stopSignal.replace(/^SIG/, ''), timeoutSeconds * 1000);
      if (!gone) gone = await this.killAndWait(containerId, rec.pid, rec.pidStartTime, 'KILL');
      if (!gone) throw new RuntimeError('StopContainerError', `container ${containerId} is still running after SIGKILL`);
      await this.waitExitRecorded(rec);
    });
  }

  async removeContainer(containerId: string): Promise<void> {
    await this.ready;
    const rec = this.containers.get(containerId);
    if (!rec) return;
    await this.locks.run(containerId, async () => {
      if ((await this.observe(rec)).state === 'CONTAINER_RUNNING') {
        await this.killAndWait(containerId, rec.pid, rec.pidStartTime, 'KILL');
        await this.waitExitRecorded(rec);
      }
      await this.teardownContainerDir(containerId, rec.uuid);
      this.containers.delete(containerId);
      this.emit({ type: 'CONTAINER_DELETED_EVENT', containerId, podSandboxId: rec.podSandboxId, timestampMs: this.clock.now() });
    });
  }

  /** Tolerant teardown of a container: runc state, conmon, mounts, files. The log file is kept. */
  private async teardownContainerDir(id: string, uuid: string | undefined): Promise<void> {
    const dir = this.containerDir(id);
    await this.runc(['delete', '-f', id]).catch(() => undefined);
    await this.killConmon(dir);
    await unmountAll(this.host, dir);
    await rm(dir, { recursive: true, force: true });
    await rm(join(this.exitDir, id), { force: true });
    if (uuid) await rm(join(this.socketDir, uuid), { force: true });
  }

  async containerStatus(containerId: string): Promise<ContainerStatus> {
    await this.ready;
    const rec = this.getContainer(containerId);
    const obs = await this.observe(rec);
    const status: ContainerStatus = {
      ...this.containerItem(rec, obs.state),
      startedAtMs: rec.startedAtMs,
      finishedAtMs: rec.finishedAtMs,
      exitCode: rec.exitCode,
      reason: obs.state === 'CONTAINER_EXITED' ? rec.reason : '',
      message: obs.state === 'CONTAINER_EXITED' ? rec.message : '',
      mounts: (rec.config.mounts ?? []).map((m) => ({ ...m })),
      logPath: rec.logPath,
    };
    if (obs.pid) status.pid = obs.pid;
    return status;
  }

  private containerItem(rec: ContainerRecord, state: ContainerState): Container {
    return {
      id: rec.id,
      podSandboxId: rec.podSandboxId,
      metadata: { ...rec.config.metadata },
      image: { ...rec.config.image },
      state,
      createdAtMs: rec.createdAtMs,
      labels: { ...rec.config.labels },
      annotations: { ...rec.config.annotations },
    };
  }

  async listContainers(filter: ContainerFilter = {}): Promise<Container[]> {
    await this.ready;
    const out: Container[] = [];
    for (const rec of this.containers.values()) {
      if (filter.id && rec.id !== filter.id && !rec.id.startsWith(filter.id)) continue;
      if (filter.podSandboxId && rec.podSandboxId !== filter.podSandboxId) continue;
      if (!matchesLabels(rec.config.labels ?? {}, filter.labelSelector)) continue;
      const { state } = await this.observe(rec);
      if (filter.state && state !== filter.state) continue;
      out.push(this.containerItem(rec, state));
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Exec, attach, logs

  private async requireRunning(containerId: string): Promise<ContainerRecord> {
    const rec = this.getContainer(containerId);
    if ((await this.observe(rec)).state !== 'CONTAINER_RUNNING') throw new RuntimeError('NotRunning', `container ${containerId} is not running`);
    return rec;
  }

  private async execWorkDir(containerId: string): Promise<string> {
    const dir = join(this.containerDir(containerId), `exec-${randomBytes(6).toString('hex')}`);
    await mkdir(dir);
    return dir;
  }

  async execSync(containerId: string, cmd: string[], timeoutMs: number): Promise<ExecSyncResult> {
    await this.ready;
    if (!cmd.length) throw new RuntimeError('InvalidArgument', 'exec needs a command');
    const rec = await this.requireRunning(containerId);
    return execSync(this.execTools, containerId, rec.process, await this.execWorkDir(containerId), cmd, timeoutMs);
  }

  async exec(containerId: string, options: ExecOptions): Promise<StreamHandle> {
    await this.ready;
    if (!options.cmd.length) throw new RuntimeError('InvalidArgument', 'exec needs a command');
    const rec = await this.requireRunning(containerId);
    return startExec(this.execTools, containerId, rec.process, await this.execWorkDir(containerId), options);
  }

  async attach(containerId: string, options: StreamOptions): Promise<StreamHandle> {
    await this.ready;
    const rec = await this.requireRunning(containerId);
    if (options.stdin && !rec.config.stdin) throw new RuntimeError('InvalidArgument', 'stdin is not open for this container (stdin: false)');
    if (!(await exists(this.execTools.pythonPath))) throw new RuntimeError('NotSupported', `attach needs ${this.execTools.pythonPath} (conmon's attach socket is SOCK_SEQPACKET)`);
    const socket = join(this.socketDir, rec.uuid, 'attach');
    return startAttach(this.execTools, socket, this.containerDir(containerId), { ...options, tty: rec.config.tty === true }, this.waitForExit(rec));
  }

  /** Resolves with the exit code once the container has exited. */
  private async waitForExit(rec: ContainerRecord): Promise<number> {
    while (!this.closed && this.containers.has(rec.id) && (await this.observe(rec)).state !== 'CONTAINER_EXITED') await sleep(100);
    return rec.exitCode;
  }

  async reopenContainerLog(containerId: string): Promise<void> {
    await this.ready;
    await this.requireRunning(containerId);
    try {
      await writeConmonCtl(this.containerDir(containerId), '2 0 0');
    } catch (err) {
      throw new RuntimeError('Internal', `reopen log of ${containerId}: ${errorMessage(err)}`, { cause: err });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Stats and events

  async containerStats(containerId: string): Promise<ContainerStats> {
    await this.ready;
    const rec = this.getContainer(containerId);
    const usage = await readCgroupUsage(rec.cgroupPath, this.clock.now());
    return { containerId, podSandboxId: rec.podSandboxId, metadata: { ...rec.config.metadata }, labels: { ...rec.config.labels }, ...usage };
  }

  async listContainerStats(filter: ContainerFilter = {}): Promise<ContainerStats[]> {
    const list = await this.listContainers({ ...filter, state: filter.state ?? 'CONTAINER_RUNNING' });
    return Promise.all(list.map((c) => this.containerStats(c.id)));
  }

  async podSandboxStats(podSandboxId: string): Promise<PodSandboxStats> {
    await this.ready;
    const rec = this.getSandbox(podSandboxId);
    const usage = await readCgroupUsage(rec.cgroupPath, this.clock.now());
    const containers = await this.listContainerStats({ podSandboxId });
    return { podSandboxId, metadata: { ...rec.config.metadata }, labels: { ...rec.config.labels }, ...usage, containers };
  }

  async listPodSandboxStats(filter: PodSandboxFilter = {}): Promise<PodSandboxStats[]> {
    const list = await this.listPodSandbox({ ...filter, state: filter.state ?? 'SANDBOX_READY' });
    return Promise.all(list.map((s) => this.podSandboxStats(s.id)));
  }

  watchContainerEvents(listener: (event: ContainerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops watching; containers and conmon keep running. */
  async close(): Promise<void> {
    this.closed = true;
    this.exitWatcher?.close();
    this.listeners.clear();
    await this.ready.catch(() => undefined);
  }

  /**
   * Removes every sandbox and container this runtime has, and its cgroup root: for tests and
   * `podyard reset`-style cleanups. Never touches anything outside the state dir and cgroup root.
   */
  async removeAll(): Promise<void> {
    await this.ready;
    for (const id of [...this.sandboxes.keys()]) await this.removePodSandbox(id);
    await removeCgroupRoot(this.cgroupRoot);
  }
}

function networkRequest(podSandboxId: string, config: PodSandboxConfig): PodNetworkPluginRequest {
  const md = config.metadata;
  return { podSandboxId, name: md.name, namespace: md.namespace, uid: md.uid, ...(config.portMappings ? { portMappings: config.portMappings } : {}) };
}
