/**
 * node/prober: liveness, readiness and startup probes as the kubelet runs them (issue #7) —
 * one worker and one timer per probe, results cached and turned into pod syncs, network probes
 * dialled from Podyard itself (the pod IP from the node, or 127.0.0.1 inside a loopback-only
 * pod's network namespace through one node-wide relay) and exec probes through the runtime.
 */
export { ProbeManager, type ProbeManagerDeps } from './manager.js';
export { ProbeWorker, runtimeIdOf, withProbeDefaults, type WorkerHost } from './worker.js';
export { ResultsCache, type CachedProbeResult } from './results.js';
export {
  Prober,
  maxProbeRetries,
  networkTarget,
  probeSpecOf,
  resolveProbePort,
  type ContainerEventRecorder,
  type ContainerProber,
  type PodNetwork,
  type ProbeType,
  type ProberDeps,
} from './prober.js';
export {
  httpGet,
  httpProbe,
  tcpProbe,
  grpcProbe,
  formatProbeURL,
  encodeHealthCheckRequest,
  decodeHealthCheckResponse,
  probeUserAgent,
  maxRespBodyLength,
  type HandlerResult,
  type HttpGetRequest,
  type HttpGetResponse,
  type NetworkTarget,
  type ProbeOutcome,
} from './handlers.js';
export { PodDialer, dialDirect, dialError, joinHostPort, type Dialer, type DialTarget } from './dialer.js';
export { ProbeError, probeErrorCodes, type ProbeErrorCode } from './errors.js';
