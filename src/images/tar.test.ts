import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { ImageError } from './errors.js';
import type { TarHeader } from './tar.js';
import { indexTarFile, readTar } from './tar.js';
import { tarBuffer } from './testing/tar-writer.js';

/** Feeds `data` in awkward chunk sizes, to exercise reads that span chunks. */
function chunked(data: Buffer, size = 7): AsyncIterable<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return Readable.from(chunks);
}

async function entries(data: Buffer): Promise<{ header: TarHeader; body: string }[]> {
  const out: { header: TarHeader; body: string }[] = [];
  for await (const entry of readTar(chunked(data, 333))) {
    const parts: Buffer[] = [];
    for await (const chunk of entry.body()) parts.push(chunk);
    out.push({ header: entry.header, body: Buffer.concat(parts).toString() });
  }
  return out;
}

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('readTar', () => {
  it('reads files, directories, links and devices with their metadata', async () => {
    const tar = tarBuffer([
      { name: 'etc/', type: 'dir', mode: 0o755 },
      { name: 'etc/passwd', data: 'root:x:0:0::/root:/bin/sh\n', mode: 0o644, uid: 1, gid: 2, mtime: 1234 },
      { name: 'bin/sh', type: 'symlink', linkname: 'busybox' },
      { name: 'bin/ash', type: 'hardlink', linkname: 'bin/busybox' },
      { name: 'dev/null', type: 'chardev', devmajor: 1, devminor: 3, mode: 0o666 },
      { name: 'usr/bin/sudo', data: 'x', mode: 0o4755 },
    ]);
    const got = await entries(tar);
    assert.deepEqual(
      got.map((e) => [e.header.name, e.header.type, e.header.mode.toString(8), e.body]),
      [
        ['etc/', 'dir', '755', ''],
        ['etc/passwd', 'file', '644', 'root:x:0:0::/root:/bin/sh\n'],
        ['bin/sh', 'symlink', '644', ''],
        ['bin/ash', 'hardlink', '644', ''],
        ['dev/null', 'chardev', '666', ''],
        ['usr/bin/sudo', 'file', '4755', 'x'],
      ],
    );
    const passwd = got[1]!.header;
    assert.equal(passwd.uid, 1);
    assert.equal(passwd.gid, 2);
    assert.equal(passwd.mtime, 1234);
    assert.equal(got[2]!.header.linkname, 'busybox');
    assert.equal(got[4]!.header.devmajor, 1);
    assert.equal(got[4]!.header.devminor, 3);
  });

  it('applies pax long names and xattrs, keeping non-UTF-8 bytes', async () => {
    const long = `${'d'.repeat(120)}/${'f'.repeat(120)}`;
    const tar = tarBuffer([{ name: long, data: 'x', xattrs: { 'security.capability': Buffer.from([1, 0, 0, 2]), 'user.note': 'hi' } }]);
    const [entry] = await entries(tar);
    assert.equal(entry!.header.name, long);
    assert.deepEqual(entry!.header.xattrs.get('security.capability'), Buffer.from([1, 0, 0, 2]));
    assert.equal(entry!.header.xattrs.get('user.note')!.toString(), 'hi');

    const latin = Buffer.from([0x63, 0xe9, 0x2e, 0x74, 0x78, 0x74]); // "cé.txt" in latin1: not UTF-8
    const raw = tarBuffer([{ name: 'placeholder', data: '' }]);
    latin.copy(raw, 0);
    raw.fill(0, latin.length, 100);
    // Fix the checksum after patching the name.
    raw.write('        ', 148, 'latin1');
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += raw[i]!;
    raw.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    const [patched] = await entries(raw);
    assert.deepEqual(Buffer.from(patched!.header.name, 'latin1'), latin);
  });

  it('refuses a header with a bad checksum and a truncated body', async () => {
    const tar = tarBuffer([{ name: 'a', data: 'hello' }]);
    const bad = Buffer.from(tar);
    bad[0] = 0x62; // name "b" without fixing the checksum
    await assert.rejects(entries(bad), (err) => err instanceof ImageError && err.code === 'InvalidLayer' && /checksum/.test(err.message));
    await assert.rejects(entries(tar.subarray(0, 520)), (err) => err instanceof ImageError && /end of archive/.test(err.message));
  });

  it('consumes the whole stream, padding included', async () => {
    const tar = Buffer.concat([tarBuffer([{ name: 'a', data: 'x' }]), Buffer.alloc(10240)]);
    let seen = 0;
    async function* counting(): AsyncGenerator<Buffer> {
      for await (const c of chunked(tar, 4096)) {
        seen += c.length;
        yield c;
      }
    }
    for await (const entry of readTar(counting())) void entry;
    assert.equal(seen, tar.length);
  });
});

describe('indexTarFile', () => {
  it('maps cleaned names of regular files to their byte ranges', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podyard-tar-'));
    dirs.push(dir);
    const tar = tarBuffer([
      { name: './index.json', data: '{"a":1}' },
      { name: 'blobs/', type: 'dir' },
      { name: 'blobs/sha256/abc', data: 'x'.repeat(1000) },
      { name: 'legacy/layer.tar', type: 'symlink', linkname: '../blobs/sha256/abc' },
      { name: 'hard.tar', type: 'hardlink', linkname: 'blobs/sha256/abc' },
      { name: 'escape.tar', type: 'symlink', linkname: '../../etc/passwd' },
    ]);
    const path = join(dir, 'a.tar');
    await writeFile(path, tar);
    const index = await indexTarFile(path);
    assert.deepEqual([...index.keys()], ['index.json', 'blobs/sha256/abc', 'legacy/layer.tar', 'hard.tar']);
    assert.equal(index.get('legacy/layer.tar'), index.get('blobs/sha256/abc'));
    const e = index.get('index.json')!;
    assert.equal(tar.toString('utf8', e.offset, e.offset + e.size), '{"a":1}');
    assert.equal(index.get('blobs/sha256/abc')!.size, 1000);
  });
});
