/**
 * node/pod-logic: the pure pod semantics of the node agent (issue #4), kubelet-exact and free of
 * I/O. The kubelet loop observes the runtime into an {@link ObservedPod}, plans a sync with
 * {@link computePodActions}, carries the plan out, and reports {@link generatePodStatus}.
 * Environment, command and image-config rules live in `env.ts`; CrashLoopBackOff in `backoff.ts`.
 */
export {
  type ObservedPod,
  type ObservedSandbox,
  type ObservedContainer,
  type ProbeResult,
  PodStatusView,
  hashContainer,
  fnv32a,
  newestFirst,
  sandboxesNewestFirst,
  restartPolicyOf,
  shouldRestartOnFailure,
  isRestartableInitContainer,
  formatPodFullName,
} from './observed.js';
export {
  CrashLoopBackOff,
  type CrashLoopBackOffOptions,
  type BackOffState,
  crashLoopBackOffKey,
  crashLoopBackOffMessage,
  crashLoopBackOffEventMessage,
  formatGoDuration,
  initialCrashLoopBackOffMs,
  maxContainerBackOffMs,
  crashLoopBackOffResetMs,
} from './backoff.js';
export {
  computePodActions,
  computeTerminationOrder,
  podSandboxChanged,
  shouldContainerBeRestarted,
  isInitContainerFailed,
  hasAnyRegularContainerCreated,
  killGracePeriodSeconds,
  minimumGracePeriodSeconds,
  ContainerKillReasons,
  type ContainerKillReason,
  type ContainerToKill,
  type BackOffContainer,
  type PodActions,
  type PodActionsContext,
  type SandboxDecision,
} from './compute-pod-actions.js';
export {
  generatePodStatus,
  getPhase,
  generateContainersReadyCondition,
  generatePodReadyCondition,
  generatePodInitializedCondition,
  vanishedContainerMessage,
  unknownContainerMessage,
  inferredInitCompletedMessage,
  type PodStatusContext,
  type WaitingReason,
} from './generate-status.js';
export {
  makeEnvironmentVariables,
  expandContainerCommandAndArgs,
  mergeImageConfig,
  verifyRunAsNonRoot,
  imageUserOf,
  effectiveSecurityContext,
  podFieldSelectorRuntimeValue,
  containerResourceRuntimeValue,
  extractFieldPathAsString,
  splitMaybeSubscriptedPath,
  formatMap,
  sortPodIPs,
  type EnvVarValue,
  type EnvironmentContext,
  type ContainerEnvironment,
  type MergedProcess,
  type ProcessUser,
} from './env.js';
export { expand, mappingFuncFor, type ExpansionMapping } from './expansion.js';
export {
  composeTerminationMessage,
  terminationMessageNeedsLogs,
  maxContainerTerminationMessageLength,
  maxContainerTerminationMessageLogLength,
  maxContainerTerminationMessageLogLines,
  maxPodTerminationMessageLogLength,
  type TerminationMessageInput,
} from './termination-message.js';
export { PodLogicError, isPodLogicError, podLogicErrorCodes, type PodLogicErrorCode } from './errors.js';
