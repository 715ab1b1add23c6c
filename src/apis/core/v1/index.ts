/**
 * apis/core/v1: Pod, Service, ConfigMap, Secret, Namespace, Node, Event, ServiceAccount,
 * Endpoints, Binding, Eviction (`policy/v1`) and the pod subresource option kinds: types,
 * schemas, defaulting, validation, QoS, quantities and the reason catalogs. Pure code, no I/O.
 */
export * from './types.js';
export * from './schema.js';
export * from './options.js';
export * from './defaults.js';
export * from './qos.js';
export * from './quantity.js';
export * from './reasons.js';
export * from './validation.js';
export * from './validation-helpers.js';
