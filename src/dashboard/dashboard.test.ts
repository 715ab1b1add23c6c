import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { FakeClock, silentLogger } from '../base/index.js';
import { Dashboard } from './dashboard.js';
import { DashboardSessions, sessionCookieName } from './sessions.js';

interface Answer {
  code: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('Dashboard', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const sessions = new DashboardSessions({ clock: new FakeClock(0) });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dashboard-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Podyard</title>');
    await writeFile(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    await writeFile(join(tmpdir(), 'dashboard-secret.txt'), 'secret');
    const dashboard = new Dashboard({ sessions, logger: silentLogger }, { assetsDir: dir });
    // As the API server does: a request is authenticated (here: a test header, or the cookie) or refused.
    server = createServer((req, res) => {
      const user = req.headers['x-test-user'] ? { name: 'admin', groups: [] } : dashboard.authenticate(req);
      if (user || dashboard.publicPaths.includes((req.url ?? '').split('?')[0] as '/ui/login')) dashboard.handle(req, res, user);
      else dashboard.refuse(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  const send = (path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = request(base + path, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('refuses without a session: a page for browsers, a Status for scripts', async () => {
    const page = await send('/ui/', { headers: { Accept: 'text/html' } });
    assert.equal(page.code, 401);
    assert.match(page.body, /podyard dashboard --print-url/);
    const api = await send('/ui/assets/app-1234.js');
    assert.equal(api.code, 401);
    assert.equal((JSON.parse(api.body) as { reason: string }).reason, 'Unauthorized');
  });

  it('exchanges a minted login token for a Secure, HttpOnly, SameSite=Strict cookie, once', async () => {
    const minted = await send('/ui/login-tokens', { method: 'POST', headers: { 'x-test-user': '1' } });
    assert.equal(minted.code, 201);
    const { path } = JSON.parse(minted.body) as { path: string };
    assert.match(path, /^\/ui\/login\?token=[\w-]{32}$/);
    const login = await send(path);
    assert.equal(login.code, 303);
    assert.equal(login.headers.location, '/ui/');
    const cookie = String(login.headers['set-cookie']);
    assert.match(cookie, new RegExp(`^${sessionCookieName}=[\\w-]+; Path=/; HttpOnly; Secure; SameSite=Strict$`));
    assert.equal((await send(path)).code, 401, 'a login token works once');
    const id = cookie.split(';')[0]!;
    const index = await send('/ui/', { headers: { Cookie: id } });
    assert.equal(index.code, 200);
    assert.match(String(index.headers['content-security-policy']), /default-src 'self'/);
    assert.match(index.body, /<title>Podyard<\/title>/);
    const asset = await send('/ui/assets/app-1234.js', { headers: { Cookie: id } });
    assert.equal(asset.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.match(String(asset.headers['cache-control']), /immutable/);
    const out = await send('/ui/logout', { method: 'POST', headers: { Cookie: id, Origin: base.replace('http:', 'https:'), Host: base.slice(7) } });
    assert.equal(out.code, 204);
    assert.equal((await send('/ui/', { headers: { Cookie: id } })).code, 401, 'logged out');
  });

  it('serves only files inside the built app', async () => {
    const user = { 'x-test-user': '1' };
    assert.equal((await send('/ui/..%2Fdashboard-secret.txt', { headers: user })).code, 404);
    assert.equal((await send('/ui/nope.js', { headers: user })).code, 404);
    assert.equal((await send('/ui', { headers: user })).code, 308);
    assert.equal((await send('/ui/', { method: 'DELETE', headers: user })).code, 405);
  });
});
