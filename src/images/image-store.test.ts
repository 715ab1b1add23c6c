import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createLogger } from '../base/index.js';
import { ImageError } from './errors.js';
import { ImageStore } from './image-store.js';
import type { TestImage } from './testing/tar-writer.js';
import { digestOf, dockerArchive, ociArchive, tarBuffer } from './testing/tar-writer.js';

const isRoot = process.getuid?.() === 0;
const hasSetfattr = spawnSync('setfattr', ['--version']).status === 0;
const unpackSkip = !isRoot ? 'needs root (chown, mknod, trusted.* xattrs)' : !hasSetfattr ? 'needs setfattr (Debian package attr)' : false;

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'podyard-images-'));
  dirs.push(dir);
  return dir;
}

/** A store in a temp dir, with its log lines captured. */
async function openStore(): Promise<{ store: ImageStore; dir: string; logs: Record<string, unknown>[] }> {
  const dir = await tempDir();
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  const store = await ImageStore.open(join(dir, 'images'), { logger });
  return { store, dir, logs };
}

async function writeArchive(data: Buffer, name = 'image.tar'): Promise<string> {
  const path = join(await tempDir(), name);
  writeFileSync(path, data);
  return path;
}

const base = {
  entries: [
    { name: 'bin/', type: 'dir' as const },
    { name: 'bin/sh', data: '#!busybox', mode: 0o755 },
    { name: 'etc/os-release', data: 'ID=test\n' },
    { name: 'etc/old', data: 'old' },
  ],
};
const app: TestImage = {
  names: ['localhost/podyard/app:latest', 'docker.io/library/app:1'],
  layers: [base, { entries: [{ name: 'app/run', data: 'run', mode: 0o755 }, { name: 'etc/.wh.old' }] }],
  config: { Entrypoint: ['/app/run'], Cmd: ['--serve'], Env: ['PATH=/bin'], WorkingDir: '/app', User: '1000:1000', StopSignal: 'SIGQUIT', ExposedPorts: { '80/tcp': {} }, Labels: { a: 'b' } },
};
const gzipped = (image: TestImage): TestImage => ({ ...image, layers: image.layers.map((l) => ({ ...l, gzip: true })) });

function layerBlobCount(store: ImageStore): number {
  return readdirSync(join(store.dir, 'blobs/sha256')).filter((hex) => readFileSync(join(store.dir, 'blobs/sha256', hex)).subarray(257, 262).toString() === 'ustar' || readFileSync(join(store.dir, 'blobs/sha256', hex))[0] === 0x1f).length;
}

