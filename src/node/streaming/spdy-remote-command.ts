/**
 * Exec/attach over SPDY/3.1 (kubelet `remotecommand/httpstream.go`): the client opens one stream
 * per channel, named by its `streamtype` header (`error`, `stdin`, `stdout`, `stderr`,
 * `resize`); the server answers each SYN_STREAM, waits until all the expected ones exist, then
 * runs the session. Output streams end with FIN before the Status goes to the `error` stream.
 */
import type { Clock } from '../../base/index.js';
import type { ErrorStreamStatus, RemoteCommandStreams, StreamSelection, TerminalSize } from './remote-command.js';
import { streamHeader, type SpdyConnection, type SpdyStream } from './spdy.js';
import { endWritable } from './websocket-channels.js';

/**
 * The remote-command protocols the kubelet speaks over SPDY, best first. v5 is WebSocket-only:
 * kubectl offers `v5.channel.k8s.io, v4.channel.k8s.io, …` and gets v4.
 */
export const spdyRemoteCommandProtocols = ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'] as const;

/** kubelet's default `streamCreationTimeout`. */
export const defaultStreamCreationTimeoutMs = 30_000;

type StreamType = 'error' | 'stdin' | 'stdout' | 'stderr' | 'resize';

/**
 * Collects the streams of one exec/attach session on a SPDY connection. Resolves once every
 * expected stream was opened; rejects after `timeoutMs` (kubelet: `timed out waiting for client
 * to create streams`), or when the connection closes first.
 */
export function spdyRemoteCommandStreams(
  conn: SpdyConnection,
  protocol: string,
  selection: StreamSelection,
  clock: Clock,
  timeoutMs = defaultStreamCreationTimeoutMs,
): Promise<RemoteCommandStreams> {
  const v4 = protocol === 'v4.channel.k8s.io';
  const resizeSupported = v4 || protocol === 'v3.channel.k8s.io';
  const expected = new Set<StreamType>(['error']);
  if (selection.stdin) expected.add('stdin');
  if (selection.stdout) expected.add('stdout');
  if (selection.stderr && !selection.tty) expected.add('stderr');
  if (selection.tty && resizeSupported) expected.add('resize');

  const streams = new Map<StreamType, SpdyStream>();
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  conn.once('close', () => resolveClosed());

  return new Promise<RemoteCommandStreams>((resolve, reject) => {
    let settled = false;
    const timer = clock.setTimeout(() => fail(new Error('timed out waiting for client to create streams')), timeoutMs);
    function fail(err: Error): void {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      conn.removeListener('stream', onStream);
      reject(err);
    }
    void closed.then(() => fail(new Error('connection closed before the client created its streams')));

    function onStream(stream: SpdyStream): void {
      stream.on('error', () => {});
      stream.respond(200, {});
      const type = streamHeader(stream, 'streamType') as StreamType;
      if (!expected.has(type) || streams.has(type)) {
        // kubelet: "unexpected stream type" / duplicate; reset it.
        stream.abort();
        return;
      }
      streams.set(type, stream);
      if (streams.size === expected.size && !settled) {
        settled = true;
        clock.clearTimeout(timer);
        conn.removeListener('stream', onStream);
        resolve(session());
      }
    }
    conn.on('stream', onStream);
  });

  function session(): RemoteCommandStreams {
    const errorStream = streams.get('error')!;
    errorStream.resume();
    const stdin = streams.get('stdin') ?? null;
    const stdout = streams.get('stdout') ?? null;
    const stderr = streams.get('stderr') ?? null;
    const resize = streams.get('resize');
    let latestSize: TerminalSize | undefined;
    const listeners: ((s: TerminalSize) => void)[] = [];
    if (resize) {
      const decoder = new JsonObjectDecoder();
      resize.on('data', (chunk: Buffer) => {
        for (const obj of decoder.push(chunk)) {
          const o = obj as { Width?: unknown; Height?: unknown };
          if (typeof o.Width !== 'number' || typeof o.Height !== 'number') continue;
          latestSize = { width: o.Width, height: o.Height };
          for (const l of listeners) l(latestSize);
        }
      });
    }
    stdout?.resume();
    stderr?.resume();
    return {
      stdin,
      stdout,
      stderr,
      tty: selection.tty,
      closed,
      onResize(listener) {
        listeners.push(listener);
        if (latestSize) listener(latestSize);
      },
      async finish(status: ErrorStreamStatus) {
        await Promise.all([endWritable(stdout), endWritable(stderr)]);
        if (v4) errorStream.write(JSON.stringify(status));
        else if (status.status !== 'Success') errorStream.write(status.message ?? '');
        await endWritable(errorStream);
        for (const s of [stdin, resize]) if (s && !s.writableEnded) s.end();
        // kubelet closes the connection once the Status is written (spdystream Close: GOAWAY).
        conn.end();
        const timer = clock.setTimeout(() => conn.socket.destroy(), 5000);
        void closed.then(() => clock.clearTimeout(timer));
      },
      destroy() {
        conn.socket.destroy();
      },
    };
  }
}

/**
 * Splits a byte stream of concatenated JSON objects (Go's `json.Encoder` output on the resize
 * stream: one object per `Encode`, newline-terminated, but read in arbitrary chunks).
 */
export class JsonObjectDecoder {
  private buffer = '';

  /** Adds bytes; returns the complete objects now available. Malformed objects are skipped. */
  push(chunk: Buffer): unknown[] {
    this.buffer += chunk.toString('utf8');
    const out: unknown[] = [];
    for (;;) {
      const start = this.buffer.indexOf('{');
      if (start < 0) {
        this.buffer = '';
        return out;
      }
      const end = objectEnd(this.buffer, start);
      if (end < 0) {
        this.buffer = this.buffer.slice(start);
        return out;
      }
      const text = this.buffer.slice(start, end + 1);
      this.buffer = this.buffer.slice(end + 1);
      try {
        out.push(JSON.parse(text));
      } catch {
        // skipped
      }
    }
  }
}

/** Index of the `}` closing the object that starts at `start`, or -1 if incomplete. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}
