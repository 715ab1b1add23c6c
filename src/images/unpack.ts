/**
 * Applies one layer changeset (OCI image-spec layer.md) to an empty directory, in the form
 * overlayfs reads as a lower layer:
 *
 * - regular files, directories, symlinks, hard links, character/block devices and FIFOs, with
 *   ownership (numeric uid/gid), modes (setuid/setgid/sticky included), mtimes and xattrs
 *   (pax `SCHILY.xattr.*` / `LIBARCHIVE.xattr.*`);
 * - a whiteout `.wh.<name>` becomes an overlay whiteout (character device 0:0) at `<name>`; all
 *   whiteouts of a layer are hard links to one node made with mknod, as overlayfs itself does;
 * - an opaque marker `.wh..wh..opq` sets `trusted.overlay.opaque=y` on its directory; so does a
 *   whiteout of a directory that the same layer recreates (the whiteout hides the lower one, the
 *   new directory stays: "Whiteout files MUST only apply to resources in lower/parent layers");
 * - a hard link to a file that is not in this layer is resolved in the lower layers (topmost
 *   first, stopping at a whiteout) and *copied*: linking across layer directories would tie
 *   layers' inodes together. Copies carry owner, mode and mtime, not xattrs.
 *
 * Node has no mknod(2) or setxattr(2), so devices and whiteouts use coreutils `mknod` and
 * xattrs one batched `setfattr --restore` (Debian package `attr`), spawned with argv arrays.
 *
 * Security. A layer must never write outside `rootfs`:
 * - names are cleaned lexically; a leading `/` is dropped (as tar does) and any `..` component
 *   refuses the layer (`UnsafeLayer`), for entry names and hard link targets alike;
 * - `rootfs` is a fresh private directory only this unpack writes to, and every entry created is
 *   recorded in `kinds`; an entry whose parent chain holds a symlink (or a non-directory) is
 *   refused, so a path is never resolved through a symlink the layer made. That in-memory map is
 *   the lstat of every component, without the syscalls;
 * - files are created with O_CREAT|O_EXCL|O_NOFOLLOW after removing what was there (never
 *   writing through an existing name or hard link); ownership, mode and times are set on the
 *   descriptor (fchown/fchmod/futimes) or with the l* calls that never follow symlinks;
 * - symlink targets are stored, never followed; lower layers are walked with lstat, refusing
 *   symlinks in the chain.
 *
 * Limitations (documented, rare in real images): a layer entry below a directory that is a
 * symlink in a *lower* layer (e.g. `bin/x` over merged-usr's `bin -> usr/bin`) creates a real
 * directory here, which hides the lower symlink in the merged view; sparse files are refused;
 * opaque directories of lower layers are not consulted when resolving hard links.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  copyFileSync,
  fchmodSync,
  fchownSync,
  futimesSync,
  linkSync,
  lchownSync,
  lstatSync,
  lutimesSync,
  chmodSync,
  mkdirSync,
  openSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import type { Logger } from '../base/index.js';
import { errorMessage, silentLogger } from '../base/index.js';
import { tap } from './compression.js';
import { ImageError } from './errors.js';
import type { TarHeader } from './tar.js';
import { readTar } from './tar.js';

/** Options for {@link unpackLayer}. */
export interface UnpackOptions {
  /** Unpacked lower layers' directories, topmost first: where out-of-layer hard links resolve. */
  lowerDirs?: readonly string[];
  /** When set, the tar stream must hash to this DiffID (else `DigestMismatch`). */
  expectedDiffID?: string;
  logger?: Logger;
  /** `mknod` executable (coreutils). */
  mknodPath?: string;
  /** `setfattr` executable (Debian `attr`). */
  setfattrPath?: string;
}

/** What {@link unpackLayer} did. */
export interface UnpackResult {
  /** sha256 of the uncompressed tar stream. */
  diffID: string;
  /** Bytes of the tar stream. */
  tarSize: number;
  /** Bytes of regular file content written (hard links and whiteouts count nothing). */
  size: number;
  /** Tar entries applied. */
  entries: number;
  /** Entries skipped or degraded with a logged warning (devices that could not be made, xattrs refused). */
  warnings: number;
}

type Kind = 'dir' | 'file' | 'symlink' | 'node' | 'whiteout';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';
/** xattr names a layer may not set: they would steer overlayfs itself (redirects, metacopy…). */
const FORBIDDEN_XATTR_PREFIXES = ['trusted.overlay.', 'user.overlay.'];
const ALLOWED_XATTR_PREFIXES = ['user.', 'security.', 'trusted.', 'system.posix_acl_access', 'system.posix_acl_default'];

