import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Clock, Logger } from '../base/index.js';
import { rfc3339 } from '../base/index.js';
import {
  badRequest,
  conflict,
  internalError,
  methodNotSupported,
  serviceUnavailable,
  statusOf,
  StatusError,
  successStatus,
  unsupportedMediaType,
  type DeleteOptions,
  type KubeObject,
} from '../apis/index.js';
import type { GenericRegistry, ResourceInfo } from '../registry/index.js';
import { checkFields, decodeObject, mediaType, parseJson, parseYamlBody, readBody } from './codec.js';
import {
  aggregatedDiscovery,
  aggregatedDiscoveryContentType,
  apiGroupDoc,
  apiGroupList,
  apiResourceList,
  apiVersions,
  wantsAggregatedDiscovery,
} from './discovery.js';
import type { OpenApi } from './openapi.js';
import {
  PatchError,
  applyJsonMergePatch,
  applyJsonPatch,
  applyServerSidePatch,
  applyStrategicMergePatch,
  updateManagedFieldsForUpdate,
} from './patch/index.js';
import { printTable } from './printers/index.js';
import { metricsGroup, metricsResources, type MetricsProvider, serveMetrics } from './metrics.js';
import { listOptions, wantsTable } from './query.js';
import { parseRequestInfo, type RequestInfo } from './request-info.js';
import { notFoundPath, writeJson, writeStatus } from './responses.js';
import { serveWatch } from './watch.js';

/** The Kubernetes version Podyard reports. kubectl's dispatcher picks its binary by `minor`. */
export const serverVersion = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4+podyard',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-11-24T00:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

/**
 * Streaming subresources served by the node (logs, exec, attach, port-forward). The API server
 * declares this interface and `cmd` wires the node's implementation in; the API server never
 * imports the node.
 */
export interface PodSubresourceHandler {
  /** Serves `pods/{name}/{subresource}` for `log`, `exec`, `attach` and `portforward`. */
  handle(subresource: string, pod: KubeObject, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void>;
  /** Upgrade requests (WebSocket/SPDY) for `exec`, `attach` and `portforward`. */
  upgrade?(subresource: string, pod: KubeObject, req: IncomingMessage, socket: Duplex, head: Buffer, query: URLSearchParams): Promise<void>;
}

/** Everything the request handler works with. */
export interface HandlerDeps {
  registries: Map<string, GenericRegistry>;
  openapi: OpenApi;
  clock: Clock;
  logger: Logger;
  /** `host:port` clients reach us at (legacy discovery). */
  serverAddress: string;
  pods?: PodSubresourceHandler;
  metrics?: MetricsProvider;
}

/** Registry lookup key for a group/version/resource. */
export function registryKey(group: string, version: string, resource: string): string {
  return `${group}/${version}/${resource}`;
}

const streamingPodSubresources = new Set(['log', 'exec', 'attach', 'portforward']);

/**
 * The API server's request handler: non-resource endpoints, discovery, OpenAPI, and the REST
 * verbs on every registry. Every failure is answered with a `Status`.
 */
export class ApiHandler {
  private readonly resources: ResourceInfo[];

  constructor(private readonly deps: HandlerDeps) {
    this.resources = [...[...deps.registries.values()].map((r) => r.info), ...metricsResources];
  }

  /** Plugs in the node's streaming subresources once the node agent runs (cmd wires it). */
  setPodSubresourceHandler(pods: PodSubresourceHandler): void {
    this.deps.pods = pods;
  }

  /** Plugs in the node's resource metrics (`metrics.k8s.io`, for `kubectl top`). */
  setMetricsProvider(metrics: MetricsProvider): void {
    this.deps.metrics = metrics;
  }

  /** Handles one authenticated request. Never throws. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://localhost');
    let info: RequestInfo | undefined;
    try {
      info = parseRequestInfo(req.method ?? 'GET', url.pathname, url.searchParams);
      if (!info.isResourceRequest) return this.nonResource(req, res, info, url);
      await this.resource(req, res, info, url.searchParams);
    } catch (err) {
      const status = statusOf(err);
      if (status.code === 500) this.deps.logger.error('request failed', { method: req.method, url: req.url, err });
      writeStatus(res, status);
    }
  }

  /**
   * Handles an HTTP upgrade (WebSocket or SPDY) for `pods/{name}/exec|attach|portforward`.
   * Throws a Status when the request cannot be upgraded; the server answers it on the socket.
   */
  async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const info = parseRequestInfo('GET', url.pathname, url.searchParams);
    if (info.group !== '' || info.resource !== 'pods' || !info.name || !info.subresource || !streamingPodSubresources.has(info.subresource)) {
      throw notFoundPath();
    }
    if (!this.deps.pods?.upgrade) throw serviceUnavailable('the node agent is not running');
    const registry = this.deps.registries.get(registryKey('', 'v1', 'pods'))!;
    const pod = await registry.get(info.namespace, info.name);
    await this.deps.pods.upgrade(info.subresource, pod, req, socket, head, url.searchParams);
  }

