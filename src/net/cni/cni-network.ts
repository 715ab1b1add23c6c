/**
 * `CniNetwork`: the pod network of one Podyard instance, wired by the standard CNI plugins
 * (Debian's `containernetworking-plugins`) the way CRI-O's ocicni/libcni drives them.
 *
 * - One conflist, written by Podyard into its data dir: `bridge` (per-instance bridge name,
 *   `isGateway`, `ipMasq`, `hairpinMode`, host-local IPAM whose `dataDir` is in Podyard's data
 *   dir) then `portmap` (hostPort, the `portMappings` capability). `loopback` is invoked as its
 *   own single-plugin network on `lo`, like libcni's loopback network.
 * - Plugins are executed per the CNI spec: `CNI_COMMAND`, `CNI_CONTAINERID`, `CNI_NETNS`,
 *   `CNI_IFNAME`, `CNI_PATH`, `CNI_ARGS` in the environment, the network configuration (with
 *   `name`, `cniVersion`, `prevResult`, `runtimeConfig`) on stdin, the result on stdout.
 * - ADD results are cached per sandbox (libcni's `/var/lib/cni/results`), so ADD is idempotent
 *   (a second ADD returns the cached result) and DEL gets the `prevResult` it expects. DEL runs
 *   the plugins in reverse order and succeeds when things are already gone.
 *
 * Layout under `<dataDir>` (the `network/` directory of the Podyard data dir):
 *
 *     cni/podyard.conflist     the network configuration (its subnet is kept across restarts)
 *     ipam/                    host-local's allocations (`<network name>/<ip>` files)
 *     results/<sandboxId>.json cached ADD results
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, PodyardError, silentLogger, type Logger } from '../../base/index.js';
import { cidrsOverlap, formatCidr, nthAddress, parseCidr, type Ipv4Cidr } from './ipv4.js';
import { run } from './run.js';

/** Error codes of the pod network. */
export type NetworkErrorCode =
  | 'InvalidPodCidr' // the pod CIDR flag is not an IPv4 prefix, or has no free /24
  | 'CniFailed' // a CNI plugin failed (its error message is kept)
  | 'HostCommandFailed'; // ip/sysctl on the host failed

/** A failure of the pod network. */
export class NetworkError extends PodyardError<NetworkErrorCode> {}

/** Configuration of {@link CniNetwork}. */
export interface CniNetworkConfig {
  /** `<podyard data dir>/network`. */
  dataDir: string;
  /** Short id of this Podyard instance (hex), naming the bridge `podyard<id>` and the CNI network. */
  instanceId: string;
  /**
   * The pod address range. A prefix shorter than /24 is a cluster range of which this node
   * takes one free /24 (k3s's cluster-cidr → node podCIDR); a /24 or longer is used as it is.
   * Once chosen the node range is kept in the conflist, so restarts keep their addresses.
   */
  podCidr: string;
  /** Where the plugins are (`CNI_PATH`). Default `/usr/lib/cni`. */
  pluginDir?: string;
  ipPath?: string;
  /** Seed for picking the /24 (the data dir path), so concurrent instances start apart. */
  seed?: string;
}

/** One pod sandbox as the network sees it (libcni `RuntimeConf`). */
export interface PodNetworkRequest {
  podSandboxId: string;
  /** The pinned network namespace; absent or gone on DEL is fine. */
  netnsPath?: string;
  name: string;
  namespace: string;
  uid: string;
  portMappings?: { protocol: string; containerPort: number; hostPort?: number; hostIp?: string }[];
}

/** The addresses CNI gave a pod. */
export interface PodNetworkStatus {
  ip?: string;
  additionalIps?: string[];
}

interface CniResult {
  cniVersion?: string;
  ips?: { address: string; gateway?: string; interface?: number }[];
  [key: string]: unknown;
}

interface CachedResult {
  result: CniResult;
  netnsPath?: string;
  runtimeConfig: Record<string, unknown>;
  args: string;
}

const cniVersion = '1.0.0';
const confName = 'podyard.conflist';

/** The bridge device of an instance: `podyard<id>` (at most 15 characters, IFNAMSIZ; the node status skips `podyard*`). */
export function bridgeNameFor(instanceId: string): string {
  return `podyard${instanceId}`.slice(0, 15);
}