/** Splits a tar name into clean components; `undefined` if it has a `..` component. */
function cleanParts(name: string): string[] | undefined {
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    out.push(part);
  }
  return out;
}

/** Escapes a byte string for getfattr's dump format (octal for anything unusual). */
function dumpEscape(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    out += c <= 0x20 || c >= 0x7f || c === 0x5c || c === 0x3d || c === 0x22 ? `\\${c.toString(8).padStart(3, '0')}` : bytes[i];
  }
  return out;
}

function run(file: string, args: string[], input?: Buffer): Promise<{ code: number | null; stderr: string; error?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-8000)));
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: null, stderr, error }));
    child.on('close', (code) => resolve({ code, stderr }));
    if (input && child.stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}

/** One layer being applied: the state the security rules rely on. */
class LayerWriter {
  /** Every path this layer created (byte-string relative path → kind). '' is the root. */
  private readonly kinds = new Map<string, Kind>([['', 'dir']]);
  /** Directories to mark opaque. */
  private readonly opaque = new Set<string>();
  /** Directory mtimes, applied last (children change their parent's mtime). */
  private readonly dirTimes = new Map<string, number>();
  private readonly xattrs: { path: string; name: string; value: Buffer }[] = [];
  private whiteoutTemplate: string | undefined;
  private tempCounter = 0;
  private chownWorks = true;
  size = 0;
  entries = 0;
  warnings = 0;

  constructor(
    private readonly root: string,
    private readonly options: UnpackOptions,
    private readonly logger: Logger,
  ) {}

  private abs(rel: string): Buffer {
    return rel === '' ? Buffer.from(this.root) : Buffer.concat([Buffer.from(this.root + '/'), Buffer.from(rel, 'latin1')]);
  }

  private warn(msg: string, path: string, extra: Record<string, unknown> = {}): void {
    this.warnings++;
    this.logger.warn(msg, { path: Buffer.from(path, 'latin1').toString('utf8'), ...extra });
  }

  private unsafe(msg: string, name: string): ImageError {
    return new ImageError('UnsafeLayer', `layer entry "${Buffer.from(name, 'latin1').toString('utf8')}": ${msg}`);
  }

  private invalid(msg: string, name: string): ImageError {
    return new ImageError('InvalidLayer', `layer entry "${Buffer.from(name, 'latin1').toString('utf8')}": ${msg}`);
  }

  /**
   * Makes sure every parent of `parts` is a directory of this layer, creating missing ones
   * (root-owned, 0755). Refuses a parent that is a symlink (that is how a layer would write
   * outside itself) or another non-directory.
   */
  private ensureParents(parts: string[], name: string): void {
    let rel = '';
    for (let i = 0; i < parts.length - 1; i++) {
      rel = rel === '' ? parts[i]! : `${rel}/${parts[i]!}`;
      const kind = this.kinds.get(rel);
      if (kind === 'dir') continue;
      if (kind === 'symlink') throw this.unsafe('a parent directory is a symlink', name);
      if (kind === 'whiteout') {
        // `.wh.d` then `d/x`: d is recreated here and hides the lower d entirely.
        this.removeExisting(rel);
        this.opaque.add(rel);
      } else if (kind !== undefined) throw this.invalid('a parent is not a directory', name);
      mkdirSync(this.abs(rel), 0o755);
      this.kinds.set(rel, 'dir');
    }
  }

  /** Removes what this layer has at `rel` (and below it), forgetting it. */
  private removeExisting(rel: string): Kind | undefined {
    const kind = this.kinds.get(rel);
    if (kind === undefined) return undefined;
    if (kind === 'dir') {
      rmSync(this.abs(rel), { recursive: true, force: true });
      const prefix = `${rel}/`;
      for (const key of [...this.kinds.keys()]) if (key.startsWith(prefix)) this.kinds.delete(key);
      for (const key of [...this.opaque]) if (key === rel || key.startsWith(prefix)) this.opaque.delete(key);
      for (const key of [...this.dirTimes.keys()]) if (key === rel || key.startsWith(prefix)) this.dirTimes.delete(key);
    } else {
      unlinkSync(this.abs(rel));
    }
    this.kinds.delete(rel);
    return kind;
  }

