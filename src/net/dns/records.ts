/**
 * The cluster DNS records (the Kubernetes DNS specification,
 * https://github.com/kubernetes/dns/blob/master/docs/specification.md), computed from Services
 * and EndpointSlices:
 *
 * - `<svc>.<ns>.svc.<domain>` A: the ClusterIP; for a headless Service, every ready endpoint.
 * - `<hostname>.<svc>.<ns>.svc.<domain>` A: a headless Service's endpoint with a hostname (a pod
 *   with `spec.hostname` and `spec.subdomain` = the Service), or named by its dashed IP.
 * - `_<port>._<proto>.<svc>.<ns>.svc.<domain>` SRV for named ports.
 * - ExternalName Services: a CNAME.
 * - `<a-b-c-d>.<ns>.pod.<domain>` A: the dashed IP itself.
 *
 * Names in the cluster domain that match nothing are NXDOMAIN; existing names without records
 * of the asked type answer NOERROR with no data. Anything else is for the upstream resolvers.
 */
import type { EndpointSlice, Service } from '../../apis/index.js';

/** One answer record. */
export type DnsRecord =
  | { type: 'A'; name: string; ttl: number; data: string }
  | { type: 'CNAME'; name: string; ttl: number; data: string }
  | { type: 'SRV'; name: string; ttl: number; data: { priority: number; weight: number; port: number; target: string } };

/** How a question is answered. */
export type DnsLookup =
  | { kind: 'answer'; records: DnsRecord[] } // NOERROR (no records: the name exists, not the type)
  | { kind: 'nxdomain' }
  | { kind: 'forward' }; // not in the cluster domain

const ttl = 5;

/** The records of one instance, rebuilt whole whenever Services or EndpointSlices change. */
export class DnsRecords {
  private names = new Map<string, DnsRecord[]>();
  readonly domain: string;

  constructor(clusterDomain = 'cluster.local') {
    this.domain = clusterDomain.toLowerCase().replace(/\.$/, '');
  }

  /** Recomputes every record from the current Services and EndpointSlices. */
  rebuild(services: readonly Service[], slices: readonly EndpointSlice[]): void {
    const names = new Map<string, DnsRecord[]>();
    const add = (r: DnsRecord) => {
      const key = r.name.toLowerCase();
      const list = names.get(key) ?? [];
      if (!list.some((x) => JSON.stringify(x) === JSON.stringify(r))) list.push(r);
      names.set(key, list);
    };
    for (const svc of services) {
      const ns = svc.metadata.namespace!;
      const fqdn = `${svc.metadata.name}.${ns}.svc.${this.domain}`;
      const spec = svc.spec ?? {};
      if (spec.type === 'ExternalName') {
        if (spec.externalName) add({ type: 'CNAME', name: fqdn, ttl, data: spec.externalName.replace(/\.$/, '') });
        continue;
      }
      const headless = spec.clusterIP === 'None';
      const mine = slices.filter((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name && s.addressType !== 'IPv6');
      const ready = mine.flatMap((s) => (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false || spec.publishNotReadyAddresses).map((e) => ({ e, slice: s })));
      // The name exists even without addresses (NOERROR/NODATA rather than NXDOMAIN).
      if (!names.has(fqdn)) names.set(fqdn, []);
      if (!headless && spec.clusterIP) {
        add({ type: 'A', name: fqdn, ttl, data: spec.clusterIP });
        for (const p of spec.ports ?? []) {
          if (p.name) add({ type: 'SRV', name: `_${p.name}._${(p.protocol ?? 'TCP').toLowerCase()}.${fqdn}`, ttl, data: { priority: 0, weight: 100, port: p.port, target: fqdn } });
        }
        continue;
      }
      for (const { e, slice } of ready) {
        for (const ip of e.addresses ?? []) {
          add({ type: 'A', name: fqdn, ttl, data: ip });
          const host = `${e.hostname ?? ip.replace(/\./g, '-')}.${fqdn}`;
          add({ type: 'A', name: host, ttl, data: ip });
          for (const p of slice.ports ?? []) {
            if (p.name && p.port) add({ type: 'SRV', name: `_${p.name}._${(p.protocol ?? 'TCP').toLowerCase()}.${fqdn}`, ttl, data: { priority: 0, weight: 100, port: p.port, target: host } });
          }
        }
      }
    }
    this.names = names;
  }

  /** Answers one question (name without the trailing dot, any case). */
  lookup(name: string, type: string): DnsLookup {
    const q = name.toLowerCase().replace(/\.$/, '');
    if (q !== this.domain && !q.endsWith(`.${this.domain}`)) return { kind: 'forward' };
    const rel = q === this.domain ? '' : q.slice(0, -this.domain.length - 1);
    // <a-b-c-d>.<ns>.pod.<domain>
    const pod = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})\.[a-z0-9-]+\.pod$/.exec(rel);
    if (pod && pod.slice(1).every((o) => Number(o) < 256)) {
      return { kind: 'answer', records: type === 'A' || type === 'ANY' ? [{ type: 'A', name: q, ttl, data: pod.slice(1, 5).join('.') }] : [] };
    }
    const records = this.names.get(q);
    if (!records) {
      // Interior names (`svc.<domain>`, `<ns>.svc.<domain>`) exist when something lives below them.
      for (const key of this.names.keys()) if (key.endsWith(`.${q}`)) return { kind: 'answer', records: [] };
      if (q === this.domain) return { kind: 'answer', records: [] };
      return { kind: 'nxdomain' };
    }
    const cname = records.find((r) => r.type === 'CNAME');
    if (cname) return { kind: 'answer', records: [cname] };
    return { kind: 'answer', records: records.filter((r) => type === 'ANY' || r.type === type) };
  }
}
