import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable, tableColumns } from './index.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const ago = (s: number): string => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');

type Json = Record<string, unknown>;

const running = { running: { startedAt: ago(100) } };
const waiting = (reason: string): Json => ({ waiting: { reason } });
const terminated = (exitCode: number, reason?: string, extra: Json = {}): Json => ({
  terminated: { exitCode, ...(reason ? { reason } : {}), finishedAt: ago(30), ...extra },
});

function pod(opts: {
  containers?: string[];
  init?: { name: string; restartPolicy?: string }[];
  phase?: string;
  reason?: string;
  statuses?: Json[];
  initStatuses?: Json[];
  conditions?: Json[];
  deletion?: boolean;
  readinessGates?: string[];
}): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'u1',
      labels: { app: 'web' },
      creationTimestamp: ago(3 * 60 + 2),
      ...(opts.deletion ? { deletionTimestamp: ago(1) } : {}),
    },
    spec: {
      nodeName: 'podyard-node',
      containers: (opts.containers ?? ['nginx']).map((name) => ({ name, image: 'nginx' })),
      ...(opts.init ? { initContainers: opts.init.map((c) => ({ image: 'busybox', ...c })) } : {}),
      ...(opts.readinessGates ? { readinessGates: opts.readinessGates.map((conditionType) => ({ conditionType })) } : {}),
    },
    status: {
      phase: opts.phase ?? 'Running',
      ...(opts.reason ? { reason: opts.reason } : {}),
      podIP: '10.88.0.5',
      podIPs: [{ ip: '10.88.0.5' }],
      conditions: opts.conditions ?? [],
      ...(opts.initStatuses ? { initContainerStatuses: opts.initStatuses } : {}),
      containerStatuses: opts.statuses ?? [],
    },
  };
}

const cs = (name: string, state: Json, extra: Json = {}): Json => ({ name, ready: false, restartCount: 0, state, ...extra });

function podRow(p: Json): unknown[] {
  return printTable('pods', [p], { now: NOW, includeObject: 'None' }).rows[0]!.cells;
}

