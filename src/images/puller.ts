/**
 * Pulls images from OCI distribution registries into the {@link ImageStore}, the way containerd
 * does for the kubelet:
 *
 * 1. resolve the reference at each endpoint in turn (mirrors first, then the upstream host):
 *    GET the manifest by tag or digest, accepting OCI and Docker schema 2 manifests and indexes;
 * 2. from an index (manifest list) pick this machine's platform (linux/amd64 here);
 * 3. fetch the config, then every layer the store does not hold yet (by DiffID), a few at a time,
 *    each into a fixed per-digest file so an interrupted pull resumes (`Range`) instead of
 *    starting over; every blob is checked against its digest and every layer against its DiffID;
 * 4. record the image under its name, the manifest and index it came from.
 *
 * One pull per image reference runs at a time (later callers share it), and a layer blob
 * downloads once however many pulls want it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat, writeFile, readFile } from 'node:fs/promises';
import type { Logger } from '../base/index.js';
import { errorMessage, silentLogger } from '../base/index.js';
import { ImageError } from './errors.js';
import type { ContentLease, ImageRecord, ImageStore } from './image-store.js';
import type { Descriptor, ImageConfigDocument, ImageIndex, ImageManifest, Platform } from './oci.js';
import { checkConfig, checkIndex, checkManifest, hostPlatform, isValidDigest, MediaTypes, parseJson, platformMatches } from './oci.js';
import { parseReference, type ImageReference } from './reference.js';
import { manifestAccept, readBody, registryErrorMessage, RegistrySession, TokenCache, type RegistryResponse } from './registry-client.js';
import type { RegistryCredentials, RegistryEndpoint, RegistryHostsConfig } from './registry-hosts.js';
import { RegistryHosts } from './registry-hosts.js';

/** Progress of one pull, for `podyard image pull` and logs. */
export type PullProgress =
  | { type: 'resolved'; reference: string; digest: string; endpoint: string; layers: { digest: string; size: number; present: boolean }[] }
  | { type: 'layer'; digest: string; bytes: number; size: number }
  | { type: 'layer-done'; digest: string; size: number; downloaded: boolean };

/** Options of one {@link RegistryPuller.pull}. */
export interface PullOptions {
  /** Registry credentials by host (a pod's imagePullSecrets), tried before the node's. */
  credentials?: RegistryCredentials;
  onProgress?: (event: PullProgress) => void;
}

/** What a pull did. */
export interface PullResult {
  record: ImageRecord;
  /** The normalised reference pulled. */
  reference: string;
  /** The digest the reference resolved to (index or manifest). */
  digest: string;
  /** The compressed size of the image (config and layers), as containerd reports it. */
  size: number;
  /** Bytes fetched from the registry by this pull (0 when every layer was present). */
  bytesDownloaded: number;
  /** Layers downloaded / already in the store. */
  newLayers: number;
  reusedLayers: number;
}

/** Configuration of a {@link RegistryPuller}. */
export interface RegistryPullerConfig {
  hosts?: RegistryHostsConfig;
  /** Node-level credentials (`config.json`), used when a pull brings none for a host. */
  nodeCredentials?: RegistryCredentials;
  /** Platform picked from indexes (default: this machine). */
  platform?: Platform;
  /** Layers downloaded at once (default 3, containerd's `max_concurrent_downloads`). */
  concurrency?: number;
  /** Retries of a blob download after a connection failure, resuming each time (default 3). */
  retries?: number;
  /** Time to connect and receive response headers (default 30 s). */
  timeoutMs?: number;
}

const manifestTypes = new Set<string>([MediaTypes.ociManifest, MediaTypes.dockerManifest]);
const indexTypes = new Set<string>([MediaTypes.ociIndex, MediaTypes.dockerManifestList]);

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: Error | undefined;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && failed === undefined) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failed ??= err instanceof Error ? err : new Error(String(err));
      }
    }
  });
  await Promise.all(workers);
  if (failed !== undefined) throw failed;
}

