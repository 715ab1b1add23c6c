/**
 * Services on the real pod network (issue #6): one Service exposing two ports of two containers
 * of one pod by named targetPorts; ClientIP session affinity against random spreading; readiness
 * moving a pod in and out of the rules (a Service with no ready endpoint refuses); hostPort
 * through portmap; hostNetwork pods on the node's address and resolver; a SIGKILLed daemon
 * leaves rules serving, a restarted one keeps the pods' addresses, and a clean stop after
 * everything is deleted leaves nothing.
 *
 * Traffic goes only to 127.0.0.1 and to addresses on this server's own bridge.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { httpGet, tcpConnect } from '../helpers/net.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const images = ['nginx', 'python', 'busybox'];
const skip = containerTestsUnavailable(images) ?? false;

const hostPort = 20000 + Math.floor(Math.random() * 9000);

/** busybox httpd answering with the pod's name. */
function namePod(name: string, labels: string, extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {${labels}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: httpd
      image: busybox
      imagePullPolicy: IfNotPresent
      command: [sh, -c, 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www']
      ports: [{name: http, containerPort: 8080}]
${extra}`;
}

const manifests = `apiVersion: v1
kind: Pod
metadata:
  name: duo
  labels: {app: duo}
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: web
      image: nginx
      imagePullPolicy: IfNotPresent
      ports: [{name: web, containerPort: 80}]
    - name: app
      image: training/webapp
      imagePullPolicy: IfNotPresent
      ports: [{name: app, containerPort: 5000}]
---
apiVersion: v1
kind: Service
metadata:
  name: duo
spec:
  type: NodePort
  selector: {app: duo}
  ports:
    - {name: http, port: 8080, targetPort: web}
    - {name: api, port: 9090, targetPort: app}
---
${namePod('spread-1', 'app: spread')}---
${namePod('spread-2', 'app: spread')}---
apiVersion: v1
kind: Service
metadata:
  name: sticky
spec:
  selector: {app: spread}
  sessionAffinity: ClientIP
  ports: [{port: 80, targetPort: http}]
---
apiVersion: v1
kind: Service
metadata:
  name: spread
spec:
  selector: {app: spread}
  ports: [{port: 80, targetPort: http}]
---
${namePod(
  'gated',
  'app: gated',
  `      readinessProbe:
        exec: {command: [test, -f, /tmp/ready]}
        periodSeconds: 1
        failureThreshold: 1`,
)}
---
apiVersion: v1
kind: Service
metadata:
  name: gated
spec:
  selector: {app: gated}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: v1
kind: Pod
metadata:
  name: hostport
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: web
      image: nginx
      imagePullPolicy: IfNotPresent
      ports: [{containerPort: 80, hostPort: ${hostPort}}]
---
apiVersion: v1
kind: Pod
metadata:
  name: hostnet
spec:
  hostNetwork: true
  terminationGracePeriodSeconds: 1
  containers:
    - name: sh
      image: busybox
      imagePullPolicy: IfNotPresent
      command: [sleep, '3600']
`;

describe('Services on the pod network', { skip }, () => {
  let server: TestPodyard;
  let bridge = '';
  const k = async (...args: string[]) => {
    const r = await kubectl(server.kubeconfig, args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}\n--- server log ---\n${server.output().slice(-4000)}`);
    return r.stdout;
  };
  const clusterIP = (svc: string) => k('get', 'service', svc, '-o', 'jsonpath={.spec.clusterIP}');

  before(async () => {
    server = await startPodyard();
    await loadTestImages(server.dataDir, images);
    const conflist = JSON.parse(readFileSync(join(server.dataDir, 'network', 'cni', 'podyard.conflist'), 'utf8')) as { plugins: { bridge: string }[] };
    bridge = conflist.plugins[0]!.bridge;
    const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: manifests });
    assert.equal(r.code, 0, r.stderr);
    await eventually(
      async () => {
        const out = await k('get', 'pods', '--no-headers');
        for (const p of ['duo', 'spread-1', 'spread-2', 'hostport', 'hostnet']) assert.match(out, new RegExp(`^${p}\\s+(\\d)/\\1\\s+Running`, 'm'), out);
        assert.match(out, /^gated\s+0\/1\s+Running/m, out);
      },
      { timeoutMs: 100_000, intervalMs: 500 },
    );
  });
  after(async () => {
    if (server.process.exitCode === null) {
      await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=1']);
      await server.stop();
    }
    await server.cleanup();
  });

  it('one Service exposes two ports of two containers by named targetPort, on NodePorts and the ClusterIP', async () => {
    const svc = JSON.parse(await k('get', 'service', 'duo', '-o', 'json')) as { spec: { clusterIP: string; ports: { name: string; nodePort: number }[] } };
    const np = Object.fromEntries(svc.spec.ports.map((p) => [p.name, p.nodePort]));
    const api = await eventually(() => httpGet('127.0.0.1', np.api!), { timeoutMs: 15_000, intervalMs: 200 });
    assert.equal(api.body.trim(), 'Hello world!');
    assert.match((await httpGet('127.0.0.1', np.http!)).body, /Welcome to nginx/);
    assert.equal((await httpGet(svc.spec.clusterIP, 9090)).body.trim(), 'Hello world!');
    assert.match((await httpGet(svc.spec.clusterIP, 8080)).body, /Welcome to nginx/);
  });

  it('sessionAffinity ClientIP pins a client to one pod; without it both pods answer', async () => {
    const sticky = await clusterIP('sticky');
    const spread = await clusterIP('spread');
    await eventually(async () => assert.match((await httpGet(spread, 80)).body, /spread-\d/), { timeoutMs: 15_000, intervalMs: 200 });
    const seenSticky = new Set<string>();
    const seenSpread = new Set<string>();
    for (let i = 0; i < 16; i++) {
      seenSticky.add((await httpGet(sticky, 80)).body.trim());
      seenSpread.add((await httpGet(spread, 80)).body.trim());
    }
    assert.equal(seenSticky.size, 1, [...seenSticky].join());
    assert.deepEqual([...seenSpread].sort(), ['spread-1', 'spread-2']);
  });

  it('readiness moves a pod in and out of the Service: refused, served, refused', async () => {
    const ip = await clusterIP('gated');
    await eventually(async () => assert.equal(await tcpConnect(ip, 80), 'ECONNREFUSED'), { timeoutMs: 10_000, intervalMs: 200 });
    await k('exec', 'gated', '--', 'touch', '/tmp/ready');
    await eventually(async () => assert.equal((await httpGet(ip, 80)).body.trim(), 'gated'), { timeoutMs: 20_000, intervalMs: 200 });
    await k('exec', 'gated', '--', 'rm', '/tmp/ready');
    await eventually(async () => assert.equal(await tcpConnect(ip, 80), 'ECONNREFUSED'), { timeoutMs: 20_000, intervalMs: 200 });
  });

  it('hostPort publishes a container port on the machine (portmap)', async () => {
    const r = await eventually(() => httpGet('127.0.0.1', hostPort), { timeoutMs: 10_000, intervalMs: 200 });
    assert.match(r.body, /Welcome to nginx/);
  });

  it('a hostNetwork pod has the node address and the host resolver', async () => {
    const pod = JSON.parse(await k('get', 'pod', 'hostnet', '-o', 'json')) as { status: { podIP: string; hostIP: string } };
    assert.equal(pod.status.podIP, pod.status.hostIP);
    assert.equal(await k('exec', 'hostnet', '--', 'cat', '/etc/resolv.conf'), readFileSync('/etc/resolv.conf', 'utf8'));
  });

  it('rules outlive a killed daemon; a restart keeps pod IPs; a clean stop after deleting everything leaves nothing', async () => {
    const svc = JSON.parse(await k('get', 'service', 'duo', '-o', 'json')) as { spec: { ports: { name: string; nodePort: number }[] } };
    const apiPort = svc.spec.ports.find((p) => p.name === 'api')!.nodePort;
    const ipsBefore = await k('get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.podIP} {end}');
    await server.kill();
    assert.equal((await httpGet('127.0.0.1', apiPort)).body.trim(), 'Hello world!', 'NodePort served while the daemon is down');
    server = await startPodyard({ dataDir: server.dataDir });
    await eventually(async () => assert.equal((await httpGet('127.0.0.1', apiPort)).body.trim(), 'Hello world!'), { timeoutMs: 20_000, intervalMs: 250 });
    assert.equal(await k('get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.podIP} {end}'), ipsBefore);

    await k('delete', 'services', '--all');
    await k('delete', 'pods', '--all', '--grace-period=1');
    await eventually(async () => assert.equal((await k('get', 'pods', '-o', 'name')).trim(), ''), { timeoutMs: 60_000, intervalMs: 500 });
    const ipam = join(server.dataDir, 'network', 'ipam');
    await eventually(() => assert.deepEqual(readdirSync(ipam, { recursive: true }).filter((f) => /\d+\.\d+\.\d+\.\d+$/.test(String(f))), []), { timeoutMs: 15_000, intervalMs: 250 });
    assert.equal(await server.stop(), 0);
    const id = bridge.slice('podyard'.length);
    assert.notEqual(spawnSync('nft', ['list', 'table', 'ip', `podyard_${id}`]).status, 0, 'rules removed');
    assert.notEqual(spawnSync('ip', ['link', 'show', 'dev', bridge]).status, 0, 'bridge removed');
    const iptables = spawnSync('iptables-save', [], { encoding: 'utf8' }).stdout;
    assert.doesNotMatch(iptables, new RegExp(`podyard-${id}`), 'no CNI masquerade rules left');
    assert.doesNotMatch(iptables, new RegExp(`dport ${hostPort}\\b`), 'no hostPort rules left');
  });
});