  private chown(fn: () => void, rel: string): void {
    if (!this.chownWorks) return;
    try {
      fn();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
      this.chownWorks = false;
      this.warn('cannot chown (not root?): ownership of this layer is not preserved', rel);
    }
  }

  private queueXattrs(rel: string, header: TarHeader): void {
    for (const [name, value] of header.xattrs) {
      if (FORBIDDEN_XATTR_PREFIXES.some((p) => name.startsWith(p))) {
        this.warn('refusing an overlayfs xattr from a layer', rel, { xattr: name });
        continue;
      }
      if (!ALLOWED_XATTR_PREFIXES.some((p) => name.startsWith(p))) {
        this.warn('skipping an xattr outside the user/security/trusted/ACL namespaces', rel, { xattr: name });
        continue;
      }
      this.xattrs.push({ path: rel, name, value });
    }
  }

  /** Applies one entry. */
  async apply(header: TarHeader, body: () => AsyncGenerator<Buffer>): Promise<void> {
    this.entries++;
    const parts = cleanParts(header.name);
    if (!parts) throw this.unsafe('path has a ".." component', header.name);
    if (parts.length === 0) {
      // The layer root itself ("./"): only its attributes matter.
      if (header.type !== 'dir') throw this.invalid('the layer root must be a directory', header.name);
      this.setDirAttributes('', header);
      return;
    }
    const base = parts[parts.length - 1]!;
    if (base.startsWith(WHITEOUT_PREFIX)) {
      await this.applyWhiteout(parts, header.name);
      return;
    }
    this.ensureParents(parts, header.name);
    const rel = parts.join('/');
    const existing = this.kinds.get(rel);
    if (existing === 'dir' && header.type === 'dir') {
      this.setDirAttributes(rel, header);
      return;
    }
    if (header.type === 'hardlink') {
      this.applyHardlink(rel, header);
      return;
    }
    const replaced = this.removeExisting(rel);
    switch (header.type) {
      case 'dir':
        mkdirSync(this.abs(rel), 0o700);
        this.kinds.set(rel, 'dir');
        if (replaced === 'whiteout') this.opaque.add(rel);
        this.setDirAttributes(rel, header);
        break;
      case 'file':
        await this.writeFile(rel, header, body);
        break;
      case 'symlink': {
        const path = this.abs(rel);
        symlinkSync(Buffer.from(header.linkname, 'latin1'), path);
        this.kinds.set(rel, 'symlink');
        this.chown(() => lchownSync(path, header.uid, header.gid), rel);
        lutimesSync(path, header.mtime, header.mtime);
        this.queueXattrs(rel, header);
        break;
      }
      case 'chardev':
      case 'blockdev':
      case 'fifo':
        await this.makeNode(rel, header);
        break;
    }
  }

  private setDirAttributes(rel: string, header: TarHeader): void {
    const path = this.abs(rel);
    this.chown(() => lchownSync(path, header.uid, header.gid), rel);
    chmodSync(path, header.mode);
    this.dirTimes.set(rel, header.mtime);
    this.queueXattrs(rel, header);
  }

  private async writeFile(rel: string, header: TarHeader, body: () => AsyncGenerator<Buffer>): Promise<void> {
    const path = this.abs(rel);
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    this.kinds.set(rel, 'file');
    try {
      for await (const chunk of body()) {
        let off = 0;
        while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
      }
      this.chown(() => fchownSync(fd, header.uid, header.gid), rel);
      fchmodSync(fd, header.mode); // after chown, which clears setuid/setgid
      futimesSync(fd, header.mtime, header.mtime);
    } finally {
      closeSync(fd);
    }
    this.size += header.size;
    this.queueXattrs(rel, header);
  }

  private async applyWhiteout(parts: string[], name: string): Promise<void> {
    const base = parts[parts.length - 1]!;
    const dirParts = parts.slice(0, -1);
    const dirRel = dirParts.join('/');
    if (base === OPAQUE_MARKER) {
      // Make sure the directory exists in this layer (it may be only implied).
      this.ensureParents([...dirParts, OPAQUE_MARKER], name);
      this.opaque.add(dirRel);
      return;
    }
    const target = base.slice(WHITEOUT_PREFIX.length);
    if (target === '' || target === '.' || target === '..') {
      this.warn('ignoring a whiteout with no target name', name);
      return;
    }
    const targetParts = [...dirParts, target];
    this.ensureParents(targetParts, name);
    const rel = targetParts.join('/');
    const existing = this.kinds.get(rel);
    if (existing === 'dir') {
      this.opaque.add(rel); // the same layer recreated the directory: hide only the lower one
      return;
    }
    if (existing !== undefined) return; // a same-layer entry wins over its whiteout
    linkSync(await this.ensureWhiteoutTemplate(), this.abs(rel));
    this.kinds.set(rel, 'whiteout');
  }

