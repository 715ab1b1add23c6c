/**
 * apiserver/printers: server-side Table printing for `kubectl get` (kubernetes
 * pkg/printers/internalversion/printers.go). Pure functions over stored JSON objects.
 */
export {
  printTable,
  tableColumns,
  type IncludeObjectPolicy,
  type PrintOptions,
  type Table,
  type TableRow,
  type TableRowCondition,
} from './table.js';
export { type ColumnDefinition, defaultColumns, resourceColumns } from './columns.js';
export { printPod } from './print-pod.js';
export { formatLabels } from './print-core.js';
