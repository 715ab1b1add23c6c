import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../../meta/v1/index.js';
import { validateEventsV1Event } from './validation.js';
import type { Event } from './types.js';

describe('events.k8s.io/v1 Event', () => {
  const ev = (): Event => ({
    metadata: { name: 'web.17a', namespace: 'default' },
    eventTime: '2026-01-01T00:00:00.000000Z',
    reportingController: 'podyard.io/kubelet',
    reportingInstance: 'kubelet-node-1',
    action: 'Pulling',
    reason: 'Pulling',
    type: 'Normal',
    note: 'Pulling image "nginx"',
    regarding: { kind: 'Pod', name: 'web', namespace: 'default' },
  });

  it('accepts a well-formed event', () => {
    assert.deepEqual(validateEventsV1Event(ev()).map(fieldErrorMessage), []);
  });

  it('applies the strict rules', () => {
    const e = ev();
    e.type = 'Info';
    e.deprecatedCount = 3;
    e.series = { count: 1, lastObservedTime: '2026-01-01T00:00:00.000000Z' };
    assert.deepEqual(validateEventsV1Event(e).map(fieldErrorMessage), [
      'series.count: Invalid value: "": should be at least 2',
      'type: Invalid value: "": has invalid value: Info',
      'count: Invalid value: "": needs to be unset',
    ]);
  });
});
