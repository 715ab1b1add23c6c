/**
 * The node's streaming server: `pods/{name}/log`, `exec`, `attach` and `portforward` (issues #4
 * and #6). It is the API server's `PodSubresourceHandler` (declared in `apiserver/handler.ts`,
 * implemented here structurally and wired by `cmd`), and plays both halves of a real cluster's
 * path: the API server's checks and messages (`pkg/registry/core/pod`), then the kubelet's
 * (`pkg/kubelet/server`, `cri/streaming`), talking to clients directly in every protocol
 * kubectl 1.32 speaks (kubectl-compat.md §7–§9):
 *
 * | subresource | plain GET/POST           | WebSocket                                  | SPDY/3.1                         |
 * |-------------|--------------------------|--------------------------------------------|----------------------------------|
 * | log         | text/plain (chunked)     | –                                          | –                                |
 * | exec/attach | 400 Upgrade request required | `v5.channel.k8s.io` (and v4/v1/base64) | `v4.channel.k8s.io` streams      |
 * | portforward | 400 Upgrade request required | `SPDY/3.1+portforward.k8s.io` tunnel, or port-prefixed `v4.channel.k8s.io` channels | `portforward.k8s.io` streams |
 *
 * Failures before the connection is upgraded are thrown as StatusErrors (the API server answers
 * them); after it, they are written on the connection as the protocol wants.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  aggregateFieldErrors,
  badRequest,
  decodePodAttachOptions,
  decodePodExecOptions,
  decodePodPortForwardOptions,
  goQuote,
  internalError,
  notFound,
  type KubeObject,
  type Pod,
} from '../../apis/index.js';
import type { Clock, Logger } from '../../base/index.js';
import type { ContainerState, RuntimeService } from '../../runtime/index.js';
import { serveContainerLogs } from './container-logs.js';
import { validateContainer } from './pod-containers.js';
import {
  defaultNetnsDialerTools,
  hostDialer,
  netnsDialer,
  PortForwardProtocolV1,
  servePortForward,
  type NetnsDialerTools,
  type PortDialer,
} from './port-forward.js';
import { internalErrorStatus, runRemoteCommand, type RemoteCommandStreams, type RemoteCommandTarget, type StreamSelection } from './remote-command.js';
import {
  acceptSpdyUpgrade,
  acceptSpdyWebSocketTunnel,
  isSpdyUpgrade,
  isWebSocketUpgrade,
  negotiateStreamProtocol,
  offersSpdyTunnel,
  SpdyTunnelProtocol,
  type SpdyConnection,
} from './spdy.js';
import { spdyRemoteCommandProtocols, spdyRemoteCommandStreams } from './spdy-remote-command.js';
import { acceptChannelWebSocket, offeredProtocols } from './websocket-channels.js';
import { offersWebSocketPortForward, serveWebSocketPortForward, webSocketPortForwardProtocols } from './websocket-port-forward.js';

/** Where a pod's containers and network namespace are (supplied by the kubelet). */
export interface PodStreamingLocation {
  /** The latest instance of each container by name, with the log of the one before it. */
  containers: Map<string, { id: string; state: ContainerState; logPath: string; previousLogPath?: string }>;
  /** The pod's pinned network namespace; absent with host networking (or without a ready sandbox). */
  netnsPath?: string;
  podIP?: string;
}

/** Finds a pod on this node (`Kubelet.locate`). Undefined (or a throw) when the node does not know it. */
export type PodLocator = (pod: Pod) => Promise<PodStreamingLocation | undefined>;

/** What the streaming server works with. */
export interface StreamingServerDeps {
  runtime: Pick<RuntimeService, 'exec' | 'attach' | 'containerStatus'>;
  logger: Logger;
  clock: Clock;
  locate: PodLocator;
}

/** Tunables, defaults merged at construction. */
export interface StreamingServerConfig {
  /** kubelet's `--streaming-connection-idle-timeout` is not applied; this is the stream creation timeout (30 s). */
  streamCreationTimeoutMs?: number;
  /** Helper binaries for port-forward inside a network namespace. */
  nsenterPath?: string;
  socatPath?: string;
  /** With a tty, how long to wait for the client's first resize before starting the process (300 ms). */
  initialResizeWaitMs?: number;
}

const podsResource = { group: '', resource: 'pods' };

/**
 * Serves the streaming pod subresources. Structurally the API server's `PodSubresourceHandler`.
 * Every connection it holds ends with {@link StreamingServer.close}.
 */
export class StreamingServer {
  private readonly config: Required<Pick<StreamingServerConfig, 'streamCreationTimeoutMs' | 'initialResizeWaitMs'>> & { tools: NetnsDialerTools };
  private readonly sockets = new Set<Duplex>();

