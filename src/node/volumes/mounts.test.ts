import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container, Pod } from '../../apis/index.js';
import { isVolumeError } from './errors.js';
import { mountAt, mountsUnder } from './mount-util.js';
import { expandSubPathExpr, makeMounts, translateMountPropagation } from './mounts.js';
import { FakeObjects, mountTestsUnavailable, newVolumeManager, podWith, unmountAllUnder } from './testing-fixtures.js';

const skip = mountTestsUnavailable() ?? false;

describe('subPathExpr and mountPropagation', () => {
  it('expands $(VAR) from the environment; unset or empty variables are errors', () => {
    assert.equal(expandSubPathExpr({ name: 'v', mountPath: '/x', subPathExpr: 'logs/$(POD_NAME)' }, { POD_NAME: 'web-0' }), 'logs/web-0');
    assert.throws(() => expandSubPathExpr({ name: 'v', mountPath: '/x', subPathExpr: '$(B)/$(A)/$(C)' }, { C: 'c', A: '' }), { message: 'missing value for A, B' });
  });

  it('translates propagation modes', () => {
    assert.equal(translateMountPropagation(undefined), 'PRIVATE');
    assert.equal(translateMountPropagation('None'), 'PRIVATE');
    assert.equal(translateMountPropagation('HostToContainer'), 'HOST_TO_CONTAINER');
    assert.equal(translateMountPropagation('Bidirectional'), 'BIDIRECTIONAL');
    assert.throws(() => translateMountPropagation('Shared'), { message: 'invalid MountPropagation mode: "Shared"' });
  });
});

