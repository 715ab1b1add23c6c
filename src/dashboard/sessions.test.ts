import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { FakeClock } from '../base/index.js';
import { cookieValue, DashboardSessions, sessionCookieName } from './sessions.js';

const user = { name: 'podyard-dashboard', groups: ['system:masters'] };

function request(headers: Record<string, string>, method = 'GET'): IncomingMessage {
  return { headers: { host: '127.0.0.1:7443', ...headers }, method } as unknown as IncomingMessage;
}

describe('DashboardSessions', () => {
  it('exchanges a login token once, for a session the cookie then authenticates', () => {
    const sessions = new DashboardSessions({ clock: new FakeClock(1_000) });
    const { token } = sessions.issueLoginToken();
    const id = sessions.exchange(token, user);
    assert.ok(id);
    assert.equal(sessions.exchange(token, user), undefined, 'a login token works once');
    assert.deepEqual(sessions.authenticate(request({ cookie: `a=b; ${sessionCookieName}=${id}` })), user);
    assert.equal(sessions.authenticate(request({ cookie: `${sessionCookieName}=${id}x` })), undefined);
    assert.equal(sessions.authenticate(request({})), undefined);
  });

  it('refuses expired login tokens and idle sessions', () => {
    const clock = new FakeClock(0);
    const sessions = new DashboardSessions({ clock }, { loginTokenTtlMs: 1000, sessionIdleTtlMs: 5000 });
    const late = sessions.issueLoginToken().token;
    clock.advance(1001);
    assert.equal(sessions.exchange(late, user), undefined);
    const id = sessions.exchange(sessions.issueLoginToken().token, user)!;
    clock.advance(4000);
    assert.ok(sessions.lookup(id), 'use refreshes the idle timer');
    clock.advance(4000);
    assert.ok(sessions.lookup(id));
    clock.advance(5001);
    assert.equal(sessions.lookup(id), undefined);
  });

  it('needs a same-origin Origin for state-changing requests and WebSockets', () => {
    const sessions = new DashboardSessions({ clock: new FakeClock(0) });
    const id = sessions.exchange(sessions.issueLoginToken().token, user)!;
    const cookie = `${sessionCookieName}=${id}`;
    assert.equal(sessions.authenticate(request({ cookie }, 'DELETE')), undefined, 'no Origin');
    assert.equal(sessions.authenticate(request({ cookie, origin: 'https://evil.example' }, 'DELETE')), undefined);
    assert.equal(sessions.authenticate(request({ cookie, upgrade: 'websocket', origin: 'https://evil.example' })), undefined);
    assert.deepEqual(sessions.authenticate(request({ cookie, origin: 'https://127.0.0.1:7443' }, 'DELETE')), user);
    assert.deepEqual(sessions.authenticate(request({ cookie, upgrade: 'websocket', origin: 'https://127.0.0.1:7443' })), user);
    sessions.revoke(id);
    assert.equal(sessions.authenticate(request({ cookie })), undefined);
  });

  it('reads one cookie out of a Cookie header', () => {
    assert.equal(cookieValue('a=1; b=2;c=3', 'b'), '2');
    assert.equal(cookieValue('ab=1', 'b'), undefined);
    assert.equal(cookieValue(undefined, 'b'), undefined);
  });
});
