/**
 * The tutorial's reverse proxy on a real pod network (issue #6): mc3 (nginx on 80 in front of
 * the python app on 5000, nginx.conf from a ConfigMap through subPath) gets an IP from the CNI
 * bridge; `kubectl expose pod mc3 --type=NodePort --port=80` makes it answer on 127.0.0.1:<nodePort>
 * while port 5000 stays unpublished but reachable from another pod at the pod IP; a pod
 * resolves the Service through the cluster DNS and reaches its ClusterIP; a Service without
 * endpoints refuses at once; port-forward goes into the pod's namespace; once everything is
 * deleted and the server stops, no interface, IP allocation or rule is left.
 *
 * Traffic goes only to 127.0.0.1 and to addresses on this server's own bridge.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlPath } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { httpGet, tcpConnect } from '../helpers/net.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const images = ['nginx', 'python', 'busybox'];
const skip = containerTestsUnavailable(images) ?? false;

const client = `apiVersion: v1
kind: Pod
metadata:
  name: netclient
spec:
  containers:
    - name: sh
      image: busybox
      imagePullPolicy: IfNotPresent
      command: [sleep, '3600']
  terminationGracePeriodSeconds: 1
`;

describe('pod network, Services and cluster DNS: the tutorial mc3', { skip }, () => {
  let server: TestPodyard;
  let bridge = '';
  const k = async (...args: string[]) => {
    const r = await kubectl(server.kubeconfig, args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}\n--- server log ---\n${server.output().slice(-4000)}`);
    return r.stdout;
  };
  const inClient = async (...cmd: string[]) => {
    const r = await kubectl(server.kubeconfig, ['exec', 'netclient', '--', ...cmd]);
    return { code: r.code, out: r.stdout + r.stderr };
  };
  /**
   * An HTTP GET from the busybox pod with nc (the test image's static wget crashes); the body or
   * the error. stdin stays open a moment: busybox nc closes the connection at its EOF, before a
   * proxied answer (nginx) arrives.
   */
  const getFromClient = async (host: string, port: number) => {
    const r = await inClient('sh', '-c', `(printf 'GET / HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n'; sleep 1) | nc -w 5 ${host} ${port}`);
    const body = r.out.split(/\r?\n\r?\n/).slice(1).join('\n\n');
    return { code: r.code, out: r.out, body: body.trim() };
  };

  before(async () => {
    server = await startPodyard();
    await loadTestImages(server.dataDir, images);
    const conflist = JSON.parse(readFileSync(join(server.dataDir, 'network', 'cni', 'podyard.conflist'), 'utf8')) as { plugins: { bridge: string }[] };
    bridge = conflist.plugins[0]!.bridge;
  });
  after(async () => {
    if (server.process.exitCode === null) {
      await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=1']);
      await server.stop();
    }
    await server.cleanup();
    // `podyard reset` leaves nothing either way.
    assert.notEqual(spawnSync('ip', ['link', 'show', 'dev', bridge]).status, 0, 'bridge removed by reset');
  });

  it('mc3 runs with an IP from the pod network and the node as hostIP', async () => {
    // The example as the tutorial has it; its `training/webapp` (:latest) would be pulled
    // (policy Always) and these tests have no registry, so the loaded image is used as it is.
    const example = readFileSync(join(repoRoot, 'examples/mc3-reverse-proxy.yaml'), 'utf8').replace(/^(\s+)image: (.*)$/gm, '$1image: $2\n$1imagePullPolicy: IfNotPresent');
    await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: example });
    await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: client });
    await eventually(async () => assert.match(await k('get', 'pod', 'mc3'), /^mc3\s+2\/2\s+Running\s+0\s/m), { timeoutMs: 90_000, intervalMs: 500 });
    await eventually(async () => assert.match(await k('get', 'pod', 'netclient'), /^netclient\s+1\/1\s+Running/m), { timeoutMs: 60_000, intervalMs: 500 });
    const pod = JSON.parse(await k('get', 'pod', 'mc3', '-o', 'json')) as { status: { podIP: string; podIPs: { ip: string }[]; hostIP: string } };
    const conf = JSON.parse(readFileSync(join(server.dataDir, 'network', 'cni', 'podyard.conflist'), 'utf8')) as { plugins: { ipam: { ranges: { subnet: string }[][] } }[] };
    const subnet = conf.plugins[0]!.ipam.ranges[0]![0]!.subnet;
    assert.match(subnet, /^10\.42\.\d+\.0\/24$/);
    assert.ok(pod.status.podIP.startsWith(subnet.split('.').slice(0, 3).join('.') + '.'), `${pod.status.podIP} in ${subnet}`);
    assert.deepEqual(pod.status.podIPs, [{ ip: pod.status.podIP }]);
    assert.ok(pod.status.hostIP && pod.status.hostIP !== pod.status.podIP);
    // The pod's /etc/hosts names it by its IP, its env knows it.
    assert.match(await k('exec', 'mc3', '-c', 'webapp', '--', 'cat', '/etc/hosts'), new RegExp(`^${pod.status.podIP.replace(/\./g, '\\.')}\\tmc3$`, 'm'));
  });

  it('kubectl expose pod mc3 --type=NodePort: "Hello world!" on 127.0.0.1:<nodePort>, port 5000 stays private', async () => {
    await k('expose', 'pod', 'mc3', '--type=NodePort', '--port=80');
    const described = await k('describe', 'service', 'mc3');
    const nodePort = Number(/NodePort:\s+<unset>\s+(\d+)\/TCP/.exec(described)?.[1]);
    assert.ok(nodePort >= 30000 && nodePort <= 32767, described);
    const res = await eventually(async () => {
      const r = await httpGet('127.0.0.1', nodePort);
      assert.equal(r.status, 200);
      return r;
    }, { timeoutMs: 20_000, intervalMs: 200 });
    assert.equal(res.body.trim(), 'Hello world!');
    // Also on the machine's own address on our bridge (the NodePort is on every local address).
    const gateway = /"gateway":\s*"([\d.]+)"/.exec(readFileSync(join(server.dataDir, 'network', 'cni', 'podyard.conflist'), 'utf8'))![1]!;
    assert.equal((await httpGet(gateway, nodePort)).body.trim(), 'Hello world!');
    // 5000 is not published on the machine.
    assert.equal(await tcpConnect('127.0.0.1', 5000), 'ECONNREFUSED');
    // …but another pod reaches it at the pod IP (pod to pod across the bridge).
    const podIP = await k('get', 'pod', 'mc3', '-o', 'jsonpath={.status.podIP}');
    const direct = await getFromClient(podIP, 5000);
    assert.equal(direct.body, 'Hello world!', direct.out);
  });

  it('a pod resolves the Service through the cluster DNS and reaches its ClusterIP', async () => {
    const clusterIP = await k('get', 'service', 'mc3', '-o', 'jsonpath={.spec.clusterIP}');
    const resolv = (await inClient('cat', '/etc/resolv.conf')).out;
    assert.match(resolv, /^search default\.svc\.cluster\.local svc\.cluster\.local cluster\.local/m);
    assert.match(resolv, /^options ndots:5$/m);
    assert.match(resolv, /^nameserver 10\.42\.\d+\.1$/m);
    // Absolute names (trailing dot): no search-list candidates that could be forwarded off the machine.
    const ns = await inClient('nslookup', 'mc3.default.svc.cluster.local.');
    assert.match(ns.out, new RegExp(`Address:\\s+${clusterIP.replace(/\./g, '\\.')}`), ns.out);
    // glibc's resolver in the python image, the issue's `getent hosts`.
    const getent = await k('exec', 'mc3', '-c', 'webapp', '--', 'getent', 'hosts', 'mc3.default.svc.cluster.local.');
    assert.equal(getent.trim().split(/\s+/)[0], clusterIP);
    // The ClusterIP from a pod; a short name goes through the search path (glibc, python).
    assert.equal((await getFromClient(clusterIP, 80)).body, 'Hello world!');
    const viaName = await k(
      'exec', 'mc3', '-c', 'webapp', '--', 'python3', '-c',
      "import socket; s = socket.create_connection(('mc3', 80), 5); s.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n'); print(s.makefile('rb').read().decode().split('\\r\\n\\r\\n', 1)[1])",
    );
    assert.equal(viaName.trim(), 'Hello world!');
    const missing = await inClient('nslookup', 'nope.default.svc.cluster.local.');
    assert.notEqual(missing.code, 0);
    assert.match(missing.out, /NXDOMAIN|can't find/);
    // The host reaches the ClusterIP too.
    assert.equal((await httpGet(clusterIP, 80)).body.trim(), 'Hello world!');
  });

  it('a Service without endpoints refuses connections instead of hanging', async () => {
    await kubectl(server.kubeconfig, ['create', 'service', 'clusterip', 'nobody', '--tcp=80:80']);
    const clusterIP = await k('get', 'service', 'nobody', '-o', 'jsonpath={.spec.clusterIP}');
    await eventually(async () => assert.equal(await tcpConnect(clusterIP, 80, 3_000), 'ECONNREFUSED'), { timeoutMs: 10_000, intervalMs: 200 });
    const fromPod = await getFromClient(clusterIP, 80);
    assert.match(fromPod.out, /refused/i);
  });

  it('kubectl port-forward pod/mc3 and svc/mc3 reach nginx in the pod', async () => {
    for (const target of ['pod/mc3', 'svc/mc3']) {
      const pf = spawn(kubectlPath, ['--kubeconfig', server.kubeconfig, 'port-forward', target, ':80'], { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        let out = '';
        pf.stdout.on('data', (d: Buffer) => (out += d.toString()));
        pf.stderr.on('data', (d: Buffer) => (out += d.toString()));
        const port = await eventually(() => Number(/Forwarding from 127\.0\.0\.1:(\d+) -> 80/.exec(out)![1]), { timeoutMs: 15_000 });
        const r = await httpGet('127.0.0.1', port);
        assert.equal(r.body.trim(), 'Hello world!', `${target}: ${out}`);
      } finally {
        pf.kill();
      }
    }
  });

  it('after pods and Services go and the server stops, no interface, IP allocation or rule remains', async () => {
    const ipam = join(server.dataDir, 'network', 'ipam');
    await k('delete', 'service', 'mc3', 'nobody');
    await k('delete', 'pods', '--all', '--grace-period=1');
    await eventually(async () => assert.equal((await k('get', 'pods', '-o', 'name')).trim(), ''), { timeoutMs: 60_000, intervalMs: 500 });
    await eventually(() => {
      const leases = readdirSync(ipam, { recursive: true }).filter((f) => /\d+\.\d+\.\d+\.\d+$/.test(String(f)));
      assert.deepEqual(leases, []);
      assert.doesNotMatch(spawnSync('ip', ['-br', 'link'], { encoding: 'utf8' }).stdout, new RegExp(`master ${bridge}|@.*${bridge}`));
    }, { timeoutMs: 15_000, intervalMs: 250 });
    const table = `podyard_${bridge.slice('podyard'.length)}`;
    assert.equal(spawnSync('nft', ['list', 'table', 'ip', table]).status, 0, 'rules exist while the server runs');
    assert.equal(await server.stop(), 0);
    assert.notEqual(spawnSync('nft', ['list', 'table', 'ip', table]).status, 0, 'rules removed');
    assert.notEqual(spawnSync('ip', ['link', 'show', 'dev', bridge]).status, 0, 'bridge removed');
    assert.doesNotMatch(spawnSync('iptables-save', [], { encoding: 'utf8' }).stdout, new RegExp(`podyard-${bridge.slice('podyard'.length)}`), 'no CNI masquerade rules left');
  });
});
