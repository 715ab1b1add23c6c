/**
 * runtime: the CRI-shaped RuntimeService over runc + conmon (pod sandboxes with shared
 * namespaces, overlayfs root filesystems, exec/attach, CRI log files). Imports `base` (and may
 * import `images`); the node agent wires images in by passing rootfs lower directories.
 */
export type * from './runtime-service.js';
export { ContainerExitReasons } from './runtime-service.js';
export { RuntimeError, type RuntimeErrorCode, runtimeErrorCodes, isRuntimeNotFound } from './errors.js';
export {
  readContainerLog,
  parseCriLogLine,
  parseRfc3339Ms,
  formatTimestampOut,
  type ReadLogOptions,
  type CriLogMessage,
} from './log-reader.js';
