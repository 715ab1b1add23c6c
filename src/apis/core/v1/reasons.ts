/**
 * The Kubernetes words for pod and container state, defined once. Call sites use these catalogs
 * (`ContainerReasons.CrashLoopBackOff`, `EventReasons.Unhealthy`) and never type the strings.
 *
 * Sources: kubelet `pkg/kubelet/events/event.go` (event reasons),
 * `pkg/kubelet/container/sync_result.go` and `pkg/kubelet/images/types.go` (waiting reasons),
 * `pkg/kubelet/kuberuntime/kuberuntime_container.go` and `pkg/kubelet/status/status_manager.go`
 * (terminated reasons), k8s.io/api core/v1 `types.go` (phases, condition types).
 * @module
 */

/** `status.phase` of a Pod. */
export const PodPhases = {
  Pending: 'Pending',
  Running: 'Running',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Unknown: 'Unknown',
} as const;
/** One of {@link PodPhases}. */
export type PodPhase = (typeof PodPhases)[keyof typeof PodPhases];

/** `status.conditions[].type` of a Pod. */
export const PodConditionTypes = {
  PodScheduled: 'PodScheduled',
  PodReadyToStartContainers: 'PodReadyToStartContainers',
  Initialized: 'Initialized',
  ContainersReady: 'ContainersReady',
  Ready: 'Ready',
  DisruptionTarget: 'DisruptionTarget',
} as const;
/** One of {@link PodConditionTypes}. */
export type PodConditionType = (typeof PodConditionTypes)[keyof typeof PodConditionTypes];

/** `status` of a condition. */
export const ConditionStatuses = { True: 'True', False: 'False', Unknown: 'Unknown' } as const;

/** Reasons on pod conditions and on the pod itself (`status.reason`). */
export const PodReasons = {
  /** ContainersReady/Ready=False on a Failed pod (kubelet status/generate.go). */
  PodFailed: 'PodFailed',
  /** A condition computed with no container statuses at all. */
  UnknownContainerStatuses: 'UnknownContainerStatuses',
  /** Initialized=False while init containers have not all completed. */
  ContainersNotInitialized: 'ContainersNotInitialized',
  /** ContainersReady/Ready=False while some container is not ready. */
  ContainersNotReady: 'ContainersNotReady',
  /** Ready=False when a readiness gate condition is missing or False. */
  ReadinessGatesNotReady: 'ReadinessGatesNotReady',
  /** Initialized/Ready=True reason once the pod has completed (kubelet `PodCompleted`). */
  PodCompleted: 'PodCompleted',
  /** PodScheduled=False. */
  Unschedulable: 'Unschedulable',
  /** PodScheduled=False for a pod with scheduling gates. */
  SchedulingGated: 'SchedulingGated',
  /** Pod phase Failed after activeDeadlineSeconds (`status.reason`). */
  DeadlineExceeded: 'DeadlineExceeded',
  /** Pod evicted by the kubelet (`status.reason`). */
  Evicted: 'Evicted',
  /** Pod rejected at admission by the kubelet (`status.reason`). */
  NodeAffinity: 'NodeAffinity',
  /** Pod phase Failed on graceful node shutdown. */
  Terminated: 'Terminated',
  /** DisruptionTarget reasons. */
  TerminationByKubelet: 'TerminationByKubelet',
  EvictionByEvictionAPI: 'EvictionByEvictionAPI',
  DeletionByTaintManager: 'DeletionByTaintManager',
  PreemptionByScheduler: 'PreemptionByScheduler',
} as const;

/** `state.waiting.reason` and `state.terminated.reason` of a container. */
export const ContainerReasons = {
  // waiting
  ContainerCreating: 'ContainerCreating',
  PodInitializing: 'PodInitializing',
  CrashLoopBackOff: 'CrashLoopBackOff',
  CreateContainerConfigError: 'CreateContainerConfigError',
  CreateContainerError: 'CreateContainerError',
  PreStartHookError: 'PreStartHookError',
  PostStartHookError: 'PostStartHookError',
  RunContainerError: 'RunContainerError',
  KillContainerError: 'KillContainerError',
  VerifyNonRootError: 'VerifyNonRootError',
  ErrImagePull: 'ErrImagePull',
  ImagePullBackOff: 'ImagePullBackOff',
  ErrImageNeverPull: 'ErrImageNeverPull',
  ErrImageInspect: 'ImageInspectError',
  InvalidImageName: 'InvalidImageName',
  RegistryUnavailable: 'RegistryUnavailable',
  SignatureValidationFailed: 'SignatureValidationFailed',
  // terminated
  Completed: 'Completed',
  Error: 'Error',
  OOMKilled: 'OOMKilled',
  ContainerCannotRun: 'ContainerCannotRun',
  StartError: 'StartError',
  ContainerStatusUnknown: 'ContainerStatusUnknown',
  DeadlineExceeded: 'DeadlineExceeded',
} as const;
/** One of {@link ContainerReasons}. */
export type ContainerReason = (typeof ContainerReasons)[keyof typeof ContainerReasons];

/** `type` of an Event. */
export const EventTypes = { Normal: 'Normal', Warning: 'Warning' } as const;
/** One of {@link EventTypes}. */
export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

