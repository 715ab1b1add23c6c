/**
 * Coded errors of the prober and the lifecycle hook runner (STYLE §2.5).
 * @module
 */
import { PodyardError } from '../../base/index.js';

/** The codes this module throws. */
export const probeErrorCodes = {
  /** A TCP connection could not be made (refused, unreachable, no such netns). */
  DialFailed: 'DialFailed',
  /** A TCP connection did not complete within the probe's timeout. */
  DialTimeout: 'DialTimeout',
  /** The probe's port is a name no container port has, or out of range. */
  InvalidPort: 'InvalidPort',
  /** The probe has no handler (exec, httpGet, tcpSocket or grpc). */
  MissingHandler: 'MissingHandler',
  /** A lifecycle hook (postStart/preStop) failed; the message is the kubelet's. */
  HookFailed: 'HookFailed',
} as const;

/** One of {@link probeErrorCodes}. */
export type ProbeErrorCode = (typeof probeErrorCodes)[keyof typeof probeErrorCodes];

/** A prober or hook error; messages read like the kubelet's (they end up in events). */
export class ProbeError extends PodyardError<ProbeErrorCode> {}
