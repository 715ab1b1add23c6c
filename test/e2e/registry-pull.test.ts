/**
 * The registry puller against Debian's docker-registry (issue #5): anonymous pulls of Docker
 * schema 2 images and of a two-platform OCI index, pulls by digest, layers shared between
 * images, one pull per reference, Basic auth from a dockerconfigjson, the Bearer token flow,
 * docker.io mirrored to the local registry, a download cut mid-blob and resumed with Range, and
 * a blob whose content does not match its digest. Needs no root: nothing is unpacked here.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore, RegistryPuller, parseDockerConfig, type ImageError, type RegistryPullerConfig } from '../../src/images/index.js';
import { freePort, pushTestImages, registryTestsUnavailable, startRegistry, startTokenServer, type TestRegistry, type TestTokenServer } from '../helpers/registry.js';

const skip = registryTestsUnavailable(['busybox', 'busybox-multi', 'debian', 'python']) ?? false;

/** A pass-through HTTP proxy in front of a registry that can cut or corrupt one blob response. */
interface Proxy {
  host: string;
  requests: { method: string; path: string; range?: string }[];
  /** Cut the next response for this blob after `bytes` bytes. */
  cutBlob?: { digest: string; bytes: number };
  /** Flip a byte in every response for this blob. */
  corruptBlob?: string;
  close(): Promise<void>;
}

