import { PatchError } from './errors.js';
import { clone, isObject } from './json-values.js';

/**
 * RFC 7386 JSON merge patch (`application/merge-patch+json`: `kubectl label`, `annotate`,
 * `patch --type=merge`), with the edge cases of evanphx/json-patch `MergePatch` that kube-apiserver
 * uses: a `null` patch is rejected with `Invalid JSON Patch` (400); a non-object patch replaces the
 * document; nulls inside newly added objects (also objects inside arrays) are pruned. Inputs are not mutated.
 * @throws PatchError `BadRequest` for a `null` or non-JSON-container-or-scalar patch.
 */
export function applyJsonMergePatch(original: unknown, patch: unknown): unknown {
  if (patch === null || patch === undefined) throw new PatchError('BadRequest', 'Invalid JSON Patch');
  if (!isObject(patch)) {
    if (Array.isArray(patch)) return pruneNulls(clone(patch));
    // A bare string/number/bool is neither a document nor an array: evanphx answers ErrBadJSONPatch.
    throw new PatchError('BadRequest', 'Invalid JSON Patch');
  }
  if (!isObject(original)) return pruneNulls(clone(patch));
  return mergeDocs(clone(original), patch);
}

function mergeDocs(doc: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
    } else if (isObject(v) && isObject(doc[k])) {
      doc[k] = mergeDocs(doc[k], v);
    } else {
      doc[k] = pruneNulls(clone(v));
    }
  }
  return doc;
}

/** Drops null members of objects, recursively (array elements themselves are kept, as evanphx does). */
function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x: unknown) => (x === null ? x : pruneNulls(x)));
  if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === null) delete v[k];
      else v[k] = pruneNulls(x);
    }
  }
  return v;
}
