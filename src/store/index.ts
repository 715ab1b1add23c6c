/**
 * store: the revisioned key/value Store (kine-shaped, etcd semantics) and its drivers.
 * Imports `base` only. `registry` is its one production consumer; `cmd` opens the driver.
 */
export type { Store, KeyValue, ListResult, WatchEvent, StoreErrorCode } from './store.js';
export { StoreError } from './store.js';
export { SqliteStore, type SqliteStoreOptions, type SqliteStoreStats } from './sqlite/sqlite-store.js';
export { MemoryStore } from './memory/memory-store.js';
export { runStoreConformance, type StoreHarness } from './testing/conformance.js';
