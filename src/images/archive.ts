/**
 * Reading image archives: OCI image layouts packed in a tar (`oci-archive`, `skopeo copy
 * oci-archive:`, `docker save` ≥ 25) and docker-archive (`docker save`, `podman save`, `skopeo
 * copy docker-archive:`), plain or gzip/zstd-compressed as a whole.
 *
 * The archive is indexed once (headers only) and read with positioned reads: manifests, configs
 * and indexes are small and read into memory (digest-checked); layers are returned as byte
 * ranges so the store can skip the ones it already has without reading them.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../base/index.js';
import { decompress } from './compression.js';
import { ImageError } from './errors.js';
import type { Compression, Descriptor, ImageConfigDocument, ImageIndex, ImageManifest, Platform } from './oci.js';
import {
  MediaTypes,
  checkConfig,
  checkIndex,
  checkManifest,
  containerdImageNameAnnotation,
  hostPlatform,
  parseJson,
  platformMatches,
  refNameAnnotation,
  sha256Digest,
  sniffCompression,
  splitDigest,
} from './oci.js';
import { normalizeReference } from './reference.js';
import type { TarFileEntry } from './tar.js';
import { cleanArchiveName, indexTarFile } from './tar.js';

/** A JSON document of the archive with its digest and bytes (as stored, digest-checked). */
export interface ArchiveDocument<T> {
  digest: string;
  mediaType: string;
  data: Buffer;
  doc: T;
}

/** One layer of an archive image: where its blob is and what it must hash to. */
export interface ArchiveLayer {
  /** The blob digest the manifest names (for docker-archive: computed while reading, see `digestKnown`). */
  digest: string | undefined;
  mediaType: string;
  /** The DiffID the config lists for this layer. */
  diffID: string;
  /** Byte range of the blob inside the (uncompressed) archive file. */
  entry: TarFileEntry;
}

/** One image found in an archive. */
export interface ArchiveImage {
  /** Normalised names it is tagged with (may be empty). */
  names: string[];
  /** What the names point at: the manifest, or the index the manifest was chosen from. */
  target: ArchiveDocument<ImageManifest | ImageIndex>;
  /** Index documents on the way from `target` to `manifest` (target included when it is one). */
  indexes: ArchiveDocument<ImageIndex>[];
  /** The image manifest; synthesised (OCI, deterministic) for docker-archive. */
  manifest: ArchiveDocument<ImageManifest>;
  config: ArchiveDocument<ImageConfigDocument>;
  layers: ArchiveLayer[];
  format: 'oci-archive' | 'docker-archive';
}

/** An opened archive: its images and the uncompressed tar file holding the blobs. */
export interface OpenedArchive {
  images: ArchiveImage[];
  /** The uncompressed tar the layer ranges refer to (the input, or a temp copy). */
  file: string;
  /** Removes the temp copy, if any. */
  close(): Promise<void>;
}

async function readRange(file: string, entry: TarFileEntry): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(entry.size);
    const { bytesRead } = await fh.read(buf, 0, entry.size, entry.offset);
    if (bytesRead !== entry.size) throw new ImageError('InvalidArchive', 'archive truncated');
    return buf;
  } finally {
    await fh.close();
  }
}

/** The bytes of a file inside an archive as a stream. */
export function streamRange(file: string, entry: TarFileEntry): AsyncIterable<Buffer> {
  if (entry.size === 0) return (async function* () {})();
  return createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1, highWaterMark: 256 * 1024 });
}

