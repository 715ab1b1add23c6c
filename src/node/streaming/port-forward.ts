/**
 * Port-forward over SPDY (kubelet `cri/streaming/portforward/httpstream.go`, containerd's
 * `sandbox_portforward_linux.go`). For every local connection kubectl opens two streams with
 * headers `streamtype: error|data`, `port: 80`, `requestid: <n>`. Once both of a request exist,
 * the data stream is connected to `localhost:<port>` inside the pod's network namespace and
 * bytes flow both ways (half-close by FIN). A failure is written as text on the error stream:
 *
 *     error forwarding port 80 to pod <pod>, uid : failed to execute portforward in network
 *     namespace "<netns>": failed to connect to localhost:80 inside namespace "<pod>", IPv4: dial
 *     tcp4 127.0.0.1:80: connect: connection refused IPv6 dial tcp6 [::1]:80: connect: connection refused
 *
 * Node cannot enter a network namespace (no setns), so the connection inside the pod is made by
 * a helper process: `nsenter --net=<netns> -- socat STDIO TCP4:127.0.0.1:<port>` (argv, no
 * shell), its stdio being the connection. Pods on the host network (no netns) are reached with a
 * plain TCP connection from here.
 */
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import type { Clock, Logger } from '../../base/index.js';
import { streamHeader, type SpdyConnection, type SpdyStream } from './spdy.js';

/** The port-forward protocol over SPDY (`X-Stream-Protocol-Version`). */
export const PortForwardProtocolV1 = 'portforward.k8s.io';

/** A connection to a port inside the pod. */
export interface DialedConnection {
  /** The bytes of the connection; ending its writable side half-closes the connection. */
  readonly stream: Duplex;
  /** Tears the connection (and any helper process) down. Idempotent. */
  close(): void;
}

/**
 * Connects to `localhost:<port>` as seen from inside the pod. Rejects with an Error whose
 * message is the runtime's text after `error forwarding port N to pod P, uid : `.
 */
export type PortDialer = (port: number) => Promise<DialedConnection>;

/** Where the helper binaries are (Debian: util-linux `nsenter`, package `socat`). */
export interface NetnsDialerTools {
  nsenterPath: string;
  socatPath: string;
}

/** Default helper paths. */
export const defaultNetnsDialerTools: NetnsDialerTools = { nsenterPath: 'nsenter', socatPath: 'socat' };

/** Go's text for the errno codes a connect can fail with (`syscall.Errno.Error()`). */
const errnoText: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENETUNREACH: 'network is unreachable',
  EHOSTUNREACH: 'no route to host',
  EADDRNOTAVAIL: 'cannot assign requested address',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset by peer',
  EAFNOSUPPORT: 'address family not supported by protocol',
};

/** containerd's message for a failed connect, both families tried (note its trailing space). */
function connectFailure(port: number, podId: string, netns: string, v4: string, v6: string): Error {
  return new Error(
    `failed to execute portforward in network namespace ${JSON.stringify(netns)}: ` +
      `failed to connect to localhost:${port} inside namespace ${JSON.stringify(podId)}, ` +
      `IPv4: dial tcp4 127.0.0.1:${port}: connect: ${v4} IPv6 dial tcp6 [::1]:${port}: connect: ${v6} `,
  );
}

/**
 * A dialer for pods on the host network (and tests): TCP from this process to 127.0.0.1, then
 * [::1], as containerd does for `NODE` network namespaces (named `host` in its messages).
 */
export function hostDialer(podId: string): PortDialer {
  return async (port) => {
    const tryConnect = (host: string): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = connect({ host, port, allowHalfOpen: true });
        socket.once('connect', () => {
          socket.removeListener('error', reject);
          resolve(socket);
        });
        socket.once('error', reject);
      });
    let socket: Socket;
    try {
      socket = await tryConnect('127.0.0.1');
    } catch (e4) {
      try {
        socket = await tryConnect('::1');
      } catch (e6) {
        throw connectFailure(port, podId, 'host', errnoMessage(e4), errnoMessage(e6));
      }
    }
    socket.on('error', () => {});
    return { stream: socket, close: () => socket.destroy() };
  };
}

