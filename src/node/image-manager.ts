import type { Clock, Logger } from '../base/index.js';
import { errorMessage, PodyardError } from '../base/index.js';
import { ContainerReasons, EventReasons, type Container, type Pod } from '../apis/index.js';
import type { InvolvedObject } from '../client/index.js';
import { ImageError, normalizeReference, type ImageRecord, type ImageStore } from '../images/index.js';
import type { ContainerConfig } from '../runtime/index.js';

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

/** Pulls an image from its registry into the store (issue #5 supplies it). */
export type ImagePuller = (reference: string, pod: Pod) => Promise<void>;

type Record_ = (obj: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string) => Promise<void>;

const initialBackoffMs = 10_000;
const maxBackoffMs = 300_000;

/**
 * Applies a container's imagePullPolicy against the local image store, as the kubelet's image
 * manager does (`EnsureImageExists`): Never and IfNotPresent use a present image, a missing one
 * is pulled (when a puller is configured), failures turn into ErrImagePull then ImagePullBackOff
 * with exponential back-off per image, each step recorded as the kubelet's events.
 */
export class ImageManager {
  private readonly backoff = new Map<string, { untilMs: number; delayMs: number }>();

  constructor(
    private readonly deps: { images: ImageStore; clock: Clock; logger: Logger; record: Record_; pull?: ImagePuller },
  ) {}

  /** Ensures the image of `container` is present and unpacked; throws {@link ImageWaitError}. */
  async ensure(pod: Pod, container: Container, ref: InvolvedObject): Promise<ResolvedImage> {
    const image = container.image ?? '';
    let normalized: string;
    try {
      normalized = normalizeReference(image);
    } catch (err) {
      const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${errorMessage(err)}`;
      await this.deps.record(ref, 'Warning', EventReasons.FailedToInspectImage, message);
      throw new ImageWaitError(ContainerReasons.InvalidImageName, message, { cause: err });
    }
    const policy = container.imagePullPolicy ?? 'IfNotPresent';
    let record = this.deps.images.resolve(normalized);
    if (!record && policy === 'Never') {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      await this.deps.record(ref, 'Warning', EventReasons.ErrImageNeverPull, message);
      throw new ImageWaitError(ContainerReasons.ErrImageNeverPull, message);
    }
    if (!record) {
      const now = this.deps.clock.now();
      const b = this.backoff.get(normalized);
      if (b && now < b.untilMs) {
        await this.deps.record(ref, 'Normal', EventReasons.BackOffPullImage, `Back-off pulling image "${image}"`);
        throw new ImageWaitError(ContainerReasons.ImagePullBackOff, `Back-off pulling image "${image}"`);
      }
      try {
        await this.deps.record(ref, 'Normal', EventReasons.PullingImage, `Pulling image "${image}"`);
        const started = this.deps.clock.now();
        if (!this.deps.pull) {
          throw new Error(`pull access to registries is not configured: load the image with "podyard image load" (${normalized})`);
        }
        await this.deps.pull(normalized, pod);
        record = this.deps.images.resolve(normalized);
        if (!record) throw new Error(`image ${normalized} was pulled but is not in the store`);
        const seconds = ((this.deps.clock.now() - started) / 1000).toFixed(3);
        await this.deps.record(ref, 'Normal', EventReasons.PulledImage, `Successfully pulled image "${image}" in ${seconds}s. Image size: ${record.size} bytes.`);
        this.backoff.delete(normalized);
      } catch (err) {
        const delayMs = Math.min((b?.delayMs ?? initialBackoffMs / 2) * 2, maxBackoffMs);
        this.backoff.set(normalized, { untilMs: now + delayMs, delayMs });
        const message = `Failed to pull image "${image}": ${errorMessage(err)}`;
        await this.deps.record(ref, 'Warning', EventReasons.FailedToPullImage, message);
        await this.deps.record(ref, 'Warning', EventReasons.FailedToPullImage, `Error: ${ContainerReasons.ErrImagePull}`);
        throw new ImageWaitError(ContainerReasons.ErrImagePull, message, { cause: err });
      }
    } else {
      await this.deps.record(ref, 'Normal', EventReasons.PulledImage, `Container image "${image}" already present on machine`);
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
}
