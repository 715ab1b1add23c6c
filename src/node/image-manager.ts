import { statfs } from 'node:fs/promises';
import type { Clock, Logger } from '../base/index.js';
import { errorMessage, PodyardError } from '../base/index.js';
import { ContainerReasons, EventReasons, type Container, type Pod, type Secret } from '../apis/index.js';
import type { InvolvedObject } from '../client/index.js';
import {
  ImageError,
  mergeCredentials,
  normalizeReference,
  parseDockerConfig,
  parseReference,
  type ImageRecord,
  type ImageStore,
  type PruneResult,
  type RegistryCredential,
  type RegistryPuller,
} from '../images/index.js';
import type { ContainerConfig, RuntimeService } from '../runtime/index.js';

/** An image ready for a container: its record, overlay lower dirs and runtime config. */
export interface ResolvedImage {
  record: ImageRecord;
  image: string;
  imageRef: string;
  lowerDirs: string[];
  config: NonNullable<ContainerConfig['imageConfig']>;
}

/** Why a container waits for its image; `reason` is a container waiting reason. */
export class ImageWaitError extends PodyardError<'ErrImagePull' | 'ImagePullBackOff' | 'ErrImageNeverPull' | 'InvalidImageName'> {}

/** Records an Event about the pod itself (no container fieldPath), as the kubelet's `recorder.Eventf(pod, …)`. */
export type PodEventReporter = (type: 'Normal' | 'Warning', reason: string, message: string) => Promise<void>;

/**
 * Pulls an image from its registry into the store, with the pod's imagePullSecrets; resolves
 * to the image's size (compressed, as containerd reports it) when known. `report` records
 * pod-level events on the way (a missing pull secret). See {@link registryImagePuller}.
 */
export type ImagePuller = (reference: string, pod: Pod, report?: PodEventReporter) => Promise<{ size?: number } | void>;

type Record_ = (obj: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string) => Promise<void>;

/** The kubelet's image pull back-off: 10 s doubling to 300 s (flowcontrol.NewBackOff in kubelet.go). */
const initialBackoffMs = 10_000;
const maxBackoffMs = 300_000;

/**
 * A Go `time.Duration` string of `ms` truncated to milliseconds, as the kubelet prints pull
 * times: `313ms`, `1.661s`, `15.981s`, `2m3.5s`, `0s`.
 */
