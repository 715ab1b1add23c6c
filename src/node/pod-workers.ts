import type { Clock, Logger } from '../base/index.js';
import { errorMessage } from '../base/index.js';

/** What a pod worker runs for one pod UID; resolves with the delay until the next resync. */
export type SyncFn = (uid: string) => Promise<{ resyncAfterMs?: number; done?: boolean }>;

interface Worker {
  running: boolean;
  pending: boolean;
  timer?: ReturnType<Clock['setTimeout']>;
  failures: number;
}

/**
 * One in-flight sync per pod UID, latest trigger wins (the kubelet's podWorkers, STYLE §2.3):
 * a trigger while a sync runs marks the worker pending, so exactly one more sync follows; syncs
 * of different pods run concurrently. After a sync the worker resyncs after the delay it asked
 * for (with jitter); a failed sync backs off exponentially. A sync that reports `done` retires
 * the worker (the pod is gone and cleaned up).
 */
export class PodWorkers {
  private readonly workers = new Map<string, Worker>();
  private closed = false;

  constructor(
    private readonly sync: SyncFn,
    private readonly deps: { clock: Clock; logger: Logger },
    private readonly options: { resyncIntervalMs?: number; maxBackoffMs?: number } = {},
  ) {}

  /** Asks for a sync of `uid` now (or after `delayMs`). */
  trigger(uid: string, delayMs = 0): void {
    if (this.closed) return;
    let w = this.workers.get(uid);
    if (!w) this.workers.set(uid, (w = { running: false, pending: false, failures: 0 }));
    if (delayMs > 0) {
      this.schedule(uid, w, delayMs);
      return;
    }
    if (w.running) {
      w.pending = true;
      return;
    }
    void this.run(uid, w);
  }

  /** UIDs with a live worker. */
  uids(): string[] {
    return [...this.workers.keys()];
  }

  /** Stops all timers; running syncs finish on their own. */
  close(): void {
    this.closed = true;
    for (const w of this.workers.values()) if (w.timer) this.deps.clock.clearTimeout(w.timer);
  }

  private schedule(uid: string, w: Worker, delayMs: number): void {
    if (w.timer) this.deps.clock.clearTimeout(w.timer);
    w.timer = this.deps.clock.setTimeout(() => {
      w.timer = undefined;
      this.trigger(uid);
    }, delayMs);
  }

  private async run(uid: string, w: Worker): Promise<void> {
    w.running = true;
    w.pending = false;
    if (w.timer) {
      this.deps.clock.clearTimeout(w.timer);
      w.timer = undefined;
    }
    let next: number;
    try {
      const result = await this.sync(uid);
      w.failures = 0;
      if (result.done) {
        w.running = false;
        if (!w.pending) {
          this.workers.delete(uid);
          return;
        }
      }
      const base = result.resyncAfterMs ?? this.options.resyncIntervalMs ?? 10_000;
      next = base + Math.floor(Math.random() * base * 0.1);
    } catch (err) {
      w.failures++;
      next = Math.min(500 * 2 ** (w.failures - 1), this.options.maxBackoffMs ?? 30_000);
      this.deps.logger.warn('pod sync failed; backing off', { podUid: uid, attempt: w.failures, delayMs: next, err: errorMessage(err) });
    }
    w.running = false;
    if (this.closed) return;
    if (w.pending) {
      void this.run(uid, w);
      return;
    }
    this.schedule(uid, w, next);
  }
}
