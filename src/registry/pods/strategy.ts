import {
  addDefaultTolerationSeconds,
  addServiceAccountDefaults,
  computeQOSClass,
  defaultPod,
  validatePod,
  validatePodStatusUpdate,
  validatePodUpdate,
  type Pod,
  type PodSpec,
} from '../../apis/index.js';
import type { Strategy } from '../types.js';

/**
 * Pods (pkg/registry/core/pod/strategy.go): defaults and admission defaults on create, status
 * kept out of spec updates and spec out of status updates, graceful deletion.
 */
export const podStrategy: Strategy<Pod> = {
  prepareForCreate(pod) {
    defaultPod(pod);
    addServiceAccountDefaults(pod);
    addDefaultTolerationSeconds(pod);
    pod.status = { phase: 'Pending', qosClass: computeQOSClass(pod) };
  },
  validate: (pod) => validatePod(pod),
  prepareForUpdate(pod, old) {
    pod.status = old.status;
  },
  validateUpdate: (pod, old) => validatePodUpdate(pod, old),
  subresources: {
    status: {
      prepareForUpdate(pod, old) {
        pod.spec = old.spec;
        pod.metadata.labels = old.metadata.labels;
        pod.metadata.annotations = old.metadata.annotations;
        pod.metadata.finalizers = old.metadata.finalizers;
        pod.metadata.ownerReferences = old.metadata.ownerReferences;
      },
      validateUpdate: (pod, old) => validatePodStatusUpdate(pod, old),
    },
    /**
     * `pods/binding` (pkg/registry/core/pod/storage: setPodHostAndAnnotations): only
     * `spec.nodeName` and the PodScheduled condition change; the handler makes those changes.
     */
    binding: {
      prepareForUpdate(pod, old) {
        pod.spec = { ...old.spec, nodeName: pod.spec?.nodeName } as PodSpec;
        pod.metadata = { ...old.metadata, managedFields: pod.metadata.managedFields, resourceVersion: pod.metadata.resourceVersion };
      },
      validateUpdate: () => [],
    },
  },
  fields: (pod) => ({
    'spec.nodeName': pod.spec?.nodeName ?? '',
    'spec.restartPolicy': pod.spec?.restartPolicy ?? '',
    'spec.schedulerName': pod.spec?.schedulerName ?? '',
    'spec.serviceAccountName': pod.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': String(pod.spec?.hostNetwork ?? false),
    'status.phase': pod.status?.phase ?? '',
    'status.podIP': pod.status?.podIP ?? '',
    'status.nominatedNodeName': pod.status?.nominatedNodeName ?? '',
  }),
  /**
   * CheckGracefulDelete: the requested period, else the pod's terminationGracePeriodSeconds;
   * 0 (delete at once) for pods never scheduled or already terminal.
   */
  gracePeriodSeconds(pod, requested) {
    if (!pod.spec?.nodeName) return 0;
    const phase = pod.status?.phase;
    if (phase === 'Failed' || phase === 'Succeeded') return 0;
    const grace = requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, grace);
  },
  returnDeletedObject: true,
  allowUnconditionalUpdate: true,
};
