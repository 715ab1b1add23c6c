/**
 * The WebSocket channel protocols of exec and attach (apimachinery `util/wsstream`, client-go
 * `tools/remotecommand/websocket.go`). Every message is `[channel byte][payload]`:
 *
 * | ch  | direction       | meaning                                                       |
 * |-----|-----------------|---------------------------------------------------------------|
 * | 0   | client → server | stdin                                                         |
 * | 1   | server → client | stdout                                                        |
 * | 2   | server → client | stderr (absent with a tty)                                    |
 * | 3   | server → client | the final Status (v4+), or the error text (v1), once          |
 * | 4   | client → server | terminal resize, JSON `{"Width":120,"Height":40}`             |
 * | 255 | client → server | v5 close signal: payload names the stream the client closed   |
 *
 * kubectl 1.32 offers only `v5.channel.k8s.io`. The others are for browsers and other clients:
 * `v4.channel.k8s.io` (v5 without the close signal), the `base64.` variants (text messages, the
 * channel as an ASCII digit, payload in base64) and the v1 `channel.k8s.io` (error text only on
 * failure).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { PassThrough, Writable } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { badRequest } from '../../apis/index.js';
import type { ErrorStreamStatus, RemoteCommandStreams, StreamSelection, TerminalSize } from './remote-command.js';

/** Channel numbers of the Kubernetes remote-command protocols. */
export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** The channel subprotocols we speak. The client's order of preference wins (wsstream). */
export const channelProtocols = [
  'v5.channel.k8s.io',
  'v4.channel.k8s.io',
  'v4.base64.channel.k8s.io',
  'channel.k8s.io',
  'base64.channel.k8s.io',
] as const;

/** One of {@link channelProtocols}. */
export type ChannelProtocol = (typeof channelProtocols)[number];

/** The Sec-WebSocket-Protocol values offered by a request, in order. */
export function offeredProtocols(req: IncomingMessage): string[] {
  return String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Picks the subprotocol for a channel WebSocket: the first offered one we speak; none offered
 * means the legacy `channel.k8s.io` (wsstream's default). Undefined when only unknown ones are offered.
 */
export function chooseChannelProtocol(offered: readonly string[]): ChannelProtocol | undefined {
  if (offered.length === 0) return 'channel.k8s.io';
  const p = offered.find((o): o is ChannelProtocol => (channelProtocols as readonly string[]).includes(o));
  return p;
}

let channelServer: WebSocketServer | undefined;

/** The one `ws` server (no listening socket) that completes channel handshakes. */
function server(): WebSocketServer {
  channelServer ??= new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (offered: Set<string>) => chooseChannelProtocol([...offered]) ?? false,
  });
  return channelServer;
}

/**
 * Completes a WebSocket upgrade for exec/attach and exposes it as {@link RemoteCommandStreams}.
 * Throws a 400 StatusError (before touching the socket) when the client offered only
 * subprotocols we do not speak.
 */
export async function acceptChannelWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer, selection: StreamSelection): Promise<RemoteCommandStreams> {
  const offered = offeredProtocols(req);
  const chosen = chooseChannelProtocol(offered);
  if (!chosen) {
    throw badRequest(`unable to upgrade: unable to negotiate protocol: client supports ${JSON.stringify(offered)}, server supports ${JSON.stringify(channelProtocols)}`);
  }
  const ws = await handshake(server(), req, socket, head);
  return channelStreams(ws, chosen, selection);
}

/**
 * `handleUpgrade`, as a promise. `ws` answers a malformed handshake (400) itself and never calls
 * back, so the promise also settles (rejects) when the socket closes first.
 */
export function handshake(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<WebSocket> {
  return new Promise<WebSocket>((resolve, reject) => {
    const onClose = (): void => reject(new Error('the WebSocket handshake failed'));
    socket.once('close', onClose);
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.removeListener('close', onClose);
      resolve(ws);
    });
  });
}