async function startProxy(target: string): Promise<Proxy> {
  const proxy: Proxy = { host: '', requests: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    proxy.requests.push({ method: req.method ?? 'GET', path, ...(req.headers.range ? { range: req.headers.range } : {}) });
    const upstream = request(`http://${target}${path}`, { method: req.method, headers: { ...req.headers, host: target } }, (up) => {
      const cut = proxy.cutBlob && path.endsWith(`/blobs/${proxy.cutBlob.digest}`) ? proxy.cutBlob : undefined;
      const corrupt = proxy.corruptBlob !== undefined && path.endsWith(`/blobs/${proxy.corruptBlob}`);
      if (cut) proxy.cutBlob = undefined;
      res.writeHead(up.statusCode ?? 502, up.headers);
      let sent = 0;
      up.on('data', (chunk: Buffer) => {
        if (corrupt && sent === 0 && chunk.length > 0) {
          chunk = Buffer.from(chunk);
          chunk[0] = chunk[0]! ^ 0xff;
        }
        if (cut && sent + chunk.length >= cut.bytes) {
          res.write(chunk.subarray(0, cut.bytes - sent));
          sent = cut.bytes;
          up.destroy();
          setTimeout(() => res.destroy(), 20);
          return;
        }
        sent += chunk.length;
        res.write(chunk);
      });
      up.on('end', () => res.end());
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  proxy.close = () => new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
  return proxy;
}

describe('pulling from a real registry', { skip }, () => {
  let registry: TestRegistry;
  let dir: string;
  const stores: ImageStore[] = [];
  const openStore = async (name: string) => {
    const s = await ImageStore.open(join(dir, name));
    stores.push(s);
    return s;
  };
  const puller = (store: ImageStore, config: RegistryPullerConfig = {}) => new RegistryPuller({ store }, config);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'podyard-pull-'));
    registry = await startRegistry();
    await pushTestImages(registry.host, ['busybox', 'busybox-multi', 'debian', 'python']);
  });
  after(async () => {
    for (const s of stores) s.close();
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('pulls a Docker schema 2 image anonymously; a second pull downloads nothing', async () => {
    const store = await openStore('anon');
    const p = puller(store);
    const events: string[] = [];
    const first = await p.pull(`${registry.host}/library/busybox:latest`, { onProgress: (e) => events.push(e.type) });
    assert.equal(first.reference, `${registry.host}/library/busybox:latest`);
    assert.equal(first.newLayers, 1);
    assert.ok(first.bytesDownloaded > 500_000, `downloaded ${first.bytesDownloaded}`);
    assert.ok(first.size >= first.bytesDownloaded);
    assert.deepEqual([events[0], events.at(-1)], ['resolved', 'layer-done']);
    const record = store.get(`${registry.host}/library/busybox`);
    assert.equal(record.id, first.record.id);
    assert.deepEqual(record.repoDigests, [`${registry.host}/library/busybox@${first.digest}`]);
    assert.deepEqual((await store.imageConfig(record)).Cmd, ['sh']);
    const again = await p.pull(`${registry.host}/library/busybox:latest`);
    assert.equal(again.bytesDownloaded, 0);
    assert.equal(again.reusedLayers, 1);
    // By digest, too.
    const byDigest = await p.pull(`${registry.host}/library/busybox@${first.digest}`);
    assert.equal(byDigest.record.id, first.record.id);
  });

  it('picks linux/amd64 from a two-platform OCI index (and arm64 when asked)', async () => {
    const amd = await p2('multi-amd64', {});
    assert.equal(amd.record.platform.architecture, 'amd64');
    const arm = await p2('multi-arm64', { platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
    assert.equal(arm.record.platform.architecture, 'arm64');
    assert.notEqual(arm.record.id, amd.record.id);
    assert.equal(arm.digest, amd.digest, 'the name points at the index in both stores');
    assert.deepEqual(arm.record.diffIDs, amd.record.diffIDs, 'the arm64 entry reuses the amd64 layer');
    await assert.rejects(p2('multi-s390x', { platform: { os: 'linux', architecture: 's390x' } }), (err: ImageError) => err.code === 'NoMatchingPlatform');
    async function p2(name: string, config: RegistryPullerConfig) {
      return puller(await openStore(name), config).pull(`${registry.host}/library/busybox:multi`);
    }
  });

  it('stores a layer once across images (debian under python)', async () => {
    const store = await openStore('shared');
    const p = puller(store);
    const debian = await p.pull(`${registry.host}/library/debian:bookworm`);
    const python = await p.pull(`${registry.host}/training/webapp:latest`);
    assert.equal(python.reusedLayers, 1);
    assert.equal(python.newLayers, python.record.diffIDs.length - 1);
    assert.equal(python.record.diffIDs[0], debian.record.diffIDs[0]);
  });

  it('runs one pull per reference however many callers ask at once', async () => {
    const proxy = await startProxy(registry.host);
    try {
      const p = puller(await openStore('singleflight'));
      const ref = `${proxy.host}/library/busybox:latest`;
      const results = await Promise.all([p.pull(ref), p.pull(ref), p.pull(ref)]);
      assert.equal(new Set(results.map((r) => r.record.id)).size, 1);
      const manifestGets = proxy.requests.filter((r) => r.path.includes('/manifests/')).length;
      const blobGets = proxy.requests.filter((r) => r.path.includes('/blobs/')).length;
      assert.equal(manifestGets, 1);
      assert.equal(blobGets, 2, 'config and the one layer, once each');
    } finally {
      await proxy.close();
    }
  });

  it('reports an unknown image as not found', async () => {
    const p = puller(await openStore('missing'));
    await assert.rejects(p.pull(`${registry.host}/library/nope:1.0`), (err: ImageError) => {
      assert.equal(err.code, 'NotFound');
      assert.equal(
        err.message,
        `failed to pull and unpack image "${registry.host}/library/nope:1.0": failed to resolve reference "${registry.host}/library/nope:1.0": ${registry.host}/library/nope:1.0: not found`,
      );
      return true;
    });
  });

  it('resumes a layer download cut mid-blob with a Range request, keeping the bytes it had', async () => {
    const proxy = await startProxy(registry.host);
    try {
      const store = await openStore('resume');
      const ref = `${proxy.host}/library/debian:latest`;
      // Learn the layer digest first (a manifest GET through the same proxy).
      const manifest = await fetchJson(`http://${registry.host}/v2/library/debian/manifests/latest`);
      const layer = manifest.layers[0]!;
      proxy.cutBlob = { digest: layer.digest, bytes: 4_000_000 };
      await assert.rejects(puller(store, { retries: 0 }).pull(ref), (err: ImageError) => err.code === 'RegistryUnavailable');
      assert.equal(store.resolve(ref), undefined, 'nothing committed');
      const partial = store.ingestPath(layer.digest);
      // What reached us before the cut stays (the proxy drops what was still in flight).
      const kept = (await stat(partial)).size;
      assert.ok(kept > 1_000_000 && kept <= 4_000_000, `kept ${kept} bytes`);
      proxy.requests.length = 0;
      const result = await puller(store).pull(ref);
      assert.equal(result.newLayers, 1);
      const blobRequests = proxy.requests.filter((r) => r.path.endsWith(`/blobs/${layer.digest}`));
      assert.deepEqual(blobRequests.map((r) => r.range), [`bytes=${kept}-`]);
      assert.equal(result.bytesDownloaded, layer.size - kept);
      assert.equal(existsSync(partial), false);
      assert.ok(store.hasBlob(layer.digest));
    } finally {
      await proxy.close();
    }
  });

  it('retries within one pull when the connection drops', async () => {
    const proxy = await startProxy(registry.host);
    try {
      const store = await openStore('retry');
      const manifest = await fetchJson(`http://${registry.host}/v2/library/busybox/manifests/latest`);
      proxy.cutBlob = { digest: manifest.layers[0]!.digest, bytes: 100_000 };
      const result = await puller(store).pull(`${proxy.host}/library/busybox:latest`);
      assert.equal(result.newLayers, 1);
      const ranges = proxy.requests.filter((r) => r.range).map((r) => r.range);
      assert.equal(ranges.length, 1);
      assert.match(ranges[0]!, /^bytes=[1-9]\d*-$/);
    } finally {
      await proxy.close();
    }
  });

  it('rejects a blob whose content does not match its digest, keeping nothing', async () => {
    const proxy = await startProxy(registry.host);
    try {
      const store = await openStore('corrupt');
      const manifest = await fetchJson(`http://${registry.host}/v2/library/busybox/manifests/latest`);
      const digest = manifest.layers[0]!.digest;
      proxy.corruptBlob = digest;
      await assert.rejects(puller(store).pull(`${proxy.host}/library/busybox:latest`), (err: ImageError) => {
        assert.equal(err.code, 'DigestMismatch');
        assert.match(err.message, new RegExp(`blob ${digest}: got \\d+ bytes hashing to sha256:`));
        return true;
      });
      assert.equal(store.list().length, 0);
      assert.equal(existsSync(store.ingestPath(digest)), false);
      assert.equal(store.hasBlob(digest), false);
    } finally {
      await proxy.close();
    }
  });

  describe('authentication', () => {
    let basic: TestRegistry;
    let tokenRegistry: TestRegistry;
    let tokens: TestTokenServer;
    before(async () => {
      basic = await startRegistry({ storageDir: registry.storageDir, auth: { htpasswd: { username: 'alice', password: 's3cret' } } });
      tokens = await startTokenServer({ users: { bob: 'hunter2' } });
      tokenRegistry = await startRegistry({ storageDir: registry.storageDir, auth: { token: tokens } });
    });
    after(async () => {
      await basic?.stop();
      await tokenRegistry?.stop();
      await tokens?.close();
    });

    const dockerConfig = (host: string, user: string, password: string) =>
      parseDockerConfig(JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${user}:${password}`).toString('base64') } } }));

    it('Basic: refuses without or with wrong credentials, pulls with a dockerconfigjson', async () => {
      const p = puller(await openStore('basic'));
      const ref = `${basic.host}/library/busybox:latest`;
      await assert.rejects(p.pull(ref), (err: ImageError) => err.code === 'Unauthorized' && /401 Unauthorized/.test(err.message));
      await assert.rejects(p.pull(ref, { credentials: dockerConfig(basic.host, 'alice', 'wrong') }), (err: ImageError) => err.code === 'Unauthorized');
      const ok = await p.pull(ref, { credentials: dockerConfig(basic.host, 'alice', 's3cret') });
      assert.equal(ok.newLayers, 1);
    });

    it('Basic: node-level credentials apply when the pod brings none', async () => {
      const p = puller(await openStore('basic-node'), { nodeCredentials: dockerConfig(`https://${basic.host}/v2/`, 'alice', 's3cret') });
      assert.equal((await p.pull(`${basic.host}/library/busybox:latest`)).newLayers, 1);
    });

    it('Bearer: fetches a token for repository:NAME:pull from the realm with the credentials', async () => {
      const p = puller(await openStore('token'));
      const ref = `${tokenRegistry.host}/library/busybox:multi`;
      await assert.rejects(p.pull(ref), (err: ImageError) => err.code === 'Unauthorized');
      await assert.rejects(p.pull(ref, { credentials: dockerConfig(tokenRegistry.host, 'bob', 'nope') }), (err: ImageError) => err.code === 'Unauthorized');
      tokens.requests.length = 0;
      const ok = await p.pull(ref, { credentials: dockerConfig(tokenRegistry.host, 'bob', 'hunter2') });
      assert.equal(ok.record.platform.architecture, 'amd64');
      assert.deepEqual(tokens.requests, [{ scope: 'repository:library/busybox:pull', service: tokens.service, user: 'bob' }], 'one token, cached for every request');
    });
  });

  describe('mirrors', () => {
    it('serves docker.io names from a mirror, never falling back when told not to', async () => {
      const store = await openStore('mirror');
      const p = puller(store, { hosts: { mirrors: { 'docker.io': [`http://${registry.host}`] }, fallback: false } });
      const result = await p.pull('busybox');
      assert.equal(result.reference, 'docker.io/library/busybox:latest');
      assert.equal(store.get('busybox').id, result.record.id);
      await assert.rejects(p.pull('library/nope'), (err: ImageError) => err.code === 'NotFound');
    });

    it('a mirror that is down fails the pull quickly with fallback off', async () => {
      const port = await freePort();
      const p = puller(await openStore('mirror-down'), { hosts: { mirrors: { 'docker.io': [`http://127.0.0.1:${port}`] }, fallback: false } });
      await assert.rejects(p.pull('busybox'), (err: ImageError) => err.code === 'RegistryUnavailable' && /ECONNREFUSED/.test(err.message));
    });

    it('tries mirrors in order, then the next one', async () => {
      const port = await freePort();
      const p = puller(await openStore('mirror-order'), { hosts: { mirrors: { 'docker.io': [`http://127.0.0.1:${port}`, `http://${registry.host}`] }, fallback: false } });
      assert.equal((await p.pull('busybox:latest')).newLayers, 1);
    });
  });
});

function fetchJson(url: string): Promise<{ layers: { digest: string; size: number }[] }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(JSON.parse(body) as { layers: { digest: string; size: number }[] }));
    });
    req.on('error', reject);
    req.end();
  });
}
