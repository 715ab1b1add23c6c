/**
 * The web dashboard (issue #9) in headless Chromium against a real Podyard running the tutorial's
 * pods: `podyard dashboard --print-url` logs the browser in with a session cookie; the pods list is
 * live; the pod picture shows mc1's two containers sharing one volume at their mount paths; logs
 * follow; a terminal runs `hostname` over the exec WebSocket; apply shows validation errors at
 * their field; deleting a pod from the UI removes it; nothing works without a session.
 * Screenshots of the main views go to <repo>/.cache/screenshots (not committed).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot, startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable } from '../helpers/images.js';
import { anonymous, attrs, browserUnavailable, loginUrl, openDashboard, type DashboardSession } from './dashboard-session.js';

const images = ['nginx', 'debian'];
const skip = containerTestsUnavailable(images) ?? browserUnavailable() ?? false;

/** A pod with an init container, a web server exposed by a NodePort Service, a config file by subPath and a logger. */
const webManifest = `
apiVersion: v1
kind: ConfigMap
metadata: { name: dash-web-conf }
data:
  motd: "hello from a ConfigMap"
---
apiVersion: v1
kind: Service
metadata: { name: dash-web }
spec:
  type: NodePort
  selector: { app: dash-web }
  ports: [{ name: http, port: 8080, targetPort: http }]
---
apiVersion: v1
kind: Pod
metadata:
  name: dash-web
  labels: { app: dash-web }
spec:
  initContainers:
    - name: prepare
      image: debian
      command: ["/bin/sh", "-c", "echo prepared > /work/ready"]
      volumeMounts: [{ name: work, mountPath: /work }]
  containers:
    - name: web
      image: nginx
      ports: [{ name: http, containerPort: 80 }]
      volumeMounts:
        - { name: work, mountPath: /usr/share/nginx/html, readOnly: true }
        - { name: conf, mountPath: /etc/motd, subPath: motd }
    - name: ticker
      image: debian
      command: ["/bin/sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done"]
      volumeMounts: [{ name: work, mountPath: /work }]
  volumes:
    - { name: work, emptyDir: {} }
    - { name: conf, configMap: { name: dash-web-conf } }
---
apiVersion: v1
kind: Pod
metadata: { name: dash-doomed }
spec:
  terminationGracePeriodSeconds: 2
  containers:
    - name: main
      image: debian
      command: ["sleep", "3600"]
`;

