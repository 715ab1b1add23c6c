import type { Schema } from '../../apis/index.js';
import { isObject, jsonEqual, type JsonObject } from './json-values.js';
import { childSchema, itemSchema, listKind } from './schema-walk.js';

/**
 * A field path as structured-merge-diff serialises it in FieldsV1: `f:<field>`, `k:<json keys>`
 * (list-map item), `v:<json value>` (set member), `i:<index>`.
 */
export type FieldPath = readonly string[];

/** A set of field paths (structured-merge-diff `fieldpath.Set`). */
export class FieldSet {
  private readonly paths = new Map<string, FieldPath>();

  constructor(paths: Iterable<FieldPath> = []) {
    for (const p of paths) this.add(p);
  }

  add(path: FieldPath): void {
    this.paths.set(JSON.stringify(path), path);
  }

  has(path: FieldPath): boolean {
    return this.paths.has(JSON.stringify(path));
  }

  get size(): number {
    return this.paths.size;
  }

  isEmpty(): boolean {
    return this.paths.size === 0;
  }

  [Symbol.iterator](): IterableIterator<FieldPath> {
    return this.paths.values();
  }

  union(other: FieldSet): FieldSet {
    return new FieldSet([...this, ...other]);
  }

  intersection(other: FieldSet): FieldSet {
    return new FieldSet([...this].filter((p) => other.has(p)));
  }

  difference(other: FieldSet): FieldSet {
    return new FieldSet([...this].filter((p) => !other.has(p)));
  }

  /** Paths for which `keep` is true. */
  filter(keep: (p: FieldPath) => boolean): FieldSet {
    return new FieldSet([...this].filter(keep));
  }
}

/** FieldsV1 JSON (`{"f:metadata":{"f:labels":{"f:app":{}}}}`) → set. Malformed parts are ignored. */
export function fieldSetFromFieldsV1(fields: unknown): FieldSet {
  const set = new FieldSet();
  const walk = (node: unknown, path: string[]): void => {
    if (!isObject(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '.') {
        if (path.length) set.add(path);
        continue;
      }
      const child = [...path, k];
      if (isObject(v) && Object.keys(v).length === 0) set.add(child);
      else walk(v, child);
    }
  };
  walk(fields, []);
  return set;
}

/** Set → FieldsV1 JSON, children sorted (`.` first) as structured-merge-diff writes them. */
export function fieldSetToFieldsV1(set: FieldSet): JsonObject {
  interface Node {
    member: boolean;
    children: Map<string, Node>;
  }
  const root: Node = { member: false, children: new Map() };
  for (const path of set) {
    let node = root;
    for (const el of path) {
      let next = node.children.get(el);
      if (!next) {
        next = { member: false, children: new Map() };
        node.children.set(el, next);
      }
      node = next;
    }
    node.member = true;
  }
  const emit = (node: Node): JsonObject => {
    const out: JsonObject = {};
    if (node.member && node.children.size > 0) out['.'] = {};
    for (const k of [...node.children.keys()].sort()) out[k] = emit(node.children.get(k)!);
    return out;
  };
  return emit(root);
}

/** The human form used in conflict messages: `.spec.containers[name="nginx"].image`. */
export function fieldPathString(path: FieldPath): string {
  return path
    .map((el) => {
      const body = el.slice(2);
      switch (el.slice(0, 2)) {
        case 'f:':
          return `.${body}`;
        case 'k:': {
          try {
            const keys = JSON.parse(body) as JsonObject;
            return `[${Object.entries(keys)
              .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
              .join(',')}]`;
          } catch {
            return `[${body}]`;
          }
        }
        case 'v:':
          return `[=${body}]`;
        case 'i:':
          return `[${body}]`;
        default:
          return el;
      }
    })
    .join('');
}

/**
 * Defaults structured-merge-diff knows for list-map key fields missing from an item: ports lists are
 * keyed by `(containerPort|port, protocol)` and `protocol` defaults to TCP in the OpenAPI schema.
 */
