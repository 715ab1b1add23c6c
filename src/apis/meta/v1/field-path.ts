/**
 * Field paths and field-level validation errors, after apimachinery
 * `pkg/util/validation/field/path.go` and `errors.go`. Validation code builds paths with
 * {@link FieldPath} and collects {@link FieldError}s; `invalid()` in `status.ts` turns a list of
 * them into a 422 Status whose message kubectl prints verbatim.
 *
 * Note on names: the constructors here are named like Go's `field.Required`, `field.Invalid`, …
 * Three of them (`invalid`, `notFound`, `forbidden`) share a name with Status constructors, so the
 * meta/v1 index re-exports this module as the namespace `field` (`field.invalid(path, v, detail)`)
 * and flat only the names that do not collide.
 */
import { goQuote, goValue } from './go-format.js';

/**
 * A path to a field inside an object, rendered exactly like apimachinery's `field.Path.String()`:
 * `spec.containers[0].image`, `metadata.labels[app]`.
 * Immutable: every method returns a new path.
 */
export class FieldPath {
  private constructor(
    private readonly parent: FieldPath | undefined,
    /** The field name; empty for an index or key step. */
    private readonly name: string,
    /** The subscript of an index or key step; empty for a named step. */
    private readonly subscript: string,
  ) {}

  /** A new root path, `NewPath(name, more...)`: `FieldPath.root('metadata')`, `FieldPath.root('spec', 'containers')`. */
  static root(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(undefined, name, '');
    for (const m of more) p = new FieldPath(p, m, '');
    return p;
  }

  /** Appends one or more named fields: `.child('containers')`. */
  child(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(this, name, '');
    for (const m of more) p = new FieldPath(p, m, '');
    return p;
  }

  /** Appends a list index: `[0]`. */
  index(i: number): FieldPath {
    return new FieldPath(this, '', String(i));
  }

  /** Appends a map key, rendered unquoted: `metadata.labels[app]`. */
  key(k: string): FieldPath {
    return new FieldPath(this, '', k);
  }

  /** The root of this path. */
  root(): FieldPath {
    return this.parent ? this.parent.root() : this;
  }

  /** The path as apimachinery renders it (`path.go` String()). */
  toString(): string {
    const elems: FieldPath[] = [this];
    for (let p = this.parent; p; p = p.parent) elems.push(p);
    let out = '';
    for (let i = elems.length - 1; i >= 0; i--) {
      const p = elems[i]!;
      // A named step after another step gets a dot; subscripts never do.
      if (p.parent && p.name.length > 0) out += '.';
      out += p.name.length > 0 ? p.name : `[${p.subscript}]`;
    }
    return out;
  }
}

/** apimachinery `field.ErrorType`; the same strings are the `reason` of a Status cause. */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

/** One field-level validation failure (apimachinery `field.Error`). */
export interface FieldError {
  type: FieldErrorType;
  /** The rendered path, e.g. `spec.containers[0].image`. */
  field: string;
  /** The offending value; rendered in the message like Go's `%q`/`%v`. */
  badValue?: unknown;
  detail: string;
  /**
   * Set by {@link tooMany} when the actual count is unknown: the message omits the value
   * (apimachinery's `omitValue`).
   */
  omitValue?: boolean;
}

/** `ErrorType.String()`: the human words for each type. */
export const fieldErrorTypeText: Readonly<Record<FieldErrorType, string>> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

function make(type: FieldErrorType, path: FieldPath | string, badValue: unknown, detail: string): FieldError {
  return { type, field: String(path), badValue, detail };
}

/** `field.Required`: a required value is missing (empty string, null, empty list). */
export function required(path: FieldPath | string, detail = ''): FieldError {
  return make('FieldValueRequired', path, '', detail);
}

/** `field.Invalid`: a malformed value (regex mismatch, out of range, …). */
export function invalid(path: FieldPath | string, value: unknown, detail: string): FieldError {
  return make('FieldValueInvalid', path, value, detail);
}

/** `field.NotSupported`: a value outside an enumeration; lists the valid values `%q`-quoted. */
export function notSupported(path: FieldPath | string, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? 'supported values: ' + validValues.map(goQuote).join(', ') : '';
  return make('FieldValueNotSupported', path, value, detail);
}

/** `field.Duplicate`: a value that must be unique is repeated. */
export function duplicate(path: FieldPath | string, value: unknown): FieldError {
  return make('FieldValueDuplicate', path, value, '');
}

/** `field.Forbidden`: valid in form but not allowed here (the message omits the value). */
export function forbidden(path: FieldPath | string, detail: string): FieldError {
  return make('FieldValueForbidden', path, '', detail);
}

/** `field.TooLong`: `Too long: must have at most <max> bytes` (the value is not printed). */
export function tooLong(path: FieldPath | string, value: unknown, max: number): FieldError {
  return make('FieldValueTooLong', path, value, `must have at most ${max} bytes`);
}

/**
 * `field.TooMany`: a list has too many items. A negative `actual` omits the value and a
 * negative `max` gives `has too many items`, as in apimachinery.
 */
export function tooMany(path: FieldPath | string, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} items` : 'has too many items';
  const e = make('FieldValueTooMany', path, actual, detail);
  if (actual < 0) e.omitValue = true;
  return e;
}

/** `field.NotFound`: a referenced value does not exist. */
export function notFound(path: FieldPath | string, value: unknown): FieldError {
  return make('FieldValueNotFound', path, value, '');
}

/** `field.TypeInvalid`: the value does not match the schema type of the field. */
export function typeInvalid(path: FieldPath | string, value: unknown, detail: string): FieldError {
  return make('FieldValueTypeInvalid', path, value, detail);
}

/** `field.InternalError`: a failure not caused by user input. */
export function internalError(path: FieldPath | string, err: unknown): FieldError {
  return make('InternalError', path, null, err instanceof Error ? err.message : String(err));
}

/**
 * `Error.ErrorBody()`: the message without the field, used as a Status cause's `message`.
 * Values print like Go's fmt: strings `%q`-quoted, numbers and booleans bare, null as `"null"`.
 */
export function fieldErrorBody(e: FieldError): string {
  let s: string;
  const text = fieldErrorTypeText[e.type];
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = text;
      break;
    default:
      s = e.omitValue ? text : `${text}: ${goValue(e.badValue)}`;
  }
  if (e.detail.length > 0) s += `: ${e.detail}`;
  return s;
}

/** `Error.Error()`: `<field>: <body>`, e.g. `spec.containers[0].image: Required value`. */
export function fieldErrorMessage(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/**
 * `ErrorList.ToAggregate().Error()`: messages de-duplicated, one shown bare, several as
 * `[a, b]`; `''` for an empty list.
 */
export function aggregateFieldErrors(errs: readonly FieldError[]): string {
  const seen = new Set<string>();
  for (const e of errs) seen.add(fieldErrorMessage(e));
  const msgs = [...seen];
  if (msgs.length === 0) return '';
  if (msgs.length === 1) return msgs[0]!;
  return `[${msgs.join(', ')}]`;
}
