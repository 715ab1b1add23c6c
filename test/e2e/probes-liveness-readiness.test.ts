/**
 * Probes on real containers (issue #7): an nginx whose httpGet liveness path starts answering
 * 500 is restarted with back-off and `kubectl describe pod` shows `Unhealthy` and `Killing` as a
 * cluster would; a failing readiness probe keeps READY at 1/2 (and the pod out of its Service's
 * ready endpoints when it has an IP) until it passes again; a busybox-only image passes httpGet
 * and tcpSocket probes with nothing added to the image; a startup probe with a long
 * failureThreshold protects a slow starter from its liveness probe.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlOk } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const skip = containerTestsUnavailable(['busybox', 'nginx']) ?? false;

/** nginx serving /healthz and /ready from a ConfigMap, failing while a flag file exists in an emptyDir (which survives restarts). */
const nginxConf = `apiVersion: v1
kind: ConfigMap
metadata:
  name: probe-nginx
data:
  probe.conf: |
    server {
      listen 8080;
      location /healthz {
        if (-f /flags/unhealthy) { return 500; }
        return 200 'ok';
      }
      location /ready {
        if (-f /flags/notready) { return 503; }
        return 200 'ready';
      }
      location / { return 200 'hello from nginx'; }
    }
`;

const nginxPod = (name: string, probes: string, extraContainers = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  terminationGracePeriodSeconds: 2
  volumes:
    - name: conf
      configMap: {name: probe-nginx}
    - name: flags
      emptyDir: {}
  containers:
    - name: web
      image: nginx
      imagePullPolicy: IfNotPresent
      ports: [{name: http, containerPort: 8080}]
      volumeMounts:
        - {name: conf, mountPath: /etc/nginx/conf.d}
        - {name: flags, mountPath: /flags}
${probes}
${extraContainers}`;

interface PodJson {
  status: {
    podIP?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: { name: string; ready: boolean; started?: boolean; restartCount: number; state: Record<string, unknown> }[];
  };
}

describe('liveness, readiness and startup probes', { skip }, () => {
  let server: TestPodyard;
  const k = (args: string[], input?: string) => kubectlOk(server, args, input);
  const podJson = async (name: string) => JSON.parse(await k(['get', 'pod', name, '-o', 'json'])) as PodJson;
  const container = async (pod: string, name: string) => {
    const c = (await podJson(pod)).status.containerStatuses?.find((s) => s.name === name);
    assert.ok(c, `no status for ${pod}/${name}`);
    return c;
  };

  before(async () => {
    server = await startPodyard();
    await loadTestImages(server.dataDir, ['busybox', 'nginx']);
    await k(['apply', '-f', '-'], nginxConf);
  });
  after(async () => {
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=0', '--force']);
    await server.stop();
    await server.cleanup();
  });

  it('an httpGet liveness path answering 500 restarts nginx with back-off; describe shows Unhealthy and Killing', async () => {
    await k(
      ['apply', '-f', '-'],
      nginxPod(
        'live',
        `      livenessProbe:
        httpGet: {path: /healthz, port: http}
        periodSeconds: 1
        failureThreshold: 2`,
      ),
    );
    await eventually(async () => assert.equal((await container('live', 'web')).ready, true), { timeoutMs: 60_000, intervalMs: 500 });
    // Healthy for a while: no restart.
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal((await container('live', 'web')).restartCount, 0);
    await k(['exec', 'live', '-c', 'web', '--', 'touch', '/flags/unhealthy']);
    // Two restarts at once (no earlier exit to back off from, as the kubelet), the third after 10 s.
    await eventually(async () => assert.ok((await container('live', 'web')).restartCount >= 3), { timeoutMs: 90_000, intervalMs: 1000 });
    const describe = await k(['describe', 'pod', 'live']);
    assert.match(describe, /Warning\s+Unhealthy\s+.*kubelet\s+Liveness probe failed: HTTP probe failed with statuscode: 500/);
    assert.match(describe, /Normal\s+Killing\s+.*kubelet\s+Container web failed liveness probe, will be restarted/);
    // The third restart waited for the back-off.
    assert.match(describe, /Warning\s+BackOff\s+.*kubelet\s+Back-off restarting failed container web in pod live_default\(/);
  });

  it('a failing readiness probe keeps READY at 1/2 and the pod out of ready endpoints until it passes', async () => {
    await k(
      ['apply', '-f', '-'],
      `${nginxPod(
        'rdy',
        `      readinessProbe:
        httpGet: {path: /ready, port: 8080}
        periodSeconds: 1`,
        `    - name: sidecar
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sleep", "3600"]`,
      )}
---
apiVersion: v1
kind: Service
metadata:
  name: rdy
spec:
  selector: {app: rdy}
  ports: [{port: 80, targetPort: 8080}]
`,
    );
    await eventually(async () => assert.match(await k(['get', 'pod', 'rdy']), /^rdy\s+2\/2\s+Running\s/m), { timeoutMs: 60_000, intervalMs: 500 });
    const ip = (await podJson('rdy')).status.podIP;
    const endpoints = async () => JSON.parse(await k(['get', 'endpoints', 'rdy', '-o', 'json'])) as { subsets?: { addresses?: { ip: string }[]; notReadyAddresses?: { ip: string }[] }[] };
    if (ip) await eventually(async () => assert.equal((await endpoints()).subsets?.[0]?.addresses?.[0]?.ip, ip), { timeoutMs: 30_000, intervalMs: 500 });

    await k(['exec', 'rdy', '-c', 'web', '--', 'touch', '/flags/notready']);
    await eventually(async () => assert.match(await k(['get', 'pod', 'rdy']), /^rdy\s+1\/2\s+Running\s+0\s/m), { timeoutMs: 30_000, intervalMs: 500 });
    const conds = (await podJson('rdy')).status.conditions ?? [];
    assert.equal(conds.find((c) => c.type === 'Ready')?.status, 'False');
    assert.equal(conds.find((c) => c.type === 'ContainersReady')?.status, 'False');
    assert.match(await k(['describe', 'pod', 'rdy']), /Warning\s+Unhealthy\s+.*Readiness probe failed: HTTP probe failed with statuscode: 503/);
    if (ip) {
      await eventually(async () => {
        const s = (await endpoints()).subsets?.[0];
        assert.equal(s?.addresses, undefined);
        assert.equal(s?.notReadyAddresses?.[0]?.ip, ip);
      }, { timeoutMs: 30_000, intervalMs: 500 });
    }

    await k(['exec', 'rdy', '-c', 'web', '--', 'rm', '/flags/notready']);
    await eventually(async () => assert.match(await k(['get', 'pod', 'rdy']), /^rdy\s+2\/2\s+Running\s+0\s/m), { timeoutMs: 30_000, intervalMs: 500 });
    if (ip) await eventually(async () => assert.equal((await endpoints()).subsets?.[0]?.addresses?.[0]?.ip, ip), { timeoutMs: 30_000, intervalMs: 500 });
  });

  it('a busybox-only image passes httpGet and tcpSocket probes', async () => {
    await k(
      ['apply', '-f', '-'],
      `apiVersion: v1
kind: Pod
metadata:
  name: bb
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: httpd
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "mkdir -p /www && echo up > /www/index.html && exec httpd -f -p 8080 -h /www"]
      ports: [{name: web, containerPort: 8080}]
      readinessProbe:
        httpGet: {path: /index.html, port: web, httpHeaders: [{name: X-Probe, value: podyard}]}
        periodSeconds: 1
      livenessProbe:
        tcpSocket: {port: 8080}
        periodSeconds: 1
        failureThreshold: 1
