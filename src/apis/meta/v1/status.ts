/**
 * Status errors, after apimachinery `pkg/api/errors/errors.go`: every failure at the API
 * boundary is a {@link StatusError} carrying a `meta/v1` {@link Status}. kubectl prints
 * `Error from server (<reason>): <message>`, so the messages here match Kubernetes character for
 * character. Objects are built in Go's JSON field order and omit empty fields like `omitempty`.
 */
import { goQuote } from './go-format.js';
import { aggregateFieldErrors, fieldErrorBody, type FieldError } from './field-path.js';
import {
  groupKindString,
  groupResourceString,
  type GroupKind,
  type GroupResource,
  type Status,
  type StatusCause,
  type StatusDetails,
  type StatusReason,
} from './types.js';

/** apimachinery `registry/generic/registry.OptimisticLockErrorMsg`: the reason of a stale-resourceVersion conflict. */
export const optimisticLockErrorMsg =
  'the object has been modified; please apply your changes to the latest version and try again';

/** An error that is a Kubernetes Status; the API server renders `status` as the response body. */
export class StatusError extends Error {
  constructor(
    readonly status: Status,
    options?: { cause?: unknown },
  ) {
    super(status.message ?? '', options);
    this.name = 'StatusError';
  }

  /** The HTTP status code (`status.code`), 500 if unset. */
  get code(): number {
    return this.status.code ?? 500;
  }

  /** The `status.reason`, `''` if unset. */
  get reason(): StatusReason {
    return this.status.reason ?? '';
  }
}

/** Details with Go's `omitempty`: empty strings, zero and empty lists are left out. */
function details(d: StatusDetails): StatusDetails {
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.uid) out.uid = d.uid;
  if (d.causes && d.causes.length > 0) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

function failure(code: number, reason: StatusReason, message: string, d?: StatusDetails): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message };
  if (reason) status.reason = reason;
  if (d) status.details = details(d);
  status.code = code;
  return new StatusError(status);
}

function resourceDetails(gr: GroupResource, name?: string): StatusDetails {
  return { name, group: gr.group, kind: gr.resource };
}

function text(err: string | Error): string {
  return typeof err === 'string' ? err : err.message;
}

/** 404 NotFound: `pods "web" not found`, `leases.coordination.k8s.io "x" not found`. */
export function notFound(gr: GroupResource, name: string): StatusError {
  return failure(404, 'NotFound', `${groupResourceString(gr)} ${goQuote(name)} not found`, resourceDetails(gr, name));
}

/** 409 AlreadyExists: `pods "web" already exists`. */
export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return failure(409, 'AlreadyExists', `${groupResourceString(gr)} ${goQuote(name)} already exists`, resourceDetails(gr, name));
}

/** 409 AlreadyExists after `generateName` could not find a free name (`NewGenerateNameConflict`). */
export function generateNameConflict(gr: GroupResource, name: string, retryAfterSeconds: number): StatusError {
  return failure(
    409,
    'AlreadyExists',
    `${groupResourceString(gr)} ${goQuote(name)} already exists, the server was not able to generate a unique name for the object`,
    { ...resourceDetails(gr, name), retryAfterSeconds },
  );
}

/**
 * 409 Conflict: `Operation cannot be fulfilled on pods "web": <reason>`. The reason defaults to
 * {@link optimisticLockErrorMsg}, the stale-resourceVersion case.
 */
export function conflict(gr: GroupResource, name: string, reason: string | Error = optimisticLockErrorMsg): StatusError {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${groupResourceString(gr)} ${goQuote(name)}: ${text(reason)}`,
    resourceDetails(gr, name),
  );
}

/** 409 Conflict of a server-side apply (`NewApplyConflict`): causes carry the conflicting fields. */
export function applyConflict(causes: StatusCause[], message: string): StatusError {
  return failure(409, 'Conflict', message, { causes });
}

/**
 * 422 Invalid: `Pod "web" is invalid: spec.containers[0].image: Required value`, several errors
 * as `[a, b]` (ToAggregate, duplicates dropped). One cause per error (not de-duplicated), with the
 * error's body as `message` and its path as `field`.
 */
export function invalid(gk: GroupKind, name: string, errs: readonly FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => {
    const c: StatusCause = { reason: e.type };
    const m = fieldErrorBody(e);
    if (m) c.message = m;
    if (e.field) c.field = e.field;
    return c;
  });
  const agg = aggregateFieldErrors(errs);
  const base = `${groupKindString(gk)} ${goQuote(name)} is invalid`;
  return failure(422, 'Invalid', agg ? `${base}: ${agg}` : base, { name, group: gk.group, kind: gk.kind, causes });
}

/** 400 BadRequest with a free-text message (`NewBadRequest`). */
export function badRequest(message: string): StatusError {
  return failure(400, 'BadRequest', message);
}

/** 401 Unauthorized; an empty message becomes `not authorized`. */
export function unauthorized(message = ''): StatusError {
  return failure(401, 'Unauthorized', message || 'not authorized');
}

/**
 * 403 Forbidden: `pods "web" is forbidden: <err>`, `pods is forbidden: <err>` without a name,
 * `forbidden: <err>` without a resource.
 */
export function forbidden(gr: GroupResource, name: string, err: string | Error): StatusError {
  let message: string;
  const grs = groupResourceString(gr);
  if (!gr.group && !gr.resource) message = `forbidden: ${text(err)}`;
  else if (!name) message = `${grs} is forbidden: ${text(err)}`;
  else message = `${grs} ${goQuote(name)} is forbidden: ${text(err)}`;
  return failure(403, 'Forbidden', message, resourceDetails(gr, name));
}

/** 405 MethodNotAllowed: `<action> is not supported on resources of kind "pods"`. */
export function methodNotSupported(gr: GroupResource, action: string): StatusError {
  return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind ${goQuote(groupResourceString(gr))}`, {
    group: gr.group,
    kind: gr.resource,
  });
}

