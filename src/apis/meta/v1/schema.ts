/**
 * {@link Schema}s of the meta/v1 types, named after their OpenAPI definitions
 * (`io.k8s.apimachinery.pkg.apis.meta.v1.*`), with the first sentences of the upstream field
 * descriptions and the list/patch metadata of the Go struct tags. Kinds embed them as
 * `metadata: { ...objectMetaSchema, description }`. Used for strict field validation, OpenAPI and
 * `kubectl explain`.
 */
import type { AnySchema, ArraySchema, MapSchema, ObjectSchema, ScalarSchema } from '../../schema.js';

const P = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

const str = (description: string): ScalarSchema => ({ type: 'string', description });
const time = (description: string): ScalarSchema => ({ type: 'string', format: 'date-time', description });
const int64 = (description: string): ScalarSchema => ({ type: 'integer', format: 'int64', description });
const int32 = (description: string): ScalarSchema => ({ type: 'integer', format: 'int32', description });
const bool = (description: string): ScalarSchema => ({ type: 'boolean', description });
const stringMap = (description: string): MapSchema => ({ type: 'map', values: { type: 'string' }, description });
const atomicStrings = (description: string): ArraySchema => ({ type: 'array', items: { type: 'string' }, listType: 'atomic', description });

const apiVersionDescription =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const kindDescription =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';

