import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImageError } from './errors.js';
import { familiarString, normalizeReference, parseReference } from './reference.js';

const digest = 'sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';

describe('normalizeReference', () => {
  // Expectations from distribution/reference normalize_test.go plus containerd's ParseDockerRef.
  const valid: [string, string][] = [
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['user/app:1.2', 'docker.io/user/app:1.2'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['index.docker.io/library/nginx', 'docker.io/library/nginx:latest'],
    ['index.docker.io/user/app', 'docker.io/user/app:latest'],
    ['library/foo/bar', 'docker.io/library/foo/bar:latest'],
    ['localhost/podyard/nginx:latest', 'localhost/podyard/nginx:latest'],
    ['localhost/nginx', 'localhost/nginx:latest'],
    ['localhost:5000/nginx', 'localhost:5000/nginx:latest'],
    [`host:5000/x@${digest}`, `host:5000/x@${digest}`],
    [`busybox:latest@${digest}`, `docker.io/library/busybox@${digest}`],
    [`redis@${digest}`, `docker.io/library/redis@${digest}`],
    ['127.0.0.1:5000/library/debian', '127.0.0.1:5000/library/debian:latest'],
    ['192.168.0.1', 'docker.io/library/192.168.0.1:latest'],
    ['[fc00::1]:5000/docker', '[fc00::1]:5000/docker:latest'],
    ['example.com/private/moonbase:v1', 'example.com/private/moonbase:v1'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080/foo:latest'],
    ['test_com/foo', 'docker.io/test_com/foo:latest'],
    ['docker---rules/docker', 'docker.io/docker---rules/docker:latest'],
    ['dock__er/docker', 'docker.io/dock__er/docker:latest'],
    ['Docker/docker', 'Docker/docker:latest'], // an uppercase first component is a domain
    ['dbcc1', 'docker.io/library/dbcc1:latest'],
    ['nginx:Tag_1.0-rc', 'docker.io/library/nginx:Tag_1.0-rc'],
  ];
  for (const [input, want] of valid) {
    it(`${input} → ${want}`, () => assert.equal(normalizeReference(input), want));
  }

  const invalid = [
    '',
    'https://github.com/docker/docker',
    'docker/Docker',
    'NGINX',
    '-docker',
    '-docker/docker',
    'docker-/docker',
    'docker///docker',
    'docker.io/docker///docker',
    '[fc00::1]',
    '[fc00::1]:5000',
    'fc00::1:5000/debian',
    '[fe80::1%eth0]:5000/debian',
    'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c',
    '____/____',
    'dock..er/docker',
    'docker/',
    'nginx:',
    'nginx:-bad',
    `nginx:${'t'.repeat(129)}`,
    'nginx@sha256:abc',
    `nginx@sha256:${'A'.repeat(64)}`,
    `nginx@md5:${'a'.repeat(32)}`,
    `${'a'.repeat(256)}/docker`,
    'nginx latest',
  ];
  for (const input of invalid) {
    it(`rejects ${JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input)}`, () => {
      assert.throws(
        () => normalizeReference(input),
        (err) => err instanceof ImageError && err.code === 'InvalidImageName',
      );
    });
  }
});

describe('parseReference', () => {
  it('splits domain, path, tag and digest', () => {
    assert.deepEqual(parseReference('host:5000/a/b:v2'), {
      domain: 'host:5000',
      path: 'a/b',
      repository: 'host:5000/a/b',
      tag: 'v2',
      string: 'host:5000/a/b:v2',
    });
    const pinned = parseReference(`nginx:1@${digest}`);
    assert.equal(pinned.tag, undefined);
    assert.equal(pinned.digest, digest);
    assert.equal(pinned.repository, 'docker.io/library/nginx');
  });

  it('gives the familiar form back', () => {
    assert.equal(familiarString(parseReference('nginx')), 'nginx:latest');
    assert.equal(familiarString(parseReference('docker.io/user/app:1')), 'user/app:1');
    assert.equal(familiarString(parseReference('docker.io/library/a/b')), 'library/a/b:latest');
    assert.equal(familiarString(parseReference('localhost/podyard/nginx')), 'localhost/podyard/nginx:latest');
  });
});
