/**
 * How network probes and lifecycle hooks reach a pod's ports, with no process per probe.
 *
 * 1. A pod with an IP reachable from the node (a CNI bridge address, or hostNetwork) is dialled
 *    directly from the node's own network namespace, exactly as the kubelet does
 *    (`pkg/probe/http`, `pkg/probe/tcp` dial `podIP:port` from the host).
 * 2. A pod whose network namespace has only loopback (no IP yet) is reached through one
 *    node-wide relay: a small Python program (the runtime already needs `/usr/bin/python3` for
 *    attach) that listens on a Unix socket in a private 0700 directory. For each connection it
 *    reads a one-line JSON request, and a fresh thread enters the pod's network namespace with
 *    `setns(2)` (which only moves that thread), connects to `127.0.0.1:port` there, answers
 *    `OK` and copies bytes both ways. One process for the whole node, started on first use and
 *    stopped with {@link PodDialer.close}; a probe costs a thread for the duration of one
 *    connection, never a process.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, isIP, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProbeError } from './errors.js';

/** Where to connect: `host:port`, inside `netnsPath` when given, else from the node. */
export interface DialTarget {
  host: string;
  port: number;
  /** The pod's network namespace file: connect from inside it (loopback-only pods). */
  netnsPath?: string;
}

/** Opens TCP connections for probes and hooks. */
export interface Dialer {
  /**
   * Connects, or rejects with a {@link ProbeError} whose message reads like Go's net error
   * (`dial tcp 10.88.0.5:80: connect: connection refused`, `dial tcp …: i/o timeout`).
   */
  dial(target: DialTarget, timeoutMs: number): Promise<Socket>;
  /** Stops helper processes. */
  close(): void;
}

/** errno name → the text Go's `syscall.Errno` prints (what kubelet events show). */
const goErrnoText: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  ETIMEDOUT: 'connection timed out',
  EADDRNOTAVAIL: 'cannot assign requested address',
  EPIPE: 'broken pipe',
  ENOENT: 'no such file or directory',
  EPERM: 'operation not permitted',
  EINVAL: 'invalid argument',
};

/** `host:port` as Go's `net.JoinHostPort` writes it (IPv6 in brackets). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A Go-style dial error (`dial tcp h:p: connect: <errno text>`). */
export function dialError(target: DialTarget, code: string | undefined, fallback: string): ProbeError {
  const addr = joinHostPort(target.host, target.port);
  if (code === 'TIMEOUT') return new ProbeError('DialTimeout', `dial tcp ${addr}: i/o timeout`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ProbeError('DialFailed', `dial tcp: lookup ${target.host}: no such host`);
  const text = (code && goErrnoText[code]) ?? fallback.toLowerCase();
  return new ProbeError('DialFailed', `dial tcp ${addr}: connect: ${text}`);
}

/** Connects from the node's network namespace. */
export function dialDirect(target: DialTarget, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(dialError(target, 'TIMEOUT', ''));
    }, timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.removeAllListeners('error');
      resolve(sock);
    });
    sock.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      sock.destroy();
      reject(dialError(target, err.code, err.message));
    });
  });
}

/** The node-wide relay (see the module comment). Argument: the Unix socket path. */
const RELAY = String.raw`
import ctypes, errno, json, os, select, socket, sys, threading
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000
def readline(c):
    buf = b''
    while not buf.endswith(b'\n'):
        d = c.recv(1)
        if not d or len(buf) > 4096:
            raise EOFError()
        buf += d
    return json.loads(buf)
def pump(a, b):
    peer = {a: b, b: a}
    live = [a, b]
    while live:
        r, _, _ = select.select(live, [], [])
        for s in r:
            try:
                d = s.recv(65536)
            except OSError:
                d = b''
            if d:
                try:
                    peer[s].sendall(d)
                except OSError:
                    return
            else:
                live.remove(s)
                try:
                    peer[s].shutdown(socket.SHUT_WR)
                except OSError:
                    pass
def serve(c):
    t = None
    try:
        req = readline(c)
        fd = os.open(req['netns'], os.O_RDONLY | os.O_CLOEXEC)
        try:
            if libc.setns(fd, CLONE_NEWNET) != 0:
                e = ctypes.get_errno()
                raise OSError(e, os.strerror(e))
        finally:
            os.close(fd)
        host = req['host']
        t = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET, socket.SOCK_STREAM)
        t.settimeout(float(req.get('timeout', 10)))
        t.connect((host, int(req['port'])))
        t.settimeout(None)
        c.sendall(b'OK\n')
        pump(c, t)
    except TimeoutError:
        try: c.sendall(b'ERR TIMEOUT i/o timeout\n')
        except OSError: pass
    except OSError as e:
        try: c.sendall(('ERR %s %s\n' % (errno.errorcode.get(e.errno or 0, 'EIO'), e.strerror)).encode())
        except OSError: pass
    except Exception as e:
        try: c.sendall(('ERR EINVAL %s\n' % e).encode())
        except OSError: pass
    finally:
        for s in (t, c):
            if s is not None:
                try: s.close()
                except OSError: pass
def watch_parent():
    sys.stdin.buffer.read()
    os._exit(0)
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(sys.argv[1])
srv.listen(256)
threading.Thread(target=watch_parent, daemon=True).start()
sys.stdout.write('READY\n')
sys.stdout.flush()
while True:
    conn, _ = srv.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
`;

