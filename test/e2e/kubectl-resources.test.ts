/**
 * The real kubectl against `podyard server`: the everyday resource commands of issue #3, each
 * checked for the output a real cluster gives.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPodyard, repoRoot, type TestPodyard } from '../helpers/podyard.js';
import { kubectl as run } from '../helpers/kubectl.js';
import type { Pod, Service } from '../../src/apis/index.js';

const fixture = (name: string) => join(repoRoot, 'test/fixtures', name);

describe('kubectl resource commands', () => {
  let server: TestPodyard;
  const k = async (...args: string[]) => {
    const r = await run(server.kubeconfig, args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}\n${server.output().slice(-3000)}`);
    return r.stdout;
  };
  const kFail = async (...args: string[]) => {
    const r = await run(server.kubeconfig, args);
    assert.notEqual(r.code, 0, `kubectl ${args.join(' ')} unexpectedly succeeded: ${r.stdout}`);
    return r.stderr;
  };

  before(async () => {
    server = await startPodyard();
  });
  after(async () => {
    await server.stop();
    await server.cleanup();
  });

  it('api-resources lists the served resources with short names', async () => {
    const out = await k('api-resources');
    assert.match(out, /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/m);
    assert.match(out, /^pods\s+po\s+v1\s+true\s+Pod$/m);
    assert.match(out, /^services\s+svc\s+v1\s+true\s+Service$/m);
    assert.match(out, /^endpointslices\s+discovery\.k8s\.io\/v1\s+true\s+EndpointSlice$/m);
    assert.match(out, /^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m);
    assert.match(out, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
  });

  it('starts with the system namespaces, default service accounts and the kubernetes Service', async () => {
    const ns = await k('get', 'namespaces', '-o', 'name');
    for (const n of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) assert.match(ns, new RegExp(`^namespace/${n}$`, 'm'));
    assert.equal(await k('get', 'serviceaccount', 'default', '-o', 'name'), 'serviceaccount/default\n');
    const svc = await k('get', 'service', 'kubernetes');
    assert.match(svc, /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/m);
    assert.match(svc, /^kubernetes\s+ClusterIP\s+10\.43\.0\.1\s+<none>\s+443\/TCP\s+\d+s$/m);
  });

  it('create -f stores a defaulted pod; a duplicate is AlreadyExists', async () => {
    assert.equal(await k('create', '-f', fixture('web-pod.yaml')), 'pod/web created\n');
    const stderr = await kFail('create', '-f', fixture('web-pod.yaml'));
    assert.match(stderr, /Error from server \(AlreadyExists\): error when creating ".*web-pod.yaml": pods "web" already exists/);
    const pod = JSON.parse(await k('get', 'pod', 'web', '-o', 'json')) as Required<Pod>;
    assert.equal(pod.spec.restartPolicy, 'Always');
    assert.equal(pod.spec.dnsPolicy, 'ClusterFirst');
    assert.equal(pod.spec.terminationGracePeriodSeconds, 30);
    assert.equal(pod.spec.containers[0]!.imagePullPolicy, 'IfNotPresent');
    assert.equal(pod.spec.containers[1]!.imagePullPolicy, 'Always');
    assert.equal(pod.spec.containers[0]!.ports![0]!.protocol, 'TCP');
    assert.equal(pod.spec.containers[0]!.terminationMessagePath, '/dev/termination-log');
    assert.equal(pod.status.qosClass, 'BestEffort');
    assert.match(pod.metadata.uid!, /^[0-9a-f-]{36}$/);
    assert.match(pod.metadata.creationTimestamp!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('get prints server-side tables: plain, wide, labels, name, jsonpath, custom-columns', async () => {
    const table = await k('get', 'pods');
    assert.match(table, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.match(table, /^web\s+0\/2\s+\S+\s+0\s+\d+s$/m);
    const wide = await k('get', 'pods', '-o', 'wide');
    assert.match(wide, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/m);
    assert.match(await k('get', 'pods', '--show-labels'), /^web\s+.*\s+app=web,tier=back$/m);
    assert.equal(await k('get', 'pods', '-o', 'name'), 'pod/web\n');
    assert.equal(await k('get', 'pod', 'web', '-o', 'jsonpath={.spec.containers[*].name}'), 'nginx side');
    assert.equal(
      await k('get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image'),
      'NAME   IMAGE\nweb    nginx:1.25\n',
    );
    const yaml = await k('get', 'pod', 'web', '-o', 'yaml');
    assert.match(yaml, /^apiVersion: v1\nkind: Pod\n/);
  });

  it('selects by label and field, across namespaces', async () => {
    await k('create', 'namespace', 'other');
    await k('run', 'r1', '--image=busybox', '-n', 'other', '--labels=app=r1');
    assert.equal(await k('get', 'pods', '-l', 'app=web', '-o', 'name'), 'pod/web\n');
    assert.equal(await k('get', 'pods', '-l', 'app in (r1,zzz)', '-A', '-o', 'name'), 'pod/r1\n');
    assert.equal(await k('get', 'pods', '--field-selector', 'metadata.name=web', '-o', 'name'), 'pod/web\n');
    const all = await k('get', 'pods', '-A');
    assert.match(all, /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.match(all, /^default\s+web\s/m);
    assert.match(all, /^other\s+r1\s/m);
    assert.match(await kFail('get', 'pods', '--field-selector', 'spec.bogus=1'), /field label not supported: spec\.bogus/);
  });

  it('label, annotate and the three patch types', async () => {
    assert.equal(await k('label', 'pod', 'web', 'env=dev'), 'pod/web labeled\n');
    assert.equal(await k('annotate', 'pod', 'web', 'note=hello'), 'pod/web annotated\n');
    assert.equal(await k('patch', 'pod', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"m":"1"}}}'), 'pod/web patched\n');
    assert.equal(await k('patch', 'pod', 'web', '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/j","value":"2"}]'), 'pod/web patched\n');
    assert.equal(
      await k('patch', 'pod', 'web', '-p', '{"spec":{"containers":[{"name":"side","image":"busybox:1.36"}]}}'),
      'pod/web patched\n',
    );
    const pod = JSON.parse(await k('get', 'pod', 'web', '-o', 'json')) as Required<Pod>;
    assert.deepEqual(pod.metadata.labels, { app: 'web', tier: 'back', env: 'dev', m: '1', j: '2' });
    assert.equal(pod.metadata.annotations?.note, 'hello');
    assert.deepEqual(pod.spec.containers?.map((c) => c.image), ['nginx:1.25', 'busybox:1.36']);
    const stderr = await kFail('patch', 'pod', 'web', '-p', '{"spec":{"containers":[{"name":"side","command":["x"]}]}}');
    assert.match(stderr, /The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than/);
  });

  it('apply (client-side) creates, reports unchanged, then configures', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apply-'));
    const file = join(dir, 'cm.yaml');
    await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: "1"\n');
    assert.equal(await k('apply', '-f', file), 'configmap/applied created\n');
    assert.equal(await k('apply', '-f', file), 'configmap/applied unchanged\n');
    await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  b: "2"\n');
    assert.equal(await k('apply', '-f', file), 'configmap/applied configured\n');
    assert.equal(await k('get', 'configmap', 'applied', '-o', 'jsonpath={.data}'), '{"b":"2"}');
    const annotations = await k('get', 'configmap', 'applied', '-o', 'jsonpath={.metadata.annotations}');
    assert.match(annotations, /kubectl\.kubernetes\.io\/last-applied-configuration/);
  });

  it('apply --server-side creates and updates with managed fields', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ssa-'));
    const file = join(dir, 'cm.yaml');
    await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "1"\n');
    assert.equal(await k('apply', '--server-side', '-f', file), 'configmap/ssa serverside-applied\n');
    await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  c: "3"\n');
    assert.equal(await k('apply', '--server-side', '-f', file), 'configmap/ssa serverside-applied\n');
    assert.equal(await k('get', 'configmap', 'ssa', '-o', 'jsonpath={.data}'), '{"c":"3"}');
    const managers = await k('get', 'configmap', 'ssa', '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].manager}');
    assert.match(managers, /kubectl/);
  });

  it('replace swaps the whole object', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'replace-'));
    const file = join(dir, 'cm.yaml');
    await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rep\ndata:\n  a: "1"\n');
    await k('create', '-f', file);
    await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rep\ndata:\n  z: "9"\n');
    assert.equal(await k('replace', '-f', file), 'configmap/rep replaced\n');
    assert.equal(await k('get', 'configmap', 'rep', '-o', 'jsonpath={.data}'), '{"z":"9"}');
  });

  it('create configmap and secret from literals and files (protobuf bodies)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cm-'));
    await writeFile(join(dir, 'app.properties'), 'color=blue\n');
    assert.equal(await k('create', 'configmap', 'cfg', '--from-literal=k=v', `--from-file=${join(dir, 'app.properties')}`), 'configmap/cfg created\n');
    assert.equal(await k('get', 'configmap', 'cfg', '-o', 'jsonpath={.data.k}/{.data.app\\.properties}'), 'v/color=blue\n');
    assert.equal(await k('create', 'secret', 'generic', 'sec', '--from-literal=password=s3cret'), 'secret/sec created\n');
    assert.equal(await k('get', 'secret', 'sec', '-o', 'jsonpath={.type} {.data.password}'), `Opaque ${Buffer.from('s3cret').toString('base64')}`);
    const table = await k('get', 'configmaps', 'cfg');
    assert.match(table, /^NAME\s+DATA\s+AGE$/m);
    assert.match(table, /^cfg\s+2\s+\d+s$/m);
    assert.equal(await k('create', 'serviceaccount', 'robot'), 'serviceaccount/robot created\n');
  });

  it('expose pod --type=NodePort allocates a cluster IP and a node port', async () => {
    assert.equal(await k('expose', 'pod', 'web', '--type=NodePort', '--port=80'), 'service/web exposed\n');
    const svc = JSON.parse(await k('get', 'service', 'web', '-o', 'json')) as Required<Service>;
    assert.match(svc.spec.clusterIP!, /^10\.43\.\d+\.\d+$/);
    assert.deepEqual(svc.spec.clusterIPs, [svc.spec.clusterIP]);
    const port = svc.spec.ports![0]!.nodePort!;
    assert.ok(port >= 30000 && port <= 32767, String(port));
    assert.deepEqual(svc.spec.ipFamilies, ['IPv4']);
    assert.equal(svc.spec.externalTrafficPolicy, 'Cluster');
    const table = await k('get', 'service', 'web');
    assert.match(table, new RegExp(`^web\\s+NodePort\\s+${svc.spec.clusterIP!.replace(/\./g, '\\.')}\\s+<none>\\s+80:${port}/TCP\\s+\\d+s$`, 'm'));
    const described = await k('describe', 'service', 'web');
    assert.match(described, new RegExp(`NodePort:\\s+<unset>\\s+${port}/TCP`));
    assert.match(described, /IP Families:\s+IPv4/);
  });

  it('describe pod, node and configmap', async () => {
    const pod = await k('describe', 'pod', 'web');
    assert.match(pod, /^Name:\s+web$/m);
    assert.match(pod, /^Namespace:\s+default$/m);
    assert.match(pod, /Port:\s+80\/TCP/);
    const node = await k('describe', 'node');
    assert.match(node, /^Capacity:$/m);
    assert.match(node, /Ready\s+True/);
    const cm = await k('describe', 'configmap', 'cfg');
    assert.match(cm, /^Name:\s+cfg$/m);
  });

  it('explain reads our OpenAPI schemas', async () => {
    const out = await k('explain', 'pod.spec.containers');
    assert.match(out, /^KIND:\s+Pod$/m);
    assert.match(out, /^FIELD:\s+containers <\[\]Container>$/m);
    assert.match(out, /^\s+image\s+<string>$/m);
  });

  it('rejects unknown fields, invalid objects and missing objects with kube-apiserver messages', async () => {
    const unknown = await kFail('apply', '-f', fixture('bad-pod-unknown-field.yaml'));
    assert.match(unknown, /strict decoding error: unknown field "spec\.volumeMounts"/);
    const invalid = await kFail('create', '-f', fixture('invalid-pod.yaml'));
    assert.match(invalid, /The Pod "Invalid_Name" is invalid:/);
    assert.match(invalid, /metadata\.name: Invalid value: "Invalid_Name": a lowercase RFC 1123 subdomain/);
    assert.match(invalid, /spec\.containers\[1\]\.name: Duplicate value: "a"/);
    assert.match(invalid, /spec\.containers\[1\]\.image: Required value/);
    assert.match(invalid, /spec\.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"/);
    assert.equal(await kFail('get', 'pod', 'nope'), 'Error from server (NotFound): pods "nope" not found\n');
    assert.equal(await k('get', 'pods', '-o', 'name', '-l', 'app=web'), 'pod/web\n');
  });

  it('delete by name, by file, by label and --all', async () => {
    await k('create', 'configmap', 'd1', '--from-literal=a=1');
    await k('create', 'configmap', 'd2', '--from-literal=a=1');
    await k('label', 'configmap', 'd2', 'gone=yes');
    assert.equal(await k('delete', 'configmap', 'd1'), 'configmap "d1" deleted\n');
    assert.equal(await k('delete', 'configmap', '-l', 'gone=yes'), 'configmap "d2" deleted\n');
    assert.equal(await kFail('delete', 'configmap', 'd1'), 'Error from server (NotFound): configmaps "d1" not found\n');
    // The pod is bound to this node, so a graceful delete waits for the node agent (#4).
    assert.equal(await k('delete', '-f', fixture('web-pod.yaml'), '--grace-period=0', '--force'), 'pod "web" force deleted\n');
    assert.match(await k('delete', 'services', '--all'), /service "web" deleted/);
    assert.equal(await k('get', 'pods', '-o', 'name'), '');
  });
});
