import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EndpointSlice, Service } from '../../apis/index.js';
import { DnsRecords } from './records.js';

const services: Service[] = [
  { metadata: { name: 'mc3', namespace: 'default' }, spec: { clusterIP: '10.43.0.9', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } },
  { metadata: { name: 'db', namespace: 'team' }, spec: { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] } },
  { metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'mc3.default.svc.cluster.local' } },
  { metadata: { name: 'lonely', namespace: 'default' }, spec: { clusterIP: 'None' } },
];
const slices = [
  {
    metadata: { name: 'db-1', namespace: 'team', labels: { 'kubernetes.io/service-name': 'db' } },
    addressType: 'IPv4',
    ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
    endpoints: [
      { addresses: ['10.42.0.5'], hostname: 'db-0', conditions: { ready: true } },
      { addresses: ['10.42.0.6'], conditions: { ready: true } },
      { addresses: ['10.42.0.7'], hostname: 'db-2', conditions: { ready: false } },
    ],
  },
] as EndpointSlice[];

describe('DnsRecords', () => {
  const r = new DnsRecords('cluster.local');
  r.rebuild(services, slices);
  const a = (name: string, type = 'A') => {
    const l = r.lookup(name, type);
    return l.kind === 'answer' ? l.records.map((x) => (typeof x.data === 'string' ? x.data : `${x.data.target}:${x.data.port}`)) : l.kind;
  };

  it('answers a ClusterIP Service, any case, with or without the trailing dot', () => {
    assert.deepEqual(a('mc3.default.svc.cluster.local'), ['10.43.0.9']);
    assert.deepEqual(a('MC3.Default.svc.cluster.local.'), ['10.43.0.9']);
    assert.deepEqual(a('mc3.default.svc.cluster.local', 'AAAA'), [], 'NODATA for another type');
    assert.deepEqual(a('_http._tcp.mc3.default.svc.cluster.local', 'SRV'), ['mc3.default.svc.cluster.local:80']);
  });

  it('answers headless Services with every ready endpoint and per-endpoint names', () => {
    assert.deepEqual(a('db.team.svc.cluster.local'), ['10.42.0.5', '10.42.0.6']);
    assert.deepEqual(a('db-0.db.team.svc.cluster.local'), ['10.42.0.5']);
    assert.deepEqual(a('10-42-0-6.db.team.svc.cluster.local'), ['10.42.0.6']);
    assert.equal(a('db-2.db.team.svc.cluster.local'), 'nxdomain');
    assert.deepEqual(a('_pg._tcp.db.team.svc.cluster.local', 'SRV'), ['db-0.db.team.svc.cluster.local:5432', '10-42-0-6.db.team.svc.cluster.local:5432']);
    assert.deepEqual(a('lonely.default.svc.cluster.local'), [], 'a Service without endpoints exists');
  });

  it('has CNAMEs for ExternalName, pod names, NXDOMAIN in the zone and forwards the rest', () => {
    assert.deepEqual(a('ext.default.svc.cluster.local'), ['mc3.default.svc.cluster.local']);
    assert.deepEqual(a('10-42-0-5.team.pod.cluster.local'), ['10.42.0.5']);
    assert.equal(a('nope.default.svc.cluster.local'), 'nxdomain');
    assert.equal(a('mc3.default.svc.cluster.local.default.svc.cluster.local'), 'nxdomain');
    assert.deepEqual(a('default.svc.cluster.local'), [], 'interior names exist');
    assert.equal(a('example.org'), 'forward');
    assert.equal(a('cluster.local.example.org'), 'forward');
  });
});
