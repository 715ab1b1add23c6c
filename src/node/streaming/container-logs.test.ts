import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { StatusError, type ContainerStatus, type Pod } from '../../apis/index.js';
import { FakeClock, silentLogger } from '../../base/index.js';
import { resolveLogInstance, validateContainer } from './pod-containers.js';
import { StreamingServer, type PodStreamingLocation } from './streaming-server.js';
import { ScriptedRuntime, startTestApiServer, type TestApiServer } from './testing/harness.js';

function cs(name: string, extra: Partial<ContainerStatus>): ContainerStatus {
  return { name, image: 'i', imageID: '', ready: false, restartCount: 0, ...extra };
}

function pod(statuses: ContainerStatus[], extra: Partial<Pod['spec']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'u1' },
    spec: { nodeName: 'node1', containers: [{ name: 'nginx', image: 'nginx' }], ...extra },
    status: { phase: 'Running', containerStatuses: statuses },
  };
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof StatusError);
    assert.equal(err.status.code, 400);
    assert.equal(err.status.reason, 'BadRequest');
    return err.status.message ?? '';
  }
  assert.fail('no error');
}

describe('validateContainer (API server)', () => {
  it('defaults the only container and lists every container otherwise, init containers first', () => {
    assert.equal(validateContainer(pod([]), undefined), 'nginx');
    const p = pod([], {
      initContainers: [{ name: 'setup', image: 'busybox' }],
      containers: [
        { name: 'nginx', image: 'nginx' },
        { name: 'side', image: 'busybox' },
      ],
    });
    assert.equal(message(() => validateContainer(p, undefined)), 'a container name must be specified for pod web, choose one of: [setup nginx side]');
    assert.equal(message(() => validateContainer(p, 'x')), 'container x is not valid for pod web');
    assert.equal(validateContainer(p, 'setup'), 'setup');
  });
});

describe('resolveLogInstance (kubelet validateContainerLogStatus)', () => {
  const terminated = { exitCode: 1, containerID: 'podyard://old' };
  const cases: [string, ContainerStatus[], boolean, string | { instance: string; containerId: string }][] = [
    ['running', [cs('nginx', { state: { running: {} }, containerID: 'podyard://cur' })], false, { instance: 'current', containerId: 'podyard://cur' }],
    ['previous', [cs('nginx', { state: { running: {} }, lastState: { terminated }, containerID: 'podyard://cur' })], true, { instance: 'previous', containerId: 'podyard://old' }],
    ['no previous', [cs('nginx', { state: { running: {} } })], true, 'previous terminated container "nginx" in pod "web" not found'],
    ['waiting', [cs('nginx', { state: { waiting: { reason: 'ContainerCreating' } } })], false, 'container "nginx" in pod "web" is waiting to start: ContainerCreating'],
    ['pull error', [cs('nginx', { state: { waiting: { reason: 'ErrImagePull' } } })], false, `container "nginx" in pod "web" is waiting to start: image can't be pulled`],
    ['pull backoff', [cs('nginx', { state: { waiting: { reason: 'ImagePullBackOff' } } })], false, 'container "nginx" in pod "web" is waiting to start: trying and failing to pull image'],
    ['crash loop', [cs('nginx', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated } })], false, { instance: 'previous', containerId: 'podyard://old' }],
    ['no status', [], false, 'container "nginx" in pod "web" is not available'],
    ['no state', [cs('nginx', {})], false, 'container "nginx" in pod "web" is waiting to start - no logs yet'],
  ];
  for (const [name, statuses, previous, want] of cases) {
    it(name, () => {
      const p = pod(statuses);
      if (typeof want === 'string') assert.equal(message(() => resolveLogInstance(p, 'nginx', previous)), want);
      else assert.deepEqual(resolveLogInstance(p, 'nginx', previous), want);
    });
  }
});

