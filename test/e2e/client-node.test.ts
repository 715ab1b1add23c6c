/**
 * The official JavaScript client (`@kubernetes/client-node`) against `podyard server`: CRUD, a
 * patch, a list with selectors and a watch, with no special configuration.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { eventually } from '../helpers/eventually.js';

describe('@kubernetes/client-node', () => {
  let server: TestPodyard;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;

  before(async () => {
    server = await startPodyard();
    kc = new k8s.KubeConfig();
    kc.loadFromFile(server.kubeconfig);
    core = kc.makeApiClient(k8s.CoreV1Api);
  });
  after(async () => {
    await server.stop();
    await server.cleanup();
  });

  it('creates, reads, patches, lists and deletes', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'js', labels: { from: 'js' } }, data: { a: '1' } },
    });
    assert.equal(created.metadata?.name, 'js');
    assert.ok(created.metadata?.resourceVersion);
    const read = await core.readNamespacedConfigMap({ name: 'js', namespace: 'default' });
    assert.deepEqual(read.data, { a: '1' });
    const patched = await core.patchNamespacedConfigMap(
      { name: 'js', namespace: 'default', body: { data: { b: '2' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    assert.deepEqual(patched.data, { a: '1', b: '2' });
    const list = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'from=js' });
    assert.deepEqual(list.items.map((i) => i.metadata?.name), ['js']);
    await core.deleteNamespacedConfigMap({ name: 'js', namespace: 'default' });
    await assert.rejects(core.readNamespacedConfigMap({ name: 'js', namespace: 'default' }), (err: { code?: number }) => err.code === 404);
  });

  it('a pod created through the client has kube-apiserver defaults', async () => {
    const pod = await core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'jspod' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } },
    });
    assert.equal(pod.spec?.restartPolicy, 'Always');
    assert.equal(pod.spec?.containers[0]?.imagePullPolicy, 'IfNotPresent');
    assert.equal(pod.status?.phase, 'Pending');
  });

  it('watches changes from a list resourceVersion', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    const seen: string[] = [];
    const watch = new k8s.Watch(kc);
    const req = await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: list.metadata?.resourceVersion },
      (type: string, obj: k8s.V1ConfigMap) => seen.push(`${type} ${obj.metadata?.name}`),
      () => {},
    );
    try {
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'w' }, data: { x: '1' } } });
      await core.deleteNamespacedConfigMap({ name: 'w', namespace: 'default' });
      await eventually(() => assert.deepEqual(seen, ['ADDED w', 'DELETED w']), { timeoutMs: 10_000 });
    } finally {
      req.abort();
    }
  });
});
