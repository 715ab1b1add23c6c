/**
 * The query-parameter kinds of pod subresources (`log`, `exec`, `attach`, `portforward`),
 * k8s.io/api core/v1 `PodLogOptions`, `PodExecOptions`, `PodAttachOptions`,
 * `PodPortForwardOptions`, with their parameter codec (`pkg/apis/core/v1` conversion of
 * `url.Values`). Pure: parsing takes a `URLSearchParams`.
 * @module
 */
import type { ObjectSchema } from '../../schema.js';
import { field, FieldPath, type FieldError } from '../../meta/v1/index.js';

/** `GET …/pods/{name}/log` parameters. */
export interface PodLogOptions {
  apiVersion?: string;
  kind?: string;
  /** The container for which to stream logs; defaults to the only container. */
  container?: string;
  /** Follow the log stream of the pod. */
  follow?: boolean;
  /** Return previous terminated container logs. */
  previous?: boolean;
  /** A relative time in seconds before the current time from which to show logs. */
  sinceSeconds?: number;
  /** An RFC3339 timestamp from which to show logs. */
  sinceTime?: string;
  /** Add an RFC3339 timestamp at the beginning of every line. */
  timestamps?: boolean;
  /** The number of lines from the end of the logs to show. */
  tailLines?: number;
  /** The number of bytes to read from the server before terminating the log output. */
  limitBytes?: number;
  /** Skip verifying the serving certificate of the backend (kubelet). */
  insecureSkipTLSVerifyBackend?: boolean;
  /** Which container log stream to return: `All`, `Stdout` or `Stderr` (alpha). */
  stream?: string;
}

/** `…/pods/{name}/exec` parameters. */
export interface PodExecOptions {
  apiVersion?: string;
  kind?: string;
  /** Redirect the standard input stream of the pod for this call. */
  stdin?: boolean;
  /** Redirect the standard output stream of the pod for this call. */
  stdout?: boolean;
  /** Redirect the standard error stream of the pod for this call. */
  stderr?: boolean;
  /** TTY if true indicates that a tty will be allocated for the exec call. */
  tty?: boolean;
  /** Container in which to execute the command. */
  container?: string;
  /** Command is the remote command to execute (repeated `command` parameters). */
  command: string[];
}

/** `…/pods/{name}/attach` parameters. */
export interface PodAttachOptions {
  apiVersion?: string;
  kind?: string;
  stdin?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  tty?: boolean;
  container?: string;
}

/** `…/pods/{name}/portforward` parameters. */
export interface PodPortForwardOptions {
  apiVersion?: string;
  kind?: string;
  /** List of ports to forward (repeated `ports` parameters). */
  ports?: number[];
}

const b = (description: string) => ({ type: 'boolean', description }) as const;
const s = (description: string) => ({ type: 'string', description }) as const;
const i64 = (description: string) => ({ type: 'integer', format: 'int64', description }) as const;
const typeMeta = {
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
} as const;

/** `io.k8s.api.core.v1.PodLogOptions`. */
export const podLogOptionsSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodLogOptions',
  description: 'PodLogOptions is the query options for a Pod\'s logs REST call.',
  properties: {
    ...typeMeta,
    container: s('The container for which to stream logs. Defaults to only container if there is one container in the pod.'),
    follow: b('Follow the log stream of the pod. Defaults to false.'),
    previous: b('Return previous terminated container logs. Defaults to false.'),
    sinceSeconds: i64('A relative time in seconds before the current time from which to show logs.'),
    sinceTime: { type: 'string', format: 'date-time', description: 'An RFC3339 timestamp from which to show logs.' },
    timestamps: b('If true, add an RFC3339 or RFC3339Nano timestamp at the beginning of every line of log output. Defaults to false.'),
    tailLines: i64('If set, the number of lines from the end of the logs to show.'),
    limitBytes: i64('If set, the number of bytes to read from the server before terminating the log output.'),
    insecureSkipTLSVerifyBackend: b('insecureSkipTLSVerifyBackend indicates that the apiserver should not confirm the validity of the serving certificate of the backend it is connecting to.'),
    stream: s('Specify which container log stream to return to the client. Acceptable values are "All", "Stdout" and "Stderr".'),
  },
};