  private nonResource(req: IncomingMessage, res: ServerResponse, info: RequestInfo, url: URL): void {
    const path = info.path;
    const accept = req.headers.accept;
    if (path === '/version') return writeJson(res, 200, serverVersion);
    if (/^\/(healthz|livez|readyz)(\/.*)?$/.test(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      return void res.end('ok');
    }
    if (path === '/api' || path === '/apis') {
      const legacy = path === '/api';
      if (wantsAggregatedDiscovery(accept)) {
        return writeJson(res, 200, aggregatedDiscovery(this.resources, legacy), {
          'Content-Type': aggregatedDiscoveryContentType,
        });
      }
      return writeJson(res, 200, legacy ? apiVersions(this.deps.serverAddress) : apiGroupList(this.resources));
    }
    if (info.apiPrefix === 'apis' && info.parts.length === 1) {
      const doc = apiGroupDoc(this.resources, info.group);
      if (doc) return writeJson(res, 200, doc);
    }
    if (info.apiPrefix && info.version && !info.resource) {
      const doc = apiResourceList(this.resources, info.group, info.version);
      if (doc) return writeJson(res, 200, doc);
    }
    if (path === '/openapi/v2') return this.deps.openapi.serveV2(req, res);
    if (path === '/openapi/v3' || path.startsWith('/openapi/v3/')) {
      return this.deps.openapi.serveV3(req, res, path.slice('/openapi/v3'.length).replace(/^\//, ''), url.searchParams);
    }
    if (info.apiPrefix) throw notFoundPath();
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    res.end('404 page not found\n');
  }

  private async resource(req: IncomingMessage, res: ServerResponse, info: RequestInfo, query: URLSearchParams): Promise<void> {
    if (info.group === metricsGroup) return serveMetrics(this.deps.metrics, info, query, res);
    const registry = this.deps.registries.get(registryKey(info.group, info.version, info.resource));
    if (!registry) throw notFoundPath();
    const ri = registry.info;
    const ns = ri.namespaced ? info.namespace : undefined;
    if (!ri.namespaced && info.namespace !== undefined) throw notFoundPath();
    const sub = info.subresource;
    if (sub && !ri.subresources.some((s) => s.name === sub)) throw notFoundPath();
    const verb = info.verb;
    if (!ri.verbs.includes(verb) && !sub) throw methodNotSupported(registry.groupResource, verb);

    if (sub && streamingPodSubresources.has(sub)) {
      if (!this.deps.pods) throw serviceUnavailable('the node agent is not running');
      const pod = await registry.get(ns, info.name!);
      return this.deps.pods.handle(sub, pod, req, res, query);
    }

    switch (verb) {
      case 'get': {
        if (sub && sub !== 'status') throw methodNotSupported(registry.groupResource, verb);
        const obj = await registry.get(ns, info.name!);
        return this.writeObject(req, res, 200, registry, obj, query);
      }
      case 'list': {
        const result = await registry.list(ns, listOptions(query));
        if (wantsTable(req.headers.accept)) {
          const table = printTable(ri.resource, result.items, {
            now: this.deps.clock.now(),
            includeObject: includeObject(query),
          }) as unknown as { metadata: Record<string, unknown> };
          table.metadata = { resourceVersion: result.resourceVersion, ...(result.continue ? { continue: result.continue } : {}) };
          return writeJson(res, 200, table);
        }
        return writeJson(res, 200, {
          kind: `${ri.kind}List`,
          apiVersion: ri.group ? `${ri.group}/${ri.version}` : ri.version,
          metadata: { resourceVersion: result.resourceVersion, ...(result.continue ? { continue: result.continue } : {}) },
          items: result.items,
        });
      }
      case 'watch':
        return serveWatch(req, res, registry, ns, query, info.name, {
          clock: this.deps.clock,
          logger: this.deps.logger,
          table: wantsTable(req.headers.accept),
        });
      case 'create':
        return this.create(req, res, registry, info, ns, query);
      case 'update':
        return this.update(req, res, registry, info, ns, query);
      case 'patch':
        return this.patch(req, res, registry, info, ns, query);
      case 'delete': {
        const body = await readBody(req);
        const options = deleteOptions(body, query);
        const dryRun = query.getAll('dryRun').includes('All') || options.dryRun?.includes('All');
        const { object, deleted } = await registry.delete(ns, info.name!, options, { dryRun: !!dryRun });
        if (ri.resource === 'pods' || !deleted) return writeJson(res, 200, object);
        return writeJson(
          res,
          200,
          successStatus({ name: info.name!, group: ri.group, kind: ri.resource, uid: object.metadata.uid }),
        );
      }
      case 'deletecollection': {
        const body = await readBody(req);
        const options = deleteOptions(body, query);
        const dryRun = query.getAll('dryRun').includes('All');
        const items = await registry.deleteCollection(ns, listOptions(query), options, { dryRun });
        return writeJson(res, 200, {
          kind: `${ri.kind}List`,
          apiVersion: ri.group ? `${ri.group}/${ri.version}` : ri.version,
          metadata: { resourceVersion: registry.currentResourceVersion() },
          items,
        });
      }
      default:
        throw methodNotSupported(registry.groupResource, verb);
    }
  }

  private writeObject(
    req: IncomingMessage,
    res: ServerResponse,
    code: number,
    registry: GenericRegistry,
    obj: KubeObject,
    query: URLSearchParams,
    warnings: string[] = [],
  ): void {
    const headers: Record<string, string> = {};
    if (warnings.length > 0) headers['Warning'] = warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ');
    if (wantsTable(req.headers.accept)) {
      const table = printTable(registry.info.resource, [obj], { now: this.deps.clock.now(), includeObject: includeObject(query) }) as unknown as {
        metadata: Record<string, unknown>;
      };
      table.metadata = { resourceVersion: obj.metadata.resourceVersion };
      return writeJson(res, code, table, headers);
    }
    writeJson(res, code, obj, headers);
  }

  private async decodeInto(
    req: IncomingMessage,
    registry: GenericRegistry,
    query: URLSearchParams,
  ): Promise<{ obj: KubeObject; warnings: string[] }> {
    const ri = registry.info;
    const body = await readBody(req);
    const obj = decodeObject(body, req.headers['content-type'], ri.kind);
    const apiVersion = ri.group ? `${ri.group}/${ri.version}` : ri.version;
    if (obj.kind !== undefined && obj.kind !== ri.kind) {
      throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion})`);
    }
    if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersion) {
      throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion})`);
    }
    const warnings = checkFields(obj, ri.schema, query.get('fieldValidation'), { apiVersion, kind: ri.kind });
    return { obj, warnings };
  }

