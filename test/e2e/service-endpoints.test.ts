/**
 * Services follow their pods: the endpoints controller lists a selected pod's IP as ready or not
 * ready by its Ready condition, resolves named target ports, and `kubectl describe service` shows
 * the endpoints from the EndpointSlice. Namespace deletion empties the namespace, then removes it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: ep
  labels: {app: ep}
spec:
  # A node that does not exist: no node agent overwrites the status this test writes.
  nodeName: api-only
  containers:
    - name: web
      image: nginx
      ports: [{name: http, containerPort: 8080}]
`;

const svc = `apiVersion: v1
kind: Service
metadata:
  name: ep
spec:
  selector: {app: ep}
  ports: [{name: web, port: 80, targetPort: http}]
`;

/** A status a node would report for a running pod (no node agent takes part in this test). */
function status(ready: boolean): string {
  const s = ready ? 'True' : 'False';
  return JSON.stringify({
    status: {
      phase: 'Running',
      podIP: '10.99.0.7',
      podIPs: [{ ip: '10.99.0.7' }],
      conditions: [
        { type: 'Ready', status: s, lastTransitionTime: '2026-11-24T00:00:00Z' },
        { type: 'ContainersReady', status: s, lastTransitionTime: '2026-11-24T00:00:00Z' },
      ],
    },
  });
}

describe('services, endpoints and namespaces', () => {
  let server: TestPodyard;
  const k = async (args: string[], input?: string) => {
    const r = await kubectl(server.kubeconfig, args, input !== undefined ? { input } : {});
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  before(async () => {
    server = await startPodyard();
  });
  after(async () => {
    await server.stop();
    await server.cleanup();
  });

  it('a ready pod becomes an endpoint with its named port resolved', async () => {
    await k(['apply', '-f', '-'], pod);
    await k(['apply', '-f', '-'], svc);
    await k(['patch', 'pod', 'ep', '--subresource=status', '--type=merge', '-p', status(true)]);
    await eventually(async () => assert.equal(await k(['get', 'endpoints', 'ep', '-o', 'jsonpath={.subsets[0].addresses[0].ip}:{.subsets[0].ports[0].port}']), '10.99.0.7:8080'), { timeoutMs: 10_000 });
    const described = await eventually(async () => {
      const out = await k(['describe', 'service', 'ep']);
      assert.match(out, /Endpoints:\s+10\.99\.0\.7:8080/);
      return out;
    }, { timeoutMs: 10_000 });
    assert.match(described, /TargetPort:\s+http\/TCP/);
    const slice = JSON.parse(await k(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=ep', '-o', 'json'])) as {
      items: { endpoints: { conditions: { ready: boolean } }[]; metadata: { ownerReferences: { kind: string }[] } }[];
    };
    assert.equal(slice.items.length, 1);
    assert.equal(slice.items[0]!.endpoints[0]!.conditions.ready, true);
    assert.equal(slice.items[0]!.metadata.ownerReferences[0]!.kind, 'Service');
  });

  it('a pod that turns unready moves to notReadyAddresses', async () => {
    await k(['patch', 'pod', 'ep', '--subresource=status', '--type=merge', '-p', status(false)]);
    await eventually(async () => {
      assert.equal(await k(['get', 'endpoints', 'ep', '-o', 'jsonpath={.subsets[0].notReadyAddresses[0].ip}']), '10.99.0.7');
    }, { timeoutMs: 10_000 });
  });

  it('pods whose named targetPort resolves to different numbers get one slice per port set', async () => {
    const other = pod.replace('name: ep\n', 'name: ep-b\n').replace('containerPort: 8080', 'containerPort: 9090');
    await k(['apply', '-f', '-'], other);
    await k(['patch', 'pod', 'ep-b', '--subresource=status', '--type=merge', '-p', status(true).replace(/10\.99\.0\.7/g, '10.99.0.8')]);
    await k(['patch', 'pod', 'ep', '--subresource=status', '--type=merge', '-p', status(true)]);
    await eventually(async () => {
      const list = JSON.parse(await k(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=ep', '-o', 'json'])) as {
        items: { endpoints?: { addresses: string[] }[]; ports: { port: number }[] }[];
      };
      const seen = list.items.map((s) => `${(s.endpoints ?? []).map((e) => e.addresses[0]).join(',')}:${s.ports.map((p) => p.port).join(',')}`).sort();
      assert.deepEqual(seen, ['10.99.0.7:8080', '10.99.0.8:9090']);
    }, { timeoutMs: 10_000 });
    await k(['delete', 'pod', 'ep-b', '--grace-period=0', '--force']);
    await eventually(async () => assert.equal((await k(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=ep', '-o', 'name'])).trim().split('\n').length, 1), { timeoutMs: 10_000 });
  });

  it('deleting a Service removes its endpoints and slices', async () => {
    await k(['delete', 'service', 'ep']);
    await eventually(async () => {
      assert.equal(await k(['get', 'endpoints', '-o', 'name', '--field-selector', 'metadata.name=ep']), '');
      assert.equal(await k(['get', 'endpointslices', '-o', 'name', '-l', 'kubernetes.io/service-name=ep']), '');
    }, { timeoutMs: 20_000 });
  });

  it('deleting a namespace deletes what is in it, then the namespace', async () => {
    await k(['create', 'namespace', 'doomed']);
    await k(['create', 'configmap', 'c1', '-n', 'doomed', '--from-literal=a=b']);
    await k(['create', 'secret', 'generic', 's1', '-n', 'doomed', '--from-literal=a=b']);
    const r = await kubectl(server.kubeconfig, ['delete', 'namespace', 'doomed', '--timeout=30s']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'namespace "doomed" deleted\n');
    assert.match((await kubectl(server.kubeconfig, ['get', 'namespace', 'doomed'])).stderr, /namespaces "doomed" not found/);
  });
});
