import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeRuntime } from './fake-runtime.js';
import { RuntimeError } from '../errors.js';
import type { ContainerConfig, ContainerEvent, PodSandboxConfig } from '../runtime-service.js';

const sandbox: PodSandboxConfig = { metadata: { name: 'web', namespace: 'default', uid: 'u1', attempt: 0 }, labels: { app: 'web' }, logDirectory: '/logs/default_web_u1' };
const container = (name: string, attempt = 0): ContainerConfig => ({
  metadata: { name, attempt },
  image: { image: 'busybox' },
  rootfs: { lowerDirs: ['/layers/0'] },
  labels: { name },
});

describe('FakeRuntime', () => {
  it('runs the CRI lifecycle and records calls and events', async () => {
    const rt = new FakeRuntime();
    const events: ContainerEvent['type'][] = [];
    rt.watchContainerEvents((e) => events.push(e.type));
    const sid = await rt.runPodSandbox(sandbox);
    const cid = await rt.createContainer(sid, container('app'));
    assert.equal((await rt.containerStatus(cid)).state, 'CONTAINER_CREATED');
    await rt.startContainer(cid);
    const running = await rt.containerStatus(cid);
    assert.equal(running.state, 'CONTAINER_RUNNING');
    assert.equal(running.logPath, '/logs/default_web_u1/app/0.log');
    rt.exitContainer(cid, 2);
    const exited = await rt.containerStatus(cid);
    assert.equal(exited.exitCode, 2);
    assert.equal(exited.reason, 'Error');
    await rt.removeContainer(cid);
    await rt.stopPodSandbox(sid);
    assert.equal((await rt.podSandboxStatus(sid)).state, 'SANDBOX_NOTREADY');
    await rt.removePodSandbox(sid);
    assert.deepEqual(events, ['CONTAINER_CREATED_EVENT', 'CONTAINER_STARTED_EVENT', 'CONTAINER_STOPPED_EVENT', 'CONTAINER_DELETED_EVENT']);
    assert.deepEqual(rt.calls.slice(0, 3), ['runPodSandbox', 'createContainer', 'containerStatus']);
  });

  it('injects errors, start failures and OOM kills', async () => {
    const rt = new FakeRuntime();
    rt.injectError('runPodSandbox', new RuntimeError('CreatePodSandboxError', 'boom'));
    await assert.rejects(rt.runPodSandbox(sandbox), /boom/);
    const sid = await rt.runPodSandbox(sandbox);
    rt.failStart('bad', 'exec: "nope": executable file not found in $PATH');
    const bad = await rt.createContainer(sid, container('bad'));
    await assert.rejects(rt.startContainer(bad), (e: unknown) => e instanceof RuntimeError && e.code === 'RunContainerError');
    const s = await rt.containerStatus(bad);
    assert.deepEqual([s.state, s.exitCode, s.reason], ['CONTAINER_EXITED', 128, 'StartError']);
    await assert.rejects(rt.createContainer(sid, container('bad')), (e: unknown) => e instanceof RuntimeError && e.code === 'AlreadyExists');
    const hog = await rt.createContainer(sid, container('hog'));
    await rt.startContainer(hog);
    rt.exitContainer(hog, 137, { oom: true });
    assert.equal((await rt.containerStatus(hog)).reason, 'OOMKilled');
    assert.deepEqual((await rt.listContainers({ state: 'CONTAINER_EXITED' })).map((c) => c.metadata.name).sort(), ['bad', 'hog']);
  });

  it('answers exec from a handler and stops containers', async () => {
    const rt = new FakeRuntime();
    const sid = await rt.runPodSandbox(sandbox);
    const cid = await rt.createContainer(sid, container('app'));
    await assert.rejects(rt.execSync(cid, ['true'], 1000), (e: unknown) => e instanceof RuntimeError && e.code === 'NotRunning');
    await rt.startContainer(cid);
    rt.execHandler = (_id, cmd) => ({ stdout: Buffer.from(cmd.join(' ')), stderr: Buffer.alloc(0), exitCode: cmd[0] === 'false' ? 1 : 0 });
    assert.equal((await rt.execSync(cid, ['false'], 1000)).exitCode, 1);
    const h = await rt.exec(cid, { cmd: ['echo', 'hi'], stdout: true });
    assert.equal(await h.exitCode, 0);
    await rt.stopContainer(cid, 30);
    assert.equal((await rt.containerStatus(cid)).exitCode, 143);
  });
});
