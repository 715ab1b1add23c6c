import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveUser, secureJoin } from './host.js';

describe('secureJoin and resolveUser', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'podyard-rootfs-'));
    await mkdir(join(root, 'etc'), { recursive: true });
    await mkdir(join(root, 'real'), { recursive: true });
    await writeFile(join(root, 'real', 'passwd'), 'root:x:0:0::/root:/bin/sh\nnginx:x:101:101::/:/bin/false\napp:x:1000:1000::/app:/bin/sh\n');
    // An absolute symlink must resolve inside the rootfs, never to the host's /etc/passwd.
    await symlink('/real/passwd', join(root, 'etc', 'passwd'));
    await writeFile(join(root, 'etc', 'group'), 'root:x:0:\nnginx:x:101:\nwheel:x:10:app,nginx\nstaff:x:50:app\n');
    await symlink('../../../../../etc', join(root, 'escape'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keeps symlinks and .. inside the root', async () => {
    assert.equal(await secureJoin(root, '/etc/passwd'), join(root, 'real', 'passwd'));
    assert.equal(await secureJoin(root, '/escape/shadow'), join(root, 'etc', 'shadow'));
    assert.equal(await secureJoin(root, '/../../x'), join(root, 'x'));
  });

  it('resolves image users and groups as containerd does', async () => {
    assert.deepEqual(await resolveUser(root, {}, {}), { uid: 0, gid: 0, additionalGids: [] });
    assert.deepEqual(await resolveUser(root, {}, { user: 'nginx' }), { uid: 101, gid: 101, additionalGids: [10] });
    assert.deepEqual(await resolveUser(root, {}, { user: 'app:nginx' }), { uid: 1000, gid: 101, additionalGids: [10, 50] });
    assert.deepEqual(await resolveUser(root, {}, { user: '4242:4343' }), { uid: 4242, gid: 4343, additionalGids: [] });
    await assert.rejects(resolveUser(root, {}, { user: 'ghost' }), /unable to find user ghost/);
  });

  it('lets the security context override the image', async () => {
    assert.deepEqual(await resolveUser(root, { runAsUser: 1000 }, { user: 'nginx' }), { uid: 1000, gid: 1000, additionalGids: [10, 50] });
    assert.deepEqual(await resolveUser(root, { runAsUser: 7, runAsGroup: 8, supplementalGroups: [9] }, {}), { uid: 7, gid: 8, additionalGids: [9] });
  });
});
