/**
 * apis/meta/v1: the apimachinery layer. Pure code, no I/O.
 *
 * Everything is exported flat, except field-error constructors whose names collide with Status
 * constructors: use the `field` namespace for those (`field.invalid(path, value, detail)`,
 * `field.notFound`, `field.forbidden`), as Go writes `field.Invalid`. The non-colliding ones
 * (`required`, `notSupported`, …) are also exported flat.
 */
export * from './types.js';
export * as field from './field-path.js';
export {
  FieldPath,
  type FieldError,
  type FieldErrorType,
  fieldErrorTypeText,
  fieldErrorBody,
  fieldErrorMessage,
  aggregateFieldErrors,
  required,
  notSupported,
  duplicate,
  tooLong,
  tooMany,
  typeInvalid,
} from './field-path.js';
export { goQuote } from './go-format.js';
export * from './status.js';
export * from './names.js';
export * from './selectors.js';
export * from './duration.js';
export * from './schema.js';
export * from './unknown-fields.js';
