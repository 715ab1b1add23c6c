/**
 * A small tar reader: ustar, GNU (long names `L`/`K`, base-256 numbers) and POSIX pax (`x`/`g`
 * records, `SCHILY.xattr.*` and `LIBARCHIVE.xattr.*` extended attributes), over a stream (layer
 * unpacking) or with positioned reads over a file (archive indexing, bodies skipped by seeking).
 *
 * Names are kept as byte strings (latin1: one char per byte), so a non-UTF-8 file name survives
 * unchanged; callers turn them into paths with `Buffer.from(name, 'latin1')`.
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { ImageErrorCode } from './errors.js';
import { ImageError } from './errors.js';

/** The entry types a layer may hold. */
export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'chardev' | 'blockdev' | 'dir' | 'fifo';

/** One tar entry's metadata, with pax and GNU extensions applied. */
export interface TarHeader {
  /** The path as stored (byte string). */
  name: string;
  type: TarEntryType;
  /** Permission bits including setuid/setgid/sticky (07777). */
  mode: number;
  uid: number;
  gid: number;
  /** Body size in bytes (0 for everything but regular files). */
  size: number;
  /** Modification time in seconds since the epoch (fractional with pax). */
  mtime: number;
  /** Symlink target or hard link target path (byte string). */
  linkname: string;
  devmajor: number;
  devminor: number;
  /** Extended attributes: name (byte string) → raw value. */
  xattrs: Map<string, Buffer>;
}

/** Where bytes come from: a stream reader or positioned file reads. */
interface BlockSource {
  /** Bytes consumed so far. */
  readonly position: number;
  /** Exactly `n` bytes, or null at a clean end of input; throws on a short read. */
  read(n: number): Promise<Buffer | null>;
  skip(n: number): Promise<void>;
}

const BLOCK = 512;

function fail(code: ImageErrorCode, message: string): ImageError {
  return new ImageError(code, `tar: ${message}`);
}

function cstring(buf: Buffer, start: number, length: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('latin1', start, end < 0 || end > start + length ? start + length : end);
}

/** A numeric field: octal ASCII (space/NUL padded) or GNU base-256 (high bit set). */
function numeric(buf: Buffer, start: number, length: number, code: ImageErrorCode): number {
  const first = buf[start]!;
  if (first & 0x80) {
    if (first === 0xff) throw fail(code, 'negative base-256 number');
    let value = first & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + buf[start + i]!;
    if (!Number.isSafeInteger(value)) throw fail(code, 'base-256 number too large');
    return value;
  }
  const text = buf.toString('latin1', start, start + length).replace(/[\0 ]+$/, '').replace(/^ +/, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw fail(code, `invalid octal field "${text}"`);
  return parseInt(text, 8);
}

function checksumOk(block: Buffer, code: ImageErrorCode): boolean {
  const stored = numeric(block, 148, 8, code);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += b;
    signed += b >= 0x80 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

/** Parses pax records (`<len> key=value\n`), values as raw bytes. */
function parsePax(data: Buffer, code: ImageErrorCode): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === 0) break; // some writers pad with NULs
    const space = data.indexOf(0x20, pos);
    if (space < 0) throw fail(code, 'malformed pax record');
    const len = parseInt(data.toString('latin1', pos, space), 10);
    if (!Number.isSafeInteger(len) || len <= space - pos || pos + len > data.length) throw fail(code, 'malformed pax record length');
    const record = data.subarray(space + 1, pos + len);
    if (record[record.length - 1] !== 0x0a) throw fail(code, 'pax record not newline-terminated');
    const eq = record.indexOf(0x3d);
    if (eq < 0) throw fail(code, 'pax record without "="');
    out.set(record.toString('utf8', 0, eq), record.subarray(eq + 1, record.length - 1));
    pos += len;
  }
  return out;
}

function paxNumber(value: Buffer, key: string, code: ImageErrorCode): number {
  const text = value.toString('latin1');
  const n = key === 'mtime' ? Number(text) : parseInt(text, 10);
  if (!/^-?[0-9]+(\.[0-9]*)?$/.test(text) || !Number.isFinite(n)) throw fail(code, `invalid pax ${key} "${text}"`);
  return n;
}

const typeflags: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file', // contiguous file: a regular file everywhere that matters
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'chardev',
  '4': 'blockdev',
  '5': 'dir',
  '6': 'fifo',
};

/** A tar header plus where its body starts in the source. */
interface HeaderAt {
  header: TarHeader;
  dataOffset: number;
}

/**
 * Yields every entry header of the archive in `src`. After each yield, the body is skipped (with
 * its padding) if the consumer did not read it. Stops at the end-of-archive marker or EOF.
 */
