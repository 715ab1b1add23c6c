/**
 * TypeScript shapes of the coordination/v1 API types, field for field as k8s.io/api serializes them.
 * @module
 */
// Generated from the Kubernetes OpenAPI definitions (field lists, descriptions, required lists)
// plus the k8s.io/api struct tags (patchMergeKey/patchStrategy, +listType/+listMapKey).
// Edit by hand with care: strict field validation, `kubectl explain` and strategic merge patch read these.

import type { ListMeta, ObjectMeta } from '../../meta/v1/index.js';

/**
 * LeaseSpec is a specification of a Lease.
 * @see io.k8s.api.coordination.v1.LeaseSpec
 */
export interface LeaseSpec {
  /** acquireTime is a time when the current lease was acquired. */
  acquireTime?: string;
  /** holderIdentity contains the identity of the holder of a current lease. */
  holderIdentity?: string;
  /** leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it. */
  leaseDurationSeconds?: number;
  /** leaseTransitions is the number of transitions of a lease between holders. */
  leaseTransitions?: number;
  /** PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up. */
  preferredHolder?: string;
  /** renewTime is a time when the current holder of a lease has last updated the lease. */
  renewTime?: string;
  /** Strategy indicates the strategy for picking the leader for coordinated leader election. */
  strategy?: string;
}

/**
 * Lease defines a lease concept.
 * @see io.k8s.api.coordination.v1.Lease
 */
export interface Lease {
  /** APIVersion defines the versioned schema of this representation of an object. */
  apiVersion?: string;
  /** Kind is a string value representing the REST resource this object represents. */
  kind?: string;
  /** More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata */
  metadata: ObjectMeta;
  /** spec contains the specification of the Lease. */
  spec?: LeaseSpec;
}

/**
 * LeaseList is a list of Lease objects.
 * @see io.k8s.api.coordination.v1.LeaseList
 */
export interface LeaseList {
  /** APIVersion defines the versioned schema of this representation of an object. */
  apiVersion?: string;
  /** items is a list of schema objects. */
  items: Lease[];
  /** Kind is a string value representing the REST resource this object represents. */
  kind?: string;
  /** Standard list metadata. */
  metadata?: ListMeta;
}
