/**
 * meta/v1 API types (apimachinery `pkg/apis/meta/v1/types.go`), as they appear on the wire in
 * JSON. Optional Go fields (`omitempty`) are optional here; timestamps are RFC 3339 strings.
 */

/** `TypeMeta`: the `apiVersion` and `kind` every served object carries. */
export interface TypeMeta {
  apiVersion?: string;
  kind?: string;
}

/** `OwnerReference`: an owner of an object, for garbage collection. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** `ManagedFieldsEntry`: one field manager's set of owned fields (server-side apply). */
export interface ManagedFieldsEntry {
  manager?: string;
  /** `Apply` or `Update`. */
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: string;
  /** Always `FieldsV1`. */
  fieldsType?: string;
  /** The `FieldsV1` trie: `{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}`. */
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

/** `ObjectMeta`: metadata every persisted object has. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  selfLink?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
}

/** `ListMeta`: metadata of a list response. */
export interface ListMeta {
  selfLink?: string;
  resourceVersion?: string;
  /** Opaque token for the next page of a chunked list. */
  continue?: string;
  remainingItemCount?: number;
}

/** A list response: `{kind: "PodList", apiVersion, metadata: ListMeta, items}`. */
export interface KubeList<T> extends TypeMeta {
  metadata: ListMeta;
  items: T[];
}

/** `LabelSelectorOperator`. */
export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** `LabelSelectorRequirement`: one `matchExpressions` entry. */
export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorOperator;
  values?: string[];
}

/** `LabelSelector` as it appears in specs (Deployments, NetworkPolicies, …). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** `ConditionStatus`. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** `metav1.Condition`: the standard condition shape of newer APIs. */
export interface Condition {
  type: string;
  status: ConditionStatus;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** `DeletionPropagation`. */
export type DeletionPropagation = 'Orphan' | 'Background' | 'Foreground';

/** `Preconditions` of a delete. */
export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

/** `DeleteOptions`: the body (or query) of a DELETE. */
export interface DeleteOptions extends TypeMeta {
  gracePeriodSeconds?: number;
  preconditions?: Preconditions;
  /** Deprecated in favour of propagationPolicy. */
  orphanDependents?: boolean;
  propagationPolicy?: DeletionPropagation;
  /** `['All']` for a dry run. */
  dryRun?: string[];
}

/** `TableColumnDefinition`: one column of server-side printing. */
export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: `string`, `integer`, `number`, `boolean`, `date`. */
  type: string;
  format: string;
  description: string;
  /** 0 is shown by default; higher numbers only with `-o wide`. */
  priority: number;
}

/** `TableRow`. */
export interface TableRow {
  cells: unknown[];
  conditions?: { type: string; status: ConditionStatus; reason?: string; message?: string }[];
  /** The object, as `PartialObjectMetadata` or the full object, depending on `includeObject`. */
  object?: unknown;
}

/** `Table` (`meta.k8s.io/v1`): server-side printing for `kubectl get`. */
export interface Table extends TypeMeta {
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** `PartialObjectMetadata`: an object reduced to its metadata. */
export interface PartialObjectMetadata extends TypeMeta {
  metadata: ObjectMeta;
}

/** Watch event types. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** `WatchEvent`: one line of a watch stream. For `ERROR` the object is a {@link Status}. */
export interface WatchEvent<T = unknown> {
  type: WatchEventType;
  object: T;
}

/** `StatusReason` values used by the API server (`types.go`). */
export type StatusReason =
  | ''
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'ServerTimeout'
  | 'StoreReadError'
  | 'Timeout'
  | 'TooManyRequests'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Expired'
  | 'ServiceUnavailable';

/** `StatusCause`: one cause of a failure; for `Invalid`, one per field error. */
export interface StatusCause {
  /** The `CauseType`, e.g. `FieldValueRequired`. JSON name `reason`. */
  reason?: string;
  message?: string;
  /** The field path, e.g. `spec.containers[0].image`. */
  field?: string;
}

/** `StatusDetails`. For resource errors `kind` is the resource (plural), or the Kind for `Invalid`. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** `Status`: the body of every failed API call and of some successful deletes. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: ListMeta;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code?: number;
}

/** `APIResource`: one resource in discovery. */
export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

/** `APIResourceList`: `GET /api/v1`, `GET /apis/<group>/<version>`. */
export interface APIResourceList extends TypeMeta {
  groupVersion: string;
  resources: APIResource[];
}

/** `GroupVersionForDiscovery`. */
export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

/** `ServerAddressByClientCIDR`. */
export interface ServerAddressByClientCIDR {
  clientCIDR: string;
  serverAddress: string;
}

/** `APIGroup`. */
export interface APIGroup extends TypeMeta {
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion?: GroupVersionForDiscovery;
  serverAddressByClientCIDRs?: ServerAddressByClientCIDR[];
}

/** `APIGroupList`: `GET /apis`. */
export interface APIGroupList extends TypeMeta {
  groups: APIGroup[];
}

/** `APIVersions`: `GET /api`. */
export interface APIVersions extends TypeMeta {
  versions: string[];
  serverAddressByClientCIDRs: ServerAddressByClientCIDR[];
}

/** `schema.GroupResource`; the core group is `''`. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** `schema.GroupKind`; the core group is `''`. */
export interface GroupKind {
  group: string;
  kind: string;
}

/** `schema.GroupVersionKind`. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** `schema.GroupVersionResource`. */
export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

/**
 * Any served object: type metadata and object metadata. Every kind's interface (Pod, Service, …)
 * is assignable to it; code that reads other fields of an unknown kind narrows first.
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

/** `GroupResource.String()`: `pods`, `leases.coordination.k8s.io`. */
export function groupResourceString(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** `GroupKind.String()`: `Pod`, `Lease.coordination.k8s.io`. */
export function groupKindString(gk: GroupKind): string {
  return gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
}
