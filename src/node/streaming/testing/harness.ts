/**
 * Test support for the streaming server: a runtime whose exec/attach sessions the test drives
 * (or that runs commands on the host), a tiny loopback HTTP server routing pod subresources to a
 * {@link StreamingServer} (plus just enough of the API for the real kubectl: `/version`,
 * discovery, `GET pod`), and a WebSocket client that may offer any subprotocol.
 */
import { spawn } from 'node:child_process';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PassThrough, type Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { statusOf, type Pod } from '../../../apis/index.js';
import type { ContainerStatus, ExecOptions, StreamHandle, StreamOptions } from '../../../runtime/index.js';
import type { StreamingServer } from '../streaming-server.js';

/** A session the test controls: write to `stdout`/`stderr`, read `stdin`, then `exit(code)`. */
export interface ControlledSession {
  handle: StreamHandle;
  options: ExecOptions | StreamOptions;
  stdin: PassThrough;
  stdout: PassThrough;
  stderr: PassThrough;
  resizes: { width: number; height: number }[];
  closed: boolean;
  exit(code: number): void;
}

/** Makes a runtime StreamHandle driven by the test. */
export function controlledSession(options: ExecOptions | StreamOptions): ControlledSession {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let resolveExit!: (code: number) => void;
  const exitCode = new Promise<number>((r) => (resolveExit = r));
  const session: ControlledSession = {
    options,
    stdin,
    stdout,
    stderr,
    resizes: [],
    closed: false,
    handle: {
      stdin: options.stdin ? stdin : null,
      stdout: options.stdout || options.tty ? stdout : null,
      stderr: options.stderr && !options.tty ? stderr : null,
      resize: (width, height) => void session.resizes.push({ width, height }),
      exitCode,
      close: () => {
        session.closed = true;
        stdout.end();
        stderr.end();
        resolveExit(-1);
      },
    },
    exit(code) {
      stdout.end();
      stderr.end();
      resolveExit(code);
    },
  };
  return session;
}

/** A runtime for the streaming server whose sessions come from `onExec`/`onAttach`. */
export class ScriptedRuntime {
  readonly calls: { method: 'exec' | 'attach'; containerId: string; options: ExecOptions | StreamOptions }[] = [];
  onExec: (containerId: string, options: ExecOptions) => StreamHandle | Promise<StreamHandle> = (_id, o) => controlledSession(o).handle;
  onAttach: (containerId: string, options: StreamOptions) => StreamHandle | Promise<StreamHandle> = (_id, o) => controlledSession(o).handle;
  states = new Map<string, ContainerStatus['state']>();

  exec(containerId: string, options: ExecOptions): Promise<StreamHandle> {
    this.calls.push({ method: 'exec', containerId, options });
    return Promise.resolve().then(() => this.onExec(containerId, options));
  }

  attach(containerId: string, options: StreamOptions): Promise<StreamHandle> {
    this.calls.push({ method: 'attach', containerId, options });
    return Promise.resolve().then(() => this.onAttach(containerId, options));
  }

  containerStatus(containerId: string): Promise<ContainerStatus> {
    return Promise.resolve({ id: containerId, state: this.states.get(containerId) ?? 'CONTAINER_RUNNING' } as ContainerStatus);
  }
}

/** A StreamHandle running `cmd` on the host (no tty): enough for kubectl cp through real `tar`. */
export function hostProcessHandle(options: ExecOptions): StreamHandle {
  const child = spawn(options.cmd[0]!, options.cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => {});
  const exitCode = new Promise<number>((resolve) => {
    child.on('error', () => resolve(126));
    child.on('close', (code) => resolve(code ?? 137));
  });
  if (!options.stdin) child.stdin.end();
  return {
    stdin: options.stdin ? child.stdin : null,
    stdout: child.stdout,
    stderr: child.stderr,
    resize: () => {},
    exitCode,
    close: () => void child.kill('SIGKILL'),
  };
}

/** A loopback HTTP server routing `…/pods/{name}/{sub}` to a StreamingServer. */
export interface TestApiServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const podPath = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)(?:\/([^/]+))?$/;

/**
 * Starts the test server on 127.0.0.1. Besides the subresources it answers what kubectl 1.32
 * needs before them (kubectl-compat.md §0, §2, §3): `/version` (minor 32, so the dispatcher
 * runs kubectl 1.32 itself), aggregated discovery for pods, and `GET` of the pods given.
 */
