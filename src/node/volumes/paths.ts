/**
 * The kubelet's on-disk layout of a pod directory (`pkg/kubelet/kubelet_getters.go`), which
 * Podyard keeps so that the tree reads the same as `/var/lib/kubelet/pods/<uid>`:
 *
 * ```
 * <podsDir>/<uid>/
 *   volumes/kubernetes.io~empty-dir/<name>      emptyDir (a directory, or a tmpfs mount)
 *   volumes/kubernetes.io~configmap/<name>      configMap (AtomicWriter: ..data -> ..<timestamp>)
 *   volumes/kubernetes.io~secret/<name>         secret (on a tmpfs)
 *   volumes/kubernetes.io~downward-api/<name>   downwardAPI
 *   volumes/kubernetes.io~projected/<name>      projected (on a tmpfs)
 *   plugins/kubernetes.io~empty-dir/<name>/ready        emptyDir set-up marker
 *   volume-subpaths/<volume>/<container>/<index>        subPath bind mounts
 *   etc-hosts, resolv.conf                               the pod's managed files
 *   containers/<container>/…                             termination message files (the node agent's)
 * ```
 * @module
 */
import { join } from 'node:path';

/** The escaped plugin names used as directory names (`utilstrings.EscapeQualifiedName`). */
export const VolumePluginDirs = {
  emptyDir: 'kubernetes.io~empty-dir',
  configMap: 'kubernetes.io~configmap',
  secret: 'kubernetes.io~secret',
  downwardAPI: 'kubernetes.io~downward-api',
  projected: 'kubernetes.io~projected',
} as const;

/** One of {@link VolumePluginDirs}. */
export type VolumePluginDir = (typeof VolumePluginDirs)[keyof typeof VolumePluginDirs];

/** `<podsDir>/<uid>`. */
export function podDirOf(podsDir: string, podUid: string): string {
  return join(podsDir, podUid);
}

/** `<podDir>/volumes/<plugin>/<name>` (kubelet `GetPodVolumeDir`). */
export function podVolumeDir(podDir: string, plugin: VolumePluginDir, volumeName: string): string {
  return join(podDir, 'volumes', plugin, volumeName);
}

/** `<podDir>/plugins/<plugin>/<name>` (kubelet `GetPodPluginDir`), where set-up markers live. */
export function podPluginDir(podDir: string, plugin: VolumePluginDir, volumeName: string): string {
  return join(podDir, 'plugins', plugin, volumeName);
}

/** `<podDir>/volume-subpaths/<volume>/<container>/<index>` (subpath `getSubpathBindTarget`). */
export function subpathBindTarget(podDir: string, volumeName: string, containerName: string, index: number): string {
  return join(podDir, 'volume-subpaths', volumeName, containerName, String(index));
}

/** `<podDir>/etc-hosts` (kubelet `getEtcHostsPath`). */
export function etcHostsPath(podDir: string): string {
  return join(podDir, 'etc-hosts');
}

/** `<podDir>/resolv.conf` (Podyard: the kubelet hands DNS to the CRI runtime, which writes this file). */
export function resolvConfPath(podDir: string): string {
  return join(podDir, 'resolv.conf');
}
