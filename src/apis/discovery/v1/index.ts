/** apis/discovery/v1: EndpointSlice types, schemas, defaulting and validation. */
export * from './types.js';
export * from './schema.js';
export * from './validation.js';
