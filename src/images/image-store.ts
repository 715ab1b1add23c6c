/**
 * The local image store: content-addressed blobs, an index of image names, and unpacked layers
 * shared between images. One directory (the server passes `<dataDir>/images`):
 *
 *   index.db                 SQLite (WAL): images, names, manifests, layer blobs, unpacked layers, leases
 *   blobs/sha256/<hex>       manifests, indexes, configs and layer blobs, each verified against its digest
 *   layers/<chainID hex>/    one unpacked layer: rootfs/ (an overlayfs lower dir) and layer.json
 *   tmp/                     ingests and unpacks in progress, renamed into place when complete
 *
 * An image is identified by its config digest (the image ID docker, podman and crictl show).
 * Names (`docker.io/library/nginx:latest`) map to an image and to the manifest or index digest
 * they were loaded with (the repo digest). Layers are stored once per DiffID, whatever their
 * compression or archive format, and unpacked once per ChainID.
 *
 * Safe to use from two processes at once (`podyard image load` while the server runs): SQLite
 * serialises the index, blobs and layers appear by atomic rename, and a load leases the blobs
 * it writes so a concurrent prune leaves them alone.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, mkdtemp, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../base/index.js';
import { errorMessage, silentLogger } from '../base/index.js';
import type { ArchiveDocument, ArchiveImage } from './archive.js';
import { checkDigest, openArchive, streamRange } from './archive.js';
import { decompress } from './compression.js';
import { ImageError } from './errors.js';
import type { Compression, ImageConfigDocument, Platform } from './oci.js';
import { chainIDs, checkConfig, hostPlatform, isValidDigest, parseJson, sniffCompression, splitDigest } from './oci.js';
import { parseReference } from './reference.js';
import { unpackLayer } from './unpack.js';

/** Options for {@link ImageStore.open}. */
export interface ImageStoreOptions {
  logger?: Logger;
  /** The platform images are selected for from indexes (default: this machine, linux/amd64 here). */
  platform?: Platform;
  /** Host tools the store spawns (argv arrays, never a shell). */
  tools?: { mknod?: string; setfattr?: string; zstd?: string };
  /** Layers read and verified in parallel during a load (default 2). */
  loadConcurrency?: number;
}

/** One image in the store. */
export interface ImageRecord {
  /** The image ID: the config digest (`sha256:…`). */
  id: string;
  /** The manifest or index digest the image was last loaded or pulled by. */
  digest: string;
  /** Normalised names (`docker.io/library/nginx:latest`, or `repo@sha256:…`), sorted. */
  references: string[];
  /** `repository@digest` for every named repository (what CRI reports as repoDigests). */
  repoDigests: string[];
  /** Layer DiffIDs, bottom first. */
  diffIDs: string[];
  /** Layer ChainIDs, bottom first (the keys of the unpacked layers). */
  chainIDs: string[];
  /** Uncompressed size of all layers, in bytes. */
  size: number;
  /** `created` from the image config, if set. */
  created?: string;
  platform: Platform;
  /** When the image was last loaded or pulled (ms since the epoch). */
  loadedAt: number;
}

/** What {@link ImageStore.load} did for one image of an archive. */
export interface LoadResult {
  /** The names the archive gave the image (normalised). */
  references: string[];
  /** The image ID (config digest). */
  id: string;
  /** The manifest or index digest the names now point to. */
  digest: string;
  /** Layers whose content was not in the store before. */
  newLayers: number;
  /** Layers already in the store (by DiffID), not read from the archive at all. */
  reusedLayers: number;
  format: 'oci-archive' | 'docker-archive';
}

/** The parts of an image config that feed a container spec, with absent fields normalised. */
export interface ImageRuntimeConfig {
  Entrypoint: string[];
  Cmd: string[];
  Env: string[];
  WorkingDir: string;
  User: string;
  StopSignal?: string;
  /** `80/tcp`, `53/udp`… */
  ExposedPorts: string[];
  Volumes: string[];
  Labels: Record<string, string>;
}

/** What {@link ImageStore.remove} did. */
export interface RemoveResult {
  /** Names removed. */
  untagged: string[];
  /** Image IDs deleted (none while the image is in use: it stays, untagged). */
  deleted: string[];
}

/** What {@link ImageStore.prune} did. */
export interface PruneResult {
  deletedImages: string[];
  deletedBlobs: number;
  deletedLayers: number;
  /** Bytes of blobs and unpacked layers freed (from the recorded sizes). */
  reclaimedBytes: number;
}

/** Disk use of the store. */
export interface StoreUsage {
  images: number;
  /** Bytes of layer blobs. */
  blobBytes: number;
  /** Bytes of file content in unpacked layers. */
  layerBytes: number;
}

/** The inputs of {@link ImageStore.commitImage}: an image whose blobs are all in the store. */
export interface CommitImageInput {
  names: string[];
  /** Digest of what the names point to (manifest, or index the manifest was chosen from). */
  target: string;
  /** Manifest and index documents (already written with {@link ImageStore.writeBlob}). */
  manifests: { digest: string; mediaType: string }[];
  /** The config document (already written). */
  config: { digest: string; doc: ImageConfigDocument };
}

