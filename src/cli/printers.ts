import { stringify } from 'yaml';
import type { KubeObject } from '../apis/index.js';
import { evaluateJsonPath } from './jsonpath.js';
import { ExitError } from './io.js';
import type { ApiResource } from './resources.js';
import { typePrefix } from './resources.js';

/** The Accept header kubectl sends for server-side printing. */
export const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** A `meta.k8s.io/v1` Table as the API server prints it. */
export interface Table {
  kind: 'Table';
  columnDefinitions: { name: string; type: string; format?: string; priority?: number }[];
  rows: { cells: unknown[]; object?: KubeObject }[];
  metadata?: { resourceVersion?: string };
}

/** How rows are printed (kubectl's PrintOptions). */
export interface TableOptions {
  wide?: boolean;
  showLabels?: boolean;
  withNamespace?: boolean;
  noHeaders?: boolean;
  /** `pod/` before names when several kinds are printed together. */
  kindPrefix?: string;
  /** `-L key`: one column per label key. */
  labelColumns?: string[];
}

/**
 * Turns a server Table into tab-separated lines (for a {@link TabWriter}): priority-0 columns
 * (all with `-o wide`), upper-cased headers, NAMESPACE first with `-A`, LABELS last with
 * `--show-labels` — kubectl's `printers.HumanReadablePrinter` over Tables.
 */
export function tableText(table: Table, options: TableOptions, header = true): string {
  const cols = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => options.wide || !c.priority);
  const lines: string[] = [];
  if (header && !options.noHeaders) {
    const h = cols.map(({ c }) => c.name.toUpperCase());
    if (options.withNamespace) h.unshift('NAMESPACE');
    for (const l of options.labelColumns ?? []) h.push(l.split('/').pop()!.toUpperCase());
    if (options.showLabels) h.push('LABELS');
    lines.push(h.join('\t'));
  }
  for (const row of table.rows) {
    const cells = cols.map(({ c, i }) => {
      const v = formatCell(row.cells[i]);
      return c.name === 'Name' && options.kindPrefix ? `${options.kindPrefix}/${v}` : v;
    });
    const labels = row.object?.metadata?.labels ?? {};
    if (options.withNamespace) cells.unshift(row.object?.metadata?.namespace ?? '');
    for (const l of options.labelColumns ?? []) cells.push(labels[l] ?? '');
    if (options.showLabels) cells.push(formatLabels(labels));
    lines.push(cells.join('\t'));
  }
  return lines.map((l) => l + '\n').join('');
}

function formatCell(v: unknown): string {
  if (v === null || v === undefined) return '<none>';
  if (typeof v === 'object') return JSON.stringify(v);
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

/** `a=b,c=d` sorted by key, or `<none>` (labels.Set.String()). */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** Deep copy with object keys sorted, the order kubectl's (unstructured) printers use. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** YAML like kubectl's: sorted keys, sequences not indented under their key. */
export function toYaml(v: unknown): string {
  return stringify(sortKeys(v), { version: '1.1', indentSeq: false, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

/** JSON like kubectl's: sorted keys, four-space indent. */
export function toJson(v: unknown): string {
  return JSON.stringify(sortKeys(v), null, 4) + '\n';
}

/** Go's `json.Marshal` text: sorted keys, and `<`, `>`, `&`, U+2028, U+2029 escaped as \\uXXXX. */
export function goJson(v: unknown): string {
  return JSON.stringify(sortKeys(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A copy without `metadata.managedFields` (kubectl's default `--show-managed-fields=false`). */
export function withoutManagedFields(o: KubeObject): KubeObject {
  if (!o.metadata?.managedFields) return o;
  const metadata = { ...o.metadata };
  delete metadata.managedFields;
  return { ...o, metadata };
}

/** Objects as one document: the object itself, or a `List` when `asList`. */
export function asDocument(objects: KubeObject[], asList: boolean): unknown {
  const clean = objects.map(withoutManagedFields);
  if (!asList && clean.length === 1) return clean[0];
  return { apiVersion: 'v1', kind: 'List', items: clean, metadata: { resourceVersion: '' } };
}

/** Output formats of `-o`. */
export type OutputFormat = { kind: 'table'; wide: boolean } | { kind: 'yaml' } | { kind: 'json' } | { kind: 'name' } | { kind: 'jsonpath'; template: string };

/** Parses `-o`; throws kubectl's error for unknown formats. */
export function parseOutput(o: string | undefined): OutputFormat {
  if (!o) return { kind: 'table', wide: false };
  if (o === 'wide') return { kind: 'table', wide: true };
  if (o === 'yaml' || o === 'json' || o === 'name') return { kind: o };
  const m = /^jsonpath(?:-as-json)?=(.*)$/s.exec(o);
  if (m) return { kind: 'jsonpath', template: m[1]! };
  throw new ExitError(
    `error: unable to match a printer suitable for the output format "${o}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,yaml,wide`,
  );
}

/** Prints objects in a non-table format. `single` prints a lone object rather than a List. */
export function printObjects(objects: KubeObject[], format: OutputFormat, resource: (o: KubeObject) => ApiResource | undefined, single: boolean): string {
  switch (format.kind) {
    case 'name':
      return objects.map((o) => `${nameOf(o, resource(o))}\n`).join('');
    case 'yaml':
      return toYaml(asDocument(objects, !single));
    case 'json':
      return toJson(asDocument(objects, !single));
    case 'jsonpath':
      return evaluateJsonPath(format.template, asDocument(objects, !single));
    default:
      return '';
  }
}

/** `pod/mc1`, `deployment.apps/web`. */
export function nameOf(o: KubeObject, r: ApiResource | undefined): string {
  const prefix = r ? typePrefix(r) : (o.kind ?? '').toLowerCase();
  return `${prefix}/${o.metadata.name}`;
}

/** kubectl's short duration (`duration.HumanDuration`): 5s, 3m20s, 2d4h, 3y. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (h < 24 * 8) return h % 24 === 0 ? `${Math.floor(h / 24)}d` : `${Math.floor(h / 24)}d${h % 24}h`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24)}d`;
  if (h < 24 * 365 * 8) return `${Math.floor(h / 24 / 365)}y${Math.floor(h / 24) % 365}d`;
  return `${Math.floor(h / 24 / 365)}y`;
}
