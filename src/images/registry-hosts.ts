/**
 * Which endpoints serve a registry host, and with which credentials: containerd's hosts
 * configuration (mirrors tried in order, then the upstream host) and Docker's credential rules.
 *
 * - `docker.io` is served by `https://registry-1.docker.io`, like Docker and containerd.
 * - Plain HTTP is allowed only for loopback registries (as Docker does: 127.0.0.0/8, ::1 and
 *   `localhost` are implicitly insecure) and for hosts listed as insecure. Those hosts are tried
 *   over HTTPS first (without certificate verification for listed hosts), then over HTTP.
 * - Credentials come from `kubernetes.io/dockerconfigjson` Secrets (a pod's imagePullSecrets)
 *   first, then from the node-level Docker `config.json`, matched by registry host the way the
 *   kubelet's credentialprovider keyring does for plain host keys (`https://index.docker.io/v1/`
 *   is `docker.io`). A mirror is asked with the credentials of the mirror's own host, never with
 *   those of the registry it mirrors.
 */
import { isIP } from 'node:net';
import { ImageError } from './errors.js';

/** Registry hosts configuration (node level; `podyard server --registry-mirror …`). */
export interface RegistryHostsConfig {
  /** Registry host (`docker.io`, `quay.io`, `host:5000`) → mirror base URLs, tried in order. */
  mirrors?: Readonly<Record<string, readonly string[]>>;
  /** Hosts (`host` or `host:port`) allowed plain HTTP and unverified TLS. */
  insecure?: readonly string[];
  /**
   * Whether a host with mirrors falls back to its upstream when every mirror fails (default
   * true, as containerd). Air-gapped machines (and Podyard's tests) turn it off.
   */
  fallback?: boolean;
}

/** One place to ask for a registry's content. */
export interface RegistryEndpoint {
  /** `https://registry-1.docker.io`, `http://127.0.0.1:5000`, or a mirror URL (may have a path prefix). */
  base: string;
  /** The host whose credentials apply (`docker.io` for the upstream, the mirror's host:port for a mirror). */
  credentialHost: string;
  mirror: boolean;
  /** Skip TLS verification (insecure hosts only). */
  skipVerify: boolean;
  /** When `base` is https, whether to retry over plain http after a TLS/connection failure. */
  httpFallback: boolean;
}

/** A username/password or token for one registry (a docker config.json `auths` entry). */
export interface RegistryCredential {
  username?: string;
  password?: string;
  /** An OAuth2 refresh token (`identitytoken`), exchanged at the token server. */
  identityToken?: string;
  /** A bearer token used as is (`registrytoken`). */
  registryToken?: string;
}

/** Credentials by registry host (`docker.io`, `host:5000`). */
export type RegistryCredentials = ReadonlyMap<string, RegistryCredential>;

const dockerHubHosts = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** The host part of `host:port` / `[v6]:port`. */
function hostname(hostPort: string): string {
  if (hostPort.startsWith('[')) return hostPort.slice(1, hostPort.indexOf(']'));
  const colon = hostPort.lastIndexOf(':');
  return colon >= 0 && hostPort.indexOf(':') === colon ? hostPort.slice(0, colon) : hostPort;
}

/** Whether a `host[:port]` is on the loopback (Docker treats these registries as insecure). */
export function isLoopbackHost(hostPort: string): boolean {
  const h = hostname(hostPort).toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1';
  return false;
}