describe('web dashboard', { skip }, () => {
  let server: TestPodyard;
  let ui: DashboardSession;
  const page = () => ui.page;
  const k = async (...args: string[]) => {
    const r = await kubectl(server.kubeconfig, args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}\n--- server log ---\n${server.output().slice(-4000)}`);
    return r.stdout;
  };

  before(async () => {
    server = await startPodyard();
    // The tutorial's mc1 unchanged (its images come through the test docker.io mirror), and a richer pod.
    await k('apply', '-f', join(repoRoot, 'examples/mc1-shared-volume.yaml'));
    const applied = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: webManifest });
    assert.equal(applied.code, 0, applied.stderr);
    ui = await openDashboard(server, { login: false });
  });
  after(async () => {
    await ui?.close();
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=1']);
    await server.stop();
    await server.cleanup();
  });

  it('refuses the dashboard and its API calls without a session', async () => {
    for (const path of ['/ui/', '/ui/assets/index.js', '/ui/login-tokens', '/api/v1/namespaces/default/pods', '/ui/login']) {
      assert.equal((await anonymous(server.url + path)).code, 401, path);
    }
    assert.equal((await anonymous(`${server.url}/ui/login?token=made-up`)).code, 401);
    assert.equal((await anonymous(`${server.url}/api/v1/pods`, { headers: { Cookie: 'podyard-session=forged' } })).code, 401);
    const ws = await anonymous(`${server.url}/api/v1/namespaces/default/pods/mc1/exec?command=hostname&stdout=true`, {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Protocol': 'v5.channel.k8s.io' },
    });
    assert.equal(ws.code, 401, 'exec WebSocket without a session');
    // A login link works once.
    const url = await loginUrl(server);
    assert.match(url, /^https:\/\/127\.0\.0\.1:\d+\/ui\/login\?token=[\w-]+$/);
    const first = await anonymous(url);
    assert.equal(first.code, 303);
    assert.equal((await anonymous(url)).code, 401, 'second use of a login token');
  });

  it('logs in with the printed URL and lists pods live with kubectl STATUS words', async () => {
    await page().goto(await loginUrl(server));
    assert.match(page().url(), /\/ui\/$/);
    const cookie = (await ui.context.cookies()).find((c) => c.name === 'podyard-session');
    assert.ok(cookie, 'session cookie set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.secure, true);
    assert.equal(cookie.sameSite, 'Strict');
    // The session does not work from another origin: a cross-site request is refused.
    const cross = await anonymous(`${server.url}/api/v1/namespaces/default/pods/mc1`, {
      method: 'DELETE',
      headers: { Cookie: `podyard-session=${cookie.value}`, Origin: 'https://evil.example' },
    });
    assert.equal(cross.code, 401);

    await page().locator('#overview-pods').waitFor();
    await ui.open(`/pods`);
    const row = page().locator('#pods-table tr[data-pod="default/mc1"]');
    await eventually(async () => assert.match(await row.innerText(), /mc1\s+2\/2\s+Running\s+0/), { timeoutMs: 90_000, intervalMs: 500 });
    await eventually(async () => assert.match(await page().locator('#pods-table tr[data-pod="default/dash-web"]').innerText(), /2\/2\s+Running/), { timeoutMs: 60_000, intervalMs: 500 });
    await ui.shot('pods');
    await ui.open(`/overview`);
    await eventually(async () => assert.match(await page().locator('#overview-pods').innerText(), /Pods\s+3[\s\S]*Running\s+3/), { timeoutMs: 10_000 });
    await ui.shot('overview');
  });

  it('pictures mc1: two containers sharing the html volume at their own mount paths', async () => {
    await ui.open(`/pods/default/mc1`);
    const figure = page().locator('figure.pod-picture');
    await figure.waitFor();
    const boxes = figure.locator('.app-boxes .container-box');
    await eventually(async () => assert.deepEqual(await attrs(boxes, 'data-container'), ['1st', '2nd']));
    const mountOf = async (container: string) => {
      const mounts = figure.locator(`.container-box[data-container="${container}"] li.mount`);
      const [volumes, paths] = await Promise.all([attrs(mounts, 'data-volume'), attrs(mounts, 'data-mount-path')]);
      return volumes.map((v, i) => `${v}:${paths[i]}`);
    };
    assert.deepEqual(await mountOf('1st'), ['html:/usr/share/nginx/html']);
    assert.deepEqual(await mountOf('2nd'), ['html:/html']);
    assert.equal(await figure.locator('.shelf li.volume').count(), 1);
    assert.match(await figure.locator('.shelf li.volume[data-volume="html"]').innerText(), /1st: \/usr\/share\/nginx\/html[\s\S]*2nd: \/html/);
    await eventually(async () => assert.equal(await figure.locator('svg.lines path.mount-line[data-volume="html"]').count(), 2), { timeoutMs: 5000 });
    await eventually(async () => assert.equal(await figure.locator('[data-state="Running"]').count(), 2), { timeoutMs: 30_000 });
    assert.match(await figure.locator('.ns-uts').innerText(), /mc1/);
    await ui.shot('pod-picture-mc1');

    // The richer pod: init container first, the Service's NodePort on the web port, subPath, readOnly.
    await ui.open(`/pods/default/dash-web`);
    await figure.locator('.init-boxes .container-box[data-container="prepare"]').waitFor();
    await eventually(async () => assert.match(await figure.locator('.container-box[data-container="web"] li.port').innerText(), /80\/TCP[\s\S]*Service dash-web:8080 · NodePort \d+/));
    assert.match(await figure.locator('.container-box[data-container="web"] li.mount[data-volume="conf"]').innerText(), /\/etc\/motd[\s\S]*subPath motd/);
    assert.match(await figure.locator('.container-box[data-container="web"] li.mount[data-volume="work"]').innerText(), /read-only/);
    await eventually(async () => assert.equal(await figure.locator('.init-boxes [data-state="Completed"]').count(), 1), { timeoutMs: 30_000 });
    await ui.shot('pod-picture-dash-web');
  });

  it('follows the logs of a container, with a container switcher', async () => {
    await ui.open(`/pods/default/dash-web/logs`);
    await page().locator('#log-container').selectOption('ticker');
    const out = page().locator('#log-output');
    const ticks = async () => [...(await out.innerText()).matchAll(/tick (\d+)/g)].map((m) => Number(m[1]));
    const first = await eventually(async () => {
      const t = await ticks();
      assert.ok(t.length > 0, 'some ticks');
      return Math.max(...t);
    }, { timeoutMs: 20_000, intervalMs: 250 });
    // New lines arrive without reloading: the stream follows.
    await eventually(async () => assert.ok(Math.max(...(await ticks())) >= first + 2), { timeoutMs: 20_000, intervalMs: 250 });
    await ui.shot('logs');
    await page().locator('#log-container').selectOption('prepare');
    await eventually(async () => assert.doesNotMatch(await out.innerText(), /tick/), { timeoutMs: 5000 });
  });

  it('runs hostname in a browser terminal over the exec WebSocket', async () => {
    await ui.open(`/pods/default/mc1/exec`);
    await eventually(async () => assert.match(await page().locator('#exec-state').innerText(), /Connected to 1st/), { timeoutMs: 20_000 });
    const screen = page().locator('#terminal .xterm-rows');
    await eventually(async () => assert.match(await screen.innerText(), /#/), { timeoutMs: 10_000 });
    await page().locator('#terminal').click();
    await page().keyboard.type('hostname\n');
    await eventually(async () => {
      const text = await screen.innerText();
      assert.match(text, /hostname\s*\n\s*mc1\s*\n/);
    }, { timeoutMs: 15_000, intervalMs: 200 });
    await ui.shot('terminal');
    await page().keyboard.type('exit\n');
    await eventually(async () => assert.match(await page().locator('#terminal .xterm-rows').innerText(), /exited with code 0/), { timeoutMs: 10_000 });
  });

  it('deletes a pod from the UI', async () => {
    await eventually(async () => assert.match(await k('get', 'pod', 'dash-doomed'), /1\/1\s+Running/), { timeoutMs: 60_000, intervalMs: 500 });
    await ui.open(`/pods/default/dash-doomed`);
    await page().locator('[data-state="Running"]').waitFor();
    await page().locator('#delete-pod').click();
    await page().locator('#confirm-action').click();
    await page().waitForURL(/#\/pods$/);
    // The list shows it going (Terminating while its container stops), then gone.
    const row = page().locator('#pods-table tr[data-pod="default/dash-doomed"]');
    await page().locator('#pods-table tr[data-pod="default/mc1"]').waitFor();
    await eventually(async () => assert.equal(await row.count(), 0), { timeoutMs: 60_000, intervalMs: 250 });
    const r = await kubectl(server.kubeconfig, ['get', 'pod', 'dash-doomed']);
    assert.match(r.stderr, /NotFound|not found/);
  });
});
