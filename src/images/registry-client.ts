/**
 * The OCI distribution API (distribution-spec v1.1) for one repository at one endpoint: manifest
 * and blob GETs (with `Range` for resumed blobs), redirects (an Authorization header never
 * follows a redirect to another host), and registry authentication as Docker does it — a 401
 * with `WWW-Authenticate: Basic …` is answered with the credentials, `Bearer realm=…,service=…,
 * scope=…` with a token fetched from the realm (anonymously, with Basic credentials, or by
 * refresh token). Tokens are cached per realm, service, scope and user until they expire.
 *
 * Uses node:http/https (not fetch) so TLS verification can be skipped for insecure registries
 * and bodies stream straight to disk.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { errorMessage } from '../base/index.js';
import { ImageError } from './errors.js';
import type { RegistryCredential, RegistryEndpoint } from './registry-hosts.js';

/** An HTTP response with its body still to be read. */
export interface RegistryResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
  url: URL;
}

/** Options for one request. */
interface RequestOptions {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  skipVerify?: boolean;
  signal?: AbortSignal;
  /** Time allowed to connect and receive the response headers. */
  timeoutMs?: number;
}

/** Errors that mean "this connection failed", as opposed to an HTTP answer. */
export function isConnectionError(err: unknown): boolean {
  return !(err instanceof ImageError) || err.code === 'RegistryUnavailable';
}

/** Sends one request, following up to 5 redirects. Throws `RegistryUnavailable` for connection failures. */
export async function sendRequest(url: URL, options: RequestOptions = {}): Promise<RegistryResponse> {
  let current = url;
  let headers = { ...(options.headers ?? {}) };
  for (let hop = 0; hop < 6; hop++) {
    const res = await once(current, { ...options, headers });
    if (res.status >= 300 && res.status < 400 && res.headers.location && (options.method ?? 'GET') !== 'POST') {
      res.body.resume();
      const next = new URL(res.headers.location, current);
      if (next.host !== current.host || next.protocol !== current.protocol) {
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
      }
      current = next;
      continue;
    }
    return res;
  }
  throw new ImageError('PullFailed', `too many redirects from ${url.href}`);
}

