/** apis/events/v1: events.k8s.io Event types, schemas and validation. */
export * from './types.js';
export * from './schema.js';
export * from './validation.js';
