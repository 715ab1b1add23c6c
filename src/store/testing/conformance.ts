import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import type { FakeClock } from '../../base/index.js';
import type { KeyValue, Store, WatchEvent } from '../store.js';
import { StoreError } from '../store.js';

/** A fresh, empty store for one conformance test, and how to dispose of it. */
export interface StoreHarness {
  store: Store;
  /** Closes the store and removes its data. Must tolerate a store that the test already closed. */
  cleanup(): Promise<void>;
  /**
   * The fake clock the store reads for TTL expiry, if it has one; without it the TTL cases are
   * skipped (etcd leases run on etcd's own clock).
   */
  clock?: FakeClock;
}

/** Guard against a hung watch: no case waits longer than this for one event. */
const eventTimeoutMs = 5_000;

/**
 * Registers the store conformance suite (node:test `describe`/`it`) for one driver: the
 * contract of {@link Store} with etcd semantics, shared by the SQLite driver and (later) the etcd
 * driver (STYLE.md §2.7). `makeStore` is called once per case and must return an empty store.
 *
 * @example
 *   runStoreConformance('SqliteStore', async () => { ... return { store, cleanup }; });
 */
export function runStoreConformance(name: string, makeStore: () => Promise<StoreHarness>): void {
  /** Runs `fn` with a fresh store, always cleaning up. */
  const withStore = (fn: (h: StoreHarness, t: TestContext) => Promise<void>) => async (t: TestContext) => {
    const h = await makeStore();
    try {
      await fn(h, t);
    } finally {
      await h.cleanup();
    }
  };

  describe(`Store conformance: ${name}`, { timeout: 60_000 }, () => {
    describe('create and get', () => {
      it(
        'starts empty at revision 0',
        withStore(async ({ store }) => {
          assert.equal(store.currentRevision(), 0);
          assert.equal(store.compactRevision(), 0);
          assert.equal(await store.get('/registry/pods/default/web'), undefined);
          assert.deepEqual(await store.list('/registry/'), { items: [], revision: 0, more: false });
        }),
      );

      it(
        'creates a key at the next revision and reads it back',
        withStore(async ({ store }) => {
          const kv = await store.create('/registry/pods/default/web', '{"a":1}');
          assert.deepEqual(kv, { key: '/registry/pods/default/web', value: '{"a":1}', createRevision: 1, modRevision: 1 });
          assert.equal(store.currentRevision(), 1);
          assert.deepEqual(await store.get('/registry/pods/default/web'), kv);
        }),
      );

      it(
        'rejects creating an existing key with KeyExists and writes nothing',
        withStore(async ({ store }) => {
          await store.create('/k', 'v1');
          await assertStoreError(store.create('/k', 'v2'), 'KeyExists');
          assert.equal(store.currentRevision(), 1);
          assert.equal((await store.get('/k'))?.value, 'v1');
        }),
      );

      it(
        'stores values verbatim (unicode, empty, large)',
        withStore(async ({ store }) => {
          const large = 'x'.repeat(1 << 20);
          await store.create('/a', '');
          await store.create('/b', 'héllo ✓ 🚀 "quoted" \\ \n');
          await store.create('/c', large);
          assert.equal((await store.get('/a'))?.value, '');
          assert.equal((await store.get('/b'))?.value, 'héllo ✓ 🚀 "quoted" \\ \n');
          assert.equal((await store.get('/c'))?.value, large);
        }),
      );
    });

    describe('update', () => {
      it(
        'replaces the value at a new revision, keeping createRevision',
        withStore(async ({ store }) => {
          const created = await store.create('/k', 'v1');
          await store.create('/other', 'x');
          const updated = await store.update('/k', 'v2', created.modRevision);
          assert.deepEqual(updated, { key: '/k', value: 'v2', createRevision: 1, modRevision: 3 });
          assert.deepEqual(await store.get('/k'), updated);
        }),
      );

      it(
        'rejects a stale expectedRevision with Conflict carrying the stored revision',
        withStore(async ({ store }) => {
          const v1 = await store.create('/k', 'v1');
          const v2 = await store.update('/k', 'v2', v1.modRevision);
          const err = await assertStoreError(store.update('/k', 'v3', v1.modRevision), 'Conflict');
          assert.equal(err.revision, v2.modRevision);
          assert.equal(store.currentRevision(), v2.modRevision);
          assert.equal((await store.get('/k'))?.value, 'v2');
        }),
      );

      it(
        'rejects updating a missing or deleted key with NotFound',
        withStore(async ({ store }) => {
          await assertStoreError(store.update('/missing', 'v', 1), 'NotFound');
          const kv = await store.create('/k', 'v1');
          await store.delete('/k');
          await assertStoreError(store.update('/k', 'v2', kv.modRevision), 'NotFound');
        }),
      );
    });

    describe('delete', () => {
      it(
        'returns the last value with the delete revision as modRevision',
        withStore(async ({ store }) => {
          const v1 = await store.create('/k', 'v1');
          const v2 = await store.update('/k', 'v2', v1.modRevision);
          const gone = await store.delete('/k', v2.modRevision);
          assert.deepEqual(gone, { key: '/k', value: 'v2', createRevision: 1, modRevision: 3 });
          assert.equal(store.currentRevision(), 3);
          assert.equal(await store.get('/k'), undefined);
        }),
      );

      it(
        'deletes unconditionally without expectedRevision',
        withStore(async ({ store }) => {
          await store.create('/k', 'v1');
          const gone = await store.delete('/k');
          assert.equal(gone.value, 'v1');
          assert.equal(await store.get('/k'), undefined);
        }),
      );

      it(
        'rejects a missing key with NotFound and a stale revision with Conflict',
        withStore(async ({ store }) => {
          await assertStoreError(store.delete('/missing'), 'NotFound');
          await assertStoreError(store.delete('/missing', 1), 'NotFound');
          const v1 = await store.create('/k', 'v1');
          const v2 = await store.update('/k', 'v2', v1.modRevision);
          const err = await assertStoreError(store.delete('/k', v1.modRevision), 'Conflict');
          assert.equal(err.revision, v2.modRevision);
          assert.equal((await store.get('/k'))?.value, 'v2');
        }),
      );

      it(
        'lets a deleted key be created again with a new createRevision',
        withStore(async ({ store }) => {
          await store.create('/k', 'v1');
          await store.delete('/k');
          const again = await store.create('/k', 'v2');
          assert.deepEqual(again, { key: '/k', value: 'v2', createRevision: 3, modRevision: 3 });
        }),
      );
    });

    describe('revisions', () => {
      it(
        'increase by one per successful write and not at all on a failed one',
        withStore(async ({ store }) => {
          const seen: number[] = [];
          const a = await store.create('/a', '1');
          seen.push(a.modRevision);
          await assertStoreError(store.create('/a', '2'), 'KeyExists');
          const b = await store.create('/b', '1');
          seen.push(b.modRevision);
          await assertStoreError(store.update('/a', '2', b.modRevision), 'Conflict');
          seen.push((await store.update('/a', '2', a.modRevision)).modRevision);
          seen.push((await store.delete('/b')).modRevision);
          await assertStoreError(store.delete('/b'), 'NotFound');
          seen.push((await store.create('/b', '3')).modRevision);
          assert.deepEqual(seen, [1, 2, 3, 4, 5]);
          assert.equal(store.currentRevision(), 5);
        }),
      );

      it(
        'take effect in call order when writes are not awaited one by one',
        withStore(async ({ store }) => {
          const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.create(`/k/${i}`, String(i))));
          const revisions = results.map((kv) => kv.modRevision);
          assert.deepEqual(
            [...revisions].sort((x, y) => x - y),
            Array.from({ length: 50 }, (_, i) => i + 1),
          );
          assert.equal(store.currentRevision(), 50);
        }),
      );
    });

    describe('list', () => {
      it(
        'returns only keys under the prefix, in key order, at the current revision',
        withStore(async ({ store }) => {
          for (const key of ['/registry/pods/ns/b', '/registry/podsx/ns/a', '/registry/pods/ns/a', '/registry/pods', '/registry/pod', '/registry/pods/other/c']) {
            await store.create(key, key);
          }
          const result = await store.list('/registry/pods/');
          assert.deepEqual(
            result.items.map((kv) => kv.key),
            ['/registry/pods/ns/a', '/registry/pods/ns/b', '/registry/pods/other/c'],
          );
          assert.equal(result.revision, store.currentRevision());
          assert.equal(result.more, false);
          assert.deepEqual(
            (await store.list('/registry/podsx/')).items.map((kv) => kv.key),
            ['/registry/podsx/ns/a'],
          );
          assert.equal((await store.list('')).items.length, 6);
        }),
      );

      it(
        'returns key, value and revisions of each item',
        withStore(async ({ store }) => {
          const a = await store.create('/p/a', 'A1');
          await store.create('/p/b', 'B1');
          const a2 = await store.update('/p/a', 'A2', a.modRevision);
          const { items } = await store.list('/p/');
          assert.deepEqual(items, [a2, { key: '/p/b', value: 'B1', createRevision: 2, modRevision: 2 }]);
        }),
      );

      it(
        'leaves out deleted keys',
        withStore(async ({ store }) => {
          await store.create('/p/a', 'a');
          await store.create('/p/b', 'b');
          await store.delete('/p/a');
          assert.deepEqual(
            (await store.list('/p/')).items.map((kv) => kv.key),
            ['/p/b'],
          );
        }),
      );

      it(
        'pages with limit and startAfter, saying whether more keys remain',
        withStore(async ({ store }) => {
          const keys = Array.from({ length: 25 }, (_, i) => `/p/${String(i).padStart(3, '0')}`);
          for (const key of [...keys].reverse()) await store.create(key, key);
          await store.create('/q/after', 'x');
          const seen: string[] = [];
          let startAfter: string | undefined;
          const mores: boolean[] = [];
          for (;;) {
            const page = await store.list('/p/', { limit: 10, startAfter });
            assert.equal(page.revision, 26);
            seen.push(...page.items.map((kv) => kv.key));
            mores.push(page.more);
            if (!page.more) break;
            startAfter = page.items[page.items.length - 1]!.key;
          }
          assert.deepEqual(seen, keys);
          assert.deepEqual(mores, [true, true, false]);
        }),
      );

      it(
        'says no more when the last page is exactly full, and accepts a startAfter that is not a key',
        withStore(async ({ store }) => {
          for (const k of ['/p/a', '/p/c', '/p/e']) await store.create(k, k);
          const full = await store.list('/p/', { limit: 3 });
          assert.equal(full.items.length, 3);
          assert.equal(full.more, false);
          assert.deepEqual(
            (await store.list('/p/', { startAfter: '/p/b' })).items.map((kv) => kv.key),
            ['/p/c', '/p/e'],
          );
          assert.deepEqual(
            (await store.list('/p/', { startAfter: '/p/e' })).items,
            [],
          );
          assert.deepEqual(
            (await store.list('/p/', { startAfter: '/a' })).items.map((kv) => kv.key),
            ['/p/a', '/p/c', '/p/e'],
          );
        }),
      );
    });

    describe('watch', () => {
      it(
        'replays history after the revision, then delivers live writes, in revision order',
        withStore(async ({ store }) => {
          const a = await store.create('/p/a', 'a1');
          await store.create('/p/b', 'b1');
          const ac = new AbortController();
          const events = store.watch('/p/', a.modRevision, ac.signal);
          const it = events[Symbol.asyncIterator]();
          const first = await nextEvent(it);
          assert.deepEqual(first, { type: 'PUT', kv: { key: '/p/b', value: 'b1', createRevision: 2, modRevision: 2 } });
          await store.update('/p/a', 'a2', a.modRevision);
          await store.delete('/p/b');
          const live = [await nextEvent(it), await nextEvent(it)];
          assert.deepEqual(live, [
            { type: 'PUT', kv: { key: '/p/a', value: 'a2', createRevision: 1, modRevision: 3 }, prevValue: 'a1' },
            { type: 'DELETE', kv: { key: '/p/b', value: 'b1', createRevision: 2, modRevision: 4 }, prevValue: 'b1' },
          ]);
          ac.abort();
        }),
      );

      it(
        'delivers only keys under the prefix',
        withStore(async ({ store }) => {
          const ac = new AbortController();
          const it = store.watch('/registry/pods/', 0, ac.signal)[Symbol.asyncIterator]();
          await store.create('/registry/podsx/a', 'x');
          await store.create('/registry/pods', 'x');
          await store.create('/registry/pods/ns/a', 'y');
          const ev = await nextEvent(it);
          assert.equal(ev.kv.key, '/registry/pods/ns/a');
          assert.equal(ev.kv.modRevision, 3);
          ac.abort();
        }),
      );

      it(
        'replays creates, updates and deletes with their previous values',
        withStore(async ({ store }) => {
          const v1 = await store.create('/k', 'v1');
          const v2 = await store.update('/k', 'v2', v1.modRevision);
          await store.delete('/k', v2.modRevision);
          await store.create('/k', 'v3');
          const ac = new AbortController();
          const it = store.watch('/k', 0, ac.signal)[Symbol.asyncIterator]();
          const events = [await nextEvent(it), await nextEvent(it), await nextEvent(it), await nextEvent(it)];
          ac.abort();
          assert.deepEqual(events, [
            { type: 'PUT', kv: { key: '/k', value: 'v1', createRevision: 1, modRevision: 1 } },
            { type: 'PUT', kv: { key: '/k', value: 'v2', createRevision: 1, modRevision: 2 }, prevValue: 'v1' },
            { type: 'DELETE', kv: { key: '/k', value: 'v2', createRevision: 1, modRevision: 3 }, prevValue: 'v2' },
            { type: 'PUT', kv: { key: '/k', value: 'v3', createRevision: 4, modRevision: 4 } },
          ]);
        }),
      );

      it(
        'starting at the current revision delivers only later writes',
        withStore(async ({ store }) => {
          await store.create('/k/a', 'a');
          const ac = new AbortController();
          const it = store.watch('/k/', store.currentRevision(), ac.signal)[Symbol.asyncIterator]();
          await store.create('/k/b', 'b');
          assert.equal((await nextEvent(it)).kv.key, '/k/b');
          ac.abort();
        }),
      );

      it(
        'ends when the signal aborts, also while waiting, and on break',
        withStore(async ({ store }) => {
          const ac = new AbortController();
          const it = store.watch('/k/', 0, ac.signal)[Symbol.asyncIterator]();
          const pending = it.next();
          ac.abort();
          assert.deepEqual(await pending, { value: undefined, done: true });
          assert.deepEqual(await it.next(), { value: undefined, done: true });

          const aborted = new AbortController();
          aborted.abort();
          await store.create('/k/a', 'a');
          const none: WatchEvent[] = [];
          for await (const ev of store.watch('/k/', 0, aborted.signal)) none.push(ev);
          assert.deepEqual(none, []);

          const open = new AbortController();
          const seen: number[] = [];
          for await (const ev of store.watch('/k/', 0, open.signal)) {
            seen.push(ev.kv.modRevision);
            break;
          }
          assert.deepEqual(seen, [1]);
          await store.create('/k/b', 'b'); // nobody is listening any more; must not throw
        }),
      );

      it(
        'has no gaps and no duplicates when writes interleave with a long replay',
        withStore(async ({ store }) => {
          const history = 1_200;
          const concurrent = 600;
          for (let i = 0; i < history; i++) await store.create(`/r/${i}`, String(i));
          const ac = new AbortController();
          const it = store.watch('/r/', 0, ac.signal)[Symbol.asyncIterator]();
          const revisions: number[] = [];
          const writes: Promise<KeyValue>[] = [];
          let written = 0;
          // Two writers: one per event received (during replay and live), one on timers.
          const timerWriter = (async () => {
            for (;;) {
              await new Promise((resolve) => setImmediate(resolve));
              if (written >= concurrent) return;
              writes.push(store.create(`/r/t${written++}`, 'x'));
              writes.push(store.create(`/other/${written}`, 'x'));
            }
          })();
          while (revisions.length < history + concurrent) {
            const ev = await nextEvent(it);
            revisions.push(ev.kv.modRevision);
            if (written < concurrent) writes.push(store.create(`/r/e${written++}`, 'x'));
          }
          await timerWriter;
          await Promise.all(writes);
          ac.abort();
          const expected = (await store.list('/r/')).items.map((kv) => kv.modRevision).sort((x, y) => x - y);
          assert.equal(revisions.length, expected.length);
          assert.deepEqual(revisions, expected);
        }),
      );
    });

    describe('compaction', () => {
      it(
        'keeps current values and makes watches from before the compact revision fail with Compacted',
        withStore(async ({ store }) => {
          const a = await store.create('/k/a', 'a1');
          await store.update('/k/a', 'a2', a.modRevision);
          await store.create('/k/b', 'b1');
          await store.create('/k/c', 'c1');
          await store.delete('/k/c');
          await store.compact(4);
          assert.equal(store.compactRevision(), 4);
          assert.equal(store.currentRevision(), 5);
          assert.deepEqual(
            (await store.list('/k/')).items.map((kv) => [kv.key, kv.value, kv.createRevision, kv.modRevision]),
            [
              ['/k/a', 'a2', 1, 2],
              ['/k/b', 'b1', 3, 3],
            ],
          );
          const ac = new AbortController();
          const err = await assertStoreError(firstEvent(() => store.watch('/k/', 3, ac.signal)), 'Compacted');
          assert.equal(err.revision, 4);
          await assertStoreError(firstEvent(() => store.watch('/k/', 0, ac.signal)), 'Compacted');
          // At the compact revision itself, every later event is still there.
          const it = store.watch('/k/', 4, ac.signal)[Symbol.asyncIterator]();
          assert.deepEqual(await nextEvent(it), {
            type: 'DELETE',
            kv: { key: '/k/c', value: 'c1', createRevision: 4, modRevision: 5 },
            prevValue: 'c1',
          });
          ac.abort();
        }),
      );

      it(
        'keeps the previous value of events after the compact revision',
        withStore(async ({ store }) => {
          const v1 = await store.create('/k', 'v1');
          const v2 = await store.update('/k', 'v2', v1.modRevision);
          await store.compact(v2.modRevision);
          const v3 = await store.update('/k', 'v3', v2.modRevision);
          await store.compact(v3.modRevision - 1);
          const ac = new AbortController();
          const it = store.watch('/k', v2.modRevision, ac.signal)[Symbol.asyncIterator]();
          assert.deepEqual(await nextEvent(it), { type: 'PUT', kv: v3, prevValue: 'v2' });
          ac.abort();
        }),
      );

      it(
        'never moves back and never reuses revisions',
        withStore(async ({ store }) => {
          await store.create('/k', 'v');
          await store.delete('/k');
          await store.compact(store.currentRevision());
          await store.compact(1);
          assert.equal(store.compactRevision(), 2);
          assert.equal((await store.create('/k', 'again')).modRevision, 3);
          assert.deepEqual((await store.list('')).items.map((kv) => kv.key), ['/k']);
        }),
      );
    });

    describe('TTL', () => {
      it(
        'hides a key once it expires, lets it be created again, and deletes it visibly on compaction',
        withStore(async ({ store, clock }, t) => {
          if (!clock) return t.skip('the store has no fake clock');
          const kv = await store.create('/events/ns/e1', 'e1', { ttlSeconds: 10 });
          await store.create('/events/ns/e2', 'e2', { ttlSeconds: 20 });
          await store.create('/events/ns/keep', 'keep');
          const ac = new AbortController();
          const it = store.watch('/events/', store.currentRevision(), ac.signal)[Symbol.asyncIterator]();
          clock.advance(9_999);
          assert.equal((await store.get('/events/ns/e1'))?.value, 'e1');
          clock.advance(1);
          assert.equal(await store.get('/events/ns/e1'), undefined);
          assert.deepEqual(
            (await store.list('/events/')).items.map((i) => i.key),
            ['/events/ns/e2', '/events/ns/keep'],
          );
          await assertStoreError(store.update('/events/ns/e1', 'x', kv.modRevision), 'NotFound');
          await assertStoreError(store.delete('/events/ns/e1'), 'NotFound');
          clock.advance(10_000);
          await store.compact(store.currentRevision());
          const deleted = await nextEvent(it);
          assert.equal(deleted.type, 'DELETE');
          assert.equal(deleted.kv.value === 'e1' || deleted.kv.value === 'e2', true);
          const second = await nextEvent(it);
          assert.deepEqual(
            [deleted.kv.key, second.kv.key].sort(),
            ['/events/ns/e1', '/events/ns/e2'],
          );
          const again = await store.create('/events/ns/e1', 'new', { ttlSeconds: 10 });
          assert.deepEqual(await store.get('/events/ns/e1'), again);
          ac.abort();
        }),
      );

      it(
        'treats an expired key as absent for create, emitting its DELETE first',
        withStore(async ({ store, clock }, t) => {
          if (!clock) return t.skip('the store has no fake clock');
          await store.create('/e/a', 'old', { ttlSeconds: 1 });
          const ac = new AbortController();
          const it = store.watch('/e/', store.currentRevision(), ac.signal)[Symbol.asyncIterator]();
          clock.advance(1_000);
          const created = await store.create('/e/a', 'new');
          const first = await nextEvent(it);
          const second = await nextEvent(it);
          assert.equal(first.type, 'DELETE');
          assert.equal(first.kv.value, 'old');
          assert.deepEqual(second, { type: 'PUT', kv: created });
          ac.abort();
        }),
      );

      it(
        'keeps a key without TTL after an update without ttlSeconds',
        withStore(async ({ store, clock }, t) => {
          if (!clock) return t.skip('the store has no fake clock');
          const kv = await store.create('/e/a', 'v1', { ttlSeconds: 5 });
          await store.update('/e/a', 'v2', kv.modRevision);
          clock.advance(3_600_000);
          assert.equal((await store.get('/e/a'))?.value, 'v2');
        }),
      );
    });

    describe('close', () => {
      it(
        'ends watches and rejects further calls with Closed',
        withStore(async ({ store }) => {
          const ac = new AbortController();
          const it = store.watch('/', 0, ac.signal)[Symbol.asyncIterator]();
          const pending = it.next();
          await store.close();
          assert.deepEqual(await pending, { value: undefined, done: true });
          await assertStoreError(store.get('/k'), 'Closed');
          await assertStoreError(store.create('/k', 'v'), 'Closed');
          await assertStoreError(store.list('/'), 'Closed');
          await assertStoreError(firstEvent(() => store.watch('/', 0, ac.signal)), 'Closed');
          await store.close();
        }),
      );
    });
  });
}

/** Awaits `promise` and asserts it rejects with a StoreError of `code`; returns that error. */
async function assertStoreError(promise: Promise<unknown>, code: StoreError['code']): Promise<StoreError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof StoreError, `expected StoreError ${code}, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected StoreError ${code}, but the call succeeded`);
}

/** The first event of a watch; a synchronous throw from `watch()` becomes a rejection. */
async function firstEvent(start: () => AsyncIterable<WatchEvent>): Promise<IteratorResult<WatchEvent>> {
  const it = start()[Symbol.asyncIterator]();
  try {
    return await it.next();
  } finally {
    await it.return?.();
  }
}

/** The next event, failing the test if the watch ends or stays silent too long. */
async function nextEvent(it: AsyncIterator<WatchEvent>): Promise<WatchEvent> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no watch event within ${eventTimeoutMs} ms`)), eventTimeoutMs);
  });
  try {
    const result = await Promise.race([it.next(), timeout]);
    if (result.done) assert.fail('watch ended unexpectedly');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}
