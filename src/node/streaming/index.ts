/**
 * node/streaming: the node's streaming server for `pods/log`, `exec`, `attach` and
 * `portforward` — WebSocket (`v5.channel.k8s.io`), SPDY/3.1 and the SPDY-in-WebSocket tunnel
 * kubectl uses for port-forward. `cmd` hands {@link StreamingServer} to the API server as its
 * `PodSubresourceHandler`.
 */
export {
  StreamingServer,
  type StreamingServerConfig,
  type StreamingServerDeps,
  type PodLocator,
  type PodStreamingLocation,
} from './streaming-server.js';
export { validateContainer, resolveLogInstance, allContainerNames } from './pod-containers.js';
export {
  hostDialer,
  netnsDialer,
  servePortForward,
  type PortDialer,
  type DialedConnection,
  type NetnsDialerTools,
} from './port-forward.js';
export {
  execSuccessStatus,
  nonZeroExitStatus,
  internalErrorStatus,
  NonZeroExitCodeReason,
  ExitCodeCauseType,
  type RemoteCommandStreams,
  type StreamSelection,
  type TerminalSize,
} from './remote-command.js';
