/**
 * images: the local image store (content-addressed blobs, image names, layers unpacked once and
 * shared), the archive loader behind `podyard image load`, the layer unpacker and Docker-style
 * reference normalisation. Imports `base` only. Consumers: `runtime` (layerPaths, imageConfig),
 * `node` (resolve, prune with the in-use set), `cmd` (`podyard image …`).
 */
export { ImageError, type ImageErrorCode } from './errors.js';
export {
  ImageStore,
  type ImageStoreOptions,
  type ImageRecord,
  type LoadResult,
  type ImageRuntimeConfig,
  type RemoveResult,
  type PruneResult,
  type StoreUsage,
  type CommitImageInput,
} from './image-store.js';
export { normalizeReference, parseReference, familiarString, isValidTag, type ImageReference } from './reference.js';
export { unpackLayer, type UnpackOptions, type UnpackResult } from './unpack.js';
export { readTar, type TarEntry, type TarHeader, type TarEntryType } from './tar.js';
export {
  MediaTypes,
  chainIDs,
  hostPlatform,
  platformMatches,
  layerCompression,
  type Compression,
  type Descriptor,
  type Platform,
  type ImageIndex,
  type ImageManifest,
  type ImageConfigDocument,
  type ContainerConfig,
} from './oci.js';
export type { ContentLease } from './image-store.js';
export {
  RegistryPuller,
  type RegistryPullerConfig,
  type PullOptions,
  type PullProgress,
  type PullResult,
} from './puller.js';
export {
  RegistryHosts,
  parseDockerConfig,
  mergeCredentials,
  credentialKeyHost,
  isLoopbackHost,
  normalizeMirrorUrl,
  type RegistryHostsConfig,
  type RegistryEndpoint,
  type RegistryCredential,
  type RegistryCredentials,
} from './registry-hosts.js';
export { parseChallenges, type AuthChallenge } from './registry-client.js';