async function* headers(src: BlockSource, code: ImageErrorCode): AsyncGenerator<HeaderAt> {
  const global = new Map<string, Buffer>();
  let pax: Map<string, Buffer> | undefined;
  let longName: string | undefined;
  let longLink: string | undefined;
  const readBody = async (size: number, what: string): Promise<Buffer> => {
    if (size > 16 * 1024 * 1024) throw fail(code, `${what} of ${size} bytes is too large`);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    const data = padded === 0 ? Buffer.alloc(0) : await src.read(padded);
    if (!data) throw fail(code, `truncated ${what}`);
    return data.subarray(0, size);
  };
  for (;;) {
    const block = await src.read(BLOCK);
    if (!block || isZeroBlock(block)) return;
    if (!checksumOk(block, code)) throw fail(code, `header checksum mismatch at offset ${src.position - BLOCK}`);
    const flag = String.fromCharCode(block[156]!);
    const size = numeric(block, 124, 12, code);
    if (flag === 'x' || flag === 'g') {
      const records = parsePax(await readBody(size, 'pax header'), code);
      if (flag === 'g') for (const [k, v] of records) global.set(k, v);
      else pax = records;
      continue;
    }
    if (flag === 'L' || flag === 'K') {
      const body = await readBody(size, 'GNU long name');
      const nul = body.indexOf(0);
      const value = body.toString('latin1', 0, nul < 0 ? body.length : nul);
      if (flag === 'L') longName = value;
      else longLink = value;
      continue;
    }
    const type = typeflags[flag];
    if (type === undefined) throw fail(code, `unsupported entry type "${flag}"`);

    const magic = block.toString('latin1', 257, 263);
    let name = cstring(block, 0, 100);
    // POSIX ustar has a 155-byte prefix; the old GNU format keeps other fields there.
    if (magic === 'ustar\0') {
      const prefix = cstring(block, 345, 155);
      if (prefix !== '') name = `${prefix}/${name}`;
    }
    const header: TarHeader = {
      name: longName ?? name,
      type,
      mode: numeric(block, 100, 8, code) & 0o7777,
      uid: numeric(block, 108, 8, code),
      gid: numeric(block, 116, 8, code),
      size,
      mtime: numeric(block, 136, 12, code),
      linkname: longLink ?? cstring(block, 157, 100),
      devmajor: magic.startsWith('ustar') ? numeric(block, 329, 8, code) : 0,
      devminor: magic.startsWith('ustar') ? numeric(block, 337, 8, code) : 0,
      xattrs: new Map(),
    };
    for (const records of [global, pax]) {
      if (!records) continue;
      for (const [key, value] of records) {
        if (key === 'path') header.name = value.toString('latin1');
        else if (key === 'linkpath') header.linkname = value.toString('latin1');
        else if (key === 'size') header.size = paxNumber(value, key, code);
        else if (key === 'uid') header.uid = paxNumber(value, key, code);
        else if (key === 'gid') header.gid = paxNumber(value, key, code);
        else if (key === 'mtime') header.mtime = paxNumber(value, key, code);
        else if (key.startsWith('SCHILY.xattr.')) header.xattrs.set(Buffer.from(key.slice(13)).toString('latin1'), value);
        else if (key.startsWith('LIBARCHIVE.xattr.')) {
          const xname = Buffer.from(decodeURIComponent(key.slice(17))).toString('latin1');
          header.xattrs.set(xname, Buffer.from(value.toString('latin1'), 'base64'));
        } else if (key.startsWith('GNU.sparse.')) throw fail(code, 'sparse files are not supported');
      }
    }
    pax = undefined;
    longName = undefined;
    longLink = undefined;
    if (!Number.isSafeInteger(header.size) || header.size < 0) throw fail(code, `invalid size for "${header.name}"`);
    // Only regular files carry data; a size on anything else (some writers set one on hard links) is skipped.
    const dataOffset = src.position;
    yield { header, dataOffset };
    const end = dataOffset + Math.ceil(header.size / BLOCK) * BLOCK;
    if (src.position < end) await src.skip(end - src.position);
  }
}

/** Buffers an async byte stream so it can be read in exact amounts. */
class StreamSource implements BlockSource {
  position = 0;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private done = false;
  private readonly it: AsyncIterator<Buffer>;

