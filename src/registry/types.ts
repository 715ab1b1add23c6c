import type { FieldError, KubeObject, ObjectSchema } from '../apis/index.js';

/** A subresource served under a resource (`pods/status`, `pods/log`, …). */
export interface SubresourceInfo {
  name: string;
  /** Kind of the object the subresource takes or returns (`Pod`, `PodExecOptions`, `Binding`, …). */
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

/** What discovery, routing and OpenAPI need to know about one served resource. */
export interface ResourceInfo {
  group: string;
  version: string;
  /** Plural lower-case name used in URLs (`pods`). */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  subresources: SubresourceInfo[];
  /** The kind's schema (strict decoding, OpenAPI, strategic merge patch). */
  schema?: ObjectSchema;
}

/** Rules for writes through a subresource (`status`, `finalize`). */
export interface SubresourceStrategy<T extends KubeObject = KubeObject> {
  prepareForUpdate(obj: T, old: T, ctx: WriteContext): void;
  validateUpdate(obj: T, old: T): FieldError[];
}

/** Context of a write, for strategies. */
export interface WriteContext {
  /** Milliseconds since the epoch. */
  now: number;
}

/**
 * Per-resource rules applied by {@link GenericRegistry}: defaulting, validation, the
 * spec/status split, graceful deletion and selectable fields (the kube-apiserver
 * `RESTCreateStrategy`/`RESTUpdateStrategy`/`RESTDeleteStrategy` shape).
 */
export interface Strategy<T extends KubeObject = KubeObject> {
  /** Defaults and clears fields on create (status for resources with a status subresource). */
  prepareForCreate(obj: T, ctx: WriteContext): void;
  /** All validation errors of a new object, metadata included. */
  validate(obj: T): FieldError[];
  /** Carries over what a main-resource update may not change (status). */
  prepareForUpdate(obj: T, old: T, ctx: WriteContext): void;
  validateUpdate(obj: T, old: T): FieldError[];
  /** Rules of writes through subresources: `status`, `finalize` (namespaces), `binding` (pods). */
  subresources?: Record<string, SubresourceStrategy<T>>;
  /**
   * Finalizers beyond `metadata.finalizers` that hold a deleted object (a namespace's
   * `spec.finalizers`). The object is removed once these and metadata.finalizers are empty.
   */
  extraFinalizers?(obj: T): string[];
  /** Changes made when an object is marked for deletion (a namespace turns `Terminating`). */
  prepareForDelete?(obj: T): void;
  /** Field values selectable with `fieldSelector` (metadata.name/namespace are added by the registry). */
  fields?(obj: T): Record<string, string>;
  /**
   * Grace period for a delete, or 0 to delete at once. Only resources with graceful deletion
   * (pods) implement it.
   */
  gracePeriodSeconds?(obj: T, requested: number | undefined): number;
  /** Allocates what the object needs before it is stored (ClusterIPs, NodePorts). */
  beforeCreate?(obj: T): Promise<void>;
  /** Adjusts allocations on update. */
  beforeUpdate?(obj: T, old: T): Promise<void>;
  /** Releases allocations after the object is gone. */
  afterDelete?(obj: T): Promise<void>;
  /** Lifetime of stored objects (Events). */
  ttlSeconds?: number;
  /** Whether DELETE answers with the deleted object (pods) instead of a Success Status. */
  returnDeletedObject?: boolean;
  /** Whether PUT may omit `metadata.resourceVersion`. */
  allowUnconditionalUpdate?: boolean;
  /** Whether PUT of a missing object creates it. */
  allowCreateOnUpdate?: boolean;
}
