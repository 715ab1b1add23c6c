/**
 * Mount table reading and the few mount operations the volume manager needs, done by spawning
 * util-linux `mount`/`umount` with argv arrays (never a shell string), as the kubelet's
 * `mount-utils` does.
 * @module
 */
import { spawn } from 'node:child_process';
import { readFile, realpath } from 'node:fs/promises';

/** One line of `/proc/self/mountinfo` (proc(5)). */
export interface MountInfo {
  mountId: number;
  parentId: number;
  /** `major:minor` of the filesystem. */
  device: string;
  /** The path within the filesystem that forms the root of this mount (a bind mount's source). */
  root: string;
  /** Where it is mounted, unescaped. */
  mountPoint: string;
  mountOptions: string;
  fsType: string;
  source: string;
  superOptions: string;
}

/** Undoes the octal escapes (`\040` for a space, `\012`, `\134`…) the kernel writes in mountinfo. */
export function unescapeMountPath(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** Parses the text of `/proc/<pid>/mountinfo`; malformed lines are skipped. */
export function parseMountInfo(text: string): MountInfo[] {
  const out: MountInfo[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const fields = line.split(' ');
    const sep = fields.indexOf('-', 6);
    if (fields.length < 10 || sep < 0 || fields.length < sep + 4) continue;
    out.push({
      mountId: Number(fields[0]),
      parentId: Number(fields[1]),
      device: fields[2]!,
      root: unescapeMountPath(fields[3]!),
      mountPoint: unescapeMountPath(fields[4]!),
      mountOptions: fields[5]!,
      fsType: fields[sep + 1]!,
      source: unescapeMountPath(fields[sep + 2]!),
      superOptions: fields[sep + 3]!,
    });
  }
  return out;
}

/** The current mount table of this process's mount namespace. */
export async function readMountInfo(): Promise<MountInfo[]> {
  return parseMountInfo(await readFile('/proc/self/mountinfo', 'utf8'));
}

/** True when `p` equals `root` or lies below it (both already cleaned/resolved). */
export function isWithin(root: string, p: string): boolean {
  if (root === '/') return p.startsWith('/');
  return p === root || p.startsWith(root + '/');
}

/**
 * The topmost mount at `path` (resolved with realpath), or undefined when `path` is not a mount
 * point. Mounts stacked on the same point: the last one in the table is the visible one.
 */
export async function mountAt(path: string, table?: MountInfo[]): Promise<MountInfo | undefined> {
  let resolved: string;
  try {
    resolved = await realpath(path);
  } catch {
    return undefined;
  }
  const mounts = table ?? (await readMountInfo());
  let found: MountInfo | undefined;
  for (const m of mounts) if (m.mountPoint === resolved) found = m;
  return found;
}

/** Mount points at or below `dir` (resolved), deepest first, for unmounting in order. */
export async function mountsUnder(dir: string, table?: MountInfo[]): Promise<string[]> {
  let resolved: string;
  try {
    resolved = await realpath(dir);
  } catch {
    return [];
  }
  const mounts = table ?? (await readMountInfo());
  const points = mounts.map((m) => m.mountPoint).filter((p) => isWithin(resolved, p));
  // Deepest first; a point mounted twice appears twice (each umount removes one layer).
  return points
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.split('/').length - a.p.split('/').length || b.i - a.i)
    .map((x) => x.p);
}

/** The outcome of a spawned command. */
interface RunResult {
  code: number;
  stderr: string;
}

/**
 * Runs `cmd` with `args` (no shell). `extraFd`, when given, becomes fd 3 of the child: the
 * way an fd-opened path reaches `mount` as `/proc/self/fd/3`.
 */
function run(cmd: string, args: readonly string[], extraFd?: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const stdio: ('ignore' | 'pipe' | number)[] = ['ignore', 'ignore', 'pipe'];
    if (extraFd !== undefined) stdio.push(extraFd);
    const child = spawn(cmd, args, { stdio });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stderr: stderr.trim() }));
  });
}

/** Error of a failed `mount`/`umount`, carrying mount's own message (as mount-utils does). */
function mountFailure(what: string, args: readonly string[], r: RunResult): Error {
  return new Error(`${what} failed: exit status ${r.code}\n${what} arguments: ${args.join(' ')}\nOutput: ${r.stderr}`);
}

/** `mount -t tmpfs [-o size=N] tmpfs <dir>` (emptyDir `setupTmpfs`). */
export async function mountTmpfs(dir: string, sizeBytes?: number): Promise<void> {
  const args = ['-t', 'tmpfs'];
  if (sizeBytes !== undefined && sizeBytes > 0) args.push('-o', `size=${Math.floor(sizeBytes)}`);
  args.push('tmpfs', dir);
  const r = await run('mount', args);
  if (r.code !== 0) throw mountFailure('Mount', args, r);
}

/**
 * Bind-mounts the object open at `fd` onto `target`, through `/proc/self/fd/3` of the `mount`
 * child (the fd is passed as its fd 3). `--no-canonicalize` keeps mount from resolving the
 * magic link back into a path name, which would reopen the race the fd closes (subpath
 * `doBindSubPath` mounts `/proc/<kubelet pid>/fd/<n>` for the same reason).
 */
export async function bindMountFd(fd: number, target: string): Promise<void> {
  const args = ['--no-canonicalize', '--bind', '/proc/self/fd/3', target];
  const r = await run('mount', args, fd);
  if (r.code !== 0) throw mountFailure('Mount', args, r);
}

/** `umount <path>`; with `lazy`, `umount -l` (detach now, clean up when no longer busy). */
export async function unmount(path: string, lazy = false): Promise<void> {
  const args = lazy ? ['-l', path] : [path];
  const r = await run('umount', args);
  if (r.code !== 0) throw mountFailure('Unmount', args, r);
}
