/**
 * CrashLoopBackOff, exactly as the kubelet runs it: client-go `flowcontrol.Backoff`
 * (`staging/src/k8s.io/client-go/util/flowcontrol/backoff.go`) with the kubelet's settings
 * (`pkg/kubelet/kubelet.go`: `NewBackOff(10s, MaxContainerBackOff=300s)` and
 * `HasExpiredFunc = eventTime - lastUpdate > 600s`), consulted by kuberuntime's `doBackOff`.
 *
 * The rules, which a naive implementation gets wrong:
 * - The first crash restarts at once: there is no entry yet, so nothing is in backoff; `next`
 *   then creates the entry at 10 s. Each later `next` doubles it (no jitter), capped at 300 s:
 *   10 s, 20 s, 40 s, 1m20s, 2m40s, 5m0s, 5m0s…
 * - The event time is the `finishedAt` of the newest exited instance. A container is in backoff
 *   while `now - finishedAt < current backoff` (strict).
 * - The reset is about how long the container *ran*: the entry expires when
 *   `finishedAt - lastUpdate > 10 min`, where `lastUpdate` is when the kubelet last restarted it
 *   (last `next`). A container that crashes quickly stays in a doubling backoff however long it
 *   waited; one that ran for more than 10 minutes before exiting starts again at 10 s.
 * - GC (kubelet `HandlePodCleanups`) drops entries whose last update is older than 10 minutes.
 * @module
 */
import type { Container, Pod } from '../../apis/index.js';
import { fnv32a, formatPodFullName } from './observed.js';

/** kubelet `initialCrashLoopBackOff`. */
export const initialCrashLoopBackOffMs = 10_000;
/** kubelet `MaxContainerBackOff`. */
export const maxContainerBackOffMs = 300_000;
/** kubelet's `HasExpiredFunc` threshold: an entry resets after the container ran this long. */
export const crashLoopBackOffResetMs = 600_000;

/** Settings of a {@link CrashLoopBackOff}; defaults are the kubelet's. */
export interface CrashLoopBackOffOptions {
  initialMs?: number;
  maxMs?: number;
  resetAfterMs?: number;
}

/** The answer of {@link CrashLoopBackOff.isInBackOff}. */
export interface BackOffState {
  inBackOff: boolean;
  /** Time left before a restart is allowed (0 when not in backoff). */
  remainingMs: number;
  /** The current backoff duration of the key (0 when there is no entry). */
  durationMs: number;
}

interface Entry {
  backoffMs: number;
  lastUpdateMs: number;
}

/**
 * Per-container restart backoff, keyed by {@link crashLoopBackOffKey}. Pure bookkeeping: time
 * always comes in as arguments (an injected clock's `now()`), never from `Date.now()`.
 */
export class CrashLoopBackOff {
  private readonly entries = new Map<string, Entry>();
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly resetAfterMs: number;

  constructor(options: CrashLoopBackOffOptions = {}) {
    this.initialMs = options.initialMs ?? initialCrashLoopBackOffMs;
    this.maxMs = options.maxMs ?? maxContainerBackOffMs;
    this.resetAfterMs = options.resetAfterMs ?? crashLoopBackOffResetMs;
  }

  /** The current backoff of `key` in ms, 0 without an entry (`Backoff.Get`). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /**
   * Records a restart (`Backoff.Next`): a new or expired entry starts at the initial backoff,
   * an existing one doubles up to the maximum. `eventTimeMs` is the finish time of the exited
   * instance being restarted; `nowMs` becomes the entry's last update.
   */
  next(key: string, eventTimeMs: number, nowMs: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(eventTimeMs, entry.lastUpdateMs)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdateMs: nowMs });
      return;
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
    entry.lastUpdateMs = nowMs;
  }

  /** Whether a container that finished at `eventTimeMs` must still wait (`Backoff.IsInBackOffSince`). */
  isInBackOff(key: string, eventTimeMs: number, nowMs: number): BackOffState {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(eventTimeMs, entry.lastUpdateMs)) return { inBackOff: false, remainingMs: 0, durationMs: entry?.backoffMs ?? 0 };
    const elapsed = nowMs - eventTimeMs;
    const inBackOff = elapsed < entry.backoffMs;
    return { inBackOff, remainingMs: inBackOff ? entry.backoffMs - elapsed : 0, durationMs: entry.backoffMs };
  }

  /** Forgets `key` (`Backoff.Reset`). */
  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Drops entries not updated for longer than the reset period (`Backoff.GC` with the kubelet's expiry). */
  gc(nowMs: number): void {
    for (const [key, entry] of this.entries) if (this.hasExpired(nowMs, entry.lastUpdateMs)) this.entries.delete(key);
  }

  /** Number of entries (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  private hasExpired(eventTimeMs: number, lastUpdateMs: number): boolean {
    return eventTimeMs - lastUpdateMs > this.resetAfterMs;
  }
}

/**
 * The backoff key of a container (kuberuntime `GetStableKey`): pod UID and container name plus
 * a hash of what makes a different container — its image and resources. Changing either resets
 * the backoff; changing command or env does not.
 */
export function crashLoopBackOffKey(pod: Pod, container: Container): string {
  const hash = fnv32a(JSON.stringify([container.image ?? '', container.resources ?? {}])).toString(16);
  return `${pod.metadata.uid ?? ''}/${container.name}/${hash}`;
}

/**
 * The waiting message of a container in CrashLoopBackOff (kuberuntime `doBackOff`):
 * `back-off 20s restarting failed container=app pod=web_default(uid)`.
 */
export function crashLoopBackOffMessage(pod: Pod, containerName: string, durationMs: number): string {
  return `back-off ${formatGoDuration(durationMs)} restarting failed container=${containerName} pod=${formatPodFullName(pod)}`;
}

/** The `BackOff` event message (kuberuntime `doBackOff`): `Back-off restarting failed container app in pod web_default(uid)`. */
export function crashLoopBackOffEventMessage(pod: Pod, containerName: string): string {
  return `Back-off restarting failed container ${containerName} in pod ${formatPodFullName(pod)}`;
}

/**
 * Go's `time.Duration.String()` for a duration in ms: `10s`, `1m20s`, `5m0s`, `1h0m0s`,
 * `1.5s`, `250ms`, `0s`.
 */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) {
    // Sub-second durations print in the largest fitting unit (ms here; we have no finer input).
    return `${sign}${trimFraction(rest)}ms`;
  }
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = trimFraction(rest / 1000);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

function trimFraction(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(9)));
}