interface ImageRow {
  id: string;
  target: string;
  diff_ids: string;
  size: number;
  created: string | null;
  platform: string;
  loaded_at: number;
}

interface LayerBlobRow {
  diff_id: string;
  digest: string;
  media_type: string;
  size: number;
  diff_size: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS images (
  id TEXT PRIMARY KEY,
  target TEXT NOT NULL,
  diff_ids TEXT NOT NULL,
  size INTEGER NOT NULL,
  created TEXT,
  platform TEXT NOT NULL,
  loaded_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
  name TEXT PRIMARY KEY,
  image_id TEXT NOT NULL,
  target TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS names_by_image ON names (image_id);
CREATE TABLE IF NOT EXISTS manifests (
  digest TEXT PRIMARY KEY,
  image_id TEXT NOT NULL,
  media_type TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS layer_blobs (
  diff_id TEXT PRIMARY KEY,
  digest TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  diff_size INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS layers (
  chain_id TEXT PRIMARY KEY,
  diff_id TEXT NOT NULL,
  size INTEGER NOT NULL,
  unpacked_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS leases (
  id TEXT PRIMARY KEY,
  pid INTEGER NOT NULL,
  digests TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`;

/** Temp files older than this at open() are leftovers of a crash. */
const STALE_TMP_MS = 60 * 60 * 1000;

/** A shared/exclusive lock inside one process: loads and unpacks share, prune and remove exclude. */
class SharedLock {
  private shared = 0;
  private exclusive: Promise<void> | undefined;
  private drained: (() => void) | undefined;

  async withShared<T>(fn: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive;
    this.shared++;
    try {
      return await fn();
    } finally {
      if (--this.shared === 0) this.drained?.();
    }
  }

  async withExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive;
    let release!: () => void;
    this.exclusive = new Promise((resolve) => (release = resolve));
    try {
      if (this.shared > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.drained = undefined;
      return await fn();
    } finally {
      this.exclusive = undefined;
      release();
    }
  }
}

/** Blobs an ingest relies on, kept from a concurrent prune (see {@link ImageStore.withLease}). */
export interface ContentLease {
  /** Protects `digest` (a blob written or reused) until the lease ends. */
  add(digest: string): void;
}

/** Blobs a load is writing or relying on, protected from a concurrent prune in any process. */
class Lease implements ContentLease {
  readonly id = randomBytes(8).toString('hex');
  private readonly digests = new Set<string>();
  constructor(private readonly db: Database.Database) {
    db.prepare('INSERT INTO leases (id, pid, digests, created_at) VALUES (?, ?, ?, ?)').run(this.id, process.pid, '[]', Date.now());
  }
  add(digest: string): void {
    if (this.digests.has(digest)) return;
    this.digests.add(digest);
    this.db.prepare('UPDATE leases SET digests = ? WHERE id = ?').run(JSON.stringify([...this.digests]), this.id);
  }
  end(): void {
    this.db.prepare('DELETE FROM leases WHERE id = ?').run(this.id);
  }
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Yields the first chunk's leading bytes (for sniffing) and the whole stream again. */
async function peek(source: AsyncIterable<Buffer>): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  const stream = (async function* () {
    if (!first.done) yield first.value;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  return { head, stream };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}

/**
 * The image store. Open one per directory with {@link ImageStore.open}; `close()` when done.
 * Consumers: the node agent (resolve, imageConfig, layerPaths, prune with its in-use set), the
 * `podyard image` commands (load, list, remove, prune) and the registry puller (writeBlob,
 * ingestLayer, commitImage).
 */
export class ImageStore {
  /** Opens (creating if needed) the store in `dir`. */
  static async open(dir: string, options: ImageStoreOptions = {}): Promise<ImageStore> {
    for (const sub of ['blobs/sha256', 'layers', 'tmp']) await mkdir(join(dir, sub), { recursive: true, mode: 0o700 });
    const store = new ImageStore(dir, options);
    await store.cleanStaleTemp();
    return store;
  }

  private readonly db: Database.Database;
  private readonly logger: Logger;
  private readonly platform: Platform;
  private readonly lock = new SharedLock();
  /** Unpacks in flight, by ChainID: a second caller waits for the first. */
  private readonly unpacking = new Map<string, Promise<string>>();
  /** Layer ingests in flight, by DiffID. */
  private readonly ingesting = new Map<string, Promise<LayerBlobRow>>();
  private readonly configs = new Map<string, ImageConfigDocument>();
  private closed = false;

  private constructor(
    /** The store's directory. */
    readonly dir: string,
    private readonly options: ImageStoreOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.platform = options.platform ?? hostPlatform();
    this.db = new Database(join(dir, 'index.db'), { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
  }

  private get tmpDir(): string {
    return join(this.dir, 'tmp');
  }

  private checkOpen(): void {
    if (this.closed) throw new ImageError('Closed', 'image store is closed');
  }

  private async cleanStaleTemp(): Promise<void> {
    const now = Date.now();
    for (const name of await readdir(this.tmpDir)) {
      const path = join(this.tmpDir, name);
      const st = await stat(path).catch(() => undefined);
      if (st && now - st.mtimeMs > STALE_TMP_MS) await rm(path, { recursive: true, force: true });
    }
    const stale = this.db.prepare('SELECT id, pid FROM leases').all() as { id: string; pid: number }[];
    for (const lease of stale) if (!pidAlive(lease.pid)) this.db.prepare('DELETE FROM leases WHERE id = ?').run(lease.id);
  }

  /** Closes the index. Unpacks in flight finish on disk but are not recorded. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Content
  // ---------------------------------------------------------------------------------------------

  /** Path of the blob `digest` (which need not exist). Throws `InvalidArchive` for a malformed digest. */
  blobPath(digest: string): string {
    const [algorithm, hex] = splitDigest(digest);
    return join(this.dir, 'blobs', algorithm, hex);
  }

  /** Whether the blob is in the store. */
  hasBlob(digest: string): boolean {
    return isValidDigest(digest) && existsSync(this.blobPath(digest));
  }

  /** Reads a (small) blob. Throws `MissingContent` if absent. */
  async readBlob(digest: string): Promise<Buffer> {
    try {
      return await readFile(this.blobPath(digest));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ImageError('MissingContent', `blob ${digest} is not in the image store`, { cause: err });
      throw err;
    }
  }

  private tempPath(prefix: string): string {
    return join(this.tmpDir, `${prefix}-${process.pid}-${randomBytes(6).toString('hex')}`);
  }

  /** Stores a small document blob after checking it hashes to `digest`. */
  async writeBlob(data: Buffer, digest: string): Promise<void> {
    checkDigest(data, digest, 'blob');
    const path = this.blobPath(digest);
    if (existsSync(path)) return;
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    const temp = this.tempPath('blob');
    await writeFile(temp, data, { mode: 0o600, flag: 'wx' });
    await rename(temp, path);
  }

  /** The layer blob recorded for a DiffID, if its file is present. */
  private layerBlob(diffID: string): LayerBlobRow | undefined {
    const row = this.db.prepare('SELECT * FROM layer_blobs WHERE diff_id = ?').get(diffID) as LayerBlobRow | undefined;
    return row && existsSync(this.blobPath(row.digest)) ? row : undefined;
  }

  /** Whether the store holds a layer (as a blob or unpacked) with this DiffID. */
  hasLayer(diffID: string): boolean {
    return this.layerBlob(diffID) !== undefined;
  }

  /**
   * Stores a layer blob read from `source`, verifying both its blob digest (when known: OCI
   * descriptors; docker-archive compressed layers learn it here) and its DiffID (the sha256 of the
   * uncompressed tar, which the image config lists). Compression is sniffed from the content.
   * A layer whose DiffID is already stored is not written again. Throws `DigestMismatch`.
   */
  async ingestLayer(source: AsyncIterable<Buffer>, layer: { digest?: string; diffID: string; mediaType: string }, lease?: ContentLease): Promise<{ row: LayerBlobRow; created: boolean }> {
    const existing = this.layerBlob(layer.diffID);
    if (existing) return { row: existing, created: false };
    const inflight = this.ingesting.get(layer.diffID);
    if (inflight) return { row: await inflight, created: false };
    const promise = this.doIngestLayer(source, layer, lease);
    this.ingesting.set(layer.diffID, promise);
    try {
      return { row: await promise, created: true };
    } finally {
      this.ingesting.delete(layer.diffID);
    }
  }

  private async doIngestLayer(source: AsyncIterable<Buffer>, layer: { digest?: string; diffID: string; mediaType: string }, lease?: ContentLease, fromFile?: string): Promise<LayerBlobRow> {
    const algorithm = layer.digest !== undefined ? splitDigest(layer.digest)[0] : 'sha256';
    const temp = fromFile ?? this.tempPath('layer-blob');
    const fh: FileHandle | undefined = fromFile === undefined ? await open(temp, 'wx', 0o600) : undefined;
    let closed = fh === undefined;
    try {
      const blobHash = createHash(algorithm);
      const diffHash = createHash('sha256');
      let size = 0;
      let diffSize = 0;
      const { head, stream } = await peek(source);
      const compression: Compression = sniffCompression(head);
      const teed = (async function* () {
        for await (const chunk of stream) {
          blobHash.update(chunk);
          size += chunk.length;
          if (fh) await fh.write(chunk);
          yield chunk;
        }
      })();
      for await (const chunk of decompress(teed, compression, { zstdPath: this.options.tools?.zstd })) {
        diffHash.update(chunk);
        diffSize += chunk.length;
      }
      const digest = `${algorithm}:${blobHash.digest('hex')}`;
      const diffID = `sha256:${diffHash.digest('hex')}`;
      if (layer.digest !== undefined && digest !== layer.digest) throw new ImageError('DigestMismatch', `layer blob hashes to ${digest}, expected ${layer.digest}`);
      if (diffID !== layer.diffID) throw new ImageError('DigestMismatch', `layer ${digest} uncompresses to ${diffID}, the image config says ${layer.diffID}`);
      if (fh) {
        await fh.datasync();
        await fh.close();
      }
      closed = true;
      lease?.add(digest);
      const path = this.blobPath(digest);
      await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
      await rename(temp, path);
      const row: LayerBlobRow = { diff_id: diffID, digest, media_type: layer.mediaType, size, diff_size: diffSize };
      this.db
        .prepare('INSERT OR REPLACE INTO layer_blobs (diff_id, digest, media_type, size, diff_size) VALUES (@diff_id, @digest, @media_type, @size, @diff_size)')
        .run(row);
      return row;
    } catch (err) {
      if (!closed) await fh?.close().catch(() => {});
      // A downloaded file stays for a resume unless its content is proven wrong.
      if (fromFile === undefined || err instanceof ImageError) await rm(temp, { force: true });
      throw err;
    }
  }

  /**
   * Where a download of blob `digest` collects its bytes (`tmp/ingest-<algorithm>-<hex>`): a
   * fixed name, so an interrupted pull resumes from what it already has, in this process or
   * the next. Files older than an hour are removed at open().
   */
  ingestPath(digest: string): string {
    const [algorithm, hex] = splitDigest(digest);
    return join(this.tmpDir, `ingest-${algorithm}-${hex}`);
  }

  /**
   * Stores a downloaded layer blob by renaming `file` into the store (no copy) after checking
   * its digest and DiffID exactly like {@link ingestLayer}. A layer already stored (by DiffID)
   * makes the file redundant: it is deleted. On `DigestMismatch` the file is deleted too.
   */
  async ingestLayerFile(file: string, layer: { digest: string; diffID: string; mediaType: string }, lease?: ContentLease): Promise<{ created: boolean }> {
    const existing = this.layerBlob(layer.diffID);
    if (existing) {
      lease?.add(existing.digest);
      await rm(file, { force: true });
      return { created: false };
    }
    const inflight = this.ingesting.get(layer.diffID);
    if (inflight) {
      await inflight;
      await rm(file, { force: true });
      return { created: false };
    }
    const promise = this.doIngestLayer(createReadStream(file, { highWaterMark: 256 * 1024 }), layer, lease, file);
    this.ingesting.set(layer.diffID, promise);
    try {
      await promise;
      return { created: true };
    } finally {
      this.ingesting.delete(layer.diffID);
    }
  }

  /**
   * Runs `fn` with a lease: blobs it adds are safe from a concurrent prune or remove (in this
   * process and others) until `fn` settles. What the registry puller wraps a pull in.
   */
  async withLease<T>(fn: (lease: ContentLease) => Promise<T>): Promise<T> {
    this.checkOpen();
    return this.lock.withShared(async () => {
      const lease = new Lease(this.db);
      try {
        return await fn(lease);
      } finally {
        if (!this.closed) lease.end();
      }
    });
  }

  /**
   * Records an image whose config, manifests and layer blobs are in the store, pointing `names`
   * at it (a name that pointed elsewhere moves). Returns the record.
   */
  commitImage(input: CommitImageInput): ImageRecord {
    this.checkOpen();
    const config = input.config.doc;
    const diffIDs = config.rootfs.diff_ids;
    let size = 0;
    for (const diffID of diffIDs) {
      const row = this.layerBlob(diffID);
      if (!row) throw new ImageError('MissingContent', `layer ${diffID} of image ${input.config.digest} is not in the store`);
      size += row.diff_size;
    }
    const platform = [config.os, config.architecture, config.variant].filter(Boolean).join('/');
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO images (id, target, diff_ids, size, created, platform, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET target = excluded.target, loaded_at = excluded.loaded_at`,
        )
        .run(input.config.digest, input.target, JSON.stringify(diffIDs), size, config.created ?? null, platform, Date.now());
      const putManifest = this.db.prepare('INSERT OR REPLACE INTO manifests (digest, image_id, media_type) VALUES (?, ?, ?)');
      for (const m of input.manifests) putManifest.run(m.digest, input.config.digest, m.mediaType);
      const putName = this.db.prepare('INSERT OR REPLACE INTO names (name, image_id, target) VALUES (?, ?, ?)');
      for (const name of input.names) putName.run(name, input.config.digest, input.target);
    })();
    return this.record(this.imageRow(input.config.digest)!);
  }

  // ---------------------------------------------------------------------------------------------
  // Loading archives
  // ---------------------------------------------------------------------------------------------

  /**
   * Loads every image of a docker-archive or OCI archive (`podyard image load`). Layers already
   * in the store (by DiffID, from any earlier load or pull) are not read; every blob written is
   * verified against its digest and every layer against its DiffID. Layers are unpacked later, on
   * first use ({@link layerPaths}).
   */
  async load(archivePath: string): Promise<LoadResult[]> {
    this.checkOpen();
    return this.lock.withShared(async () => {
      const archive = await openArchive(archivePath, { tmpDir: this.tmpDir, logger: this.logger, platform: this.platform, zstdPath: this.options.tools?.zstd });
      const lease = new Lease(this.db);
      try {
        const results: LoadResult[] = [];
        for (const image of archive.images) results.push(await this.importImage(archive.file, image, lease));
        return results;
      } finally {
        if (!this.closed) lease.end();
        await archive.close();
      }
    });
  }

  private async importImage(file: string, image: ArchiveImage, lease: Lease): Promise<LoadResult> {
    let newLayers = 0;
    let reusedLayers = 0;
    await mapLimit(image.layers, this.options.loadConcurrency ?? 2, async (layer) => {
      const existing = this.layerBlob(layer.diffID);
      if (existing) {
        lease.add(existing.digest);
        reusedLayers++;
        return;
      }
      const { created } = await this.ingestLayer(streamRange(file, layer.entry), layer, lease);
      if (created) newLayers++;
      else reusedLayers++;
    });
    const docs: ArchiveDocument<unknown>[] = [image.config, image.manifest, ...image.indexes, image.target];
    for (const doc of docs) {
      lease.add(doc.digest);
      await this.writeBlob(doc.data, doc.digest);
    }
    const manifests = [image.manifest, ...image.indexes].map((d) => ({ digest: d.digest, mediaType: d.mediaType }));
    this.commitImage({ names: image.names, target: image.target.digest, manifests, config: { digest: image.config.digest, doc: image.config.doc } });
    this.logger.info('loaded image', { id: image.config.digest, names: image.names, newLayers, reusedLayers, format: image.format });
    return { references: [...image.names].sort(), id: image.config.digest, digest: image.target.digest, newLayers, reusedLayers, format: image.format };
  }

  // ---------------------------------------------------------------------------------------------
  // Lookup
  // ---------------------------------------------------------------------------------------------

  private imageRow(id: string): ImageRow | undefined {
    return this.db.prepare('SELECT * FROM images WHERE id = ?').get(id) as ImageRow | undefined;
  }

  private record(row: ImageRow, names?: { name: string; target: string }[]): ImageRecord {
    const rows = names ?? (this.db.prepare('SELECT name, target FROM names WHERE image_id = ?').all(row.id) as { name: string; target: string }[]);
    const references = rows.map((n) => n.name).sort();
    const repoDigests = new Set<string>();
    for (const n of rows) {
      const ref = parseReference(n.name);
      repoDigests.add(ref.digest !== undefined ? ref.string : `${ref.repository}@${n.target}`);
    }
    const diffIDs = JSON.parse(row.diff_ids) as string[];
    const [os = 'linux', architecture = '', variant] = row.platform.split('/');
    const platform: Platform = { os, architecture };
    if (variant) platform.variant = variant;
    const record: ImageRecord = {
      id: row.id,
      digest: row.target,
      references,
      repoDigests: [...repoDigests].sort(),
      diffIDs,
      chainIDs: chainIDs(diffIDs),
      size: row.size,
      platform,
      loadedAt: row.loaded_at,
    };
    if (row.created !== null) record.created = row.created;
    return record;
  }

  /**
   * Finds an image by reference (normalised: `nginx` finds `docker.io/library/nginx:latest`),
   * by repo digest (`nginx@sha256:…`, matching any manifest or index it was loaded with), or by
   * image ID (`sha256:<hex>`, the bare hex, or a unique hex prefix of at least 4 characters).
   * Throws `InvalidImageName` for a malformed reference, `AmbiguousImageID` for a short prefix
   * matching several images.
   */
  resolve(ref: string): ImageRecord | undefined {
    this.checkOpen();
    const idMatch = /^(?:sha256:)?([a-f0-9]{64})$/.exec(ref);
    if (idMatch) {
      const row = this.imageRow(`sha256:${idMatch[1]!}`);
      if (row) return this.record(row);
      if (ref.startsWith('sha256:')) return undefined;
    }
    let parsed;
    try {
      parsed = parseReference(ref);
    } catch (err) {
      if (idMatch) return undefined;
      throw err;
    }
    const named = this.db.prepare('SELECT image_id FROM names WHERE name = ?').get(parsed.string) as { image_id: string } | undefined;
    if (named) return this.record(this.imageRow(named.image_id)!);
    if (parsed.digest !== undefined) {
      const m = this.db.prepare('SELECT image_id FROM manifests WHERE digest = ?').get(parsed.digest) as { image_id: string } | undefined;
      const row = m && this.imageRow(m.image_id);
      if (row) {
        const record = this.record(row);
        // Like Docker: the digest must be one this repository was loaded with.
        if (record.references.some((n) => parseReference(n).repository === parsed.repository)) return record;
      }
    }
    if (/^[a-f0-9]{4,63}$/.test(ref)) {
      const rows = this.db.prepare('SELECT * FROM images WHERE id LIKE ?').all(`sha256:${ref}%`) as ImageRow[];
      if (rows.length > 1) throw new ImageError('AmbiguousImageID', `short image ID "${ref}" matches ${rows.length} images`);
      if (rows[0]) return this.record(rows[0]);
    }
    return undefined;
  }

  /** Like {@link resolve}, throwing `ImageNotFound` when nothing matches. */
  get(ref: string): ImageRecord {
    const record = this.resolve(ref);
    if (!record) throw new ImageError('ImageNotFound', `image "${ref}" not found`);
    return record;
  }

  /** Every image, newest load first. */
  list(): ImageRecord[] {
    this.checkOpen();
    const names = new Map<string, { name: string; target: string }[]>();
    for (const n of this.db.prepare('SELECT name, target, image_id FROM names').all() as { name: string; target: string; image_id: string }[]) {
      const list = names.get(n.image_id) ?? [];
      list.push(n);
      names.set(n.image_id, list);
    }
    const rows = this.db.prepare('SELECT * FROM images ORDER BY loaded_at DESC, id').all() as ImageRow[];
    return rows.map((row) => this.record(row, names.get(row.id) ?? []));
  }

  /** Points `name` (normalised) at the image `ref` resolves to. Throws `ImageNotFound`. */
  tag(ref: string, name: string): ImageRecord {
    const record = this.get(ref);
    const normalized = parseReference(name).string;
    this.db.prepare('INSERT OR REPLACE INTO names (name, image_id, target) VALUES (?, ?, ?)').run(normalized, record.id, record.digest);
    return this.get(record.id);
  }

  /** The image config document (cached). */
  async configDocument(record: ImageRecord): Promise<ImageConfigDocument> {
    const cached = this.configs.get(record.id);
    if (cached) return cached;
    const data = await this.readBlob(record.id);
    checkDigest(data, record.id, 'image config');
    const doc = checkConfig(parseJson(data, `image config ${record.id}`), `image config ${record.id}`);
    this.configs.set(record.id, doc);
    return doc;
  }

  /**
   * The execution defaults of an image (Entrypoint, Cmd, Env, WorkingDir, User, StopSignal,
   * ExposedPorts, Volumes, Labels), absent fields as empty values: what the runtime combines with
   * the container's `command`/`args` the way Kubernetes does.
   */
  async imageConfig(record: ImageRecord): Promise<ImageRuntimeConfig> {
    const c = (await this.configDocument(record)).config ?? {};
    const out: ImageRuntimeConfig = {
      Entrypoint: c.Entrypoint ?? [],
      Cmd: c.Cmd ?? [],
      Env: c.Env ?? [],
      WorkingDir: c.WorkingDir ?? '',
      User: c.User ?? '',
      ExposedPorts: Object.keys(c.ExposedPorts ?? {}),
      Volumes: Object.keys(c.Volumes ?? {}),
      Labels: c.Labels ?? {},
    };
    if (c.StopSignal) out.StopSignal = c.StopSignal;
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Unpacked layers
  // ---------------------------------------------------------------------------------------------

  private layerDir(chainID: string): string {
    return join(this.dir, 'layers', splitDigest(chainID)[1]);
  }

  /**
   * Makes sure every layer of the image is unpacked and returns their rootfs directories in
   * overlayfs order: topmost first, as `lowerdir=` wants. Each layer is unpacked once, however
   * many images share it and however many callers ask at once (they wait for the one unpack);
   * an unpack happens in a temp dir renamed into place when complete, so a crash never leaves a
   * half layer in use.
   */
  async layerPaths(record: ImageRecord): Promise<string[]> {
    this.checkOpen();
    return this.lock.withShared(async () => {
      const dirs: string[] = [];
      for (const [i, chainID] of record.chainIDs.entries()) {
        dirs.push(await this.ensureLayer(chainID, record.diffIDs[i]!, [...dirs].reverse()));
      }
      return dirs.reverse();
    });
  }

  private ensureLayer(chainID: string, diffID: string, lowerDirs: string[]): Promise<string> {
    const inflight = this.unpacking.get(chainID);
    if (inflight) return inflight;
    const promise = this.unpackOnce(chainID, diffID, lowerDirs).finally(() => this.unpacking.delete(chainID));
    this.unpacking.set(chainID, promise);
    return promise;
  }

  private async unpackOnce(chainID: string, diffID: string, lowerDirs: string[]): Promise<string> {
    const final = this.layerDir(chainID);
    const rootfs = join(final, 'rootfs');
    if (existsSync(rootfs)) {
      if (!this.db.prepare('SELECT 1 FROM layers WHERE chain_id = ?').get(chainID)) await this.recordLayer(chainID, diffID, final);
      return rootfs;
    }
    const blob = this.layerBlob(diffID);
    if (!blob) throw new ImageError('MissingContent', `layer ${diffID} is neither unpacked nor stored as a blob`);
    const started = Date.now();
    const temp = await mkdtemp(join(this.tmpDir, 'unpack-'));
    try {
      await mkdir(join(temp, 'rootfs'), { mode: 0o755 });
      const { head, stream } = await peek(createReadStream(this.blobPath(blob.digest), { highWaterMark: 256 * 1024 }));
      const tar = decompress(stream, sniffCompression(head), { zstdPath: this.options.tools?.zstd });
      const result = await unpackLayer(tar, join(temp, 'rootfs'), {
        lowerDirs,
        expectedDiffID: diffID,
        logger: this.logger.child({ layer: chainID }),
        mknodPath: this.options.tools?.mknod,
        setfattrPath: this.options.tools?.setfattr,
      });
      await writeFile(join(temp, 'layer.json'), JSON.stringify({ chainID, blob: blob.digest, ...result }) + '\n');
      try {
        await rename(temp, final);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
        await rm(temp, { recursive: true, force: true }); // another process unpacked it first
      }
      await this.recordLayer(chainID, diffID, final);
      this.logger.info('unpacked layer', { chainID, diffID, entries: result.entries, size: result.size, warnings: result.warnings, ms: Date.now() - started });
      return rootfs;
    } catch (err) {
      await rm(temp, { recursive: true, force: true }).catch(() => {});
      if (err instanceof ImageError) throw err;
      throw new ImageError('UnpackFailed', `unpacking layer ${diffID} failed: ${errorMessage(err)}`, { cause: err });
    }
  }

  /** Records an unpacked layer (also one another process unpacked) with the size in its layer.json. */
  private async recordLayer(chainID: string, diffID: string, dir: string): Promise<void> {
    const meta = await readFile(join(dir, 'layer.json'), 'utf8').catch(() => '{}');
    const size = (JSON.parse(meta) as { size?: number }).size ?? 0;
    if (this.closed) return;
    this.db.prepare('INSERT OR REPLACE INTO layers (chain_id, diff_id, size, unpacked_at) VALUES (?, ?, ?, ?)').run(chainID, diffID, size, Date.now());
  }

  // ---------------------------------------------------------------------------------------------
  // Removal and garbage collection
  // ---------------------------------------------------------------------------------------------

  private static inUseMatch(record: ImageRecord, inUse: ReadonlySet<string>): boolean {
    return inUse.has(record.id) || inUse.has(record.digest) || record.references.some((r) => inUse.has(r)) || record.repoDigests.some((r) => inUse.has(r));
  }

  /**
   * Removes a name (`podyard image rm nginx`), or every name of an image given by ID. An image
   * left without names is deleted with the content only it used, unless it is in `inUse` (IDs,
   * digests or names of images containers use): then it stays, untagged, until a prune.
   * Throws `ImageNotFound`.
   */
  async remove(ref: string, options: { inUse?: ReadonlySet<string> } = {}): Promise<RemoveResult> {
    this.checkOpen();
    return this.lock.withExclusive(async () => {
      const record = this.get(ref);
      const byId = /^(?:sha256:)?[a-f0-9]{4,64}$/.test(ref) && !record.references.includes(safeNormalize(ref));
      const untagged = byId ? record.references : [parseReference(ref).string].filter((n) => record.references.includes(n));
      const del = this.db.prepare('DELETE FROM names WHERE name = ?');
      this.db.transaction(() => untagged.forEach((n) => del.run(n)))();
      const after = this.get(record.id);
      const deleted: string[] = [];
      if (after.references.length === 0 && !ImageStore.inUseMatch(after, options.inUse ?? new Set())) {
        this.deleteImageRows([after.id]);
        deleted.push(after.id);
        await this.collectGarbage();
      }
      return { untagged, deleted };
    });
  }

  /**
   * Deletes images not in `inUse` — untagged ones only, or every unused one with `all` (what
   * image garbage collection does) — then every blob and unpacked layer no remaining image needs.
   */
  async prune(inUse: ReadonlySet<string>, options: { all?: boolean } = {}): Promise<PruneResult> {
    this.checkOpen();
    return this.lock.withExclusive(async () => {
      const doomed = this.list().filter((r) => (options.all || r.references.length === 0) && !ImageStore.inUseMatch(r, inUse));
      this.deleteImageRows(doomed.map((r) => r.id));
      const gc = await this.collectGarbage();
      return { deletedImages: doomed.map((r) => r.id), ...gc };
    });
  }

  /**
   * Image garbage collection (the kubelet's `freeSpace`): deletes images no container uses,
   * least recently loaded or pulled first, with the content only they used, until at least
   * `bytesToFree` bytes were reclaimed or no candidate is left. Images in `inUse` (IDs, digests,
   * names) are never deleted.
   */
  async freeSpace(bytesToFree: number, inUse: ReadonlySet<string>): Promise<PruneResult> {
    this.checkOpen();
    return this.lock.withExclusive(async () => {
      const candidates = this.list()
        .filter((r) => !ImageStore.inUseMatch(r, inUse))
        .sort((a, b) => a.loadedAt - b.loadedAt);
      const result: PruneResult = { deletedImages: [], deletedBlobs: 0, deletedLayers: 0, reclaimedBytes: 0 };
      for (const record of candidates) {
        if (result.reclaimedBytes >= bytesToFree) break;
        this.deleteImageRows([record.id]);
        const gc = await this.collectGarbage();
        result.deletedImages.push(record.id);
        result.deletedBlobs += gc.deletedBlobs;
        result.deletedLayers += gc.deletedLayers;
        result.reclaimedBytes += gc.reclaimedBytes;
      }
      return result;
    });
  }

  private deleteImageRows(ids: string[]): void {
    this.db.transaction(() => {
      for (const id of ids) {
        this.db.prepare('DELETE FROM names WHERE image_id = ?').run(id);
        this.db.prepare('DELETE FROM manifests WHERE image_id = ?').run(id);
        this.db.prepare('DELETE FROM images WHERE id = ?').run(id);
        this.configs.delete(id);
      }
    })();
  }

  /** Deletes blobs and unpacked layers that no image and no live lease refers to. */
  private async collectGarbage(): Promise<Omit<PruneResult, 'deletedImages'>> {
    // 1. List what is on disk first: anything written after this is never a candidate.
    const blobFiles: string[] = [];
    for (const algorithm of await readdir(join(this.dir, 'blobs'))) {
      for (const hex of await readdir(join(this.dir, 'blobs', algorithm))) blobFiles.push(`${algorithm}:${hex}`);
    }
    const layerDirs = await readdir(join(this.dir, 'layers'));
    // 2. What remaining images and live leases need.
    const keepBlobs = new Set<string>();
    const keepDiffIDs = new Set<string>();
    const keepChains = new Set<string>();
    for (const row of this.db.prepare('SELECT * FROM images').all() as ImageRow[]) {
      keepBlobs.add(row.id);
      keepBlobs.add(row.target);
      const diffIDs = JSON.parse(row.diff_ids) as string[];
      diffIDs.forEach((d) => keepDiffIDs.add(d));
      chainIDs(diffIDs).forEach((c) => keepChains.add(splitDigest(c)[1]));
    }
    for (const m of this.db.prepare('SELECT digest FROM manifests').all() as { digest: string }[]) keepBlobs.add(m.digest);
    for (const n of this.db.prepare('SELECT target FROM names').all() as { target: string }[]) keepBlobs.add(n.target);
    for (const lease of this.db.prepare('SELECT pid, digests FROM leases').all() as { pid: number; digests: string }[]) {
      if (pidAlive(lease.pid)) (JSON.parse(lease.digests) as string[]).forEach((d) => keepBlobs.add(d));
    }
    let reclaimedBytes = 0;
    const layerBlobs = this.db.prepare('SELECT * FROM layer_blobs').all() as LayerBlobRow[];
    const dropLayerBlob = this.db.prepare('DELETE FROM layer_blobs WHERE diff_id = ?');
    for (const lb of layerBlobs) {
      if (keepDiffIDs.has(lb.diff_id) || keepBlobs.has(lb.digest)) keepBlobs.add(lb.digest);
      else dropLayerBlob.run(lb.diff_id);
    }
    const blobSizes = new Map(layerBlobs.map((lb) => [lb.digest, lb.size]));
    // 3. Delete.
    let deletedBlobs = 0;
    for (const digest of blobFiles) {
      if (keepBlobs.has(digest) || !isValidDigest(digest)) continue;
      await rm(this.blobPath(digest), { force: true });
      reclaimedBytes += blobSizes.get(digest) ?? 0;
      deletedBlobs++;
    }
    let deletedLayers = 0;
    const layerRows = new Map((this.db.prepare('SELECT chain_id, size FROM layers').all() as { chain_id: string; size: number }[]).map((r) => [splitDigest(r.chain_id)[1], r]));
    for (const hex of layerDirs) {
      if (keepChains.has(hex)) continue;
      // Rename first so a half-deleted layer never looks complete.
      const trash = this.tempPath('trash');
      await rename(join(this.dir, 'layers', hex), trash);
      await rm(trash, { recursive: true, force: true });
      const row = layerRows.get(hex);
      if (row) {
        reclaimedBytes += row.size;
        this.db.prepare('DELETE FROM layers WHERE chain_id = ?').run(row.chain_id);
      }
      deletedLayers++;
    }
    return { deletedBlobs, deletedLayers, reclaimedBytes };
  }

  /** How much disk the store uses (recorded sizes). */
  usage(): StoreUsage {
    this.checkOpen();
    const count = (this.db.prepare('SELECT COUNT(*) AS n FROM images').get() as { n: number }).n;
    const blobBytes = (this.db.prepare('SELECT COALESCE(SUM(size), 0) AS n FROM layer_blobs').get() as { n: number }).n;
    const layerBytes = (this.db.prepare('SELECT COALESCE(SUM(size), 0) AS n FROM layers').get() as { n: number }).n;
    return { images: count, blobBytes, layerBytes };
  }
}

function safeNormalize(ref: string): string {
  try {
    return parseReference(ref).string;
  } catch {
    return '';
  }
}
