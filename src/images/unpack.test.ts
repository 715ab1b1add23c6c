import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { ImageError } from './errors.js';
import type { TestTarEntry } from './testing/tar-writer.js';
import { digestOf, tarBuffer } from './testing/tar-writer.js';
import { unpackLayer } from './unpack.js';

const isRoot = process.getuid?.() === 0;
const hasSetfattr = spawnSync('setfattr', ['--version']).status === 0;
const skip = !isRoot ? 'needs root (chown, mknod, trusted.* xattrs)' : !hasSetfattr ? 'needs setfattr (Debian package attr)' : false;

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function sandbox(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'podyard-unpack-'));
  dirs.push(dir);
  return dir;
}

function once(data: Buffer): AsyncIterable<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += 4096) chunks.push(data.subarray(i, i + 4096));
  return Readable.from(chunks);
}

async function unpack(entries: TestTarEntry[], lowerDirs: string[] = []): Promise<{ root: string; box: string; warnings: number }> {
  const box = await sandbox();
  const root = join(box, 'rootfs');
  await mkdir(root);
  const tar = tarBuffer(entries);
  const result = await unpackLayer(once(tar), root, { lowerDirs, expectedDiffID: digestOf(tar) });
  return { root, box, warnings: result.warnings };
}

function xattr(path: string, name: string): string | undefined {
  const r = spawnSync('getfattr', ['-h', '--only-values', '-n', name, path], { encoding: 'latin1' });
  return r.status === 0 ? r.stdout : undefined;
}

/** Everything under `dir` (relative paths, sorted), without descending into `except`. */
function listTree(dir: string, except?: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const rel = prefix + name;
    const abs = join(dir, name);
    out.push(rel);
    if (abs !== except && lstatSync(abs).isDirectory()) out.push(...listTree(abs, except, `${rel}/`));
  }
  return out.sort();
}

