/**
 * fsGroup ownership (`pkg/volume/volume_linux.go` `SetVolumeOwnership`): every file of the
 * volume gets group `fsGroup`; files gain `g+r` (read-only volumes: configMap, secret,
 * downwardAPI, projected) or `g+rw` (emptyDir), directories also `g+x` and setgid, so that new
 * files inherit the group. Symlinks are re-grouped but never chmod-ed (chmod would follow them).
 * `fsGroupChangePolicy: OnRootMismatch` skips the walk when the root already matches.
 * @module
 */
import { chmod, lchown, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const rwMask = 0o660;
const roMask = 0o440;
const execMask = 0o110;
const setgid = 0o2000;

/** Whether the volume root already has the group and bits a walk would give it. */
async function rootMatches(dir: string, fsGroup: number, readOnly: boolean): Promise<boolean> {
  const st = await lstat(dir);
  const mask = (readOnly ? roMask : rwMask) | execMask | setgid;
  return st.gid === fsGroup && (st.mode & mask) === mask;
}

/**
 * Applies `fsGroup` to the tree at `dir` (not crossing into other filesystems below it).
 * No-op when `fsGroup` is undefined.
 */
export async function setVolumeOwnership(
  dir: string,
  fsGroup: number | undefined,
  options: { readOnly: boolean; changePolicy?: string },
): Promise<void> {
  if (fsGroup === undefined) return;
  if (options.changePolicy === 'OnRootMismatch' && (await rootMatches(dir, fsGroup, options.readOnly))) return;
  const rootDev = (await lstat(dir)).dev;
  const visit = async (path: string): Promise<void> => {
    const st = await lstat(path);
    if (st.dev !== rootDev) return;
    await lchown(path, -1, fsGroup);
    if (st.isSymbolicLink()) return;
    let mask = options.readOnly ? roMask : rwMask;
    if (st.isDirectory()) mask |= setgid | execMask;
    await chmod(path, (st.mode & 0o7777) | mask);
    if (st.isDirectory()) for (const name of await readdir(path)) await visit(join(path, name));
  };
  await visit(dir);
}
