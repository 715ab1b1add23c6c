/**
 * The node agent's volume manager (issue #4): sets up a pod's volumes on disk before its
 * containers start and tears them down when the pod is gone, the way the kubelet's volume
 * plugins do (`pkg/volume/{emptydir,configmap,secret,downwardapi,projected,hostpath}`).
 *
 * `setUpPod` is called on every sync and is idempotent: an emptyDir keeps its data (a ready
 * marker records that it was set up), while configMap, secret, downwardAPI and projected
 * contents follow their source objects through the {@link AtomicWriter}, so running containers
 * see an update atomically through the `..data` symlink. (A subPath mount of such a volume
 * binds the file itself and does not see updates, exactly as in Kubernetes.)
 *
 * All state is on disk, so a new instance after a daemon restart finds emptyDir data, tmpfs and
 * subPath mounts (from `/proc/self/mountinfo`) and tears them down like the first one would.
 * @module
 */
import { lstat, mkdir, readdir, readlink, rm, rmdir, stat, unlink, writeFile, chmod } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import type { ConfigMap, Container, Pod, Quantity, Secret, Volume } from '../../apis/index.js';
import { parseQuantity, toValue, tryParseQuantity } from '../../apis/index.js';
import type { Clock, Logger } from '../../base/index.js';
import { errorMessage } from '../../base/index.js';
import { goQuote } from '../../apis/index.js';
import { AtomicWriter, dataDirName, type Payload } from './atomic-writer.js';
import { VolumeError, type VolumeFailure } from './errors.js';
import { setUpHostPath } from './host-path.js';
import { mountAt, mountTmpfs, mountsUnder, unmount } from './mount-util.js';
import { setVolumeOwnership } from './ownership.js';
import { podDirOf, podPluginDir, podVolumeDir, VolumePluginDirs, type VolumePluginDir } from './paths.js';
import { configMapPayload, defaultVolumeFileMode, downwardAPIPayload, projectedPayload, secretPayload } from './payload.js';
import { safeMakeDir } from './safe-path.js';

/** The volume sources Podyard sets up. */
export type VolumeKind = 'emptyDir' | 'configMap' | 'secret' | 'downwardAPI' | 'projected' | 'hostPath';

/** One set-up volume of a pod. */
export interface MountedVolume {
  name: string;
  kind: VolumeKind;
  /** The host path containers bind-mount (for hostPath, the path as written in the spec). */
  hostPath: string;
  /**
   * The plugin's `ReadOnly` attribute: configMap, secret, downwardAPI and projected volumes are
   * always mounted read-only, whatever the volumeMount says (kubelet since CVE-2017-1002102).
   */
  readOnly: boolean;
  /** Backed by a tmpfs (emptyDir `medium: Memory`, secret, projected). */
  memoryBacked: boolean;
}

/** What {@link VolumeManager.setUpPod} returns, and what {@link makeMounts} consumes. */
export interface PodVolumes {
  podUid: string;
  /** `<podsDir>/<uid>`. */
  podDir: string;
  /** By volume name. */
  volumes: Record<string, MountedVolume>;
  /**
   * Volumes that were set up before but failed to refresh on this call (their source object
   * is gone or unreadable): they keep their previous content and stay usable, as in the
   * kubelet, where a remount failure does not unmount a mounted volume. Each is FailedMount
   * event material.
   */
  warnings: VolumeFailure[];
}

/** What {@link VolumeManager.setUpPod} reads besides the pod. */
export interface VolumeLookups {
  /** The ConfigMap, or undefined when it does not exist (other failures throw). */
  getConfigMap(namespace: string, name: string): Promise<ConfigMap | undefined>;
  /** The Secret, or undefined when it does not exist (other failures throw). */
  getSecret(namespace: string, name: string): Promise<Secret | undefined>;
  nodeName: string;
  /** The pod's IPs (not used by any volume kind today; accepted for the downward API's sake). */
  podIPs?: string[];
}

