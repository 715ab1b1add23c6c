/**
 * The kubelet's AtomicWriter (`pkg/volume/util/atomic_writer.go`): projects a set of files into
 * a volume directory so that every update is atomic for readers.
 *
 * The files live in a hidden timestamped directory; `..data` is a symlink to it; every
 * user-visible top-level name is a symlink through `..data`:
 *
 * ```
 * <target>/..2026_11_24_15_20_00.123456/key      the real files (mode from the payload)
 * <target>/..data -> ..2026_11_24_15_20_00.123456
 * <target>/key -> ..data/key
 * ```
 *
 * An update writes a new timestamped directory, points `..data_tmp` at it and renames
 * `..data_tmp` over `..data` (rename(2) is atomic), so a reader opening `key` sees either the
 * whole old payload or the whole new one, never a mix. Paths starting with `..` are reserved.
 * Not safe for concurrent writers on one directory: callers serialize (the kubelet does too).
 * @module
 */
import { chmod, lstat, mkdir, mkdtemp, readFile, readdir, readlink, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Clock, Logger } from '../../base/index.js';

/** One file of a payload: its bytes and its permission bits. */
export interface FileProjection {
  data: Buffer;
  /** Permission bits (`0o644`); applied with chmod, so the umask does not matter. */
  mode: number;
}

/** Relative path → file. */
export type Payload = Map<string, FileProjection>;

const maxFileNameLength = 255;
const maxPathLength = 4096;
/** The symlink that names the current data directory. */
export const dataDirName = '..data';
const newDataDirName = '..data_tmp';

/**
 * atomic_writer `validatePath`, with the kubelet's messages: not empty, relative, no `..`
 * element, not starting with `..`, names ≤ 255 and paths ≤ 4096 characters.
 */
export function validatePayloadPath(targetPath: string): void {
  if (targetPath === '') throw new Error(`invalid path: must not be empty: ""`);
  if (posix.isAbsolute(targetPath)) throw new Error(`invalid path: must be relative path: ${targetPath}`);
  if (targetPath.length > maxPathLength) throw new Error(`invalid path: must be less than or equal to ${maxPathLength} characters`);
  const items = targetPath.split('/');
  for (const item of items) {
    if (item === '..') throw new Error(`invalid path: must not contain '..': ${targetPath}`);
    if (item.length > maxFileNameLength) throw new Error(`invalid path: filenames must be less than or equal to ${maxFileNameLength} characters`);
  }
  if (items[0]!.startsWith('..') && items[0]!.length > 2) throw new Error(`invalid path: must not start with '..': ${targetPath}`);
}

/** Go's `path.Clean` for a relative path (no trailing slash, no `.`/empty elements). */
function cleanRelative(p: string): string {
  const c = posix.normalize(p);
  return c.endsWith('/') && c.length > 1 ? c.slice(0, -1) : c;
}

/** `..2006_01_02_15_04_05.` in UTC, the prefix of a timestamped data directory. */
function timestampPrefix(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `..${d.getUTCFullYear()}_${p(d.getUTCMonth() + 1)}_${p(d.getUTCDate())}_${p(d.getUTCHours())}_${p(d.getUTCMinutes())}_${p(d.getUTCSeconds())}.`;
}

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Writes payloads into one target directory with the `..data` scheme. */
export class AtomicWriter {
  constructor(
    private readonly targetDir: string,
    private readonly deps: { clock: Clock; logger: Logger },
  ) {}

