/**
 * The real kubectl (1.32, `/usr/bin/kubectl`) against the streaming server behind a throwaway
 * loopback API (testing/harness.ts): exec over WebSocket v5 and over SPDY, stdin, exit codes,
 * `kubectl cp` both ways through real `tar`, logs, and port-forward over both SPDY paths.
 * The "container" runs its commands on the host (the runtime is a stand-in); skipped without kubectl.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Pod } from '../../apis/index.js';
import { silentLogger, systemClock } from '../../base/index.js';
import { StreamingServer, type PodStreamingLocation } from './streaming-server.js';
import { hostProcessHandle, ScriptedRuntime, startTestApiServer, type TestApiServer } from './testing/harness.js';

const kubectlPath = '/usr/bin/kubectl';
const skip = !existsSync(kubectlPath) ? 'no /usr/bin/kubectl' : spawnSync('tar', ['--version']).status !== 0 ? 'no tar' : false;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('real kubectl against the streaming server', { skip }, () => {
  let dir: string;
  let api: TestApiServer;
  let echo: Server;
  let echoPort: number;
  const runtime = new ScriptedRuntime();
  const netLocation: PodStreamingLocation = { containers: new Map([['app', { id: 'c-netapp', state: 'CONTAINER_RUNNING', logPath: '' }]]) };
  runtime.onExec = (_id, o) => hostProcessHandle(o);

  const pods: Pod[] = [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default', uid: 'uid-web', creationTimestamp: '2026-11-24T12:00:00Z' },
      spec: {
        nodeName: 'node1',
        containers: [
          { name: 'nginx', image: 'nginx' },
          { name: 'side', image: 'busybox' },
        ],
      },
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'nginx', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-24T12:00:00Z' } }, containerID: 'podyard://c-nginx' },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'netpod', namespace: 'default', uid: 'uid-netpod', creationTimestamp: '2026-11-24T12:00:00Z' },
      spec: { nodeName: 'node1', containers: [{ name: 'app', image: 'busybox' }] },
      status: { phase: 'Running' },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'hostnet', namespace: 'default', uid: 'uid-hostnet', creationTimestamp: '2026-11-24T12:00:00Z' },
      spec: { nodeName: 'node1', hostNetwork: true, containers: [{ name: 'app', image: 'busybox' }] },
      status: { phase: 'Running' },
    },
  ];

  function kubectl(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
    return new Promise((resolve) => {
      const child = spawn(kubectlPath, ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), ...args], {
        env: { ...process.env, HOME: dir, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(options.input ?? '');
    });
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'podyard-streaming-kubectl-'));
    const logPath = join(dir, 'nginx.log');
    await writeFile(logPath, '2026-11-24T12:00:01.000000000Z stdout F first\n2026-11-24T12:00:02.000000000Z stderr F second\n');
    const location: PodStreamingLocation = {
      containers: new Map([
        ['nginx', { id: 'c-nginx', state: 'CONTAINER_RUNNING', logPath }],
        ['side', { id: 'c-side', state: 'CONTAINER_EXITED', logPath: '' }],
        ['app', { id: 'c-app', state: 'CONTAINER_RUNNING', logPath: '' }],
      ]),
    };
    const streaming = new StreamingServer({ runtime, logger: silentLogger, clock: systemClock, locate: (p) => Promise.resolve(p.metadata.name === 'netpod' ? netLocation : location) });
    api = await startTestApiServer(streaming, pods);
    await writeFile(
      join(dir, 'kubeconfig'),
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: t, cluster: {server: "${api.url}"}}]`,
        'contexts: [{name: t, context: {cluster: t, user: u, namespace: default}}]',
        'current-context: t',
        'users: [{name: u, user: {}}]',
        '',
      ].join('\n'),
    );
    echo = createServer((s) => s.pipe(s));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoPort = (echo.address() as AddressInfo).port;
  });
  after(async () => {
    await api?.close();
    echo?.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const [transport, env] of [
    ['WebSocket v5', {}],
    ['SPDY', { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' }],
  ] as const) {
    it(`exec prints output and exits with the command's code (${transport})`, async () => {
      const r = await kubectl(['exec', 'web', '-c', 'nginx', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'], { env });
      assert.equal(r.stdout, 'out\n');
      assert.equal(r.stderr, 'err\ncommand terminated with exit code 3\n');
      assert.equal(r.code, 3);
    });

    it(`exec -i passes stdin through to EOF (${transport})`, async () => {
      const r = await kubectl(['exec', '-i', 'web', '-c', 'nginx', '--', 'cat'], { env, input: 'hello\nworld\n' });
      assert.deepEqual(r, { code: 0, stdout: 'hello\nworld\n', stderr: '' });
    });
  }

  it('exec into a container that is not running', async () => {
    const r = await kubectl(['exec', 'web', '-c', 'side', '--', 'ls']);
    assert.equal(r.stderr, 'error: Internal error occurred: unable to upgrade connection: container not found ("side")\n');
    assert.equal(r.code, 1);
  });

  it('cp copies a file into the pod and back (tar over exec stdin/stdout)', async () => {
    const inPod = join(dir, 'in-pod');
    await writeFile(join(dir, 'f.txt'), 'payload\n'.repeat(10_000));
    spawnSync('mkdir', ['-p', inPod]);
    const up = await kubectl(['cp', join(dir, 'f.txt'), `web:${inPod}/f.txt`, '-c', 'nginx']);
    assert.equal(up.code, 0, up.stderr);
    assert.equal(await readFile(join(inPod, 'f.txt'), 'utf8'), 'payload\n'.repeat(10_000));
    const down = await kubectl(['cp', `web:${inPod}/f.txt`, join(dir, 'g.txt'), '-c', 'nginx']);
    assert.equal(down.code, 0, down.stderr);
    assert.equal(await readFile(join(dir, 'g.txt'), 'utf8'), 'payload\n'.repeat(10_000));
  });

  it('logs, with --tail and --timestamps; --previous without a previous instance', async () => {
    assert.deepEqual(await kubectl(['logs', 'web', '-c', 'nginx']), { code: 0, stdout: 'first\nsecond\n', stderr: '' });
    assert.equal((await kubectl(['logs', 'web', '-c', 'nginx', '--tail=1', '--timestamps'])).stdout, '2026-11-24T12:00:02.000000000Z second\n');
    const prev = await kubectl(['logs', 'web', '-c', 'nginx', '--previous']);
    assert.equal(prev.stderr, 'Error from server (BadRequest): previous terminated container "nginx" in pod "web" not found\n');
    assert.equal(prev.code, 1);
  });

  for (const [transport, env] of [
    ['SPDY in WebSocket', {}],
    ['direct SPDY', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }],
  ] as const) {
    it(`port-forward carries connections both ways (${transport})`, () => portForward('hostnet', echoPort, env));
  }

  it('port-forward reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const child = spawn(kubectlPath, ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), 'port-forward', 'pod/hostnet', `:${port}`], {
      env: { ...process.env, HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      const localPort = await forwardedPort(child.stdout);
      const s = connect({ host: '127.0.0.1', port: localPort });
      s.on('error', () => {});
      s.resume();
      for (let i = 0; i < 200 && !stderr.includes('lost connection to pod'); i++) await new Promise((r) => setTimeout(r, 25));
      const plain = stderr.replaceAll('\\"', '"');
      const want = `error forwarding port ${port} to pod uid-hostnet, uid : failed to execute portforward in network namespace "host": failed to connect to localhost:${port} inside namespace "uid-hostnet", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused`;
      assert.ok(plain.includes(want), stderr);
      assert.ok(stderr.endsWith('error: lost connection to pod\n'), stderr);
      s.destroy();
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('port-forward reaches a port inside a network namespace (nsenter + socat)', { skip: netnsSkip() }, async () => {
    const listener = spawn('unshare', ['--net', '--', 'sh', '-c', 'ip link set lo up && exec socat TCP-LISTEN:7777,bind=127.0.0.1,reuseaddr,fork EXEC:cat'], { stdio: 'ignore' });
    netLocation.netnsPath = `/proc/${listener.pid}/ns/net`;
    try {
      await portForward('netpod', 7777, {});
    } finally {
      listener.kill('SIGKILL');
    }
  });

  function forwardedPort(stdout: NodeJS.ReadableStream): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      let out = '';
      stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /Forwarding from 127\.0\.0\.1:(\d+) ->/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      stdout.on('end', () => reject(new Error(`kubectl port-forward exited: ${out}`)));
    });
  }

  async function portForward(pod: string, remotePort: number, env: Record<string, string>): Promise<void> {
    {
      const child = spawn(kubectlPath, ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), 'port-forward', `pod/${pod}`, `:${remotePort}`], {
        env: { ...process.env, HOME: dir, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const localPort = await forwardedPort(child.stdout);
        for (const word of ['one', 'two']) {
          const got = await new Promise<string>((resolve, reject) => {
            const s = connect({ host: '127.0.0.1', port: localPort });
            let data = '';
            s.on('data', (c: Buffer) => {
              data += c.toString();
              if (data === word) {
                s.end();
                resolve(data);
              }
            });
            s.on('error', reject);
            s.write(word);
          });
          assert.equal(got, word);
        }
      } finally {
        child.kill('SIGTERM');
      }
    }
  }
});

function netnsSkip(): string | false {
  if (process.env.CI === 'true') return false; // under CI nothing skips: a missing tool fails
  if (process.getuid?.() !== 0) return 'needs root (nsenter)';
  for (const cmd of ['socat', 'unshare', 'ip', 'nsenter']) if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0) return `needs ${cmd}`;
  return false;
}
