/**
 * A terminated container's message, as kuberuntime `convertToKubeContainerStatus` and
 * `getTerminationMessage` compose it. The node agent reads the files (the termination-log file
 * and, for `FallbackToLogsOnError`, the log tail); this decides what they mean.
 * @module
 */

/** kubecontainer `MaxContainerTerminationMessageLength`: bytes read from the termination-log file. */
export const maxContainerTerminationMessageLength = 1024 * 4;
/** kubecontainer `MaxContainerTerminationMessageLogLength`: bytes of log tail used as a message. */
export const maxContainerTerminationMessageLogLength = 1024 * 2;
/** kubecontainer `MaxContainerTerminationMessageLogLines`: lines of log tail used as a message. */
export const maxContainerTerminationMessageLogLines = 80;
/** kubecontainer `MaxPodTerminationMessageLogLength`: all of a pod's terminated messages together. */
export const maxPodTerminationMessageLogLength = 1024 * 12;

/** Inputs of {@link composeTerminationMessage}. */
export interface TerminationMessageInput {
  /** The runtime's own message for the exit (often empty). */
  runtimeMessage?: string;
  exitCode: number;
  /** The runtime's reason (`Error`, `OOMKilled`, `ContainerCannotRun`, `StartError`…). */
  reason?: string;
  /** `terminationMessagePolicy` (default `File`). */
  policy?: 'File' | 'FallbackToLogsOnError';
  /**
   * Content of the termination-log file (at most {@link maxContainerTerminationMessageLength}
   * bytes from its start), undefined when the file does not exist, or an Error when it could not
   * be read.
   */
  file?: string | Error;
  /** Path of the file, for the read-error message. */
  filePath?: string;
  /**
   * Reads the last {@link maxContainerTerminationMessageLogLines} lines (at most
   * {@link maxContainerTerminationMessageLogLength} bytes) of the container's log. Called only
   * when the policy falls back to logs.
   */
  readLogTail?: () => string;
}

/** Whether the log tail is needed for this exit (policy `FallbackToLogsOnError`, failed, empty or missing file). */
export function terminationMessageNeedsLogs(input: Omit<TerminationMessageInput, 'readLogTail'>): boolean {
  const fallback = input.policy === 'FallbackToLogsOnError' && input.exitCode !== 0 && input.reason !== 'ContainerCannotRun';
  if (!fallback) return false;
  return input.file === undefined || input.file === '';
}

/**
 * The terminated state's message: the file's content (or, under `FallbackToLogsOnError` for a
 * failed container with no file content, the log tail), appended to the runtime's message after
 * `: ` when both exist. A file that cannot be read gives
 * `Error on reading termination log <path>: <error>`.
 */
export function composeTerminationMessage(input: TerminationMessageInput): string {
  let tMessage = '';
  if (input.file instanceof Error) {
    tMessage = `Error on reading termination log ${input.filePath ?? ''}: ${input.file.message}`;
  } else if (terminationMessageNeedsLogs(input)) {
    tMessage = input.readLogTail?.() ?? '';
  } else {
    tMessage = input.file ?? '';
  }
  let message = input.runtimeMessage ?? '';
  if (tMessage.length !== 0) {
    if (message.length !== 0) message += ': ';
    message += tMessage;
  }
  return message;
}
