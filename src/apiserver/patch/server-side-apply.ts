import type { Schema } from '../../apis/index.js';
import { PatchError } from './errors.js';
import {
  compareObjects,
  FieldSet,
  fieldPathString,
  fieldSetFromFieldsV1,
  fieldSetToFieldsV1,
  itemKey,
  removeFields,
  toFieldSet,
  type FieldPath,
} from './field-set.js';
import { clone, isObject, jsonEqual, type JsonObject } from './json-values.js';
import { childSchema, itemSchema, listKind } from './schema-walk.js';

/** `metadata.managedFields[]` as kube-apiserver writes it (field order as in Go's struct). */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
  subresource?: string;
}

/** One field another manager owns and the apply would change. */
export interface ApplyConflict {
  manager: string;
  /** structured-merge-diff path, e.g. `.spec.containers[name="nginx"].image`. */
  field: string;
}

/** The result of {@link applyServerSidePatch}. */
export type ServerSideApplyResult =
  | { object: JsonObject & { metadata: JsonObject }; managedFields: ManagedFieldsEntry[] }
  | { conflicts: ApplyConflict[] };

/** The manager kube-apiserver invents for fields of an object that had no managedFields at its first apply. */
export const beforeFirstApplyManager = 'before-first-apply';

/**
 * Server-side apply (`PATCH` with `application/apply-patch+yaml`, `kubectl apply --server-side`): a
 * simplified but faithful structured-merge-diff `Updater.Apply`.
 *
 * 1. The applied configuration's field set (FieldsV1 paths, lists merged by `+listType=map` keys,
 *    `patchMergeKey`, sets by value) becomes `fieldManager`'s `Apply` entry.
 * 2. Its values are merged into `live` (list-map items by key, sets by union, atomic lists replaced).
 * 3. Fields the manager applied before but no longer applies, and nobody else owns, are removed.
 * 4. Fields owned by other managers whose value the apply adds or changes are conflicts: returned as
 *    `{conflicts}` (409) unless `force`, which moves their ownership to this manager. Fields the
 *    apply removes leave every other manager's set.
 *
 * `status` is ignored when applying to the main resource and is the only thing applied to the
 * `status` subresource (the registries' reset fields). `apiVersion`, `kind` and server-owned
 * metadata (`name`, `uid`, `resourceVersion`, …) are never owned. `live` undefined means create. Inputs
 * are not mutated; the returned object carries the new `metadata.managedFields`.
 * @param now RFC 3339 time for the entry (`rfc3339(clock.now())`).
 * @throws PatchError `BadRequest` when `applied` is not an object or sets `metadata.managedFields`.
 */
export function applyServerSidePatch(
  live: unknown,
  applied: unknown,
  schema: Schema | undefined,
  fieldManager: string,
  force: boolean,
  now: string,
  apiVersion = 'v1',
  subresource?: string,
): ServerSideApplyResult {
  if (!isObject(applied)) throw new PatchError('BadRequest', 'invalid apply patch: the body must be an object');
  const appliedMeta = isObject(applied.metadata) ? applied.metadata : undefined;
  if (appliedMeta && appliedMeta.managedFields !== undefined && appliedMeta.managedFields !== null) {
    throw new PatchError('BadRequest', 'metadata.managedFields must be nil');
  }
  const liveObj = isObject(live) ? live : undefined;
  const relevant = relevantTo(subresource);

  // 1. Managers as recorded on the live object (or the whole object for a first apply).
  const managers = decodeManagedFields(liveObj?.metadata);
  if (liveObj && managers.size === 0) {
    const set = toFieldSet(liveObj, schema).filter(relevant);
    if (!set.isEmpty()) {
      managers.set(managerId(beforeFirstApplyManager, 'Update', undefined), {
        manager: beforeFirstApplyManager,
        operation: 'Update',
        apiVersion,
        time: now,
        set,
      });
    }
  }

  // 2. The configuration actually applied: reset fields and server-owned metadata dropped.
  const config = applicableConfig(applied, subresource);
  const appliedSet = toFieldSet(config, schema).filter(relevant);
  const me = managerId(fieldManager, 'Apply', subresource);
  const lastSet = managers.get(me)?.set ?? new FieldSet();
  managers.set(me, { manager: fieldManager, operation: 'Apply', apiVersion, time: now, subresource, set: appliedSet });

  // 3. Merge, then prune what this manager stopped applying and nobody else owns.
  const merged = mergeValue(clone(liveObj) ?? {}, config, schema) as JsonObject;
  const owned = [...managers.values()].flatMap((m) => [...m.set]);
  const disowned = [...lastSet.difference(appliedSet)].filter((p) => !owned.some((o) => startsWith(o, p)));
  removeFields(merged, disowned, schema);

  // 4. Conflicts with, and ownership changes of, the other managers.
  const cmp = compareObjects(liveObj ?? {}, merged, schema);
  const changed = cmp.modified.union(cmp.added).filter(relevant);
  const removed = cmp.removed.filter(relevant);
  const conflicts: ApplyConflict[] = [];
  for (const [id, m] of managers) {
    if (id === me) continue;
    const overlap = m.set.intersection(changed);
    for (const p of overlap) conflicts.push({ manager: m.manager, field: fieldPathString(p) });
  }
  if (conflicts.length > 0 && !force) {
    conflicts.sort((a, b) => cmpStr(a.manager, b.manager) || cmpStr(a.field, b.field));
    return { conflicts };
  }
  for (const [id, m] of managers) {
    if (id === me) continue;
    m.set = m.set.difference(changed).difference(removed);
  }

  const managedFields = encodeManagedFields(managers);
  const metadata = isObject(merged.metadata) ? merged.metadata : (merged.metadata = {});
  metadata.managedFields = managedFields;
  return { object: merged as JsonObject & { metadata: JsonObject }, managedFields };
}

