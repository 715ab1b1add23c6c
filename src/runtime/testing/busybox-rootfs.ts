/**
 * A tiny busybox root filesystem for runtime tests, assembled from Debian's `busybox-static`
 * (`apt-get download` + `dpkg-deb -x`) and cached: applet symlinks in /bin, /etc/passwd and
 * /etc/group (root, daemon, nobody), /tmp 1777. The same layout as test/images' busybox image.
 */
import { access, chmod, mkdir, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../process-util.js';

/** Where the rootfs is cached by default (`.cache/` is gitignored). */
export const DEFAULT_BUSYBOX_CACHE = join(process.cwd(), '.cache', 'runtime-test');

/**
 * Returns the path of a busybox rootfs directory, building it on first use; or a reason string
 * (`{ skip }`) when it cannot be built (no apt, no network).
 */
export async function ensureBusyboxRootfs(cacheDir = DEFAULT_BUSYBOX_CACHE): Promise<{ rootfs: string } | { skip: string }> {
  const rootfs = join(cacheDir, 'busybox-rootfs');
  if (await access(join(rootfs, 'bin', 'busybox')).then(() => true, () => false)) return { rootfs };
  const work = join(cacheDir, `build-${process.pid}`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  try {
    const dl = await runCommand('apt-get', ['download', 'busybox-static'], { cwd: work, timeoutMs: 120_000 });
    const deb = (await readdir(work)).find((f) => f.endsWith('.deb'));
    if (!deb) return { skip: `cannot download busybox-static: ${(dl.stderr || dl.stdout).trim()}` };
    const x = await runCommand('dpkg-deb', ['-x', join(work, deb), join(work, 'pkg')]);
    if (x.code !== 0) return { skip: `dpkg-deb failed: ${x.stderr.trim()}` };
    const root = join(work, 'rootfs');
    for (const d of ['bin', 'etc', 'tmp', 'proc', 'sys', 'dev', 'root']) await mkdir(join(root, d), { recursive: true });
    await chmod(join(root, 'tmp'), 0o1777);
    await rename(join(work, 'pkg', 'bin', 'busybox'), join(root, 'bin', 'busybox'));
    const list = await runCommand(join(root, 'bin', 'busybox'), ['--list']);
    for (const applet of list.stdout.split('\n').filter(Boolean)) {
      if (applet !== 'busybox') await symlink('busybox', join(root, 'bin', applet)).catch(() => {});
    }
    await writeFile(join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
    await writeFile(join(root, 'etc', 'group'), 'root:x:0:\ndaemon:x:1:\nnobody:x:65534:\n');
    await rm(rootfs, { recursive: true, force: true });
    await rename(root, rootfs);
    return { rootfs };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
