/**
 * Streaming exec and attach for the runc runtime.
 *
 * Exec is `runc exec --process <spec>` run by Podyard itself, as CRI-O's ExecContainer does:
 * - without a TTY, the exec'd process gets plain pipes (stdin EOF, separate stdout/stderr);
 * - with a TTY, runc must itself sit on a terminal (it allocates the container's pty, sets its
 *   own terminal raw, copies bytes and forwards SIGWINCH). CRI-O starts runc under a pty from
 *   Go; Node has no pty, so runc runs under util-linux `script` (Essential on Debian), which
 *   provides the pty. A resize is `stty rows H cols W` on that pty's slave: the kernel sends
 *   SIGWINCH to runc, which copies the size to the container's pty.
 *
 * Attach goes through conmon's attach socket (`<socket-dir>/<uuid>/attach`, SOCK_SEQPACKET:
 * conmon prefixes each packet it sends with the stream byte 2=stdout, 3=stderr; what we send
 * is the container's stdin). Node cannot open SOCK_SEQPACKET sockets, so a tiny Python bridge
 * (stdlib only) relays it over pipes with a 5-byte frame header; resizes go to conmon's ctl FIFO.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { PassThrough, type Readable } from 'node:stream';
import { RuntimeError } from './errors.js';
import { runcMessage, writeConmonCtl } from './conmon.js';
import { runCommand, shellQuote, sleep } from './process-util.js';
import type { ExecSyncResult, StreamHandle, StreamOptions } from './runtime-service.js';
import type { OciProcess } from './oci-spec.js';

/** Where runc and its helpers are. */
export interface ExecTools {
  runcPath: string;
  runcRoot: string;
  scriptPath: string;
  sttyPath: string;
  pythonPath: string;
}

/** Writes the process spec for an exec (the container's process with new args). */
async function writeProcessSpec(path: string, base: OciProcess, cmd: string[], tty: boolean, size?: { width: number; height: number }): Promise<void> {
  const proc: OciProcess = { ...base, args: cmd, terminal: tty };
  delete proc.consoleSize;
  delete proc.oomScoreAdj;
  if (tty && size) proc.consoleSize = { height: size.height, width: size.width };
  if (tty && !proc.env.some((e) => e.startsWith('TERM='))) proc.env = [...proc.env, 'TERM=xterm'];
  await writeFile(path, JSON.stringify(proc));
}

/**
 * Starts a streaming exec. `workDir` is a private scratch directory (process spec, runc log,
 * pid file) removed when the session ends.
 */