/** Constructor dependencies. */
export interface VolumeManagerDeps {
  logger: Logger;
  clock: Clock;
}

/** Constructor configuration. */
export interface VolumeManagerConfig {
  /** `<dataDir>/pods`. */
  podsDir: string;
  /**
   * The node's allocatable resources (`{ cpu: '2', memory: '8Gi' }`): the limits that unset
   * container limits stand for in downwardAPI `resourceFieldRef` files, and the size bound of
   * memory-backed volumes. Default memory: the machine's total RAM (`os.totalmem()`).
   */
  nodeAllocatable?: Readonly<Record<string, string | number>>;
}

/** The kind of a volume; a volume with no source is an emptyDir (API defaulting does the same). */
export function volumeKindOf(v: Volume): VolumeKind | { unsupported: string } {
  if (v.emptyDir) return 'emptyDir';
  if (v.configMap) return 'configMap';
  if (v.secret) return 'secret';
  if (v.downwardAPI) return 'downwardAPI';
  if (v.projected) return 'projected';
  if (v.hostPath) return 'hostPath';
  const other = Object.keys(v).find((k) => k !== 'name' && (v as unknown as Record<string, unknown>)[k] != null);
  return other ? { unsupported: other } : 'emptyDir';
}

/** A UID usable as a directory name under podsDir (UIDs are server-generated, but never trust a path). */
function isPathSafeUid(uid: string | undefined): uid is string {
  return !!uid && !uid.includes('/') && uid !== '.' && uid !== '..';
}

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

function quantityBytes(q: Quantity | undefined): number | undefined {
  const parsed = q === undefined ? undefined : tryParseQuantity(q);
  return parsed ? toValue(parsed) : undefined;
}

/**
 * The pod's memory limit as the pod cgroup would get it (cm `ResourceConfigForPod`): only when
 * every container declares one; app containers and sidecars add up, a plain init container
 * counts alone.
 */
export function podMemoryLimitBytes(pod: Pod): number | undefined {
  const all: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  if (!all.length) return undefined;
  const limit = (c: Container) => quantityBytes(c.resources?.limits?.memory) ?? 0;
  if (all.some((c) => limit(c) <= 0)) return undefined;
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  const sum = [...(pod.spec?.containers ?? []), ...sidecars].reduce((n, c) => n + limit(c), 0);
  const maxInit = Math.max(0, ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy !== 'Always').map(limit));
  return Math.max(sum, maxInit);
}

/**
 * emptydir `calculateEmptyDirMemorySize`: the size of a memory-backed volume's tmpfs is the
 * node's allocatable memory, lowered to the pod's memory limit and then to the volume's
 * `sizeLimit` when those are positive and smaller.
 */
export function memoryVolumeSizeBytes(pod: Pod, sizeLimit: Quantity | undefined, nodeAllocatableMemoryBytes: number): number {
  let size = nodeAllocatableMemoryBytes;
  const podLimit = podMemoryLimitBytes(pod);
  if (podLimit !== undefined && podLimit > 0 && podLimit <= size) size = podLimit;
  const volumeLimit = quantityBytes(sizeLimit);
  if (volumeLimit !== undefined && volumeLimit > 0 && volumeLimit <= size) size = volumeLimit;
  return size;
}

/**
 * nested_volumes `getNestedMountpoints`: the mount paths of other volumes that lie under a
 * mount path of volume `name` in some container, relative to it (only the first level). A
 * read-only volume cannot have mountpoints created in it later, so they are made at set-up.
 */
