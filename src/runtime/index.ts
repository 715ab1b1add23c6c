/**
 * runtime: the CRI-shaped RuntimeService over runc + conmon (pod sandboxes with shared
 * namespaces, overlayfs root filesystems, exec/attach, CRI log files). Imports `base` (and may
 * import `images`); the node agent wires images in by passing rootfs lower directories.
 * Test doubles live in `./testing/` (FakeRuntime), exported here for the node agent's tests.
 */
export type * from './runtime-service.js';
export { ContainerExitReasons } from './runtime-service.js';
export { RuntimeError, type RuntimeErrorCode, runtimeErrorCodes, isRuntimeNotFound } from './errors.js';
export { RuncRuntime, type RuncRuntimeConfig, type RuncRuntimeDeps } from './runc-runtime.js';
export {
  readContainerLog,
  parseCriLogLine,
  parseRfc3339Ms,
  formatTimestampOut,
  type ReadLogOptions,
  type CriLogMessage,
} from './log-reader.js';
export { readCgroupUsage } from './cgroups.js';
export { FakeRuntime, type FakeContainer, type FakeSandbox, type FakeRuntimeMethod } from './testing/fake-runtime.js';
export { ensureBusyboxRootfs } from './testing/busybox-rootfs.js';