/** `io.k8s.api.core.v1.PodExecOptions`. */
export const podExecOptionsSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodExecOptions',
  description: 'PodExecOptions is the query options to a Pod\'s remote exec call.',
  properties: {
    ...typeMeta,
    stdin: b('Redirect the standard input stream of the pod for this call. Defaults to false.'),
    stdout: b('Redirect the standard output stream of the pod for this call.'),
    stderr: b('Redirect the standard error stream of the pod for this call.'),
    tty: b('TTY if true indicates that a tty will be allocated for the exec call. Defaults to false.'),
    container: s('Container in which to execute the command. Defaults to only container if there is only one container in the pod.'),
    command: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'Command is the remote command to execute. argv array. Not executed within a shell.' },
  },
  required: ['command'],
};

/** `io.k8s.api.core.v1.PodAttachOptions`. */
export const podAttachOptionsSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodAttachOptions',
  description: 'PodAttachOptions is the query options to a Pod\'s remote attach call.',
  properties: {
    ...typeMeta,
    stdin: b('Stdin if true, redirects the standard input stream of the pod for this call. Defaults to false.'),
    stdout: b('Stdout if true indicates that stdout is to be redirected for the attach call. Defaults to true.'),
    stderr: b('Stderr if true indicates that stderr is to be redirected for the attach call. Defaults to true.'),
    tty: b('TTY if true indicates that a tty will be allocated for the attach call.'),
    container: s('The container in which to execute the command. Defaults to only container if there is only one container in the pod.'),
  },
};

/** `io.k8s.api.core.v1.PodPortForwardOptions`. */
export const podPortForwardOptionsSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodPortForwardOptions',
  description: 'PodPortForwardOptions is the query options to a Pod\'s port forward call when using WebSockets.',
  properties: {
    ...typeMeta,
    ports: { type: 'array', items: { type: 'integer', format: 'int32' }, listType: 'atomic', description: 'List of ports to forward Required when using WebSockets' },
  },
};

/** The option kinds by `v1/<Kind>`, to merge into the kind map. */
export const optionKindSchemas: Record<string, ObjectSchema> = {
  'v1/PodLogOptions': podLogOptionsSchema,
  'v1/PodExecOptions': podExecOptionsSchema,
  'v1/PodAttachOptions': podAttachOptionsSchema,
  'v1/PodPortForwardOptions': podPortForwardOptionsSchema,
};

/** The result of decoding query parameters: the options, or field errors (400 BadRequest). */
export type DecodeResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function boolParam(q: URLSearchParams, name: string, errs: FieldError[], dflt?: boolean): boolean | undefined {
  const v = q.get(name);
  if (v === null) return dflt;
  // Go's strconv.ParseBool spellings; an empty value means true (`?follow`).
  if (v === '' || ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  errs.push(field.invalid(FieldPath.root(name), v, `strconv.ParseBool: parsing "${v}": invalid syntax`));
  return dflt;
}

function intParam(q: URLSearchParams, name: string, errs: FieldError[]): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^[+-]?\d+$/.test(v)) {
    errs.push(field.invalid(FieldPath.root(name), v, `strconv.ParseInt: parsing "${v}": invalid syntax`));
    return undefined;
  }
  return Number.parseInt(v, 10);
}

function strParam(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null ? undefined : v;
}

function result<T>(value: T, errs: FieldError[]): DecodeResult<T> {
  return errs.length > 0 ? { ok: false, errors: errs } : { ok: true, value };
}

