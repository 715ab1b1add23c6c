import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from '../base/index.js';
import { statusOf, type Status } from '../apis/index.js';
import type { ApiHandler } from './handler.js';
import type { Pki } from './pki.js';
import { writeStatus } from './responses.js';

/** Who made a request. */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** Extra bearer tokens accepted besides the admin token (the dashboard's, for instance). */
export type TokenAuthenticator = (token: string) => UserInfo | undefined;

/**
 * An application served on the API server's listener under a path prefix (the dashboard at
 * `/ui/`), behind the same authentication. `cmd` wires it in; the API server never imports it.
 * Requests under the prefix that no credential authenticates get a 401, except `publicPaths`.
 */
export interface MountedApp {
  /** The path prefix it owns, with a trailing slash (`/ui/`); the bare `/ui` is its too. */
  readonly prefix: string;
  /** Exact paths answered without authentication (the login exchange). */
  readonly publicPaths?: readonly string[];
  /** One more credential (a session cookie), tried for every request after certificates and tokens. */
  authenticate?(req: IncomingMessage): UserInfo | undefined;
  /** Answers a request under the prefix; `user` is undefined only on a public path. */
  handle(req: IncomingMessage, res: ServerResponse, user: UserInfo | undefined): void;
  /** Answers an unauthenticated request under the prefix (a 401 page); default: a 401 Status. */
  refuse?(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * The HTTPS listener: TLS with the server's PKI, authentication (client certificate signed by our
 * CA, or a bearer token), then the {@link ApiHandler}. Anonymous requests get a 401 Status.
 */
export class ApiServer {
  private server?: Server;
  private readonly sockets = new Set<Duplex>();

  constructor(
    private readonly deps: { handler: ApiHandler; pki: Pki; logger: Logger; tokens?: TokenAuthenticator; mounts?: MountedApp[] },
    private readonly config: { host: string; port: number },
  ) {}

  /** Starts listening; resolves with the bound address once requests are accepted. */
  async listen(): Promise<AddressInfo> {
    const server = createServer({
      cert: this.deps.pki.servingCertPem,
      key: this.deps.pki.servingKeyPem,
      ca: this.deps.pki.caCertPem,
      requestCert: true,
      rejectUnauthorized: false,
      // Watches and log streams stay open for long; the handler decides when they end.
      requestTimeout: 0,
      keepAliveTimeout: 65_000,
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const user = this.authenticate(req);
      if (this.serveMounted(req, res, user)) return;
      if (!user) return writeStatus(res, unauthorized());
      void this.deps.handler.handle(req, res);
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const user = this.authenticate(req);
      if (!user) return rejectUpgrade(socket, unauthorized());
      void this.deps.handler.upgrade(req, socket, head).catch((err: unknown) => rejectUpgrade(socket, statusOf(err)));
    });
    server.on('connection', (socket: Duplex) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('secureConnection', (socket: Duplex) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('tlsClientError', (err) => this.deps.logger.debug('TLS handshake failed', { err: err.message }));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.port, this.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return server.address() as AddressInfo;
  }

  /** Stops accepting, ends open connections (watches, streams) and resolves when closed. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  /** Hands a request under a mounted app's prefix to it; false when no app owns the path. */
  private serveMounted(req: IncomingMessage, res: ServerResponse, user: UserInfo | undefined): boolean {
    const path = (req.url ?? '/').split('?')[0]!;
    const app = this.deps.mounts?.find((m) => path.startsWith(m.prefix) || path === m.prefix.slice(0, -1));
    if (!app) return false;
    if (user || app.publicPaths?.includes(path)) app.handle(req, res, user);
    else if (app.refuse) app.refuse(req, res);
    else writeStatus(res, unauthorized());
    return true;
  }

  private authenticate(req: IncomingMessage): UserInfo | undefined {
    const socket = req.socket as TLSSocket;
    if (socket.authorized) {
      const cert = socket.getPeerCertificate();
      const subject = cert?.subject as Record<string, string | string[]> | undefined;
      if (subject?.CN) {
        const o = subject.O;
        return { name: String(subject.CN), groups: Array.isArray(o) ? o : o ? [o] : [] };
      }
    }
    const auth = req.headers.authorization;
    const m = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
    if (m) {
      const token = m[1]!;
      if (safeEqual(token, this.deps.pki.adminToken)) return { name: 'podyard-admin', groups: ['system:masters'] };
      return this.deps.tokens?.(token);
    }
    for (const app of this.deps.mounts ?? []) {
      const user = app.authenticate?.(req);
      if (user) return user;
    }
    return undefined;
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function unauthorized(): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };
}

/** Answers a refused upgrade with a Status body, then closes the socket. */
export function rejectUpgrade(socket: Duplex, status: Status): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(status);
  const code = status.code ?? 500;
  socket.end(
    `HTTP/1.1 ${code} ${httpReason(code)}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function httpReason(code: number): string {
  return ({ 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' } as Record<number, string>)[code] ?? 'Error';
}
