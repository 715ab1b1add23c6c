import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod, PodStatus, Probe } from '../../apis/index.js';
import { FakeClock, rfc3339, silentLogger } from '../../base/index.js';
import { ProbeManager } from './manager.js';
import type { ContainerProber, ProbeType } from './prober.js';

/** A prober whose answers the test sets per probe type; counts calls. */
class FakeProber implements ContainerProber {
  answers: Record<ProbeType, 'Success' | 'Failure' | 'Error'> = { Liveness: 'Success', Readiness: 'Success', Startup: 'Success' };
  calls: { type: ProbeType; id: string }[] = [];
  probe(type: ProbeType, _pod: Pod, _net: unknown, _c: Container, id: string): Promise<'Success' | 'Failure'> {
    this.calls.push({ type, id });
    const a = this.answers[type];
    return a === 'Error' ? Promise.reject(new Error('boom')) : Promise.resolve(a);
  }
  count(type: ProbeType): number {
    return this.calls.filter((c) => c.type === type).length;
  }
}

const flush = () => new Promise<void>((r) => setImmediate(r));

function makePod(probes: Partial<Record<'livenessProbe' | 'readinessProbe' | 'startupProbe', Probe>>, extra: Partial<Pod['metadata']> = {}, restartPolicy = 'Always'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'uid-1', ...extra },
    spec: { restartPolicy, containers: [{ name: 'app', image: 'busybox', ...probes }] },
  } as Pod;
}

function running(id: string, startedAtMs: number, started: boolean, ready = false): PodStatus {
  return {
    phase: 'Running',
    containerStatuses: [
      { name: 'app', containerID: `cri-o://${id}`, ready, started, restartCount: 0, image: 'busybox', imageID: '', state: { running: { startedAt: rfc3339(startedAtMs) } } },
    ],
  };
}

function setup(clock = new FakeClock(1_000_000)) {
  const prober = new FakeProber();
  const triggers: string[] = [];
  const m = new ProbeManager({ clock, logger: silentLogger, prober, onResultChange: (uid) => triggers.push(uid), random: () => 0 });
  return { clock, prober, triggers, m };
}

/** Advances one second at a time, letting probe promises settle. */
async function tick(clock: FakeClock, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i++) {
    clock.advance(1000);
    await flush();
  }
}

