import { PodyardError } from '../../base/index.js';

/** Codes of {@link ProtobufError}. */
export type ProtobufErrorCode =
  | 'UnsupportedKind' // the body is well-formed but its apiVersion/kind has no field table here
  | 'Malformed'; // not a `k8s\0` runtime.Unknown envelope, truncated, bad wire type, invalid embedded JSON, …

/**
 * Thrown by {@link decodeProtobufObject}. The API server answers `UnsupportedKind` with 415
 * UnsupportedMediaType and `Malformed` with 400 BadRequest.
 */
export class ProtobufError extends PodyardError<ProtobufErrorCode> {}