/**
 * A dialer entering the pod's network namespace with `nsenter --net=<netnsPath>` and connecting
 * with `socat -d -d STDIO TCP4:127.0.0.1:<port>` (then `TCP6:[::1]:<port>`). socat's notices on
 * stderr tell when the connection is up (`starting data transfer loop`) or why it failed
 * (`E connect(…): Connection refused`). Needs root (CAP_SYS_ADMIN) and `socat` on the host.
 */
export function netnsDialer(podId: string, netnsPath: string, tools: NetnsDialerTools = defaultNetnsDialerTools): PortDialer {
  return async (port) => {
    const v4 = await socatConnect(tools, netnsPath, `TCP4:127.0.0.1:${port}`);
    if ('connection' in v4) return v4.connection;
    if (!v4.connectError) throw new Error(`failed to execute portforward in network namespace ${JSON.stringify(netnsPath)}: ${v4.message}`);
    const v6 = await socatConnect(tools, netnsPath, `TCP6:[::1]:${port}`);
    if ('connection' in v6) return v6.connection;
    throw connectFailure(port, podId, netnsPath, v4.message, v6.message);
  };
}

type SocatResult = { connection: DialedConnection } | { connectError: boolean; message: string };

/** Runs one socat through nsenter; resolves once it is connected, or failed. */
function socatConnect(tools: NetnsDialerTools, netnsPath: string, address: string): Promise<SocatResult> {
  return new Promise((resolve) => {
    // -t: after one side's EOF, how long socat waits for the other side before exiting.
    const child = spawn(tools.nsenterPath, [`--net=${netnsPath}`, '--', tools.socatPath, '-d', '-d', '-t', '30', 'STDIO', address], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let settled = false;
    let stderr = '';
    let connectError: string | undefined;
    child.stdin.on('error', () => {});
    child.stdout.on('error', () => {});
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (settled) return;
      stderr += text;
      for (const line of stderr.split('\n')) {
        const m = / E connect\(.*\): (.*)$/.exec(line);
        if (m) connectError = lowerFirst(m[1]!.trim());
        if (line.includes(' N starting data transfer loop')) {
          settled = true;
          child.stderr.resume();
          const stream = Duplex.from({ readable: child.stdout, writable: child.stdin });
          stream.on('error', () => {});
          resolve({
            connection: {
              stream,
              close: () => {
                if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
                stream.destroy();
              },
            },
          });
          return;
        }
      }
    });
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      resolve({ connectError: connectError !== undefined, message });
    };
    child.on('error', (err) => fail(err.message));
    child.on('close', () => {
      const lastLine = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 0)
        .pop();
      fail(connectError ?? lastLine ?? `${tools.nsenterPath} exited with code ${child.exitCode ?? child.signalCode}`);
    });
  });
}

let nextConnId = 0xc000100000;

/** Options of {@link servePortForward}. */
export interface PortForwardSessionOptions {
  /** The pod as named in error messages (kubelet: the sandbox id; Podyard: the pod UID). */
  podId: string;
  dial: PortDialer;
  clock: Clock;
  logger: Logger;
  /** How long to wait for the second stream of a pair (kubelet's streamCreationTimeout, 30 s). */
  streamCreationTimeoutMs?: number;
}

interface StreamPair {
  requestId: string;
  data?: SpdyStream;
  error?: SpdyStream;
  timer?: ReturnType<Clock['setTimeout']>;
}

/**
 * Serves port-forward on a SPDY session until it closes: pairs the `error` and `data` streams
 * of each request id, dials the port, and pipes. Everything it started (helper processes,
 * sockets) ends with the session.
 */