export function goDuration(ms: number): string {
  const total = Math.max(0, Math.trunc(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const secMs = total % 60_000;
  const seconds = `${Math.floor(secMs / 1000)}${secMs % 1000 ? `.${String(secMs % 1000).padStart(3, '0').replace(/0+$/, '')}` : ''}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}

/** The default pull policy of an image (defaults.go SetDefaults_Container: `:latest` or no tag → Always). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  try {
    const ref = parseReference(image);
    if (ref.digest !== undefined) return 'IfNotPresent';
    return ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
  } catch {
    return 'IfNotPresent';
  }
}

/**
 * Applies a container's imagePullPolicy against the local image store, as the kubelet's image
 * manager does (`EnsureImageExists` in pkg/kubelet/images/image_manager.go): `Never` uses a
 * present image or fails with ErrImageNeverPull, `IfNotPresent` pulls a missing one, `Always`
 * always asks the registry (a pull of an unchanged image downloads only its manifest). Failures
 * are ErrImagePull, then ImagePullBackOff while the per-(pod, image) back-off lasts; every step
 * is recorded with the kubelet's events and messages.
 */
export class ImageManager {
  private readonly backoff = new Map<string, { updatedMs: number; delayMs: number }>();
  private readonly lastPullError = new Map<string, string>();

  constructor(
    private readonly deps: { images: ImageStore; clock: Clock; logger: Logger; record: Record_; pull?: ImagePuller },
  ) {}

  /** Ensures the image of `container` is present and unpacked; throws {@link ImageWaitError}. */
  async ensure(pod: Pod, container: Container, ref: InvolvedObject, signal?: AbortSignal): Promise<ResolvedImage> {
    const image = container.image ?? '';
    let normalized: string;
    try {
      normalized = normalizeReference(image);
    } catch (err) {
      const message = `Failed to apply default image tag "${image}": couldn't parse image reference "${image}": ${errorMessage(err).replace(/^couldn't parse image name "[^"]*": /, '')}`;
      await this.deps.record(ref, 'Warning', EventReasons.FailedToInspectImage, message);
      throw new ImageWaitError(ContainerReasons.InvalidImageName, message, { cause: err });
    }
    const policy = container.imagePullPolicy ?? defaultPullPolicy(image);
    let record = this.deps.images.resolve(normalized);
    const shouldPull = policy === 'Always' || (policy === 'IfNotPresent' && !record);
    if (!shouldPull) {
      if (!record) {
        const message = `Container image "${image}" is not present with pull policy of Never`;
        await this.deps.record(ref, 'Warning', EventReasons.ErrImageNeverPull, message);
        throw new ImageWaitError(ContainerReasons.ErrImageNeverPull, message);
      }
      await this.deps.record(ref, 'Normal', EventReasons.PulledImage, `Container image "${image}" already present on machine`);
    } else {
      record = await this.pullWithBackoff(pod, image, normalized, ref, signal);
    }
    let lowerDirs: string[];
    try {
      lowerDirs = await this.deps.images.layerPaths(record);
    } catch (err) {
      if (err instanceof ImageError) throw new ImageWaitError(ContainerReasons.ErrImagePull, errorMessage(err), { cause: err });
      throw err;
    }
    const cfg = await this.deps.images.imageConfig(record);
    return {
      record,
      image: normalized,
      imageRef: record.repoDigests[0] ?? record.id,
      lowerDirs,
      config: {
        ...(cfg.Entrypoint.length ? { entrypoint: cfg.Entrypoint } : {}),
        ...(cfg.Cmd.length ? { cmd: cfg.Cmd } : {}),
        ...(cfg.Env.length ? { env: cfg.Env } : {}),
        ...(cfg.WorkingDir ? { workingDir: cfg.WorkingDir } : {}),
        ...(cfg.User ? { user: cfg.User } : {}),
        ...(cfg.StopSignal ? { stopSignal: cfg.StopSignal } : {}),
      },
    };
  }

  /**
   * Pulls with the per-(pod, image) back-off. An aborted `signal` (the pod was deleted) stops the
   * wait with an AbortError and records nothing; the pull itself goes on for other waiters.
   */
  private async pullWithBackoff(pod: Pod, image: string, normalized: string, ref: InvolvedObject, signal?: AbortSignal): Promise<ImageRecord> {
    const key = `${pod.metadata.uid ?? ''}_${image}`;
    const now = this.deps.clock.now();
    const b = this.backoff.get(key);
    if (b && now - b.updatedMs < b.delayMs) {
      const event = `Back-off pulling image "${image}"`;
      await this.deps.record(ref, 'Normal', EventReasons.BackOffPullImage, event);
      const previous = this.lastPullError.get(key);
      throw new ImageWaitError(ContainerReasons.ImagePullBackOff, previous ? `${event}: ${previous}` : event);
    }
    await this.deps.record(ref, 'Normal', EventReasons.PullingImage, `Pulling image "${image}"`);
    const started = this.deps.clock.now();
    try {
      if (!this.deps.pull) {
        throw new ImageError('PullFailed', `pulling from registries is not configured: load the image with "podyard image load" (${normalized})`);
      }
      const podRef: InvolvedObject = { ...ref };
      delete podRef.fieldPath;
      const pulled = await untilAborted(
        this.deps.pull(normalized, pod, (type, reason, message) => this.deps.record(podRef, type, reason, message)),
        signal,
      );
      const record = this.deps.images.resolve(normalized);
      if (!record) throw new ImageError('ImageNotFound', `image ${normalized} was pulled but is not in the store`);
      const took = goDuration(this.deps.clock.now() - started);
      const size = (pulled && pulled.size) ?? record.size;
      await this.deps.record(ref, 'Normal', EventReasons.PulledImage, `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`);
      this.backoff.delete(key);
      this.lastPullError.delete(key);
      return record;
    } catch (err) {
      if (isAbortError(err)) throw err;
      const message = errorMessage(err);
      await this.deps.record(ref, 'Warning', EventReasons.FailedToPullImage, `Failed to pull image "${image}": ${message}`);
      // flowcontrol.Backoff.Next: start at 10 s, double up to 300 s; forget after 2×max idle.
      const now2 = this.deps.clock.now();
      const fresh = !b || now2 - b.updatedMs > 2 * maxBackoffMs;
      this.backoff.set(key, { updatedMs: now2, delayMs: fresh ? initialBackoffMs : Math.min(b.delayMs * 2, maxBackoffMs) });
      this.lastPullError.set(key, message);
      // kuberuntime startContainer's event for any EnsureImageExists failure.
      await this.deps.record(ref, 'Warning', EventReasons.FailedToPullImage, `Error: ${ContainerReasons.ErrImagePull}`);
      throw new ImageWaitError(ContainerReasons.ErrImagePull, message, { cause: err });
    }
  }

  /** Forgets back-off state of pods no longer on this node. */
  forgetPod(uid: string): void {
    for (const key of [...this.backoff.keys()]) {
      if (key.startsWith(`${uid}_`)) {
        this.backoff.delete(key);
        this.lastPullError.delete(key);
      }
    }
  }
}

