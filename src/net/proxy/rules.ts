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

/** The desired content of the instance's table: sets and chains by name, in order. */
export interface TableModel {
  table: string;
  /** Set name → its declaration body (type, flags, timeout). */
  sets: Map<string, string>;
  /** Chain name → its base-chain head (hook) if any, and its rules. */
  chains: Map<string, { head?: string; rules: string[] }>;
}

/** The desired table for the current Services and EndpointSlices. */
export function computeTable(input: RulesetInput): TableModel {
  const ports = computeServicePorts(input.services, input.slices);
  const sets = new Map<string, string>();
  const serviceChains: [string, { rules: string[] }][] = [];
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
    const epChains: [string, { rules: string[] }][] = [];
    for (const ep of eps) {
      const epRules = [`ip saddr ${ep.ip} jump mark_for_masquerade`];
      if (sp.affinityTimeoutSeconds !== undefined) {
        const set = `aff_${ep.chain.slice(3)}`;
        sets.set(set, `type ipv4_addr; flags dynamic,timeout; timeout ${sp.affinityTimeoutSeconds}s;`);
        svcRules.push(`ip saddr @${set} goto ${ep.chain}`);
        epRules.push(`update @${set} { ip saddr }`);
      }
      epRules.push(`meta l4proto ${sp.protocol} dnat to ${ep.ip}:${ep.port}`);
      epChains.push([ep.chain, { rules: epRules }]);
    }
    svcRules.push(
      eps.length === 1
        ? `goto ${eps[0]!.chain}`
        : `numgen random mod ${eps.length} vmap { ${eps.map((ep, i) => `${i} : goto ${ep.chain}`).join(', ')} }`,
    );
    serviceChains.push([svcChain, { rules: svcRules }], ...epChains);
  }
  const chains = new Map<string, { head?: string; rules: string[] }>([
    ['mark_for_masquerade', { rules: [`meta mark set meta mark | ${masqMark}`] }],
    ['nat_prerouting', { head: 'type nat hook prerouting priority dstnat; policy accept;', rules: ['jump services'] }],
    ['nat_output', { head: 'type nat hook output priority -100; policy accept;', rules: ['jump services'] }],
    ['nat_postrouting', { head: 'type nat hook postrouting priority srcnat; policy accept;', rules: [`meta mark & ${masqMark} == 0 return`, `meta mark set meta mark ^ ${masqMark}`, 'masquerade'] }],
    ...serviceChains,
    ['services', { rules: dispatch }],
    ['no_endpoints', { rules: rejects }],
    [
      'filter_input',
      {
        head: 'type filter hook input priority -110; policy accept;',
        rules: ['ct state new jump no_endpoints', 'ip daddr 127.0.0.0/8 ip saddr != 127.0.0.0/8 ct state new ct status & dnat == 0 drop'],
      },
    ],
    ['filter_forward', { head: 'type filter hook forward priority -110; policy accept;', rules: ['ct state new jump no_endpoints'] }],
    ['filter_output', { head: 'type filter hook output priority -110; policy accept;', rules: ['ct state new jump no_endpoints'] }],
  ]);
  return { table: input.table, sets, chains };
}

/**
 * The `nft -f -` script that replaces the whole table with `model` in one transaction
 * (`add table; delete table; table { … }`): the full sync.
 */
export function renderFullSync(model: TableModel): string {
  const t = model.table;
  const body: string[] = [];
  for (const [name, decl] of model.sets) body.push(`  set ${name} { ${decl} }`);
  for (const [name, c] of model.chains) body.push(chain(name, c.rules, c.head));
  return `add table ip ${t}\ndelete table ip ${t}\ntable ip ${t} {\n${body.join('\n')}\n}\n`;
}

/**
 * The `nft -f -` script that turns the table from `prev` (what the last sync applied) into
 * `next` in one transaction, touching only what differs (kube-proxy's partial sync): new sets
 * and chains are added, changed chains are flushed and refilled, chains and sets that are gone
 * are flushed and deleted last, after every rule that referred to them was rewritten. Base
 * chains never change shape, so their hooks stay in place. Returns '' when nothing differs.
 */
export function renderPartialSync(prev: TableModel, next: TableModel): string {
  const t = next.table;
  const out: string[] = [];
  for (const [name, decl] of next.sets) if (prev.sets.get(name) !== decl) out.push(`add set ip ${t} ${name} { ${decl} }`);
  const changed: string[] = [];
  for (const [name, c] of next.chains) {
    const old = prev.chains.get(name);
    if (old && old.head === c.head && old.rules.length === c.rules.length && old.rules.every((r, i) => r === c.rules[i])) continue;
    if (!old) out.push(c.head ? `add chain ip ${t} ${name} { ${c.head} }` : `add chain ip ${t} ${name}`);
    changed.push(name);
  }
  for (const name of changed) {
    const c = next.chains.get(name)!;
    if (prev.chains.has(name)) out.push(`flush chain ip ${t} ${name}`);
    for (const r of c.rules) out.push(`add rule ip ${t} ${name} ${r}`);
  }
  const gone = [...prev.chains.keys()].filter((n) => !next.chains.has(n));
  for (const name of gone) out.push(`flush chain ip ${t} ${name}`);
  for (const name of gone) out.push(`delete chain ip ${t} ${name}`);
  for (const name of prev.sets.keys()) if (!next.sets.has(name)) out.push(`delete set ip ${t} ${name}`);
  return out.length ? out.join('\n') + '\n' : '';
}

/** The complete `nft -f -` script that replaces the instance's table with the desired rules. */
export function computeRuleset(input: RulesetInput): string {
  return renderFullSync(computeTable(input));
}

function chain(name: string, rules: string[], head?: string): string {
  const lines = [`  chain ${name} {`];
  if (head) lines.push(`    ${head}`);
  for (const r of rules) lines.push(`    ${r}`);
  lines.push('  }');
  return lines.join('\n');
}
