import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../../apis/index.js';
import { rfc3339 } from '../../base/index.js';
import { CrashLoopBackOff } from './backoff.js';
import { computePodActions } from './compute-pod-actions.js';
import {
  generatePodStatus,
  getPhase,
  inferredInitCompletedMessage,
  type PodStatusContext,
  unknownContainerMessage,
  vanishedContainerMessage,
} from './generate-status.js';
import type { ObservedPod } from './observed.js';
import { c, created, exited, makePod, running, sandbox, sidecar, T0 } from './pod-fixtures.js';

const NOW = T0 + 60_000;
const NOW_S = rfc3339(NOW);
const SCHEDULED = '2025-12-31T23:59:59Z';
const scheduled: PodCondition = { type: 'PodScheduled', status: 'True', lastTransitionTime: SCHEDULED };

function gen(pod: Pod, observed: ObservedPod, ctx: Partial<PodStatusContext> = {}): PodStatus {
  return generatePodStatus(pod, observed, { now: NOW, podIPs: observed.sandboxes.some((s) => s.state === 'SANDBOX_READY') ? ['10.88.0.5'] : [], hostIP: '192.168.1.10', ...ctx });
}

function cond(status: PodStatus, type: string): PodCondition | undefined {
  return status.conditions?.find((x) => x.type === type);
}

function byName(list: ContainerStatus[] | undefined, name: string): ContainerStatus {
  const s = list?.find((x) => x.name === name);
  assert.ok(s, `no status for ${name}`);
  return s;
}

/** The tutorial's shared-volume pod: nginx `1st` serving what debian `2nd` appends. */
const mc1c1 = c('1st', { image: 'nginx', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] });
const mc1c2 = c('2nd', {
  image: 'debian',
  volumeMounts: [{ name: 'html', mountPath: '/html' }],
  command: ['/bin/sh', '-c'],
  args: ['while true; do date >> /html/index.html; sleep 1; done'],
});
const mc1 = (): Pod => {
  const p = makePod({ volumes: [{ name: 'html', emptyDir: {} }], containers: [mc1c2, mc1c1] }, { name: 'mc1' });
  p.status = { phase: 'Pending', conditions: [scheduled], qosClass: 'BestEffort' };
  return p;
};

/** The tutorial's IPC pod: producer and consumer over a SysV queue, restartPolicy Never. */
const mc2c1 = c('1st', { image: 'allingeek/ch6_ipc', command: ['./ipc', '-producer'] });
const mc2c2 = c('2nd', { image: 'allingeek/ch6_ipc', command: ['./ipc', '-consumer'] });
const mc2 = (): Pod => {
  const p = makePod({ restartPolicy: 'Never', containers: [mc2c1, mc2c2] }, { name: 'mc2' });
  p.status = { phase: 'Running', conditions: [scheduled], podIP: '10.88.0.9', podIPs: [{ ip: '10.88.0.9' }], startTime: '2026-01-01T00:00:00Z', qosClass: 'BestEffort' };
  return p;
};

