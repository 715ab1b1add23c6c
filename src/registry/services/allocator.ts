import { badRequest, invalid, type FieldError } from '../../apis/index.js';

/** Parses `a.b.c.d/n` into the first and last usable addresses as integers. */
function parseCidr(cidr: string): { base: number; size: number } {
  const [ip, bits] = cidr.split('/');
  const n = ip!.split('.').reduce((acc, o) => (acc << 8) + Number(o), 0) >>> 0;
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  return { base: (n & (prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0)) >>> 0, size };
}

function toIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

function toInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, o) => (acc << 8) + Number(o), 0) >>> 0;
}

/**
 * Allocates ClusterIPs from the service CIDR and NodePorts from the node-port range. The sets of
 * taken values are loaded once from the stored Services, then kept in memory and updated
 * synchronously, so two concurrent creates can never take the same value.
 * The first address of the range (`.1`) is the `kubernetes` Service's.
 */
export class ServiceAllocator {
  private readonly cidr: { base: number; size: number };
  private used?: Promise<{ ips: Set<string>; ports: Set<number> }>;

  constructor(
    private readonly config: { serviceCidr: string; nodePortRange: { min: number; max: number } },
    private readonly inUse: () => Promise<{ ips: Set<string>; ports: Set<number> }>,
  ) {
    this.cidr = parseCidr(config.serviceCidr);
  }

  /** The ClusterIP of the `kubernetes` Service (first usable address). */
  get firstIp(): string {
    return toIp(this.cidr.base + 1);
  }

  /** Returns what stored Services use once a value was given back (on delete or failed create). */
  async release(svc: ServiceLike, keep?: ServiceLike): Promise<void> {
    const used = await (this.used ??= this.inUse());
    const ip = svc.spec?.clusterIP;
    if (ip && ip !== 'None' && ip !== keep?.spec?.clusterIP) used.ips.delete(ip);
    const kept = new Set((keep?.spec?.ports ?? []).map((p) => p.nodePort));
    for (const p of svc.spec?.ports ?? []) if (p.nodePort !== undefined && !kept.has(p.nodePort)) used.ports.delete(p.nodePort);
  }

  /**
   * Fills `spec.clusterIP(s)` and `ports[].nodePort` for a new Service, validating requested
   * values (in range, not taken). Throws a 422 Invalid Status naming the field.
   */
  async allocate(svc: ServiceLike, old?: ServiceLike): Promise<void> {
    const used = await (this.used ??= this.inUse());
    // From here on everything is synchronous: no other allocation can interleave.
    const spec = svc.spec ?? (svc.spec = {});
    const errs: FieldError[] = [];
    const type = spec.type ?? 'ClusterIP';
    if (type !== 'ExternalName') {
      if (old?.spec?.clusterIP) {
        spec.clusterIP ??= old.spec.clusterIP;
      }
      const requested = spec.clusterIP;
      if (requested && requested !== 'None' && requested !== old?.spec?.clusterIP) {
        const n = toInt(requested);
        if (n === undefined || n <= this.cidr.base || n >= this.cidr.base + this.cidr.size - 1) {
          errs.push({ type: 'FieldValueInvalid', field: 'spec.clusterIPs', badValue: [requested], detail: `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${this.config.serviceCidr}` });
        } else if (used.ips.has(requested)) {
          errs.push({ type: 'FieldValueInvalid', field: 'spec.clusterIPs', badValue: [requested], detail: `failed to allocate IP ${requested}: provided IP is already allocated` });
        }
      } else if (!requested) {
        spec.clusterIP = this.nextIp(used.ips);
      }
      if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
    }
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const oldPorts = new Map((old?.spec?.ports ?? []).map((p) => [`${p.port}/${p.protocol ?? 'TCP'}`, p.nodePort]));
      const { min, max } = this.config.nodePortRange;
      const taken = new Set(used.ports);
      (spec.ports ?? []).forEach((p, i) => {
        const keep = oldPorts.get(`${p.port}/${p.protocol ?? 'TCP'}`);
        if (p.nodePort === undefined && keep !== undefined) p.nodePort = keep;
        if (p.nodePort !== undefined && p.nodePort === keep) return;
        if (p.nodePort !== undefined) {
          if (p.nodePort < min || p.nodePort > max) {
            errs.push({ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, badValue: p.nodePort, detail: `provided port is not in the valid range. The range of valid ports is ${min}-${max}` });
          } else if (taken.has(p.nodePort)) {
            errs.push({ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, badValue: p.nodePort, detail: 'provided port is already allocated' });
          }
        } else {
          p.nodePort = this.nextPort(taken);
        }
        taken.add(p.nodePort);
      });
    } else {
      for (const p of spec.ports ?? []) delete p.nodePort;
    }
    if (errs.length > 0) throw invalid({ group: '', kind: 'Service' }, (svc.metadata as { name?: string }).name ?? '', errs);
    if (spec.clusterIP && spec.clusterIP !== 'None') used.ips.add(spec.clusterIP);
    for (const p of spec.ports ?? []) if (p.nodePort !== undefined) used.ports.add(p.nodePort);
  }

  private nextIp(used: Set<string>): string {
    const usable = this.cidr.size - 2;
    const start = Math.floor(Math.random() * usable);
    for (let i = 0; i < usable; i++) {
      const ip = toIp(this.cidr.base + 1 + ((start + i) % usable));
      if (!used.has(ip) && ip !== this.firstIp) return ip;
    }
    throw badRequest(`Internal error occurred: failed to allocate a serviceIP: range is full`);
  }

  private nextPort(used: Set<number>): number {
    const { min, max } = this.config.nodePortRange;
    const span = max - min + 1;
    const start = Math.floor(Math.random() * span);
    for (let i = 0; i < span; i++) {
      const port = min + ((start + i) % span);
      if (!used.has(port)) return port;
    }
    throw badRequest('Internal error occurred: failed to allocate a nodePort: range is full');
  }
}

/** The parts of a Service the allocator reads and fills. */
export interface ServiceLike {
  metadata: unknown;
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: { port: number; protocol?: string; nodePort?: number }[];
  };
}
