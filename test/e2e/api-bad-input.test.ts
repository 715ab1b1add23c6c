/**
 * Bad input gets the code, reason and message kube-apiserver gives, and leaves stored state
 * unchanged.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { rawRequest } from '../helpers/api.js';

const pods = '/api/v1/namespaces/default/pods';

describe('API bad input', () => {
  let server: TestPodyard;
  const req = (method: string, path: string, body?: string | Buffer, headers?: Record<string, string>) =>
    rawRequest(server.kubeconfig, method, path, body, headers);

  before(async () => {
    server = await startPodyard();
    const r = await req('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ metadata: { name: 'keep' }, data: { a: '1' } }));
    assert.equal(r.code, 201, r.body);
  });
  after(async () => {
    await server.stop();
    await server.cleanup();
  });

  async function storedConfigMap() {
    return (await req('GET', '/api/v1/namespaces/default/configmaps/keep')).json<{ data: object; metadata: { resourceVersion: string } }>();
  }

  it('malformed JSON is a 400 BadRequest Status', async () => {
    const r = await req('POST', pods, '{"metadata": {');
    assert.equal(r.code, 400);
    const s = r.json();
    assert.equal(s.kind, 'Status');
    assert.equal(s.reason, 'BadRequest');
    assert.equal(s.status, 'Failure');
  });

  it('malformed YAML is a 400 BadRequest Status', async () => {
    const r = await req('POST', pods, 'metadata: [unclosed', { 'Content-Type': 'application/yaml' });
    assert.equal(r.code, 400);
    assert.equal(r.json().reason, 'BadRequest');
  });

  it('an oversize body is a 413 RequestEntityTooLarge Status', async () => {
    const big = JSON.stringify({ metadata: { name: 'big' }, data: { x: 'a'.repeat(4 * 1024 * 1024) } });
    const r = await req('POST', '/api/v1/namespaces/default/configmaps', big);
    assert.equal(r.code, 413);
    assert.equal(r.json().reason, 'RequestEntityTooLarge');
  });

  it('unknown fields are rejected in Strict mode, naming the field', async () => {
    const body = JSON.stringify({ metadata: { name: 'u' }, spec: { containers: [{ name: 'c', image: 'i', bogus: 1 }] } });
    const r = await req('POST', `${pods}?fieldValidation=Strict`, body);
    assert.equal(r.code, 400);
    assert.equal(
      r.json().message,
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].bogus"',
    );
    const warned = await req('POST', `${pods}?fieldValidation=Warn`, body);
    assert.equal(warned.code, 201, warned.body);
    assert.match(String(warned.headers.warning), /unknown field \\"spec\.containers\[0\]\.bogus\\"/);
  });

  it('invalid names and duplicate container names are one 422 with every cause', async () => {
    const body = JSON.stringify({
      metadata: { name: 'Bad_Name' },
      spec: { containers: [{ name: 'c', image: 'i' }, { name: 'c', image: 'i' }] },
    });
    const r = await req('POST', pods, body);
    assert.equal(r.code, 422);
    const s = r.json<{ reason: string; details: { kind: string; name: string; causes: { field: string; reason: string }[] } }>();
    assert.equal(s.reason, 'Invalid');
    assert.equal(s.details.kind, 'Pod');
    assert.equal(s.details.name, 'Bad_Name');
    assert.deepEqual(
      s.details.causes.map((c) => `${c.reason} ${c.field}`),
      ['FieldValueInvalid metadata.name', 'FieldValueDuplicate spec.containers[1].name'],
    );
  });

  it('a stale resourceVersion is a 409 Conflict and changes nothing', async () => {
    const before = await storedConfigMap();
    const stale = JSON.stringify({ metadata: { name: 'keep', resourceVersion: '1' }, data: { a: 'changed' } });
    const r = await req('PUT', '/api/v1/namespaces/default/configmaps/keep', stale);
    assert.equal(r.code, 409);
    assert.equal(
      r.json().message,
      'Operation cannot be fulfilled on configmaps "keep": the object has been modified; please apply your changes to the latest version and try again',
    );
    assert.deepEqual(await storedConfigMap(), before);
  });

  it('unknown paths and resources are 404 Status; unsupported media types 415', async () => {
    const r = await req('GET', '/api/v1/namespaces/default/widgets');
    assert.equal(r.code, 404);
    assert.equal(r.json().message, 'the server could not find the requested resource');
    const m = await req('POST', pods, 'x', { 'Content-Type': 'text/plain' });
    assert.equal(m.code, 415);
    assert.equal(m.json().reason, 'UnsupportedMediaType');
  });

  it('none of the failures above touched the stored object', async () => {
    const s = await storedConfigMap();
    assert.deepEqual(s.data, { a: '1' });
    const list = (await req('GET', pods)).json<{ items: { metadata: { name: string } }[] }>();
    assert.deepEqual(list.items.map((i) => i.metadata.name), ['u']);
  });
});