/** `io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1`: the managed-fields trie, free-form JSON. */
export const fieldsV1Schema: AnySchema = {
  type: 'any',
  description: 'FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.',
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference`. */
export const ownerReferenceSchema: ObjectSchema = {
  type: 'object',
  name: P + 'OwnerReference',
  description:
    'OwnerReference contains enough information to let you identify an owning object. An owning object must be in the same namespace as the dependent, or be cluster-scoped, so there is no namespace field.',
  properties: {
    apiVersion: str('API version of the referent.'),
    blockOwnerDeletion: bool(
      'If true, AND if the owner has the "foregroundDeletion" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed.',
    ),
    controller: bool('If true, this reference points to the managing controller.'),
    kind: str('Kind of the referent. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds'),
    name: str('Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names'),
    uid: str('UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids'),
  },
  required: ['apiVersion', 'kind', 'name', 'uid'],
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry`. */
export const managedFieldsEntrySchema: ObjectSchema = {
  type: 'object',
  name: P + 'ManagedFieldsEntry',
  description:
    'ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.',
  properties: {
    apiVersion: str('APIVersion defines the version of this resource that this field set applies to.'),
    fieldsType: str('FieldsType is the discriminator for the different fields format and version. There is currently only one possible value: "FieldsV1"'),
    fieldsV1: { ...fieldsV1Schema, description: 'FieldsV1 holds the first JSON version format as described in the "FieldsV1" type.' },
    manager: str('Manager is an identifier of the workflow managing these fields.'),
    operation: str("Operation is the type of operation which lead to this ManagedFieldsEntry being created. The only valid values for this field are 'Apply' and 'Update'."),
    subresource: str('Subresource is the name of the subresource used to update that object, or empty string if the object was updated through the main resource.'),
    time: time('Time is the timestamp of when the ManagedFields entry was added.'),
  },
};

/** `metadata.managedFields`: an atomic list of {@link managedFieldsEntrySchema}. */
export const managedFieldsSchema: ArraySchema = {
  type: 'array',
  items: managedFieldsEntrySchema,
  listType: 'atomic',
  description:
    "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow. This is mostly for internal housekeeping, and users typically shouldn't need to set or understand this field.",
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`. */
export const objectMetaSchema: ObjectSchema = {
  type: 'object',
  name: P + 'ObjectMeta',
  description: 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
  properties: {
    annotations: stringMap(
      'Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations',
    ),
    creationTimestamp: time(
      'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.',
    ),
    deletionGracePeriodSeconds: int64(
      'Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Only set when deletionTimestamp is also set. May only be shortened. Read-only.',
    ),
    deletionTimestamp: time(
      'DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted. This field is set by the server when a graceful deletion is requested by the user, and is not directly settable by a client.',
    ),
    finalizers: {
      type: 'array',
      items: { type: 'string' },
      patchStrategy: 'merge',
      listType: 'set',
      description:
        'Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list.',
    },
    generateName: str(
      'GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.',
    ),
    generation: int64('A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.'),
    labels: stringMap(
      'Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels',
    ),
    managedFields: managedFieldsSchema,
    name: str(
      'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
    ),
    namespace: str(
      'Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the "default" namespace, but "default" is the canonical representation. Must be a DNS_LABEL. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces',
    ),
    ownerReferences: {
      type: 'array',
      items: ownerReferenceSchema,
      patchMergeKey: 'uid',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['uid'],
      description:
        'List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected. If this object is managed by a controller, then an entry in this list will point to this controller, with the controller field set to true. There cannot be more than one managing controller.',
    },
    resourceVersion: str(
      'An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency',
    ),
    selfLink: str('Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.'),
    uid: str(
      'UID is the unique in time and space value for this object. It is typically generated by the server on successful creation of a resource and is not allowed to change on PUT operations. Populated by the system. Read-only. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids',
    ),
  },
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta`. */
export const listMetaSchema: ObjectSchema = {
  type: 'object',
  name: P + 'ListMeta',
  description:
    'ListMeta describes metadata that synthetic resources must have, including lists and various status objects. A resource may have only one of {ObjectMeta, ListMeta}.',
  properties: {
    continue: str(
      'continue may be set if the user set a limit on the number of items returned, and indicates that the server has more data available. The value is opaque and may be used to issue another request to the endpoint that served this list to retrieve the next set of available objects.',
    ),
    remainingItemCount: int64(
      'remainingItemCount is the number of subsequent items in the list which are not included in this list response. If the list request contained label or field selectors, then the number of remaining items is unknown and the field will be left unset and omitted during serialization.',
    ),
    resourceVersion: str(
      "String that identifies the server's internal version of this object that can be used by clients to determine when objects have changed. Value must be treated as opaque by clients and passed unmodified back to the server. Populated by the system. Read-only.",
    ),
    selfLink: str('Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.'),
  },
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement`. */
export const labelSelectorRequirementSchema: ObjectSchema = {
  type: 'object',
  name: P + 'LabelSelectorRequirement',
  description:
    'A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.',
  properties: {
    key: str('key is the label key that the selector applies to.'),
    operator: str("operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist."),
    values: atomicStrings(
      'values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty.',
    ),
  },
  required: ['key', 'operator'],
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector`. */
export const labelSelectorSchema: ObjectSchema = {
  type: 'object',
  name: P + 'LabelSelector',
  description:
    'A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.',
  properties: {
    matchExpressions: {
      type: 'array',
      items: labelSelectorRequirementSchema,
      listType: 'atomic',
      description: 'matchExpressions is a list of label selector requirements. The requirements are ANDed.',
    },
    matchLabels: stringMap(
      'matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.',
    ),
  },
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.Condition`. */
export const conditionSchema: ObjectSchema = {
  type: 'object',
  name: P + 'Condition',
  description: 'Condition contains details for one aspect of the current state of this API Resource.',
  properties: {
    lastTransitionTime: time(
      'lastTransitionTime is the last time the condition transitioned from one status to another. This should be when the underlying condition changed.  If that is not known, then using the time when the API field changed is acceptable.',
    ),
    message: str('message is a human readable message indicating details about the transition. This may be an empty string.'),
    observedGeneration: int64(
      'observedGeneration represents the .metadata.generation that the condition was set based upon.',
    ),
    reason: str(
      "reason contains a programmatic identifier indicating the reason for the condition's last transition. Producers of specific condition types may define expected values and meanings for this field, and whether the values are considered a guaranteed API. The value should be a CamelCase string. This field may not be empty.",
    ),
    status: str('status of the condition, one of True, False, Unknown.'),
    type: str('type of condition in CamelCase or in foo.example.com/CamelCase.'),
  },
  required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'],
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions`. */
export const preconditionsSchema: ObjectSchema = {
  type: 'object',
  name: P + 'Preconditions',
  description: 'Preconditions must be fulfilled before an operation (update, delete, etc.) is carried out.',
  properties: {
    resourceVersion: str('Specifies the target ResourceVersion'),
    uid: str('Specifies the target UID.'),
  },
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions`. */
export const deleteOptionsSchema: ObjectSchema = {
  type: 'object',
  name: P + 'DeleteOptions',
  description: 'DeleteOptions may be provided when deleting an API object.',
  properties: {
    apiVersion: str(apiVersionDescription),
    dryRun: atomicStrings(
      'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed',
    ),
    gracePeriodSeconds: int64(
      'The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately. If this value is nil, the default grace period for the specified type will be used. Defaults to a per object value if not specified. zero means delete immediately.',
    ),
    ignoreStoreReadErrorWithClusterBreakingPotential: bool(
      'if set to true, it will trigger an unsafe deletion of the resource in case the normal deletion flow fails with a corrupt object error.',
    ),
    kind: str(kindDescription),
    orphanDependents: bool(
      'Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the dependent objects be orphaned. If true/false, the "orphan" finalizer will be added to/removed from the object\'s finalizers list. Either this field or PropagationPolicy may be set, but not both.',
    ),
    preconditions: {
      ...preconditionsSchema,
      description: 'Must be fulfilled before a deletion is carried out. If not possible, a 409 Conflict status will be returned.',
    },
    propagationPolicy: str(
      "Whether and how garbage collection will be performed. Either this field or OrphanDependents may be set, but not both. The default policy is decided by the existing finalizer set in the metadata.finalizers and the resource-specific default policy. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground.",
    ),
  },
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause`. */
export const statusCauseSchema: ObjectSchema = {
  type: 'object',
  name: P + 'StatusCause',
  description:
    'StatusCause provides more information about an api.Status failure, including cases when multiple errors are encountered.',
  properties: {
    field: str(
      'The field of the resource that has caused this error, as named by its JSON serialization. May include dot and postfix notation for nested attributes. Arrays are zero-indexed.',
    ),
    message: str('A human-readable description of the cause of the error.  This field may be presented as-is to a reader.'),
    reason: str('A machine-readable description of the cause of the error. If this value is empty there is no information available.'),
  },
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails`. */
export const statusDetailsSchema: ObjectSchema = {
  type: 'object',
  name: P + 'StatusDetails',
  description:
    'StatusDetails is a set of additional properties that MAY be set by the server to provide additional information about a response.',
  properties: {
    causes: {
      type: 'array',
      items: statusCauseSchema,
      listType: 'atomic',
      description: 'The Causes array includes more details associated with the StatusReason failure. Not all StatusReasons may provide detailed causes.',
    },
    group: str('The group attribute of the resource associated with the status StatusReason.'),
    kind: str('The kind attribute of the resource associated with the status StatusReason. On some operations may differ from the requested resource Kind.'),
    name: str('The name attribute of the resource associated with the status StatusReason (when there is a single name which can be described).'),
    retryAfterSeconds: int32('If specified, the time in seconds before the operation should be retried.'),
    uid: str('UID of the resource. (when there is a single resource which can be described).'),
  },
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.Status`. */
export const statusSchema: ObjectSchema = {
  type: 'object',
  name: P + 'Status',
  description: 'Status is a return value for calls that don\'t return other objects.',
  properties: {
    apiVersion: str(apiVersionDescription),
    code: int32('Suggested HTTP return code for this status, 0 if not set.'),
    details: {
      ...statusDetailsSchema,
      description: 'Extended data associated with the reason.  Each reason may define its own extended details. This field is optional and the data returned is not guaranteed to conform to any schema except that defined by the reason type.',
    },
    kind: str(kindDescription),
    message: str('A human-readable description of the status of this operation.'),
    metadata: {
      ...listMetaSchema,
      description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
    },
    reason: str(
      'A machine-readable description of why this operation is in the "Failure" status. If this value is empty there is no information available.',
    ),
    status: str('Status of the operation. One of: "Success" or "Failure".'),
  },
};

/** `io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent`. */
export const watchEventSchema: ObjectSchema = {
  type: 'object',
  name: P + 'WatchEvent',
  description: 'Event represents a single event to a watched resource.',
  properties: {
    object: {
      type: 'any',
      description: 'Object is:\n * If Type is Added or Modified: the new state of the object.\n * If Type is Deleted: the state of the object immediately before deletion.\n * If Type is Error: *Status is recommended; other types may make sense\n   depending on context.',
    },
    type: str(''),
  },
  required: ['type', 'object'],
};

/** Every meta/v1 definition by OpenAPI name, for the OpenAPI documents. */
export const metaV1Schemas: Record<string, ObjectSchema> = Object.fromEntries(
  [
    ownerReferenceSchema,
    managedFieldsEntrySchema,
    objectMetaSchema,
    listMetaSchema,
    labelSelectorRequirementSchema,
    labelSelectorSchema,
    conditionSchema,
    preconditionsSchema,
    deleteOptionsSchema,
    statusCauseSchema,
    statusDetailsSchema,
    statusSchema,
    watchEventSchema,
  ].map((s) => [s.name!, s]),
);