/**
 * The dialer the kubelet uses: direct for targets without `netnsPath`, through the node-wide
 * netns relay otherwise (see the module comment).
 */
export class PodDialer implements Dialer {
  private relay?: Promise<string>;
  private child?: ChildProcess;
  private dir?: string;
  private closed = false;

  constructor(private readonly options: { pythonPath?: string } = {}) {}

  dial(target: DialTarget, timeoutMs: number): Promise<Socket> {
    if (!target.netnsPath) return dialDirect(target, timeoutMs);
    return this.dialRelay(target, target.netnsPath, timeoutMs);
  }

  close(): void {
    this.closed = true;
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.relay = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  /** Whether the relay process is running (for tests and the bench). */
  get relayPid(): number | undefined {
    return this.child?.pid;
  }

  private startRelay(): Promise<string> {
    if (this.relay) return this.relay;
    if (this.closed) return Promise.reject(new ProbeError('DialFailed', 'dialer closed'));
    this.relay = new Promise<string>((resolve, reject) => {
      // mkdtemp creates the directory 0700: only root can reach the socket.
      const dir = (this.dir = mkdtempSync(join(tmpdir(), 'podyard-probe-')));
      const path = join(dir, 'relay.sock');
      const child = spawn(this.options.pythonPath ?? '/usr/bin/python3', ['-c', RELAY, path], { stdio: ['pipe', 'pipe', 'inherit'] });
      this.child = child;
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('READY\n')) resolve(path);
      });
      const fail = (why: string) => {
        if (this.child === child) {
          this.child = undefined;
          this.relay = undefined;
        }
        reject(new ProbeError('DialFailed', `netns relay: ${why}`));
      };
      child.once('error', (err) => fail(err.message));
      child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
      child.unref();
      (child.stdout as unknown as { unref?: () => void }).unref?.();
      (child.stdin as unknown as { unref?: () => void }).unref?.();
    });
    // A failed start is retried by the next dial.
    this.relay.catch(() => undefined);
    return this.relay;
  }

  private async dialRelay(target: DialTarget, netnsPath: string, timeoutMs: number): Promise<Socket> {
    const path = await this.startRelay();
    return new Promise((resolve, reject) => {
      const sock = connect(path);
      let buf = Buffer.alloc(0);
      const timer = setTimeout(() => {
        sock.destroy();
        reject(dialError(target, 'TIMEOUT', ''));
      }, timeoutMs);
      const onData = (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        const nl = buf.indexOf(0x0a);
        if (nl < 0) return;
        clearTimeout(timer);
        sock.off('data', onData);
        sock.pause();
        const line = buf.subarray(0, nl).toString();
        const rest = buf.subarray(nl + 1);
        if (line === 'OK') {
          if (rest.length) sock.unshift(rest);
          sock.removeAllListeners('error');
          sock.removeAllListeners('end');
          resolve(sock);
          return;
        }
        sock.destroy();
        const [, code, ...text] = line.split(' ');
        reject(dialError(target, code, text.join(' ')));
      };
      sock.on('data', onData);
      sock.once('connect', () => {
        sock.write(`${JSON.stringify({ netns: netnsPath, host: target.host, port: target.port, timeout: Math.max(timeoutMs, 1) / 1000 })}\n`);
      });
      sock.once('error', (err) => {
        clearTimeout(timer);
        reject(new ProbeError('DialFailed', `netns relay: ${err.message}`));
      });
      sock.once('end', () => {
        clearTimeout(timer);
        reject(new ProbeError('DialFailed', 'netns relay closed the connection'));
      });
    });
  }
}

/** Whether `host` is an IP literal (so TLS gets no SNI). */
export function isIPAddress(host: string): boolean {
  return isIP(host) !== 0;
}