describe('ImageStore.load', () => {
  it('loads a docker-archive, then the same image as an OCI archive without storing its layers again', async () => {
    const { store } = await openStore();
    try {
      const [first] = await store.load(await writeArchive(dockerArchive([app])));
      assert.equal(first!.format, 'docker-archive');
      assert.deepEqual(first!.references, ['docker.io/library/app:1', 'localhost/podyard/app:latest']);
      assert.equal(first!.newLayers, 2);
      assert.equal(first!.reusedLayers, 0);
      const blobsBefore = layerBlobCount(store);
      const usageBefore = store.usage();

      const [second] = await store.load(await writeArchive(ociArchive([gzipped(app)])));
      assert.equal(second!.format, 'oci-archive');
      assert.equal(second!.id, first!.id, 'same config, same image ID');
      assert.equal(second!.newLayers, 0);
      assert.equal(second!.reusedLayers, 2);
      assert.equal(layerBlobCount(store), blobsBefore, 'no new layer blob');
      assert.deepEqual(store.usage(), usageBefore);
      assert.equal(store.list().length, 1);

      const again = await store.load(await writeArchive(dockerArchive([app])));
      assert.equal(again[0]!.newLayers, 0);
    } finally {
      store.close();
    }
  });

  it('records names, digests and config, and resolves every way Docker does', async () => {
    const { store } = await openStore();
    try {
      const [loaded] = await store.load(await writeArchive(ociArchive([gzipped(app)])));
      const record = store.get('localhost/podyard/app');
      assert.equal(record.id, loaded!.id);
      assert.equal(record.digest, loaded!.digest);
      assert.deepEqual(record.references, ['docker.io/library/app:1', 'localhost/podyard/app:latest']);
      assert.deepEqual(record.repoDigests, [`docker.io/library/app@${loaded!.digest}`, `localhost/podyard/app@${loaded!.digest}`]);
      assert.equal(record.diffIDs.length, 2);
      assert.equal(record.chainIDs[0], record.diffIDs[0]);
      assert.equal(record.platform.architecture, 'amd64');
      assert.ok(record.size > 0);
      for (const ref of ['app:1', 'docker.io/library/app:1', loaded!.id, loaded!.id.slice(7), loaded!.id.slice(7, 19), `app@${loaded!.digest}`, `localhost/podyard/app@${loaded!.digest}`]) {
        assert.equal(store.resolve(ref)?.id, loaded!.id, ref);
      }
      assert.equal(store.resolve('app'), undefined, 'app:latest was never loaded');
      assert.equal(store.resolve(`other@${loaded!.digest}`), undefined, 'a digest is found only under its repositories');
      assert.throws(() => store.resolve('Bad/Name:x'), (err) => err instanceof ImageError && err.code === 'InvalidImageName');
      assert.throws(() => store.get('nginx'), (err) => err instanceof ImageError && err.code === 'ImageNotFound');

      assert.deepEqual(await store.imageConfig(record), {
        Entrypoint: ['/app/run'],
        Cmd: ['--serve'],
        Env: ['PATH=/bin'],
        WorkingDir: '/app',
        User: '1000:1000',
        StopSignal: 'SIGQUIT',
        ExposedPorts: ['80/tcp'],
        Volumes: [],
        Labels: { a: 'b' },
      });
      store.tag('app:1', 'app:latest');
      assert.equal(store.resolve('app')?.id, loaded!.id);
    } finally {
      store.close();
    }
  });

  it('keeps its index across reopen', async () => {
    const { store } = await openStore();
    await store.load(await writeArchive(dockerArchive([app])));
    store.close();
    const reopened = await ImageStore.open(store.dir);
    try {
      assert.deepEqual(reopened.get('app:1').references, ['docker.io/library/app:1', 'localhost/podyard/app:latest']);
      await assert.rejects(async () => store.load('x'), (err) => err instanceof ImageError && err.code === 'Closed');
    } finally {
      reopened.close();
    }
  });

  it('reads a gzip-compressed archive (docker save | gzip)', async () => {
    const { store } = await openStore();
    try {
      const [loaded] = await store.load(await writeArchive(gzipSync(dockerArchive([app])), 'image.tar.gz'));
      assert.equal(loaded!.newLayers, 2);
      assert.deepEqual(readdirSync(join(store.dir, 'tmp')), [], 'the decompressed copy is gone');
    } finally {
      store.close();
    }
  });

  it('picks this platform from a nested image index', async () => {
    const { store } = await openStore();
    try {
      const layer = tarBuffer([{ name: 'hello', data: 'amd64' }]);
      const configFor = (architecture: string) => Buffer.from(JSON.stringify({ architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: [digestOf(layer)] } }));
      const blobs = new Map<string, Buffer>([[digestOf(layer), layer]]);
      const put = (b: Buffer) => (blobs.set(digestOf(b), b), digestOf(b));
      const manifestFor = (architecture: string) => {
        const config = configFor(architecture);
        const m = Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: put(config), size: config.length },
            layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: digestOf(layer), size: layer.length }],
          }),
        );
        return { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: put(m), size: m.length, platform: { os: 'linux', architecture } };
      };
      const arm = manifestFor('arm64');
      const amd = manifestFor('amd64');
      const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ ...arm, platform: { ...arm.platform, variant: 'v8' } }, amd] }));
      const indexDigest = put(index);
      const archive = (manifests: unknown[]) =>
        tarBuffer([
          { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
          { name: 'index.json', data: JSON.stringify({ schemaVersion: 2, manifests }) },
          ...[...blobs].map(([d, data]) => ({ name: `blobs/sha256/${d.slice(7)}`, data })),
        ]);
      const [loaded] = await store.load(
        await writeArchive(archive([{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: indexDigest, size: index.length, annotations: { 'io.containerd.image.name': 'localhost/multi:1' } }])),
      );
      assert.equal(loaded!.digest, indexDigest, 'the name points at the index (its repo digest)');
      const record = store.get('localhost/multi:1');
      assert.equal(record.id, digestOf(configFor('amd64')));
      assert.equal(store.resolve(`localhost/multi@${amd.digest}`)?.id, record.id, 'the platform manifest digest resolves too');

      const armOnly = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [arm] }));
      const armDigest = put(armOnly);
      await assert.rejects(
        store.load(await writeArchive(archive([{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: armDigest, size: armOnly.length }]))),
        (err) => err instanceof ImageError && err.code === 'NoMatchingPlatform',
      );
    } finally {
      store.close();
    }
  });

  it('refuses content that does not match its digest, committing nothing', async () => {
    const { store } = await openStore();
    try {
      // Flip one byte inside the top layer's file data, in both archive formats.
      for (const [make, code] of [
        [dockerArchive, 'DigestMismatch'],
        [ociArchive, 'DigestMismatch'],
      ] as const) {
        const data = make([app]);
        const at = data.indexOf('run\0') >= 0 ? data.lastIndexOf(Buffer.from('run')) : -1;
        assert.ok(at > 0);
        data[at] = 0x52; // 'R'
        await assert.rejects(store.load(await writeArchive(data)), (err) => err instanceof ImageError && err.code === code, make.name);
        assert.equal(store.list().length, 0);
      }
      // A config that does not match its name.
      const data = ociArchive([app]);
      const at = data.indexOf('SIGQUIT');
      data.write('SIGKILL', at);
      await assert.rejects(store.load(await writeArchive(data)), (err) => err instanceof ImageError && err.code === 'DigestMismatch');
      await assert.rejects(store.load(await writeArchive(Buffer.from('not a tar at all'.repeat(64)))), (err) => err instanceof ImageError && err.code === 'InvalidArchive');
      assert.equal(store.list().length, 0);
    } finally {
      store.close();
    }
  });
});

