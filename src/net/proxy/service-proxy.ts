import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Clock, Logger } from '../../base/index.js';
import { errorMessage, PodyardError } from '../../base/index.js';
import type { EndpointSlice, Service } from '../../apis/index.js';
import { type ApiClient, Informer, Resources } from '../../client/index.js';
import { computeTable, renderFullSync, renderPartialSync, type TableModel } from './rules.js';

/** Error codes of the service proxy. */
export type ProxyErrorCode = 'NftFailed'; // nft rejected or could not apply the ruleset

/** A failure of the service proxy. */
export class ProxyError extends PodyardError<ProxyErrorCode> {}

/** Configuration of {@link ServiceProxy}. */
export interface ServiceProxyConfig {
  /** Short id of this instance: the table is `podyard_<instanceId>`. */
  instanceId: string;
  /** The pod address range (the cluster range given by `--pod-cidr`). */
  podCidr: string;
  nftPath?: string;
  /** A full sync (the whole table replaced) at least this often; partial syncs between. Default 5 min. */
  fullSyncIntervalMs?: number;
}

/** What the last sync did (for benchmarks and logs). */
export interface ProxySyncInfo {
  /** When the sync started and ended (clock ms). */
  startedAtMs: number;
  endedAtMs: number;
  /** Every informer event seen before the sync started. */
  generation: number;
  /** Whether the whole table was replaced (else only the chains that changed). */
  full: boolean;
}

/**
 * The service proxy (kube-proxy): watches Services and EndpointSlices and keeps this instance's
 * nftables table equal to {@link computeTable} of them. Every trigger only marks the state
 * dirty; one sync at a time recomputes the whole desired table from the caches (STYLE §2.3:
 * latest state wins, never a diff from an event) and applies it in one atomic `nft -f -`
 * transaction: the first sync, one every `fullSyncIntervalMs` and any after a failure replace
 * the whole table; the others rewrite only the chains whose desired rules differ from what the
 * last sync applied (kube-proxy's partial sync), which keeps programming fast with many Services.
 *
 * Rules survive a crash (like kube-proxy's, so Services keep working while the daemon restarts);
 * {@link close} with `removeRules` — what `podyard server` does on SIGTERM — and `podyard
 * reset` ({@link removeProxyTable}) delete the table.
 */
export class ServiceProxy {
  readonly table: string;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly nftPath: string;
  private generation = 0;
  private syncedGeneration = -1;
  private running: Promise<void> | undefined;
  private closed = false;
  private lastRuleset = '';
  private lastModel: TableModel | undefined;
  private lastFullAtMs = 0;
  private readonly listeners = new Set<(info: ProxySyncInfo) => void>();
  private readonly log: Logger;
  private retryTimer: ReturnType<Clock['setTimeout']> | undefined;
  private fullTimer: ReturnType<Clock['setTimeout']> | undefined;

  constructor(
    private readonly deps: { client: ApiClient; clock: Clock; logger: Logger },
    private readonly config: ServiceProxyConfig,
  ) {
    this.log = deps.logger.child({ component: 'service-proxy' });
    this.table = proxyTableName(config.instanceId);
    this.nftPath = config.nftPath ?? '/usr/sbin/nft';
    const changed = () => this.trigger();
    const handlers = { onAdd: changed, onUpdate: changed, onDelete: changed };
    this.services = new Informer<Service>({ ...deps, logger: this.log }, Resources.services, handlers);
    this.slices = new Informer<EndpointSlice>({ ...deps, logger: this.log }, Resources.endpointslices, handlers);
  }

  /** Enables the sysctls NodePorts need, starts watching and applies the first ruleset. */
  async start(): Promise<void> {
    // NodePorts on 127.0.0.1 are DNATed to pod IPs: the kernel must route loopback-sourced
    // packets off the host (then masqueraded), as kube-proxy sets it.
    await writeSysctl('/proc/sys/net/ipv4/conf/all/route_localnet', '1');
    await writeSysctl('/proc/sys/net/ipv4/ip_forward', '1');
    this.services.start();
    this.slices.start();
    await Promise.all([this.services.synced, this.slices.synced]);
    this.trigger();
    await this.running;
  }