  /** The layer's one whiteout node (char 0:0), made on first use, unlinked at the end. */
  private async ensureWhiteoutTemplate(): Promise<Buffer> {
    if (this.whiteoutTemplate === undefined) {
      const temp = `${this.root}/.podyard-whiteout`;
      await this.mknod(temp, 'c', 0, 0, 0o000, true);
      this.whiteoutTemplate = temp;
    }
    return Buffer.from(this.whiteoutTemplate);
  }

  /** Runs `mknod`; returns false (or throws when `required`) if it fails. */
  private async mknod(path: string, type: 'c' | 'b' | 'p', major: number, minor: number, mode: number, required: boolean): Promise<boolean> {
    const args = ['-m', (mode & 0o7777).toString(8).padStart(4, '0'), '--', path, type];
    if (type !== 'p') args.push(String(major), String(minor));
    const result = await run(this.options.mknodPath ?? 'mknod', args);
    if (result.code === 0) return true;
    const why = result.error ? errorMessage(result.error) : result.stderr.trim() || `exit ${result.code}`;
    if (required) {
      throw new ImageError(result.error?.code === 'ENOENT' ? 'ToolMissing' : 'UnpackFailed', `mknod (whiteout) failed: ${why}`, { cause: result.error });
    }
    this.warn('could not create a device node or FIFO; skipped', path.slice(this.root.length + 1), { error: why });
    return false;
  }

  private async makeNode(rel: string, header: TarHeader): Promise<void> {
    // mknod gets an ASCII temp name (argv cannot carry arbitrary bytes); rename gives the real one.
    const temp = `${this.root}/.podyard-node-${this.tempCounter++}`;
    const type = header.type === 'chardev' ? 'c' : header.type === 'blockdev' ? 'b' : 'p';
    if (!(await this.mknod(temp, type, header.devmajor, header.devminor, header.mode, false))) return;
    const path = this.abs(rel);
    renameSync(temp, path);
    this.kinds.set(rel, 'node');
    this.chown(() => lchownSync(path, header.uid, header.gid), rel);
    chmodSync(path, header.mode);
    lutimesSync(path, header.mtime, header.mtime);
    this.queueXattrs(rel, header);
  }

  private applyHardlink(rel: string, header: TarHeader): void {
    const targetParts = cleanParts(header.linkname);
    if (!targetParts || targetParts.length === 0) throw this.unsafe('hard link target has a ".." component or is empty', header.name);
    const target = targetParts.join('/');
    if (target === rel) return; // a link to itself: nothing to do
    const kind = this.kinds.get(target);
    if (kind === 'dir') throw this.invalid('hard link to a directory', header.name);
    if (kind === 'whiteout') throw this.invalid('hard link to a whiteout', header.name);
    if (kind !== undefined) {
      this.removeExisting(rel);
      linkSync(this.abs(target), this.abs(rel));
      this.kinds.set(rel, kind);
      return;
    }
    const lower = this.findInLower(targetParts);
    if (!lower) throw this.unsafe('hard link target is neither in this layer nor in a lower one', header.name);
    this.removeExisting(rel);
    const path = this.abs(rel);
    if (lower.stat.isSymbolicLink()) {
      symlinkSync(readlinkSync(lower.path), path);
      this.kinds.set(rel, 'symlink');
    } else {
      copyFileSync(lower.path, path, constants.COPYFILE_EXCL);
      this.kinds.set(rel, 'file');
      this.size += lower.stat.size;
    }
    this.chown(() => lchownSync(path, lower.stat.uid, lower.stat.gid), rel);
    if (!lower.stat.isSymbolicLink()) chmodSync(path, lower.stat.mode & 0o7777);
    lutimesSync(path, lower.stat.mtime, lower.stat.mtime);
  }

