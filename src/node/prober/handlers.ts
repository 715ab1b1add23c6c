/**
 * The network probe handlers, run from Podyard itself over a {@link Dialer} (nothing is needed
 * in the image): HTTP(S) GET as `pkg/probe/http` does it, a TCP connect as `pkg/probe/tcp`, and
 * the standard gRPC health check (`grpc.health.v1.Health/Check`) as `pkg/probe/grpc`, spoken
 * over `node:http2` with a hand-encoded protobuf message. Each returns the kubelet's
 * `probe.Result` and output text; the output strings are the kubelet's, character for character,
 * because they end up in `Unhealthy` events.
 * @module
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect as http2Connect, constants as h2 } from 'node:http2';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';
import { errorMessage } from '../../base/index.js';
import { isIPAddress, joinHostPort, type DialTarget, type Dialer } from './dialer.js';
import { ProbeError } from './errors.js';

/** `pkg/probe.Result`. `Warning` counts as success but records a `ProbeWarning` event. */
export type ProbeOutcome = 'Success' | 'Warning' | 'Failure' | 'Unknown';

/** A handler's verdict with its output (`probe.Result`, `output`). */
export interface HandlerResult {
  result: ProbeOutcome;
  output: string;
}

/** The `User-Agent` of probes (`kube-probe/<major>.<minor>` of the kubelet version Podyard reports). */
export const probeUserAgent = 'kube-probe/1.32';

/** kubelet `maxRespBodyLength`: probe output keeps at most 10 KiB of the body. */
export const maxRespBodyLength = 10 * 1024;

/** Go's http.Client redirect limit. */
const maxRedirects = 10;

/** Where a connection goes: the node dials `host`, inside `netnsPath` when set. */
export interface NetworkTarget {
  host: string;
  /** Dial inside this network namespace (loopback-only pods). */
  netnsPath?: string;
}

/** An HTTP GET as the probe or hook does it. */
export interface HttpGetRequest {
  scheme: 'http' | 'https';
  target: NetworkTarget;
  port: number;
  /** Path with optional query, as in the spec (`/healthz?x=1`). */
  path: string;
  headers: { name: string; value: string }[];
  timeoutMs: number;
}

/** The final response of {@link httpGet}: after same-host redirects, or the first cross-host one. */
export interface HttpGetResponse {
  statusCode: number;
  body: string;
  url: string;
}

/** The URL the kubelet formats (`formatURL`): `scheme://host:port` + the path as given. */
export function formatProbeURL(scheme: string, host: string, port: number, path: string): string {
  const p = path.startsWith('/') || path === '' ? path : `/${path}`;
  return `${scheme}://${joinHostPort(host, port)}${p}`;
}

/** Opens a connection, wrapping it in TLS (no verification, as the kubelet does) for https. */
async function openStream(dialer: Dialer, target: DialTarget, tls: boolean, timeoutMs: number, alpn?: string[]): Promise<Duplex> {
  const sock = await dialer.dial(target, timeoutMs);
  if (!tls) return sock;
  return new Promise((resolve, reject) => {
    const secure = tlsConnect({
      socket: sock,
      rejectUnauthorized: false,
      ...(isIPAddress(target.host) ? {} : { servername: target.host }),
      ...(alpn ? { ALPNProtocols: alpn } : {}),
    });
    sock.resume();
    secure.once('secureConnect', () => {
      secure.removeAllListeners('error');
      resolve(secure);
    });
    secure.once('error', (err: Error) => {
      sock.destroy();
      reject(new ProbeError('DialFailed', err.message, { cause: err }));
    });
  });
}

/**
 * One HTTP GET with Go's http.Client semantics as the prober configures it: keep-alives off,
 * `User-Agent`/`Accept` defaults, a `Host` header overriding the request host, redirects followed
 * only to the same host (a redirect elsewhere returns that 3xx response), at most 10, all within
 * one overall timeout. Rejects with Go's `Get "<url>": <reason>` message.
 */
