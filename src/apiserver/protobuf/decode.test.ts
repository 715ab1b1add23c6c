import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMessage, decodeProtobufObject, goDuration, PROTOBUF_MAGIC, ProtobufError, ProtoWriter } from './index.js';
import { kubectlBodies } from './testdata/kubectl-bodies.js';

/** Wraps an object message into the `k8s\0` + runtime.Unknown envelope. */
function envelope(apiVersion: string, kind: string, raw: ProtoWriter | Uint8Array, extra?: (w: ProtoWriter) => void): Uint8Array {
  const w = new ProtoWriter()
    .message(1, new ProtoWriter().string(1, apiVersion).string(2, kind))
    .bytes(2, raw instanceof ProtoWriter ? raw.finish() : raw);
  extra?.(w);
  return Uint8Array.from([...PROTOBUF_MAGIC, ...w.finish()]);
}

/** ObjectMeta as Go marshals it: every value-type field written, zero or not. */
function objectMeta(name: string, namespace = '', extra?: (w: ProtoWriter) => void): ProtoWriter {
  const w = new ProtoWriter()
    .string(1, name)
    .string(2, '')
    .string(3, namespace)
    .string(4, '')
    .string(5, '')
    .string(6, '')
    .varint(7, 0)
    .message(8, new ProtoWriter());
  extra?.(w);
  return w;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProtobufError) return err.code;
    throw err;
  }
  return undefined;
}

describe('decodeProtobufObject: bodies captured from kubectl v1.32.4', () => {
  for (const fixture of kubectlBodies) {
    it(fixture.command, () => {
      const decoded = decodeProtobufObject(Buffer.from(fixture.body, 'base64'));
      const expected = fixture.json as { kind: string; apiVersion: string };
      assert.equal(decoded.kind, expected.kind);
      assert.equal(decoded.apiVersion, expected.apiVersion);
      assert.deepEqual(decoded.object, expected);
      // Key order too, so the stored object reads like the JSON kubectl would have sent.
      assert.equal(JSON.stringify(decoded.object), JSON.stringify(expected));
    });
  }
});

