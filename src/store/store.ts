import { PodyardError } from '../base/index.js';

/**
 * The revisioned key/value store behind the API server (kine-shaped, etcd semantics).
 *
 * Keys are opaque strings such as `/registry/pods/default/web`; values are serialized objects.
 * Every write takes the next value of one global revision counter, which is what the API exposes as
 * `metadata.resourceVersion`. The store knows bytes and revisions, never Pods.
 */
export interface Store {
  /** The revision of the newest write (0 for an empty store). */
  currentRevision(): number;
  /** The oldest revision a watch may still start after; older ones throw `Compacted`. */
  compactRevision(): number;
  get(key: string): Promise<KeyValue | undefined>;
  /**
   * Lists keys beginning with `prefix`, in key order, as of the current revision.
   * `startAfter` and `limit` page through the result; `more` says whether keys remain.
   */
  list(prefix: string, options?: { startAfter?: string; limit?: number }): Promise<ListResult>;
  /** Creates `key`; throws `KeyExists` if present. `ttlSeconds` makes it expire (Events). */
  create(key: string, value: string, options?: { ttlSeconds?: number }): Promise<KeyValue>;
  /**
   * Replaces `key` if its current `modRevision` equals `expectedRevision`;
   * throws `NotFound` if absent and `Conflict` if the revision differs.
   */
  update(key: string, value: string, expectedRevision: number, options?: { ttlSeconds?: number }): Promise<KeyValue>;
  /**
   * Deletes `key` (only if its `modRevision` equals `expectedRevision`, when given); returns the
   * deleted value with the revision of the delete as `modRevision`. Throws `NotFound` / `Conflict`.
   */
  delete(key: string, expectedRevision?: number): Promise<KeyValue>;
  /**
   * Streams every change to keys under `prefix` with a revision greater than `afterRevision`, in
   * revision order, first replaying stored history, then live. Throws `Compacted` at once when
   * `afterRevision` < `compactRevision()`. Ends when `signal` aborts.
   */
  watch(prefix: string, afterRevision: number, signal: AbortSignal): AsyncIterable<WatchEvent>;
  /** Drops history at or below `revision` (keeping current values) and removes expired keys. */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}

/** One stored key at one revision. */
export interface KeyValue {
  key: string;
  value: string;
  /** Revision at which this key was (last) created. */
  createRevision: number;
  /** Revision of the last write to this key (for a delete event: the delete's revision). */
  modRevision: number;
}

export interface ListResult {
  items: KeyValue[];
  /** The store revision the list was taken at. */
  revision: number;
  more: boolean;
}

/** One change seen by a watch. For `DELETED`, `kv.value` is the last value before the delete. */
export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  kv: KeyValue;
  /** The value before this change, when there was one. */
  prevValue?: string;
}

/** Store error codes; each is the etcd error it mirrors. */
export type StoreErrorCode =
  | 'KeyExists' // create of a key that exists
  | 'NotFound' // update/delete of a missing key
  | 'Conflict' // expected revision differs from the stored one
  | 'Compacted' // watch from a revision older than the compaction point
  | 'Closed'; // the store was closed

/** A coded store error. */
export class StoreError extends PodyardError<StoreErrorCode> {
  constructor(
    code: StoreErrorCode,
    message: string,
    /** For Compacted: the current compact revision; for Conflict: the stored revision. */
    readonly revision?: number,
  ) {
    super(code, message);
  }
}
