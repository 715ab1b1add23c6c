import { PatchError } from './errors.js';
import { clone, isObject, jsonEqual, type JsonObject } from './json-values.js';

/** One RFC 6902 operation as sent (`{"op":"add","path":"/metadata/labels/a","value":"b"}`). */
export interface JsonPatchOperation {
  /** `add`, `remove`, `replace`, `move`, `copy` or `test`. */
  op: string;
  path?: string;
  from?: string;
  value?: unknown;
}

/** kube-apiserver's `maxJSONPatchOperations`. */
export const maxJsonPatchOperations = 10000;

type Container = { kind: 'object'; node: JsonObject } | { kind: 'array'; holder: unknown[] };

/**
 * Applies an RFC 6902 JSON patch (`application/json-patch+json`, `kubectl patch --type=json`) the way
 * kube-apiserver's vendored evanphx/json-patch v4 does, including its messages
 * (`add operation does not apply: doc is missing path: "/spec/x": missing value`,
 * `testing value /metadata/labels/a failed: test failed`), JSON-pointer `~0`/`~1` escapes, `-` to
 * append and negative array indices. Quirks kept on purpose: `replace` of a missing object key adds
 * it; the empty path (whole document) is not addressable. The input document is not mutated.
 * @throws PatchError `BadRequest` when `ops` is not a list of operation objects, `Invalid` (422)
 *   when an operation does not apply.
 */
export function applyJsonPatch(original: unknown, ops: unknown): unknown {
  const patch = decodePatch(ops);
  if (patch.length > maxJsonPatchOperations) {
    throw new PatchError('BadRequest', `The allowed maximum operations in a JSON patch is ${maxJsonPatchOperations}, got ${patch.length}`);
  }
  if (!isObject(original) && !Array.isArray(original)) throw new PatchError('BadRequest', 'Invalid JSON Document');
  const root: { doc: unknown } = { doc: clone(original) };
  for (const op of patch) {
    try {
      applyOne(root, op);
    } catch (err) {
      if (err instanceof OpError) throw new PatchError('Invalid', err.message);
      throw err;
    }
  }
  return root.doc;
}

/** A failure inside one operation; `message` is the full wrapped Go error text. */
class OpError extends Error {}

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