describe('decodeProtobufObject: hand-built bodies', () => {
  it('ConfigMap with data, binaryData, immutable=false and a full ObjectMeta', () => {
    const meta = objectMeta('cfg', 'default', (m) => {
      m.message(8, new ProtoWriter().varint(1, 1_700_000_000).varint(2, 123_000_000))
        .message(9, new ProtoWriter().varint(1, 1_700_000_030))
        .varint(10, 30)
        .mapEntry(11, 'app', 'web')
        .mapEntry(12, 'note', 'x')
        .message(13, new ProtoWriter().string(1, 'Deployment').string(3, 'web').string(4, 'u-1').string(5, 'apps/v1').varint(6, true))
        .string(14, 'example.com/a')
        .string(14, 'example.com/b')
        .message(
          17,
          new ProtoWriter()
            .string(1, 'kubectl-create')
            .string(2, 'Update')
            .string(3, 'v1')
            .message(4, new ProtoWriter().varint(1, 1_700_000_000))
            .string(6, 'FieldsV1')
            .message(7, new ProtoWriter().string(1, '{"f:data":{"f:a":{}}}')),
        );
    });
    const body = envelope(
      'v1',
      'ConfigMap',
      new ProtoWriter()
        .message(1, meta)
        .mapEntry(2, 'a', 'b')
        .mapEntry(3, 'bin', Uint8Array.of(0, 1, 2, 255))
        .varint(4, false),
    );
    assert.deepEqual(decodeProtobufObject(body).object, {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: {
        name: 'cfg',
        namespace: 'default',
        creationTimestamp: '2023-11-14T22:13:20Z',
        deletionTimestamp: '2023-11-14T22:13:50Z',
        deletionGracePeriodSeconds: 30,
        labels: { app: 'web' },
        annotations: { note: 'x' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u-1', controller: true }],
        finalizers: ['example.com/a', 'example.com/b'],
        managedFields: [
          {
            manager: 'kubectl-create',
            operation: 'Update',
            apiVersion: 'v1',
            time: '2023-11-14T22:13:20Z',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': { 'f:a': {} } },
          },
        ],
      },
      immutable: false, // *bool: present means present, even when false
      data: { a: 'b' },
      binaryData: { bin: 'AAEC/w==' },
    });
  });

  it('Secret: data as base64, stringData, type', () => {
    const body = envelope(
      'v1',
      'Secret',
      new ProtoWriter()
        .message(1, objectMeta('s'))
        .mapEntry(2, 'pass', new TextEncoder().encode('s3cr3t'))
        .string(3, 'Opaque')
        .mapEntry(4, 'plain', 'text'),
    );
    assert.deepEqual(decodeProtobufObject(body).object, {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 's', creationTimestamp: null },
      data: { pass: 'czNjcjN0' },
      stringData: { plain: 'text' },
      type: 'Opaque',
    });
  });

  it('Namespace: spec.finalizers and status.phase', () => {
    const body = envelope(
      'v1',
      'Namespace',
      new ProtoWriter()
        .message(1, objectMeta('team-a'))
        .message(2, new ProtoWriter().string(1, 'kubernetes'))
        .message(3, new ProtoWriter().string(1, 'Active')),
    );
    assert.deepEqual(decodeProtobufObject(body).object, {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'team-a', creationTimestamp: null },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('ServiceAccount: secrets, imagePullSecrets, automountServiceAccountToken=false', () => {
    const body = envelope(
      'v1',
      'ServiceAccount',
      new ProtoWriter()
        .message(1, objectMeta('builder'))
        .message(2, new ProtoWriter().string(1, 'Secret').string(3, 'tok'))
        .message(3, new ProtoWriter().string(1, 'regcred'))
        .varint(4, false),
    );
    assert.deepEqual(decodeProtobufObject(body).object, {
      kind: 'ServiceAccount',
      apiVersion: 'v1',
      metadata: { name: 'builder', creationTimestamp: null },
      secrets: [{ kind: 'Secret', name: 'tok' }],
      imagePullSecrets: [{ name: 'regcred' }],
      automountServiceAccountToken: false,
    });
  });

  it('Service: every ServiceSpec field, named targetPort, status with load balancer and conditions', () => {
    const port = new ProtoWriter()
      .string(1, 'http')
      .string(2, 'TCP')
      .varint(3, 80)
      .message(4, new ProtoWriter().varint(1, 1).varint(2, 0).string(3, 'web'))
      .varint(5, 30080)
      .string(6, 'kubernetes.io/h2c');
    const spec = new ProtoWriter()
      .message(1, port)
      .mapEntry(2, 'app', 'web')
      .string(3, '10.0.0.10')
      .string(4, 'LoadBalancer')
      .string(5, '192.0.2.1')
      .string(7, 'ClientIP')
      .string(8, '')
      .string(9, '10.0.0.0/8')
      .string(10, '')
      .string(11, 'Local')
      .varint(12, 31000)
      .varint(13, true)
      .message(14, new ProtoWriter().message(1, new ProtoWriter().varint(1, 10800)))
      .string(17, 'SingleStack')
      .string(18, '10.0.0.10')
      .string(19, 'IPv4')
      .varint(20, true)
      .string(21, 'example.com/lb')
      .string(22, 'Cluster')
      .string(23, 'PreferClose');
    const status = new ProtoWriter()
      .message(
        1,
        new ProtoWriter().message(
          1,
          new ProtoWriter().string(1, '203.0.113.7').string(3, 'VIP').message(4, new ProtoWriter().varint(1, 80).string(2, 'TCP')),
        ),
      )
      .message(
        2,
        new ProtoWriter()
          .string(1, 'Ready')
          .string(2, 'True')
          .varint(3, 0)
          .message(4, new ProtoWriter().varint(1, 1_700_000_000))
          .string(5, 'Done')
          .string(6, ''),
      );
    const body = envelope('v1', 'Service', new ProtoWriter().message(1, objectMeta('web', 'default')).message(2, spec).message(3, status));
    assert.deepEqual(decodeProtobufObject(body).object, {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: null },
      spec: {
        ports: [{ name: 'http', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c', port: 80, targetPort: 'web', nodePort: 30080 }],
        selector: { app: 'web' },
        clusterIP: '10.0.0.10',
        clusterIPs: ['10.0.0.10'],
        type: 'LoadBalancer',
        externalIPs: ['192.0.2.1'],
        sessionAffinity: 'ClientIP',
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 31000,
        publishNotReadyAddresses: true,
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        allocateLoadBalancerNodePorts: true,
        loadBalancerClass: 'example.com/lb',
        internalTrafficPolicy: 'Cluster',
        trafficDistribution: 'PreferClose',
      },
      status: {
        loadBalancer: { ingress: [{ ip: '203.0.113.7', ipMode: 'VIP', ports: [{ port: 80, protocol: 'TCP' }] }] },
        conditions: [
          // metav1.Condition has no omitempty: zero observedGeneration is dropped (omitempty), message kept.
          { type: 'Ready', status: 'True', lastTransitionTime: '2023-11-14T22:13:20Z', reason: 'Done', message: '' },
        ],
      },
    });
  });

  it('Service port without targetPort marshals targetPort 0 and keeps port (no omitempty)', () => {
    const spec = new ProtoWriter().message(1, new ProtoWriter().string(1, '').string(2, 'TCP').varint(3, 0).message(4, new ProtoWriter()).varint(5, 0));
    const obj = decodeProtobufObject(envelope('v1', 'Service', new ProtoWriter().message(1, objectMeta('a')).message(2, spec))).object;
    assert.deepEqual(obj.spec, { ports: [{ protocol: 'TCP', port: 0, targetPort: 0 }] });
    assert.deepEqual(obj.status, { loadBalancer: {} });
  });

  it('Pod: inline volume sources, probes, resources (Quantity), env valueFrom (inline LocalObjectReference)', () => {
    const container = new ProtoWriter()
      .string(1, 'nginx')
      .string(2, 'nginx:1.27')
      .message(6, new ProtoWriter().varint(3, 80).string(4, 'TCP'))
      .message(
        7,
        new ProtoWriter()
          .string(1, 'PASSWORD')
          .message(3, new ProtoWriter().message(4, new ProtoWriter().message(1, new ProtoWriter().string(1, 'db')).string(2, 'pw'))),
      )
      .message(
        8,
        new ProtoWriter()
          .message(1, new ProtoWriter().string(1, 'cpu').message(2, new ProtoWriter().string(1, '500m')))
          .message(2, new ProtoWriter().string(1, 'memory').message(2, new ProtoWriter().string(1, '64Mi'))),
      )
      .message(9, new ProtoWriter().string(1, 'data').string(3, '/data'))
      .message(
        10,
        new ProtoWriter()
          .message(1, new ProtoWriter().message(2, new ProtoWriter().string(1, '/healthz').message(2, new ProtoWriter().varint(2, 80))))
          .varint(4, 5),
      );
    const volume = new ProtoWriter().string(1, 'data').message(2, new ProtoWriter().message(2, new ProtoWriter().string(1, '')));
    const spec = new ProtoWriter().message(1, volume).message(2, container).string(3, 'Always');
    const body = envelope('v1', 'Pod', new ProtoWriter().message(1, objectMeta('web')).message(2, spec));
    const obj = decodeProtobufObject(body).object;
    assert.deepEqual(obj.spec, {
      volumes: [{ name: 'data', emptyDir: {} }],
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } }],
          resources: { limits: { cpu: '500m' }, requests: { memory: '64Mi' } },
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
          livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 },
        },
      ],
      restartPolicy: 'Always',
    });
    assert.deepEqual(obj.status, {});
  });

  it('Event: MicroTime eventTime and ObjectReference', () => {
    const body = envelope(
      'v1',
      'Event',
      new ProtoWriter()
        .message(1, objectMeta('web.1'))
        .message(2, new ProtoWriter().string(1, 'Pod').string(3, 'web'))
        .string(3, 'Started')
        .message(10, new ProtoWriter().varint(1, 1_700_000_000).varint(2, 123_456_789)),
    );
    const obj = decodeProtobufObject(body).object;
    assert.deepEqual(obj.involvedObject, { kind: 'Pod', name: 'web' });
    assert.equal(obj.reason, 'Started');
    assert.equal(obj.eventTime, '2023-11-14T22:13:20.123456Z');
    assert.equal(obj.firstTimestamp, null);
    assert.equal(obj.reportingComponent, '');
  });

  it('ignores unknown field numbers and accepts repeated message fields merged', () => {
    const meta = new ProtoWriter().string(1, 'a').string(99, 'future');
    const body = envelope('v1', 'ConfigMap', new ProtoWriter().message(1, meta).message(1, new ProtoWriter().string(3, 'ns')).varint(50, 7));
    assert.deepEqual(decodeProtobufObject(body).object.metadata, { name: 'a', namespace: 'ns', creationTimestamp: null });
  });

  it('decodes packed repeated varints', () => {
    // ConfigMap has none; decode a synthetic PodSpec-free message: Capabilities is strings, so use
    // PodSecurityContext.supplementalGroups (repeated int64, field 4) packed.
    const packed = new ProtoWriter().bytes(4, Uint8Array.of(1, 2, 0xe8, 0x07));
    assert.deepEqual(decodeMessage(packed.finish(), 'core.v1.PodSecurityContext').supplementalGroups, [1, 2, 1000]);
  });

  it('negative int32 in 10-byte two\'s complement', () => {
    assert.equal(decodeMessage(new ProtoWriter().varint(1, -2).finish(), 'core.v1.ContainerStateTerminated').exitCode, -2);
  });
});

