/**
 * SPDY/3.1 sessions for the streaming server, on `spdy-transport` (kubectl-compat.md §7, §9):
 *
 * - direct: `Upgrade: SPDY/3.1` (exec/attach fallback, port-forward fallback). We write the
 *   101 ourselves on the raw socket, echoing the negotiated `X-Stream-Protocol-Version`;
 * - tunnelled: a WebSocket with subprotocol `SPDY/3.1+portforward.k8s.io` whose binary messages
 *   carry the raw SPDY byte stream (what kubectl 1.32 tries first for port-forward).
 *
 * Two quirks are handled here:
 * 1. Kubernetes' SPDY clients (moby/spdystream) send SYN_STREAMs without `:method`/`:path`,
 *    which spdy-transport rejects (`Missing :method and/or :path header`). The parser of each
 *    server connection (not the shared prototype) defaults them.
 * 2. `ws` refuses the subprotocol `SPDY/3.1+portforward.k8s.io` (`/` is not a token character:
 *    `400 Invalid Sec-WebSocket-Protocol header`). The request header is swapped for a
 *    placeholder token before the handshake, and the response line is written back.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import transport from 'spdy-transport';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { badRequest } from '../../apis/index.js';
import { handshake } from './websocket-channels.js';

/** A SPDY session (spdy-transport). */
export type SpdyConnection = transport.Connection;
/** One SPDY stream (spdy-transport). */
export type SpdyStream = transport.SpdyStream;

/** `X-Stream-Protocol-Version`. */
export const StreamProtocolHeader = 'x-stream-protocol-version';
/** The WebSocket subprotocol kubectl uses to tunnel SPDY for port-forward. */
export const SpdyTunnelProtocol = 'SPDY/3.1+portforward.k8s.io';

/** Whether a request asks for `Upgrade: SPDY/3.1`. */
export function isSpdyUpgrade(req: IncomingMessage): boolean {
  return /^spdy\/3\.1$/i.test(String(req.headers.upgrade ?? '').trim());
}

/** Whether a request asks for `Upgrade: websocket`. */
export function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return String(req.headers.upgrade ?? '').trim().toLowerCase() === 'websocket';
}

/**
 * apimachinery `httpstream.Handshake`: the first `X-Stream-Protocol-Version` the client offers
 * that we support. A client that offers none gets `''` (the legacy protocol). Throws 400 when
 * nothing matches (before anything is written on the socket).
 */
export function negotiateStreamProtocol(req: IncomingMessage, supported: readonly string[]): string {
  const raw = req.headers[StreamProtocolHeader];
  const offered = (Array.isArray(raw) ? raw : [raw ?? ''])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (offered.length === 0) return '';
  const found = offered.find((p) => supported.includes(p));
  if (found === undefined) {
    throw badRequest(`unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports [${supported.join(' ')}]`);
  }
  return found;
}

/**
 * Starts a server-side SPDY/3.1 session over `duplex`. Errors on the session are logged by the
 * caller through `onError`; the session never throws.
 */
export function createSpdyServerConnection(duplex: Duplex, onError: (err: Error) => void): SpdyConnection {
  const conn = transport.connection.create(duplex, { protocol: 'spdy', isServer: true });
  // Quirk 1: default :method/:path on this connection's parser only.
  const parser = conn._spdyState.parser;
  const parseKVs = parser.parseKVs.bind(parser);
  parser.parseKVs = (buffer, callback) =>
    parseKVs(buffer, (err, headers) => {
      if (!err && headers) {
        headers[':method'] ??= 'POST';
        headers[':path'] ??= '/';
      }
      callback(err, headers);
    });
  conn.on('error', onError);
  conn.start(3.1);
  return conn;
}

/**
 * Answers `Upgrade: SPDY/3.1` with the 101 (echoing `protocol` as `X-Stream-Protocol-Version`
 * when non-empty) and starts the session on the raw socket. `head` (bytes the client sent
 * after its request) is fed back to the session.
 */
export function acceptSpdyUpgrade(socket: Duplex, head: Buffer, protocol: string, onError: (err: Error) => void): SpdyConnection {
  const lines = ['HTTP/1.1 101 Switching Protocols', 'Connection: Upgrade', 'Upgrade: SPDY/3.1'];
  if (protocol) lines.push(`X-Stream-Protocol-Version: ${protocol}`);
  socket.write(lines.join('\r\n') + '\r\n\r\n');
  if (head.length > 0) socket.unshift(head);
  socket.on('error', onError);
  return createSpdyServerConnection(socket, onError);
}

const placeholderProtocol = 'podyard-spdy-tunnel';
let tunnelServer: WebSocketServer | undefined;

/** The `ws` server (no listening socket) for SPDY tunnels, with quirk 2's header rewrite. */
function tunnelWss(): WebSocketServer {
  if (!tunnelServer) {
    tunnelServer = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      clientTracking: false,
      handleProtocols: () => placeholderProtocol,
    });
    tunnelServer.on('headers', (headers: string[]) => {
      for (let i = 0; i < headers.length; i++) {
        if (headers[i]!.toLowerCase() === `sec-websocket-protocol: ${placeholderProtocol}`) headers[i] = `Sec-WebSocket-Protocol: ${SpdyTunnelProtocol}`;
      }
    });
  }
  return tunnelServer;
}

/** Whether a WebSocket request offers the SPDY tunnel subprotocol. */
export function offersSpdyTunnel(req: IncomingMessage): boolean {
  return String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .some((p) => p.trim() === SpdyTunnelProtocol);
}

/**
 * Completes a WebSocket upgrade with subprotocol `SPDY/3.1+portforward.k8s.io` and starts a
 * SPDY session over its binary messages. Closing the session closes the WebSocket.
 */
export async function acceptSpdyWebSocketTunnel(req: IncomingMessage, socket: Duplex, head: Buffer, onError: (err: Error) => void): Promise<SpdyConnection> {
  // Quirk 2: a token `ws` accepts; the 'headers' hook writes the real one back.
  req.headers['sec-websocket-protocol'] = placeholderProtocol;
  const ws = await handshake(tunnelWss(), req, socket, head);
  ws.on('error', onError);
  const duplex = createWebSocketStream(ws);
  duplex.on('error', onError);
  // createWebSocketStream only ends its readable side when the WebSocket closes; the session
  // (and everything it started) ends on the duplex's 'close', so destroy it.
  ws.once('close', () => duplex.destroy());
  const conn = createSpdyServerConnection(duplex, onError);
  conn.once('close', () => {
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000);
  });
  return conn;
}

/** A SPDY stream's header as one string (`streamtype`, `port`, `requestid`); '' when absent. */
export function streamHeader(stream: SpdyStream, name: string): string {
  const v = stream.headers[name.toLowerCase()];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}
