import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { ImageError } from './errors.js';
import { parseChallenges, RegistrySession, TokenCache } from './registry-client.js';
import { credentialKeyHost, isLoopbackHost, mergeCredentials, parseDockerConfig, RegistryHosts } from './registry-hosts.js';

describe('RegistryHosts', () => {
  it('serves docker.io from registry-1.docker.io over HTTPS only', () => {
    assert.deepEqual(new RegistryHosts().endpoints('docker.io'), [
      { base: 'https://registry-1.docker.io', credentialHost: 'docker.io', mirror: false, skipVerify: false, httpFallback: false },
    ]);
  });

  it('allows plain HTTP for loopback registries and listed insecure hosts only', () => {
    const hosts = new RegistryHosts({ insecure: ['registry.lan:5000', 'other.lan'] });
    for (const h of ['127.0.0.1:5000', 'localhost:5000', '[::1]:5000', 'registry.lan:5000', 'other.lan:443']) {
      assert.equal(hosts.endpoints(h).at(-1)!.httpFallback, true, h);
    }
    for (const h of ['quay.io', 'registry.lan:5001', '10.0.0.1:5000']) assert.equal(hosts.endpoints(h).at(-1)!.httpFallback, false, h);
    assert.equal(isLoopbackHost('127.8.9.10'), true);
    assert.equal(isLoopbackHost('128.0.0.1'), false);
  });

  it('tries mirrors first, then the upstream unless fallback is off', () => {
    const config = { mirrors: { 'docker.io': ['http://127.0.0.1:5000/', 'https://mirror.example/v2'] } };
    assert.deepEqual(new RegistryHosts(config).endpoints('docker.io').map((e) => [e.base, e.credentialHost, e.mirror]), [
      ['http://127.0.0.1:5000', '127.0.0.1:5000', true],
      ['https://mirror.example', 'mirror.example', true],
      ['https://registry-1.docker.io', 'docker.io', false],
    ]);
    assert.deepEqual(new RegistryHosts({ ...config, fallback: false }).endpoints('docker.io').map((e) => e.base), ['http://127.0.0.1:5000', 'https://mirror.example']);
    assert.equal(new RegistryHosts(config).endpoints('quay.io').length, 1);
  });

  it('refuses a plain-HTTP mirror on a host that is neither loopback nor insecure', () => {
    assert.throws(() => new RegistryHosts({ mirrors: { 'docker.io': ['http://10.1.2.3:5000'] } }), (err: ImageError) => err.code === 'InsecureRegistry');
    assert.doesNotThrow(() => new RegistryHosts({ mirrors: { 'docker.io': ['http://10.1.2.3:5000'] }, insecure: ['10.1.2.3:5000'] }));
  });
});

describe('registry credentials', () => {
  it('parses Docker config.json auths the way the kubelet keys them', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const creds = parseDockerConfig(
      JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': { auth: b64('hub:p:w') },
          'Reg.Example:5000': { username: 'u', password: 'p' },
          'https://token.example/v2/': { identitytoken: 'refresh' },
          empty: {},
        },
      }),
    );
    assert.deepEqual(Object.fromEntries(creds), {
      'docker.io': { username: 'hub', password: 'p:w' },
      'reg.example:5000': { username: 'u', password: 'p' },
      'token.example': { identityToken: 'refresh' },
    });
    assert.equal(credentialKeyHost('registry-1.docker.io'), 'docker.io');
    assert.deepEqual(Object.fromEntries(mergeCredentials(new Map([['a', { username: '1' }]]), new Map([['a', { username: '2' }], ['b', { username: '3' }]]))), {
      a: { username: '1' },
      b: { username: '3' },
    });
    assert.throws(() => parseDockerConfig('{nope'), (err: ImageError) => err.code === 'PullFailed');
  });
});

describe('parseChallenges', () => {
  it('reads Bearer and Basic challenges, quoted commas included', () => {
    assert.deepEqual(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull,push"'), [
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull,push' } },
    ]);
    assert.deepEqual(parseChallenges('Basic realm="Registry Realm", Bearer realm=http://x/token'), [
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      { scheme: 'bearer', params: { realm: 'http://x/token' } },
    ]);
    assert.deepEqual(parseChallenges(undefined), []);
  });
});

describe('RegistrySession', () => {
  it('never sends credentials to a plain-HTTP token realm on a non-loopback host', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="http://auth.example/token",service="s"' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const hosts = new RegistryHosts();
      const session = new RegistrySession(hosts.endpoints(`127.0.0.1:${port}`)[0]!, 'library/x', {
        credential: { username: 'u', password: 'p' },
        tokens: new TokenCache(),
        allowHttp: (h) => hosts.isInsecure(h),
      });
      await assert.rejects(session.get('manifests', 'latest'), (err: ImageError) => {
        assert.ok(err instanceof ImageError);
        assert.equal(err.code, 'InsecureRegistry');
        return true;
      });
    } finally {
      server.close();
    }
  });
});
