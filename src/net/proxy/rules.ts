/**
 * The service proxy's rules, computed whole from Services and EndpointSlices (kube-proxy's
 * nftables mode, `pkg/proxy/nftables/proxier.go`, reduced to what one node needs):
 *
 * - `nat` chains at prerouting/output (priority dstnat) send `ip daddr <clusterIP> <proto>
 *   dport <port>` and `fib daddr type local <proto> dport <nodePort>` to a per-service-port
 *   chain, which picks an endpoint (`numgen random mod N`, or the endpoint a client's address
 *   is pinned to with `sessionAffinity: ClientIP`) and DNATs to it.
 * - Packets that must be masqueraded are marked (0x4000): NodePort traffic, ClusterIP traffic
 *   not from a pod, hairpin traffic (a pod reaching itself), or everything when the bridge does
 *   not pass traffic to netfilter; the postrouting chain masquerades them.
 * - `filter` chains at input/forward/output (priority -110, before DNAT) reject new connections
 *   to service ports that have no ready endpoint, with a TCP reset or ICMP port unreachable,
 *   so clients fail fast instead of hanging (kube-proxy's `no-endpoint-services`). They also
 *   drop outside connections to 127.0.0.0/8 that were not DNATed, because NodePorts on
 *   127.0.0.1 need `route_localnet` (kube-proxy's "block incoming localnet connections").
 *
 * The output is one `nft -f -` transaction that creates, deletes and recreates the instance's
 * own table, so the rules are replaced atomically and never appended to.
 */
import { createHash } from 'node:crypto';
import type { EndpointSlice, Service } from '../../apis/index.js';

/** Input of {@link computeRuleset}. */
export interface RulesetInput {
  /** The nftables table (family `ip`) this instance owns, e.g. `podyard_1a2b3c4d`. */
  table: string;
  /** The pod address range (traffic from it to a ClusterIP is not masqueraded). */
  podCidr: string;
  /** Masquerade all service traffic (when bridged traffic bypasses netfilter). */
  masqueradeAll?: boolean;
  services: readonly Service[];
  slices: readonly EndpointSlice[];
}

/** One service port as the proxy programs it (kube-proxy's `ServicePortName` + info). */
export interface ServicePortRule {
  /** `namespace/name:portName` */
  key: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  clusterIP?: string;
  port: number;
  nodePort?: number;
  affinityTimeoutSeconds?: number;
  endpoints: { ip: string; port: number }[];
}

const masqMark = '0x4000';