/**
 * The pod network of one instance. Create it with {@link CniNetwork.open} (chooses the node's
 * range, writes the conflist, creates the bridge so its gateway address exists before the first
 * pod, for the cluster DNS server), then call {@link setUpPod} / {@link tearDownPod} from the
 * runtime's RunPodSandbox / StopPodSandbox.
 */
export class CniNetwork {
  /** The node's pod range, e.g. `10.42.17.0/24`. */
  readonly podCidr: string;
  /** The bridge's address: pods' gateway, and where the cluster DNS server listens. */
  readonly gateway: string;
  readonly bridgeName: string;
  /** The CNI network name (`podyard-<id>`), also host-local's directory under `ipam/`. */
  readonly networkName: string;
  private readonly pluginDir: string;
  private readonly ipPath: string;
  private readonly conflist: { cniVersion: string; name: string; plugins: Record<string, unknown>[] };

  private constructor(
    private readonly logger: Logger,
    private readonly config: CniNetworkConfig,
    cidr: Ipv4Cidr,
  ) {
    this.podCidr = formatCidr(cidr);
    this.gateway = nthAddress(cidr, 1);
    this.bridgeName = bridgeNameFor(config.instanceId);
    this.networkName = `podyard-${config.instanceId}`;
    this.pluginDir = config.pluginDir ?? '/usr/lib/cni';
    this.ipPath = config.ipPath ?? '/usr/sbin/ip';
    this.conflist = {
      cniVersion,
      name: this.networkName,
      plugins: [
        {
          type: 'bridge',
          bridge: this.bridgeName,
          isGateway: true,
          ipMasq: true,
          hairpinMode: true,
          ipam: {
            type: 'host-local',
            ranges: [[{ subnet: this.podCidr, gateway: this.gateway }]],
            routes: [{ dst: '0.0.0.0/0' }],
            dataDir: join(config.dataDir, 'ipam'),
          },
        },
        { type: 'portmap', capabilities: { portMappings: true }, snat: true },
      ],
    };
  }

  /**
   * Opens the network of a data dir: reuses the range of an existing conflist (unless the flag
   * names another /24 or longer range), otherwise picks a free /24, writes the conflist and
   * makes sure the bridge exists, is up and has the gateway address.
   */
  static async open(deps: { logger?: Logger }, config: CniNetworkConfig): Promise<CniNetwork> {
    const logger = (deps.logger ?? silentLogger).child({ component: 'cni' });
    const cluster = parseCidr(config.podCidr);
    if (!cluster || cluster.bits > 30) throw new NetworkError('InvalidPodCidr', `--pod-cidr: want an IPv4 prefix of at most /30, got "${config.podCidr}"`);
    const previous = await readConflistSubnet(config.dataDir);
    // The kept range stays unless another interface took it while we were away and no pod
    // still holds an address from it.
    const ownBridge = bridgeNameFor(config.instanceId);
    const takenByOther = previous ? (await routedPrefixes()).some((r) => r.dev !== ownBridge && cidrsOverlap(r, previous)) : false;
    const attached = (await readdir(join(config.dataDir, 'results')).catch(() => [] as string[])).some((f) => f.endsWith('.json'));
    let cidr: Ipv4Cidr;
    if (cluster.bits >= 24) cidr = cluster;
    else if (previous && cidrsOverlap(previous, cluster) && previous.bits >= cluster.bits && (!takenByOther || attached)) cidr = previous;
    else cidr = await pickNodeRange(cluster, config.seed ?? config.dataDir);
    const net = new CniNetwork(logger, config, cidr);
    await mkdir(join(config.dataDir, 'cni'), { recursive: true, mode: 0o700 });
    await mkdir(join(config.dataDir, 'results'), { recursive: true, mode: 0o700 });
    await mkdir(join(config.dataDir, 'ipam'), { recursive: true, mode: 0o700 });
    const path = join(config.dataDir, 'cni', confName);
    await writeFile(`${path}.tmp`, JSON.stringify(net.conflist, null, 2) + '\n', { mode: 0o600 });
    await rename(`${path}.tmp`, path);
    await net.ensureBridge();
    logger.info('pod network ready', { podCidr: net.podCidr, bridge: net.bridgeName, gateway: net.gateway });
    return net;
  }

