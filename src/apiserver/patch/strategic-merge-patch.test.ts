import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyStrategicMergePatch, PatchError } from './index.js';
import { podSchema } from './testing/schemas.js';

const pod = (): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web',
    labels: { app: 'web' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' },
    finalizers: ['a', 'b'],
  },
  spec: {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.27',
        args: ['-g', 'daemon off;'],
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        ports: [{ containerPort: 80, protocol: 'TCP' }],
      },
      { name: 'sidecar', image: 'busybox' },
    ],
    volumes: [
      { name: 'data', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg' } },
    ],
    nodeSelector: { disk: 'ssd', zone: 'a' },
  },
});

const smp = (original: unknown, patch: Record<string, unknown>): Record<string, unknown> =>
  applyStrategicMergePatch(original, patch, podSchema);

function spec(obj: Record<string, unknown>): Record<string, unknown> {
  return obj.spec as Record<string, unknown>;
}

function patchErr(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PatchError) return err;
    throw err;
  }
  assert.fail('expected a PatchError');
}

describe('applyStrategicMergePatch', () => {
  it('client-side apply label change (the patch kubectl sends)', () => {
    const out = smp(pod(), {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"x":1}\n' }, labels: { tier: 'front' } },
    });
    assert.deepEqual((out.metadata as Record<string, unknown>).labels, { app: 'web', tier: 'front' });
    assert.deepEqual((out.metadata as Record<string, unknown>).annotations, {
      'kubectl.kubernetes.io/last-applied-configuration': '{"x":1}\n',
    });
  });

  it('null deletes a key', () => {
    const out = smp(pod(), { metadata: { labels: { app: null } }, spec: { nodeSelector: { zone: null } } });
    assert.deepEqual((out.metadata as Record<string, unknown>).labels, {});
    assert.deepEqual(spec(out).nodeSelector, { disk: 'ssd' });
  });

  it('adds a container: merged by name, and (without $setElementOrder) placed before the live-only items', () => {
    // mergeSortedSlice takes a patch item whenever it is not in the live order, so new items lead —
    // the result the kubernetes.io "kubectl patch" task shows for patch-demo-ctr-2.
    const out = smp(pod(), { spec: { containers: [{ name: 'log', image: 'fluentbit' }] } });
    assert.deepEqual(
      (spec(out).containers as { name: string }[]).map((c) => c.name),
      ['log', 'nginx', 'sidecar'],
    );
  });

  it('changes an env var by name and keeps the others', () => {
    const out = smp(pod(), { spec: { containers: [{ name: 'nginx', env: [{ name: 'B', value: '20' }] }] } });
    const nginx = (spec(out).containers as Record<string, unknown>[])[0]!;
    assert.deepEqual(nginx.env, [
      { name: 'A', value: '1' },
      { name: 'B', value: '20' },
    ]);
    assert.equal(nginx.image, 'nginx:1.27');
  });

  it('deletes a volume with $patch: delete', () => {
    const out = smp(pod(), { spec: { volumes: [{ name: 'data', $patch: 'delete' }] } });
    assert.deepEqual(spec(out).volumes, [{ name: 'cfg', configMap: { name: 'cfg' } }]);
  });

  it('replaces lists without a merge strategy (args)', () => {
    const out = smp(pod(), { spec: { containers: [{ name: 'nginx', args: ['-v'] }] } });
    assert.deepEqual((spec(out).containers as Record<string, unknown>[])[0]!.args, ['-v']);
  });

  it('orders merged items as normalizeElementOrder does: new patch items right after their predecessor', () => {
    const original = { spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } };
    const out = smp(original, { spec: { containers: [{ name: 'b', image: 'x' }, { name: 'd' }] } });
    assert.deepEqual(spec(out).containers, [{ name: 'a' }, { name: 'b', image: 'x' }, { name: 'd' }, { name: 'c' }]);
  });

  it('honours $setElementOrder (what kubectl apply sends for reordered lists)', () => {
    const out = smp(pod(), {
      spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }] },
    });
    assert.deepEqual(
      (spec(out).containers as { name: string }[]).map((c) => c.name),
      ['sidecar', 'nginx'],
    );
    const out2 = smp(pod(), {
      spec: {
        '$setElementOrder/containers': [{ name: 'log' }, { name: 'nginx' }, { name: 'sidecar' }],
        containers: [{ name: 'log', image: 'fluentbit' }],
      },
    });
    assert.deepEqual(
      (spec(out2).containers as { name: string }[]).map((c) => c.name),
      ['log', 'nginx', 'sidecar'],
    );
  });

  it('$retainKeys drops the volume source that was switched away from', () => {
    const out = smp(pod(), {
      spec: { volumes: [{ name: 'data', hostPath: { path: '/srv' }, $retainKeys: ['hostPath', 'name'] }] },
    });
    assert.deepEqual((spec(out).volumes as unknown[])[0], { name: 'data', hostPath: { path: '/srv' } });
  });

  it('$retainKeys must list every patched key', () => {
    const err = patchErr(() => smp(pod(), { spec: { volumes: [{ name: 'data', hostPath: { path: '/x' }, $retainKeys: ['name'] }] } }));
    assert.equal(err.code, 'BadRequest');
    assert.equal(err.message, 'invalid patch format of retainKeys');
  });

  it('merges primitive lists with patchStrategy merge as a union, and $deleteFromPrimitiveList removes', () => {
    const out = smp(pod(), { metadata: { finalizers: ['c', 'a'] } });
    assert.deepEqual((out.metadata as Record<string, unknown>).finalizers, ['c', 'a', 'b']);
    const out2 = smp(pod(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } });
    assert.deepEqual((out2.metadata as Record<string, unknown>).finalizers, ['b']);
  });

  it('$patch: replace on a map replaces it; on a list element replaces the whole list', () => {
    const out = smp(pod(), { spec: { nodeSelector: { $patch: 'replace', gpu: 'yes' } } });
    assert.deepEqual(spec(out).nodeSelector, { gpu: 'yes' });
    const out2 = smp(pod(), { spec: { volumes: [{ $patch: 'replace' }, { name: 'only', emptyDir: {} }] } });
    assert.deepEqual(spec(out2).volumes, [{ name: 'only', emptyDir: {} }]);
  });

  it('$patch: delete on a map empties it', () => {
    const out = smp(pod(), { spec: { nodeSelector: { $patch: 'delete' } } });
    assert.deepEqual(spec(out).nodeSelector, {});
  });

  it('paths unknown to the schema: maps merge, lists are replaced', () => {
    const out = smp({ spec: { extra: { a: 1, list: [{ name: 'x' }] } } }, { spec: { extra: { b: 2, list: [{ name: 'y' }] } } });
    assert.deepEqual(spec(out).extra, { a: 1, b: 2, list: [{ name: 'y' }] });
  });

  it('works without any schema (plain merge, lists replaced)', () => {
    assert.deepEqual(applyStrategicMergePatch({ a: [1, 2], b: { c: 1 } }, { a: [3], b: { d: 2 } }), { a: [3], b: { c: 1, d: 2 } });
  });

  it('newly added values are cleaned of directives and nulls', () => {
    const out = smp({ spec: {} }, { spec: { containers: [{ name: 'n', env: [{ name: 'X', value: '1' }] }], nodeSelector: { a: 'b', c: null } } });
    assert.deepEqual(spec(out).nodeSelector, { a: 'b' });
    assert.deepEqual(spec(out).containers, [{ name: 'n', env: [{ name: 'X', value: '1' }] }]);
  });

  it('errors like apimachinery', () => {
    const noKey = patchErr(() => smp(pod(), { spec: { containers: [{ image: 'x' }] } }));
    assert.equal(noKey.code, 'MergeFailed');
    assert.equal(noKey.message, 'map: map[image:x] does not contain declared merge key: name');
    const mergeDirective = patchErr(() => smp(pod(), { spec: { containers: [{ name: 'nginx', $patch: 'merge' }] } }));
    assert.equal(mergeDirective.message, 'merging lists cannot yet be specified in the patch');
    const badType = patchErr(() => smp(pod(), { spec: { nodeSelector: { $patch: 'explode' } } }));
    assert.equal(badType.message, 'unknown patch type: explode in map: map[$patch:explode]');
    const listOfLists = patchErr(() => smp({ metadata: { finalizers: [] } }, { metadata: { finalizers: [['b']] } }));
    assert.equal(listOfLists.code, 'Invalid');
    assert.equal(listOfLists.message, 'lists of lists are not supported');
    const mixed = patchErr(() => smp(pod(), { metadata: { finalizers: [1] } }));
    assert.equal(mixed.message, 'list element types are not identical: [[a b] [1]]');
    const badDelete = patchErr(() => smp(pod(), { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } }));
    assert.equal(badDelete.message, 'invalid patch format of primitive list');
  });

  it('does not mutate its inputs', () => {
    const original = pod();
    const before = JSON.stringify(original);
    const patch = { spec: { containers: [{ name: 'nginx', image: 'x' }] } };
    const patchBefore = JSON.stringify(patch);
    smp(original, patch);
    assert.equal(JSON.stringify(original), before);
    assert.equal(JSON.stringify(patch), patchBefore);
  });
});
