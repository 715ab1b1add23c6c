import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { Clock, Logger, TimerHandle } from '../../base/index.js';
import { errorMessage, silentLogger, systemClock } from '../../base/index.js';
import type { KeyValue, ListResult, Store, WatchEvent } from '../store.js';
import { StoreError } from '../store.js';
import type { WatchSource } from './watch-stream.js';
import { WatchStream } from './watch-stream.js';

/** Options of {@link SqliteStore.open}; every field has a default. */
export interface SqliteStoreOptions {
  /** Time source for TTL expiry and the background timers. Default: the system clock. */
  clock?: Clock;
  logger?: Logger;
  /** How often expired keys are deleted (as DELETE revisions). Default 60 s; 0 disables the timer. */
  ttlSweepIntervalMs?: number;
  /**
   * Automatic compaction interval. Each tick compacts to the revision seen one tick earlier, like
   * kube-apiserver's `--etcd-compaction-interval` (storage/etcd3/compact.go), so a watcher gets at
   * least one interval of history. Default 5 min; 0 disables.
   */
  compactIntervalMs?: number;
  /**
   * fsync the WAL on every commit (`synchronous=FULL`), so that acknowledged writes also survive
   * power loss and kernel crashes. Off by default: surviving the death of the process (kill -9,
   * OOM kill, crash) does not need it, see {@link SqliteStore}.
   */
  fsync?: boolean;
  /**
   * Events a watcher may fall behind before it drops its buffer and goes back to reading the log
   * (see {@link WatchStream}). Default 10,000.
   */
  watchMaxBuffered?: number;
  /** History rows read per replay page. Default 500. */
  watchPageSize?: number;
}

/** Counters for metrics and tests, from {@link SqliteStore.stats}. */
export interface SqliteStoreStats {
  revision: number;
  compactRevision: number;
  /** Rows in the revision log (history plus the latest row of every key). */
  logRows: number;
  /** Keys present, expired-but-not-yet-swept ones included. */
  keys: number;
  /** Database pages in use and on the free list; the file is `pageCount * pageSize` bytes. */
  pageCount: number;
  freePages: number;
  pageSize: number;
  watchers: number;
}

/**
 * Revisions scanned per history read. Bounds the time one replay step holds the (single) thread
 * when the log between two matching events is long.
 */
const historyWindow = 10_000;
/** Rows per compaction / sweep batch; the event loop gets a turn between batches. */
const batchSize = 1_000;

/*
 * Schema, after kine (k3s-io/kine pkg/drivers/generic): `log` is the revision log, one row per
 * write, its AUTOINCREMENT rowid being the global revision. AUTOINCREMENT (not a plain INTEGER
 * PRIMARY KEY) because compaction may delete the newest row (a tombstone), and a plain rowid would
 * then be handed out again; sqlite_sequence never goes back, across restarts too.
 *
 * Unlike kine, the latest revision of each key is also indexed in `current` (name → revision).
 * get and list read `current` in key order and fetch values from `log` by rowid, instead of
 * computing max(id) per name over the whole log; watch replays `log` by revision; compaction
 * keeps exactly the rows `current` points at. Values are stored once, in `log`. Each `log` row
 * also keeps the value it replaced (`old_value`, as kine does) because a watcher needs it as
 * `prevValue` and the replaced row may already be compacted away. A delete row stores the deleted
 * value as `value`. `log` needs no index on name: nothing looks it up by name.
 */
const schema = `
CREATE TABLE IF NOT EXISTS log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  expires_at INTEGER,
  value TEXT NOT NULL,
  old_value TEXT
);
CREATE TABLE IF NOT EXISTS current (
  name TEXT PRIMARY KEY,
  id INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  expires_at INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS current_expires_at ON current (expires_at) WHERE expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', 1), ('compact_revision', 0);
`;

interface CurrentRow {
  id: number;
  create_revision: number;
  expires_at: number | null;
  value: string;
}

interface LogRow {
  id: number;
  name: string;
  deleted: number;
  create_revision: number;
  value: string;
  old_value: string | null;
}

interface ListRow {
  name: string;
  value: string;
  create_revision: number;
  id: number;
}

