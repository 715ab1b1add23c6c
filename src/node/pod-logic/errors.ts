/**
 * Coded errors of the pod-semantics core. Node-side codes *are* container waiting reasons
 * (STYLE §2.5): the kubelet copies `code` into `state.waiting.reason` and `message` into
 * `state.waiting.message`, exactly as kubelet's `startContainer` does with its SyncResult.
 * @module
 */
import { PodyardError } from '../../base/index.js';
import { ContainerReasons } from '../../apis/index.js';

/** The codes this module throws, each a container waiting reason. */
export const podLogicErrorCodes = {
  /** The container's configuration cannot be built: a missing ConfigMap/Secret or key, a bad fieldRef, runAsNonRoot violated. */
  CreateContainerConfigError: ContainerReasons.CreateContainerConfigError,
  /** The runtime spec cannot be built from container and image config (for example no command at all). */
  CreateContainerError: ContainerReasons.CreateContainerError,
} as const;

/** One of {@link podLogicErrorCodes}. */
export type PodLogicErrorCode = (typeof podLogicErrorCodes)[keyof typeof podLogicErrorCodes];

/**
 * An error with a kubelet waiting reason as its code and the kubelet's message, character for
 * character (`configmap "x" not found`, `couldn't find key y in ConfigMap default/x`).
 */
export class PodLogicError extends PodyardError<PodLogicErrorCode> {}

/** True when `err` is a {@link PodLogicError} (optionally with the given code). */
export function isPodLogicError(err: unknown, code?: PodLogicErrorCode): err is PodLogicError {
  return err instanceof PodLogicError && (code === undefined || err.code === code);
}
