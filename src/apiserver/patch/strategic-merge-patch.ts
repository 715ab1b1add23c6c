import type { Schema } from '../../apis/index.js';
import { goFormat, goTypeName, PatchError } from './errors.js';
import { clone, isObject, type JsonObject } from './json-values.js';
import { arraySchema, childSchema, itemSchema, patchMeta } from './schema-walk.js';

// Directive spellings, from apimachinery pkg/util/strategicpatch/types.go.
const directiveMarker = '$patch';
const deleteDirective = 'delete';
const replaceDirective = 'replace';
const mergeDirective = 'merge';
const retainKeysDirective = '$retainKeys';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList';
const setElementOrderPrefix = '$setElementOrder';

// mergepatch error texts (apimachinery pkg/util/mergepatch/errors.go).
const errNoListOfLists = (): PatchError => new PatchError('Invalid', 'lists of lists are not supported');
const errBadPatchFormatForPrimitiveList = (): PatchError => new PatchError('BadRequest', 'invalid patch format of primitive list');
const errBadPatchFormatForRetainKeys = (): PatchError => new PatchError('BadRequest', 'invalid patch format of retainKeys');
const errBadPatchFormatForSetElementOrderList = (): PatchError =>
  new PatchError('BadRequest', 'invalid patch format of setElementOrder list');
const errNoMergeKey = (m: unknown, key: string): PatchError =>
  new PatchError('MergeFailed', `map: ${goFormat(m)} does not contain declared merge key: ${key}`);
