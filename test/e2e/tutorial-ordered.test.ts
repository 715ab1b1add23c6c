/**
 * The tutorial's IPC pod made race-free (issue #4: "With an init container ordering the queue
 * creation, it never races"): in examples/mc2-ipc-ordered.yaml the producer is an init container
 * and the consumer the app container. The messages outlive the producer because the queue lives
 * in the pod's IPC namespace, held by the sandbox: a second init container placed between the
 * two sees them all still queued, and the consumer then receives exactly what was produced.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { repoRoot, startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const images = ['ipc'];
const skip = containerTestsUnavailable(images) ?? false;
const example = join(repoRoot, 'examples/mc2-ipc-ordered.yaml');

interface PodDoc {
  metadata: { name: string };
  spec: { initContainers: Record<string, unknown>[]; containers: Record<string, unknown>[] };
}

describe('tutorial IPC pod ordered by an init container', { skip }, () => {
  let server: TestPodyard;
  const k = async (...args: string[]) => {
    const r = await kubectl(server.kubeconfig, args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}\n--- server log ---\n${server.output().slice(-4000)}`);
    return r.stdout;
  };
  const jp = (name: string, path: string) => k('get', 'pod', name, '-o', `jsonpath={${path}}`);
  const produced = (log: string) => [...log.matchAll(/^Produced: ([0-9a-f]{2})$/gm)].map((m) => m[1]);
  const consumed = (log: string) => [...log.matchAll(/^Consumed: (\S+)$/gm)].map((m) => m[1]);

  before(async () => {
    server = await startPodyard();
    await loadTestImages(server.dataDir, images);
  });
  after(async () => {
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=1']);
    await server.stop();
    await server.cleanup();
  });

  it('mc2-ordered: the producer init container completes, then the consumer drains the queue', async () => {
    await k('create', '-f', example);
    await eventually(async () => assert.equal(await jp('mc2-ordered', '.status.phase'), 'Succeeded'), { timeoutMs: 90_000, intervalMs: 500 });
    assert.match(await k('get', 'pod', 'mc2-ordered'), /^mc2-ordered\s+0\/1\s+Completed\s+0\s/m);
    assert.equal(await jp('mc2-ordered', '.status.initContainerStatuses[0].state.terminated.reason'), 'Completed');
    assert.equal(await jp('mc2-ordered', '.status.containerStatuses[0].state.terminated.reason'), 'Completed');
    const producerEnd = Date.parse(await jp('mc2-ordered', '.status.initContainerStatuses[0].state.terminated.finishedAt'));
    const consumerStart = Date.parse(await jp('mc2-ordered', '.status.containerStatuses[0].state.terminated.startedAt'));
    assert.ok(consumerStart >= producerEnd, 'the consumer started after the producer had finished');
    const out = await k('logs', 'mc2-ordered', '-c', 'consumer');
    assert.match(out.trimEnd(), /Consumed: done$/);
    const sent = produced(await k('logs', 'mc2-ordered', '-c', 'producer'));
    assert.equal(sent.length, 10);
    assert.deepEqual(consumed(out), [...sent, 'done']);
  });

  it('between the two, the messages wait in the pod IPC namespace held by the sandbox', async () => {
    const doc = parse(readFileSync(example, 'utf8')) as PodDoc;
    doc.metadata.name = 'mc2-inspected';
    // Between producer and consumer: list the SysV queues of this IPC namespace (busybox has no ipcs).
    doc.spec.initContainers.push({ name: 'inspect', image: 'allingeek/ch6_ipc', imagePullPolicy: 'IfNotPresent', command: ['cat', '/proc/sysvipc/msg'] });
    const r = await kubectl(server.kubeconfig, ['create', '-f', '-'], { input: stringify(doc) });
    assert.equal(r.code, 0, r.stderr);
    await eventually(
      async () => assert.equal(await jp('mc2-inspected', '.status.phase'), 'Succeeded', await k('get', 'pod', 'mc2-inspected', '-o', 'jsonpath={.status}')),
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const queues = await k('logs', 'mc2-inspected', '-c', 'inspect');
    // key 0x0c6ea1c0 = 208576960 (ipc.c), perms 666: 10 two-digit messages (3 bytes each) and
    // "done" (5 bytes) = 35 bytes in 11 messages, sent by a process that has exited.
    assert.match(queues, /^\s*208576960\s+\d+\s+666\s+35\s+11\s/m, queues);
    assert.equal(queues.trim().split('\n').length, 2, `exactly one queue in the pod's IPC namespace:\n${queues}`);
    const sent = produced(await k('logs', 'mc2-inspected', '-c', 'producer'));
    assert.deepEqual(consumed(await k('logs', 'mc2-inspected', '-c', 'consumer')), [...sent, 'done']);
    // The first pod's queue was removed by its consumer and was never visible here: the
    // producer and consumer of each pod meet only in their own pod's namespace.
    assert.equal(sent.length, 10);
  });
});
