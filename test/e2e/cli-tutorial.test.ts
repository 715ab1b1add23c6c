/**
 * The tutorial (multi-container pods) replayed with `podyard` in place of kubectl (issue #8):
 * every read-only step runs through both and the outputs must match once ages are masked;
 * mutating steps print what kubectl prints, and kubectl and podyard apply the same objects in
 * turn (the last-applied annotation is shared).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { podyardBin, repoRoot, startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlPath } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const images = ['nginx', 'debian', 'ipc', 'python'];
const skip = containerTestsUnavailable(images) ?? false;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Ages (`5s`, `3m20s`, `2d4h`, `10m (x3 over 12m)`) become `AGE`; column padding is normalised. */
const mask = (s: string) =>
  s
    .replace(/\b\d+[smhdy](\d+[smhd])?( \(x\d+ over \d+[smhdy](\d+[smhd])?\))?(?=\s|$)/gm, 'AGE')
    // An age one character wider (9s, 10s) widens its column: compare the words, not the padding.
    .replace(/ {2,}/g, '  ');

describe('the tutorial with podyard in place of kubectl', { skip }, () => {
  let server: TestPodyard;
  const podyard = (args: string[], input = ''): Promise<Run> =>
    new Promise((resolve, reject) => {
      // The flag goes right after the verb: after `--`, it would be part of an exec'd command.
      const child = spawn(process.execPath, [podyardBin, args[0]!, '--kubeconfig', server.kubeconfig, ...args.slice(1)], {
        cwd: repoRoot,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, KUBECONFIG: '', PODYARD_DATA_DIR: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(input);
    });
  const k = (args: string[]) => kubectl(server.kubeconfig, args);
  const dump = () => `\n--- server log ---\n${server.output().slice(-3000)}`;
  /** Runs both; asserts equal exit codes and equal masked stdout and stderr. */
  const same = async (args: string[], compare: (s: string) => string = mask): Promise<Run> => {
    const [p, r] = [await podyard(args), await k(args)];
    assert.equal(p.code, r.code, `exit code of ${args.join(' ')}: podyard ${p.code} (${p.stderr}), kubectl ${r.code} (${r.stderr})${dump()}`);
    assert.equal(compare(p.stdout), compare(r.stdout), `stdout of ${args.join(' ')}`);
    assert.equal(compare(p.stderr), compare(r.stderr), `stderr of ${args.join(' ')}`);
    return p;
  };
  const ok = async (args: string[], expected?: string): Promise<string> => {
    const p = await podyard(args);
    assert.equal(p.code, 0, `podyard ${args.join(' ')}: ${p.stderr}${dump()}`);
    if (expected !== undefined) assert.equal(p.stdout, expected);
    return p.stdout;
  };

  before(async () => {
    server = await startPodyard();
    await loadTestImages(server.dataDir, images);
  });
  after(async () => {
    await k(['delete', 'pods', '--all', '--grace-period=1']);
    await server.stop();
    await server.cleanup();
  });

  it('shared volume: apply, wait, get, exec and describe read like kubectl', async () => {
    await ok(['apply', '-f', 'examples/mc1-shared-volume.yaml'], 'pod/mc1 created\n');
    assert.equal((await k(['apply', '-f', join(repoRoot, 'examples/mc1-shared-volume.yaml')])).stdout, 'pod/mc1 unchanged\n', 'kubectl reads our last-applied annotation');
    await ok(['apply', '-f', 'examples/mc1-shared-volume.yaml'], 'pod/mc1 unchanged\n');
    await ok(['wait', '--for=condition=Ready', 'pod/mc1', '--timeout=120s'], 'pod/mc1 condition met\n');
    await same(['get', 'pods']);
    await same(['get', 'pods', '-o', 'wide', '--show-labels']);
    await same(['get', 'pods', '-A']);
    const page = await eventually(
      async () => {
        const out = await ok(['exec', 'mc1', '-c', '1st', '--', '/bin/cat', '/usr/share/nginx/html/index.html']);
        assert.match(out, /\d\d:\d\d:\d\d UTC \d{4}/);
        return out;
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    const first = page.split('\n')[0]!;
    assert.equal((await ok(['exec', 'mc1', '-c', '2nd', '--', '/bin/cat', '/html/index.html'])).split('\n')[0], first);
    assert.equal((await k(['exec', 'mc1', '-c', '2nd', '--', '/bin/cat', '/html/index.html'])).stdout.split('\n')[0], first);
    await same(['exec', 'mc1', '-c', '1st', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    assert.equal((await podyard(['exec', '-i', 'mc1', '-c', '2nd', '--', 'cat'], 'hello\n')).stdout, 'hello\n');
    await same(['describe', 'pod', 'mc1']);
    await same(['get', 'pod', 'mc1', '-o', 'yaml'], (s) => s.replace(/resourceVersion: "\d+"/g, 'resourceVersion: RV'));
    await same(['get', 'pod', 'mc1', '-o', 'jsonpath={.spec.containers[*].name} {.status.phase}']);
  });

  it('IPC: create, get --show-all -w, logs of both containers', async () => {
    const watch = (bin: string, args: string[]) => {
      const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: server.kubeconfig } });
      const seen = { out: '', err: '' };
      child.stdout.on('data', (d: Buffer) => (seen.out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (seen.err += d.toString()));
      return { child, seen };
    };
    const ours = watch(process.execPath, [podyardBin, 'get', 'pods', '--show-all', '-w', '--kubeconfig', server.kubeconfig]);
    const theirs = watch(kubectlPath, ['get', 'pods', '-w', '--kubeconfig', server.kubeconfig]);
    try {
      await eventually(() => {
        assert.match(ours.seen.out, /^mc1 /m);
        assert.match(theirs.seen.out, /^mc1 /m);
      });
      await ok(['create', '-f', 'examples/mc2-ipc.yaml'], 'pod/mc2 created\n');
      const again = await podyard(['create', '-f', 'examples/mc2-ipc.yaml']);
      assert.equal(again.code, 1);
      assert.equal(again.stderr, 'Error from server (AlreadyExists): error when creating "examples/mc2-ipc.yaml": pods "mc2" already exists\n');
      await ok(['wait', '--for=jsonpath={.status.phase}=Succeeded', 'pod/mc2', '--timeout=120s'], 'pod/mc2 condition met\n');
      await eventually(() => {
        for (const s of [ours.seen.out, theirs.seen.out]) assert.match(s, /^mc2\s+0\/2\s+Completed/m);
      }, { timeoutMs: 10_000 });
      assert.match(ours.seen.err, /--show-all \(-a\) was removed in kubectl 1\.14/);
      // Both watches saw the same events, printed alike.
      assert.deepEqual(mask(ours.seen.out).split('\n'), mask(theirs.seen.out).split('\n'));
      assert.match(ours.seen.out, /^mc2\s+0\/2\s+Pending/m);
      assert.match(ours.seen.out, /^mc2\s+0\/2\s+ContainerCreating/m);
    } finally {
      ours.child.kill('SIGINT');
      theirs.child.kill();
    }
    // kubectl 1.32 refuses the tutorial's old flag; podyard says what changed and shows what kubectl shows without it.
    const [showAll, plain] = [await podyard(['get', 'pods', '--show-all']), await k(['get', 'pods'])];
    assert.equal(showAll.code, 0, showAll.stderr);
    assert.match(showAll.stderr, /--show-all \(-a\) was removed in kubectl 1\.14/);
    assert.equal(mask(showAll.stdout), mask(plain.stdout));
    const consumed = await same(['logs', 'mc2', '-c', '2nd']);
    assert.match(consumed.stdout.trimEnd(), /Consumed: done$/);
    await same(['logs', 'mc2', '-c', '1st', '--tail=3', '--prefix']);
    // kubectl reads the containers' logs from a Go map, so their order varies run to run: compare the lines.
    await same(['logs', 'mc2', '--all-containers', '--prefix'], (s) => mask(s).split('\n').sort().join('\n'));
    await same(['logs', 'mc2']);
    await same(['get', 'pod', 'mc2', '-o', 'json'], (s) => s.replace(/"resourceVersion": "\d+"/g, 'RV'));
    await same(['describe', 'pod', 'mc2']);
  });

  it('reverse proxy: config map, expose as NodePort, describe service', async () => {
    await ok(['apply', '-f', 'examples/mc3-reverse-proxy.yaml'], 'configmap/mc3-nginx-conf created\npod/mc3 created\n');
    await ok(['wait', '--for=condition=Ready', 'pod/mc3', '--timeout=120s']);
    await ok(['expose', 'pod', 'mc3', '--type=NodePort', '--port=80'], 'service/mc3 exposed\n');
    await same(['describe', 'service', 'mc3']);
    await same(['describe', 'configmap', 'mc3-nginx-conf']);
    await same(['describe', 'pod', 'mc3']);
    await same(['get', 'svc']);
    await same(['get', 'pods,svc', '-o', 'name']);
    await same(['get', 'pods', '-l', 'app=mc3', '-o', 'jsonpath={.items[*].metadata.name}']);
  });

  it('errors read like kubectl\'s and exit 1', async () => {
    await same(['get', 'pod', 'nope']);
    await same(['delete', 'pod', 'nope']);
    await same(['logs', 'nope']);
    await same(['get', 'nopes']);
    const bad = await podyard(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: {}\n');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+: /);
  });

  it('delete waits until the pod is gone', async () => {
    await ok(['delete', 'pod', 'mc2'], 'pod "mc2" deleted\n');
    assert.equal((await k(['get', 'pod', 'mc2'])).code, 1);
    await ok(['delete', '-f', 'examples/mc3-reverse-proxy.yaml', '--grace-period=1'], 'configmap "mc3-nginx-conf" deleted\npod "mc3" deleted\n');
  });
});