async function sniffFile(path: string): Promise<Compression> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return sniffCompression(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** Options for {@link openArchive}. */
export interface OpenArchiveOptions {
  /** Where a compressed archive is decompressed to (same filesystem as the store is best). */
  tmpDir: string;
  logger: Logger;
  platform?: Platform;
  zstdPath?: string;
}

/**
 * Opens `path` (docker-archive or OCI archive, optionally gzip/zstd-compressed as a whole),
 * checks every manifest, index and config against its digest, and lists the images in it.
 * Throws `InvalidArchive` for anything malformed, `NoMatchingPlatform` if an index has no entry
 * for this machine.
 */
export async function openArchive(path: string, options: OpenArchiveOptions): Promise<OpenedArchive> {
  let file = path;
  let temp: string | undefined;
  const compression = await sniffFile(path);
  if (compression !== 'none') {
    temp = join(options.tmpDir, `archive-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.tar`);
    await pipeline(decompress(createReadStream(path), compression, { zstdPath: options.zstdPath }), createWriteStream(temp, { mode: 0o600 }));
    file = temp;
  }
  const close = async () => {
    if (temp) await rm(temp, { force: true });
  };
  try {
    const entries = await indexTarFile(file);
    const reader = new ArchiveReader(file, entries, options.platform ?? hostPlatform(), options.logger);
    let images: ArchiveImage[];
    if (entries.has('oci-layout') && entries.has('index.json')) images = await reader.readOci();
    else if (entries.has('manifest.json')) images = await reader.readDocker();
    else throw new ImageError('InvalidArchive', `${path} is neither an OCI archive (oci-layout, index.json) nor a docker-archive (manifest.json)`);
    if (images.length === 0) throw new ImageError('InvalidArchive', `${path} holds no image`);
    return { images, file, close };
  } catch (err) {
    await close();
    if (err instanceof ImageError) throw err;
    throw new ImageError('InvalidArchive', `cannot read image archive ${path}`, { cause: err });
  }
}

interface DockerManifestEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

class ArchiveReader {
  constructor(
    private readonly file: string,
    private readonly entries: Map<string, TarFileEntry>,
    private readonly platform: Platform,
    private readonly logger: Logger,
  ) {}

  private entry(name: string): TarFileEntry {
    const entry = this.entries.get(cleanArchiveName(name));
    if (!entry) throw new ImageError('InvalidArchive', `archive has no file "${name}"`);
    return entry;
  }

  private async readFile(name: string, max = 16 * 1024 * 1024): Promise<Buffer> {
    const entry = this.entry(name);
    if (entry.size > max) throw new ImageError('InvalidArchive', `"${name}" is too large for a JSON document`);
    return readRange(this.file, entry);
  }

  private blobName(digest: string): string {
    const [algorithm, hex] = splitDigest(digest);
    return `blobs/${algorithm}/${hex}`;
  }

  /** Reads the blob a descriptor names and checks its size and digest. */
  private async readDescriptor<T>(d: Descriptor, what: string): Promise<ArchiveDocument<T>> {
    const data = await this.readFile(this.blobName(d.digest));
    if (data.length !== d.size) throw new ImageError('InvalidArchive', `${what} ${d.digest} is ${data.length} bytes, the descriptor says ${d.size}`);
    checkDigest(data, d.digest, what);
    return { digest: d.digest, mediaType: d.mediaType, data, doc: parseJson<T>(data, `${what} ${d.digest}`) };
  }

  private names(annotations: Record<string, string> | undefined): string[] {
    const raw = annotations?.[containerdImageNameAnnotation] ?? annotations?.[refNameAnnotation];
    if (raw === undefined) return [];
    try {
      return [normalizeReference(raw)];
    } catch {
      this.logger.warn('ignoring an image name that is not a valid reference', { name: raw });
      return [];
    }
  }

  async readOci(): Promise<ArchiveImage[]> {
    const layout = parseJson<{ imageLayoutVersion?: string }>(await this.readFile('oci-layout'), 'oci-layout');
    if (typeof layout.imageLayoutVersion !== 'string' || !layout.imageLayoutVersion.startsWith('1.')) {
      throw new ImageError('InvalidArchive', `unsupported OCI layout version ${String(layout.imageLayoutVersion)}`);
    }
    const index = checkIndex(parseJson(await this.readFile('index.json'), 'index.json'), 'index.json');
    const images: ArchiveImage[] = [];
    let skipped = 0;
    for (const d of index.manifests) {
      if (isManifestType(d.mediaType) && d.platform && !platformMatches(d.platform, this.platform)) {
        skipped++;
        continue;
      }
      // Several entries (one per name) usually point at the same manifest: one image, all names.
      const same = images.find((image) => image.target.digest === d.digest);
      if (same) {
        for (const name of this.names(d.annotations)) if (!same.names.includes(name)) same.names.push(name);
        continue;
      }
      const found = await this.resolve(d, []);
      if (!found) {
        skipped++;
        continue;
      }
      images.push({ ...found, names: this.names(d.annotations), format: 'oci-archive' });
    }
    if (images.length === 0 && skipped > 0) {
      throw new ImageError('NoMatchingPlatform', `no image in the archive is for ${this.platform.os}/${this.platform.architecture}`);
    }
    return images;
  }

  /** Follows `d` (index → platform manifest → config) down to one image. */
  private async resolve(d: Descriptor, indexes: ArchiveDocument<ImageIndex>[], depth = 0): Promise<Omit<ArchiveImage, 'names' | 'format'> | undefined> {
    if (depth > 4) throw new ImageError('InvalidArchive', 'image indexes nested too deeply');
    if (isIndexType(d.mediaType)) {
      const doc = await this.readDescriptor<ImageIndex>(d, 'image index');
      checkIndex(doc.doc, `image index ${d.digest}`);
      const chain = [...indexes, doc];
      const candidates = doc.doc.manifests.filter((m) => (isIndexType(m.mediaType) ? true : platformMatches(m.platform, this.platform) || m.platform === undefined));
      // Exact platform matches first (a platform-less entry is a last resort).
      candidates.sort((a, b) => Number(b.platform !== undefined) - Number(a.platform !== undefined));
      for (const m of candidates) {
        const found = await this.resolve(m, chain, depth + 1);
        if (found) return { ...found, target: indexes[0] ?? doc };
      }
      if (depth === 0) throw new ImageError('NoMatchingPlatform', `image index ${d.digest} has no manifest for ${this.platform.os}/${this.platform.architecture}`);
      return undefined;
    }
    if (!isManifestType(d.mediaType)) throw new ImageError('UnsupportedMediaType', `unsupported manifest media type "${d.mediaType}"`);
    const manifest = await this.readDescriptor<ImageManifest>(d, 'manifest');
    checkManifest(manifest.doc, `manifest ${d.digest}`);
    const config = await this.readDescriptor<ImageConfigDocument>(manifest.doc.config, 'image config');
    checkConfig(config.doc, `image config ${config.digest}`);
    if (config.doc.os !== undefined && config.doc.architecture !== undefined && !platformMatches(config.doc, this.platform)) {
      if (indexes.length > 0) return undefined; // index entry lied about the platform: try another one
    }
    const diffIDs = config.doc.rootfs.diff_ids;
    if (diffIDs.length !== manifest.doc.layers.length) {
      throw new ImageError('InvalidArchive', `manifest ${d.digest} has ${manifest.doc.layers.length} layers, its config ${diffIDs.length} diff_ids`);
    }
    const layers = manifest.doc.layers.map((l, i): ArchiveLayer => {
      const entry = this.entry(this.blobName(l.digest));
      if (entry.size !== l.size) throw new ImageError('InvalidArchive', `layer ${l.digest} is ${entry.size} bytes, the manifest says ${l.size}`);
      return { digest: l.digest, mediaType: l.mediaType, diffID: diffIDs[i]!, entry };
    });
    return { target: indexes[0] ?? manifest, indexes, manifest, config, layers };
  }

  async readDocker(): Promise<ArchiveImage[]> {
    const list = parseJson<DockerManifestEntry[]>(await this.readFile('manifest.json'), 'manifest.json');
    if (!Array.isArray(list)) throw new ImageError('InvalidArchive', 'manifest.json is not a list');
    const images: ArchiveImage[] = [];
    for (const item of list) {
      if (!item || typeof item.Config !== 'string' || !Array.isArray(item.Layers)) {
        throw new ImageError('InvalidArchive', 'manifest.json entry without Config or Layers');
      }
      const configData = await this.readFile(item.Config);
      const configDigest = sha256Digest(configData);
      // The config's file name is usually its digest ("<hex>.json" or "blobs/sha256/<hex>"): check it.
      const named = /([a-f0-9]{64})(\.json)?$/.exec(item.Config);
      if (named && `sha256:${named[1]}` !== configDigest) {
        throw new ImageError('DigestMismatch', `image config ${item.Config} hashes to ${configDigest}`);
      }
      const configDoc = checkConfig(parseJson(configData, `image config ${item.Config}`), `image config ${item.Config}`);
      const diffIDs = configDoc.rootfs.diff_ids;
      if (diffIDs.length !== item.Layers.length) {
        throw new ImageError('InvalidArchive', `manifest.json lists ${item.Layers.length} layers, the config ${diffIDs.length} diff_ids`);
      }
      const layers: ArchiveLayer[] = [];
      const descriptors: Descriptor[] = [];
      for (const [i, name] of item.Layers.entries()) {
        if (typeof name !== 'string') throw new ImageError('InvalidArchive', 'manifest.json has a non-string layer');
        const entry = this.entry(name);
        const head = await readRange(this.file, { offset: entry.offset, size: Math.min(4, entry.size) });
        const compression = sniffCompression(head);
        const mediaType = compression === 'gzip' ? MediaTypes.ociLayerGzip : compression === 'zstd' ? MediaTypes.ociLayerZstd : MediaTypes.ociLayer;
        // An uncompressed layer's blob digest is its DiffID; a compressed one's is learnt on reading.
        const digest = compression === 'none' ? diffIDs[i]! : undefined;
        layers.push({ digest, mediaType, diffID: diffIDs[i]!, entry });
        descriptors.push({ mediaType, digest: digest ?? diffIDs[i]!, size: entry.size });
      }
      const manifestDoc: ImageManifest = {
        schemaVersion: 2,
        mediaType: MediaTypes.ociManifest,
        config: { mediaType: MediaTypes.ociConfig, digest: configDigest, size: configData.length },
        layers: descriptors,
      };
      const manifestData = Buffer.from(JSON.stringify(manifestDoc));
      const manifest: ArchiveDocument<ImageManifest> = { digest: sha256Digest(manifestData), mediaType: MediaTypes.ociManifest, data: manifestData, doc: manifestDoc };
      const names: string[] = [];
      for (const tag of item.RepoTags ?? []) {
        try {
          names.push(normalizeReference(tag));
        } catch {
          this.logger.warn('ignoring a RepoTag that is not a valid reference', { name: tag });
        }
      }
      images.push({
        names,
        target: manifest,
        indexes: [],
        manifest,
        config: { digest: configDigest, mediaType: MediaTypes.ociConfig, data: configData, doc: configDoc },
        layers,
        format: 'docker-archive',
      });
    }
    return images;
  }
}

function isIndexType(mediaType: string | undefined): boolean {
  return mediaType === MediaTypes.ociIndex || mediaType === MediaTypes.dockerManifestList;
}

function isManifestType(mediaType: string | undefined): boolean {
  return mediaType === MediaTypes.ociManifest || mediaType === MediaTypes.dockerManifest;
}

/** Throws `DigestMismatch` unless `data` hashes to `digest`. */
export function checkDigest(data: Buffer, digest: string, what: string): void {
  const [algorithm] = splitDigest(digest);
  const actual = `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
  if (actual !== digest) throw new ImageError('DigestMismatch', `${what} hashes to ${actual}, expected ${digest}`);
}
