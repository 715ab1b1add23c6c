import type { ArraySchema, Schema } from '../../apis/index.js';

/** The schema of field or map key `key` inside `schema` (undefined when unknown or free-form). */
export function childSchema(schema: Schema | undefined, key: string): Schema | undefined {
  if (!schema) return undefined;
  if (schema.type === 'object') return schema.properties[key];
  if (schema.type === 'map') return schema.values;
  return undefined;
}

/** The array schema of `schema` if it is one. */
export function arraySchema(schema: Schema | undefined): ArraySchema | undefined {
  return schema?.type === 'array' ? schema : undefined;
}

/** The element schema of a list. */
export function itemSchema(schema: Schema | undefined): Schema | undefined {
  return schema?.type === 'array' ? schema.items : undefined;
}

/** Strategic-merge-patch metadata of a list field: `{strategy: 'merge'|'replace'|'', mergeKey}`. */
export function patchMeta(schema: Schema | undefined): { merge: boolean; mergeKey: string | undefined } {
  const a = arraySchema(schema);
  const strategies = (a?.patchStrategy ?? '').split(',');
  return { merge: strategies.includes('merge'), mergeKey: a?.patchMergeKey };
}

/** How server-side apply treats a list: keyed map, set of scalars, or one atomic value. */
export type ListKind = { kind: 'map'; keys: string[] } | { kind: 'set' } | { kind: 'atomic' };

/**
 * The server-side-apply list semantics of `schema`: `+listType` when declared, otherwise derived from
 * the patch tags (merge + patchMergeKey → map, merge on scalars → set), otherwise atomic — which is
 * what structured-merge-diff does for lists without `x-kubernetes-list-type`.
 */
export function listKind(schema: Schema | undefined): ListKind {
  const a = arraySchema(schema);
  if (!a) return { kind: 'atomic' };
  if (a.listType === 'map') {
    const keys = a.listMapKeys?.length ? a.listMapKeys : a.patchMergeKey ? [a.patchMergeKey] : [];
    return keys.length ? { kind: 'map', keys } : { kind: 'atomic' };
  }
  if (a.listType === 'set') return { kind: 'set' };
  if (a.listType === 'atomic') return { kind: 'atomic' };
  const { merge, mergeKey } = patchMeta(a);
  if (merge && mergeKey && a.items.type === 'object') return { kind: 'map', keys: [mergeKey] };
  if (merge && a.items.type !== 'object' && a.items.type !== 'map') return { kind: 'set' };
  return { kind: 'atomic' };
}
