/**
 * apiserver/patch: the PATCH body semantics kube-apiserver implements — JSON merge patch (RFC 7386),
 * JSON patch (RFC 6902), strategic merge patch, server-side apply — and the `metadata.managedFields`
 * bookkeeping of every write. Pure functions over JSON values; list semantics come from `apis` schemas.
 */
export { applyJsonMergePatch } from './json-merge-patch.js';
export { applyJsonPatch, maxJsonPatchOperations, type JsonPatchOperation } from './json-patch.js';
export { applyStrategicMergePatch } from './strategic-merge-patch.js';
export {
  applyServerSidePatch,
  updateManagedFieldsForUpdate,
  beforeFirstApplyManager,
  type ApplyConflict,
  type ManagedFieldsEntry,
  type ServerSideApplyResult,
} from './server-side-apply.js';
export {
  FieldSet,
  compareObjects,
  fieldPathString,
  fieldSetFromFieldsV1,
  fieldSetToFieldsV1,
  toFieldSet,
  type Comparison,
  type FieldPath,
} from './field-set.js';
export { listKind, type ListKind } from './schema-walk.js';
export { PatchError, patchErrorHttpStatus, type PatchErrorCode } from './errors.js';
