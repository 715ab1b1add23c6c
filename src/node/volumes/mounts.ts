/**
 * A container's mounts (kubelet `pkg/kubelet/kubelet_pods.go` `makeMounts`, plus the
 * termination-log mount of `kuberuntime_container.go` `makeMounts`): each volumeMount becomes a
 * bind of the volume's host path, with `subPath`/`subPathExpr` resolved safely inside the volume
 * and bind-mounted under `<podDir>/volume-subpaths/…`, `readOnly` forced for the read-only
 * plugins, and `mountPropagation` translated to the CRI's modes. Then the pod's managed
 * `/etc/hosts` (unless the container mounts something there itself) and the termination log.
 *
 * Failures throw a `CreateContainerConfigError` {@link VolumeError} with the kubelet's message,
 * which the node agent reports as the container's waiting reason.
 * @module
 */
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Container, Pod, VolumeMount } from '../../apis/index.js';
import type { Logger } from '../../base/index.js';
import { errorMessage, silentLogger } from '../../base/index.js';
import { goQuote } from '../../apis/index.js';
import { expand } from '../pod-logic/index.js';
import { VolumeError } from './errors.js';
import { validatePathNoBacksteps } from './host-path.js';
import { prepareSafeSubpath, safeMakeDir } from './safe-path.js';
import type { PodVolumes } from './volume-manager.js';

/** A CRI mount (structurally the runtime's `Mount`). */
export interface ContainerMount {
  containerPath: string;
  hostPath: string;
  readonly: boolean;
  /** `PRIVATE` (rprivate), `HOST_TO_CONTAINER` (rslave), `BIDIRECTIONAL` (rshared). */
  propagation: 'PRIVATE' | 'HOST_TO_CONTAINER' | 'BIDIRECTIONAL';
}

/** What {@link makeMounts} needs besides the pod, the container and its volumes. */
export interface MakeMountsContext {
  /** The container's final environment, for `subPathExpr` expansion. */
  env: Readonly<Record<string, string>>;
  /**
   * The pod's managed hosts file ({@link writeEtcHosts}), mounted at `/etc/hosts` unless the
   * container mounts something there. The kubelet mounts it only once the pod has an IP (or
   * uses the host network): leave it out before that.
   */
  hostsFilePath?: string;
  /** The pod's resolv.conf ({@link writeResolvConf}), mounted at `/etc/resolv.conf` unless the container mounts something there. */
  resolvConfPath?: string;
  /** The host file for this container instance's termination message, mounted at `terminationMessagePath`. */
  terminationLogPath?: string;
  /** Where detailed subPath failures are logged (the container only gets the generic message, as upstream). */
  logger?: Logger;
}

/** kubelet `translateMountPropagation`. */
export function translateMountPropagation(mode: string | undefined): ContainerMount['propagation'] {
  switch (mode) {
    case undefined:
    case 'None':
      return 'PRIVATE';
    case 'HostToContainer':
      return 'HOST_TO_CONTAINER';
    case 'Bidirectional':
      return 'BIDIRECTIONAL';
    default:
      throw new Error(`invalid MountPropagation mode: ${goQuote(mode)}`);
  }
}

/**
 * kubecontainer `ExpandContainerVolumeMounts`: `$(VAR)` in `subPathExpr` from the container's
 * environment; an unset or empty variable is an error (`missing value for A, B`).
 */
export function expandSubPathExpr(mount: VolumeMount, env: Readonly<Record<string, string>>): string {
  const missing = new Set<string>();
  const expanded = expand(mount.subPathExpr ?? '', (key) => {
    const value = Object.prototype.hasOwnProperty.call(env, key) ? env[key]! : '';
    if (value === '') missing.add(key);
    return value;
  });
  if (missing.size) throw new Error(`missing value for ${[...missing].sort().join(', ')}`);
  return expanded;
}

/** volumeutil `MakeAbsolutePath` on Linux. */
function makeAbsolute(p: string): string {
  return p.startsWith('/') ? p : posix.normalize('/' + p);
}

/**
 * The mounts of `container` (kubelet `makeMounts`). Creates a missing subPath directory as the
 * kubelet does (mode of the volume root, never outside the volume) and bind-mounts each subPath
 * safely; a subPath that is, or passes through, a symlink leading out of the volume fails with
 * `failed to prepare subPath for volumeMount "x" of container "c"`.
 */