/** The service ports to program: ClusterIP/NodePort Services with their ready endpoints. */
export function computeServicePorts(services: readonly Service[], slices: readonly EndpointSlice[]): ServicePortRule[] {
  const out: ServicePortRule[] = [];
  for (const svc of services) {
    const spec = svc.spec ?? {};
    if (spec.type === 'ExternalName') continue;
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    const clusterIP = spec.clusterIP && spec.clusterIP !== 'None' && !spec.clusterIP.includes(':') ? spec.clusterIP : undefined;
    const mine = slices.filter((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === name && s.addressType !== 'IPv6');
    for (const p of spec.ports ?? []) {
      const protocol = (p.protocol ?? 'TCP').toLowerCase() as ServicePortRule['protocol'];
      const nodePort = (spec.type === 'NodePort' || spec.type === 'LoadBalancer') && p.nodePort ? p.nodePort : undefined;
      if (!clusterIP && !nodePort) continue;
      const endpoints = new Map<string, { ip: string; port: number }>();
      for (const slice of mine) {
        const sp = (slice.ports ?? []).find((x) => (x.name ?? '') === (p.name ?? '') && (x.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
        if (!sp?.port) continue;
        for (const ep of slice.endpoints ?? []) {
          if (ep.conditions?.ready === false) continue;
          const ip = ep.addresses?.[0];
          if (ip && !ip.includes(':')) endpoints.set(`${ip}:${sp.port}`, { ip, port: sp.port });
        }
      }
      out.push({
        key: `${ns}/${name}:${p.name ?? ''}`,
        protocol,
        ...(clusterIP ? { clusterIP } : {}),
        port: p.port,
        ...(nodePort ? { nodePort } : {}),
        ...(spec.sessionAffinity === 'ClientIP' ? { affinityTimeoutSeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800 } : {}),
        endpoints: [...endpoints.values()].sort((a, b) => (a.ip === b.ip ? a.port - b.port : a.ip < b.ip ? -1 : 1)),
      });
    }
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

/** nft string literal for comments. */
function comment(s: string): string {
  return `comment "${s.replace(/["\\]/g, '')}"`;
}

/** The complete `nft -f -` script that replaces the instance's table with the desired rules. */
export function computeRuleset(input: RulesetInput): string {
  const t = input.table;
  const ports = computeServicePorts(input.services, input.slices);
  const sets: string[] = [];
  const chains: string[] = [];
  const dispatch: string[] = [];
  const rejects: string[] = [];
  for (const sp of ports) {
    const h = hash(sp.key);
    const svcChain = `svc_${h}`;
    const match = `${sp.protocol} dport`;
    if (!sp.endpoints.length) {
      const verdict = sp.protocol === 'tcp' ? 'reject with tcp reset' : 'reject';
      if (sp.clusterIP) rejects.push(`ip daddr ${sp.clusterIP} ${match} ${sp.port} ${verdict} ${comment(`${sp.key} has no endpoints`)}`);
      if (sp.nodePort) rejects.push(`fib daddr type local ${match} ${sp.nodePort} ${verdict} ${comment(`${sp.key} has no endpoints`)}`);
      continue;
    }
    if (sp.clusterIP) {
      const fromOutside = input.masqueradeAll ? '' : `ip saddr != ${input.podCidr} `;
      dispatch.push(`ip daddr ${sp.clusterIP} ${match} ${sp.port} ${fromOutside}jump mark_for_masquerade`);
      dispatch.push(`ip daddr ${sp.clusterIP} ${match} ${sp.port} goto ${svcChain} ${comment(`${sp.key} cluster IP`)}`);
    }
    if (sp.nodePort) {
      dispatch.push(`fib daddr type local ${match} ${sp.nodePort} jump mark_for_masquerade`);
      dispatch.push(`fib daddr type local ${match} ${sp.nodePort} goto ${svcChain} ${comment(`${sp.key} node port`)}`);
    }
    const svcRules: string[] = [];
    const eps = sp.endpoints.map((ep) => ({ ...ep, chain: `ep_${hash(`${sp.key}/${ep.ip}:${ep.port}`)}` }));
    for (const ep of eps) {
      const epRules = [`ip saddr ${ep.ip} jump mark_for_masquerade`];
      if (sp.affinityTimeoutSeconds !== undefined) {
        const set = `aff_${ep.chain.slice(3)}`;
        sets.push(`  set ${set} {\n    type ipv4_addr\n    flags dynamic,timeout\n    timeout ${sp.affinityTimeoutSeconds}s\n  }`);
        svcRules.push(`ip saddr @${set} goto ${ep.chain}`);
        epRules.push(`update @${set} { ip saddr }`);
      }
      epRules.push(`meta l4proto ${sp.protocol} dnat to ${ep.ip}:${ep.port}`);
      chains.push(chain(ep.chain, epRules));
    }
    svcRules.push(
      eps.length === 1
        ? `goto ${eps[0]!.chain}`
        : `numgen random mod ${eps.length} vmap { ${eps.map((ep, i) => `${i} : goto ${ep.chain}`).join(', ')} }`,
    );
    chains.unshift(chain(svcChain, svcRules));
  }
  const body = [
    ...sets,
    chain('mark_for_masquerade', [`meta mark set meta mark | ${masqMark}`]),
    chain('nat_prerouting', ['jump services'], 'type nat hook prerouting priority dstnat; policy accept;'),
    chain('nat_output', ['jump services'], 'type nat hook output priority -100; policy accept;'),
    chain('nat_postrouting', [`meta mark & ${masqMark} == 0 return`, `meta mark set meta mark ^ ${masqMark}`, 'masquerade'], 'type nat hook postrouting priority srcnat; policy accept;'),
    chain('services', dispatch),
    ...chains,
    chain('no_endpoints', rejects),
    chain('filter_input', ['ct state new jump no_endpoints', 'ip daddr 127.0.0.0/8 ip saddr != 127.0.0.0/8 ct state new ct status & dnat == 0 drop'], 'type filter hook input priority -110; policy accept;'),
    chain('filter_forward', ['ct state new jump no_endpoints'], 'type filter hook forward priority -110; policy accept;'),
    chain('filter_output', ['ct state new jump no_endpoints'], 'type filter hook output priority -110; policy accept;'),
  ];
  return `add table ip ${t}\ndelete table ip ${t}\ntable ip ${t} {\n${body.join('\n')}\n}\n`;
}

function chain(name: string, rules: string[], head?: string): string {
  const lines = [`  chain ${name} {`];
  if (head) lines.push(`    ${head}`);
  for (const r of rules) lines.push(`    ${r}`);
  lines.push('  }');
  return lines.join('\n');
}