  /** Called after every successful sync (benchmarks measure programming latency with it). */
  onSynced(listener: (info: ProxySyncInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The ruleset last applied. */
  get ruleset(): string {
    return this.lastRuleset;
  }

  private trigger(): void {
    this.generation++;
    if (this.closed || this.running) return;
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  private async loop(): Promise<void> {
    // Bridged pod-to-pod traffic is un-NATed only when it passes netfilter (br_netfilter).
    while (!this.closed && this.syncedGeneration !== this.generation) {
      const generation = this.generation;
      const startedAtMs = this.deps.clock.now();
      try {
        const masqueradeAll = (await readFile('/proc/sys/net/bridge/bridge-nf-call-iptables', 'utf8').catch(() => '0')).trim() !== '1';
        const model = computeTable({ table: this.table, podCidr: this.config.podCidr, masqueradeAll, services: this.services.list(), slices: this.slices.list() });
        const full = !this.lastModel || startedAtMs - this.lastFullAtMs >= (this.config.fullSyncIntervalMs ?? 5 * 60_000);
        // The model is forgotten first: if nft fails, the next sync is a full one.
        const prev = this.lastModel;
        this.lastModel = undefined;
        if (full || !prev) {
          this.lastRuleset = renderFullSync(model);
          await this.nft(this.lastRuleset);
          this.lastFullAtMs = startedAtMs;
        } else {
          const script = renderPartialSync(prev, model);
          if (script) await this.nft(script);
          this.lastRuleset = renderFullSync(model);
        }
        this.lastModel = model;
        this.syncedGeneration = generation;
        this.scheduleFullSync();
        const info = { startedAtMs, endedAtMs: this.deps.clock.now(), generation, full };
        for (const l of this.listeners) l(info);
      } catch (err) {
        this.log.error('applying service rules failed; retrying', { err: errorMessage(err) });
        if (!this.retryTimer) {
          this.retryTimer = this.deps.clock.setTimeout(() => {
            this.retryTimer = undefined;
            this.generation++;
            this.trigger();
          }, 1_000);
        }
        return;
      }
    }
  }

  /** Makes sure a full sync happens even when nothing changes (repairs outside tampering). */
  private scheduleFullSync(): void {
    if (this.fullTimer || this.closed) return;
    this.fullTimer = this.deps.clock.setTimeout(() => {
      this.fullTimer = undefined;
      this.lastFullAtMs = 0;
      this.generation++;
      this.trigger();
    }, this.config.fullSyncIntervalMs ?? 5 * 60_000);
  }

  private async nft(script: string): Promise<void> {
    const r = await runNft(this.nftPath, ['-f', '-'], script);
    if (r.code !== 0) throw new ProxyError('NftFailed', `nft: ${r.stderr.trim()}`);
  }

  /** Stops watching; with `removeRules` also deletes the instance's table. */
  async close(options: { removeRules?: boolean } = {}): Promise<void> {
    this.closed = true;
    if (this.retryTimer) this.deps.clock.clearTimeout(this.retryTimer);
    if (this.fullTimer) this.deps.clock.clearTimeout(this.fullTimer);
    this.services.stop();
    this.slices.stop();
    await this.running;
    if (options.removeRules) await removeProxyTable(this.config.instanceId, this.nftPath);
  }
}

/** The nftables table (family `ip`) of an instance. */
export function proxyTableName(instanceId: string): string {
  return `podyard_${instanceId}`;
}

/** Deletes an instance's table if it exists (for shutdown and `podyard reset`). */
export async function removeProxyTable(instanceId: string, nftPath = '/usr/sbin/nft'): Promise<void> {
  if (!existsSync(nftPath)) return;
  const t = proxyTableName(instanceId);
  const r = await runNft(nftPath, ['-f', '-'], `add table ip ${t}\ndelete table ip ${t}\n`);
  if (r.code !== 0) throw new ProxyError('NftFailed', `nft: ${r.stderr.trim()}`);
}

async function writeSysctl(path: string, value: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current?.trim() !== value) await writeFile(path, value);
}

function runNft(nftPath: string, args: string[], input: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(nftPath, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}