describe('makeMounts', { skip }, () => {
  let root: string;
  let podsDir: string;
  const objects = new FakeObjects();
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'podyard-mounts-'));
    podsDir = join(root, 'pods');
  });
  after(async () => {
    const left = await unmountAllUnder(root);
    await rm(root, { recursive: true, force: true });
    assert.deepEqual(left, [], 'every test cleans up its mounts');
  });

  /** Sets up `pod` and builds the mounts of its container `c` (or the given one). */
  async function mountsOf(pod: Pod, ctx: Parameters<typeof makeMounts>[3] = { env: {} }, container?: Container) {
    const vm = newVolumeManager(podsDir);
    const volumes = await vm.setUpPod(pod, objects.lookups());
    return { vm, volumes, mounts: makeMounts(pod, container ?? pod.spec!.containers[0]!, volumes, ctx) };
  }

  it('binds volumes with readOnly (forced for configMap), propagation, /etc/hosts and the termination log', async () => {
    objects.putConfigMap('cfg', { a: '1' });
    const container: Container = {
      name: 'c',
      volumeMounts: [
        { name: 'html', mountPath: '/usr/share/nginx/html' },
        { name: 'cfg', mountPath: '/etc/app' },
        { name: 'html', mountPath: 'relative/ro', readOnly: true, mountPropagation: 'HostToContainer' },
      ],
    };
    const pod = podWith('mm-1', { containers: [container], volumes: [{ name: 'html', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }] });
    const { vm, volumes, mounts } = await mountsOf(pod, { env: {}, hostsFilePath: '/pods/mm-1/etc-hosts', terminationLogPath: '/pods/mm-1/containers/c/0' });
    const html = volumes.volumes.html!.hostPath;
    assert.deepEqual((await mounts).mounts, [
      { containerPath: '/usr/share/nginx/html', hostPath: html, readonly: false, propagation: 'PRIVATE' },
      { containerPath: '/etc/app', hostPath: volumes.volumes.cfg!.hostPath, readonly: true, propagation: 'PRIVATE' },
      { containerPath: '/relative/ro', hostPath: html, readonly: true, propagation: 'HOST_TO_CONTAINER' },
      { containerPath: '/etc/hosts', hostPath: '/pods/mm-1/etc-hosts', readonly: false, propagation: 'PRIVATE' },
      { containerPath: '/dev/termination-log', hostPath: '/pods/mm-1/containers/c/0', readonly: false, propagation: 'PRIVATE' },
    ]);
    // A container that mounts its own /etc/hosts does not get the managed one.
    const own: Container = { name: 'c', terminationMessagePath: '/tmp/msg', volumeMounts: [{ name: 'html', mountPath: '/etc/hosts', subPath: 'hosts' }] };
    await writeFile(join(html, 'hosts'), '127.0.0.1 mine\n');
    const r = await makeMounts(pod, own, volumes, { env: {}, hostsFilePath: '/pods/mm-1/etc-hosts', terminationLogPath: '/t' });
    assert.deepEqual(r.mounts.map((m) => m.containerPath), ['/etc/hosts', '/tmp/msg']);
    assert.equal(await readFile(r.mounts[0]!.hostPath, 'utf8'), '127.0.0.1 mine\n');
    await vm.tearDownPod('mm-1');
    assert.deepEqual(await mountsUnder(podsDir), []);
  });

  it('fails with CreateContainerConfigError for a volume the pod does not have', async () => {
    const container: Container = { name: 'app', volumeMounts: [{ name: 'ghost', mountPath: '/g' }] };
    const pod = podWith('mm-2', { containers: [container], volumes: [] });
    const { vm, mounts } = await mountsOf(pod);
    await assert.rejects(mounts, (err: unknown) => {
      assert.ok(isVolumeError(err, 'CreateContainerConfigError'));
      assert.equal(err.message, 'cannot find volume "ghost" to mount into container "app"');
      return true;
    });
    await vm.tearDownPod('mm-2');
  });

  it('subPath: creates the directory with the volume mode, bind-mounts it per container and index, reuses it', async () => {
    const container: Container = {
      name: 'writer',
      env: [],
      volumeMounts: [
        { name: 'data', mountPath: '/a', subPath: 'site/a' },
        { name: 'data', mountPath: '/logs', subPathExpr: 'logs/$(POD_NAME)' },
      ],
    };
    const pod = podWith('sp-1', { containers: [container], volumes: [{ name: 'data', emptyDir: {} }] });
    const { vm, volumes, mounts } = await mountsOf(pod, { env: { POD_NAME: 'pod-sp-1' } }, container);
    const vol = volumes.volumes.data!.hostPath;
    const [a, logs] = (await mounts).mounts;
    assert.equal(a!.hostPath, join(podsDir, 'sp-1', 'volume-subpaths', 'data', 'writer', '0'));
    assert.equal(logs!.hostPath, join(podsDir, 'sp-1', 'volume-subpaths', 'data', 'writer', '1'));
    assert.equal((await stat(join(vol, 'site', 'a'))).mode & 0o7777, 0o777);
    assert.equal((await stat(join(vol, 'logs', 'pod-sp-1'))).mode & 0o7777, 0o777);
    assert.ok(await mountAt(a!.hostPath));
    // Writes through the bind land in the volume.
    await writeFile(join(a!.hostPath, 'index.html'), 'hi');
    assert.equal(await readFile(join(vol, 'site', 'a', 'index.html'), 'utf8'), 'hi');
    // A container restart builds the same mounts without stacking binds.
    const again = await makeMounts(pod, container, volumes, { env: { POD_NAME: 'pod-sp-1' } });
    assert.equal(again.mounts[0]!.hostPath, a!.hostPath);
    assert.equal((await mountsUnder(a!.hostPath)).length, 1);
    await assert.rejects(makeMounts(pod, container, volumes, { env: {} }), { message: 'missing value for POD_NAME' });
    await vm.tearDownPod('sp-1');
    assert.deepEqual(await mountsUnder(podsDir), []);
  });

  it('subPath: never leaves the volume (symlink to /etc, .., absolute paths)', async () => {
    const pod = podWith('sp-evil', { volumes: [{ name: 'data', emptyDir: {} }] });
    const vm = newVolumeManager(podsDir);
    const volumes = await vm.setUpPod(pod, objects.lookups());
    const vol = volumes.volumes.data!.hostPath;
    // What a container could plant in its own volume.
    await symlink('/etc', join(vol, 'etc-link'));
    await symlink('../../../../../../../../etc', join(vol, 'rel-link'));
    await mkdir(join(vol, 'dir'));
    await symlink('/etc', join(vol, 'dir', 'inner'));
    await symlink('/nonexistent-podyard', join(vol, 'dangling'));
    const attempt = (subPath: string, field: 'subPath' | 'subPathExpr' = 'subPath') =>
      makeMounts(pod, { name: 'c', volumeMounts: [{ name: 'data', mountPath: '/m', [field]: subPath }] }, volumes, { env: { X: '/etc' } });
    const prepare = 'failed to prepare subPath for volumeMount "data" of container "c"';
    await assert.rejects(attempt('etc-link'), { message: prepare });
    await assert.rejects(attempt('rel-link'), { message: prepare });
    await assert.rejects(attempt('dir/inner'), { message: prepare });
    await assert.rejects(attempt('etc-link/passwd'), { message: prepare });
    await assert.rejects(attempt('dangling/x'), { message: 'failed to create subPath directory for volumeMount "data" of container "c"' });
    await assert.rejects(attempt('../../etc'), { message: "unable to provision SubPath `../../etc`: must not contain '..'" });
    await assert.rejects(attempt('a/../../b'), { message: "unable to provision SubPath `a/../../b`: must not contain '..'" });
    await assert.rejects(attempt('/etc'), { message: 'error SubPath `/etc` must not be an absolute path' });
    await assert.rejects(attempt('$(X)', 'subPathExpr'), { message: 'error SubPath `/etc` must not be an absolute path' });
    assert.deepEqual(await mountsUnder(podsDir), [], 'nothing was mounted');
    await lstat('/nonexistent-podyard').then(
      () => assert.fail('nothing was created outside the volume'),
      () => undefined,
    );
    // A symlink that stays inside the volume is fine (the kubelet resolves it once).
    await symlink('dir', join(vol, 'good-link'));
    const ok = await makeMounts(pod, { name: 'c', volumeMounts: [{ name: 'data', mountPath: '/m', subPath: 'good-link' }] }, volumes, { env: {} });
    assert.deepEqual(await readdir(ok.mounts[0]!.hostPath), ['inner']);
    await vm.tearDownPod('sp-evil');
    assert.deepEqual(await mountsUnder(podsDir), []);
  });

  it('configMap subPath mounts bind the file itself and do not follow updates', async () => {
    objects.putConfigMap('nginx', { 'nginx.conf': 'v1' });
    const pod = podWith('sp-cm', { volumes: [{ name: 'conf', configMap: { name: 'nginx' } }] });
    const container: Container = { name: 'c', volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf' }, { name: 'conf', mountPath: '/etc/nginx/conf.d' }] };
    const { vm, mounts } = await mountsOf(pod, { env: {} }, container);
    const [file, dir] = (await mounts).mounts;
    assert.equal(file!.readonly, true);
    assert.equal(await readFile(file!.hostPath, 'utf8'), 'v1');
    objects.putConfigMap('nginx', { 'nginx.conf': 'v2' });
    await vm.setUpPod(pod, objects.lookups());
    assert.equal(await readFile(join(dir!.hostPath, 'nginx.conf'), 'utf8'), 'v2', 'the whole-volume mount sees the update');
    assert.equal(await readFile(file!.hostPath, 'utf8'), 'v1', 'the subPath mount keeps the file it bound');
    await vm.tearDownPod('sp-cm');
  });

  it('teardown after a restart unmounts tmpfs and subPath binds found in mountinfo', async () => {
    objects.putSecret('tok', { token: 't' });
    const container: Container = { name: 'c', volumeMounts: [{ name: 'mem', mountPath: '/m', subPath: 'x' }, { name: 'sec', mountPath: '/s/token', subPath: 'token' }] };
    const pod = podWith('restart-1', { containers: [container], volumes: [{ name: 'mem', emptyDir: { medium: 'Memory' } }, { name: 'sec', secret: { secretName: 'tok' } }] });
    const { mounts } = await mountsOf(pod, { env: {} }, container);
    await mounts;
    const podDir = join(podsDir, 'restart-1');
    assert.equal((await mountsUnder(podDir)).length, 4, 'two tmpfs and two subPath binds');
    // The daemon restarts: a fresh manager with no memory of the pod cleans it up.
    const fresh = newVolumeManager(podsDir);
    assert.deepEqual(await fresh.listPodDirs(), ['restart-1']);
    await fresh.tearDownPod('restart-1');
    assert.deepEqual(await mountsUnder(podsDir), []);
    await assert.rejects(lstat(podDir));
    await fresh.tearDownPod('restart-1');
  });
});
