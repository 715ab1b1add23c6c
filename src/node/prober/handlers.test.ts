import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createH2Server, type Http2Server } from 'node:http2';
import { createServer as createTcpServer } from 'node:net';
import { decodeHealthCheckResponse, encodeHealthCheckRequest, grpcProbe, httpProbe, tcpProbe } from './handlers.js';
import { PodDialer } from './dialer.js';

const dialer = new PodDialer();

describe('probe handlers over loopback', () => {
  let http: Server;
  let port = 0;
  let h2: Http2Server;
  let h2port = 0;
  let lastHeaders: Record<string, unknown> = {};
  let grpcStatus = 1;

  before(async () => {
    http = createServer((req, res) => {
      lastHeaders = req.headers;
      if (req.url === '/ok') return res.end('fine');
      if (req.url === '/fail') return res.writeHead(500).end('secret body');
      if (req.url === '/same') return res.writeHead(302, { location: '/ok' }).end();
      if (req.url === '/other') return res.writeHead(302, { location: 'http://example.invalid/' }).end('moved');
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    port = (http.address() as { port: number }).port;
    h2 = createH2Server();
    h2.on('stream', (stream, headers) => {
      if (headers[':path'] !== '/grpc.health.v1.Health/Check') {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12', 'grpc-message': 'unknown service' }, { endStream: true });
        return;
      }
      stream.on('data', () => undefined);
      stream.on('end', () => {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
        const msg = Buffer.from([0x08, grpcStatus]);
        const frame = Buffer.alloc(5);
        frame.writeUInt32BE(msg.length, 1);
        stream.end(Buffer.concat([frame, msg]));
      });
    });
    await new Promise<void>((r) => h2.listen(0, '127.0.0.1', () => r()));
    h2port = (h2.address() as { port: number }).port;
  });
  after(() => {
    http.close();
    h2.close();
    dialer.close();
  });

  const get = (path: string, headers: { name: string; value: string }[] = []) =>
    httpProbe(dialer, { scheme: 'http', target: { host: '127.0.0.1' }, port, path, headers, timeoutMs: 2000 });

  it('2xx succeeds with the body; headers as the kubelet sends them', async () => {
    assert.deepEqual(await get('/ok', [{ name: 'X-Probe', value: 'v' }, { name: 'Host', value: 'web.local' }]), { result: 'Success', output: 'fine' });
    assert.equal(lastHeaders['user-agent'], 'kube-probe/1.32');
    assert.equal(lastHeaders.accept, '*/*');
    assert.equal(lastHeaders['x-probe'], 'v');
    assert.equal(lastHeaders.host, 'web.local');
  });

  it('>= 400 fails without the body in the output', async () => {
    assert.deepEqual(await get('/fail'), { result: 'Failure', output: 'HTTP probe failed with statuscode: 500' });
  });

  it('same-host redirects are followed; another host ends with a warning; 10 hops at most', async () => {
    assert.deepEqual(await get('/same'), { result: 'Success', output: 'fine' });
    assert.deepEqual(await get('/other'), { result: 'Warning', output: 'Probe terminated redirects, Response body: moved' });
    const loop = await get('/loop');
    assert.equal(loop.result, 'Failure');
    assert.match(loop.output, /stopped after 10 redirects$/);
  });

  it('connection refused reads like Go', async () => {
    const srv = createTcpServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const closed = (srv.address() as { port: number }).port;
    srv.close();
    const r = await httpProbe(dialer, { scheme: 'http', target: { host: '127.0.0.1' }, port: closed, path: '/x', headers: [], timeoutMs: 1000 });
    assert.deepEqual(r, { result: 'Failure', output: `Get "http://127.0.0.1:${closed}/x": dial tcp 127.0.0.1:${closed}: connect: connection refused` });
    assert.deepEqual(await tcpProbe(dialer, { host: '127.0.0.1' }, closed, 1000), { result: 'Failure', output: `dial tcp 127.0.0.1:${closed}: connect: connection refused` });
    assert.deepEqual(await tcpProbe(dialer, { host: '127.0.0.1' }, port, 1000), { result: 'Success', output: '' });
  });

  it('gRPC health: SERVING succeeds, NOT_SERVING fails with the status name', async () => {
    grpcStatus = 1;
    assert.deepEqual(await grpcProbe(dialer, { host: '127.0.0.1' }, h2port, '', 2000), { result: 'Success', output: 'service healthy' });
    grpcStatus = 2;
    assert.deepEqual(await grpcProbe(dialer, { host: '127.0.0.1' }, h2port, 'svc', 2000), { result: 'Failure', output: 'service unhealthy (responded with "NOT_SERVING")' });
  });

  it('encodes and decodes the health messages', () => {
    assert.deepEqual([...encodeHealthCheckRequest('ab')], [0, 0, 0, 0, 4, 0x0a, 2, 0x61, 0x62]);
    assert.deepEqual([...encodeHealthCheckRequest('')], [0, 0, 0, 0, 0]);
    assert.equal(decodeHealthCheckResponse(Buffer.from([0, 0, 0, 0, 2, 0x08, 3])), 3);
    assert.equal(decodeHealthCheckResponse(Buffer.from([0, 0, 0, 0, 0])), 0);
  });
});
