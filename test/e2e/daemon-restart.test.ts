/**
 * Restart safety (issue #4): a `kill -9` of the daemon leaves containers running under conmon;
 * the restarted daemon adopts them without restarting any, keeps restart counts, records no
 * Killing or SandboxChanged events, and `kubectl logs -f` works again. A pod deleted while the
 * daemon was down is cleaned up when it comes back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlOk } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const skip = containerTestsUnavailable(['busybox']) ?? false;

const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: ticker
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done"]
`;

describe('daemon restart', { skip }, () => {
  let server: TestPodyard;
  const k = (...args: string[]) => kubectlOk(server, args);

  before(async () => {
    server = await startPodyard();
    await loadTestImages(server.dataDir, ['busybox']);
  });
  after(async () => {
    await server.stop();
    await server.cleanup();
  });

  it('kill -9 then restart: containers keep running, nothing restarts, logs follow again', async () => {
    for (const name of ['keep', 'gone']) {
      const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: pod(name) });
      assert.equal(r.code, 0, r.stderr);
    }
    await eventually(async () => {
      const out = await k('get', 'pods');
      assert.match(out, /^keep\s+1\/1\s+Running\s+0\s/m);
      assert.match(out, /^gone\s+1\/1\s+Running\s+0\s/m);
    }, { timeoutMs: 60_000, intervalMs: 500 });
    const before = JSON.parse(await k('get', 'pod', 'keep', '-o', 'json')) as { status: { containerStatuses: { containerID: string; state: { running: { startedAt: string } } }[] } };

    await server.kill();
    // While the daemon is down the container keeps ticking (conmon owns it).
    server = await startPodyard({ dataDir: server.dataDir });
    // `gone` is removed from the API while nothing watches it: force-delete through a fresh API.
    await k('delete', 'pod', 'gone', '--grace-period=0', '--force');

    await new Promise((r) => setTimeout(r, 3000));
    const after = JSON.parse(await k('get', 'pod', 'keep', '-o', 'json')) as typeof before & { status: { containerStatuses: { restartCount: number }[] } };
    assert.equal(after.status.containerStatuses[0]!.containerID, before.status.containerStatuses[0]!.containerID, 'same container');
    assert.equal(after.status.containerStatuses[0]!.restartCount, 0);
    assert.equal(after.status.containerStatuses[0]!.state.running.startedAt, before.status.containerStatuses[0]!.state.running.startedAt);
    const events = await k('get', 'events', '--field-selector', 'involvedObject.name=keep', '-o', 'jsonpath={.items[*].reason}');
    assert.doesNotMatch(events, /Killing|SandboxChanged/);

    const follow = await kubectl(server.kubeconfig, ['logs', 'keep', '-f', '--tail=1'], { timeoutMs: 4_000 });
    assert.match(follow.stdout, /tick \d+\n(tick \d+\n)+/, 'logs -f streams new lines after the restart');

    // The pod deleted while we were down has no containers left.
    await eventually(async () => {
      const { readdir, readFile } = await import('node:fs/promises');
      const dir = `${server.dataDir}/runtime/containers`;
      const names = await readdir(dir);
      const pods = await Promise.all(names.map(async (n) => readFile(`${dir}/${n}/record.json`, 'utf8').catch(() => '')));
      assert.ok(!pods.some((p) => p.includes('"gone"')), 'the container of the deleted pod is gone');
    }, { timeoutMs: 20_000, intervalMs: 500 });
  });
});
