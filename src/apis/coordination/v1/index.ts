/** apis/coordination/v1: Lease types, schemas and validation. */
export * from './types.js';
export * from './schema.js';
export * from './validation.js';