  constructor(
    source: AsyncIterable<Buffer>,
    private readonly code: ImageErrorCode,
  ) {
    this.it = source[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<void> {
    while (this.buffered < n && !this.done) {
      const next = await this.it.next();
      if (next.done) this.done = true;
      else if (next.value.length > 0) {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
  }

  private take(n: number): Buffer {
    let out: Buffer;
    const first = this.chunks[0]!;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const parts: Buffer[] = [];
      let need = n;
      while (need > 0) {
        const c = this.chunks[0]!;
        if (c.length <= need) {
          parts.push(c);
          this.chunks.shift();
          need -= c.length;
        } else {
          parts.push(c.subarray(0, need));
          this.chunks[0] = c.subarray(need);
          need = 0;
        }
      }
      out = Buffer.concat(parts, n);
    }
    this.buffered -= n;
    this.position += n;
    return out;
  }

  async read(n: number): Promise<Buffer | null> {
    await this.fill(n);
    if (this.buffered === 0 && this.done) return null;
    if (this.buffered < n) throw fail(this.code, 'unexpected end of archive');
    return this.take(n);
  }

  /** Up to `n` bytes as they arrive (at least one unless n is 0); throws at EOF. */
  async some(n: number): Promise<Buffer> {
    if (this.buffered === 0) await this.fill(1);
    if (this.buffered === 0) throw fail(this.code, 'unexpected end of archive');
    return this.take(Math.min(n, this.chunks[0]!.length));
  }

  async skip(n: number): Promise<void> {
    while (n > 0) n -= (await this.some(n)).length;
  }

  /** Consumes everything left (so a hash over the stream covers trailing padding). */
  async drain(): Promise<void> {
    this.chunks = [];
    this.buffered = 0;
    while (!this.done) {
      const next = await this.it.next();
      if (next.done) this.done = true;
      else this.position += next.value.length;
    }
  }
}

/** One entry of a streamed archive; read `body` (regular files) before asking for the next. */
export interface TarEntry {
  header: TarHeader;
  /** The file's bytes in chunks (empty for non-files). */
  body(): AsyncGenerator<Buffer>;
}

/**
 * Streams the entries of the tar archive in `source`. The whole input is consumed (trailing
 * padding after the end marker too), so a hash taken over `source` covers every byte.
 * Malformed input throws `ImageError` with `code` (default `InvalidLayer`).
 */
export async function* readTar(source: AsyncIterable<Buffer>, code: ImageErrorCode = 'InvalidLayer'): AsyncGenerator<TarEntry> {
  const src = new StreamSource(source, code);
  for await (const { header } of headers(src, code)) {
    const size = header.type === 'file' ? header.size : 0;
    const start = src.position;
    yield {
      header,
      body: async function* () {
        let left = size - (src.position - start);
        while (left > 0) {
          const chunk = await src.some(left);
          left -= chunk.length;
          yield chunk;
        }
      },
    };
  }
  await src.drain();
}

/** Positioned reads over an open file. */
class FileSource implements BlockSource {
  position = 0;
  constructor(
    private readonly fh: FileHandle,
    private readonly length: number,
    private readonly code: ImageErrorCode,
  ) {}

  async read(n: number): Promise<Buffer | null> {
    if (this.position >= this.length) return null;
    if (this.position + n > this.length) throw fail(this.code, 'unexpected end of archive');
    const buf = Buffer.alloc(n);
    const { bytesRead } = await this.fh.read(buf, 0, n, this.position);
    if (bytesRead !== n) throw fail(this.code, 'unexpected end of archive');
    this.position += n;
    return buf;
  }

  skip(n: number): Promise<void> {
    if (this.position + n > this.length) return Promise.reject(fail(this.code, 'unexpected end of archive'));
    this.position += n;
    return Promise.resolve();
  }
}

/** Where a regular file's bytes live inside an uncompressed tar file. */
export interface TarFileEntry {
  offset: number;
  size: number;
}

/**
 * Indexes the regular files of an uncompressed tar file by cleaned name (`./a/b` → `a/b`),
 * reading only headers. Symlinks and hard links to files of the archive are indexed as the file
 * they point to; links pointing outside the archive are ignored.
 * Malformed input throws `InvalidArchive`.
 */
export async function indexTarFile(path: string): Promise<Map<string, TarFileEntry>> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const src = new FileSource(fh, size, 'InvalidArchive');
    const out = new Map<string, TarFileEntry>();
    const links = new Map<string, string>();
    for await (const { header, dataOffset } of headers(src, 'InvalidArchive')) {
      const name = cleanArchiveName(header.name);
      if (header.type === 'symlink') {
        // skopeo's docker-archive has legacy `<id>/layer.tar -> ../<digest>.tar` symlinks.
        const dir = name.split('/').slice(0, -1).join('/');
        links.set(name, header.linkname.startsWith('/') ? header.linkname : `${dir}/${header.linkname}`);
      } else if (header.type === 'hardlink') {
        links.set(name, header.linkname);
      } else if (header.type === 'file') {
        if (dataOffset + header.size > size) throw fail('InvalidArchive', `entry "${header.name}" runs past the end of the archive`);
        out.set(name, { offset: dataOffset, size: header.size });
      }
    }
    // Links resolve to files of the archive only (lexically, a few hops at most).
    for (const [name, target] of links) {
      let current: string | undefined = target;
      for (let hop = 0; hop < 8 && current !== undefined; hop++) {
        const clean = resolveArchivePath(current);
        if (clean === undefined) break;
        const entry = out.get(clean);
        if (entry) {
          if (!out.has(name)) out.set(name, entry);
          break;
        }
        current = links.get(clean);
      }
    }
    return out;
  } finally {
    await fh.close();
  }
}

/** Lexically resolves `a/../b` inside the archive; undefined if it climbs out. */
function resolveArchivePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** `./blobs/sha256/x` and `/blobs//sha256/x` → `blobs/sha256/x` (lexical; `..` kept). */
export function cleanArchiveName(name: string): string {
  return name
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}