/** The registry host a credential key names (`https://index.docker.io/v1/` → `docker.io`). */
export function credentialKeyHost(key: string): string {
  let k = key.trim().replace(/^[a-z]+:\/\//i, '');
  const slash = k.indexOf('/');
  if (slash >= 0) k = k.slice(0, slash);
  k = k.toLowerCase();
  return dockerHubHosts.has(k) ? 'docker.io' : k;
}

/**
 * Parses a Docker `config.json` (`{"auths": {...}}`, the `.dockerconfigjson` of a
 * `kubernetes.io/dockerconfigjson` Secret) or a legacy `.dockercfg` (the auths map alone).
 * Each entry gives `auth` (base64 `user:password`) or `username`/`password`, optionally
 * `identitytoken`/`registrytoken`. Throws `PullFailed` for a document that is not JSON.
 */
export function parseDockerConfig(json: string | Buffer): Map<string, RegistryCredential> {
  let doc: unknown;
  try {
    doc = JSON.parse(json.toString());
  } catch (err) {
    throw new ImageError('PullFailed', 'registry credentials are not valid JSON', { cause: err });
  }
  const root = (doc ?? {}) as { auths?: Record<string, unknown> };
  const auths = (root.auths && typeof root.auths === 'object' ? root.auths : root) as Record<string, unknown>;
  const out = new Map<string, RegistryCredential>();
  for (const [key, value] of Object.entries(auths)) {
    if (!value || typeof value !== 'object') continue;
    const v = value as Record<string, unknown>;
    const cred: RegistryCredential = {};
    if (typeof v.auth === 'string' && v.auth !== '') {
      const decoded = Buffer.from(v.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        cred.username = decoded.slice(0, colon);
        cred.password = decoded.slice(colon + 1);
      }
    }
    if (typeof v.username === 'string' && v.username !== '') cred.username = v.username;
    if (typeof v.password === 'string' && v.password !== '') cred.password = v.password;
    if (typeof v.identitytoken === 'string' && v.identitytoken !== '') cred.identityToken = v.identitytoken;
    if (typeof v.registrytoken === 'string' && v.registrytoken !== '') cred.registryToken = v.registrytoken;
    if (Object.keys(cred).length === 0) continue;
    const host = credentialKeyHost(key);
    if (!out.has(host)) out.set(host, cred);
  }
  return out;
}

/** Merges credential maps: earlier maps win (pod secrets before the node's config). */
export function mergeCredentials(...maps: (RegistryCredentials | undefined)[]): Map<string, RegistryCredential> {
  const out = new Map<string, RegistryCredential>();
  for (const m of maps) for (const [k, v] of m ?? []) if (!out.has(k)) out.set(k, v);
  return out;
}

/** Normalises a mirror URL: no trailing slash, no trailing `/v2`. Throws `PullFailed` if not http(s). */
export function normalizeMirrorUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `https://${raw}`);
  } catch (err) {
    throw new ImageError('PullFailed', `invalid registry mirror URL "${raw}"`, { cause: err });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ImageError('PullFailed', `registry mirror URL "${raw}" is not http or https`);
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v2$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * Resolves registry hosts to endpoints. Construct once per configuration; {@link endpoints} is
 * pure. Throws `InsecureRegistry` at construction for a plain-HTTP mirror on a host that is
 * neither loopback nor listed as insecure.
 */
export class RegistryHosts {
  private readonly insecure: Set<string>;
  private readonly mirrors: Map<string, string[]>;
  private readonly fallback: boolean;

  constructor(config: RegistryHostsConfig = {}) {
    this.insecure = new Set((config.insecure ?? []).map((h) => h.toLowerCase()));
    this.fallback = config.fallback ?? true;
    this.mirrors = new Map();
    for (const [host, urls] of Object.entries(config.mirrors ?? {})) {
      const key = credentialKeyHost(host);
      const list = urls.map(normalizeMirrorUrl);
      for (const u of list) {
        const url = new URL(u);
        if (url.protocol === 'http:' && !this.isInsecure(url.host)) {
          throw new ImageError('InsecureRegistry', `registry mirror ${u} uses plain HTTP: only loopback registries and --insecure-registry hosts may`);
        }
      }
      this.mirrors.set(key, [...(this.mirrors.get(key) ?? []), ...list]);
    }
  }

  /** Whether plain HTTP (and unverified TLS, for listed hosts) is allowed for `host[:port]`. */
  isInsecure(hostPort: string): boolean {
    const h = hostPort.toLowerCase();
    return isLoopbackHost(h) || this.insecure.has(h) || this.insecure.has(hostname(h));
  }

  /** The endpoints to try for a registry host (the `domain` of a reference), mirrors first. */
  endpoints(domain: string): RegistryEndpoint[] {
    const key = credentialKeyHost(domain);
    const out: RegistryEndpoint[] = [];
    for (const base of this.mirrors.get(key) ?? []) {
      const host = new URL(base).host;
      const listed = this.insecure.has(host.toLowerCase()) || this.insecure.has(hostname(host.toLowerCase()));
      out.push({ base, credentialHost: host.toLowerCase(), mirror: true, skipVerify: listed, httpFallback: false });
    }
    if (out.length > 0 && !this.fallback) return out;
    const upstream = key === 'docker.io' ? 'registry-1.docker.io' : key;
    const insecure = this.isInsecure(upstream);
    out.push({
      base: `https://${upstream}`,
      credentialHost: key,
      mirror: false,
      skipVerify: insecure,
      httpFallback: insecure,
    });
    return out;
  }
}