const listMapKeyDefaults: Readonly<Record<string, unknown>> = { protocol: 'TCP' };

/** The `k:` element of a list-map item, or undefined when a key field is missing. */
export function itemKey(item: unknown, keys: readonly string[]): string | undefined {
  if (!isObject(item)) return undefined;
  const parts: JsonObject = {};
  for (const k of [...keys].sort()) {
    const v = item[k] ?? listMapKeyDefaults[k];
    if (v === undefined || v === null) return undefined;
    parts[k] = v;
  }
  return `k:${JSON.stringify(parts)}`;
}

/** One node of an object as server-side apply sees it. */
export interface FieldEntry {
  path: FieldPath;
  /** `leaf`: scalar, atomic list or empty container; `item`: list-map item or set member; `container`: a granular map or list. */
  role: 'leaf' | 'item' | 'container';
  value: unknown;
}

/**
 * Walks `obj` with `schema` and lists its fields: the leaves and list items that make up its
 * structured-merge-diff field set, plus the granular maps and lists containing them (which
 * `Update` operations own when they add them, hence `f:labels: {".": {}, …}` in kubectl's entries).
 */
export function fieldEntries(obj: unknown, schema: Schema | undefined): Map<string, FieldEntry> {
  const out = new Map<string, FieldEntry>();
  const put = (path: FieldPath, role: FieldEntry['role'], value: unknown): void => {
    out.set(JSON.stringify(path), { path, role, value });
  };
  // `required`: the field has no `omitempty`, so Go's zero object already holds it (as null) and
  // adding it does not make its container a member (`f:containers` has no "." in kubectl's entries).
  const walk = (v: unknown, s: Schema | undefined, path: string[], required = false): void => {
    if (isObject(v)) {
      const keys = Object.keys(v).filter((k) => v[k] !== undefined);
      if (path.length > 0 && keys.length === 0) {
        put(path, 'leaf', v);
        return;
      }
      if (path.length > 0 && s?.type === 'map' && !required) put(path, 'container', undefined);
      for (const k of keys) walk(v[k], childSchema(s, k), [...path, `f:${k}`], s?.type === 'object' && !!s.required?.includes(k));
      return;
    }
    if (Array.isArray(v)) {
      const lk = listKind(s);
      if (lk.kind === 'atomic' || v.length === 0) {
        put(path, 'leaf', v);
        return;
      }
      if (lk.kind === 'set') {
        if (v.some((x) => isObject(x) || Array.isArray(x))) {
          put(path, 'leaf', v);
          return;
        }
        if (!required) put(path, 'container', undefined);
        for (const x of v) put([...path, `v:${JSON.stringify(x)}`], 'item', x);
        return;
      }
      const keys = v.map((x) => itemKey(x, lk.keys));
      if (keys.some((k) => k === undefined) || new Set(keys).size !== keys.length) {
        // Not a valid list-map (missing or duplicate keys): own it as one value.
        put(path, 'leaf', v);
        return;
      }
      if (!required) put(path, 'container', undefined);
      const items = itemSchema(s);
      v.forEach((x, i) => {
        const itemPath = [...path, keys[i]!];
        put(itemPath, 'item', undefined);
        for (const [k, fv] of Object.entries(x as JsonObject)) {
          if (fv !== undefined) walk(fv, childSchema(items, k), [...itemPath, `f:${k}`], items?.type === 'object' && !!items.required?.includes(k));
        }
      });
      return;
    }
    if (path.length > 0) put(path, 'leaf', v);
  };
  walk(obj, schema, []);
  return out;
}

/** structured-merge-diff `ToFieldSet`: leaves and list items, never the containers. */
export function toFieldSet(obj: unknown, schema: Schema | undefined): FieldSet {
  return new FieldSet([...fieldEntries(obj, schema).values()].filter((e) => e.role !== 'container').map((e) => e.path));
}