describe('ImageStore layers', { skip: unpackSkip }, () => {
  it('unpacks each layer once, shared between images and concurrent callers, topmost first', async () => {
    const { store, logs } = await openStore();
    try {
      const other: TestImage = { names: ['localhost/other:1'], layers: [base, { entries: [{ name: 'other', data: 'o' }] }] };
      await store.load(await writeArchive(dockerArchive([app, other])));
      const unpacks = () => logs.filter((l) => l.msg === 'unpacked layer').length;
      const record = store.get('localhost/podyard/app');
      const [a, b] = await Promise.all([store.layerPaths(record), store.layerPaths(record)]);
      assert.deepEqual(a, b);
      assert.equal(unpacks(), 2);
      assert.deepEqual(
        a,
        [...record.chainIDs].reverse().map((c) => join(store.dir, 'layers', c.slice(7), 'rootfs')),
      );
      assert.equal(readFileSync(join(a[0]!, 'app/run'), 'utf8'), 'run');
      assert.equal(readFileSync(join(a[1]!, 'bin/sh'), 'utf8'), '#!busybox');

      const otherPaths = await store.layerPaths(store.get('localhost/other:1'));
      assert.equal(unpacks(), 3, 'the shared base layer is not unpacked again');
      assert.equal(otherPaths[1], a[1]);
      assert.deepEqual(readdirSync(join(store.dir, 'tmp')), []);
      assert.ok(store.usage().layerBytes > 0);
    } finally {
      store.close();
    }
  });

  it('unpacks a layer once when two store instances (two processes) race for it', async () => {
    const { store } = await openStore();
    const second = await ImageStore.open(store.dir);
    try {
      await store.load(await writeArchive(dockerArchive([app])));
      const [a, b] = await Promise.all([store.layerPaths(store.get('app:1')), second.layerPaths(second.get('app:1'))]);
      assert.deepEqual(a, b);
      assert.equal(readFileSync(join(a[0]!, 'app/run'), 'utf8'), 'run');
      assert.equal(readdirSync(join(store.dir, 'layers')).length, 2);
      assert.deepEqual(readdirSync(join(store.dir, 'tmp')), []);
      assert.ok(second.usage().layerBytes > 0);
    } finally {
      second.close();
      store.close();
    }
  });

  it('reads zstd-compressed layers through the zstd program', { skip: spawnSync('zstd', ['--version']).status !== 0 ? 'needs zstd' : false }, async () => {
    const { store } = await openStore();
    try {
      const layer = tarBuffer([{ name: 'z/file', data: 'zstd!' }]);
      const blob = spawnSync('zstd', ['-q', '-c'], { input: layer }).stdout;
      const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [digestOf(layer)] } }));
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(config), size: config.length },
          layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', digest: digestOf(blob), size: blob.length }],
        }),
      );
      const index = { schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digestOf(manifest), size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': 'localhost/zstd:1' } }] };
      const archive = tarBuffer([
        { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
        { name: 'index.json', data: JSON.stringify(index) },
        ...[config, manifest, blob].map((data) => ({ name: `blobs/sha256/${digestOf(data).slice(7)}`, data })),
      ]);
      const [loaded] = await store.load(await writeArchive(archive));
      assert.equal(loaded!.newLayers, 1);
      const [top] = await store.layerPaths(store.get('localhost/zstd:1'));
      assert.equal(readFileSync(join(top!, 'z/file'), 'utf8'), 'zstd!');
    } finally {
      store.close();
    }
  });

  it('refuses a malicious layer at unpack time, leaving no layer directory behind', async () => {
    const { store } = await openStore();
    try {
      const evil: TestImage = { names: ['localhost/evil:1'], layers: [{ entries: [{ name: 'ok', data: 'x' }, { name: '../../../../evil', data: 'x' }] }] };
      await store.load(await writeArchive(ociArchive([evil])));
      await assert.rejects(store.layerPaths(store.get('localhost/evil:1')), (err) => err instanceof ImageError && err.code === 'UnsafeLayer');
      assert.deepEqual(readdirSync(join(store.dir, 'layers')), []);
      assert.deepEqual(readdirSync(join(store.dir, 'tmp')), []);
      assert.ok(!existsSync(join(store.dir, '..', 'evil')));
    } finally {
      store.close();
    }
  });

  it('removes names and images, and prunes content no image needs unless in use', async () => {
    const { store } = await openStore();
    try {
      const other: TestImage = { names: ['localhost/other:1'], layers: [base, { entries: [{ name: 'other', data: 'o' }] }] };
      await store.load(await writeArchive(dockerArchive([app, other])));
      const appRecord = store.get('localhost/podyard/app');
      const otherRecord = store.get('localhost/other:1');
      await store.layerPaths(appRecord);
      await store.layerPaths(otherRecord);

      assert.deepEqual(await store.remove('app:1'), { untagged: ['docker.io/library/app:1'], deleted: [] });
      // In use: untagged but kept.
      assert.deepEqual(await store.remove('localhost/podyard/app', { inUse: new Set([appRecord.id]) }), { untagged: ['localhost/podyard/app:latest'], deleted: [] });
      assert.equal(store.get(appRecord.id).references.length, 0);
      let pruned = await store.prune(new Set([appRecord.id]));
      assert.deepEqual(pruned.deletedImages, []);
      assert.equal(pruned.deletedLayers, 0);
      // No longer in use: the dangling image goes with its own layer, the shared base stays.
      pruned = await store.prune(new Set());
      assert.deepEqual(pruned.deletedImages, [appRecord.id]);
      assert.equal(pruned.deletedLayers, 1);
      assert.ok(pruned.deletedBlobs >= 2);
      assert.ok(pruned.reclaimedBytes > 0);
      assert.ok(existsSync(join(store.dir, 'layers', otherRecord.chainIDs[0]!.slice(7), 'rootfs/bin/sh')));
      assert.equal((await store.layerPaths(store.get('localhost/other:1'))).length, 2);

      // prune --all removes every unused image; then nothing is left.
      pruned = await store.prune(new Set(), { all: true });
      assert.deepEqual(pruned.deletedImages, [otherRecord.id]);
      assert.deepEqual(readdirSync(join(store.dir, 'layers')), []);
      assert.deepEqual(readdirSync(join(store.dir, 'blobs/sha256')), []);
      assert.deepEqual(store.usage(), { images: 0, blobBytes: 0, layerBytes: 0 });
    } finally {
      store.close();
    }
  });
});
