/** controllers: cluster-side loops that talk to the API through the client. */
export { EndpointsController } from './endpoints.js';
export { GarbageCollector, type CollectedResource } from './garbage-collector.js';
export { NamespaceController } from './namespace.js';
export { SchedulerController } from './scheduler.js';
export { ServiceAccountsController } from './service-accounts.js';