/** 406 NotAcceptable (apiserver `negotiation.NewNotAcceptableError`): `only the following media types are accepted: a, b`. */
export function notAcceptable(accepted: readonly string[]): StatusError {
  return failure(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

/**
 * 415 UnsupportedMediaType (apiserver `negotiation.NewUnsupportedMediaTypeError`):
 * `the body of the request was in an unknown format - accepted media types include: a, b`.
 * Takes the accepted types, not the rejected one: the real message names only the accepted.
 */
export function unsupportedMediaType(accepted: readonly string[]): StatusError {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

/** 410 Expired (`NewResourceExpired`): the requested resourceVersion is compacted. */
export function expired(message: string): StatusError {
  return failure(410, 'Expired', message);
}

/**
 * 410 Expired for a watch or list from a compacted resourceVersion, as the watch cache words it:
 * `too old resource version: 5 (100)`.
 */
export function tooOldResourceVersion(requested: number | string, oldest: number | string): StatusError {
  return expired(`too old resource version: ${requested} (${oldest})`);
}

/** 410 Gone (`NewGone`, deprecated upstream in favour of {@link expired}). */
export function gone(message: string): StatusError {
  return failure(410, 'Gone', message);
}

/** 413 RequestEntityTooLarge: `Request entity too large: <message>`. */
export function requestEntityTooLarge(message: string): StatusError {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);
}

/** 429 TooManyRequests (`NewTooManyRequests`): the message as given, with `retryAfterSeconds`. */
export function tooManyRequests(message: string, retryAfterSeconds = 0): StatusError {
  return failure(429, 'TooManyRequests', message, { retryAfterSeconds });
}

/** 504 Timeout (`NewTimeoutError`): `Timeout: <message>`. */
export function timeout(message: string, retryAfterSeconds = 0): StatusError {
  return failure(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });
}

/**
 * 500 ServerTimeout (`NewServerTimeout`):
 * `The <operation> operation against <resource> could not be completed at this time, please try again.`
 */
export function serverTimeout(gr: GroupResource, operation: string, retryAfterSeconds = 0): StatusError {
  return failure(
    500,
    'ServerTimeout',
    `The ${operation} operation against ${groupResourceString(gr)} could not be completed at this time, please try again.`,
    { group: gr.group, kind: gr.resource, name: operation, retryAfterSeconds },
  );
}

/** 503 ServiceUnavailable with a free-text message. */
export function serviceUnavailable(message: string): StatusError {
  return failure(503, 'ServiceUnavailable', message);
}

/**
 * 500 InternalError: `Internal error occurred: <message>`, with the message as the only cause.
 * Only the error's message is used, never its stack.
 */
export function internalError(err: unknown): StatusError {
  const msg = err instanceof Error ? err.message : String(err);
  return failure(500, 'InternalError', `Internal error occurred: ${msg}`, { causes: [{ message: msg }] });
}

/** Messages and reasons of `NewGenericServerResponse` by HTTP code. */
const genericResponses: Record<number, [StatusReason, string]> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  409: ['Conflict', 'the server reported a conflict'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'],
};

/**
 * A Status for an HTTP answer that carried no Status (`NewGenericServerResponse`): the client
 * side uses it when a response body is not a Status, the server for bare 404s of unknown paths.
 * With `verb` and `gr` the message gains ` (<verb> <resource> <name>)`.
 */
export function fromHttp(
  code: number,
  serverMessage = '',
  opts: { verb?: string; gr?: GroupResource; name?: string; retryAfterSeconds?: number } = {},
): StatusError {
  const verb = opts.verb ?? '';
  let reason: StatusReason = '';
  let message = `the server responded with the status code ${code} but did not return more information`;
  const known = genericResponses[code];
  if (known) {
    [reason, message] = known;
    if (code === 409 && verb.toUpperCase() === 'POST') reason = 'AlreadyExists';
  } else if (code === 403) {
    reason = 'Forbidden';
    message = serverMessage;
  } else if (code === 406) {
    reason = 'NotAcceptable';
    message =
      serverMessage.length === 0 || serverMessage === 'unknown'
        ? 'the server was unable to respond with a content type that the client supports'
        : serverMessage;
  } else if (code === 415) {
    reason = 'UnsupportedMediaType';
    message = serverMessage;
  } else if (code >= 500) {
    reason = 'InternalError';
    message = `an error on the server (${goQuote(serverMessage)}) has prevented the request from succeeding`;
  }
  const gr = opts.gr ?? { group: '', resource: '' };
  const name = opts.name ?? '';
  const grEmpty = !gr.group && !gr.resource;
  if (!grEmpty && name) message = `${message} (${verb.toLowerCase()} ${groupResourceString(gr)} ${name})`;
  else if (!grEmpty) message = `${message} (${verb.toLowerCase()} ${groupResourceString(gr)})`;
  return failure(code, reason, message, { group: gr.group, kind: gr.resource, name, retryAfterSeconds: opts.retryAfterSeconds });
}

/** A successful Status, e.g. the answer to a DELETE: `{"kind":"Status",…,"status":"Success","details":{…}}`. */
export function successStatus(d?: StatusDetails): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
  if (d) status.details = details(d);
  return status;
}

