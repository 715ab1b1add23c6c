import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { orderedResizes } from './exec-session.js';

describe('orderedResizes', () => {
  it('applies sizes one at a time in the order they came, even when an earlier one is slower', async () => {
    const applied: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const resize = orderedResizes(async (width, height) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // The first (kubectl attach's size + 1) is the slowest to land.
      await new Promise((r) => setTimeout(r, width === 91 ? 30 : 1));
      applied.push(`${width}x${height}`);
      inFlight--;
    });
    resize(91, 26);
    resize(90, 25);
    resize(120, 40);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(applied, ['91x26', '90x25', '120x40']);
    assert.equal(maxInFlight, 1);
  });

  it('goes on after a failed resize', async () => {
    const applied: number[] = [];
    const resize = orderedResizes((width) => {
      if (width === 1) return Promise.reject(new Error('ENXIO'));
      applied.push(width);
      return Promise.resolve();
    });
    resize(1, 1);
    resize(2, 2);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(applied, [2]);
  });
});
