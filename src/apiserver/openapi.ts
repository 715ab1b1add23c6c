import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Schema } from '../apis/index.js';
import type { ResourceInfo } from '../registry/index.js';
import { writeJson } from './responses.js';

type Json = Record<string, unknown>;

/**
 * OpenAPI v3 (per group-version) and v2 documents generated from Podyard's own schemas:
 * enough for kubectl's field-validation probe, `kubectl explain` and strategic-merge metadata.
 */
export class OpenApi {
  private readonly v3 = new Map<string, { doc: string; hash: string }>();
  private readonly v3Index: string;
  private readonly v2: string;

  constructor(resources: ResourceInfo[], version: string) {
    const byGv = new Map<string, ResourceInfo[]>();
    for (const r of resources) {
      const path = r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;
      byGv.set(path, [...(byGv.get(path) ?? []), r]);
    }
    const allDefinitions: Json = {};
    const allPaths: Json = {};
    for (const [path, rs] of byGv) {
      const { definitions, paths } = build(rs, 'v3');
      const doc = JSON.stringify({
        openapi: '3.0.0',
        info: { title: 'Kubernetes', version },
        paths,
        components: { schemas: definitions },
      });
      this.v3.set(path, { doc, hash: createHash('sha512').update(doc).digest('hex').slice(0, 128).toUpperCase() });
      const v2 = build(rs, 'v2');
      Object.assign(allDefinitions, v2.definitions);
      Object.assign(allPaths, v2.paths);
    }
    this.v3Index = JSON.stringify({
      paths: Object.fromEntries([...this.v3].map(([p, d]) => [p, { serverRelativeURL: `/openapi/v3/${p}?hash=${d.hash}` }])),
    });
    this.v2 = JSON.stringify({ swagger: '2.0', info: { title: 'Kubernetes', version }, paths: allPaths, definitions: allDefinitions });
  }

  /** `GET /openapi/v2` (JSON only: protobuf-only clients get 404 and fall back, as kubectl does). */
  serveV2(req: IncomingMessage, res: ServerResponse): void {
    const accept = req.headers.accept ?? '';
    if (accept && !/application\/json|\*\/\*/.test(accept)) {
      return writeJson(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 });
    }
    send(res, this.v2);
  }

  /** `GET /openapi/v3` (the index) and `GET /openapi/v3/{api/v1|apis/g/v}`. */
  serveV3(_req: IncomingMessage, res: ServerResponse, path: string, _query: URLSearchParams): void {
    if (path === '') return send(res, this.v3Index);
    const doc = this.v3.get(path);
    if (!doc) {
      return writeJson(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 });
    }
    send(res, doc.doc, { 'Cache-Control': 'public, immutable', Etag: `"${doc.hash}"` });
  }
}

function send(res: ServerResponse, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function build(resources: ResourceInfo[], flavour: 'v2' | 'v3'): { definitions: Json; paths: Json } {
  const definitions: Json = {};
  const paths: Json = {};
  const ref = (name: string) => (flavour === 'v3' ? `#/components/schemas/${name}` : `#/definitions/${name}`);

  const convert = (s: Schema, gvk?: Json): Json => {
    const desc = s.description ? { description: s.description } : {};
    switch (s.type) {
      case 'object': {
        const out: Json = { ...desc, type: 'object', properties: {} };
        for (const [k, v] of Object.entries(s.properties)) (out.properties as Json)[k] = property(v);
        if (s.required?.length) out.required = s.required;
        if (gvk) out['x-kubernetes-group-version-kind'] = [gvk];
        return out;
      }
      case 'map':
        return { ...desc, type: 'object', additionalProperties: property(s.values) };
      case 'array': {
        const out: Json = { ...desc, type: 'array', items: property(s.items) };
        if (s.patchMergeKey) out['x-kubernetes-patch-merge-key'] = s.patchMergeKey;
        if (s.patchStrategy) out['x-kubernetes-patch-strategy'] = s.patchStrategy;
        if (s.listType) out['x-kubernetes-list-type'] = s.listType;
        if (s.listMapKeys) out['x-kubernetes-list-map-keys'] = s.listMapKeys;
        return out;
      }
      case 'int-or-string':
        if (s.format === 'quantity') {
          define('io.k8s.apimachinery.pkg.api.resource.Quantity', {
            description: 'Quantity is a fixed-point representation of a number.',
            type: 'string',
            ...(flavour === 'v3' ? {} : {}),
          });
          return { ...desc, ...refTo('io.k8s.apimachinery.pkg.api.resource.Quantity') };
        }
        return { ...desc, type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true };
      case 'any':
        return { ...desc, type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      default:
        return { ...desc, type: s.type, ...(s.format ? { format: s.format } : {}), ...(s.enum ? { enum: s.enum } : {}) };
    }
  };
  const refTo = (name: string): Json => (flavour === 'v3' ? { allOf: [{ $ref: ref(name) }] } : { $ref: ref(name) });
  const define = (name: string, body: Json) => {
    if (!(name in definitions)) definitions[name] = body;
  };
  const property = (s: Schema): Json => {
    if (s.type === 'object' && s.name) {
      if (!(s.name in definitions)) {
        definitions[s.name] = {};
        definitions[s.name] = convert(s);
      }
      return { ...(s.description ? { description: s.description } : {}), ...refTo(s.name), ...(flavour === 'v3' ? { default: {} } : {}) };
    }
    return convert(s);
  };

  for (const r of resources) {
    if (!r.schema) continue;
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const name = r.schema.name ?? `io.podyard.${r.group || 'core'}.${r.version}.${r.kind}`;
    definitions[name] = convert(r.schema, gvk);
    const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
    const item = r.namespaced ? `${base}/namespaces/{namespace}/${r.resource}/{name}` : `${base}/${r.resource}/{name}`;
    const collection = r.namespaced ? `${base}/namespaces/{namespace}/${r.resource}` : `${base}/${r.resource}`;
    const param = (n: string) =>
      flavour === 'v3'
        ? { name: n, in: 'query', schema: { type: 'string', uniqueItems: true } }
        : { name: n, in: 'query', type: 'string', uniqueItems: true };
    const op = (action: string, extra: Json = {}) => ({
      operationId: `${action}${r.kind}`,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      responses: { '200': { description: 'OK', ...(flavour === 'v3' ? { content: { 'application/json': { schema: { $ref: ref(name) } } } } : { schema: { $ref: ref(name) } }) } },
      ...extra,
    });
    const validated = { parameters: [param('dryRun'), param('fieldManager'), param('fieldValidation')] };
    paths[item] = {
      get: op('get'),
      ...(r.verbs.includes('update') ? { put: op('put', validated) } : {}),
      ...(r.verbs.includes('patch') ? { patch: op('patch', { ...validated, parameters: [...validated.parameters, param('force')] }) } : {}),
      ...(r.verbs.includes('delete') ? { delete: op('delete') } : {}),
    };
    paths[collection] = {
      get: op('list'),
      ...(r.verbs.includes('create') ? { post: op('post', validated) } : {}),
    };
  }
  return { definitions, paths };
}
