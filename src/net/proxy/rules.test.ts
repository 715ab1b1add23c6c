import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { EndpointSlice, Service } from '../../apis/index.js';
import { computeRuleset, computeServicePorts, computeTable, renderFullSync, renderPartialSync } from './rules.js';

function svc(name: string, spec: Service['spec']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
}

function slice(service: string, ports: { name?: string; port: number }[], endpoints: { ip: string; ready?: boolean; hostname?: string }[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${service}-x`, namespace: 'default', labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: 'TCP' })),
    endpoints: endpoints.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready ?? true } })),
  };
}

const web = svc('web', {
  type: 'NodePort',
  clusterIP: '10.43.0.20',
  sessionAffinity: 'ClientIP',
  sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
  ports: [
    { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080 },
    { name: 'api', port: 5000, targetPort: 5000, protocol: 'TCP', nodePort: 30500 },
  ],
});
const empty = svc('empty', { type: 'ClusterIP', clusterIP: '10.43.0.30', ports: [{ port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }] });
const headless = svc('hl', { clusterIP: 'None', ports: [{ port: 80 }] });
const slices = [
  slice('web', [{ name: 'http', port: 8080 }, { name: 'api', port: 5000 }], [{ ip: '10.42.1.5' }, { ip: '10.42.1.6' }, { ip: '10.42.1.7', ready: false }]),
];

describe('computeServicePorts', () => {
  it('resolves each service port to its ready endpoints by port name', () => {
    const ports = computeServicePorts([web, empty, headless], slices);
    assert.deepEqual(
      ports.map((p) => [p.key, p.clusterIP, p.port, p.nodePort, p.endpoints.map((e) => `${e.ip}:${e.port}`)]),
      [
        ['default/empty:', '10.43.0.30', 80, undefined, []],
        ['default/empty:dns', '10.43.0.30', 53, undefined, []],
        ['default/web:api', '10.43.0.20', 5000, 30500, ['10.42.1.5:5000', '10.42.1.6:5000']],
        ['default/web:http', '10.43.0.20', 80, 30080, ['10.42.1.5:8080', '10.42.1.6:8080']],
      ],
    );
    assert.equal(ports[2]!.affinityTimeoutSeconds, 60);
  });
});

describe('computeRuleset', () => {
  const script = computeRuleset({ table: 'podyard_test', podCidr: '10.42.0.0/16', services: [web, empty, headless], slices });

  it('replaces the whole table in one transaction', () => {
    assert.match(script, /^add table ip podyard_test\ndelete table ip podyard_test\ntable ip podyard_test \{\n/);
  });

  it('DNATs cluster IPs and node ports, masquerades outside and hairpin traffic', () => {
    assert.match(script, /ip daddr 10\.43\.0\.20 tcp dport 80 ip saddr != 10\.42\.0\.0\/16 jump mark_for_masquerade/);
    assert.match(script, /fib daddr type local tcp dport 30080 goto svc_/);
    assert.match(script, /numgen random mod 2 vmap \{ 0 : goto ep_\w+, 1 : goto ep_\w+ \}/);
    assert.match(script, /meta l4proto tcp dnat to 10\.42\.1\.5:8080/);
    assert.match(script, /ip saddr 10\.42\.1\.5 jump mark_for_masquerade/);
    assert.doesNotMatch(script, /10\.42\.1\.7/, 'not-ready endpoints get no traffic');
  });

  it('pins clients with ClientIP affinity', () => {
    assert.match(script, /set aff_\w+ \{ type ipv4_addr; flags dynamic,timeout; timeout 60s; \}/);
    assert.match(script, /ip saddr @aff_\w+ goto ep_\w+/);
    assert.match(script, /update @aff_\w+ \{ ip saddr \}/);
  });

  it('rejects service ports without endpoints, TCP with a reset', () => {
    assert.match(script, /ip daddr 10\.43\.0\.30 tcp dport 80 reject with tcp reset/);
    assert.match(script, /ip daddr 10\.43\.0\.30 udp dport 53 reject/);
  });

  it('is accepted by nft (check mode, nothing applied)', { skip: process.env.CI !== 'true' && (process.getuid?.() !== 0 || !existsSync('/usr/sbin/nft')) ? 'needs root and nft' : undefined }, () => {
    const r = spawnSync('/usr/sbin/nft', ['-c', '-f', '-'], { input: script, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const masqAll = computeRuleset({ table: 'podyard_test', podCidr: '10.42.0.0/16', masqueradeAll: true, services: [web], slices });
    assert.doesNotMatch(masqAll, /ip saddr != 10\.42/);
    assert.equal(spawnSync('/usr/sbin/nft', ['-c', '-f', '-'], { input: masqAll, encoding: 'utf8' }).status, 0);
  });
});

describe('renderPartialSync', () => {
  const table = `podyard_t${process.pid}`;
  const input = { table, podCidr: '10.42.0.0/16', services: [web, empty, headless], slices };
  const a = computeTable(input);
  const moved = [slice('web', [{ name: 'http', port: 8080 }, { name: 'api', port: 5000 }], [{ ip: '10.42.1.6' }, { ip: '10.42.1.8' }])];
  const b = computeTable({ ...input, slices: moved });
  const c = computeTable({ ...input, services: [empty], slices: [] });

  it('touches only what changed and is empty when nothing did', () => {
    assert.equal(renderPartialSync(a, a), '');
    const script = renderPartialSync(a, b);
    assert.match(script, /dnat to 10\.42\.1\.8:8080/);
    assert.doesNotMatch(script, /no_endpoints|nat_prerouting|filter_input/, 'unchanged chains are left alone');
    assert.match(script, /delete chain ip \S+ ep_\w+/, 'the endpoint that went is removed');
  });

  const root = process.env.CI === 'true' || (process.getuid?.() === 0 && existsSync('/usr/sbin/nft')) ? undefined : 'needs root and nft';
  it('applied to a real table, ends equal to a full sync (own scratch table, removed after)', { skip: root }, () => {
    const nft = (script: string) => {
      const r = spawnSync('/usr/sbin/nft', ['-f', '-'], { input: script, encoding: 'utf8' });
      assert.equal(r.status, 0, `${r.stderr}\n${script}`);
    };
    const list = () => spawnSync('/usr/sbin/nft', ['list', 'table', 'ip', table], { encoding: 'utf8' }).stdout;
    try {
      for (const [from, to] of [
        [a, b],
        [b, c],
        [c, a],
      ] as const) {
        nft(renderFullSync(to));
        const expected = list();
        nft(renderFullSync(from));
        nft(renderPartialSync(from, to));
        const normalize = (t: string) => t.split('\n').map((l) => l.trim()).filter(Boolean).sort().join('\n');
        assert.equal(normalize(list()), normalize(expected));
      }
    } finally {
      spawnSync('/usr/sbin/nft', ['delete', 'table', 'ip', table]);
    }
  });
});