describe('generatePodStatus: the tutorial pods', () => {
  it('a new pod whose containers are being created', () => {
    const s = gen(mc1(), { sandboxes: [], containers: [] });
    assert.equal(s.phase, 'Pending');
    assert.deepEqual(s.containerStatuses, [
      {
        name: '1st',
        image: 'nginx',
        imageID: '',
        ready: false,
        started: false,
        restartCount: 0,
        state: { waiting: { reason: 'ContainerCreating' } },
        lastState: {},
        volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }],
      },
      {
        name: '2nd',
        image: 'debian',
        imageID: '',
        ready: false,
        started: false,
        restartCount: 0,
        state: { waiting: { reason: 'ContainerCreating' } },
        lastState: {},
        volumeMounts: [{ name: 'html', mountPath: '/html' }],
      },
    ]);
    assert.deepEqual(s.conditions, [
      { type: 'PodReadyToStartContainers', status: 'False', lastTransitionTime: NOW_S },
      { type: 'Initialized', status: 'True', lastTransitionTime: NOW_S },
      { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [2nd 1st]', lastTransitionTime: NOW_S },
      { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [2nd 1st]', lastTransitionTime: NOW_S },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: SCHEDULED },
    ]);
    assert.equal(s.startTime, NOW_S);
    assert.equal(s.podIP, undefined);
    assert.equal(s.hostIP, '192.168.1.10');
    assert.equal(s.qosClass, 'BestEffort');
    assert.equal(s.initContainerStatuses, undefined);
  });

  it('mc1: both containers running → Running, 2/2 ready', () => {
    const pod = mc1();
    pod.status!.startTime = '2026-01-01T00:00:01Z';
    const s = gen(pod, { sandboxes: [sandbox()], containers: [running('1st', { id: 'c1', spec: mc1c1 }), running('2nd', { id: 'c2', spec: mc1c2 })] });
    assert.deepEqual(s, {
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: NOW_S },
        { type: 'Initialized', status: 'True', lastTransitionTime: NOW_S },
        { type: 'Ready', status: 'True', lastTransitionTime: NOW_S },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: NOW_S },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: SCHEDULED },
      ],
      hostIP: '192.168.1.10',
      hostIPs: [{ ip: '192.168.1.10' }],
      podIP: '10.88.0.5',
      podIPs: [{ ip: '10.88.0.5' }],
      startTime: '2026-01-01T00:00:01Z',
      containerStatuses: [
        {
          name: '1st',
          image: 'nginx',
          imageID: 'docker.io/library/nginx@sha256:abc',
          containerID: 'cri-o://c1',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
          lastState: {},
        },
        {
          name: '2nd',
          image: 'debian',
          imageID: 'docker.io/library/debian@sha256:abc',
          containerID: 'cri-o://c2',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
          lastState: {},
        },
      ],
      qosClass: 'BestEffort',
    });
  });

  it('mc1: volumeMounts of the previous status are kept', () => {
    const pod = mc1();
    const first = gen(pod, { sandboxes: [], containers: [] });
    pod.status = first;
    const s = gen(pod, { sandboxes: [sandbox()], containers: [running('1st', { spec: mc1c1 }), running('2nd', { spec: mc1c2 })] });
    assert.deepEqual(byName(s.containerStatuses, '1st').volumeMounts, [{ name: 'html', mountPath: '/usr/share/nginx/html' }]);
  });

  it('mc2: both containers Completed → Succeeded, PodCompleted conditions', () => {
    const pod = mc2();
    pod.status!.conditions = [
      { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
      { type: 'Initialized', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
      { type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:02Z' },
      { type: 'ContainersReady', status: 'True', lastTransitionTime: '2026-01-01T00:00:02Z' },
      scheduled,
    ];
    const observed: ObservedPod = {
      sandboxes: [sandbox({ state: 'SANDBOX_NOTREADY' })],
      containers: [exited('1st', 0, { id: 'p', spec: mc2c1, finishedAtMs: T0 + 5000 }), exited('2nd', 0, { id: 'q', spec: mc2c2, finishedAtMs: T0 + 7000 })],
    };
    const s = gen(pod, observed);
    assert.equal(s.phase, 'Succeeded');
    assert.deepEqual(s.conditions, [
      { type: 'PodReadyToStartContainers', status: 'False', lastTransitionTime: NOW_S },
      { type: 'Initialized', status: 'True', reason: 'PodCompleted', lastTransitionTime: '2026-01-01T00:00:00Z' },
      { type: 'Ready', status: 'False', reason: 'PodCompleted', lastTransitionTime: NOW_S },
      { type: 'ContainersReady', status: 'False', reason: 'PodCompleted', lastTransitionTime: NOW_S },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: SCHEDULED },
    ]);
    assert.deepEqual(byName(s.containerStatuses, '2nd'), {
      name: '2nd',
      image: 'allingeek/ch6_ipc',
      imageID: 'docker.io/library/allingeek/ch6_ipc@sha256:abc',
      containerID: 'cri-o://q',
      ready: false,
      started: false,
      restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:07Z', containerID: 'cri-o://q' } },
      lastState: {},
    });
    // The IP the pod had is kept after its sandbox stopped.
    assert.equal(s.podIP, '10.88.0.9');
    assert.equal(s.startTime, '2026-01-01T00:00:00Z');
  });

  it('mc2: the producer done, the consumer still running → Running', () => {
    const s = gen(mc2(), { sandboxes: [sandbox()], containers: [exited('1st', 0, { spec: mc2c1 }), running('2nd', { spec: mc2c2 })] });
    assert.equal(s.phase, 'Running');
    assert.deepEqual(cond(s, 'ContainersReady'), { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [1st]', lastTransitionTime: NOW_S });
    assert.equal(byName(s.containerStatuses, '1st').state?.terminated?.reason, 'Completed');
  });

  it('Never with a failure → Failed, PodFailed conditions', () => {
    const s = gen(mc2(), { sandboxes: [sandbox()], containers: [exited('1st', 0, { spec: mc2c1 }), exited('2nd', 2, { spec: mc2c2 })] });
    assert.equal(s.phase, 'Failed');
    assert.deepEqual(cond(s, 'ContainersReady'), { type: 'ContainersReady', status: 'False', reason: 'PodFailed', lastTransitionTime: NOW_S });
    assert.deepEqual(cond(s, 'Ready'), { type: 'Ready', status: 'False', reason: 'PodFailed', lastTransitionTime: NOW_S });
    assert.equal(byName(s.containerStatuses, '2nd').state?.terminated?.reason, 'Error');
  });
});

describe('generatePodStatus: restarts and waiting reasons', () => {
  const pod = () => makePod({ containers: [c('app')] }, { name: 'crash', uid: 'u9' });
  const crashes: ObservedPod = {
    sandboxes: [sandbox()],
    containers: [
      exited('app', 1, { id: 'new', attempt: 1, createdAtMs: T0 + 20_000, startedAtMs: T0 + 20_000, finishedAtMs: T0 + 21_000 }),
      exited('app', 1, { id: 'old', attempt: 0, createdAtMs: T0, startedAtMs: T0, finishedAtMs: T0 + 1000 }),
    ],
  };

  it('a crash-looping container waits in CrashLoopBackOff with its last termination', () => {
    const p = pod();
    const backoff = new CrashLoopBackOff();
    // The plan of this sync: the second crash is in backoff.
    const actions = computePodActions(p, { ...crashes, containers: [crashes.containers[1]!] }, { now: T0 + 2000, backoff });
    assert.deepEqual(actions.containersToStart, ['app']);
    const held = computePodActions(p, crashes, { now: T0 + 25_000, backoff });
    assert.equal(held.backOff.length, 1);
    const s = gen(p, crashes, { actions: held });
    assert.equal(s.phase, 'Running');
    assert.deepEqual(byName(s.containerStatuses, 'app'), {
      name: 'app',
      image: 'busybox',
      imageID: 'docker.io/library/busybox@sha256:abc',
      containerID: 'cri-o://new',
      ready: false,
      started: false,
      restartCount: 1,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=app pod=crash_default(u9)' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: '2026-01-01T00:00:20Z', finishedAt: '2026-01-01T00:00:21Z', containerID: 'cri-o://new' } },
    });
    assert.deepEqual(cond(s, 'Ready'), { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]', lastTransitionTime: NOW_S });
  });

  it('without a cached reason a crashed container shows terminated, the one before as lastState', () => {
    const s = gen(pod(), crashes);
    const st = byName(s.containerStatuses, 'app');
    assert.equal(st.restartCount, 1);
    assert.equal(st.state?.terminated?.containerID, 'cri-o://new');
    assert.equal(st.lastState?.terminated?.containerID, 'cri-o://old');
    assert.equal(s.phase, 'Running');
  });

  it('a restarted container running again: state running, lastState the crash', () => {
    const s = gen(pod(), { sandboxes: [sandbox()], containers: [running('app', { id: 'r', attempt: 2, createdAtMs: T0 + 40_000 }), ...crashes.containers] });
    const st = byName(s.containerStatuses, 'app');
    assert.equal(st.restartCount, 2);
    assert.ok(st.state?.running);
    assert.equal(st.lastState?.terminated?.containerID, 'cri-o://new');
    assert.equal(st.ready, true);
  });

  const waitingCases: Array<[string, string, string]> = [
    ['ErrImagePull', 'ErrImagePull', 'failed to pull and unpack image "docker.io/library/nope:latest"'],
    ['ImagePullBackOff', 'ImagePullBackOff', 'Back-off pulling image "nope"'],
    ['CreateContainerConfigError', 'CreateContainerConfigError', 'configmap "cfg" not found'],
  ];
  for (const [name, reason, message] of waitingCases) {
    it(`a container that cannot be created waits with ${name}`, () => {
      const s = gen(pod(), { sandboxes: [sandbox()], containers: [] }, { waitingReasons: new Map([['app', { reason, message }]]) });
      assert.deepEqual(byName(s.containerStatuses, 'app').state, { waiting: { reason, message } });
      assert.equal(s.phase, 'Pending');
    });
  }

  it('a container that failed to start (StartError) reports the epoch as startedAt and waits with RunContainerError', () => {
    const startError = { ...exited('app', 128, { id: 'se', reason: 'StartError', message: 'exec: "nope": executable file not found in $PATH' }), startedAtMs: undefined };
    const s = gen(pod(), { sandboxes: [sandbox()], containers: [startError] }, { waitingReasons: new Map([['app', { reason: 'RunContainerError', message: 'exec: "nope"' }]]) });
    const st = byName(s.containerStatuses, 'app');
    assert.deepEqual(st.state, { waiting: { reason: 'RunContainerError', message: 'exec: "nope"' } });
    assert.equal(st.lastState?.terminated?.startedAt, '1970-01-01T00:00:00Z');
    assert.equal(st.lastState?.terminated?.reason, 'StartError');
    assert.equal(st.lastState?.terminated?.exitCode, 128);
  });

  it('a created, not started container is waiting with no reason', () => {
    const s = gen(pod(), { sandboxes: [sandbox()], containers: [created('app', { id: 'cr' })] });
    assert.deepEqual(byName(s.containerStatuses, 'app').state, { waiting: {} });
    assert.equal(s.phase, 'Pending');
  });

  it('Never: a waiting reason is not shown for a container that will not restart', () => {
    const p = makePod({ restartPolicy: 'Never', containers: [c('app')] });
    const s = gen(p, { sandboxes: [sandbox()], containers: [exited('app', 1)] }, { waitingReasons: new Map([['app', { reason: 'CrashLoopBackOff' }]]) });
    assert.ok(byName(s.containerStatuses, 'app').state?.terminated);
    assert.equal(s.phase, 'Failed');
  });
});

describe('generatePodStatus: init containers and sidecars', () => {
  const initPod = (policy: 'Always' | 'Never' = 'Always') => makePod({ restartPolicy: policy, initContainers: [c('init1'), c('init2')], containers: [c('app')] });

  it('Init:0/2 — the first init container running', () => {
    const s = gen(initPod(), { sandboxes: [sandbox()], containers: [running('init1', { id: 'i1' })] });
    assert.equal(s.phase, 'Pending');
    assert.deepEqual(s.initContainerStatuses!.map((x) => [x.name, x.state, x.ready, x.started]), [
      ['init1', { running: { startedAt: '2026-01-01T00:00:00Z' } }, false, true],
      ['init2', { waiting: { reason: 'PodInitializing' } }, false, false],
    ]);
    assert.deepEqual(byName(s.containerStatuses, 'app').state, { waiting: { reason: 'PodInitializing' } });
    assert.deepEqual(cond(s, 'Initialized'), {
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [init1 init2]',
      lastTransitionTime: NOW_S,
    });
  });

  it('Init:1/2 — the first completed, the second running', () => {
    const s = gen(initPod(), { sandboxes: [sandbox()], containers: [exited('init1', 0), running('init2')] });
    assert.equal(s.phase, 'Pending');
    const i1 = byName(s.initContainerStatuses, 'init1');
    assert.equal(i1.state?.terminated?.reason, 'Completed');
    assert.equal(i1.ready, true);
    assert.equal(cond(s, 'Initialized')?.message, 'containers with incomplete status: [init2]');
  });

  it('initialized: app running → Running, init containers completed and ready', () => {
    const s = gen(initPod(), { sandboxes: [sandbox()], containers: [exited('init1', 0), exited('init2', 0), running('app')] });
    assert.equal(s.phase, 'Running');
    assert.deepEqual(cond(s, 'Initialized'), { type: 'Initialized', status: 'True', lastTransitionTime: NOW_S });
    assert.deepEqual(s.initContainerStatuses!.map((x) => x.ready), [true, true]);
  });

  it('an init container crash-looping waits in CrashLoopBackOff (Init:CrashLoopBackOff)', () => {
    const s = gen(initPod(), { sandboxes: [sandbox()], containers: [exited('init1', 1, { id: 'f' })] }, {
      waitingReasons: new Map([['init1', { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=init1 pod=p_default(uid-1)' }]]),
    });
    const i1 = byName(s.initContainerStatuses, 'init1');
    assert.equal(i1.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(i1.lastState?.terminated?.exitCode, 1);
    assert.equal(s.phase, 'Pending');
  });

  it('a failed init container under Never fails the pod (Init:Error)', () => {
    const s = gen(initPod('Never'), { sandboxes: [sandbox()], containers: [exited('init1', 1)] });
    assert.equal(s.phase, 'Failed');
    assert.equal(byName(s.initContainerStatuses, 'init1').state?.terminated?.reason, 'Error');
  });

  it('init containers garbage-collected after initialization are inferred Completed', () => {
    const s = gen(initPod(), { sandboxes: [sandbox()], containers: [running('app')] });
    const i1 = byName(s.initContainerStatuses, 'init1');
    assert.deepEqual(i1.state, { terminated: { reason: 'Completed', message: inferredInitCompletedMessage, exitCode: 0 } });
    assert.equal(i1.ready, true);
    assert.equal(s.phase, 'Running');
  });

  const sidecarPod = (readinessProbe = false) =>
    makePod({
      initContainers: [sidecar('proxy', readinessProbe ? { readinessProbe: { httpGet: { port: 15021 } } } : {})],
      containers: [c('app')],
    });

  it('a running sidecar counts towards readiness (2/2)', () => {
    const s = gen(sidecarPod(), { sandboxes: [sandbox()], containers: [running('proxy', { id: 'px' }), running('app', { id: 'ap' })] });
    assert.equal(s.phase, 'Running');
    const proxy = byName(s.initContainerStatuses, 'proxy');
    assert.equal(proxy.ready, true);
    assert.equal(proxy.started, true);
    assert.equal(cond(s, 'ContainersReady')?.status, 'True');
    assert.equal(cond(s, 'Initialized')?.status, 'True');
  });

  it('a sidecar failing readiness keeps the pod unready', () => {
    const s = gen(sidecarPod(true), { sandboxes: [sandbox()], containers: [running('proxy', { id: 'px' }), running('app', { id: 'ap' })] }, {
      readiness: (id) => (id === 'px' ? 'Failure' : undefined),
    });
    assert.deepEqual(cond(s, 'ContainersReady'), {
      type: 'ContainersReady',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [proxy]',
      lastTransitionTime: NOW_S,
    });
    const ready = gen(sidecarPod(true), { sandboxes: [sandbox()], containers: [running('proxy', { id: 'px' }), running('app', { id: 'ap' })] }, {
      readiness: (id) => (id === 'px' ? true : undefined),
    });
    assert.equal(cond(ready, 'Ready')?.status, 'True');
  });

  it('a sidecar not yet started keeps the pod Pending and uninitialized', () => {
    const pod = makePod({ initContainers: [sidecar('proxy', { startupProbe: { exec: { command: ['true'] } } })], containers: [c('app')] });
    const s = gen(pod, { sandboxes: [sandbox()], containers: [running('proxy', { id: 'px' })] });
    assert.equal(s.phase, 'Pending');
    assert.equal(byName(s.initContainerStatuses, 'proxy').started, false);
    assert.equal(cond(s, 'Initialized')?.message, 'containers with incomplete status: [proxy]');
  });

  it('sidecars do not count once stopped: app done under Never → Succeeded', () => {
    const pod = makePod({ restartPolicy: 'Never', initContainers: [sidecar('proxy')], containers: [c('app')] });
    const s = gen(pod, { sandboxes: [sandbox()], containers: [exited('proxy', 137), exited('app', 0)] });
    assert.equal(s.phase, 'Succeeded');
  });
});

describe('generatePodStatus: probes', () => {
  const pod = makePod({
    containers: [c('web', { readinessProbe: { httpGet: { port: 80 } } }), c('slow', { startupProbe: { exec: { command: ['true'] } } })],
  });
  const observed: ObservedPod = { sandboxes: [sandbox()], containers: [running('web', { id: 'w' }), running('slow', { id: 's' })] };
  const cases: Array<[string, Partial<PodStatusContext>, Record<string, [boolean, boolean]>]> = [
    ['no results yet', {}, { web: [true, false], slow: [false, false] }],
    ['readiness success', { readiness: (id) => (id === 'w' ? 'Success' : undefined) }, { web: [true, true], slow: [false, false] }],
    ['startup success', { startup: (id) => (id === 's' ? true : undefined) }, { web: [true, false], slow: [true, true] }],
    ['startup failure', { startup: (id) => (id === 's' ? 'Failure' : undefined) }, { web: [true, false], slow: [false, false] }],
  ];
  for (const [name, ctx, expected] of cases) {
    it(name, () => {
      const s = gen(pod, observed, ctx);
      for (const [container, [started, ready]] of Object.entries(expected)) {
        const st = byName(s.containerStatuses, container);
        assert.deepEqual([st.started, st.ready], [started, ready], container);
      }
    });
  }
});

describe('generatePodStatus: lost containers and termination', () => {
  const pod = (deleted = false) => {
    const p = makePod({ containers: [c('app')] }, deleted ? { deletionTimestamp: '2026-01-01T00:00:30Z' } : {});
    p.status = {
      phase: 'Running',
      podIP: '10.88.0.5',
      podIPs: [{ ip: '10.88.0.5' }],
      startTime: '2026-01-01T00:00:00Z',
      containerStatuses: [
        { name: 'app', image: 'busybox', imageID: 'x', containerID: 'cri-o://gone', ready: true, started: true, restartCount: 3, state: { running: { startedAt: '2026-01-01T00:00:00Z' } }, lastState: {} },
      ],
    };
    return p;
  };

  it('a container that ran and vanished while the pod is deleted: lastState ContainerStatusUnknown 137, Failed once terminal', () => {
    const s = gen(pod(true), { sandboxes: [], containers: [] }, { podIsTerminal: true });
    const st = byName(s.containerStatuses, 'app');
    assert.deepEqual(st.state, { waiting: { reason: 'ContainerCreating' } });
    assert.deepEqual(st.lastState, { terminated: { reason: 'ContainerStatusUnknown', message: vanishedContainerMessage, exitCode: 137 } });
    assert.equal(st.restartCount, 3);
    assert.equal(s.phase, 'Failed');
    assert.equal(s.podIP, '10.88.0.5');
  });

  it('a container that vanished from a live pod counts a restart', () => {
    const s = gen(pod(), { sandboxes: [sandbox()], containers: [] });
    assert.equal(byName(s.containerStatuses, 'app').restartCount, 4);
    assert.equal(s.phase, 'Running');
  });

  it('a container the runtime reports UNKNOWN after running is terminated 137 with a restart counted', () => {
    const s = gen(pod(), { sandboxes: [sandbox()], containers: [{ ...running('app', { id: 'u', attempt: 3 }), state: 'CONTAINER_UNKNOWN' }] });
    const st = byName(s.containerStatuses, 'app');
    assert.deepEqual(st.state, { terminated: { reason: 'ContainerStatusUnknown', message: unknownContainerMessage, exitCode: 137 } });
    assert.equal(st.restartCount, 4);
  });

  it('deleted pod, containers stopped: Succeeded when all exited 0, Failed otherwise', () => {
    assert.equal(gen(pod(true), { sandboxes: [], containers: [exited('app', 0, { attempt: 3 })] }, { podIsTerminal: true }).phase, 'Succeeded');
    assert.equal(gen(pod(true), { sandboxes: [], containers: [exited('app', 143, { attempt: 3 })] }, { podIsTerminal: true }).phase, 'Failed');
  });

  it('a terminal phase is held back while containers may still run', () => {
    const p = makePod({ restartPolicy: 'Never', containers: [c('app')] });
    p.status = { phase: 'Running' };
    const observed: ObservedPod = { sandboxes: [sandbox()], containers: [exited('app', 0)] };
    assert.equal(gen(p, observed, { couldHaveRunningContainers: true }).phase, 'Running');
    assert.equal(gen(p, observed).phase, 'Succeeded');
  });

  it('a terminal phase never changes back', () => {
    const p = makePod({ containers: [c('app')] });
    p.status = { phase: 'Succeeded', reason: 'Done', message: 'finished' };
    const s = gen(p, { sandboxes: [sandbox()], containers: [running('app')] });
    assert.equal(s.phase, 'Succeeded');
    assert.equal(s.reason, 'Done');
    assert.equal(s.message, 'finished');
  });
});

describe('generatePodStatus: conditions and addresses', () => {
  it('keeps lastTransitionTime while a condition holds and moves it when it flips', () => {
    const p = makePod({ containers: [c('app')] });
    const first = gen(p, { sandboxes: [sandbox()], containers: [running('app')] });
    p.status = first;
    const later = generatePodStatus(p, { sandboxes: [sandbox()], containers: [running('app')] }, { now: NOW + 120_000, podIPs: ['10.88.0.5'] });
    assert.equal(cond(later, 'Ready')?.lastTransitionTime, NOW_S);
    p.status = later;
    const flipped = generatePodStatus(p, { sandboxes: [sandbox()], containers: [exited('app', 1)] }, { now: NOW + 240_000, podIPs: ['10.88.0.5'] });
    assert.equal(cond(flipped, 'Ready')?.lastTransitionTime, rfc3339(NOW + 240_000));
    assert.equal(cond(flipped, 'Initialized')?.lastTransitionTime, NOW_S);
  });

  it('keeps conditions it does not own and evaluates readiness gates', () => {
    const p = makePod({ readinessGates: [{ conditionType: 'example.com/lb' }], containers: [c('app')] });
    p.status = { conditions: [{ type: 'example.com/lb', status: 'False', lastTransitionTime: SCHEDULED }, scheduled] };
    const s = gen(p, { sandboxes: [sandbox()], containers: [running('app')] });
    assert.deepEqual(s.conditions!.map((x) => x.type), ['example.com/lb', 'PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    assert.deepEqual(cond(s, 'Ready'), {
      type: 'Ready',
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'the status of pod readiness gate "example.com/lb" is not "True", but False',
      lastTransitionTime: NOW_S,
    });
    p.status.conditions = [scheduled];
    assert.equal(cond(gen(p, { sandboxes: [sandbox()], containers: [running('app')] }), 'Ready')?.message, 'corresponding condition of pod readiness gate "example.com/lb" does not exist.');
  });

  it('hostNetwork pods take the host IPs; dual stack is ordered by the node family', () => {
    const host = makePod({ hostNetwork: true, containers: [c('app')] });
    const s = gen(host, { sandboxes: [sandbox({ ip: undefined })], containers: [running('app')] }, { podIPs: [], hostIPs: ['192.168.1.10', 'fd00::10'] });
    assert.deepEqual([s.podIP, s.podIPs, s.hostIP, s.hostIPs], ['192.168.1.10', [{ ip: '192.168.1.10' }, { ip: 'fd00::10' }], '192.168.1.10', [{ ip: '192.168.1.10' }, { ip: 'fd00::10' }]]);
    const dual = gen(makePod({ containers: [c('app')] }), { sandboxes: [sandbox()], containers: [running('app')] }, { podIPs: ['fd00::5', '10.88.0.5'] });
    assert.deepEqual(dual.podIPs, [{ ip: '10.88.0.5' }, { ip: 'fd00::5' }]);
  });

  it('reports observedGeneration when the pod has a generation', () => {
    const s = gen(makePod({ containers: [c('app')] }, { generation: 3 }), { sandboxes: [sandbox()], containers: [running('app')] });
    assert.equal(s.observedGeneration, 3);
    assert.ok(s.conditions!.every((x) => x.observedGeneration === 3));
  });

  it('computes qosClass when the API has none and keeps it otherwise', () => {
    const p = makePod({ containers: [c('app', { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } })] });
    p.status = {};
    assert.equal(gen(p, { sandboxes: [], containers: [] }).qosClass, 'Guaranteed');
  });

  it('splits 12 KiB of termination messages between the containers', () => {
    const long = 'x'.repeat(10_000);
    const p = makePod({ restartPolicy: 'Never', containers: [c('a'), c('b')] });
    const s = gen(p, { sandboxes: [sandbox()], containers: [exited('a', 1, { message: long }), exited('b', 1, { message: 'short' })] });
    assert.equal(byName(s.containerStatuses, 'a').state?.terminated?.message?.length, 6144);
    assert.equal(byName(s.containerStatuses, 'b').state?.terminated?.message, 'short');
  });

  it('uses the runtime name for container IDs', () => {
    const s = gen(makePod({ containers: [c('app')] }), { sandboxes: [sandbox()], containers: [running('app', { id: 'abc' })] }, { runtimeName: 'containerd' });
    assert.equal(s.containerStatuses![0]!.containerID, 'containerd://abc');
  });
});

describe('getPhase', () => {
  const run = (name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({ name, image: '', imageID: '', ready: false, restartCount: 0, state: { running: {} }, ...extra });
  const term = (name: string, exitCode: number): ContainerStatus => ({ name, image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode } } });
  const wait = (name: string, last?: number): ContainerStatus => ({
    name, image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: {} },
    ...(last !== undefined ? { lastState: { terminated: { exitCode: last } } } : {}),
  });
  const pod = (policy: 'Always' | 'OnFailure' | 'Never') => makePod({ restartPolicy: policy, containers: [c('a'), c('b')] });
  const cases: Array<[string, 'Always' | 'OnFailure' | 'Never', ContainerStatus[], boolean, string]> = [
    ['all running', 'Always', [run('a'), run('b')], false, 'Running'],
    ['one waiting', 'Always', [run('a'), wait('b')], false, 'Pending'],
    ['one unknown (no status)', 'Always', [run('a')], false, 'Pending'],
    ['crash-looping counts as stopped', 'Always', [run('a'), wait('b', 1)], false, 'Running'],
    ['Always, all stopped', 'Always', [term('a', 0), term('b', 0)], false, 'Running'],
    ['OnFailure, all succeeded', 'OnFailure', [term('a', 0), term('b', 0)], false, 'Succeeded'],
    ['OnFailure, one failed', 'OnFailure', [term('a', 0), term('b', 1)], false, 'Running'],
    ['Never, all succeeded', 'Never', [term('a', 0), term('b', 0)], false, 'Succeeded'],
    ['Never, one failed', 'Never', [term('a', 0), term('b', 1)], false, 'Failed'],
    ['terminal pod, Always, all succeeded', 'Always', [term('a', 0), term('b', 0)], true, 'Succeeded'],
    ['terminal pod, Always, one failed', 'Always', [term('a', 0), wait('b', 137)], true, 'Failed'],
  ];
  for (const [name, policy, info, terminal, phase] of cases) {
    it(name, () => assert.equal(getPhase(pod(policy), info, terminal, true), phase));
  }

  it('a sidecar not started holds Pending only before initialization', () => {
    const p = makePod({ initContainers: [sidecar('s')], containers: [c('a')] });
    const info = [run('s', { started: false }), run('a')];
    assert.equal(getPhase(p, info, false, false), 'Pending');
    assert.equal(getPhase(p, info, false, true), 'Running');
  });
});