/**
 * Event reasons recorded by the kubelet (`pkg/kubelet/events/event.go`) plus the scheduler's
 * `Scheduled`/`FailedScheduling` and the node lifecycle ones. Several Go constants share a
 * string (`FailedToCreateContainer` and `FailedToStartContainer` are both `Failed`).
 */
export const EventReasons = {
  // Container event reason list
  CreatedContainer: 'Created',
  StartedContainer: 'Started',
  FailedToCreateContainer: 'Failed',
  FailedToStartContainer: 'Failed',
  KillingContainer: 'Killing',
  PreemptContainer: 'Preempting',
  BackOffStartContainer: 'BackOff',
  ExceededGracePeriod: 'ExceededGracePeriod',
  // Pod event reason list
  FailedToKillPod: 'FailedKillPod',
  FailedToCreatePodContainer: 'FailedCreatePodContainer',
  FailedToMakePodDataDirectories: 'Failed',
  NetworkNotReady: 'NetworkNotReady',
  ResizeDeferred: 'ResizeDeferred',
  ResizeInfeasible: 'ResizeInfeasible',
  ResizeCompleted: 'ResizeCompleted',
  // Image event reason list
  PullingImage: 'Pulling',
  PulledImage: 'Pulled',
  FailedToPullImage: 'Failed',
  FailedToInspectImage: 'InspectFailed',
  ErrImageNeverPull: 'ErrImageNeverPull',
  BackOffPullImage: 'BackOff',
  // kubelet.go getPullSecretsForPod (a literal there, not in events/event.go)
  FailedToRetrieveImagePullSecret: 'FailedToRetrieveImagePullSecret',
  // kubelet event reason list
  NodeReady: 'NodeReady',
  NodeNotReady: 'NodeNotReady',
  NodeSchedulable: 'NodeSchedulable',
  NodeNotSchedulable: 'NodeNotSchedulable',
  StartingKubelet: 'Starting',
  KubeletSetupFailed: 'KubeletSetupFailed',
  FailedAttachVolume: 'FailedAttachVolume',
  FailedMountVolume: 'FailedMount',
  VolumeResizeFailed: 'VolumeResizeFailed',
  VolumeResizeSuccess: 'VolumeResizeSuccessful',
  FileSystemResizeFailed: 'FileSystemResizeFailed',
  FileSystemResizeSuccess: 'FileSystemResizeSuccessful',
  FailedMapVolume: 'FailedMapVolume',
  WarnAlreadyMountedVolume: 'AlreadyMountedVolume',
  SuccessfulAttachVolume: 'SuccessfulAttachVolume',
  SuccessfulMountVolume: 'SuccessfulMountVolume',
  NodeRebooted: 'Rebooted',
  NodeShutdown: 'Shutdown',
  ContainerGCFailed: 'ContainerGCFailed',
  ImageGCFailed: 'ImageGCFailed',
  FailedNodeAllocatableEnforcement: 'FailedNodeAllocatableEnforcement',
  SuccessfulNodeAllocatableEnforcement: 'NodeAllocatableEnforced',
  SandboxChanged: 'SandboxChanged',
  FailedCreatePodSandBox: 'FailedCreatePodSandBox',
  FailedStatusPodSandBox: 'FailedPodSandBoxStatus',
  FailedMountOnFilesystemMismatch: 'FailedMountOnFilesystemMismatch',
  FailedPrepareDynamicResources: 'FailedPrepareDynamicResources',
  PossibleMemoryBackedVolumesOnDisk: 'PossibleMemoryBackedVolumesOnDisk',
  CgroupV1: 'CgroupV1',
  // Image manager event reason list
  InvalidDiskCapacity: 'InvalidDiskCapacity',
  FreeDiskSpaceFailed: 'FreeDiskSpaceFailed',
  // Probe event reason list
  ContainerUnhealthy: 'Unhealthy',
  ContainerProbeWarning: 'ProbeWarning',
  // Pod worker event reason list
  FailedSync: 'FailedSync',
  // Config event reason list
  FailedValidation: 'FailedValidation',
  // Lifecycle hooks
  FailedPostStartHook: 'FailedPostStartHook',
  FailedPreStopHook: 'FailedPreStopHook',
  // Node lifecycle / registration (node controller, kubelet)
  RegisteredNode: 'RegisteredNode',
  RemovingNode: 'RemovingNode',
  NodeHasSufficientMemory: 'NodeHasSufficientMemory',
  NodeHasNoDiskPressure: 'NodeHasNoDiskPressure',
  NodeHasSufficientPID: 'NodeHasSufficientPID',
  NodeAllocatableEnforced: 'NodeAllocatableEnforced',
  // Scheduler
  Scheduled: 'Scheduled',
  FailedScheduling: 'FailedScheduling',
  // Eviction / deadline
  Evicted: 'Evicted',
  DeadlineExceeded: 'DeadlineExceeded',
  // Controllers (endpoints, service)
  FailedToUpdateEndpoint: 'FailedToUpdateEndpoint',
  FailedToUpdateEndpointSlices: 'FailedToUpdateEndpointSlices',
} as const;
/** One of {@link EventReasons}. */
export type EventReason = (typeof EventReasons)[keyof typeof EventReasons];