/** Whether a value is a Status object (kind Status, apiVersion v1 or meta.k8s.io/v1). */
export function isStatus(v: unknown): v is Status {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as { kind?: unknown; apiVersion?: unknown };
  return o.kind === 'Status' && (o.apiVersion === 'v1' || o.apiVersion === 'meta.k8s.io/v1');
}

/** The StatusError in `e` or its `cause` chain (Go's `errors.As`), if any. */
export function asStatusError(e: unknown): StatusError | undefined {
  const seen = new Set<unknown>();
  let cur: unknown = e;
  while (cur instanceof Error && !seen.has(cur)) {
    if (cur instanceof StatusError) return cur;
    seen.add(cur);
    cur = cur.cause;
  }
  return undefined;
}

/**
 * The Status to answer with for any thrown value: a StatusError's own status, anything else
 * {@link internalError} (its message only, never the stack). Callers log the original.
 */
export function statusOf(e: unknown): Status {
  return (asStatusError(e) ?? internalError(e)).status;
}

/** `ReasonForError`: the reason of a StatusError, `''` for anything else. */
export function reasonForError(e: unknown): StatusReason {
  return asStatusError(e)?.status.reason ?? '';
}

const knownReasons = new Set<StatusReason>([
  'Unauthorized', 'Forbidden', 'NotFound', 'AlreadyExists', 'Conflict', 'Gone', 'Invalid',
  'ServerTimeout', 'StoreReadError', 'Timeout', 'TooManyRequests', 'BadRequest', 'MethodNotAllowed',
  'NotAcceptable', 'RequestEntityTooLarge', 'UnsupportedMediaType', 'InternalError', 'Expired',
  'ServiceUnavailable',
]);

/** apimachinery's `Is*` rule: the reason matches, or the reason is unknown and the code matches. */
function is(e: unknown, reason: StatusReason, code?: number): boolean {
  const se = asStatusError(e);
  if (!se) return false;
  const r = se.status.reason ?? '';
  if (r === reason) return true;
  return code !== undefined && !knownReasons.has(r) && se.status.code === code;
}

/** `IsNotFound`. */
export const isNotFound = (e: unknown): boolean => is(e, 'NotFound', 404);
/** `IsAlreadyExists` (reason only). */
export const isAlreadyExists = (e: unknown): boolean => is(e, 'AlreadyExists');
/** `IsConflict`. */
export const isConflict = (e: unknown): boolean => is(e, 'Conflict', 409);
/** `IsInvalid`. */
export const isInvalid = (e: unknown): boolean => is(e, 'Invalid', 422);
/** `IsGone`. */
export const isGone = (e: unknown): boolean => is(e, 'Gone', 410);
/** `IsResourceExpired` (reason only). */
export const isResourceExpired = (e: unknown): boolean => is(e, 'Expired');
/** `IsBadRequest`. */
export const isBadRequest = (e: unknown): boolean => is(e, 'BadRequest', 400);
/** `IsUnauthorized`. */
export const isUnauthorized = (e: unknown): boolean => is(e, 'Unauthorized', 401);
/** `IsForbidden`. */
export const isForbidden = (e: unknown): boolean => is(e, 'Forbidden', 403);
/** `IsMethodNotSupported`. */
export const isMethodNotSupported = (e: unknown): boolean => is(e, 'MethodNotAllowed', 405);
/** `IsTimeout`. */
export const isTimeout = (e: unknown): boolean => is(e, 'Timeout', 504);
/** `IsServerTimeout` (reason only). */
export const isServerTimeout = (e: unknown): boolean => is(e, 'ServerTimeout');
/** `IsInternalError`. */
export const isInternalError = (e: unknown): boolean => is(e, 'InternalError', 500);
/** `IsServiceUnavailable`. */
export const isServiceUnavailable = (e: unknown): boolean => is(e, 'ServiceUnavailable', 503);
/** `IsTooManyRequests`: reason, or code 429 whatever the reason. */
export const isTooManyRequests = (e: unknown): boolean =>
  is(e, 'TooManyRequests') || asStatusError(e)?.status.code === 429;
