/**
 * Port-forward over plain WebSocket channels, for browsers and other non-kubectl clients
 * (kubelet `cri/streaming/portforward/websocket.go`; kubectl itself only speaks SPDY). The ports
 * come from the `ports` query parameter; port i gets data channel 2i and error channel 2i+1.
 * The server first sends, on each of those channels, the port number as two little-endian
 * bytes. Then bytes flow on the data channels; a failure is written as text on the error
 * channel. The connection closes when every port's connection has ended.
 *
 * Subprotocols: `v4.channel.k8s.io` (binary), `v4.base64.channel.k8s.io` (text, the channel as
 * an ASCII digit, base64 payload), and none (binary, kubelet's `""`).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import { badRequest } from '../../apis/index.js';
import type { Logger } from '../../base/index.js';
import type { DialedConnection, PortDialer } from './port-forward.js';
import { handshake, offeredProtocols } from './websocket-channels.js';

/** The WebSocket port-forward subprotocols we speak. */
export const webSocketPortForwardProtocols = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io', 'portforward.k8s.io'] as const;

let portForwardServer: WebSocketServer | undefined;

function server(): WebSocketServer {
  portForwardServer ??= new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (offered: Set<string>) => [...offered].find((p) => (webSocketPortForwardProtocols as readonly string[]).includes(p)) ?? false,
  });
  return portForwardServer;
}

/** Whether a WebSocket port-forward request offers a channel protocol we speak (or none). */
export function offersWebSocketPortForward(req: IncomingMessage): boolean {
  const offered = offeredProtocols(req);
  return offered.length === 0 || offered.some((p) => (webSocketPortForwardProtocols as readonly string[]).includes(p));
}

/** Options of {@link serveWebSocketPortForward}. */
export interface WebSocketPortForwardOptions {
  ports: number[];
  podId: string;
  dial: PortDialer;
  logger: Logger;
}

/**
 * Completes the handshake and forwards every requested port until all connections ended or the
 * client went away. Throws 400 (before the handshake) without `ports`.
 */
export async function serveWebSocketPortForward(req: IncomingMessage, socket: Duplex, head: Buffer, options: WebSocketPortForwardOptions): Promise<void> {
  const { ports, podId, dial, logger } = options;
  if (ports.length === 0) throw badRequest('query parameter "port" is required');
  const ws = await handshake(server(), req, socket, head);
  const base64 = ws.protocol.includes('base64');
  ws.on('error', () => ws.terminate());

  const send = (channel: number, data: Buffer): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (base64) ws.send(String.fromCharCode(48 + channel) + data.toString('base64'));
    else ws.send(Buffer.concat([Buffer.from([channel]), data]));
  };
  const portBytes = (port: number): Buffer => Buffer.from([port & 0xff, (port >> 8) & 0xff]);

  const connections: (DialedConnection | undefined)[] = ports.map(() => undefined);
  const pendingInput: Buffer[][] = ports.map(() => []);
  ws.on('message', (raw: RawData, isBinary: boolean) => {
    let data = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    if (base64 || !isBinary) {
      const text = data.toString('latin1');
      if (!text) return;
      data = Buffer.concat([Buffer.from([text.charCodeAt(0) - 48]), Buffer.from(text.slice(1), 'base64')]);
    }
    if (data.length < 1) return;
    const channel = data[0]!;
    if (channel % 2 !== 0) return; // nothing is read from error channels
    const i = channel / 2;
    if (i >= ports.length || data.length === 1) return;
    const conn = connections[i];
    if (conn) conn.stream.write(data.subarray(1));
    else pendingInput[i]!.push(Buffer.from(data.subarray(1)));
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));

  const forwards = ports.map(async (port, i) => {
    send(2 * i, portBytes(port));
    send(2 * i + 1, portBytes(port));
    let conn: DialedConnection;
    try {
      conn = await dial(port);
    } catch (err) {
      const msg = `error forwarding port ${port} to pod ${podId}, uid : ${err instanceof Error ? err.message : String(err)}`;
      logger.info('port-forward failed', { err: msg });
      send(2 * i + 1, Buffer.from(msg));
      return;
    }
    connections[i] = conn;
    for (const chunk of pendingInput[i]!.splice(0)) conn.stream.write(chunk);
    conn.stream.on('data', (chunk: Buffer) => send(2 * i, chunk));
    await Promise.race([
      new Promise<void>((resolve) => {
        conn.stream.once('end', resolve);
        conn.stream.once('close', resolve);
        conn.stream.once('error', () => resolve());
      }),
      closed,
    ]);
    conn.close();
  });
  await Promise.all(forwards);
  if (ws.readyState === ws.OPEN) ws.close(1000);
  await closed;
}
