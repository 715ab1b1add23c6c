import { PodyardError } from '../base/index.js';

/**
 * The runtime's error catalog. Codes that are kubelet container waiting reasons are spelled as
 * Kubernetes spells them, so the node agent can copy `code` into `state.waiting.reason`.
 */
export type RuntimeErrorCode =
  | 'NotFound' // no pod sandbox or container with that id
  | 'AlreadyExists' // a container with the same name and attempt already exists in the sandbox
  | 'InvalidArgument' // the config is malformed (missing command, bad path, bad cgroup parent…)
  | 'NotRunning' // exec/attach on a container that is not running
  | 'CreatePodSandboxError' // the sandbox's namespaces, files or pause process could not be set up
  | 'CreateContainerError' // the container's rootfs or bundle could not be prepared
  | 'RunContainerError' // conmon/runc failed to create or start the process; message is runc's
  | 'StopContainerError' // the container did not die even after SIGKILL
  | 'ExecError' // an exec session could not be started (not a non-zero exit code)
  | 'DeadlineExceeded' // execSync's timeout expired; the process was killed
  | 'NotSupported' // the operation needs something this machine lacks (reported in the message)
  | 'Internal'; // anything else (I/O errors of the state directory…)

/** Every {@link RuntimeErrorCode} with its meaning (for docs and the error-catalog test). */
export const runtimeErrorCodes: Record<RuntimeErrorCode, string> = {
  NotFound: 'no pod sandbox or container with that id',
  AlreadyExists: 'a container with the same name and attempt already exists in the sandbox',
  InvalidArgument: 'the config is malformed',
  NotRunning: 'exec or attach on a container that is not running',
  CreatePodSandboxError: "the sandbox's namespaces, files or pause process could not be set up",
  CreateContainerError: "the container's rootfs or bundle could not be prepared",
  RunContainerError: "conmon/runc failed to create or start the process; the message is runc's",
  StopContainerError: 'the container did not die even after SIGKILL',
  ExecError: 'an exec session could not be started',
  DeadlineExceeded: "execSync's timeout expired",
  NotSupported: 'the operation needs something this machine lacks',
  Internal: 'an unexpected failure',
};

/** A coded runtime failure. Wrap causes with `{ cause }`. */
export class RuntimeError extends PodyardError<RuntimeErrorCode> {}

/** True when `err` is a {@link RuntimeError} with code `NotFound`. */
export function isRuntimeNotFound(err: unknown): boolean {
  return err instanceof RuntimeError && err.code === 'NotFound';
}