export async function startExec(
  tools: ExecTools,
  containerId: string,
  baseProcess: OciProcess,
  workDir: string,
  options: StreamOptions & { cmd: string[] },
): Promise<StreamHandle> {
  const tty = options.tty === true;
  const specPath = `${workDir}/process.json`;
  const logPath = `${workDir}/runc.log`;
  const pidPath = `${workDir}/pid`;
  await writeProcessSpec(specPath, baseProcess, options.cmd, tty, options.size);
  const runcArgs = ['--root', tools.runcRoot, '--log', logPath, '--log-format', 'json', 'exec', '--process', specPath, '--pid-file', pidPath, containerId];

  let child: ChildProcess;
  if (tty) {
    const size = options.size ? ` rows ${options.size.height} cols ${options.size.width}` : '';
    const command = `stty raw -echo${size}; exec ${[tools.runcPath, ...runcArgs].map(shellQuote).join(' ')}`;
    child = spawn(tools.scriptPath, ['-q', '-E', 'never', '-e', '-c', command, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { SHELL: '/bin/sh', PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', TERM: 'xterm' },
    });
  } else {
    child = spawn(tools.runcPath, runcArgs, { stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  }

  const stdout = options.stdout !== false || tty ? new PassThrough() : null;
  const stderr = !tty && options.stderr !== false ? new PassThrough() : null;
  if (child.stdout) {
    if (stdout) child.stdout.pipe(stdout);
    else child.stdout.resume();
  }
  if (child.stderr) {
    if (stderr) child.stderr.pipe(stderr);
    else child.stderr.resume();
  }
  const stdin = options.stdin && child.stdin ? child.stdin : null;
  if (!options.stdin && tty) child.stdin?.end();
  child.stdin?.on('error', () => {});

  const exitCode = new Promise<number>((resolve, reject) => {
    child.once('error', (e) => reject(new RuntimeError('ExecError', `exec in ${containerId}: ${e.message}`, { cause: e })));
    child.once('close', (code, signal) => {
      void (async () => {
        const failure = await runcFailure(logPath);
        await rm(workDir, { recursive: true, force: true });
        if (failure) reject(new RuntimeError('ExecError', failure));
        else resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 9) : -1));
      })();
    });
  });
  exitCode.catch(() => {});

  let ptyPath: string | undefined;
  const applySize = orderedResizes(async (width, height) => {
    for (let i = 0; i < 20 && !ptyPath && child.pid; i++) {
      ptyPath = await findScriptPty(child.pid);
      if (!ptyPath) await sleep(25);
    }
    if (ptyPath) await runCommand(tools.sttyPath, ['-F', ptyPath, 'rows', String(height), 'cols', String(width)]);
  });
  const resize = (width: number, height: number): void => {
    if (!tty || child.exitCode !== null) return;
    applySize(width, height);
  };

  return {
    stdin,
    stdout,
    stderr,
    resize,
    exitCode,
    close: () => {
      // Kill the exec'd process itself: killing runc alone would leave it running in the container.
      void readFile(pidPath, 'utf8').then(
        (pid) => {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            // already gone
          }
        },
        () => {},
      );
      child.kill('SIGKILL');
    },
  };
}

/** How long conmon gets to read one ctl message before the next is written. */
const conmonCtlPauseMs = 50;

/**
 * Applies terminal sizes one at a time, in the order they came: each resize is an asynchronous
 * write (conmon's ctl FIFO, or `stty` on the pty), and two in flight at once may land in either
 * order. kubectl attach sends the size plus one and then the real size right away (to force a
 * redraw); applied out of order, the container would keep the wrong one.
 */
export function orderedResizes(apply: (width: number, height: number) => Promise<void>): (width: number, height: number) => void {
  let chain = Promise.resolve();
  return (width, height) => {
    chain = chain.then(() => apply(width, height)).catch(() => {});
  };
}

