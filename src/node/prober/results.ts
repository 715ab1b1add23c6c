/**
 * The kubelet's probe results cache (pkg/kubelet/prober/results/results_manager.go): the latest
 * result per container id, and an update notification whenever a result changes (not when it is
 * set again to the same value). Updates carry only the pod UID (STYLE §2.3: triggers carry keys).
 * @module
 */

/** kubelet `results.Result`. `Unknown` is the startup probe's value before its first verdict. */
export type CachedProbeResult = 'Success' | 'Failure' | 'Unknown';

/** Results of one probe type, by container id. */
export class ResultsCache {
  private readonly results = new Map<string, CachedProbeResult>();

  /** `onChange` is called with the pod UID when a container's result changes. */
  constructor(private readonly onChange: (podUid: string, containerId: string, result: CachedProbeResult) => void) {}

  /** The cached result, if any. */
  get(containerId: string): CachedProbeResult | undefined {
    return this.results.get(containerId);
  }

  /** Caches a result; notifies when it differs from the previous one (or there was none). */
  set(containerId: string, result: CachedProbeResult, podUid: string): void {
    if (this.results.get(containerId) === result) return;
    this.results.set(containerId, result);
    this.onChange(podUid, containerId, result);
  }

  /** Forgets a container (its worker stopped, or a newer instance replaced it). */
  remove(containerId: string): void {
    this.results.delete(containerId);
  }

  /** Number of cached containers (for tests and leak checks). */
  get size(): number {
    return this.results.size;
  }
}
