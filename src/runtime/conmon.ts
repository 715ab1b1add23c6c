/**
 * Launching conmon the way CRI-O does (`internal/oci/runtime_oci.go` CreateContainer): conmon
 * runs `runc create`, daemonizes, and reports the container's PID (or runc's error) as one JSON
 * line on the sync pipe passed as fd 3 (`_OCI_SYNCPIPE=3`, `--api-version 1`). It then stays as
 * the container's parent (subreaper), copies its stdio into a CRI-format log file and writes the
 * exit code into `<exit-dir>/<id>` when the container exits.
 *
 * conmon is spawned in a new session (detached) so that neither a signal to Podyard's process
 * group nor Podyard's own death (even SIGKILL) reaches it: containers keep running.
 */
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** Paths and flags for one conmon-managed container. */
export interface ConmonCreateOptions {
  conmonPath: string;
  runcPath: string;
  runcRoot: string;
  id: string;
  /** conmon's `-u`: names the attach socket directory `<socketDir>/<uuid>`. */
  uuid: string;
  name: string;
  bundle: string;
  logPath: string;
  exitDir: string;
  socketDir: string;
  /** conmon's own diagnostics (its stderr). */
  conmonLogPath: string;
  terminal?: boolean;
  stdin?: boolean;
  stdinOnce?: boolean;
  logSizeMax?: number;
  timeoutMs?: number;
}

/** conmon's result: the container's PID, or the runtime's error message. */
export type ConmonResult = { ok: true; pid: number } | { ok: false; message: string };

/** Runs conmon (→ `runc create`) and waits for its report on the sync pipe. */
export async function conmonCreate(o: ConmonCreateOptions): Promise<ConmonResult> {
  const args = [
    '--api-version', '1',
    '-c', o.id,
    '-u', o.uuid,
    '-n', o.name,
    '-r', o.runcPath,
    '-b', o.bundle,
    '-p', `${o.bundle}/pidfile`,
    '-P', `${o.bundle}/conmon.pid`,
    '-l', `k8s-file:${o.logPath}`,
    '--exit-dir', o.exitDir,
    '--socket-dir-path', o.socketDir,
    '--persist-dir', o.bundle,
    '--runtime-arg', `--root=${o.runcRoot}`,
    '--log-level', 'info',
  ];
  if (o.logSizeMax !== undefined && o.logSizeMax > 0) args.push('--log-size-max', String(o.logSizeMax));
  if (o.terminal) args.push('-t');
  else if (o.stdin) {
    if (!o.stdinOnce) args.push('--leave-stdin-open');
    args.push('-i');
  }
  const errLog = await open(o.conmonLogPath, 'a');
  try {
    const child = spawn(o.conmonPath, args, {
      cwd: o.bundle,
      detached: true,
      stdio: ['ignore', errLog.fd, errLog.fd, 'pipe'],
      env: { _OCI_SYNCPIPE: '3', PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' },
    });
    child.unref();
    const sync = child.stdio[3] as Readable;
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.once('error', () => resolve(-1));
    });
    const line = await readFirstLine(sync, o.timeoutMs ?? 30_000);
    sync.destroy();
    const code = await exited;
    if (line === undefined) {
      return { ok: false, message: `conmon exited (status ${code}) without reporting a container PID; see ${o.conmonLogPath}` };
    }
    const msg = JSON.parse(line) as { data?: number; message?: string };
    if (typeof msg.data === 'number' && msg.data > 0) return { ok: true, pid: msg.data };
    return { ok: false, message: runcMessage(msg.message ?? 'container create failed') };
  } finally {
    await errLog.close();
  }
}

function readFirstLine(stream: Readable, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    let buf = '';
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const onData = (c: Buffer): void => {
      buf += c.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) finish(buf.slice(0, nl));
    };
    const onEnd = (): void => finish(buf.trim() ? buf.trim() : undefined);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onEnd);
    stream.once('close', onEnd);
    function finish(v: string | undefined): void {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onEnd);
      stream.off('close', onEnd);
      resolve(v);
    }
  });
}

/**
 * Extracts runc's own message from its logrus line
 * (`time="…" level=error msg="runc create failed: …"`), unescaped.
 */
export function runcMessage(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim());
  for (const line of lines.reverse()) {
    const m = /msg="((?:[^"\\]|\\.)*)"/.exec(line);
    if (m?.[1] !== undefined) return m[1].replace(/\\(.)/g, '$1');
    if (line.startsWith('{')) {
      try {
        const j = JSON.parse(line) as { msg?: string };
        if (j.msg) return j.msg;
      } catch {
        // not JSON
      }
    }
  }
  return text.trim();
}

/** Writes one control message to conmon's `ctl` FIFO (`1 H W` resize, `2 0 0` reopen logs). */
export async function writeConmonCtl(bundle: string, message: string): Promise<void> {
  // O_WRONLY|O_NONBLOCK: fails with ENXIO instead of blocking when conmon is gone.
  const { constants } = await import('node:fs');
  const fh = await open(`${bundle}/ctl`, constants.O_WRONLY | constants.O_NONBLOCK);
  try {
    await fh.write(message.endsWith('\n') ? message : message + '\n');
  } finally {
    await fh.close();
  }
}
