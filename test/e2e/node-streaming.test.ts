/**
 * The node's streaming subresources through the real API server and the real kubectl (issue #4):
 * `exec` carries the exit code back, pipes stdin, and runs on a real TTY that follows resizes;
 * `attach` reaches a running container's stdin; `kubectl cp` copies files and directories in and
 * out (busybox tar); `port-forward` reaches a pod's port 80 from 127.0.0.1; `logs` honours
 * --tail, --since, --timestamps, --limit-bytes and -c, and `logs -f` ends when the container does.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlOk, kubectlPath } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const run = promisify(execFile);
const skip = containerTestsUnavailable(['busybox']) ?? false;

const pods = `apiVersion: v1
kind: Pod
metadata:
  name: st-main
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: c
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "mkdir -p /www && echo served-by-st-main > /www/index.html && httpd -p 80 -h /www && echo first line && sleep 2 && echo second line && exec sleep 3600"]
    - name: other
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "echo from-other; echo to-stderr >&2; exec sleep 3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: st-attach
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: sh
      image: busybox
      imagePullPolicy: IfNotPresent
      stdin: true
      tty: false
      command: ["sh", "-c", "while read line; do echo \\"got: $line\\"; done"]
    - name: term
      image: busybox
      imagePullPolicy: IfNotPresent
      stdin: true
      tty: true
      command: ["sh"]
`;

const shortLived = `apiVersion: v1
kind: Pod
metadata:
  name: st-short
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 1
  containers:
    - name: c
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "for i in 1 2 3 4 5 6 7 8; do echo tick $i; sleep 1; done"]
`;

describe('exec, attach, cp, port-forward and logs through the API server', { skip }, () => {
  let server: TestPodyard;
  let work: string;
  const tmuxSocket = `podyard-e2e-${process.pid}`;
  const k = (...args: string[]) => kubectlOk(server, args);
  /** kubectl with stdin from a file and stdout kept as bytes. */
  const kubectlBinary = (args: string[], stdinFile?: string) =>
    new Promise<{ code: number | null; stdout: Buffer; stderr: string }>((resolve, reject) => {
      const fd = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
      const child = spawn(kubectlPath, ['--kubeconfig', server.kubeconfig, ...args], { stdio: [fd, 'pipe', 'pipe'] });
      if (typeof fd === 'number') closeSync(fd);
      const out: Buffer[] = [];
      let stderr = '';
      child.stdout!.on('data', (d: Buffer) => out.push(d));
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout: Buffer.concat(out), stderr });
      });
    });
  const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
  const tmux = async (...args: string[]) => (await run('tmux', ['-L', tmuxSocket, ...args])).stdout;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'podyard-streaming-'));
    server = await startPodyard();
    await loadTestImages(server.dataDir, ['busybox']);
    const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: pods });
    assert.equal(r.code, 0, r.stderr);
    await k('wait', '--for=condition=Ready', 'pod/st-main', 'pod/st-attach', '--timeout=90s');
  });
  after(async () => {
    await run('tmux', ['-L', tmuxSocket, 'kill-server']).catch(() => undefined);
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, tmuxSocket), { force: true });
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=0', '--force']);
    await server.stop();
    await server.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('exec exits with the command\'s exit code, and streams stdout and stderr apart', async () => {
    const r = await kubectl(server.kubeconfig, ['exec', 'st-main', '-c', 'c', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, 'out\n');
    assert.equal(r.stderr, 'err\ncommand terminated with exit code 3\n');
    const ok = await kubectl(server.kubeconfig, ['exec', 'st-main', '-c', 'c', '--', 'true']);
    assert.equal(ok.code, 0, ok.stderr);
    const missing = await kubectl(server.kubeconfig, ['exec', 'st-main', '-c', 'c', '--', '/no/such/binary']);
    assert.notEqual(missing.code, 0);
    assert.notEqual(missing.code, 3);
  });

  it('exec -i pipes stdin to the command until EOF', async () => {
    const input = Array.from({ length: 2000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const r = await kubectl(server.kubeconfig, ['exec', '-i', 'st-main', '-c', 'c', '--', 'cat'], { input });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, input);
    const wc = await kubectl(server.kubeconfig, ['exec', '-i', 'st-main', '-c', 'c', '--', 'wc', '-l'], { input });
    assert.equal(wc.stdout.trim(), '2000');
    // Binary data, a megabyte each way, nothing lost or reordered (flow control on both sides).
    const blob = randomBytes(1024 * 1024);
    const blobFile = join(work, 'blob.bin');
    writeFileSync(blobFile, blob);
    const sum = await kubectlBinary(['exec', '-i', 'st-main', '-c', 'c', '--', 'md5sum'], blobFile);
    assert.equal(sum.code, 0, sum.stderr);
    assert.equal(sum.stdout.toString().split(' ')[0], md5(blob));
    const echoed = await kubectlBinary(['exec', '-i', 'st-main', '-c', 'c', '--', 'cat'], blobFile);
    assert.equal(echoed.code, 0, echoed.stderr);
    assert.equal(echoed.stdout.length, blob.length);
    assert.equal(md5(echoed.stdout), md5(blob));
    // A command that stops reading early ends the session (no hang on the stdin still coming).
    const head = await kubectlBinary(['exec', '-i', 'st-main', '-c', 'c', '--', 'head', '-c', '5'], blobFile);
    assert.equal(head.code, 0, head.stderr);
    assert.deepEqual(head.stdout, blob.subarray(0, 5));
    // Without -i the command's stdin is empty: cat ends at once.
    const noStdin = await kubectl(server.kubeconfig, ['exec', 'st-main', '-c', 'c', '--', 'cat'], { timeoutMs: 15_000 });
    assert.equal(noStdin.code, 0, noStdin.stderr);
    assert.equal(noStdin.stdout, '');
    const big = await kubectlBinary(['exec', 'st-main', '-c', 'c', '--', 'sh', '-c', 'head -c 4000000 /dev/zero | tr "\\0" x']);
    assert.equal(big.code, 0, big.stderr);
    assert.equal(big.stdout.length, 4_000_000);
    assert.ok(big.stdout.every((b) => b === 0x78));
  });

  it('exec -it runs on a TTY of the pod and follows a terminal resize', async () => {
    const exitFile = join(work, 'tty-exit');
    const command = `${kubectlPath} --kubeconfig ${server.kubeconfig} exec -it st-main -c c -- sh; echo $? > ${exitFile}`;
    await tmux('new-session', '-d', '-s', 'tty', '-x', '100', '-y', '30', 'sh', '-c', command);
    const screen = () => tmux('capture-pane', '-p', '-t', 'tty');
    await eventually(async () => assert.match(await screen(), /^\/ [#$]\s*$/m), { timeoutMs: 20_000, intervalMs: 250 });
    await tmux('send-keys', '-t', 'tty', 'echo "T=$(tty)"; echo "S=$(stty size)"', 'Enter');
    await eventually(async () => {
      const s = await screen();
      assert.match(s, /^T=\/dev\/pts\/\d+$/m);
      assert.match(s, /^S=30 100$/m);
    }, { timeoutMs: 15_000, intervalMs: 250 });
    await tmux('resize-window', '-t', 'tty', '-x', '120', '-y', '40');
    await eventually(async () => {
      await tmux('send-keys', '-t', 'tty', 'echo "R=$(stty size)"', 'Enter');
      await new Promise((r) => setTimeout(r, 500));
      assert.match(await screen(), /^R=40 120$/m);
    }, { timeoutMs: 15_000, intervalMs: 500 });
    // ^C reaches the foreground process through the container's terminal, not kubectl.
    await tmux('send-keys', '-t', 'tty', 'sleep 300', 'Enter');
    await new Promise((r) => setTimeout(r, 1000));
    await tmux('send-keys', '-t', 'tty', 'C-c');
    await tmux('send-keys', '-t', 'tty', 'echo "after=$?"', 'Enter');
    await eventually(async () => assert.match(await screen(), /^after=130$/m), { timeoutMs: 15_000, intervalMs: 250 });
    await tmux('send-keys', '-t', 'tty', 'exit 7', 'Enter');
    // The shell's exit code comes back through the TTY session as kubectl's own.
    await eventually(() => assert.equal(readFileSync(exitFile, 'utf8').trim(), '7'), { timeoutMs: 15_000, intervalMs: 250 });
  });

  it('attach -i reaches the stdin of a running container (stdin: true, tty: false)', async () => {
    const child = spawn(kubectlPath, ['--kubeconfig', server.kubeconfig, 'attach', '-i', 'st-attach', '-c', 'sh'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      await eventually(() => {
        child.stdin.write('hello attach\n');
        assert.match(out, /^got: hello attach$/m, `stdout: ${out}\nstderr: ${err}`);
      }, { timeoutMs: 20_000, intervalMs: 1000 });
    } finally {
      child.kill();
    }
    // The container outlives the attach session and its output is also in its log.
    assert.equal(await k('get', 'pod', 'st-attach', '-o', 'jsonpath={.status.containerStatuses[0].state.running.startedAt}') !== '', true);
    assert.match(await k('logs', 'st-attach'), /^got: hello attach$/m);
    assert.equal(await k('get', 'pod', 'st-attach', '-o', 'jsonpath={.status.containerStatuses[0].restartCount}'), '0');
  });

  it('attach -it to a container with a TTY gets the terminal\'s size, then its resizes', async () => {
    const command = `${kubectlPath} --kubeconfig ${server.kubeconfig} attach -it st-attach -c term`;
    await tmux('new-session', '-d', '-s', 'attach', '-x', '90', '-y', '25', 'sh', '-c', command);
    const screen = () => tmux('capture-pane', '-p', '-t', 'attach');
    try {
      // kubectl sends the size plus one, then the real size (to force a redraw): the last one wins.
      await eventually(async () => {
        await tmux('send-keys', '-t', 'attach', 'echo "A=$(tty) $(stty size)"', 'Enter');
        await new Promise((r) => setTimeout(r, 500));
        assert.match(await screen(), /^A=\/dev\/pts\/\d+ 25 90$/m);
      }, { timeoutMs: 20_000, intervalMs: 500 });
      await tmux('resize-window', '-t', 'attach', '-x', '110', '-y', '33');
      await eventually(async () => {
        await tmux('send-keys', '-t', 'attach', 'echo "B=$(stty size)"', 'Enter');
        await new Promise((r) => setTimeout(r, 500));
        assert.match(await screen(), /^B=33 110$/m);
      }, { timeoutMs: 15_000, intervalMs: 500 });
    } finally {
      await tmux('kill-session', '-t', 'attach').catch(() => undefined);
    }
  });

  it('cp copies a file and a directory into a container and back out', async () => {
    const file = join(work, 'hello.txt');
    const content = `hello from the host ${Date.now()}\n`.repeat(500);
    writeFileSync(file, content);
    await k('cp', file, 'st-main:/tmp/hello.txt', '-c', 'c');
    assert.equal(await k('exec', 'st-main', '-c', 'c', '--', 'cat', '/tmp/hello.txt'), content);
    await k('cp', 'st-main:/tmp/hello.txt', join(work, 'back.txt'), '-c', 'c');
    assert.equal(readFileSync(join(work, 'back.txt'), 'utf8'), content);

    const bin = randomBytes(1024 * 1024);
    writeFileSync(join(work, 'bin.dat'), bin);
    await k('cp', join(work, 'bin.dat'), 'st-main:/tmp/bin.dat', '-c', 'c');
    await k('cp', 'st-main:/tmp/bin.dat', join(work, 'bin-back.dat'), '-c', 'c');
    assert.equal(md5(readFileSync(join(work, 'bin-back.dat'))), md5(bin));

    const dir = join(work, 'tree');
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'a.txt'), 'A\n');
    writeFileSync(join(dir, 'sub', 'deeper', 'b.txt'), 'B\n');
    await k('cp', dir, 'st-main:/tmp/tree', '-c', 'c');
    assert.equal(await k('exec', 'st-main', '-c', 'c', '--', 'cat', '/tmp/tree/a.txt', '/tmp/tree/sub/deeper/b.txt'), 'A\nB\n');
    await k('exec', 'st-main', '-c', 'c', '--', 'sh', '-c', 'echo C > /tmp/tree/sub/c.txt');
    await k('cp', 'st-main:/tmp/tree', join(work, 'tree-back'), '-c', 'c');
    assert.equal(readFileSync(join(work, 'tree-back', 'a.txt'), 'utf8'), 'A\n');
    assert.equal(readFileSync(join(work, 'tree-back', 'sub', 'deeper', 'b.txt'), 'utf8'), 'B\n');
    assert.equal(readFileSync(join(work, 'tree-back', 'sub', 'c.txt'), 'utf8'), 'C\n');
  });

  it('port-forward reaches the pod\'s port 80 from 127.0.0.1', async () => {
    const child = spawn(kubectlPath, ['--kubeconfig', server.kubeconfig, 'port-forward', 'pod/st-main', ':80'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const port = await eventually(() => {
        const m = /Forwarding from 127\.0\.0\.1:(\d+) -> 80/.exec(out);
        assert.ok(m, out);
        return Number(m[1]);
      }, { timeoutMs: 20_000, intervalMs: 200 });
      const fetchOnce = () =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          get({ host: '127.0.0.1', port, path: '/index.html', agent: false }, (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          }).on('error', reject);
        });
      // Several connections over the same forward, one after another and at once.
      for (let i = 0; i < 3; i++) assert.deepEqual(await fetchOnce(), { status: 200, body: 'served-by-st-main\n' });
      const many = await Promise.all(Array.from({ length: 4 }, fetchOnce));
      for (const r of many) assert.deepEqual(r, { status: 200, body: 'served-by-st-main\n' });
      assert.match(out, /Handling connection for \d+/);
    } finally {
      child.kill();
    }
  });

  it('logs: -c, --tail, --timestamps, --limit-bytes, --since, --since-time, --all-containers --prefix', async () => {
    await eventually(async () => assert.equal(await k('logs', 'st-main', '-c', 'c'), 'first line\nsecond line\n'), { timeoutMs: 20_000, intervalMs: 500 });
    assert.equal(await k('logs', 'st-main', '-c', 'other'), 'from-other\nto-stderr\n');
    assert.equal(await k('logs', 'st-main', '-c', 'c', '--tail=1'), 'second line\n');
    assert.equal(await k('logs', 'st-main', '-c', 'c', '--tail=0'), '');
    assert.equal(await k('logs', 'st-main', '-c', 'c', '--limit-bytes=7'), 'first l');
    const stamped = (await k('logs', 'st-main', '-c', 'c', '--timestamps')).trimEnd().split('\n');
    assert.equal(stamped.length, 2);
    const times = stamped.map((l) => {
      const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z) (first|second) line$/.exec(l);
      assert.ok(m, l);
      return Date.parse(m[1]!);
    });
    assert.ok(times[1]! - times[0]! >= 1500, `the lines were written ~2 s apart: ${stamped.join(' | ')}`);
    // --since: a window that excludes both lines once they are old enough, and one that includes them.
    assert.equal(await k('logs', 'st-main', '-c', 'c', '--since=1h'), 'first line\nsecond line\n');
    await eventually(async () => assert.equal(await k('logs', 'st-main', '-c', 'c', '--since=1s'), ''), { timeoutMs: 10_000, intervalMs: 500 });
    // --since-time: from the second line's own timestamp on.
    assert.equal(await k('logs', 'st-main', '-c', 'c', `--since-time=${new Date(times[1]!).toISOString()}`), 'second line\n');
    assert.equal(await k('logs', 'st-main', '-c', 'c', '--since-time=2000-01-01T00:00:00Z'), 'first line\nsecond line\n');
    // --all-containers with --prefix (kubectl asks for each container in turn).
    const all = await k('logs', 'st-main', '--all-containers', '--prefix');
    assert.match(all, /^\[pod\/st-main\/c\] second line$/m);
    assert.match(all, /^\[pod\/st-main\/other\] to-stderr$/m);
    // Without -c on a two-container pod kubectl defaults to the first container (with a note).
    const noC = await kubectl(server.kubeconfig, ['logs', 'st-main']);
    assert.equal(noC.code, 0, noC.stderr);
    assert.equal(noC.stdout, 'first line\nsecond line\n');
    const bad = await kubectl(server.kubeconfig, ['logs', 'st-main', '-c', 'nope']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /container nope is not valid for pod st-main/);
  });

  it('logs -f follows a running container and ends when it exits', async () => {
    const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: shortLived });
    assert.equal(r.code, 0, r.stderr);
    // Follow from the first line on, while the container still runs.
    await eventually(async () => assert.match(await k('logs', 'st-short'), /^tick 1$/m), { timeoutMs: 60_000, intervalMs: 200 });
    const started = Date.now();
    const f = await kubectl(server.kubeconfig, ['logs', '-f', 'st-short'], { timeoutMs: 40_000 });
    const tookMs = Date.now() - started;
    assert.equal(f.code, 0, f.stderr);
    assert.equal(f.stdout, 'tick 1\ntick 2\ntick 3\ntick 4\ntick 5\ntick 6\ntick 7\ntick 8\n');
    assert.ok(tookMs > 2_000, `logs -f waited for the lines still to come (${tookMs} ms)`);
    assert.ok(tookMs < 30_000, `logs -f returned once the container exited (${tookMs} ms)`);
    await eventually(async () => assert.equal(await k('get', 'pod', 'st-short', '-o', 'jsonpath={.status.phase}'), 'Succeeded'), { timeoutMs: 20_000, intervalMs: 250 });
  });
});