/** Wraps an open WebSocket speaking `protocol` as the streams of one session. Exported for tests. */
export function channelStreams(ws: WebSocket, protocol: ChannelProtocol, selection: StreamSelection): RemoteCommandStreams {
  const base64 = protocol.includes('base64');
  const statusAsJson = protocol.startsWith('v4.') || protocol.startsWith('v5.');
  const hasCloseSignal = protocol.startsWith('v5.');

  const send = (channel: number, data: Buffer): Promise<void> =>
    new Promise<void>((resolve) => {
      if (ws.readyState !== ws.OPEN) return resolve();
      const cb = (): void => resolve();
      if (base64) ws.send(String.fromCharCode(48 + channel) + data.toString('base64'), cb);
      else ws.send(Buffer.concat([Buffer.from([channel]), data]), cb);
    });
  const output = (channel: number): Writable =>
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        void send(channel, chunk).then(() => cb());
      },
    });

  const stdin = selection.stdin ? new PassThrough() : null;
  const stdout = selection.stdout ? output(Channel.stdout) : null;
  const stderr = selection.stderr && !selection.tty ? output(Channel.stderr) : null;
  let latestSize: TerminalSize | undefined;
  const resizeListeners: ((s: TerminalSize) => void)[] = [];
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));

  ws.on('message', (raw: RawData, isBinary: boolean) => {
    let data = toBuffer(raw);
    if (base64 || !isBinary) {
      const text = data.toString('latin1');
      if (text.length === 0) return;
      data = Buffer.concat([Buffer.from([text.charCodeAt(0) - 48]), Buffer.from(text.slice(1), 'base64')]);
    }
    if (data.length === 0) return;
    const channel = data[0]!;
    const payload = data.subarray(1);
    if (channel === Channel.stdin) {
      if (payload.length > 0 && stdin && !stdin.writableEnded) stdin.write(payload);
    } else if (channel === Channel.resize) {
      const size = parseResize(payload);
      if (size) {
        latestSize = size;
        for (const l of resizeListeners) l(size);
      }
    } else if (channel === Channel.close && hasCloseSignal) {
      if (payload[0] === Channel.stdin) stdin?.end();
    }
  });
  ws.on('close', () => {
    stdin?.end();
    resolveClosed();
  });
  ws.on('error', () => ws.terminate());

  return {
    stdin,
    stdout,
    stderr,
    tty: selection.tty,
    closed,
    onResize(listener) {
      resizeListeners.push(listener);
      if (latestSize) listener(latestSize);
    },
    async finish(status: ErrorStreamStatus) {
      await Promise.all([endWritable(stdout), endWritable(stderr)]);
      if (statusAsJson) await send(Channel.error, Buffer.from(JSON.stringify(status)));
      else if (status.status !== 'Success') await send(Channel.error, Buffer.from(status.message ?? ''));
      if (ws.readyState === ws.OPEN) ws.close(1000);
    },
    destroy() {
      ws.terminate();
    },
  };
}

/** Parses a resize message (`{"Width":120,"Height":40}`); undefined when malformed (ignored, as the kubelet does). */
export function parseResize(payload: Buffer): TerminalSize | undefined {
  try {
    const size = JSON.parse(payload.toString('utf8')) as { Width?: unknown; Height?: unknown };
    if (typeof size.Width !== 'number' || typeof size.Height !== 'number') return undefined;
    return { width: size.Width, height: size.Height };
  } catch {
    return undefined;
  }
}

/** Ends a writable and resolves once everything written before was handed on. */
export function endWritable(w: Writable | null): Promise<void> {
  if (!w || w.writableFinished) return Promise.resolve();
  return new Promise<void>((resolve) => {
    w.once('finish', resolve);
    w.once('close', resolve);
    w.once('error', () => resolve());
    if (!w.writableEnded) w.end();
  });
}

function toBuffer(raw: RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw);
  return Buffer.from(raw);
}