describe('StreamingServer logs', () => {
  const clock = new FakeClock(Date.parse('2026-11-24T12:00:00Z'));
  const runtime = new ScriptedRuntime();
  let dir: string;
  let location: PodStreamingLocation;
  let api: TestApiServer;
  let current: string;
  let previous: string;
  const pods = [
    pod([cs('nginx', { state: { running: {} }, lastState: { terminated: { exitCode: 1, containerID: 'podyard://c0' } }, containerID: 'podyard://c1' })]),
  ];
  const logUrl = (q: string): string => `${api.url}/api/v1/namespaces/default/pods/web/log${q}`;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'podyard-streaming-logs-'));
    current = join(dir, '1.log');
    previous = join(dir, '0.log');
    await writeFile(
      current,
      [
        '2026-11-24T11:00:00.000000001+00:00 stdout F one',
        '2026-11-24T11:30:00.000000002+00:00 stderr P tw',
        '2026-11-24T11:30:00.000000003+00:00 stderr F o',
        '2026-11-24T11:59:30.123456789Z stdout F three',
        '',
      ].join('\n'),
    );
    await writeFile(previous, '2026-11-24T10:00:00.000000000Z stdout F before the crash\n');
    location = { containers: new Map([['nginx', { id: 'c1', state: 'CONTAINER_RUNNING', logPath: current, previousLogPath: previous }]]) };
    const streaming = new StreamingServer({ runtime, logger: silentLogger, clock, locate: () => Promise.resolve(location) });
    api = await startTestApiServer(streaming, pods);
  });
  after(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function get(q: string): Promise<{ code: number; type: string | null; body: string }> {
    const res = await fetch(logUrl(q));
    return { code: res.status, type: res.headers.get('content-type'), body: await res.text() };
  }

  it('serves the decoded CRI log as text/plain, partial lines joined', async () => {
    assert.deepEqual(await get('?container=nginx'), { code: 200, type: 'text/plain', body: 'one\ntwo\nthree\n' });
    assert.equal((await get('')).body, 'one\ntwo\nthree\n');
  });

  it('applies tailLines, timestamps, limitBytes, sinceSeconds, sinceTime and stream', async () => {
    assert.equal((await get('?tailLines=1')).body, 'three\n');
    assert.equal((await get('?tailLines=2&timestamps=true')).body, '2026-11-24T11:30:00.000000003Z o\n2026-11-24T11:59:30.123456789Z three\n');
    assert.equal((await get('?limitBytes=6')).body, 'one\ntw');
    assert.equal((await get('?sinceSeconds=60')).body, 'three\n');
    assert.equal((await get('?sinceTime=2026-11-24T11:15:00Z')).body, 'two\nthree\n');
    assert.equal((await get('?stream=Stdout')).body, 'one\nthree\n');
  });

  it('reads the previous instance with previous=true', async () => {
    assert.equal((await get('?previous=true')).body, 'before the crash\n');
  });

  it('answers invalid options with 422 PodLogOptions Invalid', async () => {
    const res = await fetch(logUrl('?tailLines=-1'));
    assert.equal(res.status, 422);
    const body = (await res.json()) as { message: string; details: { kind: string } };
    assert.equal(body.message, 'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0');
    assert.equal(body.details.kind, 'PodLogOptions');
  });

  it('follows a running container until it stops', async () => {
    const res = await fetch(logUrl('?follow=true&tailLines=1'));
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    assert.equal(Buffer.from(first.value).toString(), 'three\n');
    await appendFile(current, '2026-11-24T12:00:01.000000000Z stdout F four\n');
    const second = await reader.read();
    assert.equal(Buffer.from(second.value).toString(), 'four\n');
    runtime.states.set('c1', 'CONTAINER_EXITED');
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
    }
    runtime.states.delete('c1');
  });

  it('reports a missing log file like the runtime', async () => {
    const saved = location.containers.get('nginx')!;
    location.containers.set('nginx', { ...saved, logPath: join(dir, 'gone.log') });
    try {
      const res = await fetch(logUrl(''));
      assert.equal(res.status, 400);
      const body = (await res.json()) as { message: string };
      assert.equal(body.message, `failed to try resolving symlinks in path "${join(dir, 'gone.log')}": lstat ${join(dir, 'gone.log')}: no such file or directory`);
    } finally {
      location.containers.set('nginx', saved);
    }
  });
});
