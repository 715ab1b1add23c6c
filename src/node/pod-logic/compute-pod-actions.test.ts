import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../../apis/index.js';
import { CrashLoopBackOff, crashLoopBackOffKey } from './backoff.js';
import {
  computePodActions,
  computeTerminationOrder,
  ContainerKillReasons,
  killGracePeriodSeconds,
  type PodActions,
  type PodActionsContext,
  podSandboxChanged,
} from './compute-pod-actions.js';
import type { ObservedContainer, ObservedPod, ProbeResult } from './observed.js';
import { c, created, exited, makePod, running, sandbox, sidecar, T0, unknown } from './pod-fixtures.js';

/** The parts of a plan a table row checks. */
interface Expected {
  killPod?: boolean;
  createSandbox?: boolean;
  attempt?: number;
  sandboxId?: string | undefined;
  init?: string[];
  start?: string[];
  /** Killed container names → reason. */
  kill?: Record<string, string>;
  killMessages?: Record<string, string>;
  backOff?: string[];
}

interface Row {
  name: string;
  pod: Pod;
  observed: ObservedPod;
  ctx?: Partial<PodActionsContext>;
  expected: Expected;
}

function check(actions: PodActions, e: Expected, label: string): void {
  const kills = Object.fromEntries([...actions.containersToKill.values()].map((k) => [k.name, k.reason]));
  const killMessages = Object.fromEntries([...actions.containersToKill.values()].map((k) => [k.name, k.message]));
  assert.equal(actions.killPod, e.killPod ?? false, `${label}: killPod`);
  assert.equal(actions.createSandbox, e.createSandbox ?? false, `${label}: createSandbox`);
  if (e.attempt !== undefined) assert.equal(actions.attempt, e.attempt, `${label}: attempt`);
  if ('sandboxId' in e) assert.equal(actions.sandboxId, e.sandboxId, `${label}: sandboxId`);
  assert.deepEqual(actions.initContainersToStart, e.init ?? [], `${label}: initContainersToStart`);
  assert.deepEqual(actions.containersToStart, e.start ?? [], `${label}: containersToStart`);
  assert.deepEqual(kills, e.kill ?? {}, `${label}: containersToKill`);
  if (e.killMessages) assert.deepEqual(killMessages, e.killMessages, `${label}: kill messages`);
  assert.deepEqual(actions.backOff.map((b) => b.name), e.backOff ?? [], `${label}: backOff`);
}

function runRows(rows: Row[]): void {
  for (const row of rows) {
    it(row.name, () => {
      const actions = computePodActions(row.pod, row.observed, { now: T0 + 3_600_000, backoff: new CrashLoopBackOff(), ...row.ctx });
      check(actions, row.expected, row.name);
    });
  }
}

const sb = [sandbox()];
const two = (policy: 'Always' | 'OnFailure' | 'Never', extra: Container[] = []) => makePod({ restartPolicy: policy, containers: [c('a'), c('b'), ...extra] });
const probe = (results: Record<string, ProbeResult>) => (id: string) => results[id];