/** Whether `err` is the AbortError of an aborted wait. */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

/** `work`, or an AbortError as soon as `signal` aborts (the work itself is not cancelled). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new DOMException('the pod was deleted', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('the pod was deleted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Secret types that carry registry credentials. */
const dockerConfigKeys: Record<string, string> = {
  'kubernetes.io/dockerconfigjson': '.dockerconfigjson',
  'kubernetes.io/dockercfg': '.dockercfg',
};

/** Registry credentials from a pod's imagePullSecrets (Secrets of type dockerconfigjson or dockercfg). */
export function credentialsFromSecrets(secrets: readonly Secret[], logger?: Logger): Map<string, RegistryCredential> {
  const maps = secrets.map((s) => {
    const key = dockerConfigKeys[s.type ?? ''];
    const data = key ? s.data?.[key] : undefined;
    if (!data) return undefined;
    try {
      return parseDockerConfig(Buffer.from(data, 'base64'));
    } catch (err) {
      logger?.warn('ignoring an image pull secret that does not parse', { secret: s.metadata?.name, error: errorMessage(err) });
      return undefined;
    }
  });
  return mergeCredentials(...maps);
}

/**
 * The {@link ImagePuller} the node agent uses: reads the pod's `imagePullSecrets` through the
 * API (as the kubelet's `getPullSecretsForPod`: a missing Secret is a Warning
 * `FailedToRetrieveImagePullSecret` event on the pod and the pull goes on without it), then
 * pulls with {@link RegistryPuller} (pod credentials first, then the node's).
 */
export function registryImagePuller(deps: {
  puller: RegistryPuller;
  getSecret: (namespace: string, name: string) => Promise<Secret | undefined>;
  logger: Logger;
}): ImagePuller {
  return async (reference, pod, report) => {
    const namespace = pod.metadata.namespace ?? 'default';
    const secrets: Secret[] = [];
    const missing: string[] = [];
    for (const { name } of pod.spec?.imagePullSecrets ?? []) {
      if (!name) continue;
      const secret = await deps.getSecret(namespace, name).catch(() => undefined);
      if (secret) secrets.push(secret);
      else missing.push(name);
    }
    if (missing.length) {
      // kubelet.go: the names alone, joined with ", ".
      const message = `Unable to retrieve some image pull secrets (${missing.join(', ')}); attempting to pull the image may not succeed.`;
      deps.logger.info('Unable to retrieve pull secret, the image pull may not succeed.', { pod: `${namespace}/${pod.metadata.name}`, secrets: missing });
      await report?.('Warning', EventReasons.FailedToRetrieveImagePullSecret, message);
    }
    const result = await deps.puller.pull(reference, { credentials: credentialsFromSecrets(secrets, deps.logger) });
    return { size: result.size };
  };
}