function once(url: URL, options: RequestOptions): Promise<RegistryResponse> {
  return new Promise((resolve, reject) => {
    const make = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const req = make(url, {
      method: options.method ?? 'GET',
      headers: { 'User-Agent': 'podyard', ...(options.headers ?? {}) },
      ...(url.protocol === 'https:' ? { rejectUnauthorized: !options.skipVerify } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const timer = setTimeout(() => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 30_000}ms`)), options.timeoutMs ?? 30_000);
    req.on('response', (body) => {
      clearTimeout(timer);
      resolve({ status: body.statusCode ?? 0, headers: body.headers, body, url });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(new ImageError('RegistryUnavailable', `${options.method ?? 'GET'} ${url.href}: ${errorMessage(err)}`, { cause: err }));
    });
    req.end(options.body);
  });
}

/** Reads a whole (small) body, refusing more than `limit` bytes. */
export async function readBody(res: RegistryResponse, limit = 4 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      res.body.destroy();
      throw new ImageError('PullFailed', `response from ${res.url.href} is larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** One parsed `WWW-Authenticate` challenge. */
export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses a `WWW-Authenticate` header (RFC 7235; quoted values may hold commas). */
export function parseChallenges(header: string | undefined): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  if (!header) return out;
  const s = header;
  let i = 0;
  let current: AuthChallenge | undefined;
  const tokenChar = /[\w!#$%&'*+.^`|~/-]/;
  while (i < s.length) {
    while (i < s.length && (s[i] === ' ' || s[i] === ',' || s[i] === '\t')) i++;
    const start = i;
    while (i < s.length && tokenChar.test(s[i]!)) i++;
    const token = s.slice(start, i);
    if (token === '') {
      i++;
      continue;
    }
    while (s[i] === ' ') i++;
    if (s[i] === '=' && current) {
      i++;
      while (s[i] === ' ') i++;
      let value = '';
      if (s[i] === '"') {
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          value += s[i++];
        }
        i++;
      } else {
        const vs = i;
        while (i < s.length && s[i] !== ',' && s[i] !== ' ') i++;
        value = s.slice(vs, i);
      }
      current.params[token.toLowerCase()] = value;
    } else {
      current = { scheme: token.toLowerCase(), params: {} };
      out.push(current);
    }
  }
  return out;
}

interface CachedToken {
  token: string;
  expiresAtMs: number;
}

/** Bearer tokens shared by every session of one puller. */
export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  get(key: string, nowMs: number): string | undefined {
    const t = this.tokens.get(key);
    if (t && t.expiresAtMs > nowMs) return t.token;
    this.tokens.delete(key);
    return undefined;
  }
  set(key: string, token: string, expiresAtMs: number): void {
    this.tokens.set(key, { token, expiresAtMs });
  }
}

/** Options of a {@link RegistrySession}. */
export interface RegistrySessionOptions {
  credential?: RegistryCredential;
  tokens: TokenCache;
  /** Whether a URL may be fetched over plain HTTP (token realms included). */
  allowHttp: (host: string) => boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Manifest media types a pull accepts, best first. */
export const manifestAccept = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/**
 * Requests against one repository (`library/nginx`) at one endpoint, authenticating on demand.
 * The base URL may switch from https to http once, for endpoints allowed to (loopback and
 * insecure registries), after a connection-level failure over TLS.
 */
export class RegistrySession {
  private base: string;
  private authorization: string | undefined;
  private challenged = false;

  constructor(
    readonly endpoint: RegistryEndpoint,
    readonly repository: string,
    private readonly options: RegistrySessionOptions,
  ) {
    this.base = endpoint.base;
  }

  /** The URL of `/v2/<repository>/<kind>/<reference>` at this endpoint. */
  url(kind: 'manifests' | 'blobs', reference: string): URL {
    return new URL(`${this.base}/v2/${this.repository}/${kind}/${reference}`);
  }

  /**
   * GETs a manifest or blob, answering an auth challenge once. Returns any response (the caller
   * interprets 404 and others); throws `Unauthorized` when credentials were refused and
   * `RegistryUnavailable` when the endpoint cannot be reached.
   */
  async get(kind: 'manifests' | 'blobs', reference: string, headers: Record<string, string> = {}): Promise<RegistryResponse> {
    for (let attempt = 0; ; attempt++) {
      let res: RegistryResponse;
      try {
        res = await this.send(this.url(kind, reference), headers);
      } catch (err) {
        const url = new URL(this.base);
        if (url.protocol === 'https:' && this.endpoint.httpFallback && isConnectionError(err)) {
          this.base = `http:${this.base.slice('https:'.length)}`;
          continue;
        }
        throw err;
      }
      if (res.status === 401 && !this.challenged && attempt < 2) {
        res.body.resume();
        this.challenged = true;
        await this.authenticate(res);
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        const detail = await readBody(res, 64 * 1024).then((b) => registryErrorMessage(b)).catch(() => '');
        throw new ImageError('Unauthorized', `unexpected status from GET request to ${res.url.href}: ${res.status} ${res.status === 401 ? 'Unauthorized' : 'Forbidden'}${detail ? `: ${detail}` : ''}`);
      }
      return res;
    }
  }

  private send(url: URL, headers: Record<string, string>): Promise<RegistryResponse> {
    if (url.protocol === 'http:' && !this.options.allowHttp(url.host)) {
      throw new ImageError('InsecureRegistry', `refusing plain HTTP to ${url.host}: only loopback registries and --insecure-registry hosts may use it`);
    }
    return sendRequest(url, {
      headers: { ...headers, ...(this.authorization ? { Authorization: this.authorization } : {}) },
      skipVerify: this.endpoint.skipVerify,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
    });
  }

  /** Answers a 401's challenge: Basic credentials, or a Bearer token from the realm. */
  private async authenticate(res: RegistryResponse): Promise<void> {
    const challenges = parseChallenges(res.headers['www-authenticate']);
    const cred = this.options.credential;
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) {
      this.authorization = `Bearer ${await this.fetchToken(bearer.params)}`;
      return;
    }
    if (challenges.some((c) => c.scheme === 'basic') && cred?.username !== undefined) {
      this.authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password ?? ''}`).toString('base64')}`;
    }
  }

  private async fetchToken(params: Record<string, string>): Promise<string> {
    const cred = this.options.credential;
    if (cred?.registryToken) return cred.registryToken;
    const realm = params.realm;
    if (!realm) throw new ImageError('Unauthorized', 'the registry asked for a bearer token without naming a realm');
    let url: URL;
    try {
      url = new URL(realm);
    } catch (err) {
      throw new ImageError('PullFailed', `invalid token realm "${realm}"`, { cause: err });
    }
    if (url.protocol === 'http:' && !this.options.allowHttp(url.host)) {
      throw new ImageError('InsecureRegistry', `refusing to send credentials to token server ${url.host} over plain HTTP`);
    }
    const scope = `repository:${this.repository}:pull`;
    const service = params.service ?? '';
    const key = `${realm}|${service}|${scope}|${cred?.username ?? ''}|${cred?.identityToken ? 'refresh' : ''}`;
    const cached = this.options.tokens.get(key, Date.now());
    if (cached) return cached;
    let res: RegistryResponse;
    if (cred?.identityToken) {
      // OAuth2 refresh-token grant (docker/distribution docs/spec/auth/oauth.md).
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: cred.identityToken, service, scope, client_id: 'podyard' });
      res = await sendRequest(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        skipVerify: this.endpoint.skipVerify,
      });
    } else {
      if (service) url.searchParams.set('service', service);
      url.searchParams.append('scope', scope);
      const headers: Record<string, string> = {};
      if (cred?.username !== undefined) headers.Authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password ?? ''}`).toString('base64')}`;
      res = await sendRequest(url, { headers, skipVerify: this.endpoint.skipVerify });
    }
    const body = await readBody(res, 1024 * 1024);
    if (res.status === 401 || res.status === 403) {
      throw new ImageError('Unauthorized', `failed to fetch anonymous token: unexpected status from GET request to ${url.origin}${url.pathname}: ${res.status} ${res.status === 401 ? 'Unauthorized' : 'Forbidden'}`);
    }
    if (res.status !== 200) throw new ImageError('PullFailed', `token server ${url.origin}${url.pathname} answered ${res.status}`);
    let doc: { token?: string; access_token?: string; expires_in?: number };
    try {
      doc = JSON.parse(body.toString()) as typeof doc;
    } catch (err) {
      throw new ImageError('PullFailed', `token server ${url.origin}${url.pathname} sent invalid JSON`, { cause: err });
    }
    const token = doc.token ?? doc.access_token;
    if (!token) throw new ImageError('PullFailed', `token server ${url.origin}${url.pathname} sent no token`);
    // The spec's default lifetime is 60 s; keep a margin.
    const lifetimeS = typeof doc.expires_in === 'number' && doc.expires_in > 0 ? doc.expires_in : 60;
    this.options.tokens.set(key, token, Date.now() + Math.max(lifetimeS - 10, 1) * 1000);
    return token;
  }
}

/** The first message of a distribution error body (`{"errors":[{"code","message"}]}`), if any. */
export function registryErrorMessage(body: Buffer): string {
  try {
    const doc = JSON.parse(body.toString()) as { errors?: { code?: string; message?: string }[] };
    const e = doc.errors?.[0];
    if (!e) return '';
    return [e.code?.toLowerCase(), e.message].filter(Boolean).join(': ');
  } catch {
    return '';
  }
}
