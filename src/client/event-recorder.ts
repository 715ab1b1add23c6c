import type { Clock, Logger } from '../base/index.js';
import { errorMessage, rfc3339, rfc3339Micro } from '../base/index.js';
import { hasCode, Resources, type ApiClient } from './api-client.js';

/** Where an event comes from (`source` of core/v1 Events). */
export interface EventSource {
  component: string;
  host?: string;
}

/** An object an event is about, with an optional `fieldPath` (`spec.containers{nginx}`). */
export interface InvolvedObject {
  kind: string;
  apiVersion?: string;
  namespace?: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/**
 * Records core/v1 Events the way client-go's recorder does: identical events (same object,
 * reason, message, source) within the aggregation window are folded into one Event whose `count`
 * and `lastTimestamp` grow, so `kubectl describe` shows `(x4 over 2m)`.
 * Recording never throws: a failed write is logged.
 */
export class EventRecorder {
  private readonly recent = new Map<string, { name: string; namespace: string; count: number; at: number }>();

  constructor(
    private readonly deps: { client: ApiClient; clock: Clock; logger: Logger },
    private readonly source: EventSource,
  ) {}

  /** Records an event; `type` is Normal or Warning; `reason` comes from a reasons catalog. */
  async record(obj: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    const namespace = obj.namespace || 'default';
    const key = [namespace, obj.kind, obj.name, obj.uid, obj.fieldPath, type, reason, message].join('\u0000');
    const now = this.deps.clock.now();
    const prior = this.recent.get(key);
    try {
      if (prior && now - prior.at < 10 * 60_000) {
        prior.count++;
        prior.at = now;
        await this.deps.client.patch(Resources.events, namespace, prior.name, 'merge', {
          count: prior.count,
          lastTimestamp: rfc3339(now),
        });
        return;
      }
    } catch (err) {
      if (!hasCode(err, 404)) {
        this.deps.logger.warn('event update failed', { reason, err: errorMessage(err) });
        return;
      }
    }
    const name = `${obj.name}.${(now * 1_000_000 + Math.floor(Math.random() * 1_000_000)).toString(16)}`;
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: { ...obj, apiVersion: obj.apiVersion ?? 'v1', namespace: obj.namespace },
      reason,
      message,
      type,
      source: this.source,
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      eventTime: null,
      count: 1,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    try {
      await this.deps.client.create(Resources.events, namespace, event);
      this.recent.set(key, { name, namespace, count: 1, at: now });
      if (this.recent.size > 4096) this.recent.delete(this.recent.keys().next().value as string);
    } catch (err) {
      this.deps.logger.warn('event create failed', { reason, err: errorMessage(err) });
    }
  }
}

/** `metav1.MicroTime` now, for Leases. */
export function microNow(clock: Clock): string {
  return rfc3339Micro(clock.now());
}
