import type { Clock, Logger } from '../base/index.js';
import { errorMessage } from '../base/index.js';
import type { KubeObject } from '../apis/index.js';
import type { ApiClient} from '../client/index.js';
import { hasCode, type ResourceRef } from '../client/index.js';

/** A resource the collector scans, with its kind (owner references name kinds). */
export interface CollectedResource extends ResourceRef {
  kind: string;
}

/**
 * Background cascading deletion (kube-controller-manager's garbage collector, reduced to what a
 * single-node cluster needs): an object whose every owner (by `ownerReferences` uid) is gone is
 * deleted. Runs a full scan every interval and soon after any delete it is told about, so objects
 * whose owners vanished while the daemon was down are collected too.
 */
export class GarbageCollector {
  private timer?: ReturnType<Clock['setTimeout']>;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deps: { client: ApiClient; clock: Clock; logger: Logger },
    private readonly resources: CollectedResource[],
    private readonly options: { intervalMs?: number } = {},
  ) {}

  start(): void {
    this.schedule(1_000);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
  }

  /** Asks for a scan soon (after an owner was deleted). */
  trigger(): void {
    this.schedule(200);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = this.deps.clock.setTimeout(() => void this.scan(), delayMs);
  }

  private async scan(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      const all = new Map<string, { ref: CollectedResource; obj: KubeObject }>();
      const withOwners: { ref: CollectedResource; obj: KubeObject }[] = [];
      for (const ref of this.resources) {
        const list = await this.deps.client.list(ref);
        for (const obj of list.items) {
          all.set(obj.metadata.uid!, { ref, obj });
          if (obj.metadata.ownerReferences?.length && !obj.metadata.deletionTimestamp) withOwners.push({ ref, obj });
        }
      }
      for (const { ref, obj } of withOwners) {
        const owners = obj.metadata.ownerReferences!;
        if (owners.some((o) => all.has(o.uid))) continue;
        try {
          await this.deps.client.delete(ref, obj.metadata.namespace, obj.metadata.name!, {
            propagationPolicy: 'Background',
            preconditions: { uid: obj.metadata.uid! },
          });
          this.deps.logger.info('garbage-collected', { resource: ref.resource, name: obj.metadata.name, namespace: obj.metadata.namespace });
        } catch (err) {
          if (!hasCode(err, 404) && !hasCode(err, 409)) throw err;
        }
      }
    } catch (err) {
      this.deps.logger.warn('garbage collection scan failed', { err: errorMessage(err) });
    } finally {
      this.running = false;
      const again = this.again;
      this.again = false;
      this.schedule(again ? 200 : (this.options.intervalMs ?? 30_000));
    }
  }
}
