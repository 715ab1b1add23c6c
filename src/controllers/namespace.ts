import type { Clock, Logger } from '../base/index.js';
import { WorkQueue } from '../base/index.js';
import type { Namespace } from '../apis/index.js';
import type { ApiClient} from '../client/index.js';
import { hasCode, Informer, Resources, type ResourceRef } from '../client/index.js';

/**
 * Empties a namespace marked for deletion, then clears its `kubernetes` finalizer through the
 * `finalize` subresource so the API server removes it (kube-controller-manager's namespace
 * controller). Objects with graceful deletion (pods) must be confirmed gone by the node first,
 * so the namespace stays Terminating until then; the sync retries until the namespace is empty.
 */
export class NamespaceController {
  private readonly queue: WorkQueue;
  private readonly namespaces: Informer<Namespace>;

  constructor(
    private readonly deps: { client: ApiClient; clock: Clock; logger: Logger },
    /** Every namespaced resource to empty, in deletion order. */
    private readonly resources: ResourceRef[],
  ) {
    const log = deps.logger.child({ controller: 'namespace' });
    this.queue = new WorkQueue((ns) => this.sync(ns), { clock: deps.clock, logger: log }, { baseDelayMs: 500, maxDelayMs: 5_000 });
    this.namespaces = new Informer<Namespace>({ ...deps, logger: log }, Resources.namespaces, {
      onAdd: (ns) => this.queue.add(ns.metadata.name!),
      onUpdate: (ns) => this.queue.add(ns.metadata.name!),
    });
  }

  start(): void {
    this.namespaces.start();
  }

  stop(): void {
    this.queue.close();
    this.namespaces.stop();
  }

  private async sync(name: string): Promise<void> {
    const ns = this.namespaces.get(name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const ref of this.resources) {
      const path = this.deps.client.path(ref, name);
      try {
        await this.deps.client.transport.request({ method: 'DELETE', path, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
        const left = await this.deps.client.list(ref, name, { limit: 1 });
        remaining += left.items.length;
      } catch (err) {
        if (!hasCode(err, 404) && !hasCode(err, 405)) throw err;
      }
    }
    if (remaining > 0) throw new Error(`namespace ${name} still has ${remaining} kind(s) of objects`);
    try {
      await this.deps.client.update(Resources.namespaces, { ...ns, spec: { ...ns.spec, finalizers: [] } }, 'finalize');
    } catch (err) {
      if (!hasCode(err, 404)) throw err;
    }
  }
}
