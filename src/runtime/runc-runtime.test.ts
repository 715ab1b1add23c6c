/**
 * RuncRuntime against real runc + conmon (root only): a pod sandbox with two busybox containers
 * sharing network, IPC and UTS namespaces; logs; exit codes; stop with grace then SIGKILL; start
 * errors; exec with and without a TTY; OOM; stats; a SIGKILLed runtime rebuilt from disk; and a
 * cleanup that leaves no mounts, cgroups, conmon processes or runc state behind.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { access, mkdtemp, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { RuncRuntime } from './runc-runtime.js';
import { RuntimeError } from './errors.js';
import { readContainerLog } from './log-reader.js';
import { mountsUnder } from './host.js';
import { ensureBusyboxRootfs } from './testing/busybox-rootfs.js';
import type { ContainerConfig, ContainerState, PodSandboxConfig } from './runtime-service.js';

async function preconditions(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'not root';
  for (const bin of ['/usr/sbin/runc', '/usr/bin/conmon', '/usr/bin/catatonit']) {
    if (!(await access(bin).then(() => true, () => false))) return `${bin} missing`;
  }
  return undefined;
}

const skipReason = await preconditions();
const rootfsResult = skipReason ? { skip: skipReason } : await ensureBusyboxRootfs();
const skip = 'skip' in rootfsResult ? rootfsResult.skip : false;
const ROOTFS = 'rootfs' in rootfsResult ? rootfsResult.rootfs : '';

async function poll<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function collect(stream: Readable | null): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

function box(name: string, command: string[], extra: Partial<ContainerConfig> = {}): ContainerConfig {
  return {
    metadata: { name, attempt: 0 },
    image: { image: 'localhost/podyard/busybox:latest' },
    rootfs: { lowerDirs: [ROOTFS] },
    imageConfig: { cmd: ['sh'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    command,
    labels: { 'io.kubernetes.container.name': name },
    annotations: { 'io.kubernetes.container.restartCount': '0' },
    ...extra,
  };
}

describe('RuncRuntime (real runc + conmon)', { skip, timeout: 240_000 }, () => {
  let base: string;
  let stateDir: string;
  let logDir: string;
  const cgroupParent = `/podyard-rt-test-${process.pid}`;
  let rt: RuncRuntime;
  let sandboxId: string;
  let serverId: string;
  let clientId: string;

  const sandboxConfig = (): PodSandboxConfig => ({
    metadata: { name: 'mc1', namespace: 'default', uid: 'uid-1', attempt: 0 },
    hostname: 'mc1-host',
    logDirectory: logDir,
    labels: { 'io.kubernetes.pod.uid': 'uid-1', 'io.kubernetes.pod.name': 'mc1' },
    annotations: { note: 'sandbox' },
    dnsConfig: { servers: ['10.96.0.10'], searches: ['default.svc.cluster.local'], options: ['ndots:5'] },
  });

  const state = async (id: string): Promise<ContainerState> => (await rt.containerStatus(id)).state;
  const waitExited = (id: string): Promise<number> =>
    poll(async () => {
      const s = await rt.containerStatus(id);
      return s.state === 'CONTAINER_EXITED' ? s.exitCode : undefined;
    }, `container ${id} to exit`);

  before(async () => {
    base = await mkdtemp('/tmp/podyard-rt-');
    stateDir = join(base, 'state');
    logDir = join(base, 'pods', 'default_mc1_uid-1');
    rt = new RuncRuntime({}, { stateDir, cgroupParent });
    await rt.ready;
  });

  after(async () => {
    await rt.removeAll().catch(() => undefined);
    await rt.close();
    await rm(base, { recursive: true, force: true }).catch(() => undefined);
  });

  it('runs a pod sandbox with pinned namespaces', async () => {
    sandboxId = await rt.runPodSandbox(sandboxConfig());
    const status = await rt.podSandboxStatus(sandboxId);
    assert.equal(status.state, 'SANDBOX_READY');
    assert.equal(status.hostname, 'mc1-host');
    assert.ok(status.netnsPath && (await stat(status.netnsPath)).isFile());
    assert.deepEqual(status.linux.namespaces.options, { network: 'POD', pid: 'CONTAINER', ipc: 'POD' });
    assert.equal(status.cgroupPath, `${cgroupParent}/pod${sandboxId}`);
    const list = await rt.listPodSandbox({ labelSelector: { 'io.kubernetes.pod.uid': 'uid-1' } });
    assert.deepEqual(list.map((s) => s.id), [sandboxId]);
  });

  it('runs two containers sharing network, IPC and UTS namespaces', async () => {
    serverId = await rt.createContainer(
      sandboxId,
      box('server', ['sh', '-c', 'mkdir -p /tmp/www && echo hello-from-server > /tmp/www/index.html && echo server-up && exec httpd -f -p 127.0.0.1:8080 -h /tmp/www']),
    );
    clientId = await rt.createContainer(sandboxId, box('client', ['sh', '-c', 'echo client-up; echo to-stderr >&2; exec sleep 1000']));
    assert.equal(await state(serverId), 'CONTAINER_CREATED');
    await rt.startContainer(serverId);
    await rt.startContainer(clientId);
    assert.equal(await state(serverId), 'CONTAINER_RUNNING');
    assert.equal(await state(clientId), 'CONTAINER_RUNNING');

    // Network: the client reaches the server on localhost.
    const body = await poll(async () => {
      const r = await rt.execSync(clientId, ['wget', '-q', '-O', '-', 'http://127.0.0.1:8080/index.html'], 5000);
      return r.exitCode === 0 ? r.stdout.toString() : undefined;
    }, 'the server to answer');
    assert.equal(body, 'hello-from-server\n');
    // One port space: a second bind of the same port fails.
    const second = await rt.execSync(clientId, ['httpd', '-f', '-p', '127.0.0.1:8080', '-h', '/tmp'], 5000);
    assert.notEqual(second.exitCode, 0);
    assert.match(second.stderr.toString(), /Address (already )?in use/);

    // UTS: both see the sandbox's hostname.
    for (const id of [serverId, clientId]) assert.equal((await rt.execSync(id, ['hostname'], 5000)).stdout.toString(), 'mc1-host\n');

    // IPC: same namespace, POSIX queues and /dev/shm visible across containers.
    const ns = async (id: string): Promise<string> => (await rt.execSync(id, ['readlink', '/proc/self/ns/ipc'], 5000)).stdout.toString();
    assert.equal(await ns(serverId), await ns(clientId));
    assert.equal((await rt.execSync(serverId, ['touch', '/dev/mqueue/podyard-q', '/dev/shm/podyard-shm'], 5000)).exitCode, 0);
    assert.match((await rt.execSync(clientId, ['ls', '/dev/mqueue', '/dev/shm'], 5000)).stdout.toString(), /podyard-q[\s\S]*podyard-shm/);
    // PID namespaces stay per container by default.
    assert.equal((await rt.execSync(clientId, ['sh', '-c', 'echo $$'], 5000)).exitCode, 0);

    // The pod's files and environment.
    assert.match((await rt.execSync(clientId, ['cat', '/etc/resolv.conf'], 5000)).stdout.toString(), /nameserver 10\.96\.0\.10/);
    assert.match((await rt.execSync(clientId, ['cat', '/etc/hosts'], 5000)).stdout.toString(), /Kubernetes-managed hosts file/);
    assert.match((await rt.execSync(clientId, ['env'], 5000)).stdout.toString(), /^HOSTNAME=mc1-host$/m);
  });

  it('writes CRI-format logs under the sandbox log directory', async () => {
    const status = await rt.containerStatus(clientId);
    assert.equal(status.logPath, join(logDir, 'client', '0.log'));
    const raw = await poll(async () => {
      const t = await readFile(status.logPath, 'utf8').catch(() => '');
      return t.includes('to-stderr') ? t : undefined;
    }, 'log lines');
    assert.match(raw, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+[+-]\d\d:\d\d stdout F client-up$/m);
    assert.match(raw, /^\S+ stderr F to-stderr$/m);
    assert.equal(await collect(readContainerLog(status.logPath)), 'client-up\nto-stderr\n');
    assert.equal(await collect(readContainerLog(status.logPath, { streams: ['stdout'] })), 'client-up\n');
  });

  it('collects exit codes and reasons', async () => {
    const ok = await rt.createContainer(sandboxId, box('ok', ['true']));
    const bad = await rt.createContainer(sandboxId, box('bad', ['sh', '-c', 'echo failing; exit 3']));
    await rt.startContainer(ok);
    await rt.startContainer(bad);
    assert.equal(await waitExited(ok), 0);
    assert.equal(await waitExited(bad), 3);
    const s = await rt.containerStatus(bad);
    assert.equal(s.reason, 'Error');
    assert.ok(s.finishedAtMs >= s.startedAtMs && s.startedAtMs > 0);
    assert.equal((await rt.containerStatus(ok)).reason, 'Completed');
    const exited = await rt.listContainers({ podSandboxId: sandboxId, state: 'CONTAINER_EXITED' });
    assert.deepEqual(exited.map((c) => c.id).sort(), [ok, bad].sort());
    await rt.removeContainer(ok);
    await rt.removeContainer(bad);
    await assert.rejects(rt.containerStatus(ok), (e: unknown) => e instanceof RuntimeError && e.code === 'NotFound');
  });

  it('stops with the stop signal, then SIGKILL after the timeout', async () => {
    const graceful = await rt.createContainer(sandboxId, box('graceful', ['sh', '-c', 'trap "echo got-term; exit 0" TERM; while true; do sleep 0.1; done']));
    const stubborn = await rt.createContainer(sandboxId, box('stubborn', ['sh', '-c', 'trap "" TERM; while true; do sleep 0.1; done']));
    await rt.startContainer(graceful);
    await rt.startContainer(stubborn);
    await new Promise((r) => setTimeout(r, 300));
    await rt.stopContainer(graceful, 10);
    const g = await rt.containerStatus(graceful);
    assert.equal(g.state, 'CONTAINER_EXITED');
    assert.equal(g.exitCode, 0);
    const t0 = Date.now();
    await rt.stopContainer(stubborn, 1);
    const s = await rt.containerStatus(stubborn);
    assert.equal(s.exitCode, 137);
    assert.ok(Date.now() - t0 >= 900, 'waited for the grace period');
    await rt.removeContainer(graceful);
    await rt.removeContainer(stubborn);
  });

  it("reports runc's message when the command does not exist", async () => {
    const id = await rt.createContainer(sandboxId, box('missing', ['/no/such/binary']));
    await assert.rejects(rt.startContainer(id), (e: unknown) => {
      assert.ok(e instanceof RuntimeError);
      assert.equal(e.code, 'RunContainerError');
      assert.match(e.message, /\/no\/such\/binary.*no such file or directory/);
      return true;
    });
    const s = await rt.containerStatus(id);
    assert.equal(s.state, 'CONTAINER_EXITED');
    assert.equal(s.reason, 'StartError');
    assert.equal(s.exitCode, 128);
    assert.match(s.message, /no such file or directory/);
    await rt.removeContainer(id);
  });

  it('rejects a duplicate name and attempt in one sandbox', async () => {
    await assert.rejects(rt.createContainer(sandboxId, box('client', ['true'])), (e: unknown) => e instanceof RuntimeError && e.code === 'AlreadyExists');
  });

  it('execs without a TTY: stdin, stdout, stderr and the exit code', async () => {
    const h = await rt.exec(clientId, { cmd: ['sh', '-c', 'cat; echo err >&2; exit 5'], stdin: true, stdout: true, stderr: true });
    h.stdin?.end('abc\n');
    const [out, err, code] = await Promise.all([collect(h.stdout), collect(h.stderr), h.exitCode]);
    assert.equal(out, 'abc\n');
    assert.equal(err, 'err\n');
    assert.equal(code, 5);
    await assert.rejects(rt.exec(clientId, { cmd: ['/no/such'], stdout: true }).then((x) => x.exitCode), (e: unknown) => e instanceof RuntimeError && e.code === 'ExecError');
  });

  it('execs with a TTY, with a terminal size and resize', async () => {
    const h = await rt.exec(clientId, { cmd: ['sh'], tty: true, stdin: true, stdout: true, size: { width: 100, height: 30 } });
    assert.equal(h.stderr, null);
    let out = '';
    h.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    h.stdin?.write('stty size; tty\n');
    await poll(() => Promise.resolve(out.includes('30 100') ? true : undefined), 'the initial size');
    assert.match(out, /\/dev\/pts\/\d+/);
    h.resize(120, 40);
    await new Promise((r) => setTimeout(r, 300));
    h.stdin?.write('stty size\n');
    await poll(() => Promise.resolve(out.includes('40 120') ? true : undefined), 'the new size');
    h.stdin?.write('exit 4\n');
    assert.equal(await h.exitCode, 4);
  });

  it('times out execSync', async () => {
    await assert.rejects(rt.execSync(clientId, ['sleep', '30'], 300), (e: unknown) => e instanceof RuntimeError && e.code === 'DeadlineExceeded');
    // The timed-out process was killed.
    const ps = await rt.execSync(clientId, ['ps'], 5000);
    assert.doesNotMatch(ps.stdout.toString(), /sleep 30/);
  });

  it('reports OOMKilled', async () => {
    const id = await rt.createContainer(sandboxId, box('hog', ['tail', '/dev/zero'], { linux: { resources: { memoryLimitInBytes: 16 * 1024 * 1024 } } }));
    await rt.startContainer(id);
    assert.equal(await waitExited(id), 137);
    assert.equal((await rt.containerStatus(id)).reason, 'OOMKilled');
    await rt.removeContainer(id);
  });

  it('reports cgroup stats', async () => {
    const c = await rt.containerStats(clientId);
    assert.ok(c.memory.workingSetBytes > 0);
    assert.ok(c.cpu.usageCoreNanoSeconds > 0);
    const p = await rt.podSandboxStats(sandboxId);
    assert.ok(p.memory.usageBytes >= c.memory.usageBytes);
    assert.deepEqual(p.containers.map((x) => x.containerId).sort(), [serverId, clientId].sort());
  });

  it('attaches to a container with stdin (conmon attach socket)', async (t) => {
    if (!(await access('/usr/bin/python3').then(() => true, () => false))) return t.skip('no /usr/bin/python3');
    const id = await rt.createContainer(sandboxId, box('echoer', ['sh', '-c', 'while read l; do echo "got $l"; done; echo bye; exit 7'], { stdin: true, stdinOnce: true }));
    await rt.startContainer(id);
    const h = await rt.attach(id, { stdin: true, stdout: true, stderr: true });
    const out = collect(h.stdout);
    h.stdin?.write('one\n');
    await new Promise((r) => setTimeout(r, 200));
    h.stdin?.end('two\n');
    assert.equal(await h.exitCode, 7);
    assert.equal(await out, 'got one\ngot two\nbye\n');
    await rt.removeContainer(id);
  });

  it('attaches to a TTY container and sees its exit code', async (t) => {
    if (!(await access('/usr/bin/python3').then(() => true, () => false))) return t.skip('no /usr/bin/python3');
    const id = await rt.createContainer(sandboxId, box('tty', ['sh'], { tty: true, stdin: true, stdinOnce: true }));
    await rt.startContainer(id);
    const h = await rt.attach(id, { stdin: true, stdout: true, size: { width: 90, height: 20 } });
    assert.equal(h.stderr, null);
    let out = '';
    h.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise((r) => setTimeout(r, 200));
    h.stdin?.write('stty size; echo tty-$((40+2))\n');
    await poll(() => Promise.resolve(out.includes('tty-42') ? true : undefined), 'tty output');
    assert.match(out, /20 90/);
    h.stdin?.write('exit 3\n');
    assert.equal(await h.exitCode, 3);
    await rt.removeContainer(id);
  });

  it('reopens the log after rotation, and a follow reader moves to the new file', async () => {
    const id = await rt.createContainer(sandboxId, box('ticker', ['sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.05; done']));
    await rt.startContainer(id);
    const { logPath } = await rt.containerStatus(id);
    let running = true;
    const followed = collect(readContainerLog(logPath, { follow: true, isRunning: () => running, pollIntervalMs: 50 }));
    await poll(async () => ((await readFile(logPath, 'utf8').catch(() => '')).includes('tick 3') ? true : undefined), 'first ticks');
    const { rename } = await import('node:fs/promises');
    await rename(logPath, `${logPath}.20261124-000000`);
    await rt.reopenContainerLog(id);
    await poll(async () => ((await readFile(logPath, 'utf8').catch(() => '')).includes('tick') ? true : undefined), 'ticks in the new file');
    await rt.stopContainer(id, 0);
    running = false;
    const text = await followed;
    const ticks = text.trim().split('\n').map((l) => Number(l.replace('tick ', '')));
    assert.ok(ticks.length > 4);
    assert.deepEqual(ticks, ticks.map((_, i) => i), 'no tick lost or repeated across the rotation');
    await rt.removeContainer(id);
  });

  it('shares the pause PID namespace with shareProcessNamespace, and uses the host network with NODE', async () => {
    const shared = await rt.runPodSandbox({
      ...sandboxConfig(),
      metadata: { name: 'shared', namespace: 'default', uid: 'uid-2', attempt: 0 },
      linux: { securityContext: { namespaceOptions: { pid: 'POD', network: 'NODE' } } },
    });
    try {
      const st = await rt.podSandboxStatus(shared);
      assert.equal(st.netnsPath, undefined);
      const id = await rt.createContainer(shared, box('shell', ['sleep', '1000']));
      await rt.startContainer(id);
      const ps = (await rt.execSync(id, ['ps', '-o', 'pid,args'], 5000)).stdout.toString();
      assert.match(ps, /^\s*1 \/catatonit -P$/m);
      assert.match(ps, /sleep 1000/);
      const inside = (await rt.execSync(id, ['readlink', '/proc/self/ns/net'], 5000)).stdout.toString().trim();
      assert.equal(inside, await readlink('/proc/self/ns/net'));
    } finally {
      await rt.removePodSandbox(shared);
    }
  });

  it('survives a SIGKILLed runtime: a new instance rebuilds everything from disk', async () => {
    // A separate process creates and starts a container, then is killed with SIGKILL.
    const moduleUrl = new URL('./runc-runtime.js', import.meta.url).href;
    const script = `
      import { RuncRuntime } from ${JSON.stringify(moduleUrl)};
      const rt = new RuncRuntime({}, { stateDir: ${JSON.stringify(stateDir)}, cgroupParent: ${JSON.stringify(cgroupParent)} });
      await rt.ready;
      const id = await rt.createContainer(${JSON.stringify(sandboxId)}, ${JSON.stringify(box('survivor', ['sh', '-c', 'echo alive; exec sleep 1000'], { labels: { keep: 'me' } }))});
      await rt.startContainer(id);
      process.stdout.write(id + '\\n');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const survivorId = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (c: Buffer) => {
        buf += c.toString();
        if (buf.includes('\n')) resolve(buf.trim());
      });
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));

    const rt2 = new RuncRuntime({}, { stateDir, cgroupParent });
    try {
      await rt2.ready;
      const before = await rt.containerStatus(clientId);
      const again = await rt2.containerStatus(clientId);
      assert.equal(again.state, 'CONTAINER_RUNNING');
      assert.equal(again.startedAtMs, before.startedAtMs);
      assert.equal(again.pid, before.pid);
      assert.deepEqual(again.labels, before.labels);
      const survivor = await rt2.containerStatus(survivorId);
      assert.equal(survivor.state, 'CONTAINER_RUNNING');
      assert.deepEqual(survivor.labels, { keep: 'me' });
      const running = await rt2.listContainers({ state: 'CONTAINER_RUNNING' });
      assert.deepEqual(running.map((c) => c.id).sort(), [serverId, clientId, survivorId].sort());
      assert.equal((await rt2.podSandboxStatus(sandboxId)).state, 'SANDBOX_READY');
      // conmon still supervises it: its exit is collected after the restart.
      await rt2.stopContainer(survivorId, 1);
      assert.equal((await rt2.containerStatus(survivorId)).exitCode, 137);
      await rt2.removeContainer(survivorId);
    } finally {
      await rt2.close();
    }
    // The first instance reads the same disk state.
    await assert.rejects(rt.containerStatus(survivorId));
  });

  it('removes the sandbox and leaves nothing behind', async () => {
    await rt.stopPodSandbox(sandboxId);
    assert.equal((await rt.podSandboxStatus(sandboxId)).state, 'SANDBOX_NOTREADY');
    assert.equal(await state(clientId), 'CONTAINER_EXITED');
    await rt.removePodSandbox(sandboxId);
    await rt.removeAll();
    assert.deepEqual(await rt.listPodSandbox(), []);
    assert.deepEqual(await rt.listContainers(), []);
    assert.deepEqual(await mountsUnder(base), []);
    for (const h of await readdir('/sys/fs/cgroup')) {
      await assert.rejects(stat(join('/sys/fs/cgroup', h, cgroupParent)), `cgroup ${h}${cgroupParent} removed`);
    }
    assert.deepEqual(await readdir(join(stateDir, 'runc')), []);
    const conmons: string[] = [];
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (cmd.includes(stateDir)) conmons.push(`${pid}: ${cmd.replace(/\0/g, ' ')}`);
    }
    assert.deepEqual(conmons, []);
    // Logs are the kubelet's to remove.
    assert.ok((await stat(join(logDir, 'client', '0.log'))).isFile());
  });
});