  constructor(
    private readonly deps: StreamingServerDeps,
    config: StreamingServerConfig = {},
  ) {
    this.config = {
      streamCreationTimeoutMs: config.streamCreationTimeoutMs ?? 30_000,
      initialResizeWaitMs: config.initialResizeWaitMs ?? 300,
      tools: {
        nsenterPath: config.nsenterPath ?? defaultNetnsDialerTools.nsenterPath,
        socatPath: config.socatPath ?? defaultNetnsDialerTools.socatPath,
      },
    };
  }

  /**
   * Plain requests: `log` is served; `exec`, `attach` and `portforward` are checked like the
   * API server does, then refused with 400 `Upgrade request required`.
   */
  async handle(subresource: string, object: KubeObject, _req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const pod = object as Pod;
    switch (subresource) {
      case 'log':
        return serveContainerLogs({ ...this.deps, locate: (p) => this.locate(p) }, pod, res, query);
      case 'exec':
      case 'attach':
        this.remoteCommandRequest(subresource, pod, query);
        throw badRequest('Upgrade request required');
      case 'portforward':
        this.portForwardRequest(pod, query);
        throw badRequest('Upgrade request required');
      default:
        throw notFound(podsResource, pod.metadata.name ?? '');
    }
  }

  /**
   * Upgrade requests for `exec`, `attach` (WebSocket channels or SPDY) and `portforward`
   * (SPDY, directly or tunnelled in a WebSocket). Resolves when the session is over; throws
   * only before the socket was answered.
   */
  async upgrade(subresource: string, object: KubeObject, req: IncomingMessage, socket: Duplex, head: Buffer, query: URLSearchParams): Promise<void> {
    const pod = object as Pod;
    switch (subresource) {
      case 'exec':
      case 'attach':
        return this.remoteCommand(subresource, pod, req, socket, head, query);
      case 'portforward':
        return this.portForward(pod, req, socket, head, query);
      default:
        throw badRequest(`upgrade is not supported on pods/${subresource}`);
    }
  }

