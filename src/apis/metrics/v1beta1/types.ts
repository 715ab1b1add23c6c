/**
 * `metrics.k8s.io/v1beta1` (k8s.io/metrics `pkg/apis/metrics/v1beta1/types.go`): the resource
 * metrics `kubectl top` reads. Read-only kinds, never stored.
 */

/** Usage of one container or node: `cpu` in nanocores (`"1234n"`), `memory` in bytes (`"5678Ki"`). */
export interface ResourceUsage {
  cpu: string;
  memory: string;
}

/** One container's usage within a PodMetrics. */
export interface ContainerMetrics {
  name: string;
  usage: ResourceUsage;
}

/** `PodMetrics`: the usage of a pod's containers, averaged over `window` ending at `timestamp`. */
export interface PodMetrics {
  kind: 'PodMetrics';
  apiVersion: 'metrics.k8s.io/v1beta1';
  metadata: { name: string; namespace: string; creationTimestamp: string; labels?: Record<string, string> };
  timestamp: string;
  window: string;
  containers: ContainerMetrics[];
}

/** `NodeMetrics`: a node's usage, averaged over `window` ending at `timestamp`. */
export interface NodeMetrics {
  kind: 'NodeMetrics';
  apiVersion: 'metrics.k8s.io/v1beta1';
  metadata: { name: string; creationTimestamp: string; labels?: Record<string, string> };
  timestamp: string;
  window: string;
  usage: ResourceUsage;
}