export function nestedMountpoints(name: string, pod: Pod): string[] {
  const out: string[] = [];
  const clean = (p: string) => {
    const c = p.replace(/\/+/g, '/');
    return c.length > 1 && c.endsWith('/') ? c.slice(0, -1) : c;
  };
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    const all = (c.volumeMounts ?? []).map((m) => clean(m.mountPath)).sort();
    for (const mine of (c.volumeMounts ?? []).filter((m) => m.name === name).map((m) => clean(m.mountPath))) {
      if (mine.startsWith('../')) throw new Error(`Invalid container mount point ${mine}`);
      const prefix = mine + '/';
      let previous = '';
      for (const mp of all) {
        if (!mp.startsWith(prefix)) continue;
        if (previous && mp.startsWith(previous)) continue;
        previous = mp + '/';
        const rel = mp.slice(prefix.length);
        if (rel.split('/').includes('..')) continue;
        out.push(rel);
      }
    }
  }
  return out;
}

/** Sets up and tears down the volumes of the pods on this node. */
export class VolumeManager {
  private readonly log: Logger;
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Skipped projections already logged (`<uid>/<volume>/<path>`), to warn once per pod. */
  private readonly warned = new Set<string>();
  private readonly allocatableMemoryBytes: number;
  /** Volumes set up successfully since this instance started, by pod UID and volume name. */
  private readonly succeeded = new Map<string, Map<string, MountedVolume>>();

  constructor(
    private readonly deps: VolumeManagerDeps,
    private readonly config: VolumeManagerConfig,
  ) {
    this.log = deps.logger.child({ component: 'volumes' });
    const mem = config.nodeAllocatable?.memory;
    this.allocatableMemoryBytes = mem !== undefined ? toValue(parseQuantity(mem)) : totalmem();
  }