  private async create(
    req: IncomingMessage,
    res: ServerResponse,
    registry: GenericRegistry,
    info: RequestInfo,
    ns: string | undefined,
    query: URLSearchParams,
  ): Promise<void> {
    const ri = registry.info;
    if (info.subresource === 'binding' || (ri.resource === 'bindings' && ri.group === '')) {
      return this.bind(req, res, info, ns);
    }
    if (info.subresource === 'eviction') return this.evict(req, res, registry, info, ns);
    if (info.subresource || info.name) throw methodNotSupported(registry.groupResource, 'create');
    const { obj, warnings } = await this.decodeInto(req, registry, query);
    const manager = fieldManager(req, query);
    obj.metadata.managedFields = updateManagedFieldsForUpdate(undefined, obj, manager, rfc3339(this.deps.clock.now()), apiVersionOf(ri), undefined, ri.schema);
    const created = await registry.create(ns, obj, { dryRun: isDryRun(query), fieldManager: manager });
    this.writeObject(req, res, 201, registry, created, query, warnings);
  }

  private async update(
    req: IncomingMessage,
    res: ServerResponse,
    registry: GenericRegistry,
    info: RequestInfo,
    ns: string | undefined,
    query: URLSearchParams,
  ): Promise<void> {
    const ri = registry.info;
    if (!info.name) throw methodNotSupported(registry.groupResource, 'update');
    if (info.subresource && info.subresource !== 'status' && info.subresource !== 'finalize') {
      throw methodNotSupported(registry.groupResource, 'update');
    }
    const { obj, warnings } = await this.decodeInto(req, registry, query);
    const manager = fieldManager(req, query);
    const now = rfc3339(this.deps.clock.now());
    let old: KubeObject | undefined;
    try {
      old = await registry.get(ns, info.name);
    } catch {
      old = undefined;
    }
    obj.metadata.managedFields = updateManagedFieldsForUpdate(old, obj, manager, now, apiVersionOf(ri), info.subresource, ri.schema);
    const { object, created } = await registry.update(ns, info.name, obj, {
      dryRun: isDryRun(query),
      fieldManager: manager,
      ...(info.subresource ? { subresource: info.subresource } : {}),
    });
    this.writeObject(req, res, created ? 201 : 200, registry, object, query, warnings);
  }

