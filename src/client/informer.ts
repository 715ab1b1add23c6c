import type { Clock, Logger } from '../base/index.js';
import { errorMessage } from '../base/index.js';
import type { KubeObject } from '../apis/index.js';
import type { ApiClient, ListQuery, ResourceRef } from './api-client.js';

/** Callbacks of an {@link Informer}; each receives the object (for DELETED, its last state). */
export interface InformerHandlers<T extends KubeObject> {
  onAdd?(obj: T): void;
  onUpdate?(obj: T, old: T): void;
  onDelete?(obj: T): void;
}

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(obj: KubeObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!;
}

/**
 * A list+watch cache of one resource (client-go's reflector + indexer): lists, then watches from
 * the list's resourceVersion, re-listing after a 410 or a broken stream with backoff. Handlers
 * should only enqueue keys (STYLE §2.3).
 */
export class Informer<T extends KubeObject = KubeObject> {
  private readonly cache = new Map<string, T>();
  private readonly abort = new AbortController();
  private syncedResolve!: () => void;
  /** Resolves after the first list has been delivered. */
  readonly synced = new Promise<void>((r) => (this.syncedResolve = r));

  constructor(
    private readonly deps: { client: ApiClient; clock: Clock; logger: Logger },
    private readonly ref: ResourceRef,
    private readonly handlers: InformerHandlers<T>,
    private readonly options: { namespace?: string; query?: ListQuery } = {},
  ) {}

  /** Starts the list/watch loop in the background. */
  start(): void {
    void this.run();
  }

  /** Stops watching. */
  stop(): void {
    this.abort.abort();
  }

  /** The cached object with this key. */
  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  /** Every cached object. */
  list(): T[] {
    return [...this.cache.values()];
  }

  private async run(): Promise<void> {
    let delayMs = 200;
    while (!this.abort.signal.aborted) {
      try {
        const list = await this.deps.client.list<T>(this.ref, this.options.namespace, { ...this.options.query });
        this.replace(list.items);
        this.syncedResolve();
        let rv = list.metadata.resourceVersion;
        delayMs = 200;
        let expired = false;
        while (!expired && !this.abort.signal.aborted) {
          for await (const ev of this.deps.client.watch<T>(
            this.ref,
            this.options.namespace,
            { ...this.options.query, resourceVersion: rv, allowWatchBookmarks: true, timeoutSeconds: 300 + Math.floor(Math.random() * 300) },
            this.abort.signal,
          )) {
            if (ev.type === 'ERROR') {
              expired = true;
              break;
            }
            rv = ev.object.metadata.resourceVersion ?? rv;
            if (ev.type === 'BOOKMARK') continue;
            this.apply(ev.type, ev.object);
          }
        }
      } catch (err) {
        if (this.abort.signal.aborted) return;
        this.deps.logger.warn('informer list/watch failed; retrying', { resource: this.ref.resource, err: errorMessage(err) });
        await new Promise<void>((r) => this.deps.clock.setTimeout(r, delayMs));
        delayMs = Math.min(delayMs * 2, 30_000);
      }
    }
  }

  private replace(items: T[]): void {
    const seen = new Set<string>();
    for (const item of items) {
      const key = objectKey(item);
      seen.add(key);
      const old = this.cache.get(key);
      this.cache.set(key, item);
      if (!old) this.handlers.onAdd?.(item);
      else if (old.metadata.resourceVersion !== item.metadata.resourceVersion) this.handlers.onUpdate?.(item, old);
    }
    for (const [key, old] of this.cache) {
      if (!seen.has(key)) {
        this.cache.delete(key);
        this.handlers.onDelete?.(old);
      }
    }
  }

  private apply(type: string, obj: T): void {
    const key = objectKey(obj);
    const old = this.cache.get(key);
    if (type === 'DELETED') {
      this.cache.delete(key);
      this.handlers.onDelete?.(obj);
    } else {
      this.cache.set(key, obj);
      if (old) this.handlers.onUpdate?.(obj, old);
      else this.handlers.onAdd?.(obj);
    }
  }
}
