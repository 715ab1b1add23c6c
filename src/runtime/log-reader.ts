/**
 * Reader of CRI-format container logs (what conmon's `k8s-file` driver writes), producing the
 * bytes `kubectl logs` expects. Mirrors kubelet's `k8s.io/cri-client/pkg/logs/logs.go`:
 *
 *     2026-11-24T14:23:42.485328545+00:00 stdout F a full line
 *     2026-11-24T14:23:42.485328546+00:00 stderr P a partial line, continued by the next one
 *
 * `F` lines end with the newline that was stripped; `P` (partial) lines are joined with the next
 * message. With `timestamps`, a message that starts a new line gets the RFC 3339 timestamp with
 * nine fractional digits in UTC and a space in front.
 */
import { open, stat, watch, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Readable } from 'node:stream';

/** Options of {@link readContainerLog} (kubelet's `LogOptions`). */
export interface ReadLogOptions {
  /** Keep reading as the container writes, until `isRunning` says it stopped (or the stream is destroyed). */
  follow?: boolean;
  /** Only the last N lines of the file (raw CRI lines, as kubelet counts them). */
  tailLines?: number;
  /** Skip messages older than this time (ms since the epoch); sinceSeconds is converted by the caller. */
  sinceTimeMs?: number;
  /** Prefix each line with its RFC 3339 timestamp. */
  timestamps?: boolean;
  /** Stop after this many bytes of output (the last message is cut). */
  limitBytes?: number;
  /** Which streams to include; both by default. */
  streams?: ReadonlyArray<'stdout' | 'stderr'>;
  /** While following: is the container still running? When false at an idle end of file, the reader ends. */
  isRunning?: () => boolean | Promise<boolean>;
  /** Ends the reader (follow mode) when aborted. */
  signal?: AbortSignal;
  /** How often to re-check the file while following, besides file-system notifications. Default 1000 ms. */
  pollIntervalMs?: number;
}

/** One parsed CRI log line. */
export interface CriLogMessage {
  /** The timestamp as written (kept for nanosecond precision). */
  timestamp: string;
  /** Milliseconds since the epoch. */
  timeMs: number;
  stream: 'stdout' | 'stderr';
  /** True for a `P` (partial) line: no newline follows the content. */
  partial: boolean;
  /** The content, with its newline for full lines. */
  content: Buffer;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Parses one CRI log line (with or without its trailing newline); undefined when malformed. */
export function parseCriLogLine(line: Buffer): CriLogMessage | undefined {
  const sp1 = line.indexOf(0x20);
  if (sp1 < 0) return undefined;
  const sp2 = line.indexOf(0x20, sp1 + 1);
  if (sp2 < 0) return undefined;
  const timestamp = line.toString('latin1', 0, sp1);
  const timeMs = parseRfc3339Ms(timestamp);
  if (timeMs === undefined) return undefined;
  const stream = line.toString('latin1', sp1 + 1, sp2);
  if (stream !== 'stdout' && stream !== 'stderr') return undefined;
  const sp3 = line.indexOf(0x20, sp2 + 1);
  let tag: string;
  let content: Buffer;
  if (sp3 < 0) {
    // "<ts> stdout F\n": an empty message (kubelet rejects it; we read it as an empty line).
    const end = line[line.length - 1] === 0x0a ? line.length - 1 : line.length;
    tag = line.toString('latin1', sp2 + 1, end);
    content = end < line.length ? Buffer.from('\n') : Buffer.alloc(0);
  } else {
    tag = line.toString('latin1', sp2 + 1, sp3);
    content = line.subarray(sp3 + 1);
  }
  const partial = tag.split(':')[0] === 'P';
  if (partial && content[content.length - 1] === 0x0a) content = content.subarray(0, content.length - 1);
  return { timestamp, timeMs, stream, partial, content };
}

/** Parses an RFC 3339 timestamp with up to nanoseconds into milliseconds since the epoch. */
export function parseRfc3339Ms(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const base = Date.parse(`${m[1]}${m[3] === 'Z' ? 'Z' : m[3]}`);
  if (Number.isNaN(base)) return undefined;
  const frac = (m[2] ?? '').padEnd(9, '0');
  return base + Number(frac.slice(0, 3));
}

/** Formats a CRI timestamp as kubelet's output format: UTC, nine fractional digits (`RFC3339NanoFixed`). */
export function formatTimestampOut(timestamp: string): string {
  const m = TIMESTAMP.exec(timestamp);
  if (!m) return timestamp;
  const frac = (m[2] ?? '').padEnd(9, '0');
  const base = Date.parse(`${m[1]}${m[3] === 'Z' ? 'Z' : m[3]}`);
  return new Date(base).toISOString().replace(/\.\d{3}Z$/, `.${frac}Z`);
}

/**
 * Finds the offset where the last `n` lines of the file start (kubelet's
 * `findTailLineStartIndex`): reads backwards in blocks, counting newlines; a trailing newline
 * does not start an extra empty line.
 */
export async function findTailStart(file: FileHandle, size: number, n: number): Promise<number> {
  if (n < 0) return 0;
  const block = 64 * 1024;
  let pos = size;
  let count = 0;
  const buf = Buffer.alloc(block);
  // Skip the newline that ends the last line.
  let skipLast = true;
  while (pos > 0) {
    const len = Math.min(block, pos);
    pos -= len;
    const { bytesRead } = await file.read(buf, 0, len, pos);
    for (let i = bytesRead - 1; i >= 0; i--) {
      if (buf[i] !== 0x0a) {
        skipLast = false;
        continue;
      }
      if (skipLast) {
        skipLast = false;
        continue;
      }
      count++;
      if (count === n) return pos + i + 1;
    }
  }
  return 0;
}

/**
 * Reads a CRI-format log file as `kubectl logs` shows it. The returned stream ends at the end of
 * the file, or, with `follow`, once the container is no longer running and the file is drained.
 * While following, a log file replaced at the same path (rotation: rename + reopen) is picked up
 * from its start. A missing file gives an error on the stream (ENOENT).
 */
export function readContainerLog(path: string, options: ReadLogOptions = {}): Readable {
  // Destroying the stream must also end a follow that is waiting for changes, so abort first,
  // then let the generator run its cleanup.
  const ac = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, ac.signal]) : ac.signal;
  const it = generateLog(path, { ...options, signal });
  return new Readable({
    read() {
      it.next().then(
        (r) => {
          this.push(r.done ? null : r.value);
        },
        (err: Error) => this.destroy(err),
      );
    },
    destroy(err, callback) {
      ac.abort();
      it.return(undefined).then(
        () => callback(err),
        (e: Error) => callback(err ?? e),
      );
    },
  });
}

