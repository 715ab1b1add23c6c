/**
 * OpenAPI-shaped {@link ObjectSchema}s for coordination v1.
 * @module
 */
// Generated from the Kubernetes OpenAPI definitions (field lists, descriptions, required lists)
// plus the k8s.io/api struct tags (patchMergeKey/patchStrategy, +listType/+listMapKey).
// Edit by hand with care: strict field validation, `kubectl explain` and strategic merge patch read these.

import type { ObjectSchema } from '../../schema.js';
import { listMetaSchema, objectMetaSchema } from '../../meta/v1/index.js';

/** `io.k8s.api.coordination.v1.LeaseSpec` */
export const leaseSpecSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.coordination.v1.LeaseSpec',
  description: 'LeaseSpec is a specification of a Lease.',
  properties: {
    acquireTime: { type: 'string', format: 'date-time', description: 'acquireTime is a time when the current lease was acquired.' },
    holderIdentity: { type: 'string', description: 'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.' },
    leaseDurationSeconds: { type: 'integer', format: 'int32', description: 'leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it. This is measured against the time of last observed renewTime.' },
    leaseTransitions: { type: 'integer', format: 'int32', description: 'leaseTransitions is the number of transitions of a lease between holders.' },
    preferredHolder: { type: 'string', description: 'PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up. This field can only be set if Strategy is also set.' },
    renewTime: { type: 'string', format: 'date-time', description: 'renewTime is a time when the current holder of a lease has last updated the lease.' },
    strategy: { type: 'string', description: 'Strategy indicates the strategy for picking the leader for coordinated leader election. If the field is not specified, there is no active coordination for this lease. (Alpha) Using this field requires the CoordinatedLeaderElection feature gate to be enabled.' },
  },
};

/** `io.k8s.api.coordination.v1.Lease` */
export const leaseSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.coordination.v1.Lease',
  description: 'Lease defines a lease concept.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    spec: { ...leaseSpecSchema, description: 'spec contains the specification of the Lease. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status' },
  },
};

/** `io.k8s.api.coordination.v1.LeaseList` */
export const leaseListSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.coordination.v1.LeaseList',
  description: 'LeaseList is a list of Lease objects.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    items: { type: 'array', items: leaseSchema, description: 'items is a list of schema objects.' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...listMetaSchema, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
  },
  required: ['items'],
};

/** Every kind of this package by `<apiVersion>/<kind>` (e.g. `v1/Pod`). */
export const kindSchemas: Record<string, ObjectSchema> = {
  'coordination.k8s.io/v1/Lease': leaseSchema,
  'coordination.k8s.io/v1/LeaseList': leaseListSchema,
};
