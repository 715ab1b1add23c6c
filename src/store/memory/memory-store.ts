import type { SqliteStoreOptions } from '../sqlite/sqlite-store.js';
import { SqliteStore } from '../sqlite/sqlite-store.js';

/**
 * An in-memory {@link Store} for unit tests of other modules (registry, apiserver): the
 * {@link SqliteStore} over a private `:memory:` database, so it has exactly the production
 * semantics (revisions, TTL, watch, compaction) and passes the same conformance suite.
 * Synchronous to construct; nothing survives {@link MemoryStore.close}.
 *
 * Background timers default to off here (no TTL sweep, no automatic compaction) so tests stay
 * deterministic; pass intervals, usually with a `FakeClock`, to test them.
 *
 * @example
 *   const store = new MemoryStore({ clock: new FakeClock() });
 */
export class MemoryStore extends SqliteStore {
  constructor(options: SqliteStoreOptions = {}) {
    super(':memory:', { ttlSweepIntervalMs: 0, compactIntervalMs: 0, ...options });
  }
}