  /**
   * Projects `payload` into the target directory (atomic_writer `Write`). Returns whether
   * anything changed on disk. Steps, as numbered in the kubelet:
   *
   *  1. validate and clean the payload paths;
   *  2. read `..data` to find the current timestamped directory;
   *  3. walk it for paths that the new payload no longer has;
   *  4. compare contents; stop here when nothing changed;
   *  5. create a new timestamped directory (0755);
   *  6. write the payload into it (modes applied with chmod);
   *  7. `setPerms` (fsGroup ownership) on the volume;
   *  8. point `..data_tmp` at the new directory;
   *  9. rename `..data_tmp` over `..data` (the atomic switch);
   * 10. remove the previous timestamped directory;
   * 11. create the user-visible symlinks of new top-level names;
   * 12. remove user-visible names that are gone.
   */
  async write(payload: Payload, setPerms?: (tsDirName: string) => Promise<void>): Promise<boolean> {
    // 1.
    const clean: Payload = new Map();
    for (const [p, f] of payload) {
      validatePayloadPath(p);
      clean.set(cleanRelative(p), f);
    }
    // 2.
    const dataDirPath = posix.join(this.targetDir, dataDirName);
    let oldTsDir = '';
    try {
      oldTsDir = await readlink(dataDirPath);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const oldTsPath = oldTsDir ? posix.join(this.targetDir, oldTsDir) : '';
    let pathsToRemove = new Set<string>();
    let shouldWrite = true;
    if (oldTsDir) {
      // 3.
      pathsToRemove = await this.pathsToRemove(clean, oldTsPath);
      // 4.
      shouldWrite = pathsToRemove.size > 0 || (await this.payloadDiffers(clean, oldTsPath));
    }
    if (shouldWrite) {
      // 5.
      const tsDir = await mkdtemp(posix.join(this.targetDir, timestampPrefix(this.deps.clock.now())));
      const tsDirName = posix.basename(tsDir);
      try {
        await chmod(tsDir, 0o755);
        // 6.
        await this.writePayloadToDir(clean, tsDir);
        // 7.
        if (setPerms) await setPerms(tsDirName);
        // 8.
        const newDataDirPath = posix.join(this.targetDir, newDataDirName);
        await rm(newDataDirPath, { force: true });
        await symlink(tsDirName, newDataDirPath);
        // 9.
        try {
          await rename(newDataDirPath, dataDirPath);
        } catch (err) {
          await rm(newDataDirPath, { force: true });
          throw err;
        }
      } catch (err) {
        await rm(tsDir, { recursive: true, force: true });
        throw err;
      }
      // 10.
      if (oldTsPath && oldTsDir !== tsDirName) await rm(oldTsPath, { recursive: true, force: true });
    }
    // 11.
    await this.createUserVisibleFiles(clean);
    // 12.
    await this.removeUserVisiblePaths(pathsToRemove);
    return shouldWrite;
  }

  /** The paths of the old data directory that no file of the payload (or its parents) covers. */
  private async pathsToRemove(payload: Payload, oldTsPath: string): Promise<Set<string>> {
    const current = new Set<string>();
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
      for (const e of entries) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        current.add(r);
        if (e.isDirectory()) await walk(posix.join(dir, e.name), r);
      }
    };
    await walk(oldTsPath, '');
    const wanted = new Set<string>();
    for (const file of payload.keys()) {
      for (let sub = file; sub !== '' && sub !== '.'; sub = posix.dirname(sub) === '.' ? '' : posix.dirname(sub)) wanted.add(sub);
    }
    return new Set([...current].filter((p) => !wanted.has(p)));
  }

  /** atomic_writer `shouldWritePayload`: any file missing or with other bytes (modes are not compared, as upstream). */
  private async payloadDiffers(payload: Payload, oldTsPath: string): Promise<boolean> {
    for (const [p, f] of payload) {
      let onDisk: Buffer;
      try {
        onDisk = await readFile(posix.join(oldTsPath, p));
      } catch (err) {
        if (isNotFound(err)) return true;
        throw err;
      }
      if (!onDisk.equals(f.data)) return true;
    }
    return false;
  }

  private async writePayloadToDir(payload: Payload, dir: string): Promise<void> {
    for (const [p, f] of payload) {
      const full = posix.join(dir, p);
      await mkdir(posix.dirname(full), { recursive: true, mode: 0o777 });
      await writeFile(full, f.data, { mode: f.mode, flag: 'wx' });
      // As upstream: chmod so that the umask does not narrow the requested mode.
      await chmod(full, f.mode);
    }
  }

  /** `name -> ..data/name` for each new top-level name of the payload. */
  private async createUserVisibleFiles(payload: Payload): Promise<void> {
    const done = new Set<string>();
    for (const p of payload.keys()) {
      const linkName = p.split('/')[0]!;
      if (done.has(linkName)) continue;
      done.add(linkName);
      const visible = posix.join(this.targetDir, linkName);
      try {
        await lstat(visible);
      } catch (err) {
        if (!isNotFound(err)) throw err;
        await symlink(posix.join(dataDirName, linkName), visible);
      }
    }
  }

  /** Removes gone top-level names (only the root's symlinks; deeper paths went with the old directory). */
  private async removeUserVisiblePaths(paths: Set<string>): Promise<void> {
    let last: Error | undefined;
    for (const p of paths) {
      if (p.includes('/')) continue;
      try {
        await unlink(posix.join(this.targetDir, p));
      } catch (err) {
        if (isNotFound(err)) continue;
        this.deps.logger.error('error pruning old user-visible path', { path: p, err });
        last = err as Error;
      }
    }
    if (last) throw last;
  }
}