  /** Ends every open streaming connection. */
  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    return Promise.resolve();
  }

  // -------------------------------------------------------------------------------------------
  // exec / attach

  /** The API server's part (`streamLocation` + kubelet `NewOptions`): options, container, host. */
  private remoteCommandRequest(
    subresource: 'exec' | 'attach',
    pod: Pod,
    query: URLSearchParams,
  ): { container: string; selection: StreamSelection; command: string[] } {
    const decoded = subresource === 'exec' ? decodePodExecOptions(query) : decodePodAttachOptions(query);
    if (!decoded.ok) throw badRequest(aggregateFieldErrors(decoded.errors));
    const o = decoded.value;
    const container = validateContainer(pod, o.container);
    if (!pod.spec?.nodeName) throw badRequest(`pod ${pod.metadata.name ?? ''} does not have a host assigned`);
    const tty = o.tty === true;
    const selection: StreamSelection = { stdin: o.stdin === true, stdout: o.stdout === true, stderr: o.stderr === true && !tty, tty };
    if (!selection.stdin && !selection.stdout && !selection.stderr) throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
    return { container, selection, command: 'command' in o ? (o as { command: string[] }).command : [] };
  }

  private async remoteCommand(subresource: 'exec' | 'attach', pod: Pod, req: IncomingMessage, socket: Duplex, head: Buffer, query: URLSearchParams): Promise<void> {
    const { container, selection, command } = this.remoteCommandRequest(subresource, pod, query);
    const log = this.deps.logger.child({ pod: `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`, container, subresource });

    // kubelet `findContainer`: only a running container can be exec'd into or attached to.
    const location = await this.locate(pod);
    const entry = location?.containers.get(container);
    const notRunning = !entry || entry.state !== 'CONTAINER_RUNNING' ? `container not found (${goQuote(container)})` : undefined;

    let streams: RemoteCommandStreams;
    if (isWebSocketUpgrade(req)) {
      streams = await acceptChannelWebSocket(req, socket, head, selection);
      this.track(socket);
      if (notRunning) {
        // What a 1.32 API server writes when the kubelet refuses the (translated) SPDY upgrade.
        await streams.finish(internalErrorStatus(`unable to upgrade connection: ${notRunning}`));
        return;
      }
    } else if (isSpdyUpgrade(req)) {
      const protocol = negotiateStreamProtocol(req, spdyRemoteCommandProtocols);
      if (notRunning) throw internalError(new Error(`unable to upgrade connection: ${notRunning}`));
      const conn = acceptSpdyUpgrade(socket, head, protocol, (err) => log.debug('SPDY connection error', { err: err.message }));
      this.track(socket);
      try {
        streams = await spdyRemoteCommandStreams(conn, protocol, selection, this.deps.clock, this.config.streamCreationTimeoutMs);
      } catch (err) {
        log.info('exec/attach session not started', { err: err instanceof Error ? err.message : String(err) });
        socket.destroy();
        return;
      }
    } else {
      throw badRequest('Upgrade request required');
    }

    const id = entry!.id;
    const runtime = this.deps.runtime;
    const containerTty = pod.spec?.containers?.find((c) => c.name === container)?.tty === true;
    const target: RemoteCommandTarget =
      subresource === 'exec'
        ? {
            kind: 'exec',
            cmd: command,
            start: (size) =>
              runtime.exec(id, {
                cmd: command,
                tty: selection.tty,
                stdin: selection.stdin,
                stdout: selection.stdout,
                stderr: selection.stderr,
                ...(size ? { size } : {}),
              }),
          }
        : {
            kind: 'attach',
            cmd: [],
            // The container's own tty setting decides (kubelet GetAttach), not the request's.
            start: (size) =>
              runtime.attach(id, {
                tty: containerTty,
                stdin: selection.stdin,
                stdout: selection.stdout,
                stderr: selection.stderr && !containerTty,
                ...(size ? { size } : {}),
              }),
          };
    try {
      await runRemoteCommand(streams, target, { clock: this.deps.clock, logger: log, initialResizeWaitMs: this.config.initialResizeWaitMs });
    } catch (err) {
      log.warn('exec/attach session failed', { err: err instanceof Error ? err.message : String(err) });
      streams.destroy();
    }
  }

  // -------------------------------------------------------------------------------------------
  // port-forward

  /** The API server's part (`PortForwardLocation`): a host, and decodable `ports`. */
  private portForwardRequest(pod: Pod, query: URLSearchParams): number[] {
    if (!pod.spec?.nodeName) throw badRequest(`pod ${pod.metadata.name ?? ''} does not have a host assigned`);
    const decoded = decodePodPortForwardOptions(query);
    if (!decoded.ok) throw badRequest(aggregateFieldErrors(decoded.errors));
    return decoded.value.ports ?? [];
  }

  private async portForward(pod: Pod, req: IncomingMessage, socket: Duplex, head: Buffer, query: URLSearchParams): Promise<void> {
    const ports = this.portForwardRequest(pod, query);
    const podId = pod.metadata.uid ?? pod.metadata.name ?? '';
    const log = this.deps.logger.child({ pod: `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`, subresource: 'portforward' });
    const location = await this.locate(pod);
    const dial = this.dialerFor(pod, podId, location);
    const onError = (err: Error): void => log.debug('port-forward connection error', { err: err.message });

    let conn: SpdyConnection;
    if (isWebSocketUpgrade(req)) {
      if (!offersSpdyTunnel(req)) {
        if (!offersWebSocketPortForward(req)) {
          throw badRequest(`unable to upgrade: unable to negotiate protocol: client supports ${JSON.stringify(offeredProtocols(req))}, server supports ${JSON.stringify([SpdyTunnelProtocol, ...webSocketPortForwardProtocols])}`);
        }
        // The browser framing: port-prefixed channels over the WebSocket itself.
        const pending = serveWebSocketPortForward(req, socket, head, { ports, podId, dial, logger: log });
        this.track(socket);
        return pending;
      }
      conn = await acceptSpdyWebSocketTunnel(req, socket, head, onError);
    } else if (isSpdyUpgrade(req)) {
      const protocol = negotiateStreamProtocol(req, [PortForwardProtocolV1]);
      conn = acceptSpdyUpgrade(socket, head, protocol, onError);
    } else {
      throw badRequest('Upgrade request required');
    }
    this.track(socket);
    servePortForward(conn, { podId, dial, clock: this.deps.clock, logger: log, streamCreationTimeoutMs: this.config.streamCreationTimeoutMs });
    await new Promise<void>((resolve) => conn.once('close', () => resolve()));
  }

  /**
   * How to reach the pod's ports: inside its network namespace (nsenter + socat), or from here
   * for host-network pods. A pod that should have a namespace but has none cannot be reached.
   */
  private dialerFor(pod: Pod, podId: string, location: PodStreamingLocation | undefined): PortDialer {
    if (location?.netnsPath) return netnsDialer(podId, location.netnsPath, this.config.tools);
    if (pod.spec?.hostNetwork === true) return hostDialer(podId);
    return () => Promise.reject(new Error(`network namespace for sandbox ${goQuote(podId)} is closed`));
  }

  // -------------------------------------------------------------------------------------------

  private async locate(pod: Pod): Promise<PodStreamingLocation | undefined> {
    try {
      return await this.deps.locate(pod);
    } catch (err) {
      this.deps.logger.debug('locating a pod failed', { pod: pod.metadata.name, err: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  }

  private track(socket: Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
