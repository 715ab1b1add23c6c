// Path format from the API server's strict decoding (sigs.k8s.io/json), as kubectl shows it:
// `strict decoding error: unknown field "spec.foo"` (docs/kubectl-compat.md §6).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ObjectSchema } from '../../schema.js';
import { objectMetaSchema } from './schema.js';
import { findUnknownFields, strictDecodingErrorMessage } from './unknown-fields.js';

const container: ObjectSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, image: { type: 'string' }, env: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } },
};
const pod: ObjectSchema = {
  type: 'object',
  name: 'Pod',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: objectMetaSchema,
    spec: { type: 'object', properties: { containers: { type: 'array', items: container }, extra: { type: 'any' } } },
  },
};

describe('findUnknownFields', () => {
  it('finds nothing in a known object', () => {
    assert.deepEqual(
      findUnknownFields({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { x: 'y' } }, spec: { containers: [{ name: 'c', image: 'i' }] } }, pod),
      [],
    );
  });
  it('reports paths like the API server', () => {
    assert.deepEqual(
      findUnknownFields(
        {
          foo: 1,
          metadata: { name: 'a', nmae: 'b', ownerReferences: [{ uid: 'u', bogus: true }] },
          spec: { foo: {}, containers: [{ name: 'c' }, { name: 'd', imagee: 'x', env: [{ name: 'E', valeu: '1' }] }], extra: { anything: 1 } },
        },
        pod,
      ),
      ['foo', 'metadata.nmae', 'metadata.ownerReferences[0].bogus', 'spec.foo', 'spec.containers[1].imagee', 'spec.containers[1].env[0].valeu'],
    );
  });
  it('prefixes a given path and formats the message', () => {
    assert.deepEqual(findUnknownFields({ x: 1 }, container, 'spec.containers[0]'), ['spec.containers[0].x']);
    assert.equal(strictDecodingErrorMessage(['spec.foo', 'bar']), 'strict decoding error: unknown field "spec.foo", unknown field "bar"');
  });
});
