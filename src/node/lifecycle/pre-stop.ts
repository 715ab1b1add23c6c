/**
 * kuberuntime `executePreStopHook` and the grace-period arithmetic of `killContainer`.
 * @module
 */
import type { Container, Pod } from '../../apis/index.js';
import type { Clock } from '../../base/index.js';
import type { PodNetwork } from '../prober/index.js';
import type { HandlerRunner } from './handler-runner.js';

/** kuberuntime `minimumGracePeriodInSeconds`: a kill always gives the process this long after SIGTERM. */
export const minimumGracePeriodSeconds = 2;

/** What {@link executePreStopHook} runs. */
export interface PreStopRequest {
  runner: HandlerRunner;
  clock: Clock;
  containerId: string;
  pod: Pod;
  container: Container;
  network: PodNetwork;
  gracePeriodSeconds: number;
  /** Called when the hook fails (the caller records `FailedPreStopHook` and logs the message). */
  onFailure: (err: unknown) => void;
}

/**
 * Runs the container's preStop hook, waiting at most the grace period (the hook keeps running
 * past it, as the kubelet's goroutine does, until the container is killed). Resolves the whole
 * seconds it took, which the caller subtracts from the grace period.
 */
export async function executePreStopHook(req: PreStopRequest): Promise<number> {
  const handler = req.container.lifecycle?.preStop;
  if (!handler) return 0;
  const start = req.clock.now();
  const abort = new AbortController();
  let timer: ReturnType<Clock['setTimeout']> | undefined;
  const hook = req.runner.run(req.containerId, req.pod, req.container, handler, req.network, abort.signal).then(
    () => undefined,
    (err: unknown) => req.onFailure(err),
  );
  const expired = new Promise<void>((resolve) => {
    timer = req.clock.setTimeout(() => {
      abort.abort();
      resolve();
    }, req.gracePeriodSeconds * 1000);
  });
  await Promise.race([hook, expired]);
  if (timer) req.clock.clearTimeout(timer);
  return Math.floor((req.clock.now() - start) / 1000);
}

/**
 * The grace period `killContainer` gives the runtime's stop: the preStop hook's time is taken
 * out of it, then at least {@link minimumGracePeriodSeconds}.
 */
export function remainingGracePeriodSeconds(gracePeriodSeconds: number, preStopElapsedSeconds: number): number {
  return Math.max(minimumGracePeriodSeconds, gracePeriodSeconds - preStopElapsedSeconds);
}
