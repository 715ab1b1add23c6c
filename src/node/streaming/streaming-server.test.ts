import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import transport from 'spdy-transport';
import { WebSocket, createWebSocketStream, type RawData } from 'ws';
import type { Pod } from '../../apis/index.js';
import { silentLogger, systemClock } from '../../base/index.js';
import { internalErrorStatus, nonZeroExitStatus } from './remote-command.js';
import { StreamingServer, type PodStreamingLocation } from './streaming-server.js';
import { clientWebSocketOver, controlledSession, rawUpgrade, ScriptedRuntime, startTestApiServer, type TestApiServer } from './testing/harness.js';

function webPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-web' },
    spec: {
      nodeName: 'node1',
      containers: [
        { name: 'nginx', image: 'nginx' },
        { name: 'side', image: 'busybox', tty: true },
      ],
    },
    status: { phase: 'Running' },
  };
}

function hostNetPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'hostnet', namespace: 'default', uid: 'uid-hostnet' },
    spec: { nodeName: 'node1', hostNetwork: true, containers: [{ name: 'app', image: 'busybox' }] },
    status: { phase: 'Running' },
  };
}

interface Received {
  channels: Map<number, Buffer>;
  order: number[];
  closeCode: number;
}

/** Connects a v5 client; `onOpen` may send; resolves when the server closes. */
function execV5(url: string, onOpen: (ws: WebSocket) => void = () => {}, protocol = 'v5.channel.k8s.io'): Promise<Received> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace('http://', 'ws://'), [protocol]);
    const channels = new Map<number, Buffer>();
    const order: number[] = [];
    ws.on('open', () => {
      assert.equal(ws.protocol, protocol);
      onOpen(ws);
    });
    ws.on('message', (data: RawData) => {
      const buf = data as Buffer;
      const ch = buf[0]!;
      order.push(ch);
      channels.set(ch, Buffer.concat([channels.get(ch) ?? Buffer.alloc(0), buf.subarray(1)]));
    });
    ws.on('close', (code) => resolve({ channels, order, closeCode: code }));
    ws.on('error', reject);
  });
}

function text(r: Received, ch: number): string {
  return r.channels.get(ch)?.toString('utf8') ?? '';
}

/** A SPDY client session over a socket (tests play kubectl). */
function spdyClient(socket: Duplex, head: Buffer): transport.Connection {
  if (head.length > 0) socket.unshift(head);
  const conn = transport.connection.create(socket, { protocol: 'spdy', isServer: false });
  conn.start(3.1);
  conn.on('error', () => {});
  return conn;
}

function openStream(conn: transport.Connection, headers: Record<string, string>): Promise<transport.SpdyStream> {
  return new Promise((resolve, reject) => {
    const stream = conn.request({ method: 'POST', path: '/', headers }, (err) => (err ? reject(err) : resolve(stream)));
    stream.on('error', () => {});
  });
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    stream.on('data', (c: Buffer) => (out += c.toString('utf8')));
    stream.on('end', () => resolve(out));
  });
}