describe('decodeProtobufObject: errors', () => {
  it('Malformed without the k8s\\0 prefix', () => {
    assert.equal(codeOf(() => decodeProtobufObject(new TextEncoder().encode('{"kind":"ConfigMap"}'))), 'Malformed');
  });
  it('Malformed when truncated', () => {
    const body = Buffer.from(kubectlBodies[0]!.body, 'base64');
    assert.equal(codeOf(() => decodeProtobufObject(body.subarray(0, body.length - 3))), 'Malformed');
  });
  it('Malformed on a wire-type mismatch', () => {
    const body = envelope('v1', 'ConfigMap', new ProtoWriter().varint(1, 5));
    assert.equal(codeOf(() => decodeProtobufObject(body)), 'Malformed');
  });
  it('Malformed with a contentEncoding', () => {
    const body = envelope('v1', 'ConfigMap', new ProtoWriter(), (w) => w.string(3, 'gzip'));
    assert.equal(codeOf(() => decodeProtobufObject(body)), 'Malformed');
  });
  it('Malformed with invalid FieldsV1 JSON', () => {
    const meta = new ProtoWriter().message(17, new ProtoWriter().message(7, new ProtoWriter().string(1, '{nope')));
    assert.equal(codeOf(() => decodeProtobufObject(envelope('v1', 'ConfigMap', new ProtoWriter().message(1, meta)))), 'Malformed');
  });
  it('UnsupportedKind for kinds without a table', () => {
    const body = envelope('batch/v1', 'Job', new ProtoWriter().message(1, objectMeta('j')));
    assert.equal(codeOf(() => decodeProtobufObject(body)), 'UnsupportedKind');
  });
});

describe('goDuration', () => {
  for (const [ns, text] of [
    [0n, '0s'],
    [1n, '1ns'],
    [1_500n, '1.5µs'],
    [1_500_000n, '1.5ms'],
    [1_000_000_000n, '1s'],
    [90_000_000_000n, '1m30s'],
    [3_600_000_000_000n, '1h0m0s'],
    [3_723_500_000_000n, '1h2m3.5s'],
    [-2_000_000_000n, '-2s'],
  ] as const) {
    it(`${ns} → ${text}`, () => assert.equal(goDuration(ns), text));
  }
});
