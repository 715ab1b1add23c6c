import { createInterface } from 'node:readline';
import type { DeleteOptions, KubeObject, Status } from '../apis/index.js';
import { StatusError } from '../apis/index.js';
import type { HttpTransport } from './transport.js';

/** Identifies a served resource: `{group: '', version: 'v1', resource: 'pods', namespaced: true}`. */
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
}

/** Well-known resources. */
export const Resources = {
  pods: { group: '', version: 'v1', resource: 'pods', namespaced: true },
  services: { group: '', version: 'v1', resource: 'services', namespaced: true },
  endpoints: { group: '', version: 'v1', resource: 'endpoints', namespaced: true },
  configmaps: { group: '', version: 'v1', resource: 'configmaps', namespaced: true },
  secrets: { group: '', version: 'v1', resource: 'secrets', namespaced: true },
  serviceaccounts: { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true },
  events: { group: '', version: 'v1', resource: 'events', namespaced: true },
  namespaces: { group: '', version: 'v1', resource: 'namespaces', namespaced: false },
  nodes: { group: '', version: 'v1', resource: 'nodes', namespaced: false },
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespaced: true },
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true },
} as const satisfies Record<string, ResourceRef>;

/** Options of list and watch calls. */
export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  limit?: number;
  continue?: string;
}

/** A list answer. */
export interface ObjectList<T extends KubeObject = KubeObject> {
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

/** One watch event. */
export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

/** Patch content types. */
export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

const patchContentTypes: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/**
 * A typed Kubernetes API client over a transport: the verbs every consumer (controllers, node
 * agent, CLI) uses. Failures are {@link StatusError}s.
 */
export class ApiClient {
  constructor(readonly transport: HttpTransport) {}

  /** The URL path of a collection or an object. */
  path(ref: ResourceRef, namespace?: string, name?: string, subresource?: string): string {
    let p = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
    if (ref.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
    p += `/${ref.resource}`;
    if (name !== undefined) p += `/${encodeURIComponent(name)}`;
    if (subresource) p += `/${subresource}`;
    return p;
  }

  get<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string): Promise<T> {
    return this.transport.request<T>({ method: 'GET', path: this.path(ref, namespace, name) });
  }

  list<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace?: string, query: ListQuery = {}): Promise<ObjectList<T>> {
    return this.transport.request<ObjectList<T>>({ method: 'GET', path: this.path(ref, namespace), query: { ...query } });
  }

  create<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, obj: T, fieldManager = 'podyard'): Promise<T> {
    return this.transport.request<T>({ method: 'POST', path: this.path(ref, namespace), query: { fieldManager }, body: obj });
  }

  update<T extends KubeObject = KubeObject>(ref: ResourceRef, obj: T, subresource?: string, fieldManager = 'podyard'): Promise<T> {
    return this.transport.request<T>({
      method: 'PUT',
      path: this.path(ref, obj.metadata.namespace, obj.metadata.name, subresource),
      query: { fieldManager },
      body: obj,
    });
  }

  patch<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options: { subresource?: string; fieldManager?: string; force?: boolean } = {},
  ): Promise<T> {
    return this.transport.request<T>({
      method: 'PATCH',
      path: this.path(ref, namespace, name, options.subresource),
      query: { fieldManager: options.fieldManager ?? 'podyard', ...(options.force ? { force: true } : {}) },
      body: patch,
      contentType: patchContentTypes[type],
    });
  }

  delete(ref: ResourceRef, namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<KubeObject | Status> {
    return this.transport.request<KubeObject | Status>({
      method: 'DELETE',
      path: this.path(ref, namespace, name),
      body: { kind: 'DeleteOptions', apiVersion: 'v1', ...options },
    });
  }

  /**
   * Streams watch events until `signal` aborts or the server ends the watch. A 410 arrives as
   * an ERROR event (callers relist).
   */
  async *watch<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    namespace: string | undefined,
    query: ListQuery & { allowWatchBookmarks?: boolean; timeoutSeconds?: number },
    signal: AbortSignal,
  ): AsyncGenerator<WatchEvent<T>> {
    const res = await this.transport.open({ method: 'GET', path: this.path(ref, namespace), query: { ...query, watch: true }, signal });
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    const onAbort = () => {
      lines.close();
      res.destroy();
    };
    signal.addEventListener('abort', onAbort);
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        yield JSON.parse(line) as WatchEvent<T>;
      }
    } catch (err) {
      if (!signal.aborted) throw err;
    } finally {
      signal.removeEventListener('abort', onAbort);
      res.destroy();
    }
  }
}

/** Whether `err` is a Status with this HTTP code. */
export function hasCode(err: unknown, code: number): boolean {
  return err instanceof StatusError && err.status.code === code;
}
