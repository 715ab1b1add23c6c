import type { Clock, Logger } from '../base/index.js';
import { WorkQueue } from '../base/index.js';
import type { Namespace, ServiceAccount } from '../apis/index.js';
import type { ApiClient} from '../client/index.js';
import { hasCode, Informer, Resources } from '../client/index.js';

/**
 * Keeps a `default` ServiceAccount in every active namespace (kube-controller-manager's
 * serviceaccounts-controller), recreating it when deleted.
 */
export class ServiceAccountsController {
  private readonly queue: WorkQueue;
  private readonly namespaces: Informer<Namespace>;
  private readonly accounts: Informer<ServiceAccount>;

  constructor(private readonly deps: { client: ApiClient; clock: Clock; logger: Logger }) {
    const log = deps.logger.child({ controller: 'serviceaccounts' });
    this.queue = new WorkQueue((ns) => this.sync(ns), { clock: deps.clock, logger: log });
    this.namespaces = new Informer<Namespace>({ ...deps, logger: log }, Resources.namespaces, {
      onAdd: (ns) => this.queue.add(ns.metadata.name!),
      onUpdate: (ns) => this.queue.add(ns.metadata.name!),
    });
    this.accounts = new Informer<ServiceAccount>(
      { ...deps, logger: log },
      Resources.serviceaccounts,
      { onDelete: (sa) => this.queue.add(sa.metadata.namespace!) },
      { query: { fieldSelector: 'metadata.name=default' } },
    );
  }

  start(): void {
    this.accounts.start();
    this.namespaces.start();
  }

  stop(): void {
    this.queue.close();
    this.namespaces.stop();
    this.accounts.stop();
  }

  private async sync(namespace: string): Promise<void> {
    await this.accounts.synced;
    const ns = this.namespaces.get(namespace);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    if (this.accounts.get(`${namespace}/default`)) return;
    try {
      await this.deps.client.create(Resources.serviceaccounts, namespace, {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'default', namespace },
      });
    } catch (err) {
      if (!hasCode(err, 409) && !hasCode(err, 403) && !hasCode(err, 404)) throw err;
    }
  }
}
