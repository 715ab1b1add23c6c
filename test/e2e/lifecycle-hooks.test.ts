/**
 * Lifecycle hooks on real containers (issue #7): preStop runs before SIGTERM when the pod is
 * deleted, its side effect visible in a hostPath volume; a failing postStart kills the container
 * (`FailedPostStartHook`) and it restarts per restartPolicy; an httpGet postStart reaches the
 * container's own server with nothing added to the image.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const skip = containerTestsUnavailable(['busybox']) ?? false;

describe('lifecycle hooks', { skip }, () => {
  let server: TestPodyard;
  let shared: string;
  const k = async (args: string[], input?: string) => {
    const r = await kubectl(server.kubeconfig, args, input !== undefined ? { input, timeoutMs: 60_000 } : { timeoutMs: 60_000 });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}\n--- server log ---\n${server.output().slice(-3000)}`);
    return r.stdout;
  };

  before(async () => {
    server = await startPodyard();
    shared = await mkdtemp(join(tmpdir(), 'podyard-prestop-'));
    await loadTestImages(server.dataDir, ['busybox']);
  });
  after(async () => {
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=0', '--force']);
    await server.stop();
    await server.cleanup();
    await rm(shared, { recursive: true, force: true });
  });

  it('preStop runs before SIGTERM on delete; its side effect is in the shared volume', async () => {
    await k(
      ['apply', '-f', '-'],
      `apiVersion: v1
kind: Pod
metadata:
  name: stopper
spec:
  terminationGracePeriodSeconds: 10
  volumes:
    - name: shared
      hostPath: {path: ${shared}, type: Directory}
  containers:
    - name: main
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "trap 'echo sigterm >> /shared/log; exit 0' TERM; echo started >> /shared/log; while true; do sleep 1; done"]
      volumeMounts: [{name: shared, mountPath: /shared}]
      lifecycle:
        preStop:
          exec: {command: ["sh", "-c", "echo prestop >> /shared/log"]}
`,
    );
    await eventually(async () => assert.match(await k(['get', 'pod', 'stopper']), /^stopper\s+1\/1\s+Running\s/m), { timeoutMs: 60_000, intervalMs: 500 });
    await eventually(async () => assert.equal(await readFile(join(shared, 'log'), 'utf8'), 'started\n'), { timeoutMs: 10_000, intervalMs: 200 });
    await k(['delete', 'pod', 'stopper']);
    assert.equal(await readFile(join(shared, 'log'), 'utf8'), 'started\nprestop\nsigterm\n');
  });

  it('a failing postStart kills the container (FailedPostStartHook) and it restarts', async () => {
    await k(
      ['apply', '-f', '-'],
      `apiVersion: v1
kind: Pod
metadata:
  name: poststart
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: main
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sleep", "3600"]
      lifecycle:
        postStart:
          exec: {command: ["sh", "-c", "echo no; exit 3"]}
`,
    );
    await eventually(async () => {
      const n = Number(await k(['get', 'pod', 'poststart', '-o', 'jsonpath={.status.containerStatuses[0].restartCount}']));
      assert.ok(n >= 1, `restartCount ${n}`);
    }, { timeoutMs: 60_000, intervalMs: 500 });
    const describe = await k(['describe', 'pod', 'poststart']);
    assert.match(describe, /Warning\s+FailedPostStartHook\s+.*kubelet\s+PostStartHook failed/);
    assert.match(describe, /Normal\s+Killing\s+.*kubelet\s+FailedPostStartHook/);
  });

  it('an httpGet postStart and a sleep preStop need nothing in the image', async () => {
    await k(
      ['apply', '-f', '-'],
      `apiVersion: v1
kind: Pod
metadata:
  name: hookhttp
spec:
  terminationGracePeriodSeconds: 5
  containers:
    - name: web
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "mkdir -p /www && echo hi > /www/index.html && exec httpd -f -vv -p 8080 -h /www"]
      lifecycle:
        postStart:
          httpGet: {path: /index.html, port: 8080}
        preStop:
          sleep: {seconds: 1}
`,
    );
    // The server may not listen yet when postStart runs: then the hook fails and the container
    // restarts, as on a cluster. Either way it ends up running with the hook having succeeded.
    await eventually(async () => assert.match(await k(['get', 'pod', 'hookhttp']), /^hookhttp\s+1\/1\s+Running\s/m), { timeoutMs: 60_000, intervalMs: 500 });
    await eventually(async () => assert.match(await k(['logs', 'hookhttp']), /url:\/index\.html/), { timeoutMs: 20_000, intervalMs: 500 });
    await k(['delete', 'pod', 'hookhttp']);
  });
});