const errBadPatchType = (t: unknown, m: unknown): PatchError =>
  new PatchError('MergeFailed', `unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);
const errBadArgType = (expected: string, actual: unknown): PatchError =>
  new PatchError('MergeFailed', `expected a ${expected}, but received a ${goTypeName(actual)}`);

type Kind = 'map' | 'scalar';

/**
 * Applies a strategic merge patch (`application/strategic-merge-patch+json`: client-side `kubectl
 * apply`, `edit`, `set image`, `rollout restart`) as apimachinery's `StrategicMergeMapPatch` does
 * (MergeParallelList + IgnoreUnmatchedNulls), with list semantics taken from `schema`
 * (`patchStrategy`/`patchMergeKey` of each {@link ArraySchema}):
 *
 * - maps merge recursively and `null` deletes a key;
 * - lists with `patchStrategy: merge` and a `patchMergeKey` merge items by key, scalar lists with
 *   `merge` become a union; every other list (or a path the schema does not know) is replaced whole;
 * - `$patch: replace|delete` in maps and list items, `$retainKeys`, `$deleteFromPrimitiveList/<f>`
 *   and `$setElementOrder/<f>` are honoured, and list order follows apimachinery's
 *   `normalizeElementOrder` ($setElementOrder > patch order > live order).
 *
 * Deviations, all towards the result kube-apiserver stores after decoding into typed objects:
 * directives and nulls inside values that are newly added are processed instead of copied verbatim;
 * `$patch: merge` in a map is accepted as a plain merge; a `$deleteFromPrimitiveList` for an absent
 * list is ignored. Inputs are not mutated.
 * @throws PatchError with the apimachinery message.
 */
export function applyStrategicMergePatch(original: unknown, patch: JsonObject, schema?: Schema): JsonObject {
  if (!isObject(patch)) throw new PatchError('BadRequest', 'invalid JSON document');
  const base = isObject(original) ? clone(original) : {};
  return mergeMap(base, clone(patch), schema);
}

function mergeMap(original: JsonObject, patch: JsonObject, schema: Schema | undefined): JsonObject {
  // 1. A `$patch` directive acts on the whole map.
  if (Object.prototype.hasOwnProperty.call(patch, directiveMarker)) {
    const directive = patch[directiveMarker];
    if (directive === replaceDirective) {
      delete patch[directiveMarker];
      return mergeMap({}, patch, schema);
    }
    if (directive === deleteDirective) return {};
    if (directive !== mergeDirective) throw errBadPatchType(directive, patch);
    delete patch[directiveMarker];
  }

  // 2. `$retainKeys`: drop original keys not listed.
  applyRetainKeys(original, patch);

  // 3. `$setElementOrder/<list>` together with its list.
  mergeSetElementOrder(original, patch, schema);

  // 4. Everything else, in patch order.
  for (const [key, patchV] of Object.entries(patch)) {
    let k = key;
    let isDeleteList = false;
    if (k.startsWith(deleteFromPrimitiveListPrefix)) {
      k = extractKey(k, deleteFromPrimitiveListPrefix);
      isDeleteList = true;
      if (!Array.isArray(patchV)) throw errBadPatchFormatForPrimitiveList();
      if (!Array.isArray(original[k])) continue;
    }
    const sub = childSchema(schema, k);
    if (patchV === null) {
      delete original[k];
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(original, k)) {
      original[k] = freshValue(patchV, sub);
      continue;
    }
    const origV = original[k];
    if (isObject(origV) && isObject(patchV)) {
      original[k] = mergeMap(origV, patchV, sub);
    } else if (Array.isArray(origV) && Array.isArray(patchV)) {
      original[k] = mergeSliceHandler(origV, patchV, sub, isDeleteList);
    } else {
      original[k] = freshValue(patchV, sub);
    }
  }
  return original;
}

/** A value with no counterpart in the original: its own directives and nulls still apply. */
function freshValue(v: unknown, schema: Schema | undefined): unknown {
  if (isObject(v)) return mergeMap({}, v, schema);
  if (Array.isArray(v)) return mergeSliceHandler([], v, schema, false);
  return v;
}

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    throw prefix === deleteFromPrimitiveListPrefix ? errBadPatchFormatForPrimitiveList() : errBadPatchFormatForSetElementOrderList();
  }
  return s.slice(slash + 1);
}

function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!Object.prototype.hasOwnProperty.call(patch, retainKeysDirective)) return;
  const retain = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!Array.isArray(retain)) throw errBadPatchFormatForRetainKeys();
  const keep = new Set(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(deleteFromPrimitiveListPrefix) || k.startsWith(setElementOrderPrefix)) continue;
    if (!keep.has(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function mergeSetElementOrder(original: JsonObject, patch: JsonObject, schema: Schema | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderPrefix)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType('[]interface {}', order);
    const field = extractKey(key, setElementOrderPrefix);
    const sub = childSchema(schema, field);
    const { mergeKey: rawKey } = patchMeta(sub);
    const foundOriginal = Object.prototype.hasOwnProperty.call(original, field);
    const foundPatch = Object.prototype.hasOwnProperty.call(patch, field);
    const originalList = foundOriginal ? original[field] : undefined;
    const patchList = foundPatch ? patch[field] : undefined;
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType('[]interface {}', originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType('[]interface {}', patchList);
    const origArr = (originalList as unknown[] | undefined) ?? [];
    const patchArr = (patchList as unknown[] | undefined) ?? [];
    const kind = elementKind(origArr, patchArr, order);
    const mergeKey = kind === 'map' ? rawKey ?? '' : '';
    validatePatchWithSetOrderList(patchArr, order, mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = origArr;
    else if (!foundOriginal && foundPatch) merged = mergeSliceHandler([], patchArr, sub, false);
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(origArr, patchArr, sub, false);
    else continue;

    if (merged.length > 0) {
      const [patchItems, serverOnly] = partition(merged, order, mergeKey, kind);
      merged = normalizeElementOrder(patchItems, serverOnly, order, origArr, mergeKey, kind);
    }
    original[field] = merged;
    delete patch[field];
  }
}

function validatePatchWithSetOrderList(patchList: unknown[], setOrder: unknown[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? patchList.filter((v) => !(isObject(v) && v[directiveMarker] === deleteDirective)) : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < setOrder.length) {
    const item = nonDelete[p];
    if (isObject(item) && Object.prototype.hasOwnProperty.call(item, directiveMarker)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(item, setOrder[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= setOrder.length) {
    throw new PatchError(
      'MergeFailed',
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${setElementOrderPrefix} list:\n${goFormat(setOrder)}\n`,
    );
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isObject(left)) throw errBadArgType('map[string]interface {}', left);
  if (!isObject(right)) throw errBadArgType('map[string]interface {}', right);
  if (!(mergeKey in left)) throw errNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function mergeSliceHandler(original: unknown[], patch: unknown[], schema: Schema | undefined, isDeleteList: boolean): unknown[] {
  // Go would replace a non-merge list by the deletion list itself; deleting is what the client meant.
  if (isDeleteList) return deleteFromSlice(original, patch);
  const { merge, mergeKey } = patchMeta(arraySchema(schema));
  if (!merge) return patch.map((v) => (isObject(v) ? mergeMap({}, v, itemSchema(schema)) : v));
  return mergeSlice(original, patch, schema, mergeKey ?? '');
}

