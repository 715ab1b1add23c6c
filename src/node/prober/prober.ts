/**
 * The kubelet's `prober` (pkg/kubelet/prober/prober.go): runs one probe of one container with
 * its handler, retries handler errors (not failures) up to three times, records the kubelet's
 * events (`Unhealthy`: "Liveness probe failed: HTTP probe failed with statuscode: 500",
 * `ProbeWarning` for a redirect to another host) and turns the outcome into a cached result.
 * @module
 */
import type { Container, ContainerPort, IntOrString, Pod, Probe } from '../../apis/index.js';
import { EventReasons } from '../../apis/index.js';
import { errorMessage } from '../../base/index.js';
import type { RuntimeService } from '../../runtime/index.js';
import type { Dialer } from './dialer.js';
import { ProbeError } from './errors.js';
import { grpcProbe, httpProbe, tcpProbe, type HandlerResult, type NetworkTarget } from './handlers.js';

/** The three probe kinds, as the kubelet prints them in events (`probeType.String()`). */
export type ProbeType = 'Liveness' | 'Readiness' | 'Startup';

/** Where a pod's network is, for network probes and hooks. */
export interface PodNetwork {
  /** `status.podIP`: dialled from the node when set. */
  podIP?: string;
  /** The sandbox's network namespace: dialled into (127.0.0.1) when the pod has no IP. */
  netnsPath?: string;
}

/** Records an event about a container (the kubelet's `recordContainerEvent`). */
export type ContainerEventRecorder = (pod: Pod, container: Container, type: 'Normal' | 'Warning', reason: string, message: string) => void;

/** What the prober needs. */
export interface ProberDeps {
  runtime: Pick<RuntimeService, 'execSync'>;
  dialer: Dialer;
  record: ContainerEventRecorder;
}

/** Something that probes one container once (the worker's view of the prober; fakes implement it in tests). */
export interface ContainerProber {
  /** Resolves `Success`/`Failure`; rejects when the probe errored (the worker then discards the result). */
  probe(probeType: ProbeType, pod: Pod, network: PodNetwork, container: Container, containerId: string): Promise<'Success' | 'Failure'>;
}

/** kubelet `maxProbeRetries`: handler errors (not failures) are retried this often. */
export const maxProbeRetries = 3;

/**
 * kubelet `probe.findPortByName` / `util.ResolvePort`: a number, a numeric string, or the
 * name of one of the container's ports. Throws like the kubelet (`strconv.Atoi: parsing "http": invalid syntax`).
 */
export function resolveProbePort(port: IntOrString | undefined, container: Container): number {
  let n: number;
  if (typeof port === 'number') n = port;
  else {
    const named = (container.ports ?? []).find((p: ContainerPort) => p.name === port);
    if (named) n = named.containerPort;
    else if (/^[+-]?\d+$/.test(port ?? '')) n = Number(port);
    else throw new ProbeError('InvalidPort', `strconv.Atoi: parsing ${JSON.stringify(port ?? '')}: invalid syntax`);
  }
  if (n > 0 && n < 65536) return n;
  throw new ProbeError('InvalidPort', `invalid port number: ${n}`);
}

/**
 * Where to connect for a probe or hook with `host` (the action's host field): that host from the
 * node when set; else the pod IP from the node; else 127.0.0.1 inside the pod's network
 * namespace (a pod with loopback only); else 127.0.0.1 on the node.
 */
export function networkTarget(host: string | undefined, network: PodNetwork): NetworkTarget {
  if (host) return { host };
  if (network.podIP) return { host: network.podIP };
  if (network.netnsPath) return { host: '127.0.0.1', netnsPath: network.netnsPath };
  return { host: '127.0.0.1' };
}

/** The probe spec of one type on a container. */
export function probeSpecOf(container: Container, probeType: ProbeType): Probe | undefined {
  return probeType === 'Liveness' ? container.livenessProbe : probeType === 'Readiness' ? container.readinessProbe : container.startupProbe;
}

/** The real prober: exec through the runtime, network probes through the dialer. */
export class Prober implements ContainerProber {
  constructor(private readonly deps: ProberDeps) {}

  async probe(probeType: ProbeType, pod: Pod, network: PodNetwork, container: Container, containerId: string): Promise<'Success' | 'Failure'> {
    const spec = probeSpecOf(container, probeType);
    if (!spec) return 'Success';
    let outcome: HandlerResult | undefined;
    let error: unknown;
    for (let i = 0; i < maxProbeRetries; i++) {
      try {
        outcome = await this.runProbe(spec, network, container, containerId);
        error = undefined;
        break;
      } catch (err) {
        error = err;
      }
    }
    if (error !== undefined || !outcome) {
      this.deps.record(pod, container, 'Warning', EventReasons.ContainerUnhealthy, `${probeType} probe errored and resulted in unknown state: ${errorMessage(error)}`);
      throw error instanceof Error ? error : new Error(String(error));
    }
    switch (outcome.result) {
      case 'Success':
        return 'Success';
      case 'Warning':
        this.deps.record(pod, container, 'Warning', EventReasons.ContainerProbeWarning, `${probeType} probe warning: ${outcome.output}`);
        return 'Success';
      case 'Failure':
        this.deps.record(pod, container, 'Warning', EventReasons.ContainerUnhealthy, `${probeType} probe failed: ${outcome.output}`);
        return 'Failure';
      default:
        return 'Failure';
    }
  }

  /** kubelet `runProbe`: one attempt with the probe's handler. Throws on handler errors. */
  private async runProbe(spec: Probe, network: PodNetwork, container: Container, containerId: string): Promise<HandlerResult> {
    const timeoutMs = (spec.timeoutSeconds || 1) * 1000;
    if (spec.exec) return this.execProbe(spec.exec.command ?? [], containerId, timeoutMs);
    if (spec.httpGet) {
      const port = resolveProbePort(spec.httpGet.port, container);
      return httpProbe(this.deps.dialer, {
        scheme: spec.httpGet.scheme === 'HTTPS' ? 'https' : 'http',
        target: networkTarget(spec.httpGet.host, network),
        port,
        path: spec.httpGet.path ?? '/',
        headers: spec.httpGet.httpHeaders ?? [],
        timeoutMs,
      });
    }
    if (spec.tcpSocket) {
      const port = resolveProbePort(spec.tcpSocket.port, container);
      return tcpProbe(this.deps.dialer, networkTarget(spec.tcpSocket.host, network), port, timeoutMs);
    }
    if (spec.grpc) {
      return grpcProbe(this.deps.dialer, networkTarget(undefined, network), resolveProbePort(spec.grpc.port, container), spec.grpc.service ?? '', timeoutMs);
    }
    throw new ProbeError('MissingHandler', `missing probe handler for container ${JSON.stringify(container.name)}`);
  }

  /**
   * `pkg/probe/exec`: exit 0 succeeds, another exit code fails with the combined output, a
   * timeout fails with `command "<cmd>" timed out` (kuberuntime's TimeoutError); other errors
   * (container gone) are probe errors.
   */
  private async execProbe(cmd: string[], containerId: string, timeoutMs: number): Promise<HandlerResult> {
    try {
      const r = await this.deps.runtime.execSync(containerId, cmd, timeoutMs);
      const output = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
      return { result: r.exitCode === 0 ? 'Success' : 'Failure', output };
    } catch (err) {
      if ((err as { code?: string }).code === 'DeadlineExceeded') return { result: 'Failure', output: `command ${JSON.stringify(cmd.join(' '))} timed out` };
      throw err;
    }
  }
}
