/**
 * cgroup v1 ("hybrid" machines, see docs/environment.md) helpers for the runc runtime: usage for
 * `kubectl top`, OOM-kill detection, and removal of the pod cgroups runc leaves behind.
 * Paths are cgroupfs paths as in `linux.cgroupsPath` (absolute within each hierarchy).
 */
import { mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CpuUsage, LinuxContainerResources, MemoryUsage } from './runtime-service.js';

const CGROUP_ROOT = '/sys/fs/cgroup';

/** Mount points of every cgroup hierarchy (v1 controllers, name=systemd, the unified v2 mount). */
export async function cgroupHierarchies(root = CGROUP_ROOT): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    // Co-mounted controllers appear as symlinks (cpu -> cpu,cpuacct): skip them, the target is listed.
    if (e.isDirectory()) out.push(join(root, e.name));
  }
  return out;
}

async function readNumber(path: string): Promise<number | undefined> {
  try {
    const n = Number((await readFile(path, 'utf8')).trim());
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

async function readKeyed(path: string): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  try {
    for (const line of (await readFile(path, 'utf8')).split('\n')) {
      const [k, v] = line.split(' ');
      if (k && v !== undefined) map.set(k, Number(v));
    }
  } catch {
    // Missing cgroup: empty stats.
  }
  return map;
}

/** CPU and memory usage of one cgroup (hierarchical: includes child cgroups). */
export async function readCgroupUsage(
  cgroupPath: string,
  nowMs: number,
  root = CGROUP_ROOT,
): Promise<{ cpu: CpuUsage; memory: MemoryUsage }> {
  const usage = (await readNumber(join(root, 'cpuacct', cgroupPath, 'cpuacct.usage'))) ?? 0;
  const memDir = join(root, 'memory', cgroupPath);
  const usageBytes = (await readNumber(join(memDir, 'memory.usage_in_bytes'))) ?? 0;
  const stat = await readKeyed(join(memDir, 'memory.stat'));
  const inactiveFile = stat.get('total_inactive_file') ?? stat.get('inactive_file') ?? 0;
  return {
    cpu: { timestampMs: nowMs, usageCoreNanoSeconds: usage },
    memory: {
      timestampMs: nowMs,
      // cAdvisor's working set: usage minus inactive file cache, never negative.
      workingSetBytes: Math.max(0, usageBytes - inactiveFile),
      usageBytes,
      rssBytes: stat.get('total_rss') ?? stat.get('rss') ?? 0,
      pageFaults: stat.get('total_pgfault') ?? stat.get('pgfault') ?? 0,
      majorPageFaults: stat.get('total_pgmajfault') ?? stat.get('pgmajfault') ?? 0,
    },
  };
}

/** True if the kernel's OOM killer killed a process in this memory cgroup (`oom_kill` counter, kernel ≥ 4.13). */
export async function cgroupOomKilled(cgroupPath: string, root = CGROUP_ROOT): Promise<boolean> {
  const ctl = await readKeyed(join(root, 'memory', cgroupPath, 'memory.oom_control'));
  return (ctl.get('oom_kill') ?? 0) > 0;
}

/**
 * Removes the cgroup `cgroupPath` (and any empty children) in every hierarchy, then its empty
 * ancestors up to, but not including, `stopAt`. Busy cgroups (with processes) are left alone.
 */
export async function removeCgroup(cgroupPath: string, stopAt: string, root = CGROUP_ROOT): Promise<void> {
  for (const h of await cgroupHierarchies(root)) {
    await removeTree(join(h, cgroupPath));
    let p = cgroupPath;
    for (;;) {
      const parent = p.slice(0, p.lastIndexOf('/'));
      if (!parent || parent === stopAt || !parent.startsWith(stopAt + '/')) break;
      if (!(await rmdir(join(h, parent)).then(() => true, () => false))) break;
      p = parent;
    }
  }
}

/** Removes the runtime's own root cgroup in every hierarchy if it is empty. */
export async function removeCgroupRoot(cgroupRoot: string, root = CGROUP_ROOT): Promise<void> {
  for (const h of await cgroupHierarchies(root)) await rmdir(join(h, cgroupRoot)).catch(() => {});
}

async function removeTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return;
  for (const e of entries) if (e.isDirectory()) await removeTree(join(dir, e.name));
  await rmdir(dir).catch(() => {});
}

/** Validates a relative cgroup parent (`kubepods/burstable/pod123`): no `..`, no empty segments. */
export function isValidRelativeCgroup(path: string): boolean {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  if (!trimmed) return false;
  return trimmed.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && /^[A-Za-z0-9_.:@+-]+$/.test(s));
}

/**
 * Creates the cgroup `cgroupPath` in the cpu, memory and pids hierarchies and writes its limits
 * (the pod cgroup, before any container joins it). Absent values leave the kernel's defaults.
 */
export async function applyCgroupLimits(cgroupPath: string, res: LinuxContainerResources, root = CGROUP_ROOT): Promise<void> {
  const write = async (controller: string, file: string, value: number | string | undefined) => {
    if (value === undefined) return;
    const dir = join(root, controller, cgroupPath);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, file), String(value));
  };
  await write('cpu', 'cpu.shares', res.cpuShares);
  await write('cpu', 'cpu.cfs_period_us', res.cpuQuota !== undefined ? (res.cpuPeriod ?? 100_000) : undefined);
  await write('cpu', 'cpu.cfs_quota_us', res.cpuQuota);
  await write('memory', 'memory.limit_in_bytes', res.memoryLimitInBytes);
  await write('pids', 'pids.max', res.pidsLimit);
}
