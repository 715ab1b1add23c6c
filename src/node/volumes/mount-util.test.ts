import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mountsUnder, parseMountInfo } from './mount-util.js';

const sample = [
  '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
  '98 22 0:50 / /var/lib/podyard/pods/u1/volumes/kubernetes.io~empty-dir/cache rw,relatime - tmpfs tmpfs rw,size=65536k',
  '99 22 8:1 /data/x /var/lib/podyard/pods/u1/volume-subpaths/v/c/0 rw,relatime shared:1 - ext4 /dev/sda1 rw',
  '100 22 0:51 / /mnt/with\\040space rw - tmpfs tmpfs rw',
  '101 22 0:52 / /var/lib/podyard/pods/u10/x rw - tmpfs tmpfs rw',
].join('\n');

describe('mountinfo', () => {
  it('parses fields, optional fields and octal escapes', () => {
    const m = parseMountInfo(sample);
    assert.equal(m.length, 5);
    assert.deepEqual(
      { id: m[1]!.mountId, point: m[1]!.mountPoint, fs: m[1]!.fsType, opts: m[1]!.superOptions },
      { id: 98, point: '/var/lib/podyard/pods/u1/volumes/kubernetes.io~empty-dir/cache', fs: 'tmpfs', opts: 'rw,size=65536k' },
    );
    assert.equal(m[2]!.root, '/data/x');
    assert.equal(m[2]!.fsType, 'ext4');
    assert.equal(m[3]!.mountPoint, '/mnt/with space');
  });

  it('lists the mounts under a directory, deepest first, not its siblings', async () => {
    const table = parseMountInfo(sample);
    // realpath of a non-existent directory fails: nothing is under it.
    assert.deepEqual(await mountsUnder('/nonexistent-podyard-dir', table), []);
    assert.deepEqual(await mountsUnder('/', table), [
      '/var/lib/podyard/pods/u1/volume-subpaths/v/c/0',
      '/var/lib/podyard/pods/u1/volumes/kubernetes.io~empty-dir/cache',
      '/var/lib/podyard/pods/u10/x',
      '/mnt/with space',
      '/',
    ]);
  });
});
