import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUpHostPath } from './host-path.js';

describe('hostPath type checks', () => {
  let root: string;
  let server: Server;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'podyard-hostpath-'));
    await mkdir(join(root, 'dir'));
    await writeFile(join(root, 'file'), 'x');
    server = createServer();
    await new Promise<void>((resolve) => server.listen(join(root, 'sock'), resolve));
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(root, { recursive: true, force: true });
  });

  it('accepts matching types and returns the path as written', async () => {
    assert.equal(await setUpHostPath({ path: join(root, 'dir'), type: 'Directory' }), join(root, 'dir'));
    assert.equal(await setUpHostPath({ path: join(root, 'file'), type: 'File' }), join(root, 'file'));
    assert.equal(await setUpHostPath({ path: join(root, 'sock'), type: 'Socket' }), join(root, 'sock'));
    assert.equal(await setUpHostPath({ path: '/dev/null', type: 'CharDevice' }), '/dev/null');
    assert.equal(await setUpHostPath({ path: join(root, 'missing') }), join(root, 'missing'), '"" checks nothing');
  });

  it('creates DirectoryOrCreate (0755) and FileOrCreate (0644)', async () => {
    const d = join(root, 'made', 'deep');
    await setUpHostPath({ path: d, type: 'DirectoryOrCreate' });
    assert.ok((await stat(d)).isDirectory());
    assert.equal((await stat(d)).mode & 0o777, 0o755 & ~process.umask());
    const f = join(root, 'made', 'f');
    await setUpHostPath({ path: f, type: 'FileOrCreate' });
    assert.ok((await stat(f)).isFile());
    assert.equal((await stat(f)).mode & 0o777, 0o644 & ~process.umask());
    await setUpHostPath({ path: join(root, 'dir'), type: 'DirectoryOrCreate' });
  });

  it('fails with the kubelet messages', async () => {
    const cases: [string, string, string][] = [
      [join(root, 'file'), 'Directory', `hostPath type check failed: ${join(root, 'file')} is not a directory`],
      [join(root, 'nope'), 'Directory', `hostPath type check failed: ${join(root, 'nope')} is not a directory`],
      [join(root, 'file'), 'DirectoryOrCreate', `hostPath type check failed: ${join(root, 'file')} is not a directory`],
      [join(root, 'dir'), 'File', `hostPath type check failed: ${join(root, 'dir')} is not a file`],
      [join(root, 'dir'), 'FileOrCreate', `hostPath type check failed: ${join(root, 'dir')} is not a file`],
      [join(root, 'file'), 'Socket', `hostPath type check failed: ${join(root, 'file')} is not a socket file`],
      [join(root, 'file'), 'CharDevice', `hostPath type check failed: ${join(root, 'file')} is not a character device`],
      ['/dev/null', 'BlockDevice', 'hostPath type check failed: /dev/null is not a block device'],
    ];
    for (const [path, type, message] of cases) {
      await assert.rejects(setUpHostPath({ path, type: type as 'File' }), { message }, `${type} ${path}`);
    }
    await assert.rejects(setUpHostPath({ path: '/var/../etc', type: 'Directory' }), { message: "invalid HostPath `/var/../etc`: must not contain '..'" });
  });
});