/**
 * The `metadata.managedFields` to store for a non-apply write (create, update, JSON/merge/strategic
 * patch) by `manager` — structured-merge-diff `Updater.Update` as kube-apiserver runs it: the manager's
 * `Update` entry gains every field it added or changed (taking it from other managers) and loses
 * what it removed; removed fields leave every manager. Gives `kubectl get -o yaml
 * --show-managed-fields` entries like `kubectl-create`/`kubectl-client-side-apply`/`kubelet` (status).
 *
 * `oldObj` undefined means create. When `newObj` carries a non-empty `metadata.managedFields` the
 * client's list is the starting point (kube-apiserver lets clients rewrite it; `[{}]` clears it),
 * otherwise the old object's. Returns undefined when no manager owns anything.
 */
export function updateManagedFieldsForUpdate(
  oldObj: unknown,
  newObj: unknown,
  manager: string,
  now: string,
  apiVersion = 'v1',
  subresource?: string,
  schema?: Schema,
): ManagedFieldsEntry[] | undefined {
  const oldO = isObject(oldObj) ? oldObj : undefined;
  const newO = isObject(newObj) ? newObj : {};
  const relevant = relevantTo(subresource);

  // 1. Starting point: the client's managedFields if it sent any, else the stored ones.
  const sent = isObject(newO.metadata) ? newO.metadata.managedFields : undefined;
  let managers: Map<string, ManagerState>;
  if (Array.isArray(sent) && sent.length > 0) {
    managers = sent.every((e) => isObject(e) && Object.keys(e).length === 0)
      ? new Map<string, ManagerState>()
      : decodeManagedFields(newO.metadata);
  } else {
    managers = decodeManagedFields(oldO?.metadata);
  }

  // 2. What changed.
  const cmp = compareObjects(oldO ?? {}, newO, schema);
  const contributed = cmp.modified.union(cmp.added).filter(relevant);
  const removed = cmp.removed.filter(relevant);

  // 3. Other managers lose what this write changed or removed; this manager gains it.
  const me = managerId(manager, 'Update', subresource);
  for (const [id, m] of managers) {
    if (id !== me) m.set = m.set.difference(contributed).difference(removed);
  }
  const prev = managers.get(me);
  const set = (prev?.set ?? new FieldSet()).difference(removed).union(contributed);
  if (contributed.isEmpty()) {
    if (prev) prev.set = set;
  } else {
    managers.set(me, { manager, operation: 'Update', apiVersion, time: now, subresource, set });
  }
  const out = encodeManagedFields(managers);
  return out.length > 0 ? out : undefined;
}

