/**
 * Safe subpaths (`pkg/volume/util/subpath/subpath_linux.go`): a container's `subPath` must never
 * reach outside its volume, neither through `..` (refused earlier by makeMounts) nor through a
 * symlink inside the volume, nor by a race that swaps a directory for a symlink between the
 * check and the mount.
 *
 * Node has no `openat(2)`, so the kubelet's fd walk is done through procfs:
 * `open("/proc/self/fd/<dirfd>/<name>", flags)` resolves `<dirfd>` by its magic link to the very
 * directory that fd holds and then looks `<name>` up inside it, which is `openat(dirfd, name,
 * flags)`. With `O_PATH|O_NOFOLLOW` per component (kubelet `doSafeOpen`) a symlink is never
 * followed; `mkdir("/proc/self/fd/<dirfd>/<name>")` is `mkdirat`. The final fd is bind-mounted
 * through `/proc/self/fd/3` of the `mount` child, so what is mounted is exactly the object that
 * was checked.
 * @module
 */
import { closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync, type Stats } from 'node:fs';
import { lstat, mkdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { bindMountFd, isWithin, mountAt, unmount } from './mount-util.js';

/** Linux `O_PATH` (not in `fs.constants`): an fd that names an object without opening it for I/O. */
const O_PATH = 0o10000000;
const { O_NOFOLLOW, O_DIRECTORY, O_RDONLY } = constants;

/** `openat(dirFd, name, flags)` through procfs; `name` is a single path component. */
function openAt(dirFd: number, name: string, flags: number): number {
  if (name === '' || name === '.' || name === '..' || name.includes('/')) throw new Error(`invalid path component ${JSON.stringify(name)}`);
  return openSync(`/proc/self/fd/${dirFd}/${name}`, flags);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

/** The components of `path` below `base` (both absolute and clean); [] when equal. */
function segmentsBelow(base: string, path: string): string[] {
  const rel = relative(base, path);
  return rel === '' ? [] : rel.split(sep);
}

/**
 * subpath `doSafeOpen`: opens `pathname` (already free of symlinks, e.g. from realpath) one
 * component at a time below `base` with `O_PATH|O_NOFOLLOW`, refusing any symlink met on the
 * way and anything outside `base`. Returns an `O_PATH` fd the caller must close.
 */
export function safeOpen(pathname: string, base: string): number {
  if (!isWithin(base, pathname)) throw new Error(`path ${pathname} is outside of allowed base ${base}`);
  let parent = openSync(base, O_RDONLY | O_NOFOLLOW | O_DIRECTORY);
  let current = base;
  try {
    for (const seg of segmentsBelow(base, pathname)) {
      current = join(current, seg);
      let child: number;
      try {
        child = openAt(parent, seg, O_PATH | O_NOFOLLOW);
      } catch (err) {
        throw new Error(`cannot open ${current}: ${(err as Error).message}`, { cause: err });
      }
      closeSync(parent);
      parent = child;
      if (fstatSync(child).isSymbolicLink()) throw new Error(`unexpected symlink found ${current}`);
    }
    return parent;
  } catch (err) {
    closeQuietly(parent);
    throw err;
  }
}

/**
 * subpath `SafeMakeDir` / `doSafeMakeDir`: creates the missing directories of `subPath` below
 * `volumePath` with mode `perm` (exactly, not narrowed by the umask), never following a symlink
 * out of the volume: the existing prefix is resolved and must stay inside, and each new
 * directory is made with mkdirat on the fd of its verified parent.
 */
export async function safeMakeDir(subPath: string, volumePath: string, perm: number): Promise<void> {
  const base = await realpath(volumePath);
  const segments = subPath.split('/').filter((s) => s !== '' && s !== '.');
  // findExistingPrefix: the deepest existing path (symlinks followed), then what is missing.
  let existing = base;
  let toCreate: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const next = join(existing, segments[i]!);
    try {
      await stat(next);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      // A dangling symlink must not be created through.
      const l = await lstat(next).catch(() => undefined);
      if (l?.isSymbolicLink()) throw new Error(`path ${next} is a dangling symlink`);
      toCreate = segments.slice(i);
      break;
    }
    existing = next;
  }
  const fullExisting = await realpath(existing);
  if (!isWithin(base, fullExisting)) throw new Error(`path ${fullExisting} is outside of allowed base ${base}`);
  let parent = safeOpen(fullExisting, base);
  let current = fullExisting;
  try {
    for (const dir of toCreate) {
      current = join(current, dir);
      try {
        mkdirSync(`/proc/self/fd/${parent}/${dir}`, { mode: perm & 0o777 });
      } catch (err) {
        throw new Error(`cannot create directory ${current}: ${(err as Error).message}`, { cause: err });
      }
      const child = openAt(parent, dir, O_RDONLY | O_NOFOLLOW | O_DIRECTORY);
      closeSync(parent);
      parent = child;
      fchmodSync(child, perm & 0o777);
    }
  } finally {
    closeQuietly(parent);
  }
}

/** Where and what a subPath mount binds (subpath `Subpath`). */
export interface Subpath {
  /** Index of the volumeMount in the container (part of the bind target's path). */
  volumeMountIndex: number;
  /** `<volumePath>/<subPath>`. */
  path: string;
  volumeName: string;
  /** The volume's host path. */
  volumePath: string;
  /** `<podsDir>/<uid>`. */
  podDir: string;
  containerName: string;
}

/** `<podDir>/volume-subpaths/<volume>/<container>/<index>`. */
export function subpathTarget(s: Subpath): string {
  return join(s.podDir, 'volume-subpaths', s.volumeName, s.containerName, String(s.volumeMountIndex));
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * subpath `PrepareSafeSubpath` / `doBindSubPath`: bind-mounts the subpath onto its per-container
 * target and returns the target, which is what the container mounts. Symlinks are resolved
 * once (realpath), the result must lie inside the volume, and the bind source is the fd from
 * {@link safeOpen}. A target already mounted with the same file is reused (container restarts);
 * one mounted with another is unmounted first.
 */
export async function prepareSafeSubpath(s: Subpath): Promise<string> {
  const volumePath = await realpath(s.volumePath);
  const path = await realpath(s.path);
  if (!isWithin(volumePath, path)) throw new Error(`path ${path} is outside of allowed base ${volumePath}`);
  const target = subpathTarget(s);

  // prepareSubpathTarget: reuse or clear an existing mount.
  if (await mountAt(target)) {
    const [want, have] = await Promise.all([lstat(path), lstat(target)]);
    if (sameFile(want, have)) return target;
    await unmount(target);
  }
  await mkdir(dirname(target), { recursive: true, mode: 0o750 });
  const fd = safeOpen(path, volumePath);
  let created = false;
  try {
    const st = fstatSync(fd);
    const existing = await lstat(target).catch(() => undefined);
    if (existing && existing.isDirectory() !== st.isDirectory()) await rm(target, { recursive: true, force: true });
    if (st.isDirectory()) {
      await mkdir(target, { mode: 0o750 }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      });
    } else {
      // A file is enough for any non-directory source: the bind mount changes its type.
      await writeFile(target, '', { mode: 0o640 });
    }
    created = true;
    await bindMountFd(fd, target);
    return target;
  } catch (err) {
    if (created && !(await mountAt(target))) await rm(target, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  } finally {
    closeQuietly(fd);
  }
}
