import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { errorMessage } from './errors.js';

/**
 * A keyed work queue (client-go's rate-limited workqueue, reduced): a key enqueued several times
 * before it is processed is processed once; a key is never processed twice at once (a key added
 * while in flight is processed again afterwards); failures are retried with exponential backoff.
 */
export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private running = 0;
  private closed = false;

  constructor(
    private readonly process: (key: string) => Promise<void>,
    private readonly deps: { clock: Clock; logger: Logger },
    private readonly options: { concurrency?: number; baseDelayMs?: number; maxDelayMs?: number } = {},
  ) {}

  /** Enqueues `key` (now, or after `delayMs`). */
  add(key: string, delayMs = 0): void {
    if (this.closed) return;
    if (delayMs > 0) {
      this.deps.clock.setTimeout(() => this.add(key), delayMs);
      return;
    }
    if (this.inFlight.has(key)) {
      this.dirty.add(key);
      return;
    }
    this.pending.add(key);
    this.pump();
  }

  /** Stops processing new keys. */
  close(): void {
    this.closed = true;
    this.pending.clear();
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 4;
    while (!this.closed && this.running < limit && this.pending.size > 0) {
      const key = this.pending.values().next().value as string;
      this.pending.delete(key);
      this.inFlight.add(key);
      this.running++;
      void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    try {
      await this.process(key);
      this.failures.delete(key);
    } catch (err) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      const delay = Math.min((this.options.baseDelayMs ?? 100) * 2 ** (n - 1), this.options.maxDelayMs ?? 30_000);
      this.deps.logger.warn('sync failed; will retry', { key, attempt: n, delayMs: delay, err: errorMessage(err) });
      this.add(key, delay);
    } finally {
      this.inFlight.delete(key);
      this.running--;
      if (this.dirty.delete(key)) this.pending.add(key);
      this.pump();
    }
  }
}
