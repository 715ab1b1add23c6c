/**
 * Validation of events.k8s.io/v1 Events: the strict `ValidateEventCreate` path of
 * `pkg/apis/core/validation/events.go`, run on the internal view of the event (so paths use the
 * internal names, `message`, `involvedObject.namespace`, as Kubernetes reports them).
 * @module
 */
import { FieldPath, type FieldError, nameIsDNSSubdomain } from '../../meta/v1/index.js';
import { validateCoreObjectMeta, validateCoreObjectMetaUpdate, validateEventView } from '../../core/v1/validation.js';
import type { Event } from './types.js';

/** `ValidateEventCreate` for an events.k8s.io/v1 Event. */
export function validateEventsV1Event(event: Event): FieldError[] {
  return validateEventView({
    namespace: event.metadata?.namespace,
    involvedObjectNamespace: event.regarding?.namespace,
    eventTime: event.eventTime,
    reportingController: event.reportingController,
    reportingInstance: event.reportingInstance,
    action: event.action,
    reason: event.reason,
    message: event.note,
    type: event.type,
    firstTimestamp: event.deprecatedFirstTimestamp,
    lastTimestamp: event.deprecatedLastTimestamp,
    count: event.deprecatedCount,
    source: event.deprecatedSource,
    series: event.series,
  }, 'events.k8s.io/v1', () => validateCoreObjectMeta(event.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, FieldPath.root('metadata')));
}

/** `ValidateEventUpdate` for events.k8s.io/v1 (metadata rules plus the create checks). */
export function validateEventsV1EventUpdate(event: Event, old: Event): FieldError[] {
  return [...validateCoreObjectMetaUpdate(event.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata')), ...validateEventsV1Event(event)];
}