interface ManagerState {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

/** kube-apiserver keys managers by name, operation and subresource. */
function managerId(manager: string, operation: string, subresource: string | undefined): string {
  return JSON.stringify([manager, operation, subresource ?? '']);
}

function decodeManagedFields(metadata: unknown): Map<string, ManagerState> {
  const out = new Map<string, ManagerState>();
  const list = isObject(metadata) ? metadata.managedFields : undefined;
  if (!Array.isArray(list)) return out;
  for (const e of list) {
    if (!isObject(e) || typeof e.manager !== 'string') continue;
    const operation = e.operation === 'Apply' ? 'Apply' : 'Update';
    const subresource = typeof e.subresource === 'string' && e.subresource ? e.subresource : undefined;
    const id = managerId(e.manager, operation, subresource);
    const set = fieldSetFromFieldsV1(e.fieldsV1);
    const prev = out.get(id);
    out.set(id, {
      manager: e.manager,
      operation,
      apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '',
      time: typeof e.time === 'string' ? e.time : undefined,
      subresource,
      set: prev ? prev.set.union(set) : set,
    });
  }
  return out;
}

/** Non-empty managers, sorted as apiserver `sortEncodedManagedFields` does. */
function encodeManagedFields(managers: Map<string, ManagerState>): ManagedFieldsEntry[] {
  const seconds = (t: string | undefined): number => (t ? Math.floor(Date.parse(t) / 1000) || 0 : 0);
  return [...managers.values()]
    .filter((m) => !m.set.isEmpty())
    .sort(
      (p, q) =>
        cmpStr(p.operation, q.operation) ||
        seconds(p.time) - seconds(q.time) ||
        cmpStr(p.manager, q.manager) ||
        cmpStr(p.apiVersion, q.apiVersion) ||
        cmpStr(p.subresource ?? '', q.subresource ?? ''),
    )
    .map((m) => ({
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      ...(m.time ? { time: m.time } : {}),
      fieldsType: 'FieldsV1' as const,
      fieldsV1: fieldSetToFieldsV1(m.set),
      ...(m.subresource ? { subresource: m.subresource } : {}),
    }));
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Metadata fields nobody owns (apiserver fieldmanager `stripMeta`). */
const strippedMetadata = new Set([
  'f:name',
  'f:namespace',
  'f:creationTimestamp',
  'f:selfLink',
  'f:uid',
  'f:clusterName',
  'f:generation',
  'f:managedFields',
  'f:resourceVersion',
]);

/** Which paths a write to the main resource or to `status` may own. */
function relevantTo(subresource: string | undefined): (p: FieldPath) => boolean {
  return (p) => {
    const head = p[0];
    if (head === 'f:apiVersion' || head === 'f:kind') return false;
    if (head === 'f:metadata' && (p.length === 1 || strippedMetadata.has(p[1]!))) return false;
    return subresource === 'status' ? head === 'f:status' : head !== 'f:status';
  };
}

/** The applied configuration minus reset fields and server-owned metadata. */
function applicableConfig(applied: JsonObject, subresource: string | undefined): JsonObject {
  const config = clone(applied);
  if (subresource === 'status') return config.status === undefined ? {} : { status: config.status };
  delete config.status;
  if (isObject(config.metadata)) {
    for (const k of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink', 'deletionTimestamp']) {
      delete config.metadata[k];
    }
  }
  return config;
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((el, i) => path[i] === el);
}

/** Merges an applied value into a live one (structured-merge-diff `Merge`). */
function mergeValue(live: unknown, applied: unknown, schema: Schema | undefined): unknown {
  if (isObject(applied)) {
    const out: JsonObject = isObject(live) ? live : {};
    for (const [k, v] of Object.entries(applied)) {
      if (v === null) delete out[k];
      else out[k] = mergeValue(out[k], v, childSchema(schema, k));
    }
    return out;
  }
  if (Array.isArray(applied)) {
    const lk = listKind(schema);
    if (!Array.isArray(live) || lk.kind === 'atomic') return clone(applied);
    const out: unknown[] = [...(live as unknown[])];
    if (lk.kind === 'set') {
      for (const x of applied) if (!out.some((y) => jsonEqual(x, y))) out.push(clone(x));
      return out;
    }
    for (const item of applied) {
      const key = itemKey(item, lk.keys);
      const idx = key === undefined ? -1 : out.findIndex((x) => itemKey(x, lk.keys) === key);
      if (idx >= 0) out[idx] = mergeValue(out[idx], item, itemSchema(schema));
      else out.push(clone(item));
    }
    return out;
  }
  return applied;
}
