import type { WatchEvent } from '../store.js';

/**
 * What a {@link WatchStream} needs from its store: a way to read history after a revision, and a
 * way to unregister itself. All calls are synchronous, which is what makes the hand-over from
 * history to live events gap-free: no write can run between a history read and the switch to live.
 */
export interface WatchSource {
  /**
   * Reads the events under `prefix` with a revision in (`after`, head], oldest first, at most `limit`
   * of them. `scannedTo` is the highest revision the read covered (equal to `head` once caught up).
   * Throws `Compacted` if `after` is older than the compact revision.
   */
  readHistory(prefix: string, after: number, limit: number): { events: WatchEvent[]; scannedTo: number; head: number };
  /** Called once when the stream ends, for whatever reason. */
  unregister(stream: WatchStream): void;
}

/**
 * One watch: an async iterator that first pages through stored history (replay mode), then
 * receives live events pushed by the write path (live mode).
 *
 * This is etcd's synced/unsynced watcher split (server/storage/mvcc/watchable_store.go): a watcher
 * that falls more than `maxBuffered` events behind does not block writers and does not grow
 * without bound; it drops its buffer and goes back to replay mode, re-reading the log from the
 * last event it delivered. It fails with `Compacted` only if compaction overtakes it meanwhile,
 * which the API turns into 410 Expired so that the client re-lists.
 */
export class WatchStream implements AsyncIterableIterator<WatchEvent> {
  private mode: 'replay' | 'live' = 'replay';
  /** Highest revision already scanned (replay) or offered (live); later events only. */
  private cursor: number;
  /** Revision of the last event handed to the consumer. */
  private delivered: number;
  private queue: WatchEvent[] = [];
  private head = 0;
  private waiter: ((result: IteratorResult<WatchEvent>) => void) | undefined;
  private failure: Error | undefined;
  private ended = false;
  private readonly onAbort = () => this.end();

  constructor(
    private readonly source: WatchSource,
    readonly prefix: string,
    afterRevision: number,
    private readonly signal: AbortSignal,
    private readonly options: { pageSize: number; maxBuffered: number },
  ) {
    this.cursor = afterRevision;
    this.delivered = afterRevision;
    if (signal.aborted) this.end();
    else signal.addEventListener('abort', this.onAbort, { once: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Whether this stream is in live mode (tests and metrics). */
  get live(): boolean {
    return this.mode === 'live';
  }

  /**
   * Offers a just-committed event from the write path. Ignored in replay mode (the event is in the
   * log and will be read from there) and for keys outside the prefix.
   */
  offer(event: WatchEvent): void {
    if (this.ended || this.mode !== 'live') return;
    const rev = event.kv.modRevision;
    if (rev <= this.cursor) return;
    this.cursor = rev;
    if (!event.kv.key.startsWith(this.prefix)) return;
    if (this.waiter) {
      const resolve = this.waiter;
      this.waiter = undefined;
      this.delivered = rev;
      resolve({ value: event, done: false });
      return;
    }
    this.queue.push(event);
    if (this.queue.length - this.head > this.options.maxBuffered) {
      // Slow consumer: fall back to reading the log (see the class comment).
      this.queue = [];
      this.head = 0;
      this.mode = 'replay';
      this.cursor = this.delivered;
    }
  }

  next(): Promise<IteratorResult<WatchEvent>> {
    const buffered = this.shift();
    if (buffered) return Promise.resolve(buffered);
    if (this.ended) return this.finish();
    if (this.mode === 'replay') {
      try {
        this.fill();
      } catch (err) {
        this.failure = err instanceof Error ? err : new Error('watch history read failed', { cause: err });
        this.end();
        return this.finish();
      }
      const filled = this.shift();
      if (filled) return Promise.resolve(filled);
      // A window of revisions none of which matched: yield to the event loop before the next one,
      // so that a long replay of unrelated history never blocks writers for long.
      if (this.mode === 'replay') return new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.next());
    }
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  return(): Promise<IteratorResult<WatchEvent>> {
    this.end();
    this.failure = undefined;
    return Promise.resolve({ value: undefined, done: true });
  }

  /**
   * Ends the stream: a pending `next()` resolves as done, buffered events are dropped, and the
   * store forgets it. Idempotent. Called on abort, `return()`, failure and store close.
   */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue = [];
    this.head = 0;
    this.signal.removeEventListener('abort', this.onAbort);
    this.source.unregister(this);
    const resolve = this.waiter;
    this.waiter = undefined;
    if (resolve) resolve({ value: undefined, done: true });
  }

  /** Reads one page of history; switches to live mode once the page reaches the head. */
  private fill(): void {
    const page = this.source.readHistory(this.prefix, this.cursor, this.options.pageSize);
    for (const ev of page.events) this.queue.push(ev);
    this.cursor = Math.max(this.cursor, page.scannedTo);
    if (page.scannedTo >= page.head) this.mode = 'live';
  }

  private shift(): IteratorResult<WatchEvent> | undefined {
    if (this.head >= this.queue.length) return undefined;
    const value = this.queue[this.head++]!;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.delivered = value.kv.modRevision;
    return { value, done: false };
  }

  private finish(): Promise<IteratorResult<WatchEvent>> {
    const failure = this.failure;
    if (failure !== undefined) {
      this.failure = undefined;
      return Promise.reject(failure);
    }
    return Promise.resolve({ value: undefined, done: true });
  }
}