`,
    );
    await eventually(async () => assert.match(await k(['get', 'pod', 'bb']), /^bb\s+1\/1\s+Running\s+0\s/m), { timeoutMs: 60_000, intervalMs: 500 });
    // Several liveness periods later: still running, never restarted.
    await new Promise((r) => setTimeout(r, 4000));
    const c = await container('bb', 'httpd');
    assert.equal(c.restartCount, 0);
    assert.equal(c.ready, true);
  });

  it('a startup probe with a long failureThreshold protects a slow starter from its liveness probe', async () => {
    await k(
      ['apply', '-f', '-'],
      `apiVersion: v1
kind: Pod
metadata:
  name: slow
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: app
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "sleep 6; touch /tmp/started; exec sleep 3600"]
      startupProbe:
        exec: {command: ["test", "-f", "/tmp/started"]}
        periodSeconds: 1
        failureThreshold: 30
      livenessProbe:
        exec: {command: ["test", "-f", "/tmp/started"]}
        periodSeconds: 1
        failureThreshold: 1
`,
    );
    const early = await container('slow', 'app').catch(() => undefined);
    if (early) assert.notEqual(early.started, true);
    await eventually(async () => {
      const c = await container('slow', 'app');
      assert.equal(c.started, true);
      assert.equal(c.ready, true);
    }, { timeoutMs: 60_000, intervalMs: 500 });
    assert.equal((await container('slow', 'app')).restartCount, 0);
    assert.match(await k(['describe', 'pod', 'slow']), /Startup probe failed/);
  });
});