/**
 * The default {@link Store}: a kine-style revision log in one SQLite file (better-sqlite3), for a
 * single server process.
 *
 * Durability: the database runs in WAL mode and each write is one transaction. With
 * `synchronous=NORMAL` a commit has been appended to the WAL file by `write(2)` before the call
 * returns; only the fsync is deferred to checkpoints. Data handed to the kernel survives the death
 * of the process (kill -9, OOM kill, a crash), so every acknowledged write survives those; what
 * NORMAL can lose is the last commits on power loss or a kernel crash, never consistency. Set
 * {@link SqliteStoreOptions.fsync} for `synchronous=FULL` when that matters more than write speed.
 *
 * Concurrency: better-sqlite3 is synchronous, so each write runs to completion on the one thread;
 * the async signatures exist for etcd compatibility. Watchers are told about writes in-process
 * right after commit, which is only correct if no other process writes the file: the database is
 * therefore opened with `locking_mode=EXCLUSIVE`, and a second process (or second open) fails.
 */
export class SqliteStore implements Store {
  /**
   * Opens (creating if needed, with its directory) the store at `path`; `':memory:'` gives a
   * private in-memory database ({@link MemoryStore} wraps that for tests).
   */
  static async open(path: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
    return new SqliteStore(path, options);
  }

  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly options: Required<Omit<SqliteStoreOptions, 'clock' | 'logger'>>;
  private rev: number;
  private compactRev: number;
  private closed = false;
  private readonly watchers = new Set<WatchStream>();
  private readonly watchSource: WatchSource;
  private sweepTimer: TimerHandle | undefined;
  private sweeping = false;
  private compactTimer: TimerHandle | undefined;
  /** The revision seen at the previous compactor tick: what the next tick compacts to. */
  private compactorLastSeen = 0;
  /** Serializes compactions; never rejects. */
  private compacting: Promise<void> = Promise.resolve();

  private readonly stmt: ReturnType<SqliteStore['prepare']>;
  private readonly inTransaction: (fn: () => unknown) => unknown;

