import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, FakeClock } from '../base/index.js';
import { FakeRuntime } from '../runtime/index.js';
import { MetricsCollector } from './metrics-collector.js';

async function setup() {
  const clock = new FakeClock(Date.parse('2026-11-24T10:00:00Z'));
  const runtime = new FakeRuntime({ clock });
  const sid = await runtime.runPodSandbox({
    metadata: { name: 'web', namespace: 'shop', uid: 'u1', attempt: 0 },
    labels: { app: 'web', 'io.kubernetes.pod.uid': 'u1' },
    logDirectory: '/logs/x',
  });
  const ids: string[] = [];
  for (const name of ['nginx', 'sidecar']) {
    const id = await runtime.createContainer(sid, { metadata: { name, attempt: 0 }, image: { image: 'x' }, rootfs: { lowerDirs: [] } });
    await runtime.startContainer(id);
    ids.push(id);
  }
  const collector = new MetricsCollector({ runtime, clock, logger: createLogger({ level: 'error' }) }, { nodeName: 'n1' });
  const container = (id: string) => runtime.containersNamed(id === ids[0] ? 'nginx' : 'sidecar', sid)[0]!;
  return { clock, runtime, collector, ids, container };
}

describe('MetricsCollector', () => {
  it('reports nothing until a container has two samples, as metrics-server', async () => {
    const { collector } = await setup();
    await collector.sample();
    assert.deepEqual(collector.podMetrics(), []);
    assert.deepEqual(collector.nodeMetrics(), []);
  });

  it('reports the CPU rate over the window and the latest working set', async () => {
    const { clock, collector, ids, container } = await setup();
    await collector.sample();
    clock.advance(10_000);
    container(ids[0]!).cpuNanos += 5e9; // half a core for 10 s
    container(ids[0]!).memoryBytes = 20 * 1024 * 1024;
    container(ids[1]!).cpuNanos += 1e7;
    container(ids[1]!).memoryBytes = 1000;
    await collector.sample();
    const [m] = collector.podMetrics();
    assert.deepEqual(m, {
      kind: 'PodMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: 'web', namespace: 'shop', creationTimestamp: '2026-11-24T10:00:10Z', labels: { app: 'web' } },
      timestamp: '2026-11-24T10:00:10Z',
      window: '10s',
      containers: [
        { name: 'nginx', usage: { cpu: '500000000n', memory: '20480Ki' } },
        { name: 'sidecar', usage: { cpu: '1000000n', memory: '1000' } },
      ],
    });
    assert.equal(collector.nodeMetrics()[0]?.metadata.name, 'n1');
  });

  it('drops a pod whose container restarted until the new container has two samples', async () => {
    const { clock, runtime, collector, ids } = await setup();
    await collector.sample();
    clock.advance(10_000);
    await collector.sample();
    assert.equal(collector.podMetrics().length, 1);
    await runtime.stopContainer(ids[1]!, 0);
    const sid = (await runtime.listPodSandbox())[0]!.id;
    const again = await runtime.createContainer(sid, { metadata: { name: 'sidecar', attempt: 1 }, image: { image: 'x' }, rootfs: { lowerDirs: [] } });
    await runtime.startContainer(again);
    clock.advance(10_000);
    await collector.sample();
    assert.deepEqual(collector.podMetrics(), []);
  });

  it('samples on its own every interval until stopped', async () => {
    const { clock, collector } = await setup();
    collector.start();
    await collector.sample(); // joins the first sample; the next one is then scheduled
    clock.advance(10_000);
    await collector.sample(); // joins the timer's sample
    assert.equal(collector.podMetrics().length, 1);
    collector.stop();
    clock.advance(60_000);
    assert.equal(collector.podMetrics()[0]?.window, '10s', 'no sample after stop');
  });
});
