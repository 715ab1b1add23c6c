import { Agent, request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { StatusError, type Status } from '../apis/index.js';
import type { ClusterConnection } from './kubeconfig.js';

/** A request to the API server. */
export interface ApiRequest {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

/**
 * HTTPS to an API server with the connection's credentials, keep-alive, JSON in and out.
 * Non-2xx answers become {@link StatusError}s carrying the server's Status.
 */
export class HttpTransport {
  private readonly agent: Agent;

  constructor(readonly connection: ClusterConnection) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 32,
      ...(connection.caPem ? { ca: connection.caPem } : {}),
      ...(connection.certPem ? { cert: connection.certPem } : {}),
      ...(connection.keyPem ? { key: connection.keyPem } : {}),
      rejectUnauthorized: !connection.insecureSkipTlsVerify,
    });
  }

  /** Sends a request and returns the response stream (2xx only). */
  async open(req: ApiRequest): Promise<IncomingMessage> {
    const url = new URL(req.path, this.connection.server);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const body =
      req.body === undefined ? undefined : typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body);
    const headers: Record<string, string | number> = {
      Accept: req.accept ?? 'application/json',
      'User-Agent': 'podyard/v0.1.0',
    };
    if (this.connection.token) headers.Authorization = `Bearer ${this.connection.token}`;
    if (body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const r = httpsRequest(url, { method: req.method, headers, agent: this.agent, ...(req.signal ? { signal: req.signal } : {}) }, resolve);
      r.on('error', reject);
      r.end(body);
    });
    const code = res.statusCode ?? 0;
    if (code >= 200 && code < 300) return res;
    const text = await readAll(res);
    let status: Status;
    try {
      status = JSON.parse(text) as Status;
      if (status.kind !== 'Status') throw new Error('not a Status');
    } catch {
      status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: text.trim() || `HTTP ${code}`, reason: '', code };
    }
    throw new StatusError(status);
  }

  /** Sends a request and parses the JSON answer. */
  async request<T>(req: ApiRequest): Promise<T> {
    const res = await this.open(req);
    const text = await readAll(res);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Releases pooled connections. */
  close(): void {
    this.agent.destroy();
  }
}

async function readAll(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}