  /** Runs `fn` after any other operation on the same pod (set-up and teardown never interleave). */
  private async withPodLock<T>(uid: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(uid) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.locks.set(uid, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(uid) === tail) this.locks.delete(uid);
    }
  }

  /** `<podsDir>/<uid>`. */
  podDir(podUid: string): string {
    return podDirOf(this.config.podsDir, podUid);
  }

  /**
   * Sets up every volume of `pod` (creating, or refreshing what follows an API object) and
   * returns where each is on the host. Volumes are independent: all are attempted; if some
   * that were never set up fail, throws a `FailedMount` {@link VolumeError} listing each with
   * the kubelet's event message (`MountVolume.SetUp failed for volume "x" : configmap "y" not
   * found`), and the caller keeps the pod in ContainerCreating and retries.
   */
  async setUpPod(pod: Pod, lookups: VolumeLookups): Promise<PodVolumes> {
    const uid = pod.metadata.uid;
    if (!isPathSafeUid(uid)) throw new VolumeError('FailedMount', `invalid pod UID ${goQuote(uid ?? '')}`);
    return this.withPodLock(uid, async () => {
      const podDir = this.podDir(uid);
      await mkdir(podDir, { recursive: true, mode: 0o750 });
      const volumes: Record<string, MountedVolume> = {};
      const failures: VolumeFailure[] = [];
      const warnings: VolumeFailure[] = [];
      for (const vol of pod.spec?.volumes ?? []) {
        if (volumes[vol.name]) continue;
        const kind = volumeKindOf(vol);
        try {
          if (typeof kind !== 'string') throw new Error(`volume type ${kind.unsupported} is not supported by Podyard`);
          const mounted = await this.setUpVolume(pod, podDir, vol, kind, lookups);
          volumes[vol.name] = mounted;
          let done = this.succeeded.get(uid);
          if (!done) this.succeeded.set(uid, (done = new Map<string, MountedVolume>()));
          done.set(vol.name, mounted);
        } catch (err) {
          const failure = { volume: vol.name, message: `MountVolume.SetUp failed for volume ${goQuote(vol.name)} : ${errorMessage(err)}` };
          const previous = typeof kind === 'string' ? await this.previouslySetUp(pod, podDir, vol, kind) : undefined;
          this.log.warn(failure.message, { pod: `${pod.metadata.namespace}/${pod.metadata.name}`, volume: vol.name, kept: previous !== undefined });
          if (previous) {
            volumes[vol.name] = previous;
            warnings.push(failure);
          } else {
            failures.push(failure);
          }
        }
      }
      if (failures.length) {
        throw new VolumeError('FailedMount', failures.map((f) => f.message).join('; '), { failures });
      }
      return { podUid: uid, podDir, volumes, warnings };
    });
  }

  /**
   * The volume as an earlier successful set-up left it, or undefined: remembered by this
   * instance, or (after a restart) found on disk for the kinds whose content has a `..data`.
   */
  private async previouslySetUp(pod: Pod, podDir: string, vol: Volume, kind: VolumeKind): Promise<MountedVolume | undefined> {
    const remembered = this.succeeded.get(pod.metadata.uid ?? '')?.get(vol.name);
    if (remembered?.kind === kind) return remembered;
    const atomic: Partial<Record<VolumeKind, VolumePluginDir>> = {
      configMap: VolumePluginDirs.configMap,
      secret: VolumePluginDirs.secret,
      downwardAPI: VolumePluginDirs.downwardAPI,
      projected: VolumePluginDirs.projected,
    };
    const plugin = atomic[kind];
    if (!plugin) return undefined;
    const dir = podVolumeDir(podDir, plugin, vol.name);
    const hasData = await readlink(join(dir, dataDirName)).then(
      () => true,
      () => false,
    );
    if (!hasData) return undefined;
    return { name: vol.name, kind, hostPath: dir, readOnly: true, memoryBacked: kind === 'secret' || kind === 'projected' };
  }

  private async setUpVolume(pod: Pod, podDir: string, vol: Volume, kind: VolumeKind, lookups: VolumeLookups): Promise<MountedVolume> {
    const namespace = pod.metadata.namespace ?? '';
    const result = (hostPath: string, readOnly: boolean, memoryBacked: boolean): MountedVolume => ({ name: vol.name, kind, hostPath, readOnly, memoryBacked });
    switch (kind) {
      case 'emptyDir': {
        const dir = podVolumeDir(podDir, VolumePluginDirs.emptyDir, vol.name);
        const medium = vol.emptyDir?.medium ?? '';
        await this.setUpEmptyDir(pod, dir, podPluginDir(podDir, VolumePluginDirs.emptyDir, vol.name), medium, vol.emptyDir?.sizeLimit, true);
        return result(dir, false, medium === 'Memory');
      }
      case 'hostPath':
        return result(await setUpHostPath(vol.hostPath!), false, false);
      case 'configMap': {
        const source = vol.configMap!;
        const optional = source.optional === true;
        const name = source.name ?? '';
        let configMap = await lookups.getConfigMap(namespace, name);
        if (!configMap) {
          if (!optional) throw new Error(`configmap ${goQuote(name)} not found`);
          configMap = { metadata: { namespace, name } };
        }
        const payload = configMapPayload(source.items, configMap, source.defaultMode ?? defaultVolumeFileMode, optional);
        const dir = podVolumeDir(podDir, VolumePluginDirs.configMap, vol.name);
        await this.writeProjected(pod, podDir, vol.name, dir, '', payload);
        return result(dir, true, false);
      }
      case 'secret': {
        const source = vol.secret!;
        const optional = source.optional === true;
        const name = source.secretName ?? '';
        let secret = await lookups.getSecret(namespace, name);
        if (!secret) {
          if (!optional) throw new Error(`secret ${goQuote(name)} not found`);
          secret = { metadata: { namespace, name } };
        }
        const payload = secretPayload(source.items, secret, source.defaultMode ?? defaultVolumeFileMode, optional);
        const dir = podVolumeDir(podDir, VolumePluginDirs.secret, vol.name);
        await this.writeProjected(pod, podDir, vol.name, dir, 'Memory', payload);
        return result(dir, true, true);
      }
      case 'downwardAPI': {
        const source = vol.downwardAPI!;
        const payload = downwardAPIPayload(source.items, pod, source.defaultMode ?? defaultVolumeFileMode, this.config.nodeAllocatable);
        const dir = podVolumeDir(podDir, VolumePluginDirs.downwardAPI, vol.name);
        await this.writeProjected(pod, podDir, vol.name, dir, '', payload);
        return result(dir, true, false);
      }
      case 'projected': {
        const { payload, skipped } = await projectedPayload(vol.projected!, pod, lookups, this.config.nodeAllocatable);
        for (const s of skipped) {
          const key = `${pod.metadata.uid}/${vol.name}/${s.path}`;
          if (this.warned.has(key)) continue;
          this.warned.add(key);
          this.log.warn('projected volume source skipped', { pod: `${namespace}/${pod.metadata.name}`, volume: vol.name, path: s.path, reason: s.reason });
        }
        const dir = podVolumeDir(podDir, VolumePluginDirs.projected, vol.name);
        await this.writeProjected(pod, podDir, vol.name, dir, 'Memory', payload);
        return result(dir, true, true);
      }
    }
  }

  /**
   * The common tail of configMap, secret, downwardAPI and projected set-up: the wrapped
   * emptyDir (a tmpfs for `Memory`), nested mountpoints, the atomic write with fsGroup
   * ownership applied to the new data.
   */
  private async writeProjected(pod: Pod, podDir: string, name: string, dir: string, medium: string, payload: Payload): Promise<void> {
    await this.setUpEmptyDir(pod, dir, podPluginDir(podDir, VolumePluginDirs.emptyDir, `wrapped_${name}`), medium, undefined, false);
    for (const rel of nestedMountpoints(name, pod)) {
      try {
        await safeMakeDir(rel, dir, 0o755);
      } catch (err) {
        throw new Error(`Unable to create nested volume mountpoints: ${errorMessage(err)}`, { cause: err });
      }
    }
    const sc = pod.spec?.securityContext;
    const writer = new AtomicWriter(dir, { clock: this.deps.clock, logger: this.log.child({ volume: name }) });
    await writer.write(
      payload,
      sc?.fsGroup !== undefined ? () => setVolumeOwnership(dir, sc.fsGroup, { readOnly: true, changePolicy: sc.fsGroupChangePolicy }) : undefined,
    );
  }

  /**
   * emptydir `SetUpAt`: a directory (mode 0777, as upstream) or, for `Memory`, a tmpfs sized by
   * {@link memoryVolumeSizeBytes}. A ready marker under `plugins/` makes it idempotent: once
   * set up, a directory that still exists (or a tmpfs still mounted) is left alone, data and all.
   */
  private async setUpEmptyDir(pod: Pod, dir: string, metaDir: string, medium: string, sizeLimit: Quantity | undefined, ownership: boolean): Promise<void> {
    const ready = join(metaDir, 'ready');
    if (await exists(ready)) {
      if (medium === 'Memory' && (await mountAt(dir))?.fsType === 'tmpfs') return;
      if (medium === '' && (await exists(dir))) return;
      this.log.warn('volume ready file exists, but the volume does not; setting it up again', { dir });
      await rm(ready, { force: true });
    }
    if (medium !== '' && medium !== 'Memory') throw new Error(`unknown storage medium ${goQuote(medium)}`);
    await mkdir(dir, { recursive: true, mode: 0o777 });
    if (((await stat(dir)).mode & 0o777) !== 0o777) await chmod(dir, 0o777);
    if (medium === 'Memory' && (await mountAt(dir))?.fsType !== 'tmpfs') {
      await mountTmpfs(dir, memoryVolumeSizeBytes(pod, sizeLimit, this.allocatableMemoryBytes));
    }
    const sc = pod.spec?.securityContext;
    if (ownership && sc?.fsGroup !== undefined) {
      // As upstream, ownership failures are logged, not fatal.
      await setVolumeOwnership(dir, sc.fsGroup, { readOnly: false, changePolicy: sc.fsGroupChangePolicy }).catch((err: unknown) =>
        this.log.warn('could not apply fsGroup to emptyDir', { dir, err }),
      );
    }
    await mkdir(metaDir, { recursive: true, mode: 0o750 });
    await writeFile(ready, '');
  }

  /**
   * Bytes used by an emptyDir on disk (like `du -x`, the kubelet's `MetricsDu`), for an
   * eviction check against `sizeLimit`; undefined when the volume does not exist. The volume
   * manager does not enforce `sizeLimit` on disk-backed emptyDirs itself (in Kubernetes that is
   * the eviction manager's job); memory-backed ones are bounded by their tmpfs size.
   */
  async usageBytes(podUid: string, volumeName: string): Promise<number | undefined> {
    const dir = podVolumeDir(this.podDir(podUid), VolumePluginDirs.emptyDir, volumeName);
    let root;
    try {
      root = await lstat(dir);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    let total = 0;
    const visit = async (path: string): Promise<void> => {
      const st = await lstat(path).catch(() => undefined);
      if (!st || st.dev !== root.dev) return;
      total += st.blocks * 512;
      if (st.isDirectory()) for (const name of await readdir(path).catch(() => [])) await visit(join(path, name));
    };
    await visit(dir);
    return total;
  }

  /**
   * Unmounts everything under the pod directory (tmpfs volumes, subPath binds; found in
   * `/proc/self/mountinfo`, so it works after a restart) and removes the directory. Idempotent.
   * If a mount cannot be removed the directory is kept (deleting through a mount could destroy
   * data outside the pod) and a `FailedUnmount` {@link VolumeError} is thrown.
   */
  async tearDownPod(podUid: string): Promise<void> {
    if (!isPathSafeUid(podUid)) throw new VolumeError('FailedUnmount', `invalid pod UID ${goQuote(podUid)}`);
    await this.withPodLock(podUid, async () => {
      const podDir = this.podDir(podUid);
      if (!(await exists(podDir))) return;
      for (let round = 0; round < 3; round++) {
        const points = await mountsUnder(podDir);
        if (!points.length) break;
        for (const p of points) {
          try {
            await unmount(p);
          } catch (err) {
            this.log.warn('unmount failed; detaching lazily', { path: p, err: errorMessage(err) });
            await unmount(p, true).catch((e: unknown) => this.log.error('lazy unmount failed', { path: p, err: errorMessage(e) }));
          }
        }
      }
      const left = await mountsUnder(podDir);
      if (left.length) {
        throw new VolumeError('FailedUnmount', `could not unmount ${left.join(', ')}; keeping ${podDir}`);
      }
      await removeAllOneFilesystem(podDir);
      for (const key of [...this.warned]) if (key.startsWith(`${podUid}/`)) this.warned.delete(key);
      this.succeeded.delete(podUid);
    });
  }

  /** The UIDs of pods with a directory under `podsDir` (kubelet `listPodsFromDisk`), for orphan cleanup. */
  async listPodDirs(): Promise<string[]> {
    try {
      const entries = await readdir(this.config.podsDir, { withFileTypes: true });
      return entries.filter((e) => e.isDirectory()).map((e) => e.name);
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }
}

/** `rm -rf --one-file-system`: refuses to descend into anything mounted below `dir`. */
async function removeAllOneFilesystem(dir: string): Promise<void> {
  const rootDev = (await lstat(dir)).dev;
  const remove = async (path: string): Promise<void> => {
    const st = await lstat(path).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    if (!st) return;
    if (st.dev !== rootDev) throw new VolumeError('FailedUnmount', `refusing to remove ${path}: it is on another filesystem`);
    if (st.isDirectory()) {
      for (const name of await readdir(path)) await remove(join(path, name));
      await rmdir(path);
    } else {
      await unlink(path);
    }
  };
  await remove(dir);
}
