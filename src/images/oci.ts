/**
 * OCI image-spec and Docker schema 2 document shapes, media types, digests and platforms: what
 * the archive loader (and the registry puller) read. Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import { ImageError } from './errors.js';

export const MediaTypes = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

/** How a layer blob is compressed. */
export type Compression = 'none' | 'gzip' | 'zstd';

/** The compression a layer media type declares, or undefined when it is not a layer type. */
export function layerCompression(mediaType: string): Compression | undefined {
  switch (mediaType) {
    case MediaTypes.ociLayer:
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar':
    case 'application/vnd.docker.image.rootfs.diff.tar':
      return 'none';
    case MediaTypes.ociLayerGzip:
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip':
    case MediaTypes.dockerLayerGzip:
    case 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip':
      return 'gzip';
    case MediaTypes.ociLayerZstd:
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd':
      return 'zstd';
    default:
      return undefined;
  }
}

/** The compression a blob's first bytes show (gzip and zstd magic numbers), else `none`. */
export function sniffCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** An OCI content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
  urls?: string[];
}

/** An OCI platform (`os`/`architecture`/`variant`). */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

/** An OCI image index or Docker manifest list. */
export interface ImageIndex {
  schemaVersion: number;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

/** An OCI image manifest or Docker schema 2 manifest. */
export interface ImageManifest {
  schemaVersion: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** The execution parameters of an image config (`config` in the OCI image config). */
export interface ContainerConfig {
  User?: string;
  ExposedPorts?: Record<string, object>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, object>;
  WorkingDir?: string;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  ArgsEscaped?: boolean;
  Healthcheck?: unknown;
}

/** An OCI image configuration (application/vnd.oci.image.config.v1+json). */
export interface ImageConfigDocument {
  created?: string;
  author?: string;
  architecture: string;
  os: string;
  variant?: string;
  config?: ContainerConfig;
  rootfs: { type: string; diff_ids: string[] };
  history?: unknown[];
}

/** The annotation naming an image in an OCI layout's index.json. */
export const refNameAnnotation = 'org.opencontainers.image.ref.name';
/** containerd's annotation holding the full image name (also written by `docker save` ≥ 25). */
export const containerdImageNameAnnotation = 'io.containerd.image.name';

const digestHexLength: Record<string, number> = { sha256: 64, sha512: 128 };

/** Whether `digest` is a supported, well-formed digest (safe to use as a path). */
export function isValidDigest(digest: string): boolean {
  const colon = digest.indexOf(':');
  if (colon < 0) return false;
  const length = digestHexLength[digest.slice(0, colon)];
  const hex = digest.slice(colon + 1);
  return length !== undefined && hex.length === length && /^[a-f0-9]+$/.test(hex);
}

/** Splits a digest into algorithm and hex, throwing `InvalidArchive` for a malformed one. */
export function splitDigest(digest: string): [algorithm: string, hex: string] {
  if (!isValidDigest(digest)) throw new ImageError('InvalidArchive', `invalid or unsupported digest "${digest}"`);
  const colon = digest.indexOf(':');
  return [digest.slice(0, colon), digest.slice(colon + 1)];
}

/** The sha256 digest of `data`. */
export function sha256Digest(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * The ChainIDs of a layer stack (OCI image-spec config.md): ChainID(L0) = DiffID(L0),
 * ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)). An unpacked layer depends on its
 * parents (hard links into lower layers), so the layer store keys directories by ChainID.
 */
export function chainIDs(diffIDs: readonly string[]): string[] {
  const out: string[] = [];
  for (const diffID of diffIDs) {
    const parent = out[out.length - 1];
    out.push(parent === undefined ? diffID : sha256Digest(`${parent} ${diffID}`));
  }
  return out;
}

/** This machine's platform in OCI terms (Node's `x64` is `amd64`). */
export function hostPlatform(): Platform {
  const arch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  const platform: Platform = { os: 'linux', architecture: arch[process.arch] ?? process.arch };
  if (platform.architecture === 'arm64') platform.variant = 'v8';
  return platform;
}

/**
 * Whether an index entry's platform runs here, as containerd's default platform matcher decides
 * (os and architecture equal; arm64's variant `v8` may be omitted).
 */
export function platformMatches(candidate: Platform | undefined, want: Platform): boolean {
  if (!candidate) return false;
  if (candidate.os !== want.os || candidate.architecture !== want.architecture) return false;
  if (want.architecture === 'arm64') return candidate.variant === undefined || candidate.variant === 'v8';
  return want.variant === undefined || candidate.variant === undefined || candidate.variant === want.variant;
}

/** Parses a JSON document from an archive or registry, coding failures as `InvalidArchive`. */
export function parseJson<T>(data: Buffer | string, what: string): T {
  try {
    return JSON.parse(data.toString()) as T;
  } catch (err) {
    throw new ImageError('InvalidArchive', `${what} is not valid JSON`, { cause: err });
  }
}

/** Checks the fields of a manifest the store relies on. */
export function checkManifest(doc: unknown, what: string): ImageManifest {
  const m = doc as Partial<ImageManifest> | null;
  if (!m || typeof m !== 'object' || !m.config || !Array.isArray(m.layers)) {
    throw new ImageError('InvalidArchive', `${what} is not an image manifest`);
  }
  for (const d of [m.config, ...m.layers]) checkDescriptor(d, what);
  return m as ImageManifest;
}

/** Checks an image index. */
export function checkIndex(doc: unknown, what: string): ImageIndex {
  const i = doc as Partial<ImageIndex> | null;
  if (!i || typeof i !== 'object' || !Array.isArray(i.manifests)) {
    throw new ImageError('InvalidArchive', `${what} is not an image index`);
  }
  for (const d of i.manifests) checkDescriptor(d, what);
  return i as ImageIndex;
}

/** Checks an image config's rootfs. */
export function checkConfig(doc: unknown, what: string): ImageConfigDocument {
  const c = doc as Partial<ImageConfigDocument> | null;
  if (!c || typeof c !== 'object' || !c.rootfs || !Array.isArray(c.rootfs.diff_ids)) {
    throw new ImageError('InvalidArchive', `${what} is not an image config (no rootfs.diff_ids)`);
  }
  for (const d of c.rootfs.diff_ids) {
    if (typeof d !== 'string' || !isValidDigest(d)) throw new ImageError('InvalidArchive', `${what} has an invalid diff_id "${String(d)}"`);
  }
  return c as ImageConfigDocument;
}

function checkDescriptor(d: unknown, what: string): void {
  const x = d as Partial<Descriptor> | null;
  if (!x || typeof x !== 'object' || typeof x.digest !== 'string' || !isValidDigest(x.digest)) {
    throw new ImageError('InvalidArchive', `${what} has a descriptor with an invalid digest`);
  }
  if (typeof x.size !== 'number' || !Number.isSafeInteger(x.size) || x.size < 0) {
    throw new ImageError('InvalidArchive', `${what} has a descriptor with an invalid size`);
  }
  if (x.mediaType !== undefined && typeof x.mediaType !== 'string') {
    throw new ImageError('InvalidArchive', `${what} has a descriptor with an invalid mediaType`);
  }
}
