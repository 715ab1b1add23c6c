/**
 * The volume manager's error catalog (STYLE §2.5). Codes are the kubelet reasons the node agent
 * reports: `FailedMount` is the event reason of a volume that cannot be set up (the pod stays in
 * ContainerCreating and the sync is retried), `CreateContainerConfigError` the waiting reason of
 * a container whose mounts cannot be built (a missing volume, a bad subPath).
 * @module
 */
import { PodyardError } from '../../base/index.js';

/** The codes this module throws. */
export type VolumeErrorCode =
  | 'FailedMount' // a volume of the pod could not be set up (kubelet event reason FailedMount)
  | 'FailedUnmount' // a mount under the pod directory could not be removed on teardown
  | 'CreateContainerConfigError'; // a container's mounts could not be built (missing volume, bad subPath)

/** Every {@link VolumeErrorCode} with its meaning (for docs and the error-catalog test). */
export const volumeErrorCodes: Record<VolumeErrorCode, string> = {
  FailedMount: 'a volume of the pod could not be set up; the message is the kubelet event message',
  FailedUnmount: 'a mount under the pod directory could not be removed; the pod directory was kept',
  CreateContainerConfigError: "a container's mounts could not be built (missing volume, bad subPath); the message is the kubelet's",
};

/** One volume that failed to set up, with the kubelet's event message for it. */
export interface VolumeFailure {
  volume: string;
  /** `MountVolume.SetUp failed for volume "x" : configmap "y" not found`. */
  message: string;
}

/**
 * A coded volume failure. For `FailedMount`, {@link failures} lists every volume that failed
 * (the kubelet records one FailedMount event per volume); `message` joins them with `; `.
 */
export class VolumeError extends PodyardError<VolumeErrorCode> {
  constructor(
    code: VolumeErrorCode,
    message: string,
    options?: { cause?: unknown; failures?: VolumeFailure[] },
  ) {
    super(code, message, options);
    this.failures = options?.failures ?? [];
  }

  readonly failures: VolumeFailure[];
}

/** True when `err` is a {@link VolumeError} (optionally with the given code). */
export function isVolumeError(err: unknown, code?: VolumeErrorCode): err is VolumeError {
  return err instanceof VolumeError && (code === undefined || err.code === code);
}
