/**
 * Bad input and faults on the node (issue #4): pods that cannot start — an image that is not
 * there under `imagePullPolicy: Never`, a pull from a registry that refuses connections, a pull
 * from one that accepts and then never answers, a missing ConfigMap key, a missing hostPath —
 * each get the Kubernetes reason and an Event (`kubectl describe` shows both), the daemon stays
 * up, and a healthy pod created after them all still starts promptly: one broken pod never
 * delays the others.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlOk } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const skip = containerTestsUnavailable(['busybox']) ?? false;

const pod = (name: string, image: string, pullPolicy: string, extra = '', spec = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: 1
${spec}  containers:
    - name: c
      image: ${image}
      imagePullPolicy: ${pullPolicy}
      command: ["sleep", "3600"]
${extra}---
`;

describe('broken pods never hold up the node', { skip }, () => {
  let server: TestPodyard;
  let silent: Server;
  let silentPort = 0;
  const held = new Set<Socket>();
  const k = (...args: string[]) => kubectlOk(server, args);
  const jp = (name: string, path: string) => k('get', 'pod', name, '-o', `jsonpath={${path}}`);

  before(async () => {
    // A "registry" that accepts connections and never says a word: a pull from it hangs.
    silent = createServer((s) => {
      held.add(s);
      s.on('error', () => undefined);
      s.on('close', () => held.delete(s));
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentPort = (silent.address() as { port: number }).port;
    server = await startPodyard({ args: ['--insecure-registry', `127.0.0.1:${silentPort}`] });
    await loadTestImages(server.dataDir, ['busybox']);
  });
  after(async () => {
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=0', '--force']);
    await server.stop();
    await server.cleanup();
    for (const s of held) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  it('a healthy pod created after broken ones is Running within 20 s; each broken pod says why', async () => {
    const broken =
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: faults-cm
data:
  present: "yes"
---
` +
      pod('never-pull', 'localhost/podyard/does-not-exist:1', 'Never') +
      pod('refused-pull', '127.0.0.1:9/podyard/nothing:1', 'IfNotPresent') +
      pod('hung-pull', `127.0.0.1:${silentPort}/podyard/hangs:1`, 'IfNotPresent') +
      pod('missing-key', 'busybox', 'IfNotPresent', `      env:
        - name: X
          valueFrom: { configMapKeyRef: { name: faults-cm, key: absent } }
`) +
      pod('missing-cm-volume', 'busybox', 'IfNotPresent', `      volumeMounts:
        - { name: cfg, mountPath: /cfg }
`, `  volumes:
    - name: cfg
      configMap: { name: no-such-configmap }
`);
    const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: broken });
    assert.equal(r.code, 0, r.stderr);
    // Let the node pick them all up and get stuck on them.
    await eventually(async () => assert.equal(await jp('never-pull', '.status.containerStatuses[0].state.waiting.reason'), 'ErrImageNeverPull'), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });

    const created = Date.now();
    const ok = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: pod('healthy', 'busybox', 'IfNotPresent') });
    assert.equal(ok.code, 0, ok.stderr);
    await eventually(async () => assert.equal(await jp('healthy', '.status.phase'), 'Running'), { timeoutMs: 20_000, intervalMs: 200 });
    const tookMs = Date.now() - created;
    assert.ok(tookMs < 20_000, `healthy pod Running after ${tookMs} ms`);
    assert.match(await k('get', 'pod', 'healthy'), /^healthy\s+1\/1\s+Running\s+0\s/m);

    // The hung pull is still hanging (nothing answered), and did not hold anything else up.
    assert.ok(held.size > 0, 'the pull connected to the silent registry');
    assert.equal(await jp('hung-pull', '.status.phase'), 'Pending');

    const reasons: Record<string, RegExp> = {
      'never-pull': /^ErrImageNeverPull$/,
      'refused-pull': /^(ErrImagePull|ImagePullBackOff)$/,
      'missing-key': /^CreateContainerConfigError$/,
      'missing-cm-volume': /^ContainerCreating$/,
    };
    for (const [name, reason] of Object.entries(reasons)) {
      await eventually(async () => assert.match(await jp(name, '.status.containerStatuses[0].state.waiting.reason'), reason, name), { timeoutMs: 30_000, intervalMs: 500 });
    }
    assert.equal(
      await jp('never-pull', '.status.containerStatuses[0].state.waiting.message'),
      'Container image "localhost/podyard/does-not-exist:1" is not present with pull policy of Never',
    );
    assert.equal(await jp('missing-key', '.status.containerStatuses[0].state.waiting.message'), "couldn't find key absent in ConfigMap default/faults-cm");
    assert.equal(server.process.exitCode, null, 'the daemon is still up');

    // A stuck pod's status settles: it is not rewritten sync after sync (a status generated from
    // a lagging copy once flip-flopped startTime, each write triggering the next sync).
    const versions = async () => Promise.all(['never-pull', 'missing-key'].map((n) => jp(n, '.metadata.resourceVersion')));
    const before = await versions();
    await new Promise((r) => setTimeout(r, 5_000));
    assert.deepEqual(await versions(), before, 'no status writes while nothing changes');
  });

  it('kubectl describe shows the reason and the Warning events of each broken pod', async () => {
    // AGE is `5s` or `5s (x3 over 20s)` once an event repeats.
    const age = String.raw`\S+(?: \(x\d+ over \S+\))?`;
    const event = (type: string, reason: string, message: string) => new RegExp(String.raw`${type}\s+${reason}\s+${age}\s+kubelet\s+${message}`);
    const expectations: [string, RegExp[]][] = [
      ['never-pull', [/Reason:\s+ErrImageNeverPull/, event('Warning', 'ErrImageNeverPull', String.raw`Container image "localhost/podyard/does-not-exist:1" is not present with pull policy of Never`)]],
      ['refused-pull', [/Reason:\s+(ErrImagePull|ImagePullBackOff)/, event('Warning', 'Failed', String.raw`Failed to pull image "127\.0\.0\.1:9/podyard/nothing:1": `), event('Warning', 'Failed', 'Error: ErrImagePull')]],
      ['missing-key', [/Reason:\s+CreateContainerConfigError/, event('Warning', 'Failed', "Error: couldn't find key absent in ConfigMap default/faults-cm")]],
      ['missing-cm-volume', [/Reason:\s+ContainerCreating/, event('Warning', 'FailedMount', String.raw`MountVolume\.SetUp failed for volume "cfg" : configmap "no-such-configmap" not found`)]],
      ['hung-pull', [/Reason:\s+ContainerCreating/, event('Normal', 'Pulling', String.raw`Pulling image "127\.0\.0\.1:\d+/podyard/hangs:1"`)]],
    ];
    for (const [name, patterns] of expectations) {
      await eventually(async () => {
        const out = await k('describe', 'pod', name);
        for (const p of patterns) assert.match(out, p, `describe pod ${name}:\n${out}`);
      }, { timeoutMs: 30_000, intervalMs: 1000 });
    }
  });

  it('fixing the cause lets a broken pod start; deleting the others leaves the daemon serving', async () => {
    await k('patch', 'configmap', 'faults-cm', '--type=merge', '-p', '{"data":{"absent":"now-present"}}');
    await eventually(async () => assert.equal(await jp('missing-key', '.status.phase'), 'Running'), { timeoutMs: 60_000, intervalMs: 500 });
    assert.equal((await k('exec', 'missing-key', '--', 'sh', '-c', 'echo $X')).trim(), 'now-present');
    const del = await kubectl(server.kubeconfig, ['delete', 'pod', 'never-pull', 'refused-pull', 'missing-cm-volume', '--grace-period=1', '--wait=true', '--timeout=60s'], { timeoutMs: 70_000 });
    assert.equal(del.code, 0, del.stderr);
    // As the kubelet cancels an in-flight sync when its pod is deleted, a pull that hangs (the
    // registry client would wait 30 s) does not hold up the deletion.
    const deleting = Date.now();
    await k('delete', 'pod', 'hung-pull', '--grace-period=1', '--wait=false');
    await eventually(async () => assert.match((await kubectl(server.kubeconfig, ['get', 'pod', 'hung-pull'])).stderr, /NotFound|not found/), { timeoutMs: 20_000, intervalMs: 500 });
    assert.ok(Date.now() - deleting < 20_000, `deleted in ${Date.now() - deleting} ms`);
    assert.match(await k('get', 'pods'), /^healthy\s+1\/1\s+Running\s+0\s/m);
    assert.equal(server.process.exitCode, null, 'the daemon is still up');
    assert.equal((await k('get', '--raw', '/readyz')).trim(), 'ok');
  });
});
