import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { FakeClock } from '../../base/index.js';
import type { WatchEvent } from '../store.js';
import { StoreError } from '../store.js';
import { runStoreConformance } from '../testing/conformance.js';
import type { SqliteStoreOptions } from './sqlite-store.js';
import { SqliteStore } from './sqlite-store.js';

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'podyard-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'state.db');
}

async function openTemp(options: SqliteStoreOptions = {}): Promise<{ store: SqliteStore; path: string }> {
  const path = await tempPath();
  return { store: await SqliteStore.open(path, options), path };
}

/** Polls `check` between event-loop turns (background work is async but never waits on time). */
async function eventually(check: () => boolean, turns = 1_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (check()) return;
    await tick();
  }
  assert.fail('condition not reached');
}

runStoreConformance('SqliteStore', async () => {
  const clock = new FakeClock(1_700_000_000_000);
  const path = await tempPath();
  const store = await SqliteStore.open(path, { clock });
  return { store, clock, cleanup: () => store.close() };
});

describe('SqliteStore', () => {
  it('keeps data, revision and compact revision across reopen, never reusing a revision', async () => {
    const { store, path } = await openTemp();
    const a = await store.create('/k/a', 'a1', { ttlSeconds: 3600 });
    await store.update('/k/a', 'a2', a.modRevision, { ttlSeconds: 3600 });
    await store.create('/k/b', 'b1');
    await store.delete('/k/b');
    await store.compact(store.currentRevision()); // removes the tombstone at the head revision
    await store.close();

    const reopened = await SqliteStore.open(path);
    try {
      assert.equal(reopened.currentRevision(), 4);
      assert.equal(reopened.compactRevision(), 4);
      assert.deepEqual(await reopened.get('/k/a'), { key: '/k/a', value: 'a2', createRevision: 1, modRevision: 2 });
      assert.equal(await reopened.get('/k/b'), undefined);
      assert.equal((await reopened.create('/k/c', 'c')).modRevision, 5);
      assert.throws(() => reopened.watch('/k/', 3, new AbortController().signal), (err) => err instanceof StoreError && err.code === 'Compacted');
    } finally {
      await reopened.close();
    }
  });

  it('refuses a second open of the same file while the first is open', async () => {
    const { store, path } = await openTemp();
    try {
      await assert.rejects(SqliteStore.open(path), /in use by another process/);
    } finally {
      await store.close();
    }
    const again = await SqliteStore.open(path);
    await again.close();
  });

  it('opens with fsync on every commit', async () => {
    const { store } = await openTemp({ fsync: true });
    await store.create('/k', 'v');
    assert.equal((await store.get('/k'))?.value, 'v');
    await store.close();
  });

  it('sweeps expired keys on its timer as DELETE revisions, and stops the timer on close', async () => {
    const clock = new FakeClock(0);
    const { store } = await openTemp({ clock, ttlSweepIntervalMs: 60_000, compactIntervalMs: 0 });
    await store.create('/events/e', 'e', { ttlSeconds: 30 });
    const ac = new AbortController();
    const it = store.watch('/events/', store.currentRevision(), ac.signal)[Symbol.asyncIterator]();
    clock.advance(59_999);
    assert.equal(store.stats().keys, 1);
    clock.advance(1);
    assert.equal(store.stats().keys, 0);
    const ev = (await it.next()).value as WatchEvent;
    assert.deepEqual(ev, { type: 'DELETE', kv: { key: '/events/e', value: 'e', createRevision: 1, modRevision: 2 }, prevValue: 'e' });
    ac.abort();
    assert.equal(clock.pending, 1);
    await store.close();
    assert.equal(clock.pending, 0);
  });

  it('compacts automatically to the revision seen one interval earlier', async () => {
    const clock = new FakeClock(0);
    const { store } = await openTemp({ clock, compactIntervalMs: 1_000, ttlSweepIntervalMs: 0 });
    try {
      const kv = await store.create('/k', 'v0');
      clock.advance(1_000); // first tick remembers revision 1, compacts nothing
      let last = kv;
      for (let i = 1; i <= 4; i++) last = await store.update('/k', `v${i}`, last.modRevision);
      assert.equal(store.compactRevision(), 0);
      clock.advance(1_000); // compacts to 1, remembers 5
      await eventually(() => store.compactRevision() === 1);
      clock.advance(1_000); // compacts to 5
      await eventually(() => store.compactRevision() === 5);
      await eventually(() => store.stats().logRows === 1);
      assert.equal((await store.get('/k'))?.value, 'v4');
    } finally {
      await store.close();
    }
  });

  it('does not grow without bound under steady updates and compaction', async () => {
    const { store } = await openTemp({ compactIntervalMs: 0 });
    try {
      const value = (round: number) => JSON.stringify({ round, data: 'x'.repeat(2_000) });
      const revs = new Map<string, number>();
      const sizes: number[] = [];
      for (let round = 0; round < 6; round++) {
        for (let i = 0; i < 200; i++) {
          const key = `/registry/pods/default/p${i}`;
          const prev = revs.get(key);
          const kv = prev === undefined ? await store.create(key, value(round)) : await store.update(key, value(round), prev);
          revs.set(key, kv.modRevision);
        }
        await store.compact(store.currentRevision());
        const stats = store.stats();
        assert.equal(stats.logRows, 200);
        sizes.push(stats.pageCount - stats.freePages);
      }
      // Pages in use stay flat once the first round's pages are reused.
      assert.ok(sizes[5]! <= sizes[1]! * 1.1, `pages in use grew: ${sizes.join(', ')}`);
    } finally {
      await store.close();
    }
  });

  it('moves a watcher that falls behind back to the log, losing nothing', async () => {
    const { store } = await openTemp({ watchMaxBuffered: 10, watchPageSize: 7, compactIntervalMs: 0 });
    try {
      const ac = new AbortController();
      const it = store.watch('/k/', 0, ac.signal)[Symbol.asyncIterator]();
      await store.create('/k/first', 'x');
      assert.equal(((await it.next()).value as WatchEvent).kv.modRevision, 1);
      for (let i = 0; i < 100; i++) await store.create(`/k/${i}`, 'x');
      const revisions: number[] = [];
      while (revisions.length < 100) {
        revisions.push(((await it.next()).value as WatchEvent).kv.modRevision);
        if (revisions.length === 50) await store.create('/k/late', 'x');
      }
      revisions.push(((await it.next()).value as WatchEvent).kv.modRevision);
      assert.deepEqual(
        revisions,
        Array.from({ length: 101 }, (_, i) => i + 2),
      );
      ac.abort();
    } finally {
      await store.close();
    }
  });

  it('fails a watcher that compaction overtakes with Compacted', async () => {
    const { store } = await openTemp({ watchMaxBuffered: 10, compactIntervalMs: 0 });
    try {
      const ac = new AbortController();
      const it = store.watch('/k/', 0, ac.signal)[Symbol.asyncIterator]();
      let kv = await store.create('/k/a', 'v');
      for (let i = 0; i < 50; i++) kv = await store.update('/k/a', `v${i}`, kv.modRevision);
      await store.compact(store.currentRevision());
      await assert.rejects(it.next(), (err) => err instanceof StoreError && err.code === 'Compacted' && err.revision === 51);
      assert.deepEqual(await it.next(), { value: undefined, done: true });
      assert.equal(store.stats().watchers, 0);
    } finally {
      await store.close();
    }
  });

  it('unregisters watchers on break, abort and close', async () => {
    const { store } = await openTemp({ compactIntervalMs: 0 });
    await store.create('/k/a', 'a');
    for await (const ev of store.watch('/k/', 0, new AbortController().signal)) {
      assert.equal(ev.kv.key, '/k/a');
      break;
    }
    assert.equal(store.stats().watchers, 0);
    const ac = new AbortController();
    store.watch('/k/', 0, ac.signal);
    assert.equal(store.stats().watchers, 1);
    ac.abort();
    assert.equal(store.stats().watchers, 0);
    store.watch('/k/', 0, new AbortController().signal);
    await store.close();
  });

  it('keeps every acknowledged write when the writing process is killed with SIGKILL', async () => {
    const path = await tempPath();
    const moduleUrl = new URL('./sqlite-store.js', import.meta.url).href;
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { SqliteStore } = await import(process.env.STORE_MODULE);
         const store = await SqliteStore.open(process.env.STORE_PATH);
         for (let i = 0; ; i++) {
           const kv = await store.create('/crash/' + String(i).padStart(8, '0'), 'v'.repeat(1000) + i);
           process.stdout.write(i + ' ' + kv.modRevision + '\\n');
         }`,
      ],
      { env: { ...process.env, STORE_MODULE: moduleUrl, STORE_PATH: path }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const acked: [number, number][] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    for await (const line of createInterface({ input: child.stdout })) {
      const [i, rev] = line.split(' ').map(Number);
      acked.push([i!, rev!]);
      if (acked.length === 3_000) child.kill('SIGKILL');
    }
    assert.equal(await exited, 'SIGKILL');
    assert.ok(acked.length >= 3_000);

    const store = await SqliteStore.open(path);
    try {
      const { items } = await store.list('/crash/');
      const byKey = new Map(items.map((kv) => [kv.key, kv]));
      for (const [i, rev] of acked) {
        const kv = byKey.get('/crash/' + String(i).padStart(8, '0'));
        assert.ok(kv, `acknowledged key ${i} is missing`);
        assert.equal(kv.value, 'v'.repeat(1000) + i);
        assert.equal(kv.modRevision, rev);
      }
      const maxAcked = acked[acked.length - 1]![1];
      assert.ok(store.currentRevision() >= maxAcked);
      assert.ok((await store.create('/crash/after', 'x')).modRevision > maxAcked);
    } finally {
      await store.close();
    }
  });
});
