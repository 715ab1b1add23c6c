/**
 * Transport-neutral exec and attach sessions (kubelet `pkg/kubelet/cri/streaming/remotecommand`):
 * a {@link RemoteCommandStreams} (WebSocket channels or SPDY streams) is wired to a runtime
 * {@link StreamHandle}, and the session ends with one `metav1.Status` on the error stream:
 * `Success`, `NonZeroExitCode` with an `ExitCode` cause (kubectl prints `command terminated with
 * exit code N` and exits N), or an `InternalError`.
 */
import type { Readable, Writable } from 'node:stream';
import type { Status, StatusReason } from '../../apis/index.js';
import type { Clock, Logger } from '../../base/index.js';
import type { StreamHandle } from '../../runtime/index.js';

/**
 * A Status as written on an error stream: Go's `json.Marshal(status)` of a Status without
 * TypeMeta, so `kind`/`apiVersion` are absent (`{"metadata":{},"status":"Success"}`).
 */
export type ErrorStreamStatus = Omit<Status, 'kind' | 'apiVersion' | 'reason'> & {
  /** A StatusReason, or `NonZeroExitCode` (remotecommand's own reason, not in apimachinery's list). */
  reason?: StatusReason | typeof NonZeroExitCodeReason;
};

/** A terminal size, as carried by the resize channel/stream (`{"Width":…,"Height":…}`). */
export interface TerminalSize {
  width: number;
  height: number;
}

/** Which streams a session carries (from the request's `stdin`/`stdout`/`stderr`/`tty` parameters). */
export interface StreamSelection {
  stdin: boolean;
  stdout: boolean;
  /** Always false with a tty: the terminal merges stderr into stdout. */
  stderr: boolean;
  tty: boolean;
}

/**
 * The client side of one exec/attach session, whatever the transport. Implemented by
 * `websocket-channels.ts` (`v5.channel.k8s.io` and older) and `spdy-remote-command.ts` (SPDY/3.1).
 */
export interface RemoteCommandStreams {
  /** The client's stdin; ends on its close signal (v5 `[255,0]`, SPDY FIN) or when it goes away. */
  readonly stdin: Readable | null;
  readonly stdout: Writable | null;
  readonly stderr: Writable | null;
  /** A tty session: stderr is merged into stdout and resizes are expected. */
  readonly tty: boolean;
  /** Registers for terminal resizes (tty sessions). Sizes received before registering are replayed (the latest). */
  onResize(listener: (size: TerminalSize) => void): void;
  /** Flushes stdout/stderr, sends the final Status, and closes the session. */
  finish(status: ErrorStreamStatus): Promise<void>;
  /** Resolves when the client went away (or the session was finished). */
  readonly closed: Promise<void>;
  /** Drops the connection at once (errors). */
  destroy(): void;
}

/** `remotecommand.NonZeroExitCodeReason`. */
export const NonZeroExitCodeReason = 'NonZeroExitCode' as const;
/** `remotecommand.ExitCodeCauseType`. */
export const ExitCodeCauseType = 'ExitCode';

/** The Status of a command that exited 0, or of an attach that ended: `{"metadata":{},"status":"Success"}`. */
export function execSuccessStatus(): ErrorStreamStatus {
  return { metadata: {}, status: 'Success' };
}

/**
 * The Status of a command that exited non-zero, as the kubelet writes it (containerd's exit
 * error text inside): `command terminated with non-zero exit code: error executing command
 * [false], exit code 3`.
 */