/** Image garbage collection policy (KubeletConfiguration imageGCHigh/LowThresholdPercent). */
export interface ImageGcPolicy {
  /** Collect when the image filesystem's usage is at or above this percentage (default 85). */
  highThresholdPercent?: number;
  /** Free down to this percentage (default 80). */
  lowThresholdPercent?: number;
  /** How often to check (default 5 minutes, the kubelet's ImageGCPeriod). */
  intervalMs?: number;
}

/** Capacity and free space of a filesystem. */
export interface FsStats {
  capacityBytes: number;
  availableBytes: number;
}

/**
 * The kubelet's image garbage collector (pkg/kubelet/images/image_gc_manager.go): when the
 * filesystem holding the image store is `highThresholdPercent` full, deletes images no container
 * uses (running or not: every container the runtime still has), least recently pulled first,
 * until usage is back to `lowThresholdPercent`.
 */
export class ImageGarbageCollector {
  private timer: ReturnType<Clock['setTimeout']> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      images: ImageStore;
      runtime: Pick<RuntimeService, 'listContainers'>;
      clock: Clock;
      logger: Logger;
      /** Filesystem stats of the store's directory (default: statfs). */
      fsStats?: (path: string) => Promise<FsStats>;
    },
    private readonly policy: ImageGcPolicy = {},
  ) {}

  /** The images containers use: names and digests as the runtime recorded them. */
  async inUse(): Promise<Set<string>> {
    const out = new Set<string>();
    for (const c of await this.deps.runtime.listContainers()) {
      if (c.image.image) {
        out.add(c.image.image);
        try {
          out.add(normalizeReference(c.image.image));
        } catch {
          // an image ID, kept as is
        }
      }
      if (c.image.imageRef) out.add(c.image.imageRef);
    }
    return out;
  }

  /** One collection pass; returns what was freed, or undefined when usage is below the threshold. */
  async garbageCollect(): Promise<PruneResult | undefined> {
    const high = this.policy.highThresholdPercent ?? 85;
    const low = this.policy.lowThresholdPercent ?? 80;
    const stats = await (this.deps.fsStats ?? defaultFsStats)(this.deps.images.dir);
    if (stats.capacityBytes <= 0) return undefined;
    const usagePercent = 100 - (stats.availableBytes * 100) / stats.capacityBytes;
    if (usagePercent < high) return undefined;
    const amountToFree = Math.ceil((stats.capacityBytes * (100 - low)) / 100 - stats.availableBytes);
    const inUse = await this.inUse();
    const result = await this.deps.images.freeSpace(amountToFree, inUse);
    this.deps.logger.info('image garbage collection', { usagePercent: Math.round(usagePercent), amountToFree, deleted: result.deletedImages.length, reclaimedBytes: result.reclaimedBytes });
    if (result.reclaimedBytes < amountToFree) {
      this.deps.logger.warn(`Failed to garbage collect required amount of images. Attempted to free ${amountToFree} bytes, but only found ${result.reclaimedBytes} bytes eligible to free.`);
    }
    return result;
  }

  /** Runs {@link garbageCollect} every `intervalMs` until {@link stop}. */
  start(): void {
    const tick = () => {
      void this.garbageCollect()
        .catch((err: unknown) => this.deps.logger.warn('image garbage collection failed', { error: errorMessage(err) }))
        .finally(() => {
          if (!this.stopped) this.timer = this.deps.clock.setTimeout(tick, this.policy.intervalMs ?? 5 * 60_000);
        });
    };
    this.timer = this.deps.clock.setTimeout(tick, this.policy.intervalMs ?? 5 * 60_000);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
  }
}

async function defaultFsStats(path: string): Promise<FsStats> {
  const s = await statfs(path);
  return { capacityBytes: s.blocks * s.bsize, availableBytes: s.bavail * s.bsize };
}
