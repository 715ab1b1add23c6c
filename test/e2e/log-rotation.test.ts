/**
 * Container log rotation as the kubelet does it (issue #4): with a small
 * `--container-log-max-size`, a chatty container's log is rotated (`0.log.<timestamp>`, older ones
 * gzip-compressed, at most `--container-log-max-files` files), `kubectl logs` keeps reading the
 * live file, and a `kubectl logs -f` started before the rotations loses no line across them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlPath } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const skip = containerTestsUnavailable(['busybox']) ?? false;

const chatty = `apiVersion: v1
kind: Pod
metadata:
  name: chatty
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: talk
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "i=0; while true; i=$((i+1)); do echo \\"line $i $(printf %060d 0)\\"; usleep 20000; done"]
`;

describe('container log rotation', { skip }, () => {
  let server: TestPodyard;

  before(async () => {
    server = await startPodyard({ args: ['--container-log-max-size', '8Ki', '--container-log-max-files', '3'] });
    await loadTestImages(server.dataDir, ['busybox']);
  });
  after(async () => {
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=0', '--force']);
    await server.stop();
    await server.cleanup();
  });

  it('rotates by size, keeps maxFiles, and logs -f follows across rotations without a gap', async () => {
    const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: chatty });
    assert.equal(r.code, 0, r.stderr);
    await kubectl(server.kubeconfig, ['wait', '--for=condition=Ready', 'pod/chatty', '--timeout=60s']);
    const follow = spawn(kubectlPath, ['--kubeconfig', server.kubeconfig, 'logs', '-f', 'chatty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let followed = '';
    follow.stdout.on('data', (d: Buffer) => (followed += d.toString()));
    const podDir = () => readdirSync(join(server.dataDir, 'logs', 'pods')).find((d) => d.startsWith('default_chatty_'))!;
    const files = () => readdirSync(join(server.dataDir, 'logs', 'pods', podDir(), 'talk')).sort();
    try {
      // Two rotations at least (the check runs every 10 s): one compressed file, one plain, the live log.
      await eventually(() => {
        const f = files();
        assert.ok(f.some((x) => /^0\.log\.\d{8}-\d{6}\.gz$/.test(x)), f.join(' '));
        assert.ok(f.some((x) => /^0\.log\.\d{8}-\d{6}$/.test(x)), f.join(' '));
      }, { timeoutMs: 60_000, intervalMs: 1_000 });
      await eventually(() => assert.ok(files().length <= 3 && files().includes('0.log'), files().join(' ')), { timeoutMs: 20_000 });
    } finally {
      follow.kill();
    }
    // The follower saw every line, in order, across the rotations.
    const numbers = followed.trim().split('\n').slice(0, -1).map((l) => Number(/^line (\d+) /.exec(l)?.[1]));
    assert.ok(numbers.length > 200, `followed ${numbers.length} lines`);
    numbers.forEach((n, i) => assert.equal(n, i + 1, `line ${i + 1} of the followed log is "${followed.split('\n')[i]}"`));
    // A plain `logs` reads the live file only: it starts after the rotated lines.
    const now = await kubectl(server.kubeconfig, ['logs', 'chatty']);
    assert.equal(now.code, 0, now.stderr);
    assert.ok(Number(/^line (\d+) /.exec(now.stdout)?.[1]) > 1, now.stdout.slice(0, 200));
  });
});