export async function makeMounts(pod: Pod, container: Container, volumes: PodVolumes, ctx: MakeMountsContext): Promise<{ mounts: ContainerMount[] }> {
  const log = (ctx.logger ?? silentLogger).child({ pod: `${pod.metadata.namespace}/${pod.metadata.name}` });
  const fail = (message: string, cause?: unknown) => new VolumeError('CreateContainerConfigError', message, cause === undefined ? undefined : { cause });
  const mounts: ContainerMount[] = [];
  let mountEtcHosts = ctx.hostsFilePath !== undefined;
  let mountResolvConf = ctx.resolvConfPath !== undefined;
  const volumeMounts = container.volumeMounts ?? [];
  for (let i = 0; i < volumeMounts.length; i++) {
    const mount = volumeMounts[i]!;
    if (mount.mountPath === '/etc/hosts') mountEtcHosts = false;
    if (mount.mountPath === '/etc/resolv.conf') mountResolvConf = false;
    const vol = volumes.volumes[mount.name];
    if (!vol) throw fail(`cannot find volume ${goQuote(mount.name)} to mount into container ${goQuote(container.name)}`);

    let subPath = mount.subPath ?? '';
    if (mount.subPathExpr) {
      try {
        subPath = expandSubPathExpr(mount, ctx.env);
      } catch (err) {
        throw fail(errorMessage(err), err);
      }
    }
    if (subPath) {
      if (subPath.startsWith('/')) throw fail(`error SubPath \`${subPath}\` must not be an absolute path`);
      try {
        validatePathNoBacksteps(subPath);
      } catch (err) {
        throw fail(`unable to provision SubPath \`${subPath}\`: ${errorMessage(err)}`, err);
      }
    }

    let hostPath = vol.hostPath;
    if (subPath) {
      const volumePath = hostPath;
      const full = posix.join(volumePath, subPath);
      const existing = await stat(full).catch(() => undefined);
      if (!existing) {
        // Create it now with the volume root's mode: if the runtime created it later it would
        // get the wrong owner and mode. Never outside the volume.
        try {
          const perm = (await stat(volumePath)).mode & 0o777;
          await safeMakeDir(subPath, volumePath, perm);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
            log.error('Failed to create subPath directory for volumeMount of the container', { container: container.name, volumeMount: mount.name, err: errorMessage(err) });
            throw fail(`failed to create subPath directory for volumeMount ${goQuote(mount.name)} of container ${goQuote(container.name)}`, err);
          }
        }
      }
      try {
        hostPath = await prepareSafeSubpath({
          volumeMountIndex: i,
          path: full,
          volumeName: mount.name,
          volumePath,
          podDir: volumes.podDir,
          containerName: container.name,
        });
      } catch (err) {
        // As upstream, the details (host paths) go to the log, not to the pod status.
        log.error('Failed to prepare subPath for volumeMount of the container', { container: container.name, volumeMount: mount.name, err: errorMessage(err) });
        throw fail(`failed to prepare subPath for volumeMount ${goQuote(mount.name)} of container ${goQuote(container.name)}`, err);
      }
    }

    let propagation: ContainerMount['propagation'];
    try {
      propagation = translateMountPropagation(mount.mountPropagation);
    } catch (err) {
      throw fail(errorMessage(err), err);
    }
    mounts.push({
      containerPath: makeAbsolute(mount.mountPath),
      hostPath,
      readonly: mount.readOnly === true || vol.readOnly,
      propagation,
    });
  }
  if (mountEtcHosts) mounts.push({ containerPath: '/etc/hosts', hostPath: ctx.hostsFilePath!, readonly: false, propagation: 'PRIVATE' });
  if (mountResolvConf) mounts.push({ containerPath: '/etc/resolv.conf', hostPath: ctx.resolvConfPath!, readonly: false, propagation: 'PRIVATE' });
  const terminationMessagePath = container.terminationMessagePath ?? '/dev/termination-log';
  if (ctx.terminationLogPath !== undefined && terminationMessagePath !== '') {
    mounts.push({ containerPath: makeAbsolute(terminationMessagePath), hostPath: ctx.terminationLogPath, readonly: false, propagation: 'PRIVATE' });
  }
  return { mounts };
}
