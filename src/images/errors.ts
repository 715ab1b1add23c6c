import { PodyardError } from '../base/index.js';

/**
 * The image store's error catalog. The node agent maps these onto container waiting reasons
 * (`InvalidImageName` is one verbatim; a missing image becomes `ErrImageNeverPull` or a pull).
 */
export type ImageErrorCode =
  | 'InvalidImageName' // a reference that the distribution/reference grammar rejects
  | 'ImageNotFound' // no image in the store answers to the reference or ID
  | 'AmbiguousImageID' // a short image ID prefix matches more than one image
  | 'InvalidArchive' // an image archive (docker-archive / OCI layout tar) is malformed or unsupported
  | 'InvalidLayer' // a layer tar is malformed (bad checksum, truncated, unsupported entry type)
  | 'UnsafeLayer' // a layer tries to write outside its directory (`..`, writes through symlinks, links out)
  | 'DigestMismatch' // content does not hash to the digest that names it
  | 'UnsupportedMediaType' // a manifest, config or layer media type the store cannot handle
  | 'NoMatchingPlatform' // an image index has no manifest for this machine's platform
  | 'MissingContent' // a blob the index refers to is gone from the store (deleted by hand?)
  | 'UnpackFailed' // the host refused an operation a layer needs (mknod of a whiteout, setting an opaque xattr)
  | 'ToolMissing' // a host tool the unpacker needs (setfattr, mknod, zstd) is not installed
  | 'NotFound' // the registry has no such repository, tag or digest (manifest unknown)
  | 'Unauthorized' // the registry refused the credentials (or their absence): 401/403
  | 'RegistryUnavailable' // the registry could not be reached or answered with a server error
  | 'InsecureRegistry' // plain HTTP to a registry that is neither on the loopback nor listed as insecure
  | 'PullFailed' // any other failure talking to a registry (bad response, too-large document)
  | 'Closed'; // the store was closed

/** A coded image store error; wrap causes with `{ cause }`. */
export class ImageError extends PodyardError<ImageErrorCode> {}
