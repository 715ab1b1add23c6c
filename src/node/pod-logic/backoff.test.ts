import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CrashLoopBackOff,
  crashLoopBackOffEventMessage,
  crashLoopBackOffKey,
  crashLoopBackOffMessage,
  formatGoDuration,
} from './backoff.js';
import { c, makePod, T0 } from './pod-fixtures.js';

describe('CrashLoopBackOff', () => {
  it('lets the first crash restart at once and then doubles from 10s to a 300s cap', () => {
    const b = new CrashLoopBackOff();
    const key = 'uid/app/1';
    assert.deepEqual(b.isInBackOff(key, T0, T0), { inBackOff: false, remainingMs: 0, durationMs: 0 });
    const seen: number[] = [];
    let t = T0;
    for (let i = 0; i < 8; i++) {
      // The container crashes right after each restart (it ran 1 s).
      b.next(key, t, t);
      seen.push(b.get(key));
      t += b.get(key) + 1000;
    }
    assert.deepEqual(seen, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it('is in backoff strictly while now - finishedAt < backoff', () => {
    const b = new CrashLoopBackOff();
    b.next('k', T0, T0);
    const finished = T0 + 1000;
    const cases: Array<[number, boolean, number]> = [
      [finished, true, 10_000],
      [finished + 9_999, true, 1],
      [finished + 10_000, false, 0],
      [finished + 60_000, false, 0],
    ];
    for (const [now, inBackOff, remainingMs] of cases) {
      assert.deepEqual(b.isInBackOff('k', finished, now), { inBackOff, remainingMs, durationMs: 10_000 }, `now=+${now - finished}`);
    }
  });

  it('resets only when the container ran more than 10 minutes, not after a long wait', () => {
    const b = new CrashLoopBackOff();
    b.next('k', T0, T0); // 10s
    b.next('k', T0 + 11_000, T0 + 21_000); // restarted at T0+21s: 20s
    // Crashes after running 5 s, the node was busy: restarted an hour later, still doubling.
    b.next('k', T0 + 26_000, T0 + 3_600_000);
    assert.equal(b.get('k'), 40_000);
    // Then it runs for 10 min + 1 ms before crashing: the entry expired, back to 10 s.
    const finished = T0 + 3_600_000 + 600_001;
    assert.equal(b.isInBackOff('k', finished, finished).inBackOff, false);
    b.next('k', finished, finished);
    assert.equal(b.get('k'), 10_000);
  });

  it('running exactly 10 minutes is not enough to reset', () => {
    const b = new CrashLoopBackOff();
    b.next('k', T0, T0);
    b.next('k', T0 + 600_000, T0 + 600_000);
    assert.equal(b.get('k'), 20_000);
  });

  it('gc drops entries not updated for more than 10 minutes; reset forgets one', () => {
    const b = new CrashLoopBackOff();
    b.next('old', T0, T0);
    b.next('new', T0 + 500_000, T0 + 500_000);
    b.gc(T0 + 600_000);
    assert.equal(b.size, 2);
    b.gc(T0 + 600_001);
    assert.equal(b.size, 1);
    assert.equal(b.get('old'), 0);
    b.reset('new');
    assert.equal(b.size, 0);
  });

  it('honours custom settings (ReduceDefaultCrashLoopBackOffDecay: 1s to 60s)', () => {
    const b = new CrashLoopBackOff({ initialMs: 1000, maxMs: 60_000 });
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      b.next('k', T0 + i, T0 + i);
      seen.push(b.get('k'));
    }
    assert.deepEqual(seen, [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  });
});

describe('backoff keys and messages', () => {
  const pod = makePod({}, { name: 'web', namespace: 'shop', uid: 'u-42' });

  it('keys change with image or resources but not with command or env', () => {
    const base = crashLoopBackOffKey(pod, c('app'));
    assert.ok(base.startsWith('u-42/app/'));
    assert.equal(crashLoopBackOffKey(pod, c('app', { command: ['x'], env: [{ name: 'A', value: '1' }] })), base);
    assert.notEqual(crashLoopBackOffKey(pod, c('app', { image: 'nginx' })), base);
    assert.notEqual(crashLoopBackOffKey(pod, c('app', { resources: { limits: { memory: '64Mi' } } })), base);
  });

  it('formats the kubelet messages', () => {
    assert.equal(crashLoopBackOffMessage(pod, 'app', 80_000), 'back-off 1m20s restarting failed container=app pod=web_shop(u-42)');
    assert.equal(crashLoopBackOffEventMessage(pod, 'app'), 'Back-off restarting failed container app in pod web_shop(u-42)');
  });

  it('formats durations like Go', () => {
    const cases: Array<[number, string]> = [
      [0, '0s'],
      [250, '250ms'],
      [1500, '1.5s'],
      [10_000, '10s'],
      [80_000, '1m20s'],
      [160_000, '2m40s'],
      [300_000, '5m0s'],
      [3_600_000, '1h0m0s'],
      [3_723_000, '1h2m3s'],
    ];
    for (const [ms, text] of cases) assert.equal(formatGoDuration(ms), text, String(ms));
  });
});
