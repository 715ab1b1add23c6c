/**
 * OpenAPI-shaped {@link ObjectSchema}s for events v1.
 * @module
 */
// Generated from the Kubernetes OpenAPI definitions (field lists, descriptions, required lists)
// plus the k8s.io/api struct tags (patchMergeKey/patchStrategy, +listType/+listMapKey).
// Edit by hand with care: strict field validation, `kubectl explain` and strategic merge patch read these.

import type { ObjectSchema } from '../../schema.js';
import { listMetaSchema, objectMetaSchema } from '../../meta/v1/index.js';
import { eventSourceSchema, objectReferenceSchema } from '../../core/v1/schema.js';

/** `io.k8s.api.events.v1.EventSeries` */
export const eventSeriesSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.events.v1.EventSeries',
  description: 'EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time. How often to update the EventSeries is up to the event reporters. The default event reporter in "k8s.io/client-go/tools/events/event_broadcaster.go" shows how this struct is updated on heartbeats and can guide customized reporter implementations.',
  properties: {
    count: { type: 'integer', format: 'int32', description: 'count is the number of occurrences in this series up to the last heartbeat time.' },
    lastObservedTime: { type: 'string', format: 'date-time', description: 'lastObservedTime is the time when last Event from the series was seen before last heartbeat.' },
  },
  required: ['count','lastObservedTime'],
};

/** `io.k8s.api.events.v1.Event` */
export const eventSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.events.v1.Event',
  description: 'Event is a report of an event somewhere in the cluster. It generally denotes some state change in the system. Events have a limited retention time and triggers and messages may evolve with time.  Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason.  Events should be treated as informative, best-effort, supplemental data.',
  properties: {
    action: { type: 'string', description: 'action is what action was taken/failed regarding to the regarding object. It is machine-readable. This field cannot be empty for new Events and it can have at most 128 characters.' },
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    deprecatedCount: { type: 'integer', format: 'int32', description: 'deprecatedCount is the deprecated field assuring backward compatibility with core.v1 Event type.' },
    deprecatedFirstTimestamp: { type: 'string', format: 'date-time', description: 'deprecatedFirstTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type.' },
    deprecatedLastTimestamp: { type: 'string', format: 'date-time', description: 'deprecatedLastTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type.' },
    deprecatedSource: { ...eventSourceSchema, description: 'deprecatedSource is the deprecated field assuring backward compatibility with core.v1 Event type.' },
    eventTime: { type: 'string', format: 'date-time', description: 'eventTime is the time when this Event was first observed. It is required.' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    note: { type: 'string', description: 'note is a human-readable description of the status of this operation. Maximal length of the note is 1kB, but libraries should be prepared to handle values up to 64kB.' },
    reason: { type: 'string', description: 'reason is why the action was taken. It is human-readable. This field cannot be empty for new Events and it can have at most 128 characters.' },
    regarding: { ...objectReferenceSchema, description: 'regarding contains the object this Event is about. In most cases it\'s an Object reporting controller implements, e.g. ReplicaSetController implements ReplicaSets and this event is emitted because it acts on some changes in a ReplicaSet object.' },
    related: { ...objectReferenceSchema, description: 'related is the optional secondary object for more complex actions. E.g. when regarding object triggers a creation or deletion of related object.' },
    reportingController: { type: 'string', description: 'reportingController is the name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`. This field cannot be empty for new Events.' },
    reportingInstance: { type: 'string', description: 'reportingInstance is the ID of the controller instance, e.g. `kubelet-xyzf`. This field cannot be empty for new Events and it can have at most 128 characters.' },
    series: { ...eventSeriesSchema, description: 'series is data about the Event series this event represents or nil if it\'s a singleton Event.' },
    type: { type: 'string', description: 'type is the type of this event (Normal, Warning), new types could be added in the future. It is machine-readable. This field cannot be empty for new Events.' },
  },
  required: ['eventTime'],
};

/** `io.k8s.api.events.v1.EventList` */
export const eventListSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.events.v1.EventList',
  description: 'EventList is a list of Event objects.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    items: { type: 'array', items: eventSchema, description: 'items is a list of schema objects.' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...listMetaSchema, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
  },
  required: ['items'],
};

/** Every kind of this package by `<apiVersion>/<kind>` (e.g. `v1/Pod`). */
export const kindSchemas: Record<string, ObjectSchema> = {
  'events.k8s.io/v1/Event': eventSchema,
  'events.k8s.io/v1/EventList': eventListSchema,
};