describe('printTable pods: STATUS, READY, RESTARTS like printPod', () => {
  const cases: [string, Json, string, string, string][] = [
    // [title, pod, ready, status, restarts]
    [
      'Running and ready',
      pod({ statuses: [cs('nginx', running, { ready: true })], conditions: [{ type: 'Ready', status: 'True' }] }),
      '1/1',
      'Running',
      '0',
    ],
    ['ContainerCreating', pod({ phase: 'Pending', statuses: [cs('nginx', waiting('ContainerCreating'))] }), '0/1', 'ContainerCreating', '0'],
    ['Pending without statuses', pod({ phase: 'Pending' }), '0/1', 'Pending', '0'],
    [
      'CrashLoopBackOff with restarts "(5s ago)"',
      pod({
        statuses: [
          cs('nginx', waiting('CrashLoopBackOff'), { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(5) } } }),
        ],
      }),
      '0/1',
      'CrashLoopBackOff',
      '3 (5s ago)',
    ],
    ['Completed', pod({ phase: 'Succeeded', statuses: [cs('job', terminated(0, 'Completed'))], containers: ['job'] }), '0/1', 'Completed', '0'],
    ['Error', pod({ phase: 'Failed', statuses: [cs('job', terminated(1, 'Error'))], containers: ['job'] }), '0/1', 'Error', '0'],
    ['OOMKilled', pod({ statuses: [cs('nginx', terminated(137, 'OOMKilled'))] }), '0/1', 'OOMKilled', '0'],
    ['terminated without reason: Signal', pod({ statuses: [cs('nginx', terminated(137, undefined, { signal: 9 }))] }), '0/1', 'Signal:9', '0'],
    ['terminated without reason: ExitCode', pod({ statuses: [cs('nginx', terminated(2))] }), '0/1', 'ExitCode:2', '0'],
    [
      'Terminating',
      pod({ deletion: true, statuses: [cs('nginx', running, { ready: true })], conditions: [{ type: 'Ready', status: 'True' }] }),
      '1/1',
      'Terminating',
      '0',
    ],
    ['Terminating is not shown for a finished pod', pod({ deletion: true, phase: 'Succeeded', statuses: [cs('nginx', terminated(0, 'Completed'))] }), '0/1', 'Completed', '0'],
    ['NodeLost while deleting is Unknown', pod({ deletion: true, reason: 'NodeLost', statuses: [cs('nginx', running)] }), '0/1', 'Unknown', '0'],
    [
      'Init:0/2 while the first init container runs',
      pod({
        phase: 'Pending',
        init: [{ name: 'a' }, { name: 'b' }],
        initStatuses: [cs('a', running), cs('b', waiting('PodInitializing'))],
        statuses: [cs('nginx', waiting('PodInitializing'))],
      }),
      '0/1',
      'Init:0/2',
      '0',
    ],
    [
      'Init:1/2 after the first one completed',
      pod({
        phase: 'Pending',
        init: [{ name: 'a' }, { name: 'b' }],
        initStatuses: [cs('a', terminated(0, 'Completed')), cs('b', running)],
        statuses: [cs('nginx', waiting('PodInitializing'))],
      }),
      '0/1',
      'Init:1/2',
      '0',
    ],
    [
      'Init:CrashLoopBackOff (restarts counted from init containers)',
      pod({
        phase: 'Pending',
        init: [{ name: 'a' }],
        initStatuses: [cs('a', waiting('CrashLoopBackOff'), { restartCount: 4, lastState: { terminated: { exitCode: 1, finishedAt: ago(12) } } })],
        statuses: [cs('nginx', waiting('PodInitializing'))],
      }),
      '0/1',
      'Init:CrashLoopBackOff',
      '4 (12s ago)',
    ],
    [
      'Init:Error',
      pod({ phase: 'Failed', init: [{ name: 'a' }], initStatuses: [cs('a', terminated(1, 'Error'))], statuses: [cs('nginx', waiting('PodInitializing'))] }),
      '0/1',
      'Init:Error',
      '0',
    ],
    [
      'Init:ExitCode and Init:Signal without a reason',
      pod({ phase: 'Pending', init: [{ name: 'a' }], initStatuses: [cs('a', terminated(3))] }),
      '0/1',
      'Init:ExitCode:3',
      '0',
    ],
    [
      'Init:Signal',
      pod({ phase: 'Pending', init: [{ name: 'a' }], initStatuses: [cs('a', terminated(137, undefined, { signal: 9 }))] }),
      '0/1',
      'Init:Signal:9',
      '0',
    ],
    [
      'PodInitializing once init containers are done',
      pod({
        phase: 'Pending',
        init: [{ name: 'a' }],
        initStatuses: [cs('a', terminated(0, 'Completed'))],
        statuses: [cs('nginx', waiting('PodInitializing'))],
        conditions: [{ type: 'Initialized', status: 'True' }],
      }),
      '0/1',
      'PodInitializing',
      '0',
    ],
    [
      'sidecar (restartable init container) counts in READY and RESTARTS',
      pod({
        init: [{ name: 'proxy', restartPolicy: 'Always' }],
        initStatuses: [cs('proxy', running, { started: true, ready: true, restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } } })],
        statuses: [cs('nginx', running, { ready: true })],
        conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
      }),
      '2/2',
      'Running',
      '2 (90s ago)',
    ],
    [
      'Completed with a container still running is NotReady',
      pod({ containers: ['a', 'b'], statuses: [cs('a', terminated(0, 'Completed')), cs('b', running, { ready: true })] }),
      '1/2',
      'NotReady',
      '0',
    ],
    ['SchedulingGated', pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), '0/1', 'SchedulingGated', '0'],
    [
      'the first listed container decides',
      pod({ containers: ['a', 'b'], statuses: [cs('a', waiting('ErrImagePull')), cs('b', waiting('CrashLoopBackOff'))] }),
      '0/2',
      'ErrImagePull',
      '0',
    ],
    [
      'restarts sum over containers; the latest finish gives the age',
      pod({
        containers: ['a', 'b'],
        statuses: [
          cs('a', running, { ready: true, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(3600) } } }),
          cs('b', running, { ready: true, restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(200) } } }),
        ],
      }),
      '2/2',
      'Running',
      '3 (3m20s ago)',
    ],
  ];
  for (const [title, p, ready, status, restarts] of cases) {
    it(title, () => {
      const cells = podRow(p);
      assert.deepEqual(cells.slice(1, 4), [ready, status, restarts]);
    });
  }

  it('full row with wide cells, age and PartialObjectMetadata', () => {
    const p = pod({ statuses: [cs('nginx', running, { ready: true })], readinessGates: ['example.com/gate'], conditions: [{ type: 'example.com/gate', status: 'True' }] });
    const table = printTable('pods', [p], { now: NOW, includeObject: 'Metadata' });
    assert.equal(table.kind, 'Table');
    assert.equal(table.apiVersion, 'meta.k8s.io/v1');
    assert.deepEqual(
      table.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority]),
      [
        ['Name', 'string', 'name', 0],
        ['Ready', 'string', '', 0],
        ['Status', 'string', '', 0],
        ['Restarts', 'string', '', 0],
        ['Age', 'string', '', 0],
        ['IP', 'string', '', 1],
        ['Node', 'string', '', 1],
        ['Nominated Node', 'string', '', 1],
        ['Readiness Gates', 'string', '', 1],
      ],
    );
    assert.deepEqual(table.rows[0], {
      cells: ['web', '1/1', 'Running', '0', '3m2s', '10.88.0.5', 'podyard-node', '<none>', '1/1'],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: p.metadata },
    });
  });

  it('Succeeded/Failed rows carry the Completed condition', () => {
    const t = printTable('pods', [pod({ phase: 'Succeeded' }), pod({ phase: 'Failed' })], { now: NOW, includeObject: 'None' });
    assert.deepEqual(t.rows[0]!.conditions, [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    assert.deepEqual(t.rows[1]!.conditions, [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
  });

  it('wide cells fall back to <none>', () => {
    const p = pod({});
    (p.spec as Json).nodeName = undefined;
    (p.status as Json).podIPs = [];
    (p.status as Json).podIP = undefined;
    assert.deepEqual(podRow(p).slice(5), ['<none>', '<none>', '<none>', '<none>']);
  });
});

describe('printTable other resources', () => {
  const metaOf = (name: string, extra: Json = {}): Json => ({ name, namespace: 'default', creationTimestamp: ago(2 * 86400 + 3 * 3600), ...extra });

  it('services: NodePort, ClusterIP None, LoadBalancer pending and external, ExternalName', () => {
    const svc = (name: string, spec: Json, status: Json = {}): Json => ({ metadata: metaOf(name), spec, status });
    const t = printTable(
      'services',
      [
        svc('x', { type: 'NodePort', clusterIP: '10.43.0.12', clusterIPs: ['10.43.0.12'], ports: [{ port: 80, protocol: 'TCP', nodePort: 31418 }], selector: { app: 'x', tier: 'a' } }),
        svc('headless', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'h' } }),
        svc('lb', { type: 'LoadBalancer', clusterIPs: ['10.43.0.13'], ports: [{ port: 5678, protocol: 'TCP', nodePort: 30001 }, { port: 53, protocol: 'UDP', nodePort: 30002 }] }),
        svc('lb2', { type: 'LoadBalancer', clusterIPs: ['10.43.0.14'], externalIPs: ['192.0.2.9'], ports: [] }, { loadBalancer: { ingress: [{ ip: '203.0.113.2' }, { hostname: 'a.example' }] } }),
        svc('ext', { type: 'ExternalName', externalName: 'example.com' }),
      ],
      { now: NOW, includeObject: 'None' },
    );
    assert.deepEqual(
      t.rows.map((r) => r.cells),
      [
        ['x', 'NodePort', '10.43.0.12', '<none>', '80:31418/TCP', '2d3h', 'app=x,tier=a'],
        ['headless', 'ClusterIP', 'None', '<none>', '<none>', '2d3h', 'app=h'],
        ['lb', 'LoadBalancer', '10.43.0.13', '<pending>', '5678:30001/TCP,53:30002/UDP', '2d3h', '<none>'],
        ['lb2', 'LoadBalancer', '10.43.0.14', '203.0.113.2,a.example,192.0.2.9', '<none>', '2d3h', '<none>'],
        ['ext', 'ExternalName', '<none>', 'example.com', '<none>', '2d3h', '<none>'],
      ],
    );
    assert.deepEqual(
      tableColumns('services').map((c) => c.name),
      ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector'],
    );
  });

  it('events (core/v1 and events.k8s.io/v1), with the 1.32 column order', () => {
    assert.deepEqual(
      tableColumns('events').map((c) => `${c.name}:${c.priority}`),
      ['Last Seen:0', 'Type:0', 'Reason:0', 'Object:0', 'Subobject:1', 'Source:1', 'Message:0', 'First Seen:1', 'Count:1', 'Name:1'],
    );
    const core = {
      metadata: metaOf('web.1'),
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{nginx}' },
      reason: 'Started',
      message: 'Started container nginx\n',
      type: 'Normal',
      source: { component: 'kubelet', host: 'podyard-node' },
      firstTimestamp: ago(125),
      lastTimestamp: ago(65),
      count: 2,
    };
    const v1 = {
      apiVersion: 'events.k8s.io/v1',
      metadata: metaOf('web.2'),
      regarding: { kind: 'Pod', name: 'web' },
      reason: 'Scheduled',
      note: 'Successfully assigned default/web to podyard-node',
      type: 'Normal',
      eventTime: '2026-11-24T11:59:50.123456Z',
      reportingController: 'default-scheduler',
    };
    const t = printTable('events', [core, v1], { now: NOW, includeObject: 'None' });
    assert.deepEqual(t.rows[0]!.cells, ['65s', 'Normal', 'Started', 'pod/web', 'spec.containers{nginx}', 'kubelet, podyard-node', 'Started container nginx', '2m5s', 2, 'web.1']);
    assert.deepEqual(t.rows[1]!.cells, ['9s', 'Normal', 'Scheduled', 'pod/web', '', 'default-scheduler', 'Successfully assigned default/web to podyard-node', '9s', 1, 'web.2']);
  });

  it('configmaps, secrets, namespaces, serviceaccounts, leases', () => {
    const row = (resource: string, obj: Json): unknown[] => printTable(resource, [obj], { now: NOW, includeObject: 'None' }).rows[0]!.cells;
    assert.deepEqual(row('configmaps', { metadata: metaOf('cfg'), data: { a: 'b', c: 'd' }, binaryData: { e: 'AA==' } }), ['cfg', 3, '2d3h']);
    assert.deepEqual(row('secrets', { metadata: metaOf('s'), type: 'Opaque', data: { user: 'YQ==' } }), ['s', 'Opaque', 1, '2d3h']);
    assert.deepEqual(row('namespaces', { metadata: metaOf('team-a'), status: { phase: 'Active' } }), ['team-a', 'Active', '2d3h']);
    assert.deepEqual(row('serviceaccounts', { metadata: metaOf('default') }), ['default', 0, '2d3h']);
    assert.deepEqual(row('leases', { metadata: metaOf('podyard-node'), spec: { holderIdentity: 'podyard-node' } }), ['podyard-node', 'podyard-node', '2d3h']);
    assert.deepEqual(row('leases.coordination.k8s.io', { metadata: metaOf('x'), spec: {} }), ['x', '', '2d3h']);
  });

  it('nodes', () => {
    const node = {
      metadata: metaOf('podyard-node', { labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'edge' } }),
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
        addresses: [{ type: 'Hostname', address: 'podyard-node' }, { type: 'InternalIP', address: '192.168.1.10' }],
        nodeInfo: { kubeletVersion: 'v1.32.4+podyard', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-18-amd64', containerRuntimeVersion: 'runc://1.1.12' },
      },
    };
    assert.deepEqual(printTable('nodes', [node], { now: NOW, includeObject: 'None' }).rows[0]!.cells, [
      'podyard-node',
      'Ready,SchedulingDisabled',
      'control-plane,edge',
      '2d3h',
      'v1.32.4+podyard',
      '192.168.1.10',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.1.0-18-amd64',
      'runc://1.1.12',
    ]);
    const bare = printTable('nodes', [{ metadata: metaOf('n2'), status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }], { now: NOW, includeObject: 'None' });
    assert.deepEqual(bare.rows[0]!.cells, ['n2', 'NotReady', '<none>', '2d3h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });

  it('endpoints and endpointslices', () => {
    const ep = {
      metadata: metaOf('web'),
      subsets: [{ addresses: [{ ip: '10.88.0.5' }, { ip: '10.88.0.6' }, { ip: 'fd00::7' }, { ip: '10.88.0.8' }], ports: [{ port: 80, protocol: 'TCP' }] }],
    };
    assert.deepEqual(printTable('endpoints', [ep, { metadata: metaOf('none') }], { now: NOW, includeObject: 'None' }).rows.map((r) => r.cells), [
      ['web', '10.88.0.5:80,10.88.0.6:80,[fd00::7]:80 + 1 more...', '2d3h'],
      ['none', '<none>', '2d3h'],
    ]);
    const slice = {
      metadata: metaOf('web-abc12'),
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'named' }],
      endpoints: [{ addresses: ['10.88.0.5'] }, { addresses: ['10.88.0.6'] }],
    };
    assert.deepEqual(printTable('endpointslices', [slice, { metadata: metaOf('empty'), addressType: 'IPv4' }], { now: NOW, includeObject: 'None' }).rows.map((r) => r.cells), [
      ['web-abc12', 'IPv4', '80,named', '10.88.0.5,10.88.0.6', '2d3h'],
      ['empty', 'IPv4', '<unset>', '<unset>', '2d3h'],
    ]);
  });

  it('anything else: Name and Age; includeObject Object embeds the object; noHeaders drops columns', () => {
    const obj = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: metaOf('w') };
    const t = printTable('widgets', [obj], { now: NOW, includeObject: 'Object', noHeaders: true });
    assert.deepEqual(t.columnDefinitions, []);
    assert.deepEqual(t.rows, [{ cells: ['w', '2d3h'], object: obj }]);
    assert.deepEqual(
      tableColumns('widgets').map((c) => c.name),
      ['Name', 'Age'],
    );
  });

  it('a missing creationTimestamp prints <unknown>', () => {
    assert.deepEqual(printTable('configmaps', [{ metadata: { name: 'x' } }], { now: NOW, includeObject: 'None' }).rows[0]!.cells, ['x', 0, '<unknown>']);
  });
});
