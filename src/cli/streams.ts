/**
 * Client side of the exec/attach WebSocket channel protocol (`v5.channel.k8s.io`) and of the
 * WebSocket port-forward framing (`v4.channel.k8s.io`, two port bytes first on each channel):
 * what client-go's `remotecommand.NewWebSocketExecutor` and the browser port-forward speak.
 */
import WebSocket from 'ws';
import type { Status } from '../apis/index.js';
import type { Session } from './connect.js';

/** Channel numbers of the remote-command protocol. */
export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** Opens a WebSocket to an API path with the session's credentials. */
export function openWebSocket(session: Session, path: string, query: URLSearchParams, protocols: string[]): Promise<WebSocket> {
  const url = new URL(path, session.connection.server);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.search = query.toString();
  const c = session.connection;
  const ws = new WebSocket(url, protocols, {
    ...(c.caPem ? { ca: c.caPem } : {}),
    ...(c.certPem ? { cert: c.certPem } : {}),
    ...(c.keyPem ? { key: c.keyPem } : {}),
    rejectUnauthorized: !c.insecureSkipTlsVerify,
    headers: c.token ? { Authorization: `Bearer ${c.token}` } : {},
    perMessageDeflate: false,
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        let status: Status | undefined;
        try {
          status = JSON.parse(body) as Status;
        } catch {
          // not a Status
        }
        reject(Object.assign(new Error(status?.message ?? (body.trim() || `HTTP ${res.statusCode}`)), { status }));
      });
    });
    ws.once('error', reject);
  });
}

/** What an exec needs. */
export interface RemoteCommandOptions {
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  tty: boolean;
  /** Current terminal size (sent first and whenever `onResize` fires). */
  size?: () => { width: number; height: number } | undefined;
  onResize?: (notify: () => void) => () => void;
}

/**
 * Runs a remote command over an open channel WebSocket until the server closes it. Resolves with
 * the exit code from the final Status (0 on Success; `NonZeroExitCode`'s ExitCode cause), or
 * rejects with the Status message of any other failure.
 */
export function runRemoteCommand(ws: WebSocket, options: RemoteCommandOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    let status: Status | undefined;
    const send = (channel: number, data: Buffer) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), data]));
    };
    const sendSize = () => {
      const s = options.size?.();
      if (s) send(Channel.resize, Buffer.from(JSON.stringify({ Width: s.width, Height: s.height })));
    };
    if (options.tty) sendSize();
    const stopResize = options.tty && options.onResize ? options.onResize(sendSize) : () => undefined;
    const input = options.stdin;
    const onData = (d: Buffer | string) => send(Channel.stdin, Buffer.from(d));
    const onEnd = () => {
      if (ws.protocol === 'v5.channel.k8s.io') send(Channel.close, Buffer.from([Channel.stdin]));
    };
    if (input) {
      input.on('data', onData);
      input.on('end', onEnd);
    }
    ws.on('message', (raw: Buffer, isBinary: boolean) => {
      const data = isBinary ? raw : Buffer.from(raw);
      if (data.length === 0) return;
      const payload = data.subarray(1);
      switch (data[0]) {
        case Channel.stdout:
          options.stdout.write(payload);
          break;
        case Channel.stderr:
          options.stderr.write(payload);
          break;
        case Channel.error:
          if (payload.length) {
            try {
              status = JSON.parse(payload.toString('utf8')) as Status;
            } catch {
              status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: payload.toString('utf8'), reason: '', code: 500 };
            }
          }
          break;
        default:
      }
    });
    const finish = () => {
      stopResize();
      if (input) {
        input.off('data', onData);
        input.off('end', onEnd);
        (input as NodeJS.ReadStream).pause?.();
      }
    };
    ws.on('close', () => {
      finish();
      if (!status || status.status === 'Success') return resolve(0);
      if ((status.reason as string) === 'NonZeroExitCode') {
        const code = Number(status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message ?? 1);
        return resolve(Number.isFinite(code) ? code : 1);
      }
      reject(Object.assign(new Error(status.message ?? 'remote command failed'), { status }));
    });
    ws.on('error', (err) => {
      finish();
      reject(err);
    });
  });
}