function decodePatch(ops: unknown): JsonPatchOperation[] {
  if (!Array.isArray(ops)) {
    throw new PatchError('BadRequest', `json: cannot unmarshal ${jsonKind(ops)} into Go value of type jsonpatch.Patch`);
  }
  for (const op of ops) {
    if (!isObject(op)) {
      throw new PatchError('BadRequest', `json: cannot unmarshal ${jsonKind(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  return ops as JsonPatchOperation[];
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

function stringField(op: JsonPatchOperation, field: 'path' | 'from', prefix: string): string {
  const v = op[field];
  if (v === undefined || v === null) {
    throw new OpError(`${prefix}: ${field === 'path' ? 'operation missing path field' : 'operation, missing from field'}: ${MISSING}`);
  }
  if (typeof v !== 'string') throw new OpError(`${prefix}: json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
  return v;
}

function applyOne(root: { doc: unknown }, op: JsonPatchOperation): void {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  const value = Object.prototype.hasOwnProperty.call(op, 'value') ? (op.value ?? null) : null;
  switch (kind) {
    case 'add': {
      const path = pathOr(op, `add operation failed to decode path: ${MISSING}`);
      const [con, key] = findObject(root, path);
      if (!con) throw new OpError(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      wrap(`error in add for path: '${path}'`, () => add(con, key, clone(value)));
      return;
    }
    case 'remove': {
      const path = pathOr(op, `remove operation failed to decode path: ${MISSING}`);
      const [con, key] = findObject(root, path);
      if (!con) throw new OpError(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      wrap(`error in remove for path: '${path}'`, () => remove(con, key));
      return;
    }
    case 'replace': {
      const path = stringField(op, 'path', 'replace operation failed to decode path');
      const [con, key] = findObject(root, path);
      if (!con) throw new OpError(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
      try {
        get(con, key);
      } catch {
        throw new OpError(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
      }
      set(con, key, clone(value));
      return;
    }
    case 'move': {
      const from = stringField(op, 'from', 'move operation failed to decode from');
      const [src, srcKey] = findObject(root, from);
      if (!src) throw new OpError(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      const val = wrap(`error in move for path: '${srcKey}'`, () => get(src, srcKey));
      wrap(`error in move for path: '${srcKey}'`, () => remove(src, srcKey));
      const path = stringField(op, 'path', 'move operation failed to decode path');
      const [dst, key] = findObject(root, path);
      if (!dst) throw new OpError(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      wrap(`error in move for path: '${path}'`, () => add(dst, key, val ?? null));
      return;
    }
    case 'copy': {
      const from = stringField(op, 'from', 'copy operation failed to decode from');
      const [src, srcKey] = findObject(root, from);
      if (!src) throw new OpError(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      const val = wrap(`error in copy for from: '${from}'`, () => get(src, srcKey));
      const path = pathOr(op, `copy operation failed to decode path: ${MISSING}`);
      const [dst, key] = findObject(root, path);
      if (!dst) throw new OpError(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      wrap('error while adding value during copy', () => add(dst, key, clone(val ?? null)));
      return;
    }
    case 'test': {
      const path = stringField(op, 'path', 'test operation failed to decode path');
      const [con, key] = findObject(root, path);
      if (!con) throw new OpError(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
      const val = wrap(`error in test for path: '${path}'`, () => get(con, key));
      const ok = val === undefined || val === null ? value === null : jsonEqual(val, value);
      if (!ok) throw new OpError(`testing value ${path} failed: test failed`);
      return;
    }
    default:
      throw new OpError(`Unexpected kind: ${kind}`);
  }
}

function pathOr(op: JsonPatchOperation, message: string): string {
  if (typeof op.path !== 'string') throw new OpError(message);
  return op.path;
}

function wrap<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof OpError) throw new OpError(`${prefix}: ${err.message}`);
    throw err;
  }
}

/** RFC 6901 unescaping: `~1` → `/` first, then `~0` → `~`. */
function decodeKey(k: string): string {
  return k.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** evanphx `findObject`: walks to the parent of the last token; null when any step is missing. */
function findObject(root: { doc: unknown }, path: string): [Container | null, string] {
  const split = path.split('/');
  if (split.length < 2) return [null, ''];
  let con: Container = containerOf(root.doc);
  for (const part of split.slice(1, -1)) {
    let next: unknown;
    try {
      next = get(con, decodeKey(part));
    } catch {
      return [null, ''];
    }
    if (next === undefined || next === null) return [null, ''];
    if (!isObject(next) && !Array.isArray(next)) return [null, ''];
    con = containerOf(next);
  }
  return [con, decodeKey(split[split.length - 1]!)];
}

/** Arrays and objects are edited in place (splice/assign), so a reference is enough. */
function containerOf(v: unknown): Container {
  return Array.isArray(v) ? { kind: 'array', holder: v } : { kind: 'object', node: v as JsonObject };
}

/** Go's `strconv.Atoi`. */
function atoi(key: string): number {
  if (!/^[+-]?\d+$/.test(key)) throw new OpError(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  return Number(key);
}

function get(con: Container, key: string): unknown {
  if (con.kind === 'object') return Object.prototype.hasOwnProperty.call(con.node, key) ? con.node[key] : undefined;
  const idx = atoi(key);
  if (idx >= con.holder.length || idx < 0) throw new OpError(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  return con.holder[idx];
}

function set(con: Container, key: string, val: unknown): void {
  if (con.kind === 'object') {
    con.node[key] = val;
    return;
  }
  con.holder[atoi(key)] = val;
}

function add(con: Container, key: string, val: unknown): void {
  if (con.kind === 'object') {
    con.node[key] = val;
    return;
  }
  if (key === '-') {
    con.holder.push(val);
    return;
  }
  let idx: number;
  try {
    idx = atoi(key);
  } catch (err) {
    throw new OpError(`value was not a proper array index: '${key}': ${(err as Error).message}`);
  }
  const size = con.holder.length + 1;
  if (idx >= size || idx < -size) throw new OpError(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  if (idx < 0) idx += size;
  con.holder.splice(idx, 0, val);
}

function remove(con: Container, key: string): void {
  if (con.kind === 'object') {
    if (!Object.prototype.hasOwnProperty.call(con.node, key)) {
      throw new OpError(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    }
    delete con.node[key];
    return;
  }
  let idx = atoi(key);
  const len = con.holder.length;
  if (idx >= len || idx < -len) throw new OpError(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  if (idx < 0) idx += len;
  con.holder.splice(idx, 1);
}
