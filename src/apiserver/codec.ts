import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import {
  badRequest,
  findUnknownFields,
  requestEntityTooLarge,
  StatusError,
  unsupportedMediaType,
  type KubeObject,
  type ObjectSchema,
  type Schema,
} from '../apis/index.js';
import { decodeProtobufObject } from './protobuf/index.js';

/** kube-apiserver's default `--max-request-body-bytes` (3 MiB). */
export const maxRequestBodyBytes = 3 * 1024 * 1024;

/** Reads a request body, refusing more than `limit` bytes with a 413 Status. */
export async function readBody(req: IncomingMessage, limit = maxRequestBodyBytes): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw requestEntityTooLarge('limit is 3145728');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw requestEntityTooLarge('limit is 3145728');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Decodes an object body by its Content-Type: JSON, YAML or Kubernetes protobuf.
 * Malformed input is a 400 Status; an unknown media type a 415.
 */
export function decodeObject(body: Buffer, contentType: string | undefined, expectedKind: string): KubeObject {
  const type = mediaType(contentType);
  let value: unknown;
  if (body.length === 0) throw badRequest('Object \'Kind\' is missing in \'\'');
  if (type === 'application/vnd.kubernetes.protobuf') {
    try {
      value = decodeProtobufObject(body).object;
    } catch (err) {
      throw badRequest(`unable to decode protobuf body: ${(err as Error).message}`);
    }
  } else if (type === 'application/json' || type === '' || type === '*/*') {
    value = parseJson(body, expectedKind);
  } else if (type === 'application/yaml' || type === 'application/apply-patch+yaml') {
    value = parseYamlBody(body, expectedKind);
  } else {
    throw unsupportedMediaType(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(`Object 'Kind' is missing in '${body.toString('utf8').slice(0, 200)}'`);
  }
  const obj = value as KubeObject;
  obj.metadata ??= {};
  return obj;
}

/** Parses JSON with the apiserver's error wording. */
export function parseJson(body: Buffer, kind: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${(err as Error).message}`);
  }
}

/** Parses YAML (server-side apply bodies, `application/yaml`). */
export function parseYamlBody(body: Buffer, kind: string): unknown {
  try {
    return parseYaml(body.toString('utf8'), { uniqueKeys: true });
  } catch (err) {
    throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${(err as Error).message}`);
  }
}

/**
 * Applies `fieldValidation`: Strict rejects unknown fields with a 400 naming each one,
 * Warn returns them as warnings, Ignore says nothing; in both of those the unknown fields are
 * dropped, as decoding into the Go types does.
 */
export function checkFields(
  obj: KubeObject,
  schema: ObjectSchema | undefined,
  mode: string | null,
  gvk: { apiVersion: string; kind: string },
): string[] {
  if (!schema) return [];
  const unknown = findUnknownFields(obj, schema);
  if (unknown.length === 0) return [];
  if (mode !== 'Strict') pruneUnknownFields(obj, schema);
  const messages = unknown.map((p) => `unknown field "${p}"`);
  if (mode === 'Strict') {
    throw badRequest(
      `${gvk.kind} in version "${gvk.apiVersion.split('/').pop()}" cannot be handled as a ${gvk.kind}: strict decoding error: ${messages.join(', ')}`,
    );
  }
  return mode === 'Warn' ? messages : [];
}

/** Removes fields the schema does not know, as decoding into the Go types does. */
export function pruneUnknownFields(value: unknown, schema: Schema): void {
  if (typeof value !== 'object' || value === null) return;
  switch (schema.type) {
    case 'object': {
      if (Array.isArray(value)) return;
      const rec = value as Record<string, unknown>;
      for (const key of Object.keys(rec)) {
        const sub = schema.properties[key];
        if (!sub) {
          if (key !== 'apiVersion' && key !== 'kind') delete rec[key];
        } else {
          pruneUnknownFields(rec[key], sub);
        }
      }
      return;
    }
    case 'map':
      if (!Array.isArray(value)) for (const v of Object.values(value)) pruneUnknownFields(v, schema.values);
      return;
    case 'array':
      if (Array.isArray(value)) for (const v of value) pruneUnknownFields(v, schema.items);
      return;
    default:
      return;
  }
}

/** Whether a thrown value is already a Status. */
export function isStatusError(err: unknown): err is StatusError {
  return err instanceof StatusError;
}
