// Definition names follow the Kubernetes OpenAPI documents (`io.k8s.apimachinery.pkg.apis.meta.v1.*`);
// list metadata follows the struct tags in apimachinery pkg/apis/meta/v1/types.go.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ObjectMeta } from './types.js';
import { deleteOptionsSchema, labelSelectorSchema, metaV1Schemas, objectMetaSchema } from './schema.js';

describe('meta/v1 schemas', () => {
  it('are named like the OpenAPI definitions', () => {
    assert.equal(objectMetaSchema.name, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    assert.equal(metaV1Schemas['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector'], labelSelectorSchema);
    for (const [name, s] of Object.entries(metaV1Schemas)) {
      assert.equal(s.name, name);
      assert.ok(s.description, name);
      for (const [f, fs] of Object.entries(s.properties)) assert.ok(fs.description !== undefined, `${name}.${f}`);
    }
  });

  it('covers every ObjectMeta field', () => {
    const all: Required<ObjectMeta> = {
      name: '', generateName: '', namespace: '', selfLink: '', uid: '', resourceVersion: '', generation: 0,
      creationTimestamp: '', deletionTimestamp: '', deletionGracePeriodSeconds: 0, labels: {}, annotations: {},
      ownerReferences: [], finalizers: [], managedFields: [],
    };
    assert.deepEqual(Object.keys(objectMetaSchema.properties).sort(), Object.keys(all).sort());
  });

  it('carries the patch and list tags', () => {
    const owners = objectMetaSchema.properties.ownerReferences;
    assert.ok(owners?.type === 'array');
    assert.equal(owners.patchMergeKey, 'uid');
    assert.equal(owners.patchStrategy, 'merge');
    assert.deepEqual(owners.listMapKeys, ['uid']);
    const fin = objectMetaSchema.properties.finalizers;
    assert.ok(fin?.type === 'array' && fin.listType === 'set');
    assert.ok('gracePeriodSeconds' in deleteOptionsSchema.properties);
  });
});
