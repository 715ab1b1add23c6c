import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../../meta/v1/index.js';
import { defaultEndpointSlice, validateEndpointSlice, validateEndpointSliceUpdate } from './validation.js';
import type { EndpointSlice } from './types.js';

const slice = (): EndpointSlice => ({
  metadata: { name: 'web-abc12', namespace: 'default', resourceVersion: '1', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.42.0.5'], conditions: { ready: true }, nodeName: 'node-1' }],
  ports: [{ port: 80 }],
});

describe('EndpointSlice', () => {
  it('defaults ports and accepts a controller-made slice', () => {
    const s = slice();
    defaultEndpointSlice(s);
    assert.deepEqual(s.ports, [{ port: 80, name: '', protocol: 'TCP' }]);
    assert.deepEqual(validateEndpointSlice(s).map(fieldErrorMessage), []);
  });

  it('rejects bad addresses, types and duplicate port names', () => {
    const s = slice();
    s.addressType = 'IPv4';
    s.endpoints = [{ addresses: [] }, { addresses: ['fe80::1', '127.0.0.1'] }];
    s.ports = [{ port: 80, name: 'http', protocol: 'TCP' }, { port: 81, name: 'http', protocol: 'ICMP' as never }];
    assert.deepEqual(validateEndpointSlice(s).map(fieldErrorMessage), [
      'endpoints[0].addresses: Required value: must contain at least 1 address',
      'endpoints[1].addresses[0]: Invalid value: "fe80::1": must be a valid IPv4 address',
      'endpoints[1].addresses[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'ports[1].name: Duplicate value: "http"',
      'ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('keeps addressType immutable', () => {
    const old = slice();
    defaultEndpointSlice(old);
    const next = structuredClone(old);
    next.addressType = 'IPv6';
    next.endpoints = [];
    assert.deepEqual(validateEndpointSliceUpdate(next, old).map(fieldErrorMessage), ['addressType: Invalid value: "IPv6": field is immutable']);
  });
});