async function* generateLog(path: string, options: ReadLogOptions): AsyncGenerator<Buffer> {
  const streams = new Set(options.streams ?? ['stdout', 'stderr']);
  const follow = options.follow === true;
  const tail = options.tailLines ?? -1;
  let limitedNum = tail >= 0 && !follow ? tail : -1;
  let remain = options.limitBytes !== undefined && options.limitBytes >= 0 ? options.limitBytes : Infinity;
  if (remain === 0) return;
  const since = options.sinceTimeMs ?? -Infinity;
  const pollMs = options.pollIntervalMs ?? 1000;

  let isNewLine = true;
  let file = await open(path, 'r');
  let waiter: ChangeWaiter | undefined;
  try {
    let ino = (await file.stat()).ino;
    let position = tail >= 0 ? await findTailStart(file, (await file.stat()).size, tail) : 0;
    let pending: Buffer = Buffer.alloc(0);
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      if (options.signal?.aborted) return;
      const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
      if (bytesRead > 0) {
        position += bytesRead;
        pending = pending.length ? Buffer.concat([pending, chunk.subarray(0, bytesRead)]) : Buffer.from(chunk.subarray(0, bytesRead));
        let start = 0;
        for (let nl = pending.indexOf(0x0a, start); nl >= 0; nl = pending.indexOf(0x0a, start)) {
          const line = pending.subarray(start, nl + 1);
          start = nl + 1;
          const msg = parseCriLogLine(line);
          if (!msg) continue;
          if (limitedNum === 0) return;
          const out = render(msg);
          if (limitedNum > 0) limitedNum--;
          if (out) {
            yield out.length > remain ? out.subarray(0, remain) : out;
            remain -= out.length;
            if (remain <= 0) return;
          }
        }
        pending = pending.subarray(start);
        continue;
      }
      // End of file.
      if (!follow) {
        // kubelet writes an incomplete last line as it is.
        const msg = pending.length ? parseCriLogLine(pending) : undefined;
        if (msg && limitedNum !== 0) {
          const out = render(msg);
          if (out) yield out.length > remain ? out.subarray(0, remain) : out;
        }
        return;
      }
      // 1. Rotated? A new file at the same path: finish this one (done), then read the new one from its start.
      const current = await stat(path).catch(() => undefined);
      if (current && current.ino !== ino) {
        await file.close();
        file = await open(path, 'r');
        ino = (await file.stat()).ino;
        position = 0;
        pending = Buffer.alloc(0);
        continue;
      }
      if (current && current.size < position) {
        // Truncated in place (copytruncate): start over.
        position = 0;
        pending = Buffer.alloc(0);
        continue;
      }
      // 2. Stop when the container is no longer running (after one more drain).
      if (options.isRunning && !(await options.isRunning())) {
        const { bytesRead: more } = await file.read(chunk, 0, 1, position);
        if (more > 0) continue;
        return;
      }
      // 3. Wait for a change in the directory, a poll tick, or abort.
      waiter ??= new ChangeWaiter(path, options.signal);
      await waiter.wait(pollMs);
    }
  } finally {
    waiter?.close();
    await file.close().catch(() => {});
  }

  function render(msg: CriLogMessage): Buffer | undefined {
    if (msg.timeMs < since || !streams.has(msg.stream)) return undefined;
    const prefix = options.timestamps && isNewLine ? formatTimestampOut(msg.timestamp) + ' ' : '';
    isNewLine = !msg.partial;
    return prefix ? Buffer.concat([Buffer.from(prefix), msg.content]) : msg.content;
  }
}

/** Resolves waits on a change to a file's directory (inotify via fs.watch), a timeout, or abort. */
class ChangeWaiter {
  private readonly ac = new AbortController();
  private wake: (() => void) | undefined;
  private changed = false;

  constructor(path: string, signal?: AbortSignal) {
    const name = basename(path);
    signal?.addEventListener('abort', () => this.close(), { once: true });
    void (async () => {
      try {
        for await (const ev of watch(dirname(path), { signal: this.ac.signal })) {
          if (ev.filename === null || ev.filename === name || ev.filename.startsWith(name)) {
            this.changed = true;
            this.wake?.();
          }
        }
      } catch {
        // Aborted, or the directory vanished: polling still works.
      }
    })();
  }

  async wait(timeoutMs: number): Promise<void> {
    if (this.changed || this.ac.signal.aborted) {
      this.changed = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const signal = this.ac.signal;
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
    this.wake = undefined;
    this.changed = false;
  }

  close(): void {
    this.ac.abort();
    this.wake?.();
  }
}