describe('unpackLayer', { skip }, () => {
  it('creates files, directories, links, devices and FIFOs with owner, mode, mtime and xattrs', async () => {
    const { root } = await unpack([
      { name: './', type: 'dir', mode: 0o755, mtime: 1000 },
      { name: 'home/', type: 'dir', mode: 0o750, uid: 1000, gid: 1001, mtime: 2000 },
      { name: 'home/app.txt', data: 'hello', mode: 0o640, uid: 1000, gid: 1001, mtime: 3000, xattrs: { 'user.note': 'kept' } },
      { name: 'home/link', type: 'symlink', linkname: '/etc/passwd', uid: 1000, gid: 1001, mtime: 4000 },
      { name: 'home/hard', type: 'hardlink', linkname: 'home/app.txt' },
      { name: 'usr/bin/ping', data: 'ELF', mode: 0o4755, xattrs: { 'security.capability': Buffer.from('0100000200200000000000000000000000000000', 'hex') } },
      { name: 'dev/null', type: 'chardev', devmajor: 1, devminor: 3, mode: 0o666 },
      { name: 'run/fifo', type: 'fifo', mode: 0o600, uid: 7 },
    ]);
    const app = statSync(join(root, 'home/app.txt'));
    assert.equal(readFileSync(join(root, 'home/app.txt'), 'utf8'), 'hello');
    assert.equal(app.mode & 0o7777, 0o640);
    assert.equal(app.uid, 1000);
    assert.equal(app.gid, 1001);
    assert.equal(app.mtimeMs, 3000_000);
    assert.equal(app.nlink, 2);
    assert.equal(statSync(join(root, 'home/hard')).ino, app.ino);
    assert.equal(xattr(join(root, 'home/app.txt'), 'user.note'), 'kept');

    const home = statSync(join(root, 'home'));
    assert.equal(home.mode & 0o7777, 0o750);
    assert.equal(home.uid, 1000);
    assert.equal(home.mtimeMs, 2000_000, 'directory mtime survives its children being written');
    assert.equal(statSync(root).mtimeMs, 1000_000);

    const link = lstatSync(join(root, 'home/link'));
    assert.ok(link.isSymbolicLink());
    assert.equal(readlinkSync(join(root, 'home/link')), '/etc/passwd');
    assert.equal(link.uid, 1000);
    assert.equal(link.mtimeMs, 4000_000);

    assert.equal(statSync(join(root, 'usr/bin/ping')).mode & 0o7777, 0o4755, 'setuid survives chown');
    assert.equal(Buffer.from(xattr(join(root, 'usr/bin/ping'), 'security.capability')!, 'latin1').toString('hex'), '0100000200200000000000000000000000000000');
    const dev = lstatSync(join(root, 'dev/null'));
    assert.ok(dev.isCharacterDevice());
    assert.equal(dev.rdev, (1 << 8) | 3);
    assert.equal(dev.mode & 0o7777, 0o666);
    const fifo = lstatSync(join(root, 'run/fifo'));
    assert.ok(fifo.isFIFO());
    assert.equal(fifo.uid, 7);
    assert.equal(statSync(join(root, 'usr')).mode & 0o7777, 0o755, 'implied parents are 0755');
    assert.deepEqual(readdirSync(root).sort(), ['dev', 'home', 'run', 'usr'], 'no helper files left behind');
  });

  it('turns whiteouts into 0:0 character devices and opaque markers into trusted.overlay.opaque', async () => {
    const { root } = await unpack([
      { name: 'etc/', type: 'dir' },
      { name: 'etc/.wh.old.conf' },
      { name: 'etc/.wh.gone.d' },
      { name: 'var/cache/', type: 'dir' },
      { name: 'var/cache/.wh..wh..opq' },
      { name: 'var/cache/new', data: 'n' },
      { name: 'keep', data: 'same layer wins' },
      { name: '.wh.keep' },
      { name: '.wh.redo' },
      { name: 'redo/', type: 'dir' },
      { name: 'redo/file', data: 'r' },
    ]);
    for (const name of ['etc/old.conf', 'etc/gone.d']) {
      const st = lstatSync(join(root, name));
      assert.ok(st.isCharacterDevice() && st.rdev === 0, `${name} is a whiteout`);
    }
    assert.equal(lstatSync(join(root, 'etc/old.conf')).ino, lstatSync(join(root, 'etc/gone.d')).ino, 'whiteouts share one inode');
    assert.equal(xattr(join(root, 'var/cache'), 'trusted.overlay.opaque'), 'y');
    assert.equal(readFileSync(join(root, 'keep'), 'utf8'), 'same layer wins');
    assert.ok(statSync(join(root, 'redo')).isDirectory());
    assert.equal(xattr(join(root, 'redo'), 'trusted.overlay.opaque'), 'y', 'a recreated directory hides the lower one');
    assert.equal(xattr(join(root, 'etc'), 'trusted.overlay.opaque'), undefined);
    assert.ok(!existsSync(join(root, '.podyard-whiteout')));
  });

  it('copies hard link targets that live in a lower layer, stopping at whiteouts', async () => {
    const lower = await unpack([{ name: 'usr/bin/tool', data: 'tool', mode: 0o755, uid: 5, mtime: 100 }]);
    const middle = await unpack([{ name: 'usr/bin/.wh.gone' }]);
    const { root } = await unpack([{ name: 'usr/bin/alias', type: 'hardlink', linkname: 'usr/bin/tool' }], [middle.root, lower.root]);
    const st = statSync(join(root, 'usr/bin/alias'));
    assert.equal(readFileSync(join(root, 'usr/bin/alias'), 'utf8'), 'tool');
    assert.equal(st.mode & 0o7777, 0o755);
    assert.equal(st.uid, 5);
    assert.notEqual(st.ino, statSync(join(lower.root, 'usr/bin/tool')).ino, 'a copy, not a link across layers');
    await assert.rejects(
      unpack([{ name: 'x', type: 'hardlink', linkname: 'usr/bin/gone' }], [middle.root, lower.root]),
      (err) => err instanceof ImageError && err.code === 'UnsafeLayer',
    );
  });

  it('refuses a stream that does not match the expected DiffID', async () => {
    const box = await sandbox();
    await mkdir(join(box, 'r'));
    const tar = tarBuffer([{ name: 'a', data: 'a' }]);
    await assert.rejects(
      unpackLayer(once(tar), join(box, 'r'), { expectedDiffID: digestOf('other') }),
      (err) => err instanceof ImageError && err.code === 'DigestMismatch',
    );
  });

  describe('malicious layers never write outside their directory', () => {
    /** Unpacks `entries` in a sandbox holding an `outside` directory next to rootfs; returns what happened. */
    async function attempt(entries: (outside: string) => TestTarEntry[]): Promise<{ error: unknown; root: string; outside: string; box: string }> {
      const box = await sandbox();
      const root = join(box, 'rootfs');
      const outside = join(box, 'outside');
      await mkdir(root);
      await mkdir(outside);
      writeFileSync(join(outside, 'victim'), 'original');
      let error: unknown;
      try {
        const tar = tarBuffer(entries(outside));
        await unpackLayer(once(tar), root, {});
      } catch (err) {
        error = err;
      }
      // Nothing may appear next to rootfs, and the victim must be untouched.
      assert.deepEqual(listTree(box, root), ['outside', 'outside/victim', 'rootfs']);
      assert.equal(readFileSync(join(outside, 'victim'), 'utf8'), 'original');
      assert.equal(statSync(join(outside, 'victim')).nlink, 1);
      return { error, root, outside, box };
    }

    const unsafe = (err: unknown) => err instanceof ImageError && err.code === 'UnsafeLayer';

    it('refuses ../ paths', async () => {
      const { error } = await attempt(() => [{ name: '../evil', data: 'x' }]);
      assert.ok(unsafe(error), String(error));
      const nested = await attempt(() => [{ name: 'a/../../outside/victim', data: 'x' }]);
      assert.ok(unsafe(nested.error));
    });

    it('keeps absolute paths inside the layer', async () => {
      const marker = `/podyard-abs-test-${process.pid}`;
      const { error, root } = await attempt(() => [{ name: `${marker}/file`, data: 'x' }]);
      assert.equal(error, undefined);
      assert.equal(readFileSync(join(root, marker, 'file'), 'utf8'), 'x');
      assert.ok(!existsSync(marker));
    });

    it('refuses writes through a symlink to the outside', async () => {
      const { error } = await attempt((outside) => [
        { name: 'link', type: 'symlink', linkname: outside },
        { name: 'link/file', data: 'x' },
      ]);
      assert.ok(unsafe(error), String(error));
      const viaDotDot = await attempt(() => [
        { name: 'up', type: 'symlink', linkname: '..' },
        { name: 'up/outside/victim', data: 'x' },
      ]);
      assert.ok(unsafe(viaDotDot.error));
      const whiteoutThrough = await attempt((outside) => [
        { name: 'link', type: 'symlink', linkname: outside },
        { name: 'link/.wh.victim' },
      ]);
      assert.ok(unsafe(whiteoutThrough.error));
      const opaqueThrough = await attempt((outside) => [
        { name: 'link', type: 'symlink', linkname: outside },
        { name: 'link/.wh..wh..opq' },
      ]);
      assert.ok(unsafe(opaqueThrough.error));
    });

    it('replaces a symlink instead of writing through it', async () => {
      const { error, root } = await attempt((outside) => [
        { name: 'victim', type: 'symlink', linkname: join(outside, 'victim') },
        { name: 'victim', data: 'replaced' },
        { name: 'dir', type: 'symlink', linkname: outside },
        { name: 'dir/', type: 'dir' },
        { name: 'dir/victim', data: 'inside' },
      ]);
      assert.equal(error, undefined);
      assert.equal(readFileSync(join(root, 'victim'), 'utf8'), 'replaced');
      assert.ok(lstatSync(join(root, 'dir')).isDirectory());
      assert.equal(readFileSync(join(root, 'dir/victim'), 'utf8'), 'inside');
    });

    it('refuses hard links to files outside the layer', async () => {
      const before = statSync('/etc/passwd');
      const { error } = await attempt(() => [{ name: 'pw', type: 'hardlink', linkname: '/etc/passwd' }]);
      assert.ok(unsafe(error), String(error));
      const escape = await attempt(() => [{ name: 'pw', type: 'hardlink', linkname: '../outside/victim' }]);
      assert.ok(unsafe(escape.error));
      const viaSymlink = await attempt((outside) => [
        { name: 'link', type: 'symlink', linkname: outside },
        { name: 'pw', type: 'hardlink', linkname: 'link/victim' },
      ]);
      assert.ok(viaSymlink.error instanceof ImageError, String(viaSymlink.error));
      assert.equal(statSync('/etc/passwd').nlink, before.nlink);
    });

    it('links to a symlink itself, and writing that name later replaces it', async () => {
      const { error, root } = await attempt((outside) => [
        { name: 'link', type: 'symlink', linkname: join(outside, 'victim') },
        { name: 'hard', type: 'hardlink', linkname: 'link' },
        { name: 'hard', data: 'mine' },
      ]);
      assert.equal(error, undefined);
      assert.equal(readFileSync(join(root, 'hard'), 'utf8'), 'mine');
    });

    it('refuses xattrs that would steer overlayfs', async () => {
      const { error, root } = await attempt(() => [{ name: 'd/', type: 'dir', xattrs: { 'trusted.overlay.redirect': '/etc', 'trusted.overlay.opaque': 'y' } }]);
      assert.equal(error, undefined);
      assert.equal(xattr(join(root, 'd'), 'trusted.overlay.redirect'), undefined);
      assert.equal(xattr(join(root, 'd'), 'trusted.overlay.opaque'), undefined);
    });
  });

  it('gives overlayfs the merged view the layers describe', async () => {
    const base = await unpack([
      { name: 'a/b/c/bar', data: 'bar' },
      { name: 'etc/old.conf', data: 'old' },
      { name: 'etc/keep.conf', data: 'keep' },
      { name: 'opt/x/1', data: '1' },
      { name: 'opt/x/2', data: '2' },
      { name: 'lib/redo/old', data: 'old' },
    ]);
    const top = await unpack([
      { name: 'a/', type: 'dir' },
      { name: 'a/.wh..wh..opq' },
      { name: 'a/b/c/foo', data: 'foo' },
      { name: 'etc/.wh.old.conf' },
      { name: 'opt/.wh.x' },
      { name: 'lib/.wh.redo' },
      { name: 'lib/redo/new', data: 'new' },
    ]);
    const mnt = await sandbox();
    const script = 'mount -t overlay overlay -o "lowerdir=$1" "$2" && cd "$2" && find . | sort; rc=$?; cd /; umount "$2"; exit $rc';
    const out = execFileSync('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, 'sh', `${top.root}:${base.root}`, mnt], { encoding: 'utf8' });
    assert.deepEqual(out.trim().split('\n'), ['.', './a', './a/b', './a/b/c', './a/b/c/foo', './etc', './etc/keep.conf', './lib', './lib/redo', './lib/redo/new', './opt']);
  });
});