describe('StreamingServer', () => {
  const runtime = new ScriptedRuntime();
  let location: PodStreamingLocation;
  let api: TestApiServer;
  let streaming: StreamingServer;
  let echo: Server;
  let echoPort: number;
  const base = (name = 'web'): string => `${api.url}/api/v1/namespaces/default/pods/${name}`;

  before(async () => {
    location = {
      containers: new Map([
        ['nginx', { id: 'c-nginx', state: 'CONTAINER_RUNNING', logPath: '' }],
        ['side', { id: 'c-side', state: 'CONTAINER_RUNNING', logPath: '' }],
        ['app', { id: 'c-app', state: 'CONTAINER_RUNNING', logPath: '' }],
      ]),
    };
    streaming = new StreamingServer({ runtime, logger: silentLogger, clock: systemClock, locate: () => Promise.resolve(location) }, { initialResizeWaitMs: 2000 });
    api = await startTestApiServer(streaming, [webPod(), hostNetPod()]);
    echo = createServer({ allowHalfOpen: true }, (s) => s.pipe(s));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoPort = (echo.address() as AddressInfo).port;
  });
  after(async () => {
    await streaming.close();
    await api.close();
    echo.close();
  });

  it('streams exec output over v5 and ends with the exit code as a NonZeroExitCode Status', async () => {
    runtime.onExec = (_id, o) => {
      const s = controlledSession(o);
      setImmediate(() => {
        s.stdout.write('hello\n');
        s.stderr.write('oops\n');
        s.exit(3);
      });
      return s.handle;
    };
    const r = await execV5(`${base()}/exec?command=sh&command=-c&command=false&container=nginx&stdout=true&stderr=true`);
    assert.equal(text(r, 1), 'hello\n');
    assert.equal(text(r, 2), 'oops\n');
    assert.deepEqual(JSON.parse(text(r, 3)), nonZeroExitStatus(['sh', '-c', 'false'], 3));
    assert.equal((JSON.parse(text(r, 3)) as { message: string }).message, 'command terminated with non-zero exit code: error executing command [sh -c false], exit code 3');
    assert.equal(r.order.at(-1), 3, 'the Status comes after all output');
    assert.equal(r.closeCode, 1000);
    const call = runtime.calls.at(-1)!;
    assert.equal(call.containerId, 'c-nginx');
    assert.deepEqual(call.options, { cmd: ['sh', '-c', 'false'], tty: false, stdin: false, stdout: true, stderr: true });
  });

  it('ends the process stdin on the v5 close signal [255, 0]', async () => {
    runtime.onExec = (_id, o) => {
      const s = controlledSession(o);
      let got = '';
      s.stdin.on('data', (c: Buffer) => (got += c.toString()));
      s.stdin.on('end', () => {
        s.stdout.write(got.toUpperCase());
        s.exit(0);
      });
      return s.handle;
    };
    const r = await execV5(`${base()}/exec?command=cat&container=nginx&stdin=true&stdout=true&stderr=true`, (ws) => {
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('abc')]));
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('def')]));
      ws.send(Buffer.from([255, 0]));
    });
    assert.equal(text(r, 1), 'ABCDEF');
    assert.deepEqual(JSON.parse(text(r, 3)), { metadata: {}, status: 'Success' });
  });

  it('starts a tty exec with the first resize and forwards later ones to handle.resize', async () => {
    let session: ReturnType<typeof controlledSession> | undefined;
    runtime.onExec = (_id, o) => {
      session = controlledSession(o);
      return session.handle;
    };
    const r = await execV5(`${base()}/exec?command=sh&container=nginx&stdin=true&stdout=true&tty=true`, (ws) => {
      ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":100,"Height":30}')]));
      const poll = setInterval(() => {
        if (!session) return;
        clearInterval(poll);
        ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":120,"Height":40}')]));
        const wait = setInterval(() => {
          if (session!.resizes.some((s) => s.width === 120 && s.height === 40)) {
            clearInterval(wait);
            session!.stdout.write('$ ');
            session!.exit(0);
          }
        }, 5);
      }, 5);
    });
    assert.deepEqual(session!.options, { cmd: ['sh'], tty: true, stdin: true, stdout: true, stderr: false, size: { width: 100, height: 30 } });
    assert.ok(session!.resizes.some((s) => s.width === 120 && s.height === 40));
    assert.equal(text(r, 1), '$ ');
    assert.equal(r.channels.has(2), false, 'no stderr with a tty');
  });

  it('kills the exec when the client goes away', async () => {
    let session: ReturnType<typeof controlledSession> | undefined;
    runtime.onExec = (_id, o) => (session = controlledSession(o)).handle;
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(`${base().replace('http://', 'ws://')}/exec?command=sleep&command=1000&container=nginx&stdout=true`, ['v5.channel.k8s.io']);
      ws.on('open', () => {
        const poll = setInterval(() => {
          if (session) {
            clearInterval(poll);
            ws.terminate();
            resolve();
          }
        }, 5);
      });
    });
    for (let i = 0; i < 100 && !session!.closed; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(session!.closed, true);
  });

  it('speaks v4.channel.k8s.io and base64.channel.k8s.io to other clients', async () => {
    runtime.onExec = (_id, o) => {
      const s = controlledSession(o);
      setImmediate(() => {
        s.stdout.write('x');
        s.exit(2);
      });
      return s.handle;
    };
    const v4 = await execV5(`${base()}/exec?command=x&container=nginx&stdout=true`, undefined, 'v4.channel.k8s.io');
    assert.equal(text(v4, 1), 'x');
    assert.equal((JSON.parse(text(v4, 3)) as { reason: string }).reason, 'NonZeroExitCode');
    const b64 = await new Promise<string[]>((resolve) => {
      const ws = new WebSocket(`${base().replace('http://', 'ws://')}/exec?command=x&container=nginx&stdout=true`, ['base64.channel.k8s.io']);
      const msgs: string[] = [];
      ws.on('message', (d: RawData) => msgs.push((d as Buffer).toString()));
      ws.on('close', () => resolve(msgs));
    });
    assert.equal(b64[0], '1' + Buffer.from('x').toString('base64'));
    assert.equal(b64.at(-1), '3' + Buffer.from('command terminated with non-zero exit code: error executing command [x], exit code 2').toString('base64'));
  });

  it('answers exec into a container that is not running like a 1.32 API server over WebSocket', async () => {
    location.containers.set('nginx', { id: 'c-nginx', state: 'CONTAINER_EXITED', logPath: '' });
    try {
      const r = await execV5(`${base()}/exec?command=ls&container=nginx&stdout=true`);
      assert.deepEqual(JSON.parse(text(r, 3)), internalErrorStatus('unable to upgrade connection: container not found ("nginx")'));
      assert.equal((JSON.parse(text(r, 3)) as { message: string }).message, 'Internal error occurred: unable to upgrade connection: container not found ("nginx")');
    } finally {
      location.containers.set('nginx', { id: 'c-nginx', state: 'CONTAINER_RUNNING', logPath: '' });
    }
  });

  it('refuses bad exec requests with the API server messages', async () => {
    const get = async (path: string): Promise<{ code: number; message: string }> => {
      const res = await fetch(`${base()}/${path}`);
      const body = (await res.json()) as { message: string };
      return { code: res.status, message: body.message };
    };
    assert.deepEqual(await get('exec?command=ls&stdout=true'), { code: 400, message: 'a container name must be specified for pod web, choose one of: [nginx side]' });
    assert.deepEqual(await get('exec?command=ls&container=x&stdout=true'), { code: 400, message: 'container x is not valid for pod web' });
    assert.deepEqual(await get('exec?command=ls&container=nginx&stdout=true'), { code: 400, message: 'Upgrade request required' });
    assert.deepEqual(await get('portforward'), { code: 400, message: 'Upgrade request required' });
    const up = await rawUpgrade(`${base()}/exec?command=ls&container=nginx`, 'POST', { Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' });
    assert.equal(up.statusCode, 400);
    assert.equal((JSON.parse(up.body) as { message: string }).message, 'you must specify at least 1 of stdin, stdout, stderr');
  });

  it('answers a malformed WebSocket handshake with 400 and offers of unknown subprotocols with a Status', async () => {
    const noKey = await rawUpgrade(`${base()}/exec?command=ls&container=nginx&stdout=true`, 'GET', { Upgrade: 'websocket', 'Sec-WebSocket-Version': '13' });
    assert.equal(noKey.statusCode, 400);
    const unknown = await rawUpgrade(`${base()}/exec?command=ls&container=nginx&stdout=true`, 'GET', {
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
      'Sec-WebSocket-Protocol': 'v9.channel.k8s.io',
    });
    assert.equal(unknown.statusCode, 400);
    assert.match((JSON.parse(unknown.body) as { message: string }).message, /^unable to upgrade: unable to negotiate protocol: client supports \["v9.channel.k8s.io"\]/);
  });

  it('runs exec over SPDY/3.1 with v4 streams (kubectl without WebSockets)', async () => {
    runtime.onExec = (_id, o) => {
      const s = controlledSession(o);
      let got = '';
      s.stdin.on('data', (c: Buffer) => (got += c.toString()));
      s.stdin.on('end', () => {
        s.stdout.write(got.toUpperCase());
        s.stderr.write('err');
        s.exit(7);
      });
      return s.handle;
    };
    const up = await rawUpgrade(`${base()}/exec?command=cat&container=nginx&stdin=true&stdout=true&stderr=true`, 'POST', {
      Upgrade: 'SPDY/3.1',
      'X-Stream-Protocol-Version': 'v5.channel.k8s.io, v4.channel.k8s.io, v3.channel.k8s.io, v2.channel.k8s.io, channel.k8s.io',
    });
    assert.equal(up.statusCode, 101);
    assert.equal(up.headers['x-stream-protocol-version'], 'v4.channel.k8s.io');
    assert.equal(up.headers.upgrade, 'SPDY/3.1');
    const conn = spdyClient(up.socket, up.head);
    const error = await openStream(conn, { streamtype: 'error' });
    const stdin = await openStream(conn, { streamtype: 'stdin' });
    const stdout = await openStream(conn, { streamtype: 'stdout' });
    const stderr = await openStream(conn, { streamtype: 'stderr' });
    const [out, err, status] = [readAll(stdout), readAll(stderr), readAll(error)];
    stdin.end('shout');
    assert.equal(await out, 'SHOUT');
    assert.equal(await err, 'err');
    assert.deepEqual(JSON.parse(await status), nonZeroExitStatus(['cat'], 7));
    up.socket.destroy();
  });

  async function portForwardPair(conn: transport.Connection, port: number, requestId: string): Promise<{ data: transport.SpdyStream; error: transport.SpdyStream }> {
    const error = await openStream(conn, { streamtype: 'error', port: String(port), requestid: requestId });
    const data = await openStream(conn, { streamtype: 'data', port: String(port), requestid: requestId });
    return { data, error };
  }

  it('forwards a port over direct SPDY (host-network pod) with half-close', async () => {
    const up = await rawUpgrade(`${base('hostnet')}/portforward`, 'POST', { Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'portforward.k8s.io' });
    assert.equal(up.statusCode, 101);
    assert.equal(up.headers['x-stream-protocol-version'], 'portforward.k8s.io');
    const conn = spdyClient(up.socket, up.head);
    for (const id of ['0', '1']) {
      const { data, error } = await portForwardPair(conn, echoPort, id);
      const [echoed, errText] = [readAll(data), readAll(error)];
      data.write(`ping ${id}`);
      data.end();
      assert.equal(await echoed, `ping ${id}`);
      assert.equal(await errText, '');
    }
    up.socket.destroy();
  });

  it('writes the runtime error on the error stream when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const up = await rawUpgrade(`${base('hostnet')}/portforward`, 'POST', { Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'portforward.k8s.io' });
    const conn = spdyClient(up.socket, up.head);
    const { data, error } = await portForwardPair(conn, port, '0');
    data.resume();
    const msg = await readAll(error);
    assert.match(
      msg,
      new RegExp(
        `^error forwarding port ${port} to pod uid-hostnet, uid : failed to execute portforward in network namespace "host": ` +
          `failed to connect to localhost:${port} inside namespace "uid-hostnet", IPv4: dial tcp4 127\\.0\\.0\\.1:${port}: connect: connection refused ` +
          `IPv6 dial tcp6 \\[::1\\]:${port}: connect: .+ $`,
      ),
    );
    up.socket.destroy();
  });

  it('forwards a port over SPDY tunnelled in a WebSocket (SPDY/3.1+portforward.k8s.io)', async () => {
    const up = await rawUpgrade(`${base('hostnet')}/portforward`, 'GET', {
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
      'Sec-WebSocket-Protocol': 'SPDY/3.1+portforward.k8s.io',
    });
    assert.equal(up.statusCode, 101);
    assert.equal(up.headers['sec-websocket-protocol'], 'SPDY/3.1+portforward.k8s.io');
    const ws = clientWebSocketOver(up.socket, up.head);
    const conn = spdyClient(createWebSocketStream(ws), Buffer.alloc(0));
    const { data, error } = await portForwardPair(conn, echoPort, '0');
    const [echoed, errText] = [readAll(data), readAll(error)];
    data.end('through the tunnel');
    assert.equal(await echoed, 'through the tunnel');
    assert.equal(await errText, '');
    ws.terminate();
  });

  it('forwards ports over WebSocket channels with port prefixes (browsers, v4.channel.k8s.io)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const refused = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const got = await new Promise<Buffer[]>((resolve, reject) => {
      const ws = new WebSocket(`${base('hostnet').replace('http://', 'ws://')}/portforward?ports=${echoPort}&ports=${refused}`, ['v4.channel.k8s.io']);
      const msgs: Buffer[] = [];
      ws.on('message', (d: RawData) => {
        const b = d as Buffer;
        msgs.push(b);
        if (msgs.length === 4) ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('hello')]));
        if (b[0] === 0 && b.subarray(1).toString() === 'hello') ws.close();
      });
      ws.on('close', () => resolve(msgs));
      ws.on('error', reject);
    });
    const le = (p: number): string => Buffer.from([p & 0xff, p >> 8]).toString('hex');
    const byChannel = (ch: number): string[] => got.filter((m) => m[0] === ch).map((m) => m.subarray(1).toString('hex'));
    assert.equal(byChannel(0)[0], le(echoPort));
    assert.equal(byChannel(1)[0], le(echoPort));
    assert.equal(byChannel(2)[0], le(refused));
    assert.equal(byChannel(3)[0], le(refused));
    assert.equal(Buffer.from(byChannel(0)[1]!, 'hex').toString(), 'hello');
    assert.match(Buffer.from(byChannel(3)[1]!, 'hex').toString(), new RegExp(`^error forwarding port ${refused} to pod uid-hostnet, uid : failed to execute portforward in network namespace "host"`));
  });

  it('cannot reach a pod without network namespace unless it is on the host network', async () => {
    const up = await rawUpgrade(`${base('web')}/portforward`, 'POST', { Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'portforward.k8s.io' });
    const conn = spdyClient(up.socket, up.head);
    const { data, error } = await portForwardPair(conn, echoPort, '0');
    data.resume();
    assert.equal(await readAll(error), `error forwarding port ${echoPort} to pod uid-web, uid : network namespace for sandbox "uid-web" is closed`);
    up.socket.destroy();
  });

  it('attaches with the container tty setting and ends with Success', async () => {
    let session: ReturnType<typeof controlledSession> | undefined;
    runtime.onAttach = (_id, o) => {
      session = controlledSession(o);
      setImmediate(() => {
        session!.stdout.write('log line\n');
        session!.exit(0);
      });
      return session.handle;
    };
    const r = await execV5(`${base()}/attach?container=side&stdout=true&stderr=true`);
    assert.equal(text(r, 1), 'log line\n');
    assert.deepEqual(JSON.parse(text(r, 3)), { metadata: {}, status: 'Success' });
    assert.equal(session!.options.tty, true);
    assert.equal(runtime.calls.at(-1)!.containerId, 'c-side');
  });

  it('ends open sessions on close()', async () => {
    const other = new StreamingServer({ runtime, logger: silentLogger, clock: systemClock, locate: () => Promise.resolve(location) });
    const api2 = await startTestApiServer(other, [webPod()]);
    runtime.onExec = (_id, o) => controlledSession(o).handle;
    const closedP = new Promise<number>((resolve) => {
      const ws = new WebSocket(`${api2.url.replace('http://', 'ws://')}/api/v1/namespaces/default/pods/web/exec?command=sleep&container=nginx&stdout=true`, ['v5.channel.k8s.io']);
      ws.on('open', () => setTimeout(() => void other.close(), 20));
      ws.on('close', (code) => resolve(code));
      ws.on('error', () => {});
    });
    assert.equal(await closedP, 1006);
    await api2.close();
  });
});
