/** metrics.k8s.io/v1beta1: resource metrics kinds (PodMetrics, NodeMetrics). */
export type * from './types.js';
