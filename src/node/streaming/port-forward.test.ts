import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { JsonObjectDecoder } from './spdy-remote-command.js';
import { netnsDialer, type DialedConnection } from './port-forward.js';

describe('JsonObjectDecoder (SPDY resize stream)', () => {
  it('splits concatenated JSON objects across arbitrary chunks', () => {
    const d = new JsonObjectDecoder();
    assert.deepEqual(d.push(Buffer.from('{"Width":80,"Hei')), []);
    assert.deepEqual(d.push(Buffer.from('ght":24}\n{"Width":100,"Height":30}\n{"Wi')), [
      { Width: 80, Height: 24 },
      { Width: 100, Height: 30 },
    ]);
    assert.deepEqual(d.push(Buffer.from('dth":1,"Height":2}')), [{ Width: 1, Height: 2 }]);
  });
});

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

const skip =
  process.getuid?.() !== 0
    ? 'needs root (nsenter into a network namespace)'
    : !has('socat') || !has('unshare') || !has('ip') || !has('nsenter')
      ? 'needs socat, unshare, ip and nsenter (apt-get install socat)'
      : false;

function exchange(conn: DialedConnection, payload: string): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    conn.stream.on('data', (c: Buffer) => (got += c.toString()));
    conn.stream.on('end', () => resolve(got));
    conn.stream.end(payload);
  });
}

describe('netnsDialer (nsenter + socat)', { skip }, () => {
  let listener: ChildProcess;
  let netns: string;

  before(async () => {
    // A network namespace of its own, with an echo server on 127.0.0.1:7777 inside.
    listener = spawn('unshare', ['--net', '--', 'sh', '-c', 'ip link set lo up && exec socat TCP-LISTEN:7777,bind=127.0.0.1,reuseaddr,fork EXEC:cat'], { stdio: 'ignore' });
    netns = `/proc/${listener.pid}/ns/net`;
    const dial = netnsDialer('uid-ns', netns);
    for (let i = 0; ; i++) {
      try {
        (await dial(7777)).close();
        return;
      } catch (err) {
        if (i > 100) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });
  after(() => {
    listener.kill('SIGKILL');
  });

  it('connects to localhost inside the namespace and half-closes', async () => {
    const conn = await netnsDialer('uid-ns', netns)(7777);
    try {
      assert.equal(await exchange(conn, 'hello from outside'), 'hello from outside');
    } finally {
      conn.close();
    }
  });

  it('reports a refused connection in containerd words', async () => {
    await assert.rejects(netnsDialer('uid-ns', netns)(7778), (err: Error) => {
      assert.match(
        err.message,
        new RegExp(
          `^failed to execute portforward in network namespace "${netns}": failed to connect to localhost:7778 inside namespace "uid-ns", ` +
            `IPv4: dial tcp4 127\\.0\\.0\\.1:7778: connect: connection refused IPv6 dial tcp6 \\[::1\\]:7778: connect: [a-z ]+ $`,
        ),
      );
      return true;
    });
  });

  it('reports a namespace that does not exist', async () => {
    await assert.rejects(netnsDialer('uid-ns', '/nonexistent/ns')(80), /^Error: failed to execute portforward in network namespace "\/nonexistent\/ns": nsenter: /);
  });
});