/** The pty `script` gave runc: the slave its child (runc) has as stdin. */
async function findScriptPty(scriptPid: number): Promise<string | undefined> {
  try {
    const children = (await readFile(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8')).trim().split(/\s+/);
    for (const c of children) {
      if (!c) continue;
      const target = await readlink(`/proc/${c}/fd/0`);
      if (target.startsWith('/dev/pts/')) return target;
    }
  } catch {
    // not there yet
  }
  return undefined;
}

/** runc's own error (from its JSON log), if runc itself failed rather than the process. */
async function runcFailure(logPath: string): Promise<string | undefined> {
  const text = await readFile(logPath, 'utf8').catch(() => '');
  const errors = text.split('\n').filter((l) => l.includes('"level":"error"') || l.includes('"level":"fatal"'));
  return errors.length ? runcMessage(errors.join('\n')) : undefined;
}

/**
 * Runs a command to completion (exec probes): stdout/stderr collected up to `maxOutputBytes`
 * each; on timeout the process is killed and code `DeadlineExceeded` thrown.
 */
export async function execSync(
  tools: ExecTools,
  containerId: string,
  baseProcess: OciProcess,
  workDir: string,
  cmd: string[],
  timeoutMs: number,
  maxOutputBytes = 16 * 1024 * 1024,
): Promise<ExecSyncResult> {
  const handle = await startExec(tools, containerId, baseProcess, workDir, { cmd, stdout: true, stderr: true });
  const out = collect(handle.stdout, maxOutputBytes);
  const err = collect(handle.stderr, maxOutputBytes);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    if (timeoutMs > 0) timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result = await Promise.race([handle.exitCode, timedOut]);
    if (result === 'timeout') {
      handle.close();
      await handle.exitCode.catch(() => {});
      throw new RuntimeError('DeadlineExceeded', `command ${JSON.stringify(cmd)} timed out after ${timeoutMs}ms`);
    }
    return { exitCode: result, stdout: await out, stderr: await err };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

async function collect(stream: Readable | null, max: number): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = c as Buffer;
    if (size < max) chunks.push(b.subarray(0, max - size));
    size += b.length;
  }
  return Buffer.concat(chunks);
}

/** The Python relay between conmon's SOCK_SEQPACKET attach socket and pipes (frames: stream byte, u32 length, data). */
const ATTACH_BRIDGE = `
import os, socket, struct, sys, threading
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.connect(sys.argv[1])
def pump():
    fd = sys.stdin.fileno()
    while True:
        d = os.read(fd, 8192)
        if not d:
            break
        s.sendall(d)
    s.shutdown(socket.SHUT_WR)
if sys.argv[2] == '1':
    threading.Thread(target=pump, daemon=True).start()
out = sys.stdout.buffer
while True:
    d = s.recv(8193)
    if not d:
        break
    out.write(struct.pack('>BI', d[0], len(d) - 1) + d[1:])
    out.flush()
`;

/**
 * Attaches to a container's main process through conmon. `exited` resolves with the container's
 * exit code when it ends; the session ends then, or on close().
 */
export function startAttach(
  tools: ExecTools,
  attachSocket: string,
  bundle: string,
  options: StreamOptions,
  exited: Promise<number>,
): StreamHandle {
  const tty = options.tty === true;
  const child = spawn(tools.pythonPath, ['-c', ATTACH_BRIDGE, attachSocket, options.stdin ? '1' : '0'], {
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const stdout = options.stdout !== false ? new PassThrough() : null;
  const stderr = !tty && options.stderr !== false ? new PassThrough() : null;
  let pending = Buffer.alloc(0);
  child.stdout?.on('data', (c: Buffer) => {
    pending = Buffer.concat([pending, c]);
    while (pending.length >= 5) {
      const len = pending.readUInt32BE(1);
      if (pending.length < 5 + len) break;
      const kind = pending[0];
      const data = pending.subarray(5, 5 + len);
      pending = pending.subarray(5 + len);
      if (kind === 3 && stderr) stderr.write(data);
      else if (kind !== 3 && stdout) stdout.write(data);
    }
  });
  const bridgeErr: Buffer[] = [];
  child.stderr?.on('data', (c: Buffer) => bridgeErr.push(c));
  child.stdin?.on('error', () => {});
  let detached = false;
  const ended = new Promise<number>((resolve, reject) => {
    child.once('error', (e) => reject(new RuntimeError('NotSupported', `attach needs ${tools.pythonPath}: ${e.message}`, { cause: e })));
    child.once('close', (code) => {
      stdout?.end();
      stderr?.end();
      if (detached) return resolve(-1);
      if (code !== 0) return reject(new RuntimeError('ExecError', `attach failed: ${Buffer.concat(bridgeErr).toString().trim().split('\n').pop() ?? ''}`));
      // The socket closed: the container is exiting; report its exit code.
      exited.then(resolve, reject);
    });
  });
  ended.catch(() => {});
  // Two resizes written back to back can reach conmon 2.1.6 (Debian 12) in one read of its ctl
  // FIFO, and then the container kept kubectl's size-plus-one (seen in CI): give conmon time to
  // read each message on its own.
  const applySize = orderedResizes(async (width, height) => {
    await writeConmonCtl(bundle, `1 ${height} ${width}`);
    await new Promise((r) => setTimeout(r, conmonCtlPauseMs));
  });
  if (tty && options.size) applySize(options.size.width, options.size.height);
  return {
    stdin: options.stdin ? child.stdin : null,
    stdout,
    stderr,
    resize: (width, height) => {
      if (tty) applySize(width, height);
    },
    exitCode: ended,
    close: () => {
      detached = true;
      child.kill('SIGKILL');
    },
  };
}
