/**
 * `podyard server`: starts on a data dir, writes an admin kubeconfig the real kubectl can use,
 * refuses anonymous requests, stops cleanly on SIGTERM and keeps its state across restarts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { readFile } from 'node:fs/promises';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl } from '../helpers/kubectl.js';

function anonymousGet(url: string, ca: string): Promise<{ code: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('podyard server', () => {
  let server: TestPodyard;

  before(async () => {
    server = await startPodyard();
  });

  after(async () => {
    await server.stop();
    await server.cleanup();
  });

  it('writes a kubeconfig that the real kubectl reaches', async () => {
    const r = await kubectl(server.kubeconfig, ['version', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const v = JSON.parse(r.stdout) as { clientVersion: { gitVersion: string }; serverVersion: { major: string; minor: string; gitVersion: string } };
    assert.equal(v.serverVersion.major, '1');
    assert.equal(v.serverVersion.minor, '32');
    assert.match(v.clientVersion.gitVersion, /^v1\.32\./, 'the kubectl dispatcher must keep its own v1.32 binary');
  });

  it('refuses anonymous requests with a 401 Status', async () => {
    const ca = await readFile(`${server.dataDir}/pki/ca.crt`, 'utf8');
    const r = await anonymousGet(`${server.url}/api/v1/namespaces/default/pods`, ca);
    assert.equal(r.code, 401);
    assert.deepEqual(JSON.parse(r.body), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('keeps objects and their resourceVersion across a SIGTERM restart', async () => {
    const created = await kubectl(server.kubeconfig, ['create', 'configmap', 'keep', '--from-literal=a=b', '-o', 'jsonpath={.metadata.resourceVersion}']);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(await server.stop(), 0, server.output());
    server = await startPodyard({ dataDir: server.dataDir });
    const got = await kubectl(server.kubeconfig, ['get', 'configmap', 'keep', '-o', 'jsonpath={.metadata.resourceVersion} {.data.a}']);
    assert.equal(got.code, 0, got.stderr);
    assert.equal(got.stdout, `${created.stdout} b`);
  });

  it('survives kill -9: every acknowledged write is there after restart', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await kubectl(server.kubeconfig, ['create', 'configmap', `crash-${i}`, `--from-literal=i=${i}`]);
      assert.equal(r.code, 0, r.stderr);
    }
    await server.kill();
    server = await startPodyard({ dataDir: server.dataDir });
    const r = await kubectl(server.kubeconfig, ['get', 'configmaps', '-o', 'name']);
    assert.equal(r.code, 0, r.stderr);
    for (let i = 0; i < 5; i++) assert.match(r.stdout, new RegExp(`configmap/crash-${i}\\b`));
  });
});