  private async patch(
    req: IncomingMessage,
    res: ServerResponse,
    registry: GenericRegistry,
    info: RequestInfo,
    ns: string | undefined,
    query: URLSearchParams,
  ): Promise<void> {
    const ri = registry.info;
    if (!info.name) throw methodNotSupported(registry.groupResource, 'patch');
    if (info.subresource && info.subresource !== 'status') throw methodNotSupported(registry.groupResource, 'patch');
    const type = mediaType(req.headers['content-type']);
    const body = await readBody(req);
    const manager = fieldManager(req, query);
    const now = rfc3339(this.deps.clock.now());
    const apiVersion = apiVersionOf(ri);
    const validation = query.get('fieldValidation');
    const dryRun = isDryRun(query);
    const warnings: string[] = [];
    const subresource = info.subresource ? { subresource: info.subresource } : {};
    const gvk = { apiVersion, kind: ri.kind };
    const name = info.name;

    if (type === 'application/apply-patch+yaml') {
      if (!query.get('fieldManager')) {
        throw badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
      }
      const applied = parseYamlBody(body, ri.kind) as KubeObject;
      if (typeof applied !== 'object' || applied === null) throw badRequest('invalid apply patch: not an object');
      applied.metadata ??= {};
      if (applied.metadata.name !== undefined && applied.metadata.name !== name) {
        throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
      }
      warnings.push(...checkFields(applied, ri.schema, validation, gvk));
      const force = query.get('force') === 'true';
      const apply = (live: KubeObject | undefined): KubeObject => {
        const result = applyServerSidePatch(live, applied, ri.schema, manager, force, now, apiVersion, info.subresource);
        if ('conflicts' in result) throw applyConflict(result.conflicts, apiVersion);
        return result.object;
      };
      let exists = true;
      try {
        await registry.get(ns, name);
      } catch (err) {
        if (!(err instanceof StatusError && err.status.code === 404)) throw err;
        exists = false;
      }
      if (!exists && !info.subresource) {
        const obj = apply(undefined);
        obj.apiVersion = apiVersion;
        obj.kind = ri.kind;
        obj.metadata.name = name;
        const created = await registry.create(ns, obj, { dryRun, fieldManager: manager });
        return this.writeObject(req, res, 201, registry, created, query, warnings);
      }
      const updated = await registry.guaranteedUpdate(ns, name, (cur) => apply(cur), { dryRun, fieldManager: manager, ...subresource });
      return this.writeObject(req, res, 200, registry, updated, query, warnings);
    }

    let patchFn: (cur: KubeObject) => KubeObject;
    if (type === 'application/json-patch+json') {
      const ops = parseJson(body, ri.kind);
      if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
      patchFn = (cur) => applyJsonPatch(cur, ops) as KubeObject;
    } else if (type === 'application/merge-patch+json') {
      const patch = parseJson(body, ri.kind);
      patchFn = (cur) => applyJsonMergePatch(cur, patch) as KubeObject;
    } else if (type === 'application/strategic-merge-patch+json') {
      const patch = parseJson(body, ri.kind);
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
        throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
      }
      patchFn = (cur) => applyStrategicMergePatch(cur, patch as Record<string, unknown>, ri.schema) as unknown as KubeObject;
    } else {
      throw unsupportedMediaType([
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/apply-patch+yaml',
        'application/strategic-merge-patch+json',
      ]);
    }
    const updated = await registry.guaranteedUpdate(
      ns,
      name,
      (cur) => {
        let next: KubeObject;
        try {
          next = patchFn(cur);
        } catch (err) {
          if (err instanceof StatusError) throw err;
          if (err instanceof PatchError) throw patchFailure(err);
          throw err;
        }
        if (typeof next !== 'object' || next === null) throw badRequest('patch produced a non-object');
        next.metadata ??= {};
        warnings.push(...checkFields(next, ri.schema, validation, gvk));
        next.metadata.managedFields = updateManagedFieldsForUpdate(cur, next, manager, now, apiVersion, info.subresource, ri.schema);
        return next;
      },
      { dryRun, fieldManager: manager, ...subresource },
    );
    this.writeObject(req, res, 200, registry, updated, query, warnings);
  }

  /** `POST pods/{name}/binding` (and `bindings`): sets `spec.nodeName` once. */
  private async bind(req: IncomingMessage, res: ServerResponse, info: RequestInfo, ns: string | undefined): Promise<void> {
    const pods = this.deps.registries.get(registryKey('', 'v1', 'pods'))!;
    const body = await readBody(req);
    const binding = decodeObject(body, req.headers['content-type'], 'Binding') as KubeObject & {
      target?: { name?: string };
    };
    const name = info.name ?? binding.metadata.name;
    const node = binding.target?.name;
    if (!name || !node) throw badRequest('Binding target name and pod name are required');
    await pods.guaranteedUpdate(ns, name, (pod) => {
      const spec = (pod as unknown as { spec: { nodeName?: string } }).spec;
      if (pod.metadata.deletionTimestamp) {
        throw conflict({ group: '', resource: 'pods' }, name, 'pod is being deleted, cannot be assigned to a host');
      }
      if (spec.nodeName) {
        throw conflict({ group: '', resource: 'pods' }, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
      }
      spec.nodeName = node;
      const status = ((pod as unknown as { status?: { conditions?: object[] } }).status ??= {});
      status.conditions = [
        ...(status.conditions ?? []).filter((c) => (c as { type?: string }).type !== 'PodScheduled'),
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(this.deps.clock.now()) },
      ];
      return pod;
    }, { subresource: 'binding' });
    writeJson(res, 201, successStatus());
  }

  /** `POST pods/{name}/eviction`: a graceful delete honouring the eviction's DeleteOptions. */
  private async evict(
    req: IncomingMessage,
    res: ServerResponse,
    registry: GenericRegistry,
    info: RequestInfo,
    ns: string | undefined,
  ): Promise<void> {
    const body = await readBody(req);
    const eviction = body.length ? (parseJson(body, 'Eviction') as { deleteOptions?: DeleteOptions }) : {};
    await registry.delete(ns, info.name!, eviction.deleteOptions ?? {});
    writeJson(res, 201, successStatus());
  }
}