export function nonZeroExitStatus(cmd: readonly string[], exitCode: number): ErrorStreamStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${cmd.join(' ')}], exit code ${exitCode}`,
    reason: NonZeroExitCodeReason,
    details: { causes: [{ reason: ExitCodeCauseType, message: String(exitCode) }] },
  };
}

/**
 * `apierrors.NewInternalError(err)` as written on an error stream (no kind/apiVersion, as Go's
 * `json.Marshal(status)` leaves them empty): kubectl prints `error: Internal error occurred: <msg>`.
 */
export function internalErrorStatus(message: string): ErrorStreamStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    code: 500,
  };
}

/** How a session is started on the runtime, once its streams are ready. */
export interface RemoteCommandTarget {
  /** `exec` reports exit codes; `attach` always ends with Success (kubelet `ServeAttach`). */
  kind: 'exec' | 'attach';
  /** The command, for exec (used in the exit message). */
  cmd: readonly string[];
  /** Starts the runtime session; may be given the terminal size the client sent first. */
  start(size: TerminalSize | undefined): Promise<StreamHandle>;
}

/** Options of {@link runRemoteCommand}. */
export interface RunRemoteCommandOptions {
  clock: Clock;
  logger: Logger;
  /** With a tty, how long to wait for the client's first resize before starting (default 300 ms). */
  initialResizeWaitMs?: number;
  /** After the process exited, how long to wait for its output to drain (default 2000 ms). */
  outputDrainMs?: number;
}

/**
 * Runs one exec/attach session to its end:
 * 1. with a tty, waits briefly for the client's first resize, so the process starts with the
 *    right terminal size (kubectl sends it right after connecting);
 * 2. starts the runtime session; a failure ends the session with an InternalError
 *    (`error executing command in container: …` / `error attaching to container: …`);
 * 3. pipes stdin in and stdout/stderr out, forwarding resizes;
 * 4. when the process exits, waits for its output to drain, then finishes with the Status;
 * 5. when the client goes away first, closes the runtime session (exec: kills the process;
 *    attach: detaches).
 */
export async function runRemoteCommand(streams: RemoteCommandStreams, target: RemoteCommandTarget, options: RunRemoteCommandOptions): Promise<void> {
  const { clock, logger } = options;
  let clientGone = false;
  void streams.closed.then(() => (clientGone = true));

  // 1. First resize (tty only).
  let latestSize: TerminalSize | undefined;
  let handle: StreamHandle | undefined;
  let firstResize: (() => void) | undefined;
  streams.onResize((size) => {
    latestSize = size;
    if (handle) handle.resize(size.width, size.height);
    firstResize?.();
  });
  if (streams.tty && latestSize === undefined) {
    await new Promise<void>((resolve) => {
      const timer = clock.setTimeout(done, options.initialResizeWaitMs ?? 300);
      function done(): void {
        clock.clearTimeout(timer);
        firstResize = undefined;
        resolve();
      }
      firstResize = done;
      void streams.closed.then(done);
    });
  }
  if (clientGone) return;

  // 2. Start.
  try {
    handle = await target.start(latestSize);
  } catch (err) {
    const what = target.kind === 'exec' ? 'error executing command in container' : 'error attaching to container';
    logger.warn(`${what}`, { err: errorText(err) });
    await streams.finish(internalErrorStatus(`${what}: ${errorText(err)}`));
    return;
  }
  const h = handle;
  if (clientGone) {
    h.close();
    return;
  }
  if (latestSize) h.resize(latestSize.width, latestSize.height);

  // 3. Pipes.
  if (streams.stdin) {
    if (h.stdin) {
      streams.stdin.pipe(h.stdin);
      h.stdin.on('error', () => {}); // EPIPE once the process is gone
    } else {
      streams.stdin.resume();
    }
  }
  const drained: Promise<void>[] = [];
  drained.push(pump(h.stdout, streams.stdout));
  drained.push(pump(h.stderr, streams.stderr));

  // 5. Client gone before the end.
  let finished = false;
  void streams.closed.then(() => {
    if (!finished) h.close();
  });

  // 4. Exit, drain, Status.
  let exitCode: number;
  try {
    exitCode = await h.exitCode;
  } catch (err) {
    finished = true;
    await streams.finish(internalErrorStatus(`error executing command in container: ${errorText(err)}`));
    return;
  }
  await Promise.race([
    Promise.all(drained),
    new Promise<void>((resolve) => clock.setTimeout(resolve, options.outputDrainMs ?? 2000)),
  ]);
  finished = true;
  if (clientGone) return;
  const status = target.kind === 'attach' || exitCode === 0 ? execSuccessStatus() : nonZeroExitStatus(target.cmd, exitCode);
  await streams.finish(status);
}

/** Copies a runtime output stream to a client stream; resolves when all of it was handed over. */
function pump(from: Readable | null, to: Writable | null): Promise<void> {
  if (!from) return Promise.resolve();
  return new Promise<void>((resolve) => {
    if (!to) {
      from.resume();
      from.once('end', resolve);
      from.once('close', resolve);
      return;
    }
    from.on('data', (chunk: Buffer) => {
      if (!to.write(chunk)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    });
    from.once('end', resolve);
    from.once('close', resolve);
    from.once('error', () => resolve());
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