  /** Use {@link SqliteStore.open}. */
  protected constructor(
    readonly path: string,
    options: SqliteStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.options = {
      ttlSweepIntervalMs: options.ttlSweepIntervalMs ?? 60_000,
      compactIntervalMs: options.compactIntervalMs ?? 5 * 60_000,
      fsync: options.fsync ?? false,
      watchMaxBuffered: options.watchMaxBuffered ?? 10_000,
      watchPageSize: options.watchPageSize ?? 500,
    };
    const db = new Database(path, { timeout: 1000 });
    try {
      if (path !== ':memory:') db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${this.options.fsync ? 'FULL' : 'NORMAL'}`);
      // Truncate the WAL back to 64 MiB after checkpoints instead of keeping its high-water mark.
      db.pragma('journal_size_limit = 67108864');
      // Read the database file through mmap (256 MiB of address space, not memory): a list of
      // 1,000 updated 2 KB objects takes ~4 ms instead of ~10-20 ms of pread calls. Writes still
      // go through write(2) into the WAL, so durability is unchanged. Safe because this process
      // is the file's only user (see the class comment).
      db.pragma('mmap_size = 268435456');
      db.exec(schema);
    } catch (err) {
      db.close();
      const busy = (err as { code?: unknown }).code === 'SQLITE_BUSY';
      throw new Error(busy ? `store ${path} is in use by another process` : `cannot open store ${path}`, { cause: err });
    }
    this.db = db;
    this.stmt = this.prepare();
    const txn = db.transaction((fn: () => unknown) => fn());
    this.inTransaction = (fn) => txn(fn);
    this.rev = (this.stmt.sequence.pluck().get() as number | undefined) ?? 0;
    this.compactRev = this.stmt.getMeta.pluck().get('compact_revision') as number;
    this.compactorLastSeen = this.rev;
    this.watchSource = {
      readHistory: (prefix, after, limit) => this.readHistory(prefix, after, limit),
      unregister: (stream) => this.watchers.delete(stream),
    };
    this.armSweep();
    this.armCompactor();
  }

  currentRevision(): number {
    return this.rev;
  }

  compactRevision(): number {
    return this.compactRev;
  }

  // Methods are async only for the interface; the work is done synchronously before the first
  // await, so calls take effect in call order.
  // eslint-disable-next-line @typescript-eslint/require-await
  async get(key: string): Promise<KeyValue | undefined> {
    this.assertOpen();
    const row = this.stmt.getCurrent.get(key) as CurrentRow | undefined;
    if (!row || this.isExpired(row, this.clock.now())) return undefined;
    return { key, value: row.value, createRevision: row.create_revision, modRevision: row.id };
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async list(prefix: string, options: { startAfter?: string; limit?: number } = {}): Promise<ListResult> {
    this.assertOpen();
    const limit = options.limit !== undefined && options.limit > 0 ? options.limit : undefined;
    // The smallest string greater than startAfter is startAfter + NUL: one lower bound keeps the
    // range scan on the primary key, so that each page costs O(page), not O(offset).
    let from = prefix;
    if (options.startAfter !== undefined && options.startAfter + '\0' > from) from = options.startAfter + '\0';
    const params = { from, to: prefixEnd(prefix), now: this.clock.now(), limit: limit === undefined ? -1 : limit + 1 };
    const rows = (params.to === undefined ? this.stmt.listAll.all(params) : this.stmt.listPrefix.all(params)) as ListRow[];
    const more = limit !== undefined && rows.length > limit;
    if (more) rows.pop();
    return {
      items: rows.map((r) => ({ key: r.name, value: r.value, createRevision: r.create_revision, modRevision: r.id })),
      revision: this.rev,
      more,
    };
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async create(key: string, value: string, options: { ttlSeconds?: number } = {}): Promise<KeyValue> {
    return this.write((events) => {
      const now = this.clock.now();
      const cur = this.stmt.getCurrent.get(key) as CurrentRow | undefined;
      if (cur && !this.isExpired(cur, now)) throw new StoreError('KeyExists', `key "${key}" already exists`, cur.id);
      // An expired key not swept yet: delete it first, so watchers see DELETE before the new PUT.
      if (cur) this.writeDelete(key, cur, events);
      const expiresAt = expiry(now, options.ttlSeconds);
      const id = this.insertLog(key, 1, 0, 0, 0, expiresAt, value, null);
      this.stmt.upsertCurrent.run(key, id, id, expiresAt);
      const kv: KeyValue = { key, value, createRevision: id, modRevision: id };
      events.push({ type: 'PUT', kv });
      return { ...kv };
    });
  }

  /**
   * Replaces `key` (see {@link Store.update}). Like an etcd put without a lease, an update without
   * `ttlSeconds` makes the key permanent; kube-apiserver recomputes the TTL on every update.
   */
  // eslint-disable-next-line @typescript-eslint/require-await
  async update(key: string, value: string, expectedRevision: number, options: { ttlSeconds?: number } = {}): Promise<KeyValue> {
    return this.write((events) => {
      const now = this.clock.now();
      const cur = this.current(key, now);
      if (cur.id !== expectedRevision) {
        throw new StoreError('Conflict', `key "${key}" is at revision ${cur.id}, not ${expectedRevision}`, cur.id);
      }
      const expiresAt = expiry(now, options.ttlSeconds);
      const id = this.insertLog(key, 0, 0, cur.create_revision, cur.id, expiresAt, value, cur.value);
      this.stmt.upsertCurrent.run(key, id, cur.create_revision, expiresAt);
      const kv: KeyValue = { key, value, createRevision: cur.create_revision, modRevision: id };
      events.push({ type: 'PUT', kv, prevValue: cur.value });
      return { ...kv };
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    return this.write((events) => {
      const cur = this.current(key, this.clock.now());
      if (expectedRevision !== undefined && cur.id !== expectedRevision) {
        throw new StoreError('Conflict', `key "${key}" is at revision ${cur.id}, not ${expectedRevision}`, cur.id);
      }
      return { ...this.writeDelete(key, cur, events) };
    });
  }

  /**
   * Streams changes under `prefix` after `afterRevision` (see {@link Store.watch}). The
   * `Compacted` check is synchronous: this method throws before returning an iterable.
   *
   * `afterRevision` 0 replays all retained history, and throws `Compacted` once anything has been
   * compacted: the API layer never watches from 0, it lists first and watches from the list's
   * revision. A store close ends every watch normally (done), not with an error.
   */
  watch(prefix: string, afterRevision: number, signal: AbortSignal): AsyncIterable<WatchEvent> {
    this.assertOpen();
    if (afterRevision < this.compactRev) throw compactedError(afterRevision, this.compactRev);
    const stream = new WatchStream(this.watchSource, prefix, afterRevision, signal, {
      pageSize: this.options.watchPageSize,
      maxBuffered: this.options.watchMaxBuffered,
    });
    if (!signal.aborted) this.watchers.add(stream);
    return stream;
  }

  /**
   * Deletes expired keys, then drops history at or below `revision` (clamped to the current
   * revision): every log row that is not the latest of its key, tombstones of deleted keys
   * included. Watches from before `revision` then fail with `Compacted`. Runs in batches, giving
   * writers a turn in between; concurrent calls run one after another.
   */
  async compact(revision: number): Promise<void> {
    this.assertOpen();
    await this.sweepExpired();
    const run = this.compacting.then(() => this.runCompaction(revision));
    this.compacting = run.catch(() => {});
    return run;
  }

  /**
   * Deletes every expired key as a DELETE revision, so that watchers see it go. Runs on a timer
   * ({@link SqliteStoreOptions.ttlSweepIntervalMs}) and from {@link compact}; the first batch runs
   * synchronously. Returns the number of keys deleted.
   */
  async sweepExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      if (this.closed) return total;
      const now = this.clock.now();
      const names = this.stmt.expiredNames.pluck().all(now, batchSize) as string[];
      if (names.length === 0) return total;
      this.write((events) => {
        for (const name of names) {
          const cur = this.stmt.getCurrent.get(name) as CurrentRow | undefined;
          if (cur && this.isExpired(cur, now)) {
            this.writeDelete(name, cur, events);
            total++;
          }
        }
      });
      if (names.length < batchSize) return total;
      await yieldToEventLoop();
    }
  }

  /** Sizes and counters, for metrics and tests. */
  stats(): SqliteStoreStats {
    this.assertOpen();
    const pragma = (name: string) => this.db.pragma(name, { simple: true }) as number;
    return {
      revision: this.rev,
      compactRevision: this.compactRev,
      logRows: this.stmt.countLog.pluck().get() as number,
      keys: this.stmt.countCurrent.pluck().get() as number,
      pageCount: pragma('page_count'),
      freePages: pragma('freelist_count'),
      pageSize: pragma('page_size'),
      watchers: this.watchers.size,
    };
  }

  /** Stops the timers, ends every watch (as done), waits for a running compaction, closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweepTimer !== undefined) this.clock.clearTimeout(this.sweepTimer);
    if (this.compactTimer !== undefined) this.clock.clearTimeout(this.compactTimer);
    for (const w of [...this.watchers]) w.end();
    await this.compacting;
    this.db.close();
  }

  private prepare() {
    const db = this.db;
    const listColumns = `SELECT c.name AS name, l.value AS value, c.create_revision AS create_revision, c.id AS id
      FROM current c JOIN log l ON l.id = c.id`;
    const live = `(c.expires_at IS NULL OR c.expires_at > @now)`;
    const historyColumns = `SELECT id, name, deleted, create_revision, value, old_value FROM log`;
    return {
      sequence: db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'log'`),
      getMeta: db.prepare(`SELECT value FROM meta WHERE key = ?`),
      setMeta: db.prepare(`UPDATE meta SET value = ? WHERE key = ?`),
      getCurrent: db.prepare(`SELECT c.id AS id, c.create_revision AS create_revision, c.expires_at AS expires_at, l.value AS value
        FROM current c JOIN log l ON l.id = c.id WHERE c.name = ?`),
      insertLog: db.prepare(`INSERT INTO log (name, created, deleted, create_revision, prev_revision, expires_at, value, old_value)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      setCreateRevision: db.prepare(`UPDATE log SET create_revision = id WHERE id = ?`),
      upsertCurrent: db.prepare(`INSERT INTO current (name, id, create_revision, expires_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET id = excluded.id, create_revision = excluded.create_revision, expires_at = excluded.expires_at`),
      deleteCurrent: db.prepare(`DELETE FROM current WHERE name = ?`),
      listPrefix: db.prepare(`${listColumns} WHERE c.name >= @from AND c.name < @to AND ${live} ORDER BY c.name LIMIT @limit`),
      listAll: db.prepare(`${listColumns} WHERE c.name >= @from AND ${live} ORDER BY c.name LIMIT @limit`),
      historyPrefix: db.prepare(
        `${historyColumns} WHERE id > @after AND id <= @until AND name >= @from AND name < @to ORDER BY id LIMIT @limit`,
      ),
      historyAll: db.prepare(`${historyColumns} WHERE id > @after AND id <= @until ORDER BY id LIMIT @limit`),
      expiredNames: db.prepare(`SELECT name FROM current WHERE expires_at <= ? ORDER BY expires_at LIMIT ?`),
      compactionScan: db.prepare(`SELECT l.id AS id, (c.id IS l.id) AS keep FROM log l LEFT JOIN current c ON c.name = l.name
        WHERE l.id > ? AND l.id <= ? ORDER BY l.id LIMIT ?`),
      deleteLog: db.prepare(`DELETE FROM log WHERE id = ?`),
      countLog: db.prepare(`SELECT count(*) FROM log`),
      countCurrent: db.prepare(`SELECT count(*) FROM current`),
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('Closed', 'store is closed');
  }

  private isExpired(row: { expires_at: number | null }, now: number): boolean {
    return row.expires_at !== null && row.expires_at <= now;
  }

  /** The live row of `key`, or `NotFound`. */
  private current(key: string, now: number): CurrentRow {
    const cur = this.stmt.getCurrent.get(key) as CurrentRow | undefined;
    if (!cur || this.isExpired(cur, now)) throw new StoreError('NotFound', `key "${key}" not found`);
    return cur;
  }

  /**
   * Runs `fn` as one transaction, then publishes the events it collected, in revision order, to
   * the watchers. A throw rolls back and publishes nothing.
   */
  private write<T>(fn: (events: WatchEvent[]) => T): T {
    this.assertOpen();
    const events: WatchEvent[] = [];
    const result = this.inTransaction(() => fn(events)) as T;
    for (const ev of events) {
      this.rev = ev.kv.modRevision;
      for (const w of this.watchers) w.offer(ev);
    }
    return result;
  }

  private insertLog(
    name: string,
    created: 0 | 1,
    deleted: 0 | 1,
    createRevision: number,
    prevRevision: number,
    expiresAt: number | null,
    value: string,
    oldValue: string | null,
  ): number {
    const id = Number(
      this.stmt.insertLog.run(name, created, deleted, createRevision, prevRevision, expiresAt, value, oldValue).lastInsertRowid,
    );
    // A create row's create_revision is its own id, known only after the insert.
    if (created) this.stmt.setCreateRevision.run(id);
    return id;
  }

  /** Writes the DELETE revision of `key` (inside a transaction); returns the deleted key/value. */
  private writeDelete(key: string, cur: CurrentRow, events: WatchEvent[]): KeyValue {
    const id = this.insertLog(key, 0, 1, cur.create_revision, cur.id, null, cur.value, null);
    this.stmt.deleteCurrent.run(key);
    const kv: KeyValue = { key, value: cur.value, createRevision: cur.create_revision, modRevision: id };
    events.push({ type: 'DELETE', kv, prevValue: cur.value });
    return kv;
  }

  private readHistory(prefix: string, after: number, limit: number): { events: WatchEvent[]; scannedTo: number; head: number } {
    if (this.closed) return { events: [], scannedTo: this.rev, head: this.rev };
    if (after < this.compactRev) throw compactedError(after, this.compactRev);
    const head = this.rev;
    const until = Math.min(head, after + historyWindow);
    const to = prefixEnd(prefix);
    const params = { after, until, from: prefix, to, limit };
    const rows = (to === undefined ? this.stmt.historyAll.all(params) : this.stmt.historyPrefix.all(params)) as LogRow[];
    const events = rows.map((r): WatchEvent => {
      const kv: KeyValue = { key: r.name, value: r.value, createRevision: r.create_revision, modRevision: r.id };
      if (r.deleted) return { type: 'DELETE', kv, prevValue: r.value };
      return r.old_value === null ? { type: 'PUT', kv } : { type: 'PUT', kv, prevValue: r.old_value };
    });
    const scannedTo = rows.length === limit ? rows[rows.length - 1]!.id : until;
    return { events, scannedTo, head };
  }

  private async runCompaction(revision: number): Promise<void> {
    const target = Math.min(revision, this.rev);
    if (this.closed || target <= this.compactRev) return;
    // 1. Record the compact revision first: from here on, watchers behind it fail with Compacted
    //    instead of silently missing the rows about to go.
    this.stmt.setMeta.run(target, 'compact_revision');
    this.compactRev = target;
    // 2. Delete, in batches, every row at or below it that `current` does not point at. Rows kept
    //    by earlier compactions are scanned again: they may have been superseded since.
    let after = 0;
    let deleted = 0;
    for (;;) {
      if (this.closed) return;
      const rows = this.stmt.compactionScan.all(after, target, batchSize) as { id: number; keep: number }[];
      this.inTransaction(() => {
        for (const r of rows) {
          if (!r.keep) {
            this.stmt.deleteLog.run(r.id);
            deleted++;
          }
        }
      });
      if (rows.length < batchSize) break;
      after = rows[rows.length - 1]!.id;
      await yieldToEventLoop();
    }
    this.logger.debug('compacted store', { revision: target, deletedRows: deleted });
  }

  private armSweep(): void {
    const interval = this.options.ttlSweepIntervalMs;
    if (this.closed || interval <= 0) return;
    this.sweepTimer = this.clock.setTimeout(() => {
      this.armSweep();
      if (this.sweeping) return;
      this.sweeping = true;
      this.sweepExpired()
        .catch((err: unknown) => this.logger.warn('TTL sweep failed', { error: errorMessage(err) }))
        .finally(() => {
          this.sweeping = false;
        });
    }, interval);
  }

  /** The etcd3 compactor of kube-apiserver: each tick compacts to the revision of the previous tick. */
  private armCompactor(): void {
    const interval = this.options.compactIntervalMs;
    if (this.closed || interval <= 0) return;
    this.compactTimer = this.clock.setTimeout(() => {
      this.armCompactor();
      const target = this.compactorLastSeen;
      this.compactorLastSeen = this.rev;
      if (target <= this.compactRev) return;
      this.compact(target).catch((err: unknown) => {
        if (!this.closed) this.logger.warn('compaction failed', { revision: target, error: errorMessage(err) });
      });
    }, interval);
  }
}

/** etcd's ErrCompacted, with the compact revision for the API's 410 message. */
function compactedError(afterRevision: number, compactRevision: number): StoreError {
  return new StoreError(
    'Compacted',
    `mvcc: required revision has been compacted (watch after ${afterRevision}, compacted at ${compactRevision})`,
    compactRevision,
  );
}

function expiry(now: number, ttlSeconds: number | undefined): number | null {
  return ttlSeconds !== undefined && ttlSeconds > 0 ? now + ttlSeconds * 1000 : null;
}

/**
 * The smallest string greater than every string starting with `prefix` (etcd's `GetPrefixRangeEnd`),
 * or undefined for the empty prefix (no upper bound). Keys are compared as UTF-8 bytes by SQLite,
 * which agrees with code-unit order for the ASCII keys the registry writes.
 */
export function prefixEnd(prefix: string): string | undefined {
  let p = prefix;
  while (p.length > 0) {
    const last = p.charCodeAt(p.length - 1);
    if (last < 0xffff) return p.slice(0, -1) + String.fromCharCode(last + 1);
    p = p.slice(0, -1);
  }
  return undefined;
}
