/**
 * `podyard top`, `port-forward` and `cp` against a real server and real busybox containers
 * (issue #8): `top pod`/`top node` print kubectl's table shape (compared with the real kubectl),
 * port-forward reaches busybox httpd from 127.0.0.1, and cp copies a file and a directory tree
 * into the pod and back byte for byte.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { podyardBin, startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const skip = containerTestsUnavailable(['busybox']) ?? false;

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: verbs-web
  labels:
    app: verbs-web
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: web
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "mkdir -p /www && cd /www && exec httpd -f -p 8080"]
      ports:
        - name: http
          containerPort: 8080
    - name: idle
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sleep", "3600"]
---
apiVersion: v1
kind: Service
metadata:
  name: verbs-web
spec:
  selector:
    app: verbs-web
  ports:
    - port: 80
      targetPort: http
`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** First line and the first cell of every other line of a table. */
const shape = (table: string) => {
  const lines = table.trimEnd().split('\n');
  return { header: lines[0]!.trim().split(/\s+/), rows: lines.slice(1).map((l) => l.split(/\s+/)[0]) };
};

/** A free loopback port. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const httpGet = (port: number, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });

const httpStatus = (port: number, path: string) =>
  new Promise<number>((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    }).on('error', reject);
  });

describe('podyard top, port-forward and cp', { skip }, () => {
  let server: TestPodyard;
  let work: string;
  const children: ChildProcess[] = [];

  const podyard = (args: string[], options: { cwd?: string } = {}): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [podyardBin, args[0]!, '--kubeconfig', server.kubeconfig, ...args.slice(1)], {
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(options.cwd ? { cwd: options.cwd } : {}),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  const ok = async (args: string[], options: { cwd?: string } = {}) => {
    const r = await podyard(args, options);
    assert.equal(r.code, 0, `podyard ${args.join(' ')}: ${r.stderr}\n--- server log ---\n${server.output().slice(-2000)}`);
    return r;
  };
  const k = async (...args: string[]) => {
    const r = await kubectl(server.kubeconfig, args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'podyard-verbs-'));
    server = await startPodyard();
    await loadTestImages(server.dataDir, ['busybox']);
    const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: pod });
    assert.equal(r.code, 0, r.stderr);
    await k('wait', '--for=condition=Ready', 'pod/verbs-web', '--timeout=90s');
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await kubectl(server.kubeconfig, ['delete', 'pod', 'verbs-web', '--grace-period=0', '--force']);
    await server.stop();
    await server.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('top pod and top node print what kubectl top prints, once metrics are available', async () => {
    await eventually(
      async () => {
        const r = await podyard(['top', 'pod']);
        assert.equal(r.code, 0, r.stderr);
      },
      { timeoutMs: 40_000, intervalMs: 1000 },
    );
    const [p, kc] = [await ok(['top', 'pod']), await k('top', 'pod')];
    assert.deepEqual(shape(p.stdout), shape(kc));
    assert.deepEqual(shape(p.stdout), { header: ['NAME', 'CPU(cores)', 'MEMORY(bytes)'], rows: ['verbs-web'] });
    assert.match(p.stdout, /^verbs-web +\d+m +\d+Mi +\n$/m);

    const containers = await ok(['top', 'pod', 'verbs-web', '--containers']);
    const kContainers = await k('top', 'pod', 'verbs-web', '--containers');
    assert.deepEqual(shape(containers.stdout), shape(kContainers));
    assert.deepEqual(
      containers.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/).slice(0, 2)),
      kContainers.trimEnd().split('\n').map((l) => l.split(/\s+/).slice(0, 2)),
    );

    const all = await ok(['top', 'pod', '-A', '--no-headers', '--sort-by=memory']);
    assert.deepEqual(shape('\n' + all.stdout).rows, shape('\n' + (await k('top', 'pod', '-A', '--no-headers', '--sort-by=memory'))).rows);
    const byLabel = await ok(['top', 'pod', '-l', 'app=verbs-web']);
    assert.deepEqual(shape(byLabel.stdout).rows, ['verbs-web']);
    const none = await podyard(['top', 'pod', '-l', 'app=nothing']);
    const kNone = await kubectl(server.kubeconfig, ['top', 'pod', '-l', 'app=nothing']);
    assert.deepEqual([none.code, none.stdout, none.stderr], [kNone.code, kNone.stdout, kNone.stderr]);

    const node = await ok(['top', 'node']);
    const kNode = await k('top', 'node');
    assert.deepEqual(shape(node.stdout), shape(kNode));
    assert.match(node.stdout, /^\S+ +\d+m +\d+% +\d+Mi +\d+% +\n$/m);
    const noHeaders = await ok(['top', 'node', '--no-headers']);
    assert.equal(noHeaders.stdout.split('\n').length, kNode.split('\n').length - 1);

    const bad = await podyard(['top', 'pod', '--sort-by=disk']);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, 'error: --sort-by accepts only cpu or memory\n');
  });

  it('port-forward pod/NAME LOCAL:8080 serves httpd\'s page on 127.0.0.1:LOCAL, and svc/NAME resolves the targetPort', async () => {
    const page = `hello from verbs-web ${randomBytes(4).toString('hex')}\n`;
    const w = await kubectl(server.kubeconfig, ['exec', '-i', 'verbs-web', '-c', 'web', '--', 'sh', '-c', 'cat > /www/index.html'], { input: page });
    assert.equal(w.code, 0, w.stderr);

    for (const target of ['pod/verbs-web', 'svc/verbs-web']) {
      const local = await freePort();
      const remote = target.startsWith('svc') ? '80' : '8080';
      const child = spawn(process.execPath, [podyardBin, 'port-forward', '--kubeconfig', server.kubeconfig, target, `${local}:${remote}`], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await eventually(() => assert.match(stdout, /Forwarding from/, stderr), { timeoutMs: 15_000, intervalMs: 50 });
      assert.equal(stdout, `Forwarding from 127.0.0.1:${local} -> 8080\n`);
      for (let i = 0; i < 3; i++) {
        const r = await httpGet(local, '/index.html');
        assert.equal(r.status, 200);
        assert.equal(r.body, page);
      }
      // busybox httpd lingers before closing after an error page (with kubectl too): only the status is read.
      assert.equal(await httpStatus(local, '/missing.html'), 404);
      await eventually(() => assert.equal(stdout.split(`Handling connection for ${local}\n`).length - 1, 4), { timeoutMs: 5000, intervalMs: 50 });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGINT');
      assert.equal(await exited, 0, stderr);
    }

    // A port nobody listens on: the connection is closed and the error reported.
    const local = await freePort();
    const child = spawn(process.execPath, [podyardBin, 'port-forward', '--kubeconfig', server.kubeconfig, 'verbs-web', `${local}:9999`], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await eventually(() => assert.match(out, /Forwarding from/), { timeoutMs: 15_000, intervalMs: 50 });
    await assert.rejects(httpGet(local, '/'));
    await eventually(() => assert.match(err, /error forwarding port 9999/), { timeoutMs: 5000, intervalMs: 50 });
    child.kill('SIGINT');

    const notRunning = await podyard(['port-forward', 'pod/no-such-pod', '8080']);
    assert.equal(notRunning.code, 1);
    assert.equal(notRunning.stderr, 'Error from server (NotFound): pods "no-such-pod" not found\n');
  });

  it('cp copies a file and a directory into the pod and back, byte for byte', async () => {
    const blob = randomBytes(300_000);
    writeFileSync(join(work, 'blob.bin'), blob);
    await ok(['cp', 'blob.bin', 'verbs-web:/tmp/blob.bin', '-c', 'idle'], { cwd: work });
    const sum = await kubectl(server.kubeconfig, ['exec', 'verbs-web', '-c', 'idle', '--', 'md5sum', '/tmp/blob.bin']);
    assert.equal(sum.stdout.split(' ')[0], (await import('node:crypto')).createHash('md5').update(blob).digest('hex'));
    const back = await ok(['cp', 'default/verbs-web:/tmp/blob.bin', join(work, 'blob-back.bin'), '-c', 'idle']);
    assert.equal(back.stdout, '');
    assert.ok(readFileSync(join(work, 'blob-back.bin')).equals(blob));

    // Into an existing directory: the source keeps its name (kubectl's checkDestinationIsDir).
    await ok(['cp', join(work, 'blob.bin'), 'verbs-web:/tmp', '-c', 'idle']);

    // A tree with a subdirectory, an empty file and a name with spaces.
    const tree = join(work, 'tree');
    mkdirSync(join(tree, 'sub', 'deeper'), { recursive: true });
    const files: Record<string, Buffer> = {
      'a.txt': Buffer.from('alpha\n'),
      'sub/b c.bin': randomBytes(70_000),
      'sub/deeper/empty': Buffer.alloc(0),
    };
    for (const [name, data] of Object.entries(files)) writeFileSync(join(tree, name), data);
    await ok(['cp', tree, 'verbs-web:/tmp/tree-in-pod', '-c', 'idle']);
    const listing = await kubectl(server.kubeconfig, ['exec', 'verbs-web', '-c', 'idle', '--', 'find', '/tmp/tree-in-pod', '-type', 'f']);
    assert.deepEqual(listing.stdout.trim().split('\n').sort(), Object.keys(files).map((f) => `/tmp/tree-in-pod/${f}`).sort());
    const out = join(work, 'tree-back');
    await ok(['cp', 'verbs-web:/tmp/tree-in-pod', out, '-c', 'idle']);
    for (const [name, data] of Object.entries(files)) assert.ok(readFileSync(join(out, name)).equals(data), name);
    assert.deepEqual(readdirSync(out).sort(), ['a.txt', 'sub']);

    // The same through the real kubectl lands the same tree (same semantics).
    const kOut = join(work, 'tree-kubectl');
    await k('cp', 'verbs-web:/tmp/tree-in-pod', kOut, '-c', 'idle');
    assert.deepEqual(readdirSync(kOut).sort(), readdirSync(out).sort());

    // A symlink in the pod pointing out of the tree is skipped with kubectl's warning.
    await k('exec', 'verbs-web', '-c', 'idle', '--', 'ln', '-s', '/etc/passwd', '/tmp/tree-in-pod/link');
    const withLink = await ok(['cp', 'verbs-web:/tmp/tree-in-pod', join(work, 'tree-link'), '-c', 'idle']);
    assert.match(withLink.stderr, /warning: skipping symlink: ".*tree-link\/link" -> "\/etc\/passwd"/);
    assert.deepEqual(readdirSync(join(work, 'tree-link')).sort(), ['a.txt', 'sub']);

    const both = await podyard(['cp', 'a', 'b']);
    assert.equal(both.stderr, 'error: one of src or dest must be a remote file specification\n');
    const noLocal = await podyard(['cp', join(work, 'nope'), 'verbs-web:/tmp/x']);
    assert.equal(noLocal.stderr, `error: ${join(work, 'nope')} doesn't exist in local filesystem\n`);
  });
});
