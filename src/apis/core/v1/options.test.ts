import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../../meta/v1/index.js';
import { decodePodExecOptions, decodePodLogOptions, decodePodPortForwardOptions, validatePodLogOptions } from './options.js';

describe('pod subresource options', () => {
  it('decodes log options as kubectl sends them', () => {
    const r = decodePodLogOptions(new URLSearchParams('container=nginx&follow=true&tailLines=10&timestamps=true'));
    assert.deepEqual(r, { ok: true, value: { container: 'nginx', follow: true, tailLines: 10, timestamps: true } });
    const bad = decodePodLogOptions(new URLSearchParams('tailLines=ten'));
    assert.equal(bad.ok, false);
    assert.deepEqual(validatePodLogOptions({ tailLines: -1, sinceSeconds: 5, sinceTime: '2026-01-01T00:00:00Z' }).map(fieldErrorMessage), [
      'tailLines: Invalid value: -1: must be greater than or equal to 0',
      '[]: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    ]);
  });

  it('decodes exec argv and port-forward ports', () => {
    const r = decodePodExecOptions(new URLSearchParams('command=ls&command=-l&command=%2F&container=nginx&stdout=1&stderr=1'));
    assert.deepEqual(r, { ok: true, value: { stdout: true, stderr: true, container: 'nginx', command: ['ls', '-l', '/'] } });
    assert.deepEqual(decodePodPortForwardOptions(new URLSearchParams('ports=8080,9090&ports=80')), { ok: true, value: { ports: [8080, 9090, 80] } });
  });
});
