/**
 * Pod QoS class, after `pkg/apis/core/helper/qos/qos.go` (`ComputePodQOS`).
 * @module
 */
import type { Pod, ResourceRequirements } from './types.js';
import { addQuantities, compareQuantities, isZeroQuantity, tryParseQuantity, type ParsedQuantity } from './quantity.js';

/** `status.qosClass` values. */
export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

function positive(list: Record<string, unknown> | undefined): Map<string, ParsedQuantity> {
  const out = new Map<string, ParsedQuantity>();
  for (const [name, raw] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.includes(name)) continue;
    const q = tryParseQuantity(raw);
    if (q && !isZeroQuantity(q) && q.mantissa > 0n) out.set(name, q);
  }
  return out;
}

/**
 * Computes the QoS class from cpu and memory requests and limits of all containers and init
 * containers (or the pod-level `spec.resources` when it sets cpu or memory):
 * BestEffort when nothing is set; Guaranteed when every container has cpu and memory limits and
 * the summed requests equal the summed limits; Burstable otherwise.
 */
export function computeQOSClass(pod: Pod): PodQOSClass {
  const spec = pod.spec;
  const podLevel = spec?.resources;
  const reqs: ResourceRequirements[] = [];
  if (podLevel && (positive(podLevel.requests).size > 0 || positive(podLevel.limits).size > 0)) {
    reqs.push(podLevel);
  } else {
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) reqs.push(c.resources ?? {});
  }
  const requests = new Map<string, ParsedQuantity>();
  const limits = new Map<string, ParsedQuantity>();
  let isGuaranteed = true;
  for (const r of reqs) {
    for (const [name, q] of positive(r.requests)) {
      const prev = requests.get(name);
      requests.set(name, prev ? addQuantities(q, prev) : q);
    }
    const found = positive(r.limits);
    for (const [name, q] of found) {
      const prev = limits.get(name);
      limits.set(name, prev ? addQuantities(q, prev) : q);
    }
    if (!found.has('memory') || !found.has('cpu')) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) {
        isGuaranteed = false;
        break;
      }
    }
  }
  if (isGuaranteed && requests.size === limits.size) return 'Guaranteed';
  return 'Burstable';
}
