/**
 * The tutorial's multi-container pods as real containers (issue #4): mc1 shares an emptyDir
 * between nginx and a debian writer; mc2's producer and consumer share a SysV message queue
 * through the pod's IPC namespace and complete; `kubectl get pods -w` shows the transitions.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlPath } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const images = ['nginx', 'debian', 'ipc', 'busybox'];
const skip = containerTestsUnavailable(images) ?? false;

describe('tutorial pods on real containers', { skip }, () => {
  let server: TestPodyard;
  const k = async (...args: string[]) => {
    const r = await kubectl(server.kubeconfig, args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}\n--- server log ---\n${server.output().slice(-4000)}`);
    return r.stdout;
  };

  before(async () => {
    server = await startPodyard();
    await loadTestImages(server.dataDir, images);
  });
  after(async () => {
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=1']);
    await server.stop();
    await server.cleanup();
  });

  it('mc1: nginx serves what the debian container writes into the shared emptyDir', async () => {
    await k('apply', '-f', join(repoRoot, 'examples/mc1-shared-volume.yaml'));
    await eventually(async () => assert.match(await k('get', 'pod', 'mc1'), /^mc1\s+2\/2\s+Running\s+0\s/m), { timeoutMs: 60_000, intervalMs: 500 });
    const page = await eventually(
      async () => {
        const out = await k('exec', 'mc1', '-c', '1st', '--', '/bin/cat', '/usr/share/nginx/html/index.html');
        assert.match(out, /\d\d:\d\d:\d\d UTC \d{4}/);
        return out;
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    assert.ok(page.trim().split('\n').length >= 1);
    const fromWriter = await k('exec', 'mc1', '-c', '2nd', '--', '/bin/cat', '/html/index.html');
    assert.ok(fromWriter.startsWith(page.trim().split('\n')[0]!), 'both containers see the same file');
  });

  it('containers of one pod share hostname, network and IPC; pods are isolated from each other', async () => {
    assert.equal((await k('exec', 'mc1', '-c', '1st', '--', 'hostname')).trim(), 'mc1');
    assert.equal((await k('exec', 'mc1', '-c', '2nd', '--', 'hostname')).trim(), 'mc1');
    // nginx listens on port 80 in the pod's network namespace: the writer container sees it.
    const conns = await k('exec', 'mc1', '-c', '2nd', '--', 'cat', '/proc/net/tcp');
    assert.match(conns, /:0050 /, 'port 80 is bound in the shared network namespace');
  });

  it('mc2: producer and consumer exchange messages over a SysV queue, then the pod completes', async () => {
    const watch = spawn(kubectlPath, ['--kubeconfig', server.kubeconfig, 'get', 'pods', '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    watch.stdout.on('data', (d: Buffer) => (seen += d.toString()));
    try {
      await new Promise((r) => setTimeout(r, 300));
      await k('create', '-f', join(repoRoot, 'examples/mc2-ipc.yaml'));
      await eventually(async () => assert.match(await k('get', 'pod', 'mc2'), /^mc2\s+0\/2\s+Completed\s+0\s/m), { timeoutMs: 60_000, intervalMs: 500 });
      assert.equal(await k('get', 'pod', 'mc2', '-o', 'jsonpath={.status.phase}'), 'Succeeded');
      const logs = await k('logs', 'mc2', '-c', '2nd');
      assert.match(logs.trimEnd(), /Consumed: done$/);
      assert.match(await k('logs', 'mc2', '-c', '1st'), /Produced: [0-9a-f]{2}/);
      await eventually(() => {
        assert.match(seen, /mc2\s+0\/2\s+Pending/);
        assert.match(seen, /mc2\s+0\/2\s+ContainerCreating/);
        assert.match(seen, /mc2\s+0\/2\s+Completed/);
      }, { timeoutMs: 10_000 });
    } finally {
      watch.kill();
    }
  });
});
