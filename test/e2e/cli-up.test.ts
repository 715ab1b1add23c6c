/**
 * `podyard up` as a person sees it (issue #8): in a real terminal (tmux), on a fresh data dir
 * with no server running, up starts one, applies the tutorial's reverse-proxy pod, shows its
 * progress, then the containers' logs behind `pod/container |` prefixes; Ctrl-C deletes the pod,
 * stops the server and leaves no container. Then `up --exit-code-from` runs the IPC pod to
 * completion and returns the consumer's exit code.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { podyardBin, repoRoot } from '../helpers/podyard.js';
import { mirrorStorage, startMirror, type TestMirror } from '../helpers/mirror.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const run = promisify(execFile);
const images = ['nginx', 'python', 'ipc'];
const skip = containerTestsUnavailable(images) ?? false;
const socket = `podyard-cli-up-${process.pid}`;
const tmux = (...args: string[]) => run('tmux', ['-L', socket, ...args]);
const pane = async () => (await tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'up')).stdout;

describe('podyard up in a terminal', { skip }, () => {
  let dataDir: string;
  let mirror: TestMirror;
  /** The server `up` starts pulls docker.io images from the offline test mirror (its env aliases of --registry-mirror). */
  let mirrorEnv: Record<string, string>;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'podyard-up-'));
    await loadTestImages(dataDir, images);
    mirror = await startMirror(repoRoot, mirrorStorage(repoRoot)!);
    mirrorEnv = { PODYARD_REGISTRY_MIRROR: `docker.io=http://${mirror.host}`, PODYARD_REGISTRY_MIRROR_FALLBACK: 'false' };
  });
  after(async () => {
    // Let a still-running up clean up (Ctrl-C) before the terminal goes away.
    await tmux('send-keys', '-t', 'up', 'C-c').catch(() => undefined);
    await eventually(async () => assert.match(await pane(), /UP-EXIT=/), { timeoutMs: 60_000, intervalMs: 500 }).catch(() => undefined);
    await tmux('kill-server').catch(() => undefined);
    await run(process.execPath, [podyardBin, 'reset', '--data-dir', dataDir]).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    await mirror.stop();
  });

  it('shows progress, then prefixed logs; Ctrl-C leaves nothing running', async () => {
    const env = `env -u KUBECONFIG PODYARD_DATA_DIR=${dataDir} NO_COLOR= ${Object.entries(mirrorEnv).map(([k, v]) => `${k}=${v}`).join(' ')}`;
    await tmux('new-session', '-d', '-s', 'up', '-x', '200', '-y', '50', '-c', repoRoot, `${env} ${process.execPath} ${podyardBin} up -f examples/mc3-reverse-proxy.yaml; echo UP-EXIT=$?; sleep 300`);
    const screen = await eventually(
      async () => {
        const text = await pane();
        assert.match(text, /Starting podyard server \(data dir /);
        assert.match(text, /^configmap\/mc3-nginx-conf created$/m);
        assert.match(text, /^pod\/mc3 created$/m);
        assert.match(text, /^mc3 {2}Running \(\d\/2 ready\)$/m);
        assert.match(text, /^mc3\/webapp \| {1,2}\* Running on http:\/\/0\.0\.0\.0:5000\/$/m);
        return text;
      },
      { timeoutMs: 150_000, intervalMs: 500 },
    ).catch(async (err: unknown) => {
      throw new Error(`${(err as Error).message}\n--- pane ---\n${await pane()}`);
    });
    // Progress comes before the logs: first the image pull (training/webapp has no tag, so
    // imagePullPolicy Always pulls it from the mirror; nginx:alpine is preloaded and skipped), then the pod.
    assert.match(screen, /^training\/webapp {2}Pulled \(\d+(\.\d)? [kMG]?B, (\d+)\/\2 layers, \d+\.\ds\)$/m);
    assert.doesNotMatch(screen, /^nginx:alpine /m, 'an IfNotPresent image already in the store is not pulled');
    assert.ok(screen.indexOf('training/webapp  Pulled') < screen.indexOf('pod/mc3 created'));
    assert.ok(screen.indexOf('pod/mc3 created') < screen.indexOf('mc3/webapp |'));
    assert.match(screen, /^mc3 {2}(Pulled|Created|Started): /m, 'node agent events are shown');

    await tmux('send-keys', '-t', 'up', 'C-c');
    const end = await eventually(
      async () => {
        const text = await pane();
        assert.match(text, /UP-EXIT=\d+/);
        return text;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    assert.match(end, /Gracefully stopping\.\.\. \(press Ctrl\+C again to force\)/);
    assert.match(end, /^pod "mc3" deleted$/m);
    assert.match(end, /^configmap "mc3-nginx-conf" deleted$/m);
    assert.match(end, /^Stopped podyard server$/m);
    assert.match(end, /UP-EXIT=0/);
    const runc = await run('runc', ['--root', join(dataDir, 'runtime', 'runc'), 'list', '-q']);
    assert.equal(runc.stdout.trim(), '', 'no container is left');
  });

  it('--exit-code-from runs a pod to completion and returns its exit code', async () => {
    const child = spawn(process.execPath, [podyardBin, 'up', '-f', 'examples/mc2-ipc.yaml', '--exit-code-from', 'mc2/2nd', '--no-color'], {
      cwd: repoRoot,
      env: { ...process.env, ...mirrorEnv, KUBECONFIG: '', PODYARD_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
      child.on('exit', (c) => (clearTimeout(timer), resolve(c)));
    });
    assert.equal(code, 0, out);
    assert.match(out, /^Pulled allingeek\/ch6_ipc \(\d+(\.\d)? [kMG]?B, (\d+)\/\2 layers, \d+\.\ds\)$/m, 'one plain line per pulled image without a terminal');
    assert.match(out, /^mc2\/2nd \| Consumed: done$/m);
    assert.match(out, /^mc2\/1st \| Produced: [0-9a-f]{2}$/m);
    assert.match(out, /^mc2 {2}Succeeded$/m);
    assert.match(out, /^pod "mc2" deleted$/m);
    const runc = await run('runc', ['--root', join(dataDir, 'runtime', 'runc'), 'list', '-q']);
    assert.equal(runc.stdout.trim(), '');
  });
});
