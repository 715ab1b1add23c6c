/**
 * The store against the offline test images built by test/images/build.sh (Debian-based nginx
 * and python, busybox): both archive formats, layer sharing, and a real overlayfs mount. Skips
 * with the reason when not root or when the images are not built.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { createLogger } from '../base/index.js';
import { ImageStore } from './image-store.js';

// dist*/src/images/ → the repository root; build.sh's default output (or its env override).
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const cacheDir = process.env.PODYARD_IMAGE_CACHE ?? join(repoRoot, '.cache/images');
const archive = (name: string) => join(cacheDir, name);
const needed = ['nginx.docker.tar', 'nginx.oci.tar', 'python.docker.tar', 'busybox.oci.tar'];
const missing = needed.filter((f) => !existsSync(archive(f)));
const skip =
  process.getuid?.() !== 0
    ? 'needs root'
    : spawnSync('setfattr', ['--version']).status !== 0
      ? 'needs setfattr (Debian package attr)'
      : missing.length > 0
        ? `test images not built (run test/images/build.sh; missing ${missing.join(', ')} in ${cacheDir})`
        : false;

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

describe('ImageStore with the offline test images', { skip }, () => {
  it('loads nginx from both archive formats, shares the Debian layer with python, and mounts a working rootfs', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'podyard-real-images-'));
    dirs.push(dir);
    const logs: Record<string, unknown>[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
    const store = await ImageStore.open(join(dir, 'images'), { logger });
    try {
      // 1. Cold: load and unpack nginx.
      const [[nginx], loadMs] = await timed(() => store.load(archive('nginx.docker.tar')));
      assert.ok(nginx!.references.includes('docker.io/library/nginx:latest'));
      assert.ok(nginx!.references.includes('localhost/podyard/nginx:latest'));
      assert.equal(nginx!.reusedLayers, 0);
      const record = store.get('nginx');
      const [paths, unpackMs] = await timed(() => store.layerPaths(record));
      assert.equal(paths.length, record.diffIDs.length);
      t.diagnostic(`nginx cold: load ${loadMs.toFixed(0)} ms, unpack ${unpackMs.toFixed(0)} ms (${record.diffIDs.length} layers, ${(record.size / 1e6).toFixed(1)} MB)`);

      // 2. Warm: the same archive again, then the OCI archive of the same image.
      const [[warm], warmLoadMs] = await timed(() => store.load(archive('nginx.docker.tar')));
      assert.equal(warm!.newLayers, 0);
      const [, warmUnpackMs] = await timed(() => store.layerPaths(store.get('nginx')));
      t.diagnostic(`nginx warm: load ${warmLoadMs.toFixed(0)} ms, layerPaths ${warmUnpackMs.toFixed(0)} ms`);
      const [oci] = await store.load(archive('nginx.oci.tar'));
      assert.equal(oci!.id, nginx!.id);
      assert.equal(oci!.newLayers, 0, 'the OCI archive of the same image stores no layer');
      assert.equal(store.get('localhost/podyard/nginx').id, nginx!.id);

      // 3. python shares the Debian base layer with nginx: stored once, unpacked once.
      const [python] = await store.load(archive('python.docker.tar'));
      assert.ok(python!.reusedLayers >= 1, 'the debian layer is reused');
      const pythonRecord = store.get('localhost/podyard/python');
      assert.equal(pythonRecord.chainIDs[0], record.chainIDs[0]);
      const before = logs.filter((l) => l.msg === 'unpacked layer').length;
      const pythonPaths = await store.layerPaths(pythonRecord);
      assert.equal(logs.filter((l) => l.msg === 'unpacked layer').length - before, pythonRecord.chainIDs.length - 1);
      assert.equal(pythonPaths[pythonPaths.length - 1], paths[paths.length - 1]);
      const config = await store.imageConfig(pythonRecord);
      assert.deepEqual(config.Cmd, ['python3', 'app.py']);
      assert.equal(config.WorkingDir, '/app');
      assert.deepEqual((await store.imageConfig(record)).ExposedPorts, ['80/tcp']);
      assert.equal((await store.imageConfig(record)).StopSignal, 'SIGQUIT');

      // 4. busybox from its OCI archive.
      const [busybox] = await store.load(archive('busybox.oci.tar'));
      assert.ok(busybox!.references.includes('docker.io/library/busybox:latest'));
      if (existsSync(archive('busybox-multi.oci.tar'))) {
        // A two-platform index: the linux/amd64 image is chosen, and it is plain busybox.
        const [multi] = await store.load(archive('busybox-multi.oci.tar'));
        assert.equal(multi!.id, busybox!.id);
        assert.notEqual(multi!.digest, busybox!.digest, 'the name points at the index');
        assert.equal(store.get('localhost/podyard/busybox:multi').platform.architecture, 'amd64');
        assert.equal(multi!.newLayers, 0);
      }

      // 5. The merged nginx rootfs works: mount it read-only and run nginx -v inside.
      const mnt = await mkdtemp(join(tmpdir(), 'podyard-real-mnt-'));
      dirs.push(mnt);
      const script = 'mount -t overlay overlay -o "ro,lowerdir=$1" "$2" && chroot "$2" /usr/sbin/nginx -v 2>&1 && chroot "$2" /bin/sh -c "id nginx"; rc=$?; umount "$2"; exit $rc';
      const out = execFileSync('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, 'sh', paths.join(':'), mnt], { encoding: 'utf8' });
      assert.match(out, /nginx version: nginx\//);
      assert.match(out, /uid=\d+\(nginx\)/);
      assert.ok(readFileSync(join(paths[paths.length - 1]!, 'etc/os-release'), 'utf8').includes('bookworm'));
      t.diagnostic(`store usage: ${JSON.stringify(store.usage())}`);
    } finally {
      store.close();
    }
  });
});
