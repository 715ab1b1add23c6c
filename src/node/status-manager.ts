import type { Clock, Logger } from '../base/index.js';
import { isDeepEqual } from '../base/index.js';
import type { Pod, PodStatus } from '../apis/index.js';
import { type ApiClient, hasCode, Resources } from '../client/index.js';

/**
 * The one writer of `pods/status` (STYLE §2.3 rule 6, the kubelet's status manager). It remembers
 * the last status it wrote per pod and sends a new one only when it differs, replacing the whole
 * status with a JSON patch (no resourceVersion needed, so spec or label edits never conflict with
 * it). It also confirms deletions once the node has finished with a pod.
 */
export class StatusManager {
  private readonly written = new Map<string, PodStatus>();

  constructor(private readonly deps: { client: ApiClient; clock: Clock; logger: Logger }) {}

  /** Writes `status` for `pod` if it differs from the last status written or the pod's own. */
  async setPodStatus(pod: Pod, status: PodStatus): Promise<void> {
    const uid = pod.metadata.uid!;
    const last = this.written.get(uid) ?? pod.status;
    if (isDeepEqual(last, status)) return;
    try {
      await this.deps.client.patch(Resources.pods, pod.metadata.namespace, pod.metadata.name!, 'json', [
        { op: 'test', path: '/metadata/uid', value: uid },
        { op: 'replace', path: '/status', value: status },
      ], { subresource: 'status', fieldManager: 'kubelet' });
      this.written.set(uid, status);
    } catch (err) {
      // Gone (404) or replaced by a pod of the same name (the uid test fails: 422): nothing to report.
      if (hasCode(err, 404) || hasCode(err, 422)) return;
      throw err;
    }
  }

  /**
   * The last status written for a pod (kubelet `statusManager.GetPodStatus`): newer than the
   * informer's copy, so a status is always generated from it when there is one. Generating from a
   * lagging copy makes `startTime` and `lastTransitionTime` flip between two values, each write
   * triggering the next sync.
   */
  lastWritten(uid: string): PodStatus | undefined {
    return this.written.get(uid);
  }

  /**
   * Confirms that the pod's containers are gone: a 0-grace delete guarded by the pod's UID, after
   * which the API server removes the object (graceful deletion's last step).
   */
  async confirmDeletion(pod: Pod): Promise<void> {
    try {
      await this.deps.client.delete(Resources.pods, pod.metadata.namespace, pod.metadata.name!, {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata.uid! },
      });
    } catch (err) {
      if (!hasCode(err, 404) && !hasCode(err, 409)) throw err;
    }
    this.forget(pod.metadata.uid!);
  }

  /** Drops what is remembered of a pod. */
  forget(uid: string): void {
    this.written.delete(uid);
  }
}