  /**
   * Finds a regular file or symlink at `parts` in the lower layers, topmost first, with lstat on
   * every component: a symlink in the chain refuses the lookup, a whiteout (char 0:0) or a
   * non-directory on the way ends it (the upper entry hides everything below).
   */
  private findInLower(parts: string[]): { path: Buffer; stat: Stats } | undefined {
    for (const dir of this.options.lowerDirs ?? []) {
      let path = Buffer.from(dir);
      let found: { path: Buffer; stat: Stats } | undefined;
      let hidden = false;
      for (let i = 0; i < parts.length; i++) {
        path = Buffer.concat([path, Buffer.from('/'), Buffer.from(parts[i]!, 'latin1')]);
        const st = lstatSync(path, { throwIfNoEntry: false });
        if (!st) break; // not in this lower layer: look further down
        const last = i === parts.length - 1;
        if (st.isCharacterDevice() && st.rdev === 0) {
          hidden = true; // whited out here
          break;
        }
        if (!last) {
          if (st.isDirectory()) continue;
          hidden = true; // a symlink or file in the way: never resolve through it
          break;
        }
        if (st.isFile() || st.isSymbolicLink()) found = { path, stat: st };
        else hidden = true;
      }
      if (found) return found;
      if (hidden) return undefined;
    }
    return undefined;
  }

  /** Sets xattrs and opaque markers, drops the whiteout template, then fixes directory mtimes. */
  async finish(): Promise<void> {
    for (const dir of this.opaque) this.xattrs.push({ path: dir, name: 'trusted.overlay.opaque', value: Buffer.from('y') });
    // Opaque markers must not fail quietly (they change what the merged view shows): own batch.
    const opaque = this.xattrs.filter((x) => x.name === 'trusted.overlay.opaque');
    const others = this.xattrs.filter((x) => x.name !== 'trusted.overlay.opaque');
    await this.setXattrs(opaque, true);
    await this.setXattrs(others, false);
    if (this.whiteoutTemplate !== undefined) unlinkSync(this.whiteoutTemplate);
    const dirs = [...this.dirTimes].sort((a, b) => b[0].split('/').length - a[0].split('/').length);
    for (const [rel, mtime] of dirs) lutimesSync(this.abs(rel), mtime, mtime);
  }

  private async setXattrs(list: { path: string; name: string; value: Buffer }[], required: boolean): Promise<void> {
    if (list.length === 0) return;
    const parts: Buffer[] = [];
    for (const { path, name, value } of list) {
      const abs = this.abs(path).toString('latin1');
      parts.push(Buffer.from(`# file: ${dumpEscape(abs)}\n${dumpEscape(name)}=0s${value.toString('base64')}\n\n`, 'latin1'));
    }
    const result = await run(this.options.setfattrPath ?? 'setfattr', ['-h', '--restore=-'], Buffer.concat(parts));
    if (result.code === 0) return;
    const why = result.error ? errorMessage(result.error) : result.stderr.trim() || `exit ${result.code}`;
    if (required || result.error) {
      const missing = result.error?.code === 'ENOENT';
      if (required || !missing) {
        throw new ImageError(missing ? 'ToolMissing' : 'UnpackFailed', `setting xattrs failed${missing ? ' (install the "attr" package for setfattr)' : ''}: ${why}`, { cause: result.error });
      }
    }
    this.warnings++;
    this.logger.warn('some xattrs could not be set', { error: why });
  }
}

/**
 * Unpacks the uncompressed layer tar in `tar` into `rootfs`, an existing empty directory that
 * nothing else writes to (the image store unpacks into a private temp dir and renames it into
 * place when this resolves). Throws `UnsafeLayer` for an entry that tries to leave `rootfs`,
 * `InvalidLayer` for a malformed tar, `DigestMismatch` if `expectedDiffID` does not match; the
 * caller discards `rootfs` on any error.
 */
export async function unpackLayer(tar: AsyncIterable<Buffer>, rootfs: string, options: UnpackOptions = {}): Promise<UnpackResult> {
  const logger = options.logger ?? silentLogger;
  const hash = createHash('sha256');
  const counter = { bytes: 0 };
  const writer = new LayerWriter(rootfs, options, logger);
  for await (const entry of readTar(tap(tar, hash, counter))) {
    await writer.apply(entry.header, () => entry.body());
  }
  const diffID = `sha256:${hash.digest('hex')}`;
  if (options.expectedDiffID !== undefined && diffID !== options.expectedDiffID) {
    throw new ImageError('DigestMismatch', `layer content hashes to ${diffID}, expected DiffID ${options.expectedDiffID}`);
  }
  await writer.finish();
  return { diffID, tarSize: counter.bytes, size: writer.size, entries: writer.entries, warnings: writer.warnings };
}
