import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Clock } from '../base/index.js';

/** The user a dashboard session acts as (Podyard has no RBAC: the same rights as the admin). */
export interface SessionUser {
  name: string;
  groups: string[];
}

/** The cookie that carries a dashboard session. */
export const sessionCookieName = 'podyard-session';

/** Lifetimes of the dashboard's credentials. */
export interface SessionOptions {
  /** How long a login token printed by `podyard dashboard` may be exchanged (default 5 minutes). */
  loginTokenTtlMs: number;
  /** How long a session lives after its last use (default 12 hours). */
  sessionIdleTtlMs: number;
}

const defaults: SessionOptions = { loginTokenTtlMs: 5 * 60_000, sessionIdleTtlMs: 12 * 60 * 60_000 };

/**
 * The dashboard's credentials: single-use login tokens (minted for an authenticated caller, put
 * in the URL that `podyard dashboard` prints) and the sessions they are exchanged for (an
 * HttpOnly, Secure, SameSite=Strict cookie). Only SHA-256 digests are kept, in memory: a server
 * restart logs every browser out, which is what a restart of a local daemon should do.
 */
export class DashboardSessions {
  private readonly loginTokens = new Map<string, number>();
  private readonly sessions = new Map<string, { user: SessionUser; lastUsedMs: number }>();
  private readonly options: SessionOptions;

  constructor(
    private readonly deps: { clock: Clock },
    options: Partial<SessionOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  /** Mints a login token that {@link exchange} accepts once, within the login token TTL. */
  issueLoginToken(): { token: string; expiresAt: Date } {
    this.sweep();
    const token = randomBytes(24).toString('base64url');
    const expiresMs = this.deps.clock.now() + this.options.loginTokenTtlMs;
    this.loginTokens.set(digest(token), expiresMs);
    return { token, expiresAt: new Date(expiresMs) };
  }

  /** Consumes a login token; returns a new session id, or undefined if the token is unknown, used or expired. */
  exchange(loginToken: string, user: SessionUser): string | undefined {
    const key = digest(loginToken);
    const expiresMs = this.loginTokens.get(key);
    if (expiresMs === undefined) return undefined;
    this.loginTokens.delete(key);
    if (expiresMs < this.deps.clock.now()) return undefined;
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(digest(id), { user, lastUsedMs: this.deps.clock.now() });
    return id;
  }

  /** The user of a live session id, refreshing its idle timer; undefined when unknown or idle too long. */
  lookup(sessionId: string): SessionUser | undefined {
    const key = digest(sessionId);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    const now = this.deps.clock.now();
    if (now - session.lastUsedMs > this.options.sessionIdleTtlMs) {
      this.sessions.delete(key);
      return undefined;
    }
    session.lastUsedMs = now;
    return session.user;
  }

  /** Ends a session (logout). */
  revoke(sessionId: string): void {
    this.sessions.delete(digest(sessionId));
  }

  /**
   * The user of a request's session cookie. A cookie alone is not enough when the request says
   * it comes from another origin (belt and braces besides SameSite=Strict): a WebSocket or a
   * state-changing request must carry an `Origin` equal to the server's own.
   */
  authenticate(req: IncomingMessage): SessionUser | undefined {
    const id = cookieValue(req.headers.cookie, sessionCookieName);
    if (!id) return undefined;
    const origin = req.headers.origin;
    const unsafe = req.method !== 'GET' && req.method !== 'HEAD';
    const upgrade = !!req.headers.upgrade;
    if (origin !== undefined || unsafe || upgrade) {
      if (origin === undefined || !sameOrigin(origin, req.headers.host)) return undefined;
    }
    return this.lookup(id);
  }

  private sweep(): void {
    const now = this.deps.clock.now();
    for (const [k, exp] of this.loginTokens) if (exp < now) this.loginTokens.delete(k);
    for (const [k, s] of this.sessions) if (now - s.lastUsedMs > this.options.sessionIdleTtlMs) this.sessions.delete(k);
  }
}

/** The value of one cookie in a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  const expected = Buffer.from(`https://${host}`.toLowerCase());
  const got = Buffer.from(origin.toLowerCase());
  return expected.length === got.length && timingSafeEqual(expected, got);
}

function digest(s: string): string {
  return createHash('sha256').update(s).digest('base64url');
}