/** The difference between two versions of an object (structured-merge-diff `Compare`). */
export interface Comparison {
  /** Leaves whose value changed. */
  modified: FieldSet;
  /** Fields present only in the new object (containers included). */
  added: FieldSet;
  /** Fields present only in the old object (containers included). */
  removed: FieldSet;
}

/** Compares two objects field by field. */
export function compareObjects(oldObj: unknown, newObj: unknown, schema: Schema | undefined): Comparison {
  const before = fieldEntries(oldObj, schema);
  const after = fieldEntries(newObj, schema);
  const modified = new FieldSet();
  const added = new FieldSet();
  const removed = new FieldSet();
  for (const [k, e] of after) {
    const old = before.get(k);
    if (!old) added.add(e.path);
    else if (e.role === 'leaf' && (old.role !== 'leaf' || !jsonEqual(old.value, e.value))) modified.add(e.path);
  }
  for (const [k, e] of before) if (!after.has(k)) removed.add(e.path);
  return { modified, added, removed };
}

/**
 * Removes the fields in `paths` from `obj` (in place). A granular map or list left empty by a
 * removal is dropped too, as the typed `omitempty` round trip in kube-apiserver would.
 */
export function removeFields(obj: JsonObject, paths: Iterable<FieldPath>, schema: Schema | undefined): void {
  // Longest paths first, so items are removed before the containers that might become empty.
  const sorted = [...paths].sort((a, b) => b.length - a.length);
  for (const path of sorted) removeOne(obj, path, schema);
}

function removeOne(root: JsonObject, path: FieldPath, schema: Schema | undefined): void {
  // 1. Walk down, remembering each container and the element taken from it.
  const chain: { container: unknown; schema: Schema | undefined; el: string }[] = [];
  let cur: unknown = root;
  let s = schema;
  for (const el of path) {
    const next = step(cur, el, s);
    if (!next) return;
    chain.push({ container: cur, schema: s, el });
    cur = next.value;
    s = next.schema;
  }
  // 2. Delete the field, then any granular container (map or list) it leaves empty.
  for (let i = chain.length - 1; i >= 0; i--) {
    const { container, schema: containerSchema, el } = chain[i]!;
    deleteStep(container, el, containerSchema);
    if (i === 0) return;
    const empty = isObject(container) ? Object.keys(container).length === 0 : Array.isArray(container) && container.length === 0;
    const granular = Array.isArray(container) || containerSchema?.type === 'map';
    if (!empty || !granular) return;
  }
}

function step(container: unknown, el: string, s: Schema | undefined): { value: unknown; schema: Schema | undefined } | undefined {
  const body = el.slice(2);
  if (el.startsWith('f:') && isObject(container)) {
    return Object.prototype.hasOwnProperty.call(container, body) ? { value: container[body], schema: childSchema(s, body) } : undefined;
  }
  if (Array.isArray(container)) {
    const idx = findListElement(container, el, s);
    return idx >= 0 ? { value: container[idx], schema: itemSchema(s) } : undefined;
  }
  return undefined;
}

function deleteStep(container: unknown, el: string, s: Schema | undefined): void {
  if (el.startsWith('f:') && isObject(container)) {
    delete container[el.slice(2)];
  } else if (Array.isArray(container)) {
    const idx = findListElement(container, el, s);
    if (idx >= 0) container.splice(idx, 1);
  }
}

function findListElement(list: unknown[], el: string, s: Schema | undefined): number {
  const body = el.slice(2);
  if (el.startsWith('k:')) {
    const lk = listKind(s);
    if (lk.kind !== 'map') return -1;
    return list.findIndex((x) => itemKey(x, lk.keys) === el);
  }
  if (el.startsWith('v:')) return list.findIndex((x) => JSON.stringify(x) === body);
  if (el.startsWith('i:')) {
    const i = Number(body);
    return Number.isInteger(i) && i < list.length ? i : -1;
  }
  return -1;
}
