import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../../meta/v1/index.js';
import { validateLease } from './validation.js';

describe('Lease', () => {
  it('accepts a node lease and rejects bad durations', () => {
    const meta = { name: 'node-1', namespace: 'kube-node-lease' };
    assert.deepEqual(validateLease({ metadata: meta, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } }).map(fieldErrorMessage), []);
    assert.deepEqual(validateLease({ metadata: meta, spec: { leaseDurationSeconds: 0, leaseTransitions: -1, preferredHolder: 'x' } }).map(fieldErrorMessage), [
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
      'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
      'spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined',
    ]);
  });
});
