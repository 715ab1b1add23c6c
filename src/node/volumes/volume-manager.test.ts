import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVolumeError } from './errors.js';
import { mountAt, mountsUnder } from './mount-util.js';
import { FakeObjects, mountTestsUnavailable, newVolumeManager, podWith, unmountAllUnder } from './testing-fixtures.js';
import { memoryVolumeSizeBytes } from './volume-manager.js';

const skip = mountTestsUnavailable() ?? false;

describe('VolumeManager', { skip }, () => {
  let root: string;
  let podsDir: string;
  const objects = new FakeObjects();
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'podyard-volumes-'));
    podsDir = join(root, 'pods');
  });
  after(async () => {
    const left = await unmountAllUnder(root);
    await rm(root, { recursive: true, force: true });
    assert.deepEqual(left, [], 'every test cleans up its mounts');
  });

  it('emptyDir: one directory per pod and volume, stable across set-ups and restarts, data kept', async () => {
    const vm = newVolumeManager(podsDir);
    const pod = podWith('ed-1', { volumes: [{ name: 'html', emptyDir: {} }] });
    const first = await vm.setUpPod(pod, objects.lookups());
    const dir = first.volumes.html!.hostPath;
    assert.equal(dir, join(podsDir, 'ed-1', 'volumes', 'kubernetes.io~empty-dir', 'html'));
    assert.deepEqual({ ...first.volumes.html, hostPath: '' }, { name: 'html', kind: 'emptyDir', hostPath: '', readOnly: false, memoryBacked: false });
    assert.equal((await stat(dir)).mode & 0o7777, 0o777);
    await writeFile(join(dir, 'index.html'), 'written by a container\n');
    const again = await vm.setUpPod(pod, objects.lookups());
    assert.equal(again.volumes.html!.hostPath, dir);
    // A new instance (daemon restart) finds the volume as it was.
    const restarted = newVolumeManager(podsDir);
    assert.equal((await restarted.setUpPod(pod, objects.lookups())).volumes.html!.hostPath, dir);
    assert.equal(await readFile(join(dir, 'index.html'), 'utf8'), 'written by a container\n');
    assert.ok(((await restarted.usageBytes('ed-1', 'html')) ?? 0) > 0);
    assert.deepEqual(await restarted.listPodDirs(), ['ed-1']);
    await restarted.tearDownPod('ed-1');
    await assert.rejects(lstat(join(podsDir, 'ed-1')));
    await restarted.tearDownPod('ed-1');
    assert.deepEqual(await restarted.listPodDirs(), []);
  });

  it('emptyDir medium Memory: a tmpfs sized by sizeLimit, unmounted and removed on teardown', async () => {
    const vm = newVolumeManager(podsDir);
    const pod = podWith('ed-mem', { volumes: [{ name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } }] });
    const { volumes } = await vm.setUpPod(pod, objects.lookups());
    const dir = volumes.cache!.hostPath;
    assert.equal(volumes.cache!.memoryBacked, true);
    const m = await mountAt(dir);
    assert.equal(m?.fsType, 'tmpfs');
    assert.match(m.superOptions, /(^|,)size=16384k(,|$)/);
    await writeFile(join(dir, 'x'), 'in memory');
    await vm.setUpPod(pod, objects.lookups());
    assert.equal((await mountsUnder(dir)).length, 1, 'set-up is idempotent: one tmpfs');
    assert.equal(await readFile(join(dir, 'x'), 'utf8'), 'in memory');
    await vm.tearDownPod('ed-mem');
    assert.deepEqual(await mountsUnder(podsDir), []);
    await assert.rejects(lstat(join(podsDir, 'ed-mem')));
  });

  it('sizes memory-backed volumes like the kubelet: min(allocatable, pod limit, sizeLimit)', () => {
    const gi = 1024 ** 3;
    const limited = podWith('x', { containers: [{ name: 'a', resources: { limits: { memory: '1Gi' } } }, { name: 'b', resources: { limits: { memory: '512Mi' } } }] });
    assert.equal(memoryVolumeSizeBytes(limited, undefined, 8 * gi), 1.5 * gi);
    assert.equal(memoryVolumeSizeBytes(limited, '100Mi', 8 * gi), 100 * 1024 ** 2);
    assert.equal(memoryVolumeSizeBytes(limited, '4Gi', 8 * gi), 1.5 * gi);
    const unlimited = podWith('y', { containers: [{ name: 'a', resources: { limits: { memory: '1Gi' } } }, { name: 'b' }] });
    assert.equal(memoryVolumeSizeBytes(unlimited, undefined, 8 * gi), 8 * gi);
  });

  it('configMap: items and modes, root-owned, updated in place through ..data', async () => {
    const vm = newVolumeManager(podsDir);
    objects.putConfigMap('app', { 'app.conf': 'v=1\n', 'log.conf': 'level=info\n', unused: 'u' });
    const pod = podWith('cm-1', {
      volumes: [
        { name: 'config', configMap: { name: 'app', defaultMode: 0o640, items: [{ key: 'app.conf', path: 'app.conf' }, { key: 'log.conf', path: 'conf/log.conf', mode: 0o400 }] } },
        { name: 'all', configMap: { name: 'app' } },
      ],
    });
    const { volumes } = await vm.setUpPod(pod, objects.lookups());
    const dir = volumes.config!.hostPath;
    assert.equal(dir, join(podsDir, 'cm-1', 'volumes', 'kubernetes.io~configmap', 'config'));
    assert.equal(volumes.config!.readOnly, true);
    assert.equal(await readFile(join(dir, 'app.conf'), 'utf8'), 'v=1\n');
    assert.equal(await readFile(join(dir, 'conf', 'log.conf'), 'utf8'), 'level=info\n');
    assert.equal((await stat(join(dir, 'app.conf'))).mode & 0o777, 0o640);
    assert.equal((await stat(join(dir, 'conf', 'log.conf'))).mode & 0o777, 0o400);
    assert.equal((await stat(join(dir, 'app.conf'))).uid, 0);
    await assert.rejects(lstat(join(dir, 'unused')));
    assert.deepEqual((await readdir(volumes.all!.hostPath)).filter((e) => !e.startsWith('..')).sort(), ['app.conf', 'log.conf', 'unused']);
    assert.equal((await stat(join(volumes.all!.hostPath, 'unused'))).mode & 0o777, 0o644);

    // The object changes: the next sync swaps ..data; the same path shows the new content.
    const before = await readlink(join(dir, '..data'));
    objects.putConfigMap('app', { 'app.conf': 'v=2\n', 'log.conf': 'level=debug\n' });
    const again = await vm.setUpPod(pod, objects.lookups());
    assert.equal(again.volumes.config!.hostPath, dir);
    assert.notEqual(await readlink(join(dir, '..data')), before);
    assert.equal(await readFile(join(dir, 'app.conf'), 'utf8'), 'v=2\n');
    assert.equal(await readFile(join(dir, 'conf', 'log.conf'), 'utf8'), 'level=debug\n');
    assert.deepEqual((await readdir(volumes.all!.hostPath)).filter((e) => !e.startsWith('..')).sort(), ['app.conf', 'log.conf']);
    assert.deepEqual((await readdir(dir)).filter((e) => e.startsWith('..2026')).length, 1, 'the old timestamped directory is gone');
    await vm.tearDownPod('cm-1');
  });

  it('configMap: optional and missing is an empty volume; required and missing is FailedMount with the kubelet message', async () => {
    const vm = newVolumeManager(podsDir);
    const optional = podWith('cm-opt', { volumes: [{ name: 'maybe', configMap: { name: 'absent', optional: true } }] });
    const { volumes } = await vm.setUpPod(optional, objects.lookups());
    assert.deepEqual((await readdir(volumes.maybe!.hostPath)).filter((e) => !e.startsWith('..')), []);
    await vm.tearDownPod('cm-opt');

    const required = podWith('cm-req', {
      volumes: [
        { name: 'config-volume', configMap: { name: 'my-config' } },
        { name: 'creds', secret: { secretName: 'nope' } },
        { name: 'scratch', emptyDir: {} },
      ],
    });
    await assert.rejects(vm.setUpPod(required, objects.lookups()), (err: unknown) => {
      assert.ok(isVolumeError(err, 'FailedMount'));
      assert.deepEqual(err.failures, [
        { volume: 'config-volume', message: 'MountVolume.SetUp failed for volume "config-volume" : configmap "my-config" not found' },
        { volume: 'creds', message: 'MountVolume.SetUp failed for volume "creds" : secret "nope" not found' },
      ]);
      assert.equal(err.message, 'MountVolume.SetUp failed for volume "config-volume" : configmap "my-config" not found; MountVolume.SetUp failed for volume "creds" : secret "nope" not found');
      return true;
    });
    // The other volumes were still set up (volumes are independent).
    assert.ok((await stat(join(podsDir, 'cm-req', 'volumes', 'kubernetes.io~empty-dir', 'scratch'))).isDirectory());
    await vm.tearDownPod('cm-req');
  });

  it('configMap: a missing key is FailedMount; a source deleted after set-up keeps the old content with a warning', async () => {
    const vm = newVolumeManager(podsDir);
    objects.putConfigMap('keys', { a: 'A' });
    const missingKey = podWith('cm-key', { volumes: [{ name: 'v', configMap: { name: 'keys', items: [{ key: 'b', path: 'b' }] } }] });
    await assert.rejects(vm.setUpPod(missingKey, objects.lookups()), { message: 'MountVolume.SetUp failed for volume "v" : configmap references non-existent config key: b' });
    await vm.tearDownPod('cm-key');

    const pod = podWith('cm-gone', { volumes: [{ name: 'v', configMap: { name: 'keys' } }] });
    const first = await vm.setUpPod(pod, objects.lookups());
    objects.configMaps.delete('default/keys');
    const second = await vm.setUpPod(pod, objects.lookups());
    assert.equal(second.volumes.v!.hostPath, first.volumes.v!.hostPath);
    assert.deepEqual(second.warnings, [{ volume: 'v', message: 'MountVolume.SetUp failed for volume "v" : configmap "keys" not found' }]);
    assert.equal(await readFile(join(second.volumes.v!.hostPath, 'a'), 'utf8'), 'A');
    await vm.tearDownPod('cm-gone');
  });

  it('secret: decoded, 0644 by default, on a tmpfs', async () => {
    const vm = newVolumeManager(podsDir);
    objects.putSecret('db', { password: 'hunter2', 'tls.key': '-----BEGIN KEY-----\n' });
    const pod = podWith('sec-1', { volumes: [{ name: 'creds', secret: { secretName: 'db' } }] });
    const { volumes } = await vm.setUpPod(pod, objects.lookups());
    const dir = volumes.creds!.hostPath;
    assert.equal(dir, join(podsDir, 'sec-1', 'volumes', 'kubernetes.io~secret', 'creds'));
    assert.equal((await mountAt(dir))?.fsType, 'tmpfs');
    assert.equal(await readFile(join(dir, 'password'), 'utf8'), 'hunter2');
    assert.equal(await readFile(join(dir, 'tls.key'), 'utf8'), '-----BEGIN KEY-----\n');
    assert.equal((await stat(join(dir, 'password'))).mode & 0o777, 0o644);
    await vm.setUpPod(pod, objects.lookups());
    assert.equal((await mountsUnder(dir)).length, 1);
    await vm.tearDownPod('sec-1');
    assert.deepEqual(await mountsUnder(podsDir), []);
  });

  it('downwardAPI and projected: labels file in the kubelet format; tokens skipped', async () => {
    const vm = newVolumeManager(podsDir);
    objects.putConfigMap('p', { k: 'v' });
    const pod = podWith(
      'dapi-1',
      {
        volumes: [
          { name: 'podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
          { name: 'all-in-one', projected: { sources: [{ configMap: { name: 'p' } }, { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
        ],
      },
      { zone: 'us-est-coast', cluster: 'test-cluster1', rack: 'rack-22' },
    );
    const { volumes } = await vm.setUpPod(pod, objects.lookups());
    assert.equal(await readFile(join(volumes.podinfo!.hostPath, 'labels'), 'utf8'), 'cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"');
    assert.equal(await readFile(join(volumes.podinfo!.hostPath, 'name'), 'utf8'), 'pod-dapi-1');
    assert.equal(volumes.podinfo!.hostPath, join(podsDir, 'dapi-1', 'volumes', 'kubernetes.io~downward-api', 'podinfo'));
    const projected = volumes['all-in-one']!.hostPath;
    assert.equal(await readFile(join(projected, 'k'), 'utf8'), 'v');
    await assert.rejects(lstat(join(projected, 'token')), 'no placeholder token');
    assert.equal((await mountAt(projected))?.fsType, 'tmpfs');
    await vm.tearDownPod('dapi-1');
  });

  it('hostPath: type checks as FailedMount; unsupported volume types are refused', async () => {
    const vm = newVolumeManager(podsDir);
    const file = join(root, 'a-file');
    await writeFile(file, '');
    const pod = podWith('hp-1', { volumes: [{ name: 'host', hostPath: { path: file, type: 'Directory' } }, { name: 'ok', hostPath: { path: root, type: 'Directory' } }] });
    await assert.rejects(vm.setUpPod(pod, objects.lookups()), { message: `MountVolume.SetUp failed for volume "host" : hostPath type check failed: ${file} is not a directory` });
    const good = await vm.setUpPod(podWith('hp-2', { volumes: [{ name: 'ok', hostPath: { path: root, type: 'Directory' } }] }), objects.lookups());
    assert.deepEqual(good.volumes.ok, { name: 'ok', kind: 'hostPath', hostPath: root, readOnly: false, memoryBacked: false });
    // A hostPath that passed its check once stays usable if it later fails it (as a mounted volume does).
    const later = join(root, 'later');
    await mkdir(later);
    const laterPod = podWith('hp-3', { volumes: [{ name: 'l', hostPath: { path: later, type: 'Directory' } }] });
    await vm.setUpPod(laterPod, objects.lookups());
    await rm(later, { recursive: true });
    const again = await vm.setUpPod(laterPod, objects.lookups());
    assert.equal(again.volumes.l!.hostPath, later);
    assert.deepEqual(again.warnings, [{ volume: 'l', message: `MountVolume.SetUp failed for volume "l" : hostPath type check failed: ${later} is not a directory` }]);
    const pvc = podWith('pvc-1', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'c' } }] });
    await assert.rejects(vm.setUpPod(pvc, objects.lookups()), { message: 'MountVolume.SetUp failed for volume "data" : volume type persistentVolumeClaim is not supported by Podyard' });
    for (const uid of ['hp-1', 'hp-2', 'hp-3', 'pvc-1']) await vm.tearDownPod(uid);
    assert.ok((await stat(root)).isDirectory(), 'tearing down never touches a hostPath');
  });

  it('fsGroup: volumes get the group, setgid directories and group permissions', async () => {
    const vm = newVolumeManager(podsDir);
    objects.putConfigMap('g', { f: 'x' });
    const pod = podWith('fsg-1', { securityContext: { fsGroup: 2000 }, volumes: [{ name: 'scratch', emptyDir: {} }, { name: 'cfg', configMap: { name: 'g', defaultMode: 0o600 } }] });
    const { volumes } = await vm.setUpPod(pod, objects.lookups());
    const ed = await stat(volumes.scratch!.hostPath);
    assert.equal(ed.gid, 2000);
    assert.equal(ed.mode & 0o7777, 0o2777);
    const f = await stat(join(volumes.cfg!.hostPath, 'f'));
    assert.equal(f.gid, 2000);
    assert.equal(f.mode & 0o777, 0o640, 'read-only volumes get g+r');
    await vm.tearDownPod('fsg-1');
  });
});