function hashOf(digest: string, data: Buffer): string {
  const algorithm = digest.slice(0, digest.indexOf(':'));
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

function statusError(res: RegistryResponse, what: string, body: Buffer): ImageError {
  const detail = registryErrorMessage(body);
  const message = `unexpected status from GET request to ${res.url.href}: ${res.status}${detail ? `: ${detail}` : ''} (${what})`;
  return new ImageError(res.status >= 500 || res.status === 429 ? 'RegistryUnavailable' : 'PullFailed', message);
}

/** A cross-process claim on one ingest file; `undefined` when another live process holds it. */
async function claim(path: string): Promise<(() => Promise<void>) | undefined> {
  const lock = `${path}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rm(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(await readFile(lock, 'utf8').catch(() => ''));
      let alive = false;
      if (pid > 0 && pid !== process.pid) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch (e) {
          alive = (e as NodeJS.ErrnoException).code === 'EPERM';
        }
      }
      if (alive) return undefined;
      await rm(lock, { force: true });
    }
  }
  return undefined;
}

/**
 * The registry puller. One per store; `pull` is safe to call concurrently (one pull per
 * reference at a time, one download per blob). Consumers: the node agent's image manager (with
 * a pod's imagePullSecrets) and `podyard image pull`.
 */
export class RegistryPuller {
  private readonly hosts: RegistryHosts;
  private readonly tokens = new TokenCache();
  private readonly logger: Logger;
  private readonly platform: Platform;
  private readonly pulls = new Map<string, Promise<PullResult>>();
  private readonly downloads = new Map<string, Promise<number>>();

  constructor(
    private readonly deps: { store: ImageStore; logger?: Logger },
    private readonly config: RegistryPullerConfig = {},
  ) {
    this.hosts = new RegistryHosts(config.hosts);
    this.logger = deps.logger ?? silentLogger;
    this.platform = config.platform ?? hostPlatform();
  }

  /**
   * Pulls `reference` (any form `normalizeReference` accepts) into the store. Throws
   * {@link ImageError}: `InvalidImageName`, `NotFound`, `Unauthorized`, `RegistryUnavailable`,
   * `InsecureRegistry`, `DigestMismatch`, `NoMatchingPlatform`, `UnsupportedMediaType`, `PullFailed`,
   * each with a message in containerd's words (`failed to pull and unpack image "…": …`).
   */
  pull(reference: string, options: PullOptions = {}): Promise<PullResult> {
    const ref = parseReference(reference);
    const inflight = this.pulls.get(ref.string);
    if (inflight) return inflight;
    const promise = this.doPull(ref, options).finally(() => this.pulls.delete(ref.string));
    this.pulls.set(ref.string, promise);
    return promise;
  }

  private session(endpoint: RegistryEndpoint, ref: ImageReference, options: PullOptions): RegistrySession {
    const credential = options.credentials?.get(endpoint.credentialHost) ?? this.config.nodeCredentials?.get(endpoint.credentialHost);
    return new RegistrySession(endpoint, ref.path, {
      ...(credential ? { credential } : {}),
      tokens: this.tokens,
      allowHttp: (host) => this.hosts.isInsecure(host),
      ...(this.config.timeoutMs ? { timeoutMs: this.config.timeoutMs } : {}),
    });
  }

  private async doPull(ref: ImageReference, options: PullOptions): Promise<PullResult> {
    const started = Date.now();
    try {
      const resolved = await this.resolve(ref, options);
      const result = await this.deps.store.withLease((lease) => this.fetchImage(ref, resolved, options, lease));
      this.logger.info('pulled image', {
        reference: ref.string,
        digest: result.digest,
        endpoint: resolved.session.endpoint.base,
        newLayers: result.newLayers,
        reusedLayers: result.reusedLayers,
        bytesDownloaded: result.bytesDownloaded,
        ms: Date.now() - started,
      });
      return result;
    } catch (err) {
      const code = err instanceof ImageError ? err.code : 'PullFailed';
      throw new ImageError(code, `failed to pull and unpack image "${ref.string}": ${errorMessage(err)}`, { cause: err });
    }
  }

  /** Step 1: the first endpoint that has the manifest; errors as containerd words them. */
  private async resolve(ref: ImageReference, options: PullOptions): Promise<{ session: RegistrySession; digest: string; mediaType: string; data: Buffer }> {
    const errors: ImageError[] = [];
    for (const endpoint of this.hosts.endpoints(ref.domain)) {
      const session = this.session(endpoint, ref, options);
      try {
        const m = await this.fetchManifest(session, ref.digest ?? ref.tag ?? 'latest', ref);
        return { session, ...m };
      } catch (err) {
        const e = err instanceof ImageError ? err : new ImageError('PullFailed', errorMessage(err), { cause: err });
        this.logger.debug('registry endpoint failed', { reference: ref.string, endpoint: endpoint.base, error: e.message });
        errors.push(e);
      }
    }
    const real = errors.find((e) => e.code !== 'NotFound');
    const first = real ?? errors[0] ?? new ImageError('NotFound', `${ref.string}: not found`);
    throw new ImageError(first.code, `failed to resolve reference "${ref.string}": ${first.message}`, { cause: first });
  }

  private async fetchManifest(session: RegistrySession, reference: string, ref: ImageReference): Promise<{ digest: string; mediaType: string; data: Buffer }> {
    const res = await session.get('manifests', reference, { Accept: manifestAccept });
    if (res.status === 404) {
      res.body.resume();
      throw new ImageError('NotFound', `${ref.string}: not found`);
    }
    const data = await readBody(res);
    if (res.status !== 200) throw statusError(res, 'manifest', data);
    const expected = reference.includes(':') ? reference : undefined;
    const header = res.headers['docker-content-digest'];
    const claimed = expected ?? (typeof header === 'string' && isValidDigest(header) ? header : undefined);
    const digest = claimed ? hashOf(claimed, data) : hashOf('sha256:', data);
    if (claimed && digest !== claimed) throw new ImageError('DigestMismatch', `manifest ${reference} hashes to ${digest}, expected ${claimed}`);
    let mediaType = (parseJson<{ mediaType?: string }>(data, `manifest ${digest}`).mediaType ?? '') || String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (!manifestTypes.has(mediaType) && !indexTypes.has(mediaType)) {
      const doc = parseJson<{ manifests?: unknown; config?: unknown }>(data, `manifest ${digest}`);
      if (Array.isArray(doc.manifests)) mediaType = MediaTypes.ociIndex;
      else if (doc.config) mediaType = MediaTypes.ociManifest;
      else throw new ImageError('UnsupportedMediaType', `unsupported manifest media type "${mediaType}" (Docker schema 1 images are not supported)`);
    }
    return { digest, mediaType, data };
  }

  private async fetchSmallBlob(session: RegistrySession, desc: Descriptor, what: string): Promise<Buffer> {
    const res = await session.get('blobs', desc.digest);
    if (res.status === 404) {
      res.body.resume();
      throw new ImageError('NotFound', `${what} ${desc.digest}: not found`);
    }
    const data = await readBody(res, 16 * 1024 * 1024);
    if (res.status !== 200) throw statusError(res, what, data);
    const digest = hashOf(desc.digest, data);
    if (digest !== desc.digest) throw new ImageError('DigestMismatch', `${what} hashes to ${digest}, expected ${desc.digest}`);
    return data;
  }

  /** Steps 2–4. */
  private async fetchImage(
    ref: ImageReference,
    resolved: { session: RegistrySession; digest: string; mediaType: string; data: Buffer },
    options: PullOptions,
    lease: ContentLease,
  ): Promise<PullResult> {
    const { session } = resolved;
    const store = this.deps.store;
    const documents: { digest: string; mediaType: string; data: Buffer }[] = [resolved];
    let manifestDoc: { digest: string; mediaType: string; data: Buffer } = resolved;
    // 2. An index: this platform's manifest (nested indexes are followed, up to a few levels).
    for (let depth = 0; indexTypes.has(manifestDoc.mediaType); depth++) {
      if (depth > 4) throw new ImageError('PullFailed', 'image indexes nested too deeply');
      const index: ImageIndex = checkIndex(parseJson(manifestDoc.data, `index ${manifestDoc.digest}`), `index ${manifestDoc.digest}`);
      const entry = index.manifests.find((d) => platformMatches(d.platform, this.platform));
      if (!entry) {
        const want = [this.platform.os, this.platform.architecture, this.platform.variant].filter(Boolean).join('/');
        throw new ImageError('NoMatchingPlatform', `no match for platform in manifest ${manifestDoc.digest}: not found (want ${want})`);
      }
      manifestDoc = await this.fetchManifest(session, entry.digest, ref);
      documents.push(manifestDoc);
    }
    const manifest: ImageManifest = checkManifest(parseJson(manifestDoc.data, `manifest ${manifestDoc.digest}`), `manifest ${manifestDoc.digest}`);
    // 3. Config, then the layers the store lacks.
    const configData = await this.fetchSmallBlob(session, manifest.config, 'config');
    const config: ImageConfigDocument = checkConfig(parseJson(configData, `image config ${manifest.config.digest}`), `image config ${manifest.config.digest}`);
    const diffIDs = config.rootfs.diff_ids;
    if (diffIDs.length !== manifest.layers.length) {
      throw new ImageError('PullFailed', `manifest ${manifestDoc.digest} has ${manifest.layers.length} layers but its config lists ${diffIDs.length}`);
    }
    const layers = manifest.layers.map((desc, i) => ({ desc, diffID: diffIDs[i]!, present: store.hasLayer(diffIDs[i]!) }));
    options.onProgress?.({
      type: 'resolved',
      reference: ref.string,
      digest: resolved.digest,
      endpoint: session.endpoint.base,
      layers: layers.map((l) => ({ digest: l.desc.digest, size: l.desc.size, present: l.present })),
    });
    let bytesDownloaded = 0;
    let newLayers = 0;
    let reusedLayers = 0;
    await mapLimit(layers, this.config.concurrency ?? 3, async ({ desc, diffID, present }) => {
      if (present && store.hasLayer(diffID)) {
        reusedLayers++;
        options.onProgress?.({ type: 'layer-done', digest: desc.digest, size: desc.size, downloaded: false });
        return;
      }
      const fetched = await this.downloadLayer(session, desc, diffID, lease, options);
      bytesDownloaded += fetched;
      newLayers++;
      options.onProgress?.({ type: 'layer-done', digest: desc.digest, size: desc.size, downloaded: true });
    });
    // 4. Documents, then the names.
    lease.add(manifest.config.digest);
    await store.writeBlob(configData, manifest.config.digest);
    for (const doc of documents) {
      lease.add(doc.digest);
      await store.writeBlob(doc.data, doc.digest);
    }
    const record = store.commitImage({
      names: [ref.string],
      target: resolved.digest,
      manifests: documents.map((d) => ({ digest: d.digest, mediaType: d.mediaType })),
      config: { digest: manifest.config.digest, doc: config },
    });
    const size = manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0);
    return { record, reference: ref.string, digest: resolved.digest, size, bytesDownloaded, newLayers, reusedLayers };
  }

  /** Downloads (once per digest, however many pulls ask) and stores one layer; returns bytes fetched. */
  private downloadLayer(session: RegistrySession, desc: Descriptor, diffID: string, lease: ContentLease, options: PullOptions): Promise<number> {
    const inflight = this.downloads.get(desc.digest);
    if (inflight) return inflight.then(() => 0);
    const promise = (async () => {
      const store = this.deps.store;
      let path = store.ingestPath(desc.digest);
      let release = await claim(path);
      if (!release) {
        // Another live process is downloading this blob into the shared file: use our own.
        path = `${path}-${process.pid}-${Date.now()}`;
        release = async () => {};
      }
      try {
        const fetched = await this.fetchWithRetries(session, desc, path, options);
        await store.ingestLayerFile(path, { digest: desc.digest, diffID, mediaType: desc.mediaType }, lease);
        return fetched;
      } finally {
        await release();
      }
    })().finally(() => this.downloads.delete(desc.digest));
    this.downloads.set(desc.digest, promise);
    return promise;
  }

  private async fetchWithRetries(session: RegistrySession, desc: Descriptor, path: string, options: PullOptions): Promise<number> {
    const retries = this.config.retries ?? 3;
    let fetched = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.fetchBlobInto(session, desc, path, options, (n) => (fetched += n));
        return fetched;
      } catch (err) {
        const retryable = err instanceof ImageError ? err.code === 'RegistryUnavailable' : true;
        if (!retryable || attempt >= retries) throw err;
        this.logger.info('layer download interrupted, resuming', { digest: desc.digest, attempt: attempt + 1, error: errorMessage(err) });
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
  }

  /**
   * Fetches the rest of blob `desc` into `path`: what the file holds already is kept and hashed,
   * the remainder asked for with `Range` (a server answering 200 instead restarts the file).
   * Bytes received are reported to `onFetched`. Throws `DigestMismatch`
   * (the file is deleted) or `RegistryUnavailable` for a cut connection (the file stays).
   */
  private async fetchBlobInto(session: RegistrySession, desc: Descriptor, path: string, options: PullOptions, onFetched: (n: number) => void): Promise<void> {
    const algorithm = desc.digest.slice(0, desc.digest.indexOf(':'));
    let offset = (await stat(path).catch(() => undefined))?.size ?? 0;
    if (offset > desc.size) {
      await rm(path, { force: true });
      offset = 0;
    }
    let hash = createHash(algorithm);
    if (offset > 0) for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
    if (offset < desc.size) {
      const res = await session.get('blobs', desc.digest, offset > 0 ? { Range: `bytes=${offset}-` } : {});
      if (res.status === 404) {
        res.body.resume();
        throw new ImageError('NotFound', `blob ${desc.digest}: not found`);
      }
      const rangeStart = Number(/^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''))?.[1] ?? NaN);
      if (res.status === 206 && rangeStart === offset) {
        // resuming
      } else if (res.status === 200) {
        if (offset > 0) this.logger.debug('registry ignored Range: downloading the blob again', { digest: desc.digest });
        offset = 0;
        hash = createHash(algorithm);
      } else {
        throw statusError(res, `blob ${desc.digest}`, await readBody(res, 64 * 1024).catch(() => Buffer.alloc(0)));
      }
      const fh = await open(path, offset > 0 ? 'a' : 'w', 0o600);
      try {
        for await (const chunk of res.body as AsyncIterable<Buffer>) {
          hash.update(chunk);
          await fh.write(chunk);
          offset += chunk.length;
          onFetched(chunk.length);
          if (offset > desc.size) break;
          options.onProgress?.({ type: 'layer', digest: desc.digest, bytes: offset, size: desc.size });
        }
      } catch (err) {
        throw new ImageError('RegistryUnavailable', `reading blob ${desc.digest} from ${res.url.host}: ${errorMessage(err)}`, { cause: err });
      } finally {
        await fh.close();
      }
      if (offset < desc.size) throw new ImageError('RegistryUnavailable', `blob ${desc.digest}: connection closed after ${offset} of ${desc.size} bytes`);
    }
    const digest = `${algorithm}:${hash.digest('hex')}`;
    if (offset !== desc.size || digest !== desc.digest) {
      await rm(path, { force: true });
      throw new ImageError('DigestMismatch', `blob ${desc.digest}: got ${offset} bytes hashing to ${digest}, expected ${desc.size} bytes`);
    }
  }
}