export async function httpGet(dialer: Dialer, req: HttpGetRequest): Promise<HttpGetResponse> {
  const firstUrl = new URL(formatProbeURL(req.scheme, req.target.host, req.port, req.path));
  const deadline = Date.now() + req.timeoutMs;
  let url = firstUrl;
  const live = new Set<Duplex>();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    for (const s of live) s.destroy();
  }, req.timeoutMs);
  try {
    for (let hops = 0; ; hops++) {
      const res = await getOnce(dialer, url, req, firstUrl, deadline, live).catch((err: unknown) => {
        if (timedOut || (err instanceof ProbeError && err.code === 'DialTimeout' && Date.now() >= deadline - 5)) {
          throw new ProbeError('DialTimeout', `Get "${url.href}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
        }
        throw new ProbeError(err instanceof ProbeError ? err.code : 'DialFailed', `Get "${url.href}": ${errorMessage(err)}`, { cause: err });
      });
      const location = res.statusCode && [301, 302, 303, 307, 308].includes(res.statusCode) ? res.location : undefined;
      if (!location) return { statusCode: res.statusCode, body: res.body, url: url.href };
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return { statusCode: res.statusCode, body: res.body, url: url.href };
      }
      // prober RedirectChecker(followNonLocalRedirects=false): another host ends the chain with
      // this response (http.ErrUseLastResponse).
      if (next.hostname !== firstUrl.hostname) return { statusCode: res.statusCode, body: res.body, url: url.href };
      if (hops + 1 >= maxRedirects) throw new ProbeError('DialFailed', `Get "${next.href}": stopped after 10 redirects`);
      url = next;
    }
  } finally {
    clearTimeout(timer);
    for (const s of live) s.destroy();
  }
}

async function getOnce(
  dialer: Dialer,
  url: URL,
  req: HttpGetRequest,
  first: URL,
  deadline: number,
  live: Set<Duplex>,
): Promise<{ statusCode: number; body: string; location?: string }> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Same host as the probe's: same way in (netns relay or direct).
  const target: DialTarget = { host, port, ...(host === first.hostname.replace(/^\[|\]$/g, '') && req.target.netnsPath ? { netnsPath: req.target.netnsPath } : {}) };
  const stream = await openStream(dialer, target, url.protocol === 'https:', Math.max(1, deadline - Date.now()));
  live.add(stream);
  const headers: Record<string, string | string[]> = {};
  let hostHeader = url.host;
  for (const h of req.headers) {
    if (h.name.toLowerCase() === 'host') {
      hostHeader = h.value;
      continue;
    }
    const prev = headers[h.name];
    headers[h.name] = prev === undefined ? h.value : [...(Array.isArray(prev) ? prev : [prev]), h.value];
  }
  const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
  if (!has('user-agent')) headers['User-Agent'] = probeUserAgent;
  if (!has('accept')) headers.Accept = '*/*';
  headers.Host = hostHeader;
  headers.Connection = 'close';
  return new Promise((resolve, reject) => {
    const r = httpRequest({
      method: 'GET',
      path: `${url.pathname}${url.search}`,
      headers,
      createConnection: () => stream,
    });
    r.once('error', reject);
    r.once('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (d: Buffer) => {
        if (size < maxRespBodyLength) chunks.push(d.subarray(0, maxRespBodyLength - size));
        size += d.length;
        // Non-fatal truncation (utilio.ErrLimitReached): stop reading.
        if (size >= maxRespBodyLength) finish();
      });
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        const loc = res.headers.location;
        resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ...(loc ? { location: loc } : {}) });
        stream.destroy();
      };
      res.once('end', finish);
      res.once('error', (err) => (done ? undefined : reject(err)));
      res.once('aborted', () => (done ? undefined : reject(new Error('unexpected EOF'))));
    });
    r.end();
    setImmediate(() => stream.resume());
  });
}

/** `pkg/probe/http` DoHTTPProbe: 2xx success (body as output), 3xx warning, else failure. */
export async function httpProbe(dialer: Dialer, req: HttpGetRequest): Promise<HandlerResult> {
  let res: HttpGetResponse;
  try {
    res = await httpGet(dialer, req);
  } catch (err) {
    return { result: 'Failure', output: errorMessage(err) };
  }
  if (res.statusCode >= 200 && res.statusCode < 400) {
    if (res.statusCode >= 300) return { result: 'Warning', output: `Probe terminated redirects, Response body: ${res.body}` };
    return { result: 'Success', output: res.body };
  }
  // Until https://issue.k8s.io/99425 the failure message must not contain the body.
  return { result: 'Failure', output: `HTTP probe failed with statuscode: ${res.statusCode}` };
}

/** `pkg/probe/tcp` DoTCPProbe: a connection that opens is a success. */
export async function tcpProbe(dialer: Dialer, target: NetworkTarget, port: number, timeoutMs: number): Promise<HandlerResult> {
  try {
    const sock = await dialer.dial({ host: target.host, port, ...(target.netnsPath ? { netnsPath: target.netnsPath } : {}) }, timeoutMs);
    sock.destroy();
    return { result: 'Success', output: '' };
  } catch (err) {
    return { result: 'Failure', output: errorMessage(err) };
  }
}

/** grpc.health.v1.HealthCheckResponse.ServingStatus names. */
const servingStatus = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];

/** gRPC status code names (for `rpc error: code = … desc = …`). */
const grpcCodes = [
  'OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists', 'PermissionDenied',
  'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange', 'Unimplemented', 'Internal', 'Unavailable', 'DataLoss', 'Unauthenticated',
];

/** Encodes `HealthCheckRequest{service}` (field 1, string) in a gRPC length-prefixed frame. */
export function encodeHealthCheckRequest(service: string): Buffer {
  const s = Buffer.from(service, 'utf8');
  const msg = s.length ? Buffer.concat([Buffer.from([0x0a]), varint(s.length), s]) : Buffer.alloc(0);
  const frame = Buffer.alloc(5);
  frame.writeUInt8(0, 0);
  frame.writeUInt32BE(msg.length, 1);
  return Buffer.concat([frame, msg]);
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

/** Decodes `HealthCheckResponse.status` (field 1, enum) from a gRPC frame payload; 0 when absent. */
export function decodeHealthCheckResponse(frames: Buffer): number {
  if (frames.length < 5) return 0;
  const len = frames.readUInt32BE(1);
  const msg = frames.subarray(5, 5 + len);
  let i = 0;
  let status = 0;
  while (i < msg.length) {
    const { value: key, next } = readVarint(msg, i);
    i = next;
    const field = key >>> 3;
    const wire = key & 7;
    if (wire === 0) {
      const v = readVarint(msg, i);
      i = v.next;
      if (field === 1) status = v.value;
    } else if (wire === 2) {
      const l = readVarint(msg, i);
      i = l.next + l.value;
    } else if (wire === 5) i += 4;
    else if (wire === 1) i += 8;
    else break;
  }
  return status;
}

function readVarint(b: Buffer, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let i = at;
  while (i < b.length) {
    const byte = b[i++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) break;
    shift += 7;
  }
  return { value, next: i };
}

/** Go's `time.Duration` String for whole seconds/milliseconds (`1s`, `500ms`). */
function goDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * `pkg/probe/grpc` Probe: `grpc.health.v1.Health/Check` over h2c; `SERVING` is success.
 * Output texts as the kubelet's (`service unhealthy (responded with "NOT_SERVING")`, …).
 */
export async function grpcProbe(dialer: Dialer, target: NetworkTarget, port: number, service: string, timeoutMs: number): Promise<HandlerResult> {
  const addr = joinHostPort(target.host, port);
  const timeout = goDuration(timeoutMs);
  let sock: Socket;
  const started = Date.now();
  try {
    sock = await dialer.dial({ host: target.host, port, ...(target.netnsPath ? { netnsPath: target.netnsPath } : {}) }, timeoutMs);
  } catch (err) {
    if (err instanceof ProbeError && err.code === 'DialTimeout') {
      return { result: 'Failure', output: `timeout: failed to connect service "${addr}" within ${timeout}: context deadline exceeded` };
    }
    return { result: 'Failure', output: `error: failed to connect service at "${addr}": ${errorMessage(err)}` };
  }
  const session = http2Connect(`http://${addr}`, { createConnection: () => sock });
  setImmediate(() => sock.resume());
  const remaining = Math.max(1, timeoutMs - (Date.now() - started));
  try {
    return await new Promise<HandlerResult>((resolve) => {
      const timer = setTimeout(() => resolve({ result: 'Failure', output: `timeout: health rpc did not complete within ${timeout}` }), remaining);
      const done = (r: HandlerResult) => {
        clearTimeout(timer);
        resolve(r);
      };
      session.once('error', (err: Error) => done({ result: 'Failure', output: `error: health rpc probe failed: rpc error: code = Unavailable desc = ${err.message}` }));
      const stream = session.request({
        [h2.HTTP2_HEADER_METHOD]: 'POST',
        [h2.HTTP2_HEADER_PATH]: '/grpc.health.v1.Health/Check',
        [h2.HTTP2_HEADER_SCHEME]: 'http',
        [h2.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
        [h2.HTTP2_HEADER_USER_AGENT]: `${probeUserAgent} grpc-node`,
        te: 'trailers',
        'grpc-timeout': `${remaining}m`,
      });
      const chunks: Buffer[] = [];
      let grpcStatus: number | undefined;
      let grpcMessage = '';
      const takeStatus = (h: Record<string, unknown>) => {
        if (h['grpc-status'] !== undefined) grpcStatus = Number(h['grpc-status']);
        const m = h['grpc-message'];
        if (typeof m === 'string') grpcMessage = decodeURIComponent(m);
      };
      stream.on('response', (h) => takeStatus(h));
      stream.on('trailers', (h) => takeStatus(h as Record<string, unknown>));
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.on('error', (err: Error) => done({ result: 'Failure', output: `error: health rpc probe failed: rpc error: code = Unavailable desc = ${err.message}` }));
      stream.on('end', () => {
        const code = grpcStatus ?? 2;
        if (code !== 0) {
          const name = grpcCodes[code] ?? `Code(${code})`;
          if (name === 'Unimplemented') {
            done({ result: 'Failure', output: `error: this server does not implement the grpc health protocol (grpc.health.v1.Health): ${grpcMessage}` });
          } else if (name === 'DeadlineExceeded') {
            done({ result: 'Failure', output: `timeout: health rpc did not complete within ${timeout}` });
          } else {
            done({ result: 'Failure', output: `error: health rpc probe failed: rpc error: code = ${name} desc = ${grpcMessage}` });
          }
          return;
        }
        const status = decodeHealthCheckResponse(Buffer.concat(chunks));
        if (status !== 1) done({ result: 'Failure', output: `service unhealthy (responded with "${servingStatus[status] ?? String(status)}")` });
        else done({ result: 'Success', output: 'service healthy' });
      });
      stream.end(encodeHealthCheckRequest(service));
    });
  } finally {
    session.destroy();
    sock.destroy();
  }
}
