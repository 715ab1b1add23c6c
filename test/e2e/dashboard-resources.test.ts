/**
 * The web dashboard (issue #9) beyond running pods, in headless Chromium against a real Podyard
 * whose pods here are API objects only (bound to a node no agent runs): apply with validation
 * errors shown at their line, several documents at once, sidecars in start order in the pod
 * picture, Secrets hidden until asked, Nodes, Services, and a live page of 110 pods.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable } from '../helpers/images.js';
import { attrs, browserUnavailable, openDashboard, type DashboardSession } from './dashboard-session.js';

const skip = containerTestsUnavailable([]) ?? browserUnavailable() ?? false;

/** Three documents: a ConfigMap, a NodePort Service and a pod with an init container and a sidecar. */
const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: dash-api-conf
data:
  mode: demo
---
apiVersion: v1
kind: Service
metadata:
  name: dash-api
spec:
  type: NodePort
  selector:
    app: dash-api
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: dash-api
  labels:
    app: dash-api
spec:
  nodeName: elsewhere
  initContainers:
    - name: migrate
      image: busybox
    - name: proxy
      image: busybox
      restartPolicy: Always
      ports:
        - containerPort: 9000
  containers:
    - name: api
      image: busybox
      ports:
        - containerPort: 8080
      volumeMounts:
        - name: conf
          mountPath: /etc/api
          readOnly: true
  volumes:
    - name: conf
      configMap:
        name: dash-api-conf
`;

describe('web dashboard: apply and resources', { skip }, () => {
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
    ui = await openDashboard(server);
  });
  after(async () => {
    await ui?.close();
    await server.stop();
    await server.cleanup();
  });

  it('shows validation errors at their field, then applies several documents', async () => {
    await ui.open('/apply');
    const bad = manifest.replace('    - name: api\n      image: busybox\n', '    - name: api\n      image: ""\n');
    await page().locator('#apply-yaml').fill(bad);
    await page().locator('#apply-submit').click();
    const cause = page().locator('li.cause[data-field="spec.containers[0].image"]');
    await cause.waitFor({ timeout: 10_000 });
    const line = bad.split('\n').findIndex((l) => l.includes('image: ""')) + 1;
    assert.match(await cause.innerText(), new RegExp(`Line ${line}\\s+spec\\.containers\\[0\\]\\.image: Required value`));
    assert.deepEqual(await page().locator('.gutter .err').allInnerTexts(), [String(line)]);
    // The documents before the bad one were applied; each result says so.
    assert.equal(await page().locator('li.result.ok').count(), 2);
    await ui.shot('apply-errors');

    await page().locator('#apply-yaml').fill(manifest);
    await page().locator('#apply-submit').click();
    await eventually(async () => assert.equal(await page().locator('li.result.ok').count(), 3), { timeoutMs: 10_000 });
    assert.match(await k('get', 'pod', 'dash-api', '-o', 'jsonpath={.metadata.managedFields[*].manager}'), /podyard-dashboard/);
  });

  it('pictures init containers and sidecars in start order, and the Service port', async () => {
    await ui.open('/pods/default/dash-api');
    const figure = page().locator('figure.pod-picture');
    await figure.waitFor();
    const inits = figure.locator('.init-boxes .container-box');
    assert.deepEqual(await attrs(inits, 'data-container'), ['migrate', 'proxy']);
    assert.deepEqual(await attrs(inits, 'data-role'), ['init container', 'sidecar']);
    assert.deepEqual(await inits.locator('.order').allInnerTexts(), ['1', '2']);
    await eventually(async () => assert.match(await figure.locator('.container-box[data-container="api"] li.port').innerText(), /8080\/TCP[\s\S]*Service dash-api:80 · NodePort \d+/));
    assert.match(await figure.locator('li.mount[data-volume="conf"]').innerText(), /\/etc\/api[\s\S]*read-only/);
    await ui.shot('pod-picture-sidecar');
  });

  it('hides Secret values until asked; shows nodes with capacity and their pods; lists Services', async () => {
    await k('create', 'secret', 'generic', 'dash-secret', '--from-literal=password=s3cr3t-value');
    await ui.open('/secrets/default/dash-secret');
    const show = page().getByRole('button', { name: 'Show value of password' });
    await show.waitFor();
    assert.doesNotMatch(await page().locator('main').innerText(), /s3cr3t-value/);
    await show.click();
    await page().getByText('s3cr3t-value').waitFor();
    await ui.shot('secret');
    await ui.open('/nodes');
    const card = page().locator('.node-card').first();
    await card.waitFor();
    await eventually(async () => assert.match(await card.innerText(), /cpu[\s\S]*memory[\s\S]*pods? running here/));
    await ui.shot('nodes');
    await ui.open('/services');
    await page().locator('#services-table').getByText('dash-api').waitFor();
    await ui.shot('services');
  });

  it('keeps a page of 110 pods live', async () => {
    const pods = Array.from({ length: 110 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `many-${String(i).padStart(3, '0')}`, namespace: 'many' },
      spec: { nodeName: 'elsewhere', containers: [{ name: 'c', image: 'busybox' }] },
    }));
    await k('create', 'namespace', 'many');
    const r = await kubectl(server.kubeconfig, ['create', '-f', '-'], { input: pods.map((p) => stringify(p)).join('---\n'), timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    await ui.open('/pods');
    await page().locator('#namespace').selectOption('many');
    await eventually(async () => assert.equal(await page().locator('#pods-table tbody tr').count(), 110), { timeoutMs: 20_000 });
    // No kubelet confirms the graceful deletion: the row turns Terminating, then goes when forced.
    await k('delete', 'pod', '-n', 'many', 'many-042', '--wait=false');
    const row = page().locator('#pods-table tr[data-pod="many/many-042"]');
    await eventually(async () => assert.match(await row.innerText(), /Terminating/), { timeoutMs: 20_000 });
    await k('delete', 'pod', '-n', 'many', 'many-042', '--grace-period=0', '--force');
    await eventually(async () => assert.equal(await page().locator('#pods-table tbody tr').count(), 109), { timeoutMs: 20_000 });
    await ui.shot('pods-110');
    await page().locator('#pod-filter').fill('many-10');
    assert.equal(await page().locator('#pods-table tbody tr').count(), 10);
  });
});
