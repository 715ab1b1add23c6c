import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArraySchema, ObjectSchema, Schema } from '../../schema.js';
import { kindSchemas } from '../../index.js';
import { podSchema, podSpecSchema, containerSchema, serviceSpecSchema, secretSchema } from './schema.js';

function prop(s: ObjectSchema, ...path: string[]): Schema {
  let cur: Schema = s;
  for (const p of path) {
    if (cur.type === 'array') cur = cur.items;
    assert.equal(cur.type, 'object', `${p} parent is an object`);
    const next: Schema | undefined = (cur).properties[p];
    assert.ok(next, `property ${p} exists`);
    cur = next;
  }
  return cur;
}

function walk(s: Schema, visit: (s: Schema, where: string) => void, where = '', seen = new Set<Schema>()): void {
  if (seen.has(s)) return;
  seen.add(s);
  visit(s, where);
  if (s.type === 'object') for (const [k, v] of Object.entries(s.properties)) walk(v, visit, `${where}.${k}`, seen);
  if (s.type === 'array') walk(s.items, visit, `${where}[]`, seen);
  if (s.type === 'map') walk(s.values, visit, `${where}{}`, seen);
}

describe('core/v1 schemas', () => {
  it('lists every served kind', () => {
    for (const k of ['v1/Pod', 'v1/PodList', 'v1/Service', 'v1/Endpoints', 'v1/ConfigMap', 'v1/Secret', 'v1/Namespace', 'v1/Node',
      'v1/Event', 'v1/ServiceAccount', 'v1/Binding', 'policy/v1/Eviction', 'v1/PodExecOptions', 'v1/PodLogOptions',
      'discovery.k8s.io/v1/EndpointSlice', 'coordination.k8s.io/v1/Lease', 'events.k8s.io/v1/Event', 'events.k8s.io/v1/EventList']) {
      assert.ok(kindSchemas[k], k);
    }
    assert.equal(kindSchemas['v1/Pod'], podSchema);
  });

  it('carries the strategic-merge struct tags of k8s.io/api', () => {
    const tags = (s: Schema): unknown => {
      const a = s as ArraySchema;
      return [a.patchMergeKey, a.patchStrategy, a.listType, a.listMapKeys];
    };
    assert.deepEqual(tags(prop(podSpecSchema, 'containers')), ['name', 'merge', 'map', ['name']]);
    assert.deepEqual(tags(prop(podSpecSchema, 'volumes')), ['name', 'merge,retainKeys', 'map', ['name']]);
    assert.deepEqual(tags(prop(podSpecSchema, 'tolerations')), [undefined, undefined, 'atomic', undefined]);
    assert.deepEqual(tags(prop(containerSchema, 'ports')), ['containerPort', 'merge', 'map', ['containerPort', 'protocol']]);
    assert.deepEqual(tags(prop(containerSchema, 'env')), ['name', 'merge', 'map', ['name']]);
    assert.deepEqual(tags(prop(containerSchema, 'volumeMounts')), ['mountPath', 'merge', 'map', ['mountPath']]);
    assert.deepEqual(tags(prop(serviceSpecSchema, 'ports')), ['port', 'merge', 'map', ['port', 'protocol']]);
    assert.deepEqual(tags(prop(podSchema, 'status', 'conditions')), ['type', 'merge', 'map', ['type']]);
  });

  it('has names, descriptions and required lists', () => {
    assert.equal(podSpecSchema.name, 'io.k8s.api.core.v1.PodSpec');
    assert.deepEqual(podSpecSchema.required, ['containers']);
    assert.deepEqual(containerSchema.required, ['name']);
    assert.match(containerSchema.description ?? '', /^A single application container/);
    assert.match(prop(podSpecSchema, 'containers').description ?? '', /^List of containers belonging to the pod/);
    assert.deepEqual(prop(containerSchema, 'resources', 'limits'), { type: 'map', values: { type: 'int-or-string', format: 'quantity' }, description: (prop(containerSchema, 'resources', 'limits')).description });
    assert.equal(prop(containerSchema, 'livenessProbe', 'httpGet', 'port').type, 'int-or-string');
    assert.deepEqual((prop(secretSchema, 'data') as { values: unknown }).values, { type: 'string', format: 'byte' });
  });

  it('is well formed everywhere', () => {
    for (const [kind, schema] of Object.entries(kindSchemas)) {
      walk(schema, (s, where) => {
        if (s.type === 'object') assert.ok(s.name || where === '', `${kind}${where}: object schemas are named`);
        if (s.type === 'array' && s.listType === 'map') assert.ok((s.listMapKeys ?? []).length > 0, `${kind}${where}: map lists have keys`);
        if (s.type === 'array' && s.patchMergeKey) assert.ok(s.patchStrategy?.startsWith('merge'), `${kind}${where}: merge key with merge strategy`);
      });
      assert.ok(schema.properties['apiVersion'] && schema.properties['kind'], `${kind} has TypeMeta`);
    }
  });
});
