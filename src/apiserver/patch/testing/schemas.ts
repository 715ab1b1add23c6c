import type { ArraySchema, ObjectSchema, Schema } from '../../../apis/index.js';

// Hand-made schemas mirroring the k8s.io/api struct tags that matter for patching, so the patch
// tests do not depend on the generated apis schemas. Test helper only.

const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const strMap: Schema = { type: 'map', values: str };

const mergeList = (items: Schema, key: string, keys = [key], strategy: ArraySchema['patchStrategy'] = 'merge'): ArraySchema => ({
  type: 'array',
  items,
  patchMergeKey: key,
  patchStrategy: strategy,
  listType: 'map',
  listMapKeys: keys,
});

export const objectMeta: ObjectSchema = {
  type: 'object',
  properties: {
    name: str,
    namespace: str,
    uid: str,
    resourceVersion: str,
    generation: int,
    creationTimestamp: str,
    labels: strMap,
    annotations: strMap,
    finalizers: { type: 'array', items: str, patchStrategy: 'merge', listType: 'set' },
    ownerReferences: mergeList({ type: 'object', properties: { uid: str, name: str, kind: str, apiVersion: str } }, 'uid'),
    managedFields: { type: 'array', items: { type: 'any' }, listType: 'atomic' },
  },
};

const envVar: ObjectSchema = { type: 'object', properties: { name: str, value: str }, required: ['name'] };
const containerPort: ObjectSchema = {
  type: 'object',
  properties: { name: str, containerPort: int, protocol: str },
  required: ['containerPort'],
};
const volumeMount: ObjectSchema = { type: 'object', properties: { name: str, mountPath: str }, required: ['name', 'mountPath'] };

export const container: ObjectSchema = {
  type: 'object',
  properties: {
    name: str,
    image: str,
    args: { type: 'array', items: str, listType: 'atomic' },
    command: { type: 'array', items: str, listType: 'atomic' },
    env: mergeList(envVar, 'name'),
    ports: mergeList(containerPort, 'containerPort', ['containerPort', 'protocol']),
    volumeMounts: mergeList(volumeMount, 'mountPath'),
    resources: { type: 'object', properties: { limits: { type: 'map', values: str }, requests: { type: 'map', values: str } } },
  },
  required: ['name'],
};

const volume: ObjectSchema = {
  type: 'object',
  properties: {
    name: str,
    emptyDir: { type: 'object', properties: { medium: str } },
    hostPath: { type: 'object', properties: { path: str, type: str } },
    configMap: { type: 'object', properties: { name: str } },
  },
  required: ['name'],
};

export const podSchema: ObjectSchema = {
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    metadata: objectMeta,
    spec: {
      type: 'object',
      properties: {
        containers: mergeList(container, 'name'),
        initContainers: mergeList(container, 'name'),
        volumes: mergeList(volume, 'name', ['name'], 'merge,retainKeys'),
        nodeSelector: strMap,
        restartPolicy: str,
        nodeName: str,
      },
      required: ['containers'],
    },
    status: { type: 'object', properties: { phase: str, podIP: str } },
  },
};
