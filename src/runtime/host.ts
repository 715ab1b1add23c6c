/**
 * Host-side helpers of the runc runtime that touch the file system as root: mounts (overlayfs,
 * tmpfs, namespace pins), user lookup inside a container's rootfs without following symlinks
 * out of it, and device nodes.
 */
import { lstat, readdir, readFile, readlink, stat, symlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { runCommand } from './process-util.js';
import type { Device, ImageConfig, LinuxContainerSecurityContext } from './runtime-service.js';
import type { OciDevice } from './oci-spec.js';

/** Paths of the util-linux/iproute2 tools the runtime runs. */
export interface HostTools {
  mountPath: string;
  umountPath: string;
  unsharePath: string;
  nsenterPath: string;
  ipPath: string;
}

async function mustRun(cmd: string, args: string[], cwd?: string): Promise<void> {
  const r = await runCommand(cmd, args, { cwd, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${(r.stderr || r.stdout).trim() || `exit status ${r.code}`}`);
}

/**
 * Mounts an overlay at `target`. Lower directories are reached through short symlinks in
 * `linkDir` (`0`, `1`, …, mounted with that directory as working directory) so that many
 * long layer paths never exceed the one-page limit of mount options (containers/storage does the same).
 */
export async function mountOverlay(tools: HostTools, lowerDirs: readonly string[], upper: string, work: string, target: string, linkDir: string): Promise<void> {
  const names: string[] = [];
  for (const [i, dir] of lowerDirs.entries()) {
    await symlink(dir, join(linkDir, String(i)));
    names.push(String(i));
  }
  await mustRun(tools.mountPath, ['-t', 'overlay', 'overlay', '-o', `lowerdir=${names.join(':')},upperdir=${upper},workdir=${work}`, target], linkDir);
}

/** Mounts a tmpfs (the pod's /dev/shm). */
export async function mountTmpfs(tools: HostTools, target: string, sizeBytes: number): Promise<void> {
  await mustRun(tools.mountPath, ['-t', 'tmpfs', '-o', `nosuid,nodev,noexec,mode=1777,size=${sizeBytes}`, 'shm', target]);
}

/**
 * Creates new namespaces and pins each by a bind mount on the given file (util-linux `unshare
 * --net=FILE`, like `ip netns add`), so they outlive every process in them.
 */
export async function pinNamespaces(tools: HostTools, pins: { net?: string; ipc?: string; uts?: string }): Promise<void> {
  const args: string[] = [];
  if (pins.net) args.push(`--net=${pins.net}`);
  if (pins.ipc) args.push(`--ipc=${pins.ipc}`);
  if (pins.uts) args.push(`--uts=${pins.uts}`);
  if (!args.length) return;
  await mustRun(tools.unsharePath, [...args, 'true']);
  // A new network namespace starts with loopback down; bring it up (CNI's loopback plugin would too).
  if (pins.net) await mustRun(tools.nsenterPath, [`--net=${pins.net}`, tools.ipPath, 'link', 'set', 'lo', 'up']);
}

/** Mount points at or under `dir`, deepest first (from /proc/self/mountinfo). */
export async function mountsUnder(dir: string): Promise<string[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const mp = line.split(' ')[4];
    if (!mp) continue;
    const path = mp.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
    if (path === dir || path.startsWith(dir + '/')) out.push(path);
  }
  return out.sort((a, b) => b.length - a.length);
}

/** Unmounts everything at or under `dir` (lazily if busy); repeated so stacked mounts go too. */
export async function unmountAll(tools: HostTools, dir: string): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const mounts = await mountsUnder(dir);
    if (!mounts.length) return;
    for (const m of mounts) {
      const r = await runCommand(tools.umountPath, [m]);
      if (r.code !== 0) await runCommand(tools.umountPath, ['-l', m]);
    }
  }
}

/**
 * Resolves `path` inside `root` as the container would see it: symlinks (absolute or relative)
 * are followed within `root` and `..` never climbs above it (filepath-securejoin semantics).
 */
export async function secureJoin(root: string, path: string): Promise<string> {
  let remaining = path.split('/').filter(Boolean);
  const resolved: string[] = [];
  let links = 0;
  while (remaining.length) {
    const part = remaining.shift() as string;
    if (part === '.') continue;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const host = join(root, ...resolved, part);
    const st = await lstat(host).catch(() => undefined);
    if (st?.isSymbolicLink()) {
      if (++links > 255) throw new Error(`too many symlinks resolving ${path}`);
      const target = await readlink(host);
      if (target.startsWith('/')) resolved.length = 0;
      remaining = [...target.split('/').filter(Boolean), ...remaining];
      continue;
    }
    resolved.push(part);
  }
  return join(root, ...resolved);
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}

async function readPasswd(rootfs: string): Promise<PasswdEntry[]> {
  const text = await readFile(await secureJoin(rootfs, '/etc/passwd'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 4)
    .map((f) => ({ name: f[0] as string, uid: Number(f[2]), gid: Number(f[3]) }));
}

async function readGroups(rootfs: string): Promise<{ name: string; gid: number; members: string[] }[]> {
  const text = await readFile(await secureJoin(rootfs, '/etc/group'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 3)
    .map((f) => ({ name: f[0] as string, gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
}

const NUMERIC = /^\d+$/;

/**
 * The process user, as containerd computes it: `runAsUser` (gid from the rootfs' /etc/passwd,
 * else 0) or `runAsUsername` or the image's `USER` (`name`, `uid`, `name:group`, `uid:gid`);
 * `runAsGroup` overrides the gid; the user's groups in /etc/group plus `supplementalGroups`
 * become the additional gids.
 */
export async function resolveUser(
  rootfs: string,
  sc: LinuxContainerSecurityContext = {},
  image: ImageConfig = {},
): Promise<{ uid: number; gid: number; additionalGids: number[] }> {
  const passwd = await readPasswd(rootfs);
  const groups = await readGroups(rootfs);
  let uid = 0;
  let gid: number | undefined;
  let username: string | undefined;
  const spec = sc.runAsUser !== undefined ? String(sc.runAsUser) : (sc.runAsUsername ?? image.user ?? '');
  const [userPart = '', groupPart] = spec.split(':');
  if (userPart) {
    const entry = NUMERIC.test(userPart) ? passwd.find((p) => p.uid === Number(userPart)) : passwd.find((p) => p.name === userPart);
    if (!entry && !NUMERIC.test(userPart)) throw new Error(`unable to find user ${userPart}: no matching entries in passwd file`);
    uid = entry?.uid ?? Number(userPart);
    gid = entry?.gid;
    username = entry?.name;
  } else {
    const root = passwd.find((p) => p.uid === 0);
    username = root?.name;
  }
  if (groupPart && sc.runAsUser === undefined) {
    const g = NUMERIC.test(groupPart) ? { gid: Number(groupPart) } : groups.find((x) => x.name === groupPart);
    if (!g) throw new Error(`unable to find group ${groupPart}: no matching entries in group file`);
    gid = g.gid;
  }
  if (sc.runAsGroup !== undefined) gid = sc.runAsGroup;
  const additional = new Set<number>();
  if (username) for (const g of groups) if (g.members.includes(username)) additional.add(g.gid);
  for (const g of sc.supplementalGroups ?? []) additional.add(g);
  return { uid, gid: gid ?? 0, additionalGids: [...additional].sort((a, b) => a - b) };
}

function majorMinor(rdev: bigint): { major: number; minor: number } {
  const major = Number(((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn));
  const minor = Number((rdev & 0xffn) | ((rdev >> 12n) & ~0xffn));
  return { major, minor };
}

/** Resolves CRI devices to OCI device entries (stat of each host node). */
export async function resolveDevices(devices: readonly Device[]): Promise<OciDevice[]> {
  const out: OciDevice[] = [];
  for (const d of devices) {
    const st = await stat(d.hostPath, { bigint: true });
    if (!st.isCharacterDevice() && !st.isBlockDevice()) throw new Error(`${d.hostPath} is not a device node`);
    out.push({
      path: d.containerPath,
      type: st.isCharacterDevice() ? 'c' : 'b',
      ...majorMinor(st.rdev),
      fileMode: Number(st.mode & 0o777n),
      uid: Number(st.uid),
      gid: Number(st.gid),
    });
  }
  return out;
}

/** Every device node of the host's /dev, for privileged containers (containerd's HostDevices, same exclusions). */
export async function hostDevices(dir = '/dev'): Promise<OciDevice[]> {
  const skip = new Set(['pts', 'shm', 'fd', 'mqueue', '.lxc', '.lxd-mounts', '.udev', 'ptmx', 'console']);
  const out: OciDevice[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (skip.has(e.name)) continue;
    const p = posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await hostDevices(p)));
    else if (e.isCharacterDevice() || e.isBlockDevice()) out.push(...(await resolveDevices([{ hostPath: p, containerPath: p }]).catch(() => [])));
  }
  return out;
}