  /**
   * The network of a data dir as it was configured, without changing the host (for `podyard
   * reset`), or undefined when the data dir never had one.
   */
  static async existing(deps: { logger?: Logger }, config: Omit<CniNetworkConfig, 'podCidr'>): Promise<CniNetwork | undefined> {
    const cidr = await readConflistSubnet(config.dataDir);
    if (!cidr) return undefined;
    return new CniNetwork((deps.logger ?? silentLogger).child({ component: 'cni' }), { ...config, podCidr: formatCidr(cidr) }, cidr);
  }

  /** Creates the bridge with the gateway address (the bridge plugin adopts it), and brings it up. */
  async ensureBridge(): Promise<void> {
    const show = await run(this.ipPath, ['-j', 'addr', 'show', 'dev', this.bridgeName]);
    if (show.code !== 0) await this.ip(['link', 'add', 'name', this.bridgeName, 'type', 'bridge']);
    const addrs = show.code === 0 ? (JSON.parse(show.stdout || '[]') as { addr_info?: { local?: string }[] }[]) : [];
    if (!addrs.some((a) => (a.addr_info ?? []).some((i) => i.local === this.gateway))) {
      await this.ip(['addr', 'add', `${this.gateway}/${this.podCidr.split('/')[1]}`, 'dev', this.bridgeName]);
    }
    await this.ip(['link', 'set', this.bridgeName, 'up']);
  }

  private async ip(args: string[]): Promise<void> {
    const r = await run(this.ipPath, args);
    if (r.code !== 0) throw new NetworkError('HostCommandFailed', `ip ${args.join(' ')}: ${r.stderr.trim()}`);
  }

  /**
   * CNI ADD of the pod's sandbox (loopback, then the conflist). Idempotent: a sandbox that
   * already has a cached result gets it back without running the plugins again.
   */
  async setUpPod(req: PodNetworkRequest): Promise<PodNetworkStatus> {
    const cached = await this.readCache(req.podSandboxId);
    if (cached) return statusOf(cached.result);
    if (!req.netnsPath) throw new NetworkError('CniFailed', 'pod network: a pod-network sandbox needs a network namespace');
    const args = cniArgs(req);
    const runtimeConfig: Record<string, unknown> = {};
    const portMappings = (req.portMappings ?? [])
      .filter((p) => p.hostPort)
      .map((p) => ({ hostPort: p.hostPort, containerPort: p.containerPort, protocol: p.protocol.toLowerCase(), ...(p.hostIp ? { hostIP: p.hostIp } : {}) }));
    if (portMappings.length) runtimeConfig.portMappings = portMappings;
    const env = { CNI_CONTAINERID: req.podSandboxId, CNI_NETNS: req.netnsPath, CNI_ARGS: args };
    try {
      // 1. loopback, as its own network (libcni's loNetwork).
      await this.exec('loopback', 'ADD', { ...env, CNI_IFNAME: 'lo' }, { cniVersion, name: 'cni-loopback', type: 'loopback' });
      // 2. The conflist's plugins in order, each given the previous one's result.
      let prev: CniResult | undefined;
      for (const plugin of this.conflist.plugins) {
        const conf = this.pluginConf(plugin, runtimeConfig, prev);
        prev = await this.exec(plugin.type as string, 'ADD', { ...env, CNI_IFNAME: 'eth0' }, conf);
      }
      const result = prev ?? {};
      await this.writeCache(req.podSandboxId, { result, netnsPath: req.netnsPath, runtimeConfig, args });
      return statusOf(result);
    } catch (err) {
      // 3. A failed ADD is undone (the spec: the runtime calls DEL after a failed ADD).
      await this.del(req.podSandboxId, req.netnsPath, runtimeConfig, args, undefined).catch(() => undefined);
      throw err;
    }
  }

