/**
 * Restart policies as a cluster shows them (issue #4): a failing container under `Always` goes
 * Error → CrashLoopBackOff with RESTARTS climbing on the back-off schedule and its previous log
 * kept; under `Never` the pod ends Failed with STATUS Error; a missing ConfigMap key holds the
 * container in CreateContainerConfigError; a command that does not exist is a RunContainerError.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlOk, kubectlPath } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const skip = containerTestsUnavailable(['busybox']) ?? false;

const pod = (name: string, restartPolicy: string, command: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: ${restartPolicy}
  terminationGracePeriodSeconds: 1
  containers:
    - name: main
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ${command}
${extra}`;

describe('restart policies and failures', { skip }, () => {
  let server: TestPodyard;
  const k = (args: string[], input?: string) => kubectlOk(server, args, input);

  before(async () => {
    server = await startPodyard();
    await loadTestImages(server.dataDir, ['busybox']);
  });
  after(async () => {
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=0', '--force']);
    await server.stop();
    await server.cleanup();
  });

  it('Always: Error, then CrashLoopBackOff with RESTARTS climbing; --previous shows the last run', async () => {
    const watch = spawn(kubectlPath, ['--kubeconfig', server.kubeconfig, 'get', 'pods', '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    watch.stdout.on('data', (d: Buffer) => (seen += d.toString()));
    try {
      await k(['apply', '-f', '-'], pod('crash', 'Always', '["sh", "-c", "echo boom; exit 3"]'));
      await eventually(() => {
        assert.match(seen, /^crash\s+0\/1\s+Error\s+0\s/m);
        assert.match(seen, /^crash\s+0\/1\s+CrashLoopBackOff\s+1 \(\d+s ago\)\s/m);
        assert.match(seen, /^crash\s+0\/1\s+\S+\s+2 \(\d+s ago\)\s/m);
      }, { timeoutMs: 90_000, intervalMs: 500 });
    } finally {
      watch.kill();
    }
    const status = JSON.parse(await k(['get', 'pod', 'crash', '-o', 'json'])) as {
      status: { containerStatuses: { restartCount: number; lastState: { terminated?: { exitCode: number; reason: string } } }[] };
    };
    const cs = status.status.containerStatuses[0]!;
    assert.ok(cs.restartCount >= 2);
    assert.equal(cs.lastState.terminated?.exitCode, 3);
    assert.equal(cs.lastState.terminated?.reason, 'Error');
    assert.equal(await k(['logs', 'crash', '--previous']), 'boom\n');
    const events = await k(['describe', 'pod', 'crash']);
    assert.match(events, /Warning\s+BackOff\s+.*kubelet\s+Back-off restarting failed container main in pod crash_default\(/);
  });

  it('Never: a failed container fails the pod', async () => {
    await k(['apply', '-f', '-'], pod('fail', 'Never', '["sh", "-c", "exit 1"]'));
    await eventually(async () => assert.match(await k(['get', 'pod', 'fail']), /^fail\s+0\/1\s+Error\s+0\s/m), { timeoutMs: 30_000, intervalMs: 500 });
    assert.equal(await k(['get', 'pod', 'fail', '-o', 'jsonpath={.status.phase}']), 'Failed');
  });

  it('a missing ConfigMap key is CreateContainerConfigError with the kubelet message', async () => {
    await k(['create', 'configmap', 'cfg', '--from-literal=present=1']);
    const extra = `      env:
        - name: X
          valueFrom:
            configMapKeyRef: {name: cfg, key: absent}
`;
    await k(['apply', '-f', '-'], pod('cfgerr', 'Always', '["sleep", "3600"]', extra));
    await eventually(async () => assert.match(await k(['get', 'pod', 'cfgerr']), /^cfgerr\s+0\/1\s+CreateContainerConfigError\s+0\s/m), { timeoutMs: 30_000, intervalMs: 500 });
    assert.match(await k(['describe', 'pod', 'cfgerr']), /Error: couldn't find key absent in ConfigMap default\/cfg/);
  });

  it('a command that does not exist is reported with the runtime message', async () => {
    await k(['apply', '-f', '-'], pod('nocmd', 'Never', '["/no/such/binary"]'));
    await eventually(async () => assert.match(await k(['get', 'pod', 'nocmd']), /^nocmd\s+0\/1\s+(StartError|RunContainerError|ContainerCannotRun)\s/m), { timeoutMs: 30_000, intervalMs: 500 });
    assert.match(await k(['describe', 'pod', 'nocmd']), /no such file or directory/);
  });
});
