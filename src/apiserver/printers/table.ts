import { defaultColumns, resourceColumns, type ColumnDefinition } from './columns.js';
import {
  printConfigMap,
  printDefault,
  printEndpointSlice,
  printEndpoints,
  printEvent,
  printLease,
  printNamespace,
  printNode,
  printSecret,
  printService,
  printServiceAccount,
} from './print-core.js';
import { printPod } from './print-pod.js';

/** `TableRowCondition` (pods carry `Completed` when Succeeded or Failed). */
export interface TableRowCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** `TableRow`. */
export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  /** PartialObjectMetadata, the full object, or absent, per `includeObject`. */
  object?: unknown;
}

/** `meta.k8s.io/v1` `Table`. The caller fills `metadata` (resourceVersion, continue). */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: Record<string, unknown>;
  columnDefinitions: ColumnDefinition[];
  rows: TableRow[];
}

/** `TableOptions.includeObject`. */
export type IncludeObjectPolicy = 'None' | 'Metadata' | 'Object';

/** Options of {@link printTable}. */
export interface PrintOptions {
  /** Current time (ms since epoch) for Age-style cells. */
  now: number;
  includeObject: IncludeObjectPolicy;
  /** `TableOptions.noHeaders` (watch events after the first): no column definitions. */
  noHeaders?: boolean;
}

type RowPrinter = (obj: Record<string, unknown>, now: number) => { cells: unknown[]; conditions?: TableRowCondition[] } | unknown[];

const printers: Readonly<Record<string, RowPrinter>> = {
  pods: (o, now) => printPod(o, now),
  services: printService,
  endpoints: printEndpoints,
  endpointslices: printEndpointSlice,
  events: printEvent,
  configmaps: printConfigMap,
  secrets: printSecret,
  namespaces: printNamespace,
  nodes: printNode,
  serviceaccounts: printServiceAccount,
  leases: printLease,
};

/** The column definitions `printTable` uses for `resource` (`pods`, `services`, … or anything else). */
export function tableColumns(resource: string): readonly ColumnDefinition[] {
  return resourceColumns[baseResource(resource)] ?? defaultColumns;
}

/**
 * Server-side printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`): one row per object,
 * cells exactly as kube-apiserver's `pkg/printers/internalversion/printers.go` computes them — always
 * the wide set, since the server prints with `Wide: true` and kubectl hides `priority > 0` columns
 * unless `-o wide`. Rows carry `PartialObjectMetadata` (`includeObject=Metadata`, the default), the
 * object itself (`Object`) or nothing (`None`). Resources without a printer get Name and Age.
 *
 * Called by the API server for list, get and watch responses; `resource` is the plural resource
 * name, optionally group-qualified (`endpointslices.discovery.k8s.io`).
 */
export function printTable(resource: string, objects: readonly unknown[], options: PrintOptions): Table {
  const base = baseResource(resource);
  const printer = printers[base] ?? printDefault;
  const rows = objects.map((obj): TableRow => {
    const o = (typeof obj === 'object' && obj !== null ? obj : {}) as Record<string, unknown>;
    const printed = printer(o, options.now);
    const row: TableRow = Array.isArray(printed) ? { cells: printed } : { ...printed };
    const object = rowObject(o, options.includeObject);
    if (object !== undefined) row.object = object;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: options.noHeaders ? [] : tableColumns(base).map((c) => ({ ...c })),
    rows,
  };
}

function rowObject(o: Record<string, unknown>, policy: IncludeObjectPolicy): unknown {
  switch (policy) {
    case 'None':
      return undefined;
    case 'Object':
      return o;
    default:
      return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata ?? {} };
  }
}

function baseResource(resource: string): string {
  const dot = resource.indexOf('.');
  return (dot < 0 ? resource : resource.slice(0, dot)).toLowerCase();
}
