import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindSchemas } from '../../apis/index.js';
import { decodeProtobufObject } from '../protobuf/index.js';
import { kubectlBodies } from '../protobuf/testdata/kubectl-bodies.js';
import { applyServerSidePatch, applyStrategicMergePatch, fieldSetFromFieldsV1, updateManagedFieldsForUpdate } from './index.js';

// The same scenarios as the hand-made-schema tests, against the real apis schemas.
const podSchema = kindSchemas['v1/Pod']!;
const serviceSchema = kindSchemas['v1/Service']!;
const T0 = '2026-11-24T10:00:00Z';

type Json = Record<string, unknown>;

const livePod = (): Json => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'u-1',
    resourceVersion: '7',
    labels: { app: 'web' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"old":true}\n' },
  },
  spec: {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.27',
        env: [
          { name: 'MODE', value: 'dev' },
          { name: 'LOG', value: 'info' },
        ],
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
    ],
    volumes: [
      { name: 'data', emptyDir: {} },
      { name: 'tmp', emptyDir: {} },
    ],
    restartPolicy: 'Always',
  },
  status: { phase: 'Running' },
});

const containers = (o: Json): Json[] => (o.spec as { containers: Json[] }).containers;

describe('strategic merge patch with kindSchemas', () => {
  it("kubectl apply's label patch", () => {
    const out = applyStrategicMergePatch(livePod(), {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"new":true}\n' }, labels: { tier: 'front' } },
    }, podSchema);
    assert.deepEqual((out.metadata as Json).labels, { app: 'web', tier: 'front' });
    assert.equal(((out.metadata as Json).annotations as Json)['kubectl.kubernetes.io/last-applied-configuration'], '{"new":true}\n');
  });

  it('adds a container, changes an env var by name, deletes a volume', () => {
    const out = applyStrategicMergePatch(
      livePod(),
      {
        spec: {
          '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'log' }],
          containers: [
            { name: 'nginx', env: [{ name: 'MODE', value: 'prod' }] },
            { name: 'log', image: 'fluentbit' },
          ],
          volumes: [{ name: 'tmp', $patch: 'delete' }],
        },
      },
      podSchema,
    );
    assert.deepEqual(
      containers(out).map((c) => c.name),
      ['nginx', 'log'],
    );
    assert.deepEqual(containers(out)[0]!.env, [
      { name: 'MODE', value: 'prod' },
      { name: 'LOG', value: 'info' },
    ]);
    assert.deepEqual((out.spec as Json).volumes, [{ name: 'data', emptyDir: {} }]);
  });

  it('ports merge by containerPort', () => {
    const out = applyStrategicMergePatch(livePod(), { spec: { containers: [{ name: 'nginx', ports: [{ containerPort: 443 }] }] } }, podSchema);
    assert.deepEqual(containers(out)[0]!.ports, [{ containerPort: 443 }, { containerPort: 80, protocol: 'TCP' }]);
  });
});

describe('managedFields with kindSchemas', () => {
  it('server-side apply of a pod manifest', () => {
    const manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
    };
    const r = applyServerSidePatch(undefined, manifest, podSchema, 'kubectl', false, T0, 'v1');
    assert.ok(!('conflicts' in r));
    assert.deepEqual(r.managedFields[0]!.fieldsV1, {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {},
            'f:image': {},
            'f:name': {},
            'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
          },
        },
      },
    });
  });

  it('kubectl create service nodeport (decoded from the captured protobuf body) records kubectl-create', () => {
    const fixture = kubectlBodies.find((b) => b.command.includes('create service nodeport'))!;
    const svc = decodeProtobufObject(Buffer.from(fixture.body, 'base64')).object;
    const managed = updateManagedFieldsForUpdate(undefined, svc, 'kubectl-create', T0, 'v1', undefined, serviceSchema)!;
    assert.equal(managed.length, 1);
    assert.equal(managed[0]!.manager, 'kubectl-create');
    const set = fieldSetFromFieldsV1(managed[0]!.fieldsV1);
    for (const path of [
      ['f:metadata', 'f:labels', 'f:app'],
      ['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}'],
      ['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}', 'f:targetPort'],
      ['f:spec', 'f:type'],
    ]) {
      assert.ok(set.has(path), JSON.stringify(path));
    }
    assert.ok(![...set].some((p) => p[0] === 'f:status'), 'status is not owned through the main resource');
  });
});
