import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fnv32a, formatPodFullName, hashContainer, newestFirst, PodStatusView, restartPolicyOf } from './observed.js';
import { c, exited, makePod, running, sandbox, T0 } from './pod-fixtures.js';

describe('hashContainer', () => {
  it('is FNV-1a 32', () => {
    assert.equal(fnv32a(''), 0x811c9dc5);
    assert.equal(fnv32a('a'), 0xe40c292c);
    assert.equal(fnv32a('foobar'), 0xbf9cf968);
  });

  it('is stable and changes only with name or image (kubelet 1.31+ pickFieldsToHash)', () => {
    const h = hashContainer(c('app', { image: 'nginx:1.25' }));
    assert.match(h, /^[0-9a-f]+$/);
    assert.equal(hashContainer(c('app', { image: 'nginx:1.25' })), h);
    assert.equal(hashContainer(c('app', { image: 'nginx:1.25', command: ['sh'], env: [{ name: 'A', value: 'b' }] })), h);
    assert.notEqual(hashContainer(c('app', { image: 'nginx:1.26' })), h);
    assert.notEqual(hashContainer(c('other', { image: 'nginx:1.25' })), h);
  });
});

describe('PodStatusView', () => {
  it('orders instances newest first and finds the latest, the latest exited and the active ones', () => {
    const old = exited('a', 1, { attempt: 0, sandboxId: 'sb-0' });
    const cur = running('a', { attempt: 1, sandboxId: 'sb-1' });
    const view = new PodStatusView({
      sandboxes: [sandbox({ id: 'sb-0', createdAtMs: T0 - 5000, state: 'SANDBOX_NOTREADY' }), sandbox({ id: 'sb-1' })],
      containers: [old, cur],
    });
    assert.deepEqual(newestFirst([old, cur]).map((x) => x.id), [cur.id, old.id]);
    assert.equal(view.find('a'), cur);
    assert.equal(view.findExited('a'), old);
    assert.equal(view.sandboxes[0]!.id, 'sb-1');
    assert.deepEqual(view.active(), [cur]);
  });

  it('formats pod names and defaults the restart policy', () => {
    assert.equal(formatPodFullName(makePod({}, { name: 'web', namespace: 'ns', uid: 'u' })), 'web_ns(u)');
    assert.equal(restartPolicyOf(makePod({ restartPolicy: undefined })), 'Always');
    assert.equal(restartPolicyOf(makePod({ restartPolicy: 'Never' })), 'Never');
  });
});
