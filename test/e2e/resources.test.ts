/**
 * Resources as a cluster enforces and reports them (issue #4): container and pod cgroup limits
 * from `resources.limits`, `kubectl top` from the metrics API, and a container that outgrows
 * its memory limit reported `OOMKilled`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cgroupParentFor } from '../../src/cmd/reset.js';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlOk } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const skip = containerTestsUnavailable(['busybox']) ?? false;

const burner = `apiVersion: v1
kind: Pod
metadata:
  name: burn
  labels: {app: burn}
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: spin
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "dd if=/dev/zero of=/dev/shm/fill bs=1M count=24 2>/dev/null; while :; do :; done"]
      resources: {limits: {cpu: 200m, memory: 64Mi}}
    - name: idle
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sleep", "3600"]
      resources: {limits: {cpu: 100m, memory: 16Mi}}
`;

const oom = `apiVersion: v1
kind: Pod
metadata:
  name: oom
spec:
  restartPolicy: Never
  containers:
    - name: hog
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["tail", "/dev/zero"]
      resources: {limits: {memory: 24Mi}}
`;

/** The cgroup directory (in one v1 hierarchy) of the container with this `cri-o://` ID. */
function containerCgroup(dataDir: string, controller: string, containerID: string): string {
  const id = containerID.replace(/^[a-z-]+:\/\//, '');
  const root = join('/sys/fs/cgroup', controller, cgroupParentFor(dataDir));
  for (const pod of readdirSync(root)) {
    const dir = join(root, pod, id);
    try {
      readdirSync(dir);
      return dir;
    } catch {
      // not this pod
    }
  }
  throw new Error(`no cgroup for ${id} under ${root}`);
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8').trim();

/** `123m` or `1` (cores) → millicores. */
const millicores = (s: string) => (s.endsWith('m') ? Number(s.slice(0, -1)) : Number(s) * 1000);

describe('resources: cgroup limits, kubectl top, OOMKilled', { skip }, () => {
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

  it('limits become container and pod cgroup limits; kubectl top shows the usage', async () => {
    await k(['apply', '-f', '-'], burner);
    await k(['wait', '--for=condition=Ready', 'pod/burn', '--timeout=60s']);
    const pod = JSON.parse(await k(['get', 'pod', 'burn', '-o', 'json'])) as {
      status: { qosClass: string; containerStatuses: { name: string; containerID: string }[] };
    };
    assert.equal(pod.status.qosClass, 'Guaranteed');
    const spin = pod.status.containerStatuses.find((c) => c.name === 'spin')!.containerID;
    const cpu = containerCgroup(server.dataDir, 'cpu', spin);
    const memory = containerCgroup(server.dataDir, 'memory', spin);
    assert.equal(read(cpu, 'cpu.cfs_quota_us'), '20000');
    assert.equal(read(cpu, 'cpu.cfs_period_us'), '100000');
    assert.equal(read(cpu, 'cpu.shares'), '204');
    assert.equal(read(memory, 'memory.limit_in_bytes'), String(64 * 1024 * 1024));
    // The pod cgroup (the container's parent) holds the sum of both containers.
    assert.equal(read(join(cpu, '..'), 'cpu.cfs_quota_us'), '30000');
    assert.equal(read(join(memory, '..'), 'memory.limit_in_bytes'), String(80 * 1024 * 1024));

    // Metrics appear after two samples, as with metrics-server.
    let top = '';
    await eventually(async () => {
      const r = await kubectl(server.kubeconfig, ['top', 'pod', 'burn', '--containers', '--no-headers']);
      assert.equal(r.code, 0, r.stderr);
      top = r.stdout;
    }, { timeoutMs: 45_000, intervalMs: 2_000 });
    const rows = new Map(top.trim().split('\n').map((l) => { const [, name, c, m] = l.trim().split(/\s+/); return [name!, { cpu: c!, memory: m! }]; }));
    assert.deepEqual([...rows.keys()].sort(), ['idle', 'spin']);
    const spinCpu = millicores(rows.get('spin')!.cpu);
    assert.ok(spinCpu >= 100 && spinCpu <= 230, `spin uses about its 200m limit, got ${rows.get('spin')!.cpu}`);
    assert.ok(millicores(rows.get('idle')!.cpu) < 20, `idle is idle: ${rows.get('idle')!.cpu}`);
    assert.ok(parseInt(rows.get('spin')!.memory, 10) >= 24, `the 24Mi in /dev/shm counts: ${rows.get('spin')!.memory}`);

    const header = (await k(['top', 'pod', '-l', 'app=burn'])).split('\n')[0]!;
    assert.match(header, /^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*$/);
    const node = await k(['top', 'node', '--no-headers']);
    assert.match(node, /^\S+\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%/);
  });

  it('a container over its memory limit is OOMKilled', async () => {
    await k(['apply', '-f', '-'], oom);
    let cs: { state: { terminated?: { reason: string; exitCode: number } } } | undefined;
    await eventually(async () => {
      const pod = JSON.parse(await k(['get', 'pod', 'oom', '-o', 'json'])) as { status: { phase: string; containerStatuses?: (typeof cs)[] } };
      assert.equal(pod.status.phase, 'Failed');
      cs = pod.status.containerStatuses?.[0];
    }, { timeoutMs: 60_000, intervalMs: 1_000 });
    assert.equal(cs?.state.terminated?.reason, 'OOMKilled');
    assert.equal(cs?.state.terminated?.exitCode, 137);
    assert.match(await k(['get', 'pod', 'oom', '--no-headers']), /^oom\s+0\/1\s+OOMKilled\s+0\s/);
  });
});
