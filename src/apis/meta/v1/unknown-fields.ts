/**
 * Unknown-field detection for strict decoding (`fieldValidation=Strict`/`Warn`), after the
 * strict mode of sigs.k8s.io/json that the API server decodes with: every JSON key that does not
 * exist in the Go type is reported by its path, `spec.containers[0].foo`, which the API server
 * turns into `strict decoding error: unknown field "spec.containers[0].foo"`.
 */
import type { Schema } from '../../schema.js';

/**
 * The paths of all fields in `value` that `schema` does not declare, in document order.
 * Struct fields and map keys are joined with `.`, list items add `[i]`; `path` prefixes them all.
 * Values of a different JSON type than the schema expects are not examined (type errors are the
 * decoder's business), nor is anything under an `any` schema.
 */
export function findUnknownFields(value: unknown, schema: Schema, path = ''): string[] {
  const out: string[] = [];
  walk(value, schema, path, out);
  return out;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function walk(value: unknown, schema: Schema, path: string, out: string[]): void {
  if (typeof value !== 'object' || value === null) return;
  switch (schema.type) {
    case 'object': {
      if (Array.isArray(value)) return;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const sub = Object.prototype.hasOwnProperty.call(schema.properties, k) ? schema.properties[k] : undefined;
        if (sub) walk(v, sub, join(path, k), out);
        else out.push(join(path, k));
      }
      return;
    }
    case 'map': {
      if (Array.isArray(value)) return;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, schema.values, join(path, k), out);
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) return;
      value.forEach((v, i) => walk(v, schema.items, `${path}[${i}]`, out));
      return;
    }
    default:
      return;
  }
}

/**
 * The message body of a strict-decoding failure, `strict decoding error: unknown field "a", unknown field "b"`
 * (the API server prefixes it with `<Kind> in version "<v>" cannot be handled as a <Kind>: `).
 */
export function strictDecodingErrorMessage(paths: readonly string[]): string {
  return `strict decoding error: ${paths.map((p) => `unknown field "${p}"`).join(', ')}`;
}