export function servePortForward(conn: SpdyConnection, options: PortForwardSessionOptions): void {
  const { clock, logger } = options;
  const timeoutMs = options.streamCreationTimeoutMs ?? 30_000;
  const pairs = new Map<string, StreamPair>();
  const open = new Set<DialedConnection>();
  const connId = `0x${(nextConnId++).toString(16)}`;

  conn.on('stream', (stream: SpdyStream) => {
    stream.on('error', () => {});
    stream.respond(200, {});
    const type = streamHeader(stream, 'streamType');
    let requestId = streamHeader(stream, 'requestID');
    if (!requestId) {
      // Old clients without request ids: streams come as consecutive odd ids (error, data).
      requestId = String(type === 'data' ? stream.id - 2 : stream.id);
    }
    let pair = pairs.get(requestId);
    if (!pair) {
      const p: StreamPair = { requestId };
      pair = p;
      pairs.set(requestId, p);
      p.timer = clock.setTimeout(() => {
        if (pairs.get(requestId) !== p) return;
        pairs.delete(requestId);
        printError(p, `(conn=${connId}, request=${requestId}) timed out waiting for streams`);
        endPair(p);
      }, timeoutMs);
    }
    let problem: string | undefined;
    if (type === 'error') {
      if (pair.error) problem = 'error stream already assigned';
      else pair.error = stream;
    } else if (type === 'data') {
      if (pair.data) problem = 'data stream already assigned';
      else pair.data = stream;
    } else {
      problem = `invalid stream type ${JSON.stringify(type)}`;
    }
    if (problem) {
      const msg = `error processing stream for request ${requestId}: ${problem}`;
      logger.warn(msg);
      printError(pair, msg);
      stream.abort();
      return;
    }
    if (pair.data && pair.error) {
      if (pair.timer) clock.clearTimeout(pair.timer);
      pairs.delete(requestId);
      void forward(pair as Required<StreamPair>);
    }
  });

  conn.once('close', () => {
    for (const p of pairs.values()) if (p.timer) clock.clearTimeout(p.timer);
    pairs.clear();
    for (const c of open) c.close();
    open.clear();
  });

  async function forward(pair: Required<StreamPair>): Promise<void> {
    const { data, error } = pair;
    error.resume();
    const portText = streamHeader(data, 'port');
    const port = /^\d+$/.test(portText) ? Number(portText) : 0;
    let dialed: DialedConnection;
    try {
      dialed = await options.dial(port);
    } catch (err) {
      const msg = `error forwarding port ${port} to pod ${options.podId}, uid : ${err instanceof Error ? err.message : String(err)}`;
      logger.info('port-forward failed', { err: msg });
      printError(pair, msg);
      endPair(pair);
      return;
    }
    open.add(dialed);
    const remote = dialed.stream;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      endPair(pair);
      // Give the client the chance to finish reading, then drop the helper.
      const closeAll = (): void => {
        dialed.close();
        open.delete(dialed);
      };
      if (data.destroyed || data.readableEnded) closeAll();
      else data.once('close', closeAll);
    };
    // client → pod (FIN ends the pod side's input)
    data.pipe(remote);
    // pod → client; the pod side's EOF (or failure) ends the request.
    remote.on('data', (chunk: Buffer) => {
      if (!data.write(chunk)) {
        remote.pause();
        data.once('drain', () => remote.resume());
      }
    });
    remote.once('end', finish);
    remote.once('close', finish);
    remote.once('error', finish);
    data.once('close', () => {
      // The client reset or closed the stream: nothing more to do for this request.
      if (!done) {
        done = true;
        endPair(pair);
      }
      dialed.close();
      open.delete(dialed);
    });
  }

  function printError(pair: StreamPair, message: string): void {
    if (pair.error && !pair.error.writableEnded) pair.error.write(message);
  }

  function endPair(pair: StreamPair): void {
    for (const s of [pair.data, pair.error]) if (s && !s.writableEnded) s.end();
  }
}

function errnoMessage(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code && errnoText[code]) return errnoText[code];
  return err instanceof Error ? err.message : String(err);
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0]!.toLowerCase() + s.slice(1) : s;
}
