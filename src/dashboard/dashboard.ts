import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../base/index.js';
import { cookieValue, sessionCookieName, type DashboardSessions, type SessionUser } from './sessions.js';

/** Where the dashboard lives on the API server's address (issue #2's CLI contract). */
export const dashboardPrefix = '/ui/';

/** The built browser app beside this build: `<dist>/web` (`vite build` writes it there). */
export function defaultAssetsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../web');
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

// No CDN, no inline script; styles may be set from script (xterm.js sizes its rows that way).
const securityHeaders = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/**
 * The dashboard as an app mounted on the API server (`apiserver`'s `MountedApp` shape, wired by
 * `cmd`): `/ui/` serves the built browser app to authenticated users; `/ui/login?token=…`
 * exchanges a login token for the session cookie; `POST /ui/login-tokens` mints a login token
 * for an authenticated caller (`podyard dashboard` with its kubeconfig credentials);
 * `POST /ui/logout` ends the session. The page then calls the ordinary Kubernetes API with the
 * cookie, which the server accepts through {@link Dashboard.authenticate}.
 */
export class Dashboard {
  readonly prefix = dashboardPrefix;
  readonly publicPaths = [`${dashboardPrefix}login`] as const;
  private readonly assetsDir: string;

  constructor(
    private readonly deps: { sessions: DashboardSessions; logger: Logger },
    config: { assetsDir?: string } = {},
  ) {
    this.assetsDir = resolve(config.assetsDir ?? defaultAssetsDir());
  }

  /** The session cookie's user, for the API server's authentication chain. */
  authenticate(req: IncomingMessage): SessionUser | undefined {
    return this.deps.sessions.authenticate(req);
  }

  /** Answers a request under `/ui/`. */
  handle(req: IncomingMessage, res: ServerResponse, user: SessionUser | undefined): void {
    this.route(req, res, user).catch((err: unknown) => {
      this.deps.logger.error('dashboard request failed', { url: req.url, err });
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  }

  /** The 401 for a browser without a session: a short page saying how to get one. */
  refuse(req: IncomingMessage, res: ServerResponse): void {
    if (/text\/html/.test(req.headers.accept ?? '')) {
      sendHtml(res, 401, page('Log in to the Podyard dashboard', '<p>This dashboard needs a login link. On the server machine, run:</p><pre>podyard dashboard --print-url</pre><p>and open the URL it prints.</p>'));
      return;
    }
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    res.writeHead(401, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...securityHeaders });
    res.end(body);
  }

  private async route(req: IncomingMessage, res: ServerResponse, user: SessionUser | undefined): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const path = url.pathname;
    if (path === `${dashboardPrefix}login`) return this.login(req, res, url, user);
    if (!user) return this.refuse(req, res);
    if (path === `${dashboardPrefix}login-tokens`) {
      if (req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed');
      const { token, expiresAt } = this.deps.sessions.issueLoginToken();
      const body = JSON.stringify({ token, path: `${dashboardPrefix}login?token=${token}`, expiresAt: expiresAt.toISOString() });
      res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
      res.end(body);
      return;
    }
    if (path === `${dashboardPrefix}logout`) {
      if (req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed');
      const id = cookieValue(req.headers.cookie, sessionCookieName);
      if (id) this.deps.sessions.revoke(id);
      res.writeHead(204, { 'Set-Cookie': clearCookie(), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed');
    if (path === dashboardPrefix.slice(0, -1)) {
      res.writeHead(308, { Location: dashboardPrefix });
      res.end();
      return;
    }
    return this.serveAsset(req, res, path.slice(dashboardPrefix.length));
  }

  private login(req: IncomingMessage, res: ServerResponse, url: URL, user: SessionUser | undefined): void {
    const token = url.searchParams.get('token');
    if (req.method !== 'GET' || !token) {
      if (user) return redirect(res, dashboardPrefix);
      return this.refuse(req, res);
    }
    const id = this.deps.sessions.exchange(token, { name: 'podyard-dashboard', groups: ['system:masters'] });
    if (!id) {
      sendHtml(res, 401, page('This login link is no longer valid', '<p>Login links work once and for five minutes. Run <code>podyard dashboard --print-url</code> again for a new one.</p>'));
      return;
    }
    redirect(res, dashboardPrefix, { 'Set-Cookie': `${sessionCookieName}=${id}; Path=/; HttpOnly; Secure; SameSite=Strict` });
  }

  private async serveAsset(req: IncomingMessage, res: ServerResponse, rel: string): Promise<void> {
    // The app routes in the fragment (#/pods/…): every other path is a built file or 404.
    const name = rel === '' ? 'index.html' : rel;
    const file = normalize(join(this.assetsDir, decodeURIComponent(name)));
    if (!file.startsWith(this.assetsDir + sep)) return sendText(res, 404, 'Not Found');
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      if (name === 'index.html') return sendText(res, 503, 'The dashboard is not built: run "npm run build".');
      return sendText(res, 404, 'Not Found');
    }
    const body = await readFile(file);
    const immutable = name.startsWith('assets/');
    res.writeHead(200, {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': immutable ? 'private, max-age=31536000, immutable' : 'no-cache, private',
      ...securityHeaders,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', ...headers });
  res.end();
}

function clearCookie(): string {
  return `${sessionCookieName}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`;
}

function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...securityHeaders });
  res.end(text);
}

function sendHtml(res: ServerResponse, code: number, html: string): void {
  res.writeHead(code, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store', ...securityHeaders });
  res.end(html);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1b1f24"><h1 style="font-size:1.4rem">${title}</h1>${body}</body></html>`;
}
