/**
 * A pod pulling from a registry behind Bearer token auth (issue #5), with real kubectl and runc:
 * Debian's docker-registry on the loopback trusts a token server (test/helpers/registry.ts) that
 * wants Basic credentials. The `kubectl create secret docker-registry` Secret in imagePullSecrets
 * gets the pod a token for `repository:library/busybox:pull` and the pod runs; a listed Secret that
 * does not exist is the kubelet's `FailedToRetrieveImagePullSecret` warning and the pull goes on;
 * a pod without credentials is ErrImagePull → ImagePullBackOff with the registry's 401.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlOk } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable } from '../helpers/images.js';
import { pushTestImages, registryTestsUnavailable, startRegistry, startTokenServer, type TestRegistry, type TestTokenServer } from '../helpers/registry.js';

const skip = containerTestsUnavailable(['busybox']) ?? registryTestsUnavailable(['busybox-multi']) ?? false;

const pod = (name: string, image: string, secrets: string[], policy = 'IfNotPresent') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: main
      image: ${image}
      imagePullPolicy: ${policy}
      command: ["sleep", "3600"]
${secrets.length ? `  imagePullSecrets:\n${secrets.map((s) => `    - name: ${s}\n`).join('')}` : ''}`;

describe('a pod pulling through the Bearer token flow', { skip }, () => {
  let plain: TestRegistry;
  let registry: TestRegistry;
  let tokens: TestTokenServer;
  let server: TestPodyard;
  const k = (args: string[], input?: string) => kubectlOk(server, args, input);

  before(async () => {
    // Pushed anonymously into one storage, served again behind token auth.
    plain = await startRegistry();
    await pushTestImages(plain.host, ['busybox-multi']);
    tokens = await startTokenServer({ users: { bob: 'hunter2' } });
    registry = await startRegistry({ storageDir: plain.storageDir, auth: { token: tokens } });
    server = await startPodyard({ mirror: false });
  });
  after(async () => {
    if (server) {
      await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=0', '--force']);
      await server.stop();
      await server.cleanup();
    }
    await registry?.stop();
    await tokens?.close();
    await plain?.stop();
  });

  it('runs with the imagePullSecrets Secret; a missing Secret is a FailedToRetrieveImagePullSecret warning', async () => {
    await k(['create', 'secret', 'docker-registry', 'tokcred', `--docker-server=${registry.host}`, '--docker-username=bob', '--docker-password=hunter2']);
    const image = `${registry.host}/library/busybox:multi`;
    tokens.requests.length = 0;
    await k(['apply', '-f', '-'], pod('bearer', image, ['ghost', 'tokcred']));
    await eventually(async () => assert.match(await k(['get', 'pod', 'bearer']), /^bearer\s+1\/1\s+Running\s+0\s/m), { timeoutMs: 60_000, intervalMs: 500 });
    // The registry's challenge named the realm; the token server saw bob's Basic credentials.
    assert.deepEqual(tokens.requests, [{ scope: 'repository:library/busybox:pull', service: tokens.service, user: 'bob' }]);
    const describe = await k(['describe', 'pod', 'bearer']);
    assert.match(describe, /Warning\s+FailedToRetrieveImagePullSecret\s+.*kubelet\s+Unable to retrieve some image pull secrets \(ghost\); attempting to pull the image may not succeed\./);
    assert.match(describe, new RegExp(`Normal\\s+Pulled\\s+.*Successfully pulled image "${image.replace(/\./g, '\\.')}" in `));
    const events = JSON.parse(await k(['get', 'events', '--field-selector', 'reason=FailedToRetrieveImagePullSecret', '-o', 'json'])) as {
      items: { type: string; involvedObject: { kind: string; name: string; fieldPath?: string }; source: { component: string } }[];
    };
    assert.equal(events.items.length, 1);
    assert.equal(events.items[0]!.type, 'Warning');
    assert.deepEqual([events.items[0]!.involvedObject.kind, events.items[0]!.involvedObject.name, events.items[0]!.involvedObject.fieldPath], ['Pod', 'bearer', undefined]);
    assert.equal(events.items[0]!.source.component, 'kubelet');
    assert.equal((await k(['exec', 'bearer', '--', 'cat', '/etc/group'])).split('\n')[0], 'root:x:0:');
  });

  it('without credentials the token server refuses: ErrImagePull, then ImagePullBackOff with the 401', async () => {
    // Always: the image is on the node already, and IfNotPresent would not ask the registry.
    await k(['apply', '-f', '-'], pod('bearer-anon', `${registry.host}/library/busybox:multi`, [], 'Always'));
    await eventually(async () => assert.match(await k(['get', 'pod', 'bearer-anon']), /^bearer-anon\s+0\/1\s+ImagePullBackOff\s/m), { timeoutMs: 60_000, intervalMs: 500 });
    const describe = await k(['describe', 'pod', 'bearer-anon']);
    assert.match(describe, /Warning\s+Failed\s+.*Failed to pull image "127\.0\.0\.1:\d+\/library\/busybox:multi": .*failed to fetch anonymous token: unexpected status from GET request to http:\/\/127\.0\.0\.1:\d+\/token: 401 Unauthorized/);
    assert.match(describe, /Warning\s+Failed\s+.*Error: ErrImagePull/);
    assert.doesNotMatch(describe, /FailedToRetrieveImagePullSecret/, 'no Secret was listed');
  });
});