  /** CNI DEL of the pod's sandbox (reverse order); succeeds when everything is already gone. */
  async tearDownPod(req: PodNetworkRequest): Promise<void> {
    const cached = await this.readCache(req.podSandboxId);
    const netnsPath = req.netnsPath ?? cached?.netnsPath;
    await this.del(req.podSandboxId, netnsPath, cached?.runtimeConfig ?? {}, cached?.args ?? cniArgs(req), cached?.result);
    await rm(this.cachePath(req.podSandboxId), { force: true });
  }

  private async del(id: string, netnsPath: string | undefined, runtimeConfig: Record<string, unknown>, args: string, prev: CniResult | undefined): Promise<void> {
    const netns = netnsPath && (await isNetns(netnsPath)) ? netnsPath : '';
    const env = { CNI_CONTAINERID: id, CNI_NETNS: netns, CNI_ARGS: args, CNI_IFNAME: 'eth0' };
    const errors: string[] = [];
    for (const plugin of [...this.conflist.plugins].reverse()) {
      try {
        await this.exec(plugin.type as string, 'DEL', env, this.pluginConf(plugin, runtimeConfig, prev));
      } catch (err) {
        errors.push(errorMessage(err));
      }
    }
    if (netns) await this.exec('loopback', 'DEL', { ...env, CNI_IFNAME: 'lo' }, { cniVersion, name: 'cni-loopback', type: 'loopback' }).catch(() => undefined);
    if (errors.length) throw new NetworkError('CniFailed', errors.join('; '));
  }

  /**
   * Removes what the network left on the host and in the data dir: cached results, IPAM
   * allocations and the bridge. For `podyard reset`, after every sandbox was torn down.
   */
  async destroy(): Promise<void> {
    for (const f of await readdir(join(this.config.dataDir, 'results')).catch(() => [] as string[])) {
      const id = f.replace(/\.json$/, '');
      await this.tearDownPod({ podSandboxId: id, name: '', namespace: '', uid: '' }).catch((err: unknown) =>
        this.logger.warn('CNI DEL of a leftover sandbox failed', { podSandboxId: id, err: errorMessage(err) }),
      );
    }
    const show = await run(this.ipPath, ['link', 'show', 'dev', this.bridgeName]);
    if (show.code === 0) await this.ip(['link', 'del', 'dev', this.bridgeName]);
    await rm(join(this.config.dataDir, 'ipam'), { recursive: true, force: true });
    await rm(join(this.config.dataDir, 'results'), { recursive: true, force: true });
  }

  /** Whether any sandbox is still attached (has a cached ADD result). */
  async hasPods(): Promise<boolean> {
    const files = await readdir(join(this.config.dataDir, 'results')).catch(() => [] as string[]);
    return files.some((f) => f.endsWith('.json'));
  }

  /** The IPs host-local has handed out (its allocation files): for leak checks. */
  async allocatedIps(): Promise<string[]> {
    const files = await readdir(join(this.config.dataDir, 'ipam', this.networkName)).catch(() => [] as string[]);
    return files.filter((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f));
  }

  private pluginConf(plugin: Record<string, unknown>, runtimeConfig: Record<string, unknown>, prev: CniResult | undefined): Record<string, unknown> {
    const conf: Record<string, unknown> = { ...plugin, cniVersion, name: this.networkName };
    delete conf.capabilities;
    const caps = (plugin.capabilities ?? {}) as Record<string, boolean>;
    const rc = Object.fromEntries(Object.entries(runtimeConfig).filter(([k]) => caps[k]));
    if (Object.keys(rc).length) conf.runtimeConfig = rc;
    if (prev) conf.prevResult = prev;
    return conf;
  }

  private async exec(type: string, command: 'ADD' | 'DEL', env: Record<string, string>, conf: Record<string, unknown>): Promise<CniResult> {
    const started = Date.now();
    const r = await run(join(this.pluginDir, type), [], {
      input: JSON.stringify(conf),
      env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', CNI_COMMAND: command, CNI_PATH: this.pluginDir, ...env },
      timeoutMs: 60_000,
    });
    this.logger.debug('CNI plugin ran', { plugin: type, command, containerId: env.CNI_CONTAINERID, code: r.code, ms: Date.now() - started });
    if (r.code !== 0) {
      let msg = r.stderr.trim() || r.stdout.trim();
      try {
        const e = JSON.parse(r.stdout) as { msg?: string; details?: string };
        if (e.msg) msg = e.details ? `${e.msg}: ${e.details}` : e.msg;
      } catch {
        // not a CNI error object
      }
      throw new NetworkError('CniFailed', `plugin type="${type}" failed (${command.toLowerCase()}): ${msg}`);
    }
    return r.stdout.trim() ? (JSON.parse(r.stdout) as CniResult) : {};
  }

