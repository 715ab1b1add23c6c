/**
 * Podyard's own description of the Kubernetes types it serves: one {@link Schema} per kind is the
 * single source for strict field validation (unknown fields), OpenAPI v2/v3 documents
 * (`kubectl explain`, client-side validation) and strategic-merge-patch list semantics.
 */
export type Schema = ObjectSchema | MapSchema | ArraySchema | ScalarSchema | IntOrStringSchema | AnySchema;

interface Common {
  description?: string;
}

/** A struct with known fields. `name` is its OpenAPI definition name, e.g. `io.k8s.api.core.v1.PodSpec`. */
export interface ObjectSchema extends Common {
  type: 'object';
  name?: string;
  properties: Record<string, Schema>;
  required?: string[];
}

/** A `map[string]T` (`additionalProperties`). */
export interface MapSchema extends Common {
  type: 'map';
  values: Schema;
}

/** A list, with the patch metadata the Go struct tags carry. */
export interface ArraySchema extends Common {
  type: 'array';
  items: Schema;
  /** `patchMergeKey` struct tag: list items are merged by this key in strategic merge patch. */
  patchMergeKey?: string;
  /** `patchStrategy` struct tag. */
  patchStrategy?: 'merge' | 'replace' | 'merge,retainKeys';
  /** `+listType`: server-side apply list semantics. */
  listType?: 'atomic' | 'map' | 'set';
  /** `+listMapKey`s for `listType: map`. */
  listMapKeys?: string[];
}

export interface ScalarSchema extends Common {
  type: 'string' | 'integer' | 'number' | 'boolean';
  /** OpenAPI format: `int32`, `int64`, `date-time`, `byte`, … */
  format?: string;
  enum?: string[];
}

/** `intstr.IntOrString` (ports) and `resource.Quantity`. */
export interface IntOrStringSchema extends Common {
  type: 'int-or-string';
  /** `quantity` for resource.Quantity, `int-or-string` for IntOrString. */
  format: 'int-or-string' | 'quantity';
}

/** Free-form JSON (`runtime.RawExtension`, `FieldsV1`). */
export interface AnySchema extends Common {
  type: 'any';
}
