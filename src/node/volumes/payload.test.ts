import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigMap, Pod, Secret } from '../../apis/index.js';
import { configMapPayload, downwardAPIPayload, formatDownwardMap, projectedPayload, secretPayload } from './payload.js';

const text = (p: Map<string, { data: Buffer; mode: number }>) =>
  Object.fromEntries([...p].map(([k, v]) => [k, { data: v.data.toString('utf8'), mode: v.mode.toString(8) }]));

const cm: ConfigMap = {
  metadata: { name: 'cfg', namespace: 'default' },
  data: { 'app.conf': 'x=1\n', other: 'o' },
  binaryData: { 'blob.bin': Buffer.from([0, 1, 2, 255]).toString('base64') },
};
const secret: Secret = { metadata: { name: 's', namespace: 'default' }, data: { password: Buffer.from('hunter2').toString('base64') } };

const pod: Pod = {
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: '1234',
    labels: { zone: 'us-est-coast', cluster: 'test-cluster1', rack: 'rack-22' },
    annotations: { build: 'two', builder: 'john-doe', quote: 'say "hi"\n' },
  },
  spec: { containers: [{ name: 'c', image: 'busybox', resources: { limits: { memory: '64Mi' }, requests: { cpu: '250m' } } }] },
};

describe('volume payloads', () => {
  it('configMap: every key of data and binaryData with defaultMode', () => {
    const p = configMapPayload(undefined, cm, 0o644, false);
    assert.deepEqual(text(p), {
      'app.conf': { data: 'x=1\n', mode: '644' },
      other: { data: 'o', mode: '644' },
      'blob.bin': { data: Buffer.from([0, 1, 2, 255]).toString('utf8'), mode: '644' },
    });
    assert.deepEqual([...p.get('blob.bin')!.data], [0, 1, 2, 255]);
  });

  it('configMap: items map keys to paths with their own modes', () => {
    const p = configMapPayload([{ key: 'app.conf', path: 'conf/app.conf', mode: 0o400 }, { key: 'other', path: 'o' }], cm, 0o440, false);
    assert.deepEqual(text(p), { 'conf/app.conf': { data: 'x=1\n', mode: '400' }, o: { data: 'o', mode: '440' } });
  });

  it('configMap: a missing item key fails unless optional', () => {
    assert.throws(() => configMapPayload([{ key: 'nope', path: 'n' }], cm, 0o644, false), { message: 'configmap references non-existent config key: nope' });
    assert.equal(configMapPayload([{ key: 'nope', path: 'n' }], cm, 0o644, true).size, 0);
  });

  it('secret: data is base64-decoded; a missing item key fails with the kubelet message', () => {
    assert.deepEqual(text(secretPayload(undefined, secret, 0o644, false)), { password: { data: 'hunter2', mode: '644' } });
    assert.deepEqual(text(secretPayload([{ key: 'password', path: 'pw', mode: 0o400 }], secret, 0o644, false)), { pw: { data: 'hunter2', mode: '400' } });
    assert.throws(() => secretPayload([{ key: 'user', path: 'u' }], secret, 0o644, false), { message: 'references non-existent secret key: user' });
  });

  it('downwardAPI: labels and annotations as sorted key="value" lines, Go-quoted, no trailing newline', () => {
    assert.equal(formatDownwardMap(pod.metadata.labels), 'cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"');
    const p = downwardAPIPayload(
      [
        { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
        { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
        { path: 'name', fieldRef: { fieldPath: 'metadata.name' }, mode: 0o400 },
        { path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } },
        { path: 'uid', fieldRef: { fieldPath: 'metadata.uid' } },
        { path: 'zone', fieldRef: { fieldPath: "metadata.labels['zone']" } },
        { path: 'mem', resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' } },
        { path: 'cpu', resourceFieldRef: { containerName: 'c', resource: 'requests.cpu', divisor: '1m' } },
        { path: 'cpulimit', resourceFieldRef: { containerName: 'c', resource: 'limits.cpu' } },
      ],
      pod,
      0o644,
      { cpu: '2', memory: '8Gi' },
    );
    assert.deepEqual(text(p), {
      labels: { data: 'cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"', mode: '644' },
      annotations: { data: 'build="two"\nbuilder="john-doe"\nquote="say \\"hi\\"\\n"', mode: '644' },
      name: { data: 'web', mode: '400' },
      ns: { data: 'default', mode: '644' },
      uid: { data: '1234', mode: '644' },
      zone: { data: 'us-est-coast', mode: '644' },
      mem: { data: '64', mode: '644' },
      cpu: { data: '250', mode: '644' },
      cpulimit: { data: '2', mode: '644' },
    });
  });

  it('downwardAPI: errors are aggregated', () => {
    assert.throws(
      () => downwardAPIPayload([{ path: 'a', fieldRef: { fieldPath: 'spec.nodeName' } }, { path: 'b', resourceFieldRef: { containerName: 'x', resource: 'limits.cpu' } }], pod, 0o644),
      { message: '[unsupported fieldPath: spec.nodeName, container x not found]' },
    );
  });

  it('projected: sources merged; missing non-optional objects fail; tokens are skipped, not faked', async () => {
    const lookups = {
      getConfigMap: (_ns: string, name: string) => Promise.resolve(name === 'cfg' ? cm : undefined),
      getSecret: (_ns: string, name: string) => Promise.resolve(name === 's' ? secret : undefined),
    };
    const { payload, skipped } = await projectedPayload(
      {
        defaultMode: 0o440,
        sources: [
          { configMap: { name: 'cfg', items: [{ key: 'other', path: 'other' }] } },
          { secret: { name: 's' } },
          { downwardAPI: { items: [{ path: 'podname', fieldRef: { fieldPath: 'metadata.name' } }] } },
          { serviceAccountToken: { path: 'token' } },
          { configMap: { name: 'gone', optional: true } },
        ],
      },
      pod,
      lookups,
    );
    assert.deepEqual(text(payload), {
      other: { data: 'o', mode: '440' },
      password: { data: 'hunter2', mode: '440' },
      podname: { data: 'web', mode: '440' },
    });
    assert.deepEqual(skipped.map((s) => s.path), ['token']);
    await assert.rejects(projectedPayload({ sources: [{ configMap: { name: 'gone' } }, { secret: { name: 'nope' } }] }, pod, lookups), {
      message: '[configmap "gone" not found, secret "nope" not found]',
    });
  });
});
