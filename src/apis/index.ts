/**
 * apis: the Kubernetes types and rules Podyard serves, flat. Pure code, no I/O.
 *
 * core/v1 and meta/v1 names are exported as they are. Names that clash between groups keep
 * their plain name for core/v1 and get a group-version prefix otherwise:
 * `DiscoveryV1EndpointPort`, `EventsV1Event`, `eventsV1EventSchema`, … Every kind's schema is
 * in {@link kindSchemas}, keyed `<apiVersion>/<Kind>` (`v1/Pod`, `discovery.k8s.io/v1/EndpointSlice`).
 */
import type { ObjectSchema } from './schema.js';
import { kindSchemas as coreKindSchemas, optionKindSchemas } from './core/v1/index.js';
import { kindSchemas as discoveryKindSchemas } from './discovery/v1/index.js';
import { kindSchemas as coordinationKindSchemas } from './coordination/v1/index.js';
import { kindSchemas as eventsKindSchemas } from './events/v1/index.js';

export * from './schema.js';
export * from './meta/v1/index.js';
export * from './core/v1/index.js';
export * from './discovery/v1/index.js';
export * from './coordination/v1/index.js';
export * from './events/v1/index.js';
export type * from './metrics/v1beta1/index.js';

// Clashes resolved in favour of core/v1 …
export type { EndpointPort, Event, EventList, EventSeries } from './core/v1/index.js';
export { endpointPortSchema, eventSchema, eventListSchema, eventSeriesSchema } from './core/v1/index.js';
// … and the other groups' names with a prefix.
export type { EndpointPort as DiscoveryV1EndpointPort } from './discovery/v1/index.js';
export { endpointPortSchema as discoveryV1EndpointPortSchema } from './discovery/v1/index.js';
export type { Event as EventsV1Event, EventList as EventsV1EventList, EventSeries as EventsV1EventSeries } from './events/v1/index.js';
export {
  eventSchema as eventsV1EventSchema, eventListSchema as eventsV1EventListSchema, eventSeriesSchema as eventsV1EventSeriesSchema,
} from './events/v1/index.js';

/** The schema of every kind Podyard serves, by `<apiVersion>/<Kind>`. */
export const kindSchemas: Readonly<Record<string, ObjectSchema>> = {
  ...coreKindSchemas,
  ...optionKindSchemas,
  ...discoveryKindSchemas,
  ...coordinationKindSchemas,
  ...eventsKindSchemas,
};