/** Decodes `PodLogOptions` from a query string. */
export function decodePodLogOptions(q: URLSearchParams): DecodeResult<PodLogOptions> {
  const errs: FieldError[] = [];
  const o: PodLogOptions = {
    container: strParam(q, 'container'),
    follow: boolParam(q, 'follow', errs),
    previous: boolParam(q, 'previous', errs),
    sinceSeconds: intParam(q, 'sinceSeconds', errs),
    sinceTime: strParam(q, 'sinceTime'),
    timestamps: boolParam(q, 'timestamps', errs),
    tailLines: intParam(q, 'tailLines', errs),
    limitBytes: intParam(q, 'limitBytes', errs),
    insecureSkipTLSVerifyBackend: boolParam(q, 'insecureSkipTLSVerifyBackend', errs),
    stream: strParam(q, 'stream'),
  };
  if (o.sinceTime !== undefined && Number.isNaN(Date.parse(o.sinceTime))) {
    errs.push(field.invalid(FieldPath.root('sinceTime'), o.sinceTime, 'must be an RFC3339 timestamp'));
  }
  return result(stripUndefined(o), errs);
}

/** Decodes `PodExecOptions` (repeated `command` parameters form the argv). */
export function decodePodExecOptions(q: URLSearchParams): DecodeResult<PodExecOptions> {
  const errs: FieldError[] = [];
  const o: PodExecOptions = {
    stdin: boolParam(q, 'stdin', errs),
    stdout: boolParam(q, 'stdout', errs),
    stderr: boolParam(q, 'stderr', errs),
    tty: boolParam(q, 'tty', errs),
    container: strParam(q, 'container'),
    command: q.getAll('command'),
  };
  return result(stripUndefined(o), errs);
}

/** Decodes `PodAttachOptions`. */
export function decodePodAttachOptions(q: URLSearchParams): DecodeResult<PodAttachOptions> {
  const errs: FieldError[] = [];
  const o: PodAttachOptions = {
    stdin: boolParam(q, 'stdin', errs),
    stdout: boolParam(q, 'stdout', errs),
    stderr: boolParam(q, 'stderr', errs),
    tty: boolParam(q, 'tty', errs),
    container: strParam(q, 'container'),
  };
  return result(stripUndefined(o), errs);
}

/** Decodes `PodPortForwardOptions` (`ports` may repeat or be comma-separated). */
export function decodePodPortForwardOptions(q: URLSearchParams): DecodeResult<PodPortForwardOptions> {
  const errs: FieldError[] = [];
  const ports: number[] = [];
  for (const raw of q.getAll('ports').flatMap((p) => p.split(','))) {
    const t = raw.trim();
    if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 65535) {
      errs.push(field.invalid(FieldPath.root('ports'), t, 'must be between 1 and 65535, inclusive'));
    } else {
      ports.push(Number(t));
    }
  }
  return result(ports.length > 0 ? { ports } : {}, errs);
}

/**
 * `ValidatePodLogOptions`: non-negative tailLines/limitBytes/sinceSeconds and at most one of
 * sinceSeconds and sinceTime.
 */
export function validatePodLogOptions(o: PodLogOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (o.tailLines !== undefined && o.tailLines < 0) {
    errs.push(field.invalid(FieldPath.root('tailLines'), o.tailLines, 'must be greater than or equal to 0'));
  }
  if (o.limitBytes !== undefined && o.limitBytes < 1) {
    errs.push(field.invalid(FieldPath.root('limitBytes'), o.limitBytes, 'must be greater than 0'));
  }
  if (o.sinceSeconds !== undefined && o.sinceTime !== undefined) {
    errs.push(field.forbidden(FieldPath.root(''), 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  }
  if (o.sinceSeconds !== undefined && o.sinceSeconds < 1) {
    errs.push(field.invalid(FieldPath.root('sinceSeconds'), o.sinceSeconds, 'must be greater than 0'));
  }
  if (o.stream !== undefined && !['All', 'Stdout', 'Stderr'].includes(o.stream)) {
    errs.push(field.notSupported(FieldPath.root('stream'), o.stream, ['All', 'Stderr', 'Stdout']));
  }
  return errs;
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