describe('computePodActions: sandbox', () => {
  runRows([
    {
      name: 'a new pod gets a sandbox and all its containers',
      pod: two('Always'),
      observed: { sandboxes: [], containers: [] },
      expected: { killPod: true, createSandbox: true, attempt: 0, sandboxId: undefined, start: ['a', 'b'] },
    },
    {
      name: 'a new pod with init containers starts only the first init container',
      pod: makePod({ initContainers: [c('i1'), c('i2')], containers: [c('a')] }),
      observed: { sandboxes: [], containers: [] },
      expected: { killPod: true, createSandbox: true, attempt: 0, init: ['i1'] },
    },
    {
      name: 'a healthy pod needs nothing',
      pod: two('Always'),
      observed: { sandboxes: sb, containers: [running('a'), running('b')] },
      expected: { sandboxId: 'sb-1', attempt: 0 },
    },
    {
      name: 'a dead sandbox is re-created with attempt+1 and everything restarts',
      pod: two('Always'),
      observed: { sandboxes: [sandbox({ state: 'SANDBOX_NOTREADY', attempt: 2 })], containers: [exited('a', 137), exited('b', 0)] },
      expected: { killPod: true, createSandbox: true, attempt: 3, sandboxId: 'sb-1', start: ['a', 'b'] },
    },
    {
      name: 'OnFailure: a re-created sandbox skips the containers that succeeded',
      pod: two('OnFailure'),
      observed: { sandboxes: [sandbox({ state: 'SANDBOX_NOTREADY' })], containers: [exited('a', 0), exited('b', 2)] },
      expected: { killPod: true, createSandbox: true, attempt: 1, sandboxId: 'sb-1', start: ['b'] },
    },
    {
      name: 'OnFailure: all succeeded, no new sandbox, just kill',
      pod: two('OnFailure'),
      observed: { sandboxes: [sandbox({ state: 'SANDBOX_NOTREADY' })], containers: [exited('a', 0), exited('b', 0)] },
      expected: { killPod: true, createSandbox: false, attempt: 1, sandboxId: 'sb-1' },
    },
    {
      name: 'Never: a pod that ran gets no new sandbox',
      pod: two('Never'),
      observed: { sandboxes: [sandbox({ state: 'SANDBOX_NOTREADY' })], containers: [exited('a', 1), running('b')] },
      expected: { killPod: true, createSandbox: false, attempt: 1 },
    },
    {
      name: 'Never: a sandbox that died before any container existed is retried',
      pod: two('Never'),
      observed: { sandboxes: [sandbox({ state: 'SANDBOX_NOTREADY' })], containers: [] },
      expected: { killPod: true, createSandbox: true, attempt: 1, start: ['a', 'b'] },
    },
    {
      name: 'a re-created sandbox restarts init containers from the first',
      pod: makePod({ initContainers: [c('i1'), c('i2')], containers: [c('a')] }),
      observed: { sandboxes: [sandbox({ state: 'SANDBOX_NOTREADY' })], containers: [exited('i1', 0), exited('i2', 0), exited('a', 137)] },
      expected: { killPod: true, createSandbox: true, attempt: 1, init: ['i1'] },
    },
    {
      name: 'two ready sandboxes are reconciled into a new one',
      pod: two('Always'),
      observed: { sandboxes: [sandbox({ id: 'sb-2', createdAtMs: T0, attempt: 1 }), sandbox()], containers: [running('a'), running('b')] },
      expected: { killPod: true, createSandbox: true, attempt: 2, sandboxId: 'sb-2', start: ['a', 'b'] },
    },
    {
      name: 'a hostNetwork change needs a new sandbox (and no sandbox id)',
      pod: makePod({ hostNetwork: true, containers: [c('a')] }),
      observed: { sandboxes: [sandbox({ network: 'POD' })], containers: [running('a')] },
      expected: { killPod: true, createSandbox: true, attempt: 1, sandboxId: undefined, start: ['a'] },
    },
  ]);

  it('only with requireSandboxIP is a sandbox without IP re-created', () => {
    const pod = two('Always');
    const observed = { sandboxes: [sandbox({ ip: undefined })], containers: [] };
    assert.equal(podSandboxChanged(pod, observed).changed, false);
    assert.deepEqual(podSandboxChanged(pod, observed, { requireSandboxIP: true }), { changed: true, attempt: 1, sandboxId: 'sb-1' });
    const hostPod = makePod({ hostNetwork: true, containers: [c('a')] });
    assert.equal(podSandboxChanged(hostPod, observed, { requireSandboxIP: true }).changed, false);
  });
});

