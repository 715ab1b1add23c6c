/**
 * Pods whose images come from a registry (issue #5), with real kubectl, runc and Debian's
 * docker-registry on the loopback: `podyard server --registry-mirror docker.io=…` makes an
 * unmodified `image: busybox` pull from the local registry and run, and the tutorial's `image: nginx`
 * (no command, the image's own) serve its page on the pod IP; an imagePullSecrets Secret
 * (`kubectl create secret docker-registry`) opens a registry behind Basic auth, and its absence
 * does not; an unknown image goes ErrImagePull → ImagePullBackOff with the kubelet's events;
 * `podyard image pull` uses the server's mirror settings.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { startPodyard, podyardBin, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlOk } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable } from '../helpers/images.js';
import { pushTestImages, registryTestsUnavailable, startRegistry, type TestRegistry } from '../helpers/registry.js';

const run = promisify(execFile);
const skip = containerTestsUnavailable(['busybox']) ?? registryTestsUnavailable(['busybox', 'busybox-multi', 'nginx']) ?? false;

/** A plain HTTP GET: status and body, or the connection error. */
function httpGet(host: string, port: number, timeoutMs = 5_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/', timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET http://${host}:${port}/ timed out`)));
    req.on('error', reject);
    req.end();
  });
}

const pod = (name: string, image: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: main
      image: ${image}
      command: ["sleep", "3600"]
${extra}`;

describe('pods pulling their images from registries', { skip }, () => {
  let registry: TestRegistry;
  let basic: TestRegistry;
  let server: TestPodyard;
  const k = (args: string[], input?: string) => kubectlOk(server, args, input);

  before(async () => {
    registry = await startRegistry();
    await pushTestImages(registry.host, ['busybox', 'busybox-multi', 'nginx']);
    basic = await startRegistry({ storageDir: registry.storageDir, auth: { htpasswd: { username: 'alice', password: 's3cret' } } });
    // Tests never reach the internet: docker.io is the local registry, with no fallback.
    // The shared test mirror stays off: docker.io is this file's registry alone.
    server = await startPodyard({ mirror: false, args: ['--registry-mirror', `docker.io=http://${registry.host}`, '--registry-mirror-fallback', 'false'] });
  });
  after(async () => {
    if (server) {
      await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=0', '--force']);
      await server.stop();
      await server.cleanup();
    }
    await basic?.stop();
    await registry?.stop();
  });

  it('runs an unmodified `image: busybox` pulled through the docker.io mirror', async () => {
    await k(['apply', '-f', '-'], pod('mirrored', 'busybox'));
    await eventually(async () => assert.match(await k(['get', 'pod', 'mirrored']), /^mirrored\s+1\/1\s+Running\s/m), { timeoutMs: 60_000, intervalMs: 500 });
    const describe = await k(['describe', 'pod', 'mirrored']);
    assert.match(describe, /Normal\s+Pulling\s+.*kubelet\s+Pulling image "busybox"/);
    assert.match(describe, /Normal\s+Pulled\s+.*kubelet\s+Successfully pulled image "busybox" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\./);
    const status = JSON.parse(await k(['get', 'pod', 'mirrored', '-o', 'json'])) as { status: { containerStatuses: { image: string; imageID: string }[] } };
    assert.equal(status.status.containerStatuses[0]!.image, 'docker.io/library/busybox:latest');
    assert.match(status.status.containerStatuses[0]!.imageID, /^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
    assert.equal((await k(['exec', 'mirrored', '--', 'cat', '/etc/group'])).split('\n')[0], 'root:x:0:');
  });

  it('runs the tutorial\'s `image: nginx` unchanged through the mirror: its page on the pod IP and inside', async () => {
    // As the tutorial writes it: no command, no pull policy (`nginx` is :latest, so Always).
    await k(['apply', '-f', '-'], `apiVersion: v1
kind: Pod
metadata:
  name: web-mirrored
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: nginx
      image: nginx
      ports:
        - containerPort: 80
`);
    await eventually(async () => assert.match(await k(['get', 'pod', 'web-mirrored']), /^web-mirrored\s+1\/1\s+Running\s+0\s/m), { timeoutMs: 90_000, intervalMs: 500 });
    const status = JSON.parse(await k(['get', 'pod', 'web-mirrored', '-o', 'json'])) as { status: { podIP: string; containerStatuses: { image: string; imageID: string }[] } };
    assert.equal(status.status.containerStatuses[0]!.image, 'docker.io/library/nginx:latest');
    assert.match(status.status.containerStatuses[0]!.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    assert.match(await k(['describe', 'pod', 'web-mirrored']), /Normal\s+Pulled\s+.*kubelet\s+Successfully pulled image "nginx" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\./);
    // From the node, through Podyard's bridge to the pod IP (nginx may take a moment to listen).
    const page = await eventually(async () => {
      const r = await httpGet(status.status.podIP, 80);
      assert.equal(r.status, 200);
      return r.body;
    }, { timeoutMs: 20_000, intervalMs: 250 });
    assert.match(page, /<title>Welcome to nginx!<\/title>/);
    // Inside the pod: bash's /dev/tcp to localhost:80 (the image has no curl or wget).
    const inside = await k(['exec', 'web-mirrored', '--', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/80; printf "GET / HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n" >&3; cat <&3']);
    assert.match(inside, /^HTTP\/1\.1 200 OK\r$/m);
    assert.match(inside, /^Server: nginx/m);
    assert.match(inside, /<title>Welcome to nginx!<\/title>/);
  });

  it('an unknown image is ErrImagePull, then ImagePullBackOff, with the kubelet events', async () => {
    await k(['apply', '-f', '-'], pod('missing', 'podyard-no-such-image:1.0'));
    await eventually(async () => assert.match(await k(['get', 'pod', 'missing']), /^missing\s+0\/1\s+ImagePullBackOff\s/m), { timeoutMs: 60_000, intervalMs: 500 });
    const describe = await k(['describe', 'pod', 'missing']);
    assert.match(describe, /Normal\s+Pulling\s+.*Pulling image "podyard-no-such-image:1\.0"/);
    assert.match(
      describe,
      /Warning\s+Failed\s+.*Failed to pull image "podyard-no-such-image:1\.0": failed to pull and unpack image "docker\.io\/library\/podyard-no-such-image:1\.0": failed to resolve reference "docker\.io\/library\/podyard-no-such-image:1\.0": docker\.io\/library\/podyard-no-such-image:1\.0: not found/,
    );
    assert.match(describe, /Warning\s+Failed\s+.*Error: ErrImagePull/);
    assert.match(describe, /Normal\s+BackOff\s+.*Back-off pulling image "podyard-no-such-image:1\.0"/);
    const waiting = JSON.parse(await k(['get', 'pod', 'missing', '-o', 'jsonpath={.status.containerStatuses[0].state.waiting}'])) as { reason: string; message: string };
    assert.equal(waiting.reason, 'ImagePullBackOff');
    assert.match(waiting.message, /^Back-off pulling image "podyard-no-such-image:1\.0": failed to pull and unpack image/);
  });

  it('pulls from a registry behind Basic auth with an imagePullSecrets Secret, and not without', async () => {
    await k(['create', 'secret', 'docker-registry', 'regcred', `--docker-server=${basic.host}`, '--docker-username=alice', '--docker-password=s3cret']);
    await k(['create', 'secret', 'docker-registry', 'badcred', `--docker-server=${basic.host}`, '--docker-username=alice', '--docker-password=wrong']);
    const image = `${basic.host}/library/busybox:multi`;
    await k(['apply', '-f', '-'], pod('authed', image, '  imagePullSecrets:\n    - name: regcred\n'));
    // :latest is pulled every time (Always): the wrong password is put to the registry.
    await k(['apply', '-f', '-'], pod('badauth', `${basic.host}/library/busybox:latest`, '  imagePullSecrets:\n    - name: badcred\n'));
    await eventually(async () => assert.match(await k(['get', 'pod', 'authed']), /^authed\s+1\/1\s+Running\s/m), { timeoutMs: 60_000, intervalMs: 500 });
    await eventually(async () => assert.match(await k(['get', 'pod', 'badauth']), /^badauth\s+0\/1\s+(ErrImagePull|ImagePullBackOff)\s/m), { timeoutMs: 60_000, intervalMs: 500 });
    assert.match(await k(['describe', 'pod', 'badauth']), /Failed to pull image ".*": failed to pull and unpack image ".*": failed to resolve reference ".*": unexpected status from GET request to http:\/\/127\.0\.0\.1:\d+\/v2\/library\/busybox\/manifests\/latest: 401 Unauthorized/);
  });

  it('`podyard image pull` uses the server\'s mirror and prints plain progress lines off a terminal', async () => {
    const { stdout } = await run(process.execPath, [podyardBin, 'image', 'pull', '--data-dir', server.dataDir, 'busybox:multi']);
    assert.match(stdout, /^Resolved docker\.io\/library\/busybox:multi to sha256:[0-9a-f]{64} at http:\/\/127\.0\.0\.1:\d+ \(1 layers, [\d.]+[kM]B\)$/m);
    assert.match(stdout, /^Layer sha256:[0-9a-f]{12}: (downloaded [\d.]+[kM]B|already present)$/m);
    assert.match(stdout, /^Pulled docker\.io\/library\/busybox:multi \(image ID sha256:[0-9a-f]{64}, /m);
    const ls = (await run(process.execPath, [podyardBin, 'image', 'ls', '--data-dir', server.dataDir])).stdout;
    assert.match(ls, /^docker\.io\/library\/busybox:multi\s+[0-9a-f]{12}\s+/m);
    // Removing the name a running container was started from untags it but deletes nothing.
    const rm = (await run(process.execPath, [podyardBin, 'image', 'rm', '--data-dir', server.dataDir, 'docker.io/library/busybox:latest'])).stdout;
    assert.match(rm, /^Untagged: docker\.io\/library\/busybox:latest$/m);
    assert.doesNotMatch(rm, /^Deleted:/m);
    const prune = (await run(process.execPath, [podyardBin, 'image', 'prune', '--all', '--data-dir', server.dataDir])).stdout;
    assert.doesNotMatch(prune, /^Deleted:/m, 'every image left is used by a container');
    assert.equal((await k(['exec', 'mirrored', '--', 'echo', 'still here'])).trim(), 'still here');
  });
});