  private cachePath(id: string): string {
    if (!/^[A-Za-z0-9_.-]+$/.test(id)) throw new NetworkError('CniFailed', `invalid sandbox id ${JSON.stringify(id)}`);
    return join(this.config.dataDir, 'results', `${id}.json`);
  }

  private async readCache(id: string): Promise<CachedResult | undefined> {
    return readFile(this.cachePath(id), 'utf8').then((t) => JSON.parse(t) as CachedResult, () => undefined);
  }

  private async writeCache(id: string, entry: CachedResult): Promise<void> {
    const path = this.cachePath(id);
    await writeFile(`${path}.tmp`, JSON.stringify(entry), { mode: 0o600 });
    await rename(`${path}.tmp`, path);
  }
}

function cniArgs(req: PodNetworkRequest): string {
  return `IgnoreUnknown=1;K8S_POD_NAMESPACE=${req.namespace};K8S_POD_NAME=${req.name};K8S_POD_INFRA_CONTAINER_ID=${req.podSandboxId};K8S_POD_UID=${req.uid}`;
}

function statusOf(result: CniResult): PodNetworkStatus {
  const ips = (result.ips ?? []).map((i) => i.address.split('/')[0]!).filter(Boolean);
  const v4 = ips.filter((ip) => !ip.includes(':'));
  const ordered = [...v4, ...ips.filter((ip) => ip.includes(':'))];
  return { ...(ordered[0] ? { ip: ordered[0] } : {}), ...(ordered.length > 1 ? { additionalIps: ordered.slice(1) } : {}) };
}

/** Whether a path is a (still pinned) network namespace: the bind mount shows as nsfs in mountinfo. */
async function isNetns(path: string): Promise<boolean> {
  const info = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  return info.split('\n').some((l) => {
    const f = l.split(' ');
    return f[4] === path && l.includes(' - nsfs ');
  });
}

async function readConflistSubnet(dataDir: string): Promise<Ipv4Cidr | undefined> {
  try {
    const doc = JSON.parse(await readFile(join(dataDir, 'cni', confName), 'utf8')) as { plugins?: { ipam?: { ranges?: { subnet?: string }[][] } }[] };
    const subnet = doc.plugins?.[0]?.ipam?.ranges?.[0]?.[0]?.subnet;
    return subnet ? parseCidr(subnet) : undefined;
  } catch {
    return undefined;
  }
}

/** IPv4 prefixes routed on this machine and their devices (main table, from /proc/net/route). */
async function routedPrefixes(): Promise<(Ipv4Cidr & { dev: string })[]> {
  const text = await readFile('/proc/net/route', 'utf8').catch(() => '');
  const out: (Ipv4Cidr & { dev: string })[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    const le = (hex: string) => Buffer.from(hex, 'hex').readUInt32LE(0);
    const dest = le(f[1]!);
    const mask = le(f[7]!);
    if (mask === 0) continue;
    const bits = mask.toString(2).replace(/0/g, '').length;
    out.push({ network: dest, bits, dev: f[0]! });
  }
  return out;
}

/** A free /24 of the cluster range: start at a slot derived from the seed, skip routed ones. */
async function pickNodeRange(cluster: Ipv4Cidr, seed: string): Promise<Ipv4Cidr> {
  const count = 2 ** (24 - cluster.bits);
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const used = await routedPrefixes();
  for (let i = 0; i < count; i++) {
    const slot = (h + i) % count;
    const candidate = { network: cluster.network + slot * 256, bits: 24 };
    if (!used.some((u) => cidrsOverlap(u, candidate))) return candidate;
  }
  throw new NetworkError('InvalidPodCidr', `--pod-cidr ${formatCidr(cluster)}: no free /24 left on this machine`);
}
