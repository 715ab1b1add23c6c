/**
 * Lifecycle hooks (pkg/kubelet/lifecycle/handlers.go `handlerRunner.Run`): `exec` through the
 * runtime, `httpGet` from Podyard over the prober's dialer (nothing needed in the image), and
 * `sleep`. A failure rejects with the kubelet's message, which the node agent logs and puts in
 * the container's waiting message; the events say only `PostStartHook failed` /
 * `PreStopHook failed` (the kubelet keeps hook output out of events so secrets do not leak).
 *
 * As in the kubelet, an HTTP hook fails only when the request cannot be made (connection
 * refused, timeout, bad port): the status code is not checked.
 * @module
 */
import type { Container, LifecycleHandler, Pod } from '../../apis/index.js';
import type { Clock } from '../../base/index.js';
import { errorMessage } from '../../base/index.js';
import type { RuntimeService } from '../../runtime/index.js';
import { formatPodFullName } from '../pod-logic/index.js';
import { httpGet, networkTarget, ProbeError, resolveProbePort, type Dialer, type PodNetwork } from '../prober/index.js';

/** What the runner needs. */
export interface HandlerRunnerDeps {
  runtime: Pick<RuntimeService, 'execSync'>;
  dialer: Dialer;
  clock: Clock;
}

/** Go's `%v` of a `[]string`: `[sh -c echo hi]`. */
function goSlice(list: readonly string[]): string {
  return `[${list.join(' ')}]`;
}

/** How long an HTTP hook may take (the kubelet's hook HTTP client has no timeout; this bounds a hung server). */
const httpHookTimeoutMs = 30_000;

/** Runs lifecycle handlers for the node agent. */
export class HandlerRunner {
  constructor(private readonly deps: HandlerRunnerDeps) {}

  /**
   * Runs `handler` for `container` (running as `containerId`). Resolves with the output (exec)
   * or '' ; rejects with a {@link ProbeError} `HookFailed` carrying the kubelet's message.
   * `signal` ends a `sleep` early (the grace period ran out).
   */
  async run(containerId: string, pod: Pod, container: Container, handler: LifecycleHandler, network: PodNetwork, signal?: AbortSignal): Promise<string> {
    const podName = formatPodFullName(pod);
    if (handler.exec) {
      const cmd = handler.exec.command ?? [];
      let output = '';
      try {
        const r = await this.deps.runtime.execSync(containerId, cmd, 0);
        output = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
        if (r.exitCode !== 0) throw new Error(`command '${cmd.join(' ')}' exited with ${r.exitCode}: ${r.stderr.toString('utf8')}`);
        return output;
      } catch (err) {
        throw new ProbeError(
          'HookFailed',
          `Exec lifecycle hook (${goSlice(cmd)}) for Container ${JSON.stringify(container.name)} in Pod ${JSON.stringify(podName)} failed - error: ${errorMessage(err)}, message: ${JSON.stringify(output)}`,
          { cause: err },
        );
      }
    }
    if (handler.httpGet) {
      const action = handler.httpGet;
      try {
        const port = resolveProbePort(action.port, container);
        await httpGet(this.deps.dialer, {
          scheme: action.scheme === 'HTTPS' ? 'https' : 'http',
          target: networkTarget(action.host, network),
          port,
          path: action.path ?? '',
          headers: action.httpHeaders ?? [],
          timeoutMs: httpHookTimeoutMs,
        });
        return '';
      } catch (err) {
        throw new ProbeError(
          'HookFailed',
          `HTTP lifecycle hook (${action.path ?? ''}) for Container ${JSON.stringify(container.name)} in Pod ${JSON.stringify(podName)} failed - error: ${errorMessage(err)}`,
          { cause: err },
        );
      }
    }
    if (handler.sleep) {
      await this.sleep(handler.sleep.seconds * 1000, signal);
      return '';
    }
    if (handler.tcpSocket) {
      // Deprecated and never supported as a hook: the kubelet reports it as an unknown handler.
      throw new ProbeError('HookFailed', `cannot run handler: tcpSocket is not supported as a lifecycle handler`);
    }
    throw new ProbeError('HookFailed', 'invalid handler');
  }

  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const t = this.deps.clock.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        this.deps.clock.clearTimeout(t);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