function applyConflict(conflicts: { manager: string; field: string }[], apiVersion: string): StatusError {
  const lines = conflicts.map((c) => `conflict with "${c.manager}" using ${apiVersion}: ${c.field}`);
  const message =
    conflicts.length === 1
      ? `Apply failed with 1 conflict: ${lines[0]}`
      : `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: {
      causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with "${c.manager}" using ${apiVersion}`, field: c.field })),
    },
    code: 409,
  });
}

/** A patch that cannot be applied: 400, 422 or 500 as the apiserver's patcher answers. */
function patchFailure(err: PatchError): StatusError {
  const code = err.httpStatus;
  if (code === 400) return badRequest(err.message);
  if (code === 500) return internalError(err);
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: err.message, reason: 'Invalid', code: 422 });
}

function apiVersionOf(ri: ResourceInfo): string {
  return ri.group ? `${ri.group}/${ri.version}` : ri.version;
}

function includeObject(query: URLSearchParams): 'None' | 'Metadata' | 'Object' {
  const v = query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}

/** `fieldManager` from the query, else the apiserver default derived from the User-Agent. */
function fieldManager(req: IncomingMessage, query: URLSearchParams): string {
  const fm = query.get('fieldManager');
  if (fm) return fm;
  const ua = req.headers['user-agent'] ?? 'unknown';
  return ua.split('/')[0]!.slice(0, 128);
}

function deleteOptions(body: Buffer, query: URLSearchParams): DeleteOptions {
  const options: DeleteOptions = body.length ? (parseJson(body, 'DeleteOptions') as DeleteOptions) : {};
  const grace = query.get('gracePeriodSeconds');
  if (grace !== null) {
    if (!/^-?\d+$/.test(grace)) throw badRequest(`invalid gracePeriodSeconds: ${grace}`);
    options.gracePeriodSeconds = Number(grace);
  }
  const policy = query.get('propagationPolicy');
  if (policy) options.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  return options;
}