export async function startTestApiServer(streaming: StreamingServer, pods: Pod[]): Promise<TestApiServer> {
  const find = (ns: string, name: string): Pod | undefined => pods.find((p) => p.metadata.name === name && (p.metadata.namespace ?? 'default') === ns);
  const writeStatus = (res: ServerResponse, err: unknown): void => {
    const status = statusOf(err);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status.code ?? 500, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(status));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (body: unknown, contentType = 'application/json'): void => {
      res.writeHead(200, { 'Content-Type': contentType });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/version') {
      return json({ major: '1', minor: '32', gitVersion: 'v1.32.4', gitCommit: 'podyard', gitTreeState: 'clean', buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.23.8', compiler: 'gc', platform: 'linux/amd64' });
    }
    if (url.pathname === '/api') return json(coreDiscovery, aggregatedType);
    if (url.pathname === '/apis') return json({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: [] }, aggregatedType);
    const m = podPath.exec(url.pathname);
    const pod = m ? find(m[1]!, m[2]!) : undefined;
    if (!m || !pod) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: m ? `pods "${m[2]}" not found` : 'the server could not find the requested resource', reason: 'NotFound', details: m ? { name: m[2], kind: 'pods' } : {}, code: 404 }));
      return;
    }
    if (!m[3]) return json(pod);
    streaming.handle(m[3], pod, req, res, url.searchParams).catch((err: unknown) => writeStatus(res, err));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = podPath.exec(url.pathname);
    const pod = m ? find(m[1]!, m[2]!) : undefined;
    const reject = (err: unknown): void => {
      if (socket.destroyed) return;
      const status = statusOf(err);
      const body = JSON.stringify(status);
      socket.end(`HTTP/1.1 ${status.code ?? 500} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    };
    if (!m || !pod || !m[3]) return reject(new Error('not found'));
    streaming.upgrade(m[3], pod, req, socket, head, url.searchParams).catch(reject);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const aggregatedType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const coreDiscovery = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  metadata: {},
  items: [
    {
      metadata: { creationTimestamp: null },
      versions: [
        {
          version: 'v1',
          freshness: 'Current',
          resources: [
            {
              resource: 'pods',
              singularResource: 'pod',
              scope: 'Namespaced',
              responseKind: { group: '', version: 'v1', kind: 'Pod' },
              verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
              shortNames: ['po'],
              categories: ['all'],
              subresources: [
                { subresource: 'attach', responseKind: { group: '', version: 'v1', kind: 'PodAttachOptions' }, verbs: ['create', 'get'] },
                { subresource: 'exec', responseKind: { group: '', version: 'v1', kind: 'PodExecOptions' }, verbs: ['create', 'get'] },
                { subresource: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] },
                { subresource: 'portforward', responseKind: { group: '', version: 'v1', kind: 'PodPortForwardOptions' }, verbs: ['create', 'get'] },
              ],
            },
          ],
        },
      ],
    },
  ],
};

/** The answer to a raw upgrade request: status line, headers, and the socket (with any early bytes). */
export interface RawUpgrade {
  statusCode: number;
  headers: IncomingMessage['headers'];
  socket: Duplex;
  head: Buffer;
  body: string;
}

/** Sends an upgrade request with exactly the headers given and returns the raw outcome. */
export function rawUpgrade(url: string, method: string, headers: Record<string, string>): Promise<RawUpgrade> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { Connection: 'Upgrade', ...headers } });
    req.on('upgrade', (res: IncomingMessage, socket: Duplex, head: Buffer) => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, socket, head, body: '' }));
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, socket: res.socket, head: Buffer.alloc(0), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A WebSocket client over a socket whose handshake was done by {@link rawUpgrade} — for
 * subprotocols the `ws` client refuses to offer (`SPDY/3.1+portforward.k8s.io`).
 */
export function clientWebSocketOver(socket: Duplex, head: Buffer): WebSocket {
  const Ctor = WebSocket as unknown as new (address: null, protocols: undefined, options: { autoPong: boolean }) => WebSocket;
  const ws = new Ctor(null, undefined, { autoPong: true });
  const internals = ws as unknown as { _isServer: boolean; setSocket(socket: Duplex, head: Buffer, options: { maxPayload: number }): void };
  internals._isServer = false;
  internals.setSocket(socket, head, { maxPayload: 0 });
  return ws;
}