describe('computePodActions: restart policy × exit code', () => {
  const rows: Array<[policy: 'Always' | 'OnFailure' | 'Never', exitCode: number, restarts: boolean]> = [
    ['Always', 0, true],
    ['Always', 1, true],
    ['Always', 137, true],
    ['OnFailure', 0, false],
    ['OnFailure', 1, true],
    ['OnFailure', 137, true],
    ['Never', 0, false],
    ['Never', 1, false],
  ];
  runRows(
    rows.map(([policy, code, restarts]) => ({
      name: `${policy}, exit ${code}: ${restarts ? 'restarted' : 'left alone'} while the other container runs`,
      pod: two(policy),
      observed: { sandboxes: sb, containers: [exited('a', code), running('b')] },
      expected: { sandboxId: 'sb-1', start: restarts ? ['a'] : [] },
    })),
  );
  runRows([
    {
      name: 'Never: all containers done → kill the pod (stop the sandbox), start nothing',
      pod: two('Never'),
      observed: { sandboxes: sb, containers: [exited('a', 0), exited('b', 1)] },
      expected: { killPod: true, sandboxId: 'sb-1' },
    },
    {
      name: 'OnFailure: all succeeded → kill the pod',
      pod: two('OnFailure'),
      observed: { sandboxes: sb, containers: [exited('a', 0), exited('b', 0)] },
      expected: { killPod: true, sandboxId: 'sb-1' },
    },
    {
      name: 'a created container is started again whatever the policy',
      pod: two('Never'),
      observed: { sandboxes: sb, containers: [created('a'), running('b')] },
      expected: { start: ['a'] },
    },
    {
      name: 'a container with no instance is started whatever the policy',
      pod: two('Never'),
      observed: { sandboxes: sb, containers: [running('b')] },
      expected: { start: ['a'] },
    },
    {
      name: 'an unknown container is killed, then started again (even under Never)',
      pod: two('Never'),
      observed: { sandboxes: sb, containers: [unknown('a'), running('b')] },
      expected: { start: ['a'], kill: { a: ContainerKillReasons.Unknown }, killMessages: { a: 'Container is in "unknown" state, try killing it before restart' } },
    },
    {
      name: 'a deleted pod restarts nothing',
      pod: makePod({ containers: [c('a'), c('b')] }, { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      observed: { sandboxes: sb, containers: [exited('a', 1), running('b')] },
      expected: {},
    },
  ]);
});

describe('computePodActions: spec changes and probes', () => {
  const nginx = (image: string) => makePod({ restartPolicy: 'Never', containers: [c('web', { image })] });
  runRows([
    {
      name: 'an image patch kills and restarts the container, even under Never',
      pod: nginx('nginx:1.26'),
      observed: { sandboxes: sb, containers: [running('web', { spec: c('web', { image: 'nginx:1.25' }) })] },
      expected: { start: ['web'], kill: { web: ContainerKillReasons.None }, killMessages: { web: 'Container web definition changed, will be restarted' } },
    },
    {
      name: 'an unchanged spec keeps the container',
      pod: nginx('nginx:1.25'),
      observed: { sandboxes: sb, containers: [running('web', { spec: c('web', { image: 'nginx:1.25' }) })] },
      expected: {},
    },
    {
      name: 'an instance without a recorded hash is not treated as changed',
      pod: nginx('nginx:1.26'),
      observed: { sandboxes: sb, containers: [{ ...running('web'), specHash: '' }] },
      expected: {},
    },
    {
      name: 'a liveness failure kills and restarts (Always)',
      pod: two('Always'),
      observed: { sandboxes: sb, containers: [running('a', { id: 'A' }), running('b', { id: 'B' })] },
      ctx: { liveness: probe({ A: 'Failure', B: 'Success' }) },
      expected: { start: ['a'], kill: { a: ContainerKillReasons.LivenessProbe }, killMessages: { a: 'Container a failed liveness probe, will be restarted' } },
    },
    {
      name: 'a liveness failure under Never kills without restart; the other keeps the pod',
      pod: two('Never'),
      observed: { sandboxes: sb, containers: [running('a', { id: 'A' }), running('b', { id: 'B' })] },
      ctx: { liveness: probe({ A: 'Failure' }) },
      expected: { kill: { a: ContainerKillReasons.LivenessProbe }, killMessages: { a: 'Container a failed liveness probe' } },
    },
    {
      name: 'a liveness failure of the only container under Never kills the pod',
      pod: makePod({ restartPolicy: 'Never', containers: [c('a')] }),
      observed: { sandboxes: sb, containers: [running('a', { id: 'A' })] },
      ctx: { liveness: probe({ A: 'Failure' }) },
      expected: { killPod: true, kill: { a: ContainerKillReasons.LivenessProbe } },
    },
    {
      name: 'a startup failure kills and restarts (OnFailure)',
      pod: two('OnFailure'),
      observed: { sandboxes: sb, containers: [running('a', { id: 'A' }), running('b', { id: 'B' })] },
      ctx: { startup: probe({ A: 'Failure' }) },
      expected: { start: ['a'], kill: { a: ContainerKillReasons.StartupProbe }, killMessages: { a: 'Container a failed startup probe, will be restarted' } },
    },
    {
      name: 'a failed postStart hook kills the container and lets a later sync restart it',
      pod: makePod({ containers: [c('a')] }),
      observed: { sandboxes: sb, containers: [running('a', { id: 'A' })] },
      ctx: { postStartFailed: (id) => id === 'A' },
      expected: { kill: { a: ContainerKillReasons.FailedPostStartHook } },
    },
  ]);
});

describe('computePodActions: init containers', () => {
  const pod = (policy: 'Always' | 'OnFailure' | 'Never' = 'Always') =>
    makePod({ restartPolicy: policy, initContainers: [c('i1'), c('i2')], containers: [c('a'), c('b')] });
  runRows([
    {
      name: 'the first init container is running: wait, app containers untouched',
      pod: pod(),
      observed: { sandboxes: sb, containers: [running('i1')] },
      expected: {},
    },
    {
      name: 'no init container has started yet: start the first',
      pod: pod(),
      observed: { sandboxes: sb, containers: [] },
      expected: { init: ['i1'] },
    },
    {
      name: 'the first completed: start the second',
      pod: pod(),
      observed: { sandboxes: sb, containers: [exited('i1', 0)] },
      expected: { init: ['i2'] },
    },
    {
      name: 'all completed: start the app containers',
      pod: pod(),
      observed: { sandboxes: sb, containers: [exited('i1', 0), exited('i2', 0)] },
      expected: { start: ['a', 'b'] },
    },
    {
      name: 'completed init containers garbage-collected but apps running: nothing to do',
      pod: pod(),
      observed: { sandboxes: sb, containers: [running('a'), running('b')] },
      expected: {},
    },
    {
      name: 'a failed init container is restarted under OnFailure',
      pod: pod('OnFailure'),
      observed: { sandboxes: sb, containers: [exited('i1', 0), exited('i2', 1)] },
      expected: { init: ['i2'] },
    },
    {
      name: 'an OOMKilled init container counts as failed',
      pod: pod('Always'),
      observed: { sandboxes: sb, containers: [exited('i1', 0, { reason: 'OOMKilled' })] },
      expected: { init: ['i1'] },
    },
    {
      name: 'a failed init container under Never fails the pod',
      pod: pod('Never'),
      observed: { sandboxes: sb, containers: [exited('i1', 0), exited('i2', 3)] },
      expected: { killPod: true },
    },
    {
      name: 'an unknown init container under Never fails the pod',
      pod: pod('Never'),
      observed: { sandboxes: sb, containers: [unknown('i1')] },
      expected: { killPod: true },
    },
    {
      name: 'an unknown init container under Always is killed and restarted',
      pod: pod('Always'),
      observed: { sandboxes: sb, containers: [unknown('i1')] },
      expected: { init: ['i1'], kill: { i1: ContainerKillReasons.Unknown } },
    },
    {
      name: 'a created init container is started again',
      pod: pod(),
      observed: { sandboxes: sb, containers: [created('i1')] },
      expected: { init: ['i1'] },
    },
  ]);
});

describe('computePodActions: native sidecars', () => {
  const withSidecar = (policy: 'Always' | 'Never', s: Container = sidecar('log')) =>
    makePod({ restartPolicy: policy, initContainers: [s, c('setup')], containers: [c('app')] });
  runRows([
    {
      name: 'a started sidecar lets the next init container start',
      pod: withSidecar('Always'),
      observed: { sandboxes: sb, containers: [running('log')] },
      expected: { init: ['setup'] },
    },
    {
      name: 'a sidecar with a startup probe not yet run: wait',
      pod: withSidecar('Always', sidecar('log', { startupProbe: { exec: { command: ['true'] } } })),
      observed: { sandboxes: sb, containers: [running('log', { id: 'L' })] },
      expected: {},
    },
    {
      name: 'a sidecar whose startup probe succeeded lets the next one start',
      pod: withSidecar('Always', sidecar('log', { startupProbe: { exec: { command: ['true'] } } })),
      observed: { sandboxes: sb, containers: [running('log', { id: 'L' })] },
      ctx: { startup: probe({ L: 'Success' }) },
      expected: { init: ['setup'] },
    },
    {
      name: 'a sidecar failing its startup probe is killed and restarted',
      pod: withSidecar('Always', sidecar('log', { startupProbe: { exec: { command: ['true'] } } })),
      observed: { sandboxes: sb, containers: [running('log', { id: 'L' })] },
      ctx: { startup: probe({ L: 'Failure' }) },
      expected: { init: ['log'], kill: { log: ContainerKillReasons.StartupProbe }, killMessages: { log: 'Init container log failed startup probe' } },
    },
    {
      name: 'initialized: the sidecar keeps running with the app',
      pod: withSidecar('Always'),
      observed: { sandboxes: sb, containers: [running('log'), exited('setup', 0), running('app')] },
      expected: {},
    },
    {
      name: 'a sidecar that exited is restarted even under Never',
      pod: withSidecar('Never'),
      observed: { sandboxes: sb, containers: [exited('log', 1), exited('setup', 0), running('app')] },
      expected: { init: ['log'] },
    },
    {
      name: 'a sidecar failing liveness is killed and restarted',
      pod: withSidecar('Never', sidecar('log', { livenessProbe: { exec: { command: ['true'] } } })),
      observed: { sandboxes: sb, containers: [running('log', { id: 'L' }), exited('setup', 0), running('app')] },
      ctx: { liveness: probe({ L: 'Failure' }) },
      expected: { init: ['log'], kill: { log: ContainerKillReasons.LivenessProbe }, killMessages: { log: 'Init container log failed liveness probe' } },
    },
    {
      name: 'a sidecar whose image changed is restarted',
      pod: withSidecar('Always', sidecar('log', { image: 'fluent:2' })),
      observed: { sandboxes: sb, containers: [running('log', { spec: sidecar('log', { image: 'fluent:1' }) }), exited('setup', 0), running('app')] },
      expected: { init: ['log'], kill: { log: ContainerKillReasons.None }, killMessages: { log: 'Init container log definition changed' } },
    },
    {
      name: 'app done under Never: the sidecar does not keep the pod alive',
      pod: withSidecar('Never'),
      observed: { sandboxes: sb, containers: [running('log'), exited('setup', 0), exited('app', 0)] },
      expected: { killPod: true },
    },
    {
      name: 'a sidecar whose instance vanished after initialization is started again',
      pod: withSidecar('Always'),
      observed: { sandboxes: sb, containers: [running('app')] },
      expected: { init: ['log'] },
    },
  ]);
});

describe('computePodActions: CrashLoopBackOff', () => {
  const pod = makePod({ containers: [c('a')] }, { name: 'web', uid: 'u1' });
  const key = crashLoopBackOffKey(pod, c('a'));

  it('restarts a first crash at once and holds the second for 10 s', () => {
    const backoff = new CrashLoopBackOff();
    const first = exited('a', 1, { attempt: 0, createdAtMs: T0, finishedAtMs: T0 + 1000 });
    let actions = computePodActions(pod, { sandboxes: sb, containers: [first] }, { now: T0 + 1500, backoff });
    check(actions, { start: ['a'] }, 'first crash');
    assert.equal(backoff.get(key), 10_000);

    // Restarted at T0+1.5s, crashed again at T0+3s.
    const second = exited('a', 1, { attempt: 1, createdAtMs: T0 + 1500, finishedAtMs: T0 + 3000 });
    const observed = { sandboxes: sb, containers: [second, first] };
    actions = computePodActions(pod, observed, { now: T0 + 5000, backoff });
    check(actions, { backOff: ['a'] }, 'second crash');
    assert.deepEqual(actions.backOff[0], {
      name: 'a',
      isInit: false,
      message: 'back-off 10s restarting failed container=a pod=web_default(u1)',
      eventMessage: 'Back-off restarting failed container a in pod web_default(u1)',
      backoffMs: 10_000,
      remainingMs: 8000,
    });
    assert.equal(actions.killPod, false, 'a container waiting in backoff keeps the pod');

    actions = computePodActions(pod, observed, { now: T0 + 13_000, backoff });
    check(actions, { start: ['a'] }, 'after 10s');
    assert.equal(backoff.get(key), 20_000);
  });

  it('holds a failed init container and everything after it', () => {
    const p = makePod({ initContainers: [c('i1'), c('i2')], containers: [c('a')] });
    const backoff = new CrashLoopBackOff();
    backoff.next(crashLoopBackOffKey(p, c('i1')), T0, T0);
    const actions = computePodActions(p, { sandboxes: sb, containers: [exited('i1', 1, { finishedAtMs: T0 + 500 })] }, { now: T0 + 1000, backoff });
    check(actions, { backOff: ['i1'] }, 'init in backoff');
    assert.equal(actions.backOff[0]!.isInit, true);
  });

  it('skips a sidecar in backoff but still starts the next init container', () => {
    const p = makePod({ initContainers: [sidecar('s1'), sidecar('s2'), c('setup')], containers: [c('a')] });
    const backoff = new CrashLoopBackOff();
    backoff.next(crashLoopBackOffKey(p, sidecar('s1')), T0, T0);
    // s2 is up, so setup is due; s1 crashed meanwhile and waits out its backoff.
    const observed: ObservedPod = { sandboxes: sb, containers: [exited('s1', 1, { attempt: 1, finishedAtMs: T0 + 500 }), running('s2')] };
    const actions = computePodActions(p, observed, { now: T0 + 1000, backoff });
    check(actions, { init: ['setup'], backOff: ['s1'] }, 'sidecar in backoff');
    // Without backoff both start, in spec order.
    check(computePodActions(p, observed, { now: T0 + 1000 }), { init: ['s1', 'setup'] }, 'no backoff');
  });

  it('a crashed sidecar before the next init container ran: restart it and wait', () => {
    const p = makePod({ initContainers: [sidecar('log'), c('setup')], containers: [c('a')] });
    const backoff = new CrashLoopBackOff();
    backoff.next(crashLoopBackOffKey(p, sidecar('log')), T0, T0);
    const observed: ObservedPod = { sandboxes: sb, containers: [exited('log', 1, { attempt: 1, finishedAtMs: T0 + 500 })] };
    check(computePodActions(p, observed, { now: T0 + 1000, backoff }), { backOff: ['log'] }, 'in backoff');
    check(computePodActions(p, observed, { now: T0 + 20_000, backoff }), { init: ['log'] }, 'after backoff');
  });

  it('never holds anything without a backoff', () => {
    const second = exited('a', 1, { attempt: 1, finishedAtMs: T0 + 3000 });
    const actions = computePodActions(pod, { sandboxes: sb, containers: [second] }, { now: T0 + 3001 });
    check(actions, { start: ['a'] }, 'no backoff');
  });
});

describe('computeTerminationOrder', () => {
  it('stops app and regular init containers first, then sidecars last-declared first', () => {
    const pod = makePod({ initContainers: [sidecar('s1'), c('setup'), sidecar('s2')], containers: [c('a'), c('b')] });
    const list: ObservedContainer[] = [
      running('s1', { id: 'S1' }),
      exited('setup', 0, { id: 'SETUP' }),
      running('s2', { id: 'S2' }),
      running('a', { id: 'A' }),
      created('b', { id: 'B' }),
      exited('b', 0, { id: 'B0', attempt: 0, createdAtMs: T0 - 10 }),
    ];
    assert.deepEqual(computeTerminationOrder(pod, { sandboxes: sb, containers: list }), [['A', 'B'], ['S2'], ['S1']]);
  });

  it('omits empty groups', () => {
    const pod = makePod({ initContainers: [sidecar('s1')], containers: [c('a')] });
    assert.deepEqual(computeTerminationOrder(pod, { sandboxes: sb, containers: [running('s1', { id: 'S1' })] }), [['S1']]);
    assert.deepEqual(computeTerminationOrder(pod, { sandboxes: sb, containers: [] }), []);
  });
});

describe('killGracePeriodSeconds', () => {
  const probeGrace = c('a', { livenessProbe: { exec: { command: ['x'] }, terminationGracePeriodSeconds: 5 }, startupProbe: { exec: { command: ['x'] }, terminationGracePeriodSeconds: 7 } });
  const cases: Array<[string, Pod, string, number]> = [
    ['pod default', makePod({ containers: [probeGrace] }), ContainerKillReasons.None, 30],
    ['pod setting', makePod({ terminationGracePeriodSeconds: 60, containers: [probeGrace] }), ContainerKillReasons.Unknown, 60],
    ['liveness probe setting', makePod({ containers: [probeGrace] }), ContainerKillReasons.LivenessProbe, 5],
    ['startup probe setting', makePod({ containers: [probeGrace] }), ContainerKillReasons.StartupProbe, 7],
    ['deletion grace wins', makePod({ containers: [probeGrace] }, { deletionGracePeriodSeconds: 0 }), ContainerKillReasons.LivenessProbe, 0],
  ];
  for (const [name, pod, reason, expected] of cases) {
    it(name, () => assert.equal(killGracePeriodSeconds(pod, probeGrace, reason as never), expected));
  }
});
