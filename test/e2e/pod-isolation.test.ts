/**
 * What a pod shares and what it does not (issue #4): the containers of one pod are in one
 * network, IPC and UTS namespace (same namespace inodes, one port space, one /dev/shm), each in
 * its own PID namespace; two pods share none of these, so both can bind the same localhost port
 * and neither sees the other's shared memory.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlOk } from '../helpers/kubectl.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const skip = containerTestsUnavailable(['busybox']) ?? false;

const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: web
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "mkdir -p /tmp/www && echo ${name} > /tmp/www/index.html && echo ${name} > /dev/shm/marker-${name} && exec httpd -f -p 127.0.0.1:8080 -h /tmp/www"]
    - name: shell
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sleep", "3600"]
`;

describe('pod isolation', { skip }, () => {
  let server: TestPodyard;
  const k = (...args: string[]) => kubectlOk(server, args);
  const sh = (podName: string, container: string, script: string) => kubectl(server.kubeconfig, ['exec', podName, '-c', container, '--', 'sh', '-c', script]);

  before(async () => {
    server = await startPodyard();
    await loadTestImages(server.dataDir, ['busybox']);
    for (const name of ['iso-a', 'iso-b']) await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: pod(name) });
    await k('wait', '--for=condition=Ready', 'pod/iso-a', 'pod/iso-b', '--timeout=60s');
  });
  after(async () => {
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=0', '--force']);
    await server.stop();
    await server.cleanup();
  });

  it('containers of a pod share net, ipc and uts namespaces but not pid; pods share none', async () => {
    const ns = async (podName: string, container: string) => {
      const r = await sh(podName, container, 'for n in net ipc uts pid; do readlink /proc/self/ns/$n; done');
      assert.equal(r.code, 0, r.stderr);
      const [net, ipc, uts, pid] = r.stdout.trim().split('\n');
      return { net, ipc, uts, pid };
    };
    const [aWeb, aShell, bShell] = [await ns('iso-a', 'web'), await ns('iso-a', 'shell'), await ns('iso-b', 'shell')];
    assert.equal(aWeb.net, aShell.net);
    assert.equal(aWeb.ipc, aShell.ipc);
    assert.equal(aWeb.uts, aShell.uts);
    assert.notEqual(aWeb.pid, aShell.pid, 'no shareProcessNamespace: a PID namespace per container');
    for (const key of ['net', 'ipc', 'uts', 'pid'] as const) assert.notEqual(aShell[key], bShell[key], `${key} namespace differs between pods`);
    assert.equal((await k('exec', 'iso-a', '-c', 'shell', '--', 'hostname')).trim(), 'iso-a');
    assert.equal((await k('exec', 'iso-b', '-c', 'shell', '--', 'hostname')).trim(), 'iso-b');
  });

  it('each pod has its own port space: localhost:8080 answers with its own pod, a second bind fails', async () => {
    for (const name of ['iso-a', 'iso-b']) {
      const r = await sh(name, 'shell', 'wget -qO- http://127.0.0.1:8080/');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), name);
    }
    const again = await sh('iso-a', 'shell', 'httpd -f -p 127.0.0.1:8080 -h /tmp; echo "exit=$?"');
    assert.match(again.stdout + again.stderr, /Address (already )?in use/i);
    assert.match(again.stdout, /exit=1/);
  });

  it('/dev/shm is shared within a pod only', async () => {
    assert.equal((await k('exec', 'iso-a', '-c', 'shell', '--', 'cat', '/dev/shm/marker-iso-a')).trim(), 'iso-a');
    const other = await sh('iso-b', 'shell', 'ls /dev/shm');
    assert.equal(other.code, 0, other.stderr);
    assert.equal(other.stdout.trim(), 'marker-iso-b');
  });
});