describe('ProbeManager and workers (FakeClock)', () => {
  it('creates one worker per probe of app containers and sidecars, and one timer each', () => {
    const { m, clock } = setup();
    const pod = makePod({ livenessProbe: { exec: { command: ['true'] } }, readinessProbe: { exec: { command: ['true'] } } });
    pod.spec!.initContainers = [
      { name: 'side', image: 'busybox', restartPolicy: 'Always', startupProbe: { exec: { command: ['true'] } } },
      { name: 'init', image: 'busybox', readinessProbe: { exec: { command: ['true'] } } },
    ];
    m.addPod(pod);
    assert.deepEqual(m.workerList().map((w) => `${w.container.name}/${w.probeType}`).sort(), ['app/Liveness', 'app/Readiness', 'side/Startup']);
    assert.equal(clock.pending, 3);
    m.removePod('uid-1');
    assert.equal(m.workerList().length, 0);
    assert.equal(clock.pending, 0);
  });

  it('defaults: readiness starts Failure, liveness Success, startup unknown; period 10 s', async () => {
    const { m, clock, prober } = setup();
    const pod = makePod({ readinessProbe: { exec: { command: ['x'] } }, livenessProbe: { exec: { command: ['x'] } } });
    m.addPod(pod);
    m.updatePodStatus(pod, running('c1', clock.now(), true), {});
    await tick(clock, 1);
    // Started but not ready: the status update triggered the readiness worker at once.
    assert.equal(m.readiness('c1'), 'Success');
    assert.equal(prober.count('Liveness'), 0, 'liveness waits for its period');
    await tick(clock, 9);
    assert.equal(prober.count('Liveness'), 1, 'one liveness probe per 10 s');
    assert.equal(m.liveness('c1'), 'Success');
    await tick(clock, 10);
    assert.equal(prober.count('Liveness'), 2);
  });

  it('initialDelaySeconds holds the first probe; failureThreshold failures in a row flip liveness', async () => {
    const { m, clock, prober, triggers } = setup();
    const pod = makePod({ livenessProbe: { exec: { command: ['x'] }, initialDelaySeconds: 5, periodSeconds: 1, failureThreshold: 3 } });
    m.addPod(pod);
    m.updatePodStatus(pod, running('c1', clock.now(), true), {});
    prober.answers.Liveness = 'Failure';
    await tick(clock, 4);
    assert.equal(prober.count('Liveness'), 0, 'no probe within the initial delay');
    await tick(clock, 2);
    assert.equal(prober.count('Liveness'), 2);
    assert.equal(m.liveness('c1'), 'Success', 'two failures are below the threshold');
    triggers.length = 0;
    await tick(clock, 1);
    assert.equal(m.liveness('c1'), 'Failure');
    assert.deepEqual(triggers, ['uid-1'], 'a change triggers the pod worker');
    // On hold until a new container id: no more probes.
    await tick(clock, 5);
    assert.equal(prober.count('Liveness'), 3);
    // A new instance: initial value again, probing resumes after its own initial delay.
    prober.answers.Liveness = 'Success';
    m.updatePodStatus(pod, running('c2', clock.now(), true), {});
    await tick(clock, 1);
    assert.equal(m.liveness('c2'), 'Success');
    assert.equal(m.liveness('c1'), undefined, 'the old id is forgotten');
  });

  it('successThreshold: readiness needs that many successes in a row', async () => {
    const { m, clock, prober } = setup();
    const pod = makePod({ readinessProbe: { exec: { command: ['x'] }, periodSeconds: 1, successThreshold: 3 } });
    m.addPod(pod);
    prober.answers.Readiness = 'Success';
    m.updatePodStatus(pod, running('c1', clock.now(), true), {});
    await flush();
    assert.equal(m.readiness('c1'), 'Failure');
    await tick(clock, 1);
    assert.equal(m.readiness('c1'), 'Failure');
    await tick(clock, 1);
    assert.equal(m.readiness('c1'), 'Success');
    // A failure then resets the run; readiness is never put on hold.
    prober.answers.Readiness = 'Failure';
    await tick(clock, 3);
    assert.equal(m.readiness('c1'), 'Failure');
    prober.answers.Readiness = 'Success';
    await tick(clock, 2);
    assert.equal(m.readiness('c1'), 'Failure');
    await tick(clock, 1);
    assert.equal(m.readiness('c1'), 'Success');
  });

  it('the startup probe gates liveness and readiness, then idles', async () => {
    const { m, clock, prober } = setup();
    const pod = makePod({
      startupProbe: { exec: { command: ['x'] }, periodSeconds: 1, failureThreshold: 30 },
      livenessProbe: { exec: { command: ['x'] }, periodSeconds: 1, failureThreshold: 1 },
      readinessProbe: { exec: { command: ['x'] }, periodSeconds: 1 },
    });
    m.addPod(pod);
    prober.answers = { Startup: 'Failure', Liveness: 'Failure', Readiness: 'Success' };
    m.updatePodStatus(pod, running('c1', clock.now(), false), {});
    await tick(clock, 10);
    assert.equal(prober.count('Liveness'), 0);
    assert.equal(prober.count('Readiness'), 0);
    assert.equal(m.startup('c1'), undefined, 'below 30 failures: still unknown');
    prober.answers.Startup = 'Success';
    await tick(clock, 1);
    assert.equal(m.startup('c1'), 'Success');
    // The kubelet regenerates status with started=true.
    m.updatePodStatus(pod, running('c1', clock.now() - 11_000, true), {});
    const startupCalls = prober.count('Startup');
    await tick(clock, 3);
    assert.equal(prober.count('Startup'), startupCalls, 'startup idles once started');
    assert.ok(prober.count('Liveness') >= 1);
    assert.equal(m.liveness('c1'), 'Failure');
  });

  it('a startup probe reaching failureThreshold fails (the container is restarted)', async () => {
    const { m, clock, prober } = setup();
    const pod = makePod({ startupProbe: { exec: { command: ['x'] }, periodSeconds: 2, failureThreshold: 3 } });
    m.addPod(pod);
    prober.answers.Startup = 'Failure';
    m.updatePodStatus(pod, running('c1', clock.now(), false), {});
    await tick(clock, 4);
    assert.equal(m.startup('c1'), undefined, 'two failures (t=2 s, 4 s)');
    await tick(clock, 1);
    assert.equal(m.startup('c1'), undefined, 'no probe between periods');
    await tick(clock, 1);
    assert.equal(m.startup('c1'), 'Failure', 'the third failure at t=6 s');
  });

  it('probe errors are thrown away; a non-running container is Failure; Never + terminated stops the worker', async () => {
    const { m, clock, prober } = setup();
    const pod = makePod({ readinessProbe: { exec: { command: ['x'] }, periodSeconds: 1, failureThreshold: 1 } }, {}, 'Never');
    m.addPod(pod);
    prober.answers.Readiness = 'Success';
    m.updatePodStatus(pod, running('c1', clock.now(), true), {});
    await tick(clock, 1);
    assert.equal(m.readiness('c1'), 'Success');
    prober.answers.Readiness = 'Error';
    await tick(clock, 3);
    assert.equal(m.readiness('c1'), 'Success', 'errors change nothing');
    const terminated = running('c1', clock.now(), false);
    terminated.containerStatuses![0]!.state = { terminated: { exitCode: 0, startedAt: '', finishedAt: '', reason: 'Completed' } };
    m.updatePodStatus(pod, terminated, {});
    await tick(clock, 1);
    assert.equal(m.workerList().length, 0, 'the worker stopped');
    assert.equal(clock.pending, 0);
  });

  it('deletion: liveness and startup stop (cached Success); a terminal pod stops every worker', async () => {
    const { m, clock, prober } = setup();
    const pod = makePod({ livenessProbe: { exec: { command: ['x'] }, periodSeconds: 1 }, readinessProbe: { exec: { command: ['x'] }, periodSeconds: 1 } });
    m.addPod(pod);
    m.updatePodStatus(pod, running('c1', clock.now(), true), {});
    await tick(clock, 1);
    m.stopLivenessAndStartup(pod);
    assert.deepEqual(m.workerList().map((w) => w.probeType), ['Readiness']);
    const status = running('c1', clock.now(), true);
    status.phase = 'Succeeded';
    m.updatePodStatus(pod, status, {});
    prober.answers.Readiness = 'Success';
    await tick(clock, 2);
    assert.equal(m.workerList().length, 0);
  });

  it('probes never overlap: a slow probe absorbs ticks, one queued tick runs after it', async () => {
    const clock = new FakeClock(1_000_000);
    let release: (() => void) | undefined;
    let calls = 0;
    const prober: ContainerProber = {
      probe: () => {
        calls++;
        return new Promise((r) => (release = () => r('Success')));
      },
    };
    const m = new ProbeManager({ clock, logger: silentLogger, prober, onResultChange: () => undefined, random: () => 0 });
    const pod = makePod({ livenessProbe: { exec: { command: ['x'] }, periodSeconds: 1 } });
    m.addPod(pod);
    m.updatePodStatus(pod, running('c1', clock.now(), true), {});
    await tick(clock, 1);
    assert.equal(calls, 1);
    await tick(clock, 5);
    assert.equal(calls, 1, 'still running: no second probe');
    release!();
    await flush();
    await flush();
    assert.equal(calls, 2, 'the buffered tick runs right after');
  });

  it('start-up jitter: the first probe waits a random part of the period right after the manager starts', async () => {
    const clock = new FakeClock(1_000_000);
    const prober = new FakeProber();
    const m = new ProbeManager({ clock, logger: silentLogger, prober, onResultChange: () => undefined, random: () => 0.5 });
    const pod = makePod({ livenessProbe: { exec: { command: ['x'] }, periodSeconds: 10 } });
    m.updatePodStatus(pod, running('c1', clock.now(), true), {});
    m.addPod(pod);
    m.updatePodStatus(pod, running('c1', clock.now(), true), {});
    await tick(clock, 4);
    assert.equal(prober.count('Liveness'), 0);
    await tick(clock, 1);
    assert.equal(prober.count('Liveness'), 1);
  });
});