function mergeSlice(original: unknown[], patch: unknown[], schema: Schema | undefined, mergeKey: string): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let merged: unknown[];
  if (kind !== 'map') {
    merged = dedupe([...original, ...patch]);
  } else {
    if (!mergeKey) throw new PatchError('MergeFailed', 'cannot merge lists without merge key for type struct');
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey, itemSchema(schema));
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, itemSchema(schema));
  }
  const key = kind === 'map' ? mergeKey : '';
  const [patchItems, serverOnly] = partition(merged, patch, key, kind);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, key, kind);
}

/** The common element kind of the lists (`sliceElementType`): maps, or scalars of one type. */
function elementKind(...lists: unknown[][]): Kind {
  let seen: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = Array.isArray(v) ? 'array' : isObject(v) ? 'map' : v === null ? 'null' : typeof v;
      if (seen === undefined) {
        if (t === 'array') throw errNoListOfLists();
        seen = t;
      } else if (seen !== t) {
        throw new PatchError('MergeFailed', `list element types are not identical: ${goFormat(lists)}`);
      }
    }
  }
  return seen === 'map' ? 'map' : 'scalar';
}

function mergeSliceWithSpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  schema: Schema | undefined,
): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JsonObject;
    if (!Object.prototype.hasOwnProperty.call(m, directiveMarker)) {
      plain.push(v);
      continue;
    }
    const directive = m[directiveMarker];
    if (directive === deleteDirective) {
      if (!Object.prototype.hasOwnProperty.call(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      original = original.filter((o) => !(isObject(o) && mergeKey in o && o[mergeKey] === m[mergeKey]));
    } else if (directive === replaceDirective) {
      replace = true;
    } else if (directive === mergeDirective) {
      throw new PatchError('MergeFailed', 'merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, m);
    }
  }
  // `{"$patch":"replace"}` as an element: the list becomes the patch's other elements.
  return replace ? [plain.map((v) => mergeMap({}, v as JsonObject, schema)), []] : [original, plain];
}

function mergeSliceWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, schema: Schema | undefined): unknown[] {
  const out = [...original];
  for (const v of patch) {
    const m = v as JsonObject;
    if (!Object.prototype.hasOwnProperty.call(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    const idx = findIndexByKey(out, mergeKey, m[mergeKey]);
    if (idx >= 0) out[idx] = mergeMap(out[idx] as JsonObject, m, schema);
    else out.push(mergeMap({}, m, schema));
  }
  return out;
}

function findIndexByKey(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isObject(item)) throw new PatchError('MergeFailed', `value for key ${i} is not a map.`);
    if (Object.prototype.hasOwnProperty.call(item, key) && item[key] === value) return i;
  }
  return -1;
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

function dedupe(list: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of list) if (!out.includes(v)) out.push(v);
  return out;
}

/** Splits `list` into items present in `by` (by merge key for maps) and the rest. */
function partition(list: unknown[], by: unknown[], mergeKey: string, kind: Kind): [unknown[], unknown[]] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) {
    if (kind === 'map') {
      if (!isObject(v)) throw errBadArgType('map[string]interface {}', v);
      if (!Object.prototype.hasOwnProperty.call(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
      const found = by.some((b) => isObject(b) && b[mergeKey] === v[mergeKey]);
      (found ? inPatch : serverOnly).push(v);
    } else {
      (by.includes(v) ? inPatch : serverOnly).push(v);
    }
  }
  return [inPatch, serverOnly];
}

function indexIn(list: unknown[], v: unknown, mergeKey: string, kind: Kind): number {
  const val = (x: unknown): unknown => (kind === 'map' ? (isObject(x) ? x[mergeKey] : undefined) : x);
  const want = val(v);
  return list.findIndex((x) => val(x) === want);
}

/**
 * apimachinery `normalizeElementOrder`: sort patch items by `patchOrder` and server-only items by
 * `serverOrder`, then interleave them (`mergeSortedSlice`) so both relative orders are kept.
 */
function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: Kind,
): unknown[] {
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: Kind): unknown[] {
  let keep = toSort;
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const v of [...toSort, ...order]) {
      if (!isObject(v)) throw errBadArgType('map[string]interface {}', v);
      if (!Object.prototype.hasOwnProperty.call(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    }
    keep = toSort.filter((v) => (v as JsonObject)[directiveMarker] !== deleteDirective);
    toDelete = toSort.filter((v) => (v as JsonObject)[directiveMarker] === deleteDirective);
  }
  const rank = (v: unknown): number => {
    const i = indexIn(order, v, mergeKey, kind);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...keep.map((v, i) => ({ v, i, r: rank(v) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.v), ...toDelete];
}
