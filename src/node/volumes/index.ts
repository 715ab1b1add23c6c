/**
 * node/volumes: pod volumes for the node agent (issue #4) — emptyDir (directory or tmpfs),
 * configMap, secret, downwardAPI and projected (atomically updated through `..data`), hostPath
 * (with type checks) — plus container mounts with safe subPaths, and the pod's managed
 * `/etc/hosts` and `resolv.conf`. Privileged (mounts): only this module and runtime/ mount.
 */
export {
  VolumeManager,
  type VolumeManagerDeps,
  type VolumeManagerConfig,
  type VolumeLookups,
  type PodVolumes,
  type MountedVolume,
  type VolumeKind,
  volumeKindOf,
  memoryVolumeSizeBytes,
  podMemoryLimitBytes,
  nestedMountpoints,
} from './volume-manager.js';
export {
  makeMounts,
  translateMountPropagation,
  expandSubPathExpr,
  type ContainerMount,
  type MakeMountsContext,
} from './mounts.js';
export {
  writeEtcHosts,
  computeEtcHosts,
  writeResolvConf,
  computeResolvConf,
  computePodDns,
  formatResolvConf,
  parseResolvConf,
  podHostnameAndDomain,
  truncatePodHostname,
  type EtcHostsOptions,
  type ResolvConfOptions,
  type PodDnsConfig,
  type DnsWarning,
} from './etc-files.js';
export { AtomicWriter, validatePayloadPath, dataDirName, type FileProjection, type Payload } from './atomic-writer.js';
export {
  configMapPayload,
  secretPayload,
  downwardAPIPayload,
  projectedPayload,
  formatDownwardMap,
  defaultVolumeFileMode,
  type ProjectedLookups,
  type SkippedProjection,
} from './payload.js';
export { checkHostPathType, setUpHostPath, validatePathNoBacksteps } from './host-path.js';
export { safeOpen, safeMakeDir, prepareSafeSubpath, subpathTarget, type Subpath } from './safe-path.js';
export { parseMountInfo, readMountInfo, mountsUnder, mountAt, type MountInfo } from './mount-util.js';
export { VolumePluginDirs, podVolumeDir, etcHostsPath, resolvConfPath } from './paths.js';
export { VolumeError, isVolumeError, volumeErrorCodes, type VolumeErrorCode, type VolumeFailure } from './errors.js';
