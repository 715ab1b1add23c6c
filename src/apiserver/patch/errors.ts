import { PodyardError } from '../../base/index.js';

/**
 * Codes of {@link PatchError}, named for the HTTP answer kube-apiserver gives
 * (`interpretPatchError` and `jsonPatcher.applyJSPatch` in apiserver `handlers/patch.go`).
 */
export type PatchErrorCode =
  | 'BadRequest' // 400: malformed patch document or directive format (mergepatch.ErrBadPatchFormatFor…, "Invalid JSON Patch")
  | 'Invalid' // 422: a JSON patch operation that does not apply, lists of lists, $retainKeys content mismatch
  | 'MergeFailed'; // 500 (reason Unknown): any other strategic-merge error (missing merge key, unknown $patch, …)

/** The HTTP status kube-apiserver answers for each {@link PatchErrorCode}. */
export const patchErrorHttpStatus: Readonly<Record<PatchErrorCode, number>> = {
  BadRequest: 400,
  Invalid: 422,
  MergeFailed: 500,
};

/**
 * Thrown by the patch appliers. `message` is the apiserver's own text (for example
 * `add operation does not apply: doc is missing path: "/spec/foo": missing value`), so the caller
 * renders it as the Status message: 400 `BadRequest`, 422 `Invalid` (kube-apiserver puts the text
 * in `details.causes[0].message` with type `UnexpectedServerResponse`), 500 for `MergeFailed`.
 */
export class PatchError extends PodyardError<PatchErrorCode> {
  /** The HTTP status to answer with. */
  get httpStatus(): number {
    return patchErrorHttpStatus[this.code];
  }
}

/** Go's `%v` of a decoded JSON value (`map[a:1 b:x]`, `[1 2]`, `<nil>`), for error messages. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, x]) => `${k}:${goFormat(x)}`).join(' ')}]`;
  }
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Go's `reflect.TypeOf(v)` for a decoded JSON value, for `expected a X, but received a Y`. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return 'float64';
  return typeof v;
}
