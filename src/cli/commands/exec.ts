import type { Command, CommandContext } from '../command.js';
import { flagBool, flagString } from '../command.js';
import { ExitError } from '../io.js';
import { chooseContainer, getPod, podPath } from '../pods.js';
import { openWebSocket, runRemoteCommand } from '../streams.js';
import { StatusError } from '../../apis/index.js';
import type { Session } from '../connect.js';
import type { Pod } from '../../apis/index.js';

/** `podyard exec`: kubectl exec over the v5.channel.k8s.io WebSocket, with a real TTY for -t. */
export const execCommand: Command = {
  name: 'exec',
  summary: 'Execute a command in a container',
  usage: 'podyard exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  description: 'Execute a command in a container. With -it the local terminal is put in raw mode and its size follows window resizes.',
  examples: `  # Get output from running the 'date' command from pod mc1, using the first container by default
  podyard exec mc1 -- date

  # Get output from running 'cat' in container 2nd of pod mc1
  podyard exec mc1 -c 2nd -- /bin/cat /html/index.html

  # Switch to raw terminal mode; sends stdin to 'sh' in container 1st of pod mc1
  # and sends stdout/stderr from 'sh' back to the client
  podyard exec mc1 -c 1st -i -t -- sh`,
  flags: [
    { name: 'container', short: 'c', type: 'string', help: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'stdin', short: 'i', type: 'bool', help: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', help: 'Stdin is a TTY' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Only print output from the remote session' },
  ],
  run: runExec,
};

async function runExec(ctx: CommandContext): Promise<number> {
  const { args, io } = ctx;
  const [target, ...extra] = args.positionals;
  const command = args.dashDash ? args.rest : extra;
  if (!target || command.length === 0) throw new ExitError('error: you must specify at least one command for the container');
  const session = await ctx.session();
  const pod = await getPod(session, target);
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
    throw new ExitError(`error: cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
  }
  const container = chooseContainer(ctx, pod, flagString(args, 'container'));
  const stdin = flagBool(args, 'stdin');
  let tty = flagBool(args, 'tty');
  if (tty && !(stdin && io.stdin.isTTY)) {
    if (!flagBool(args, 'quiet')) ctx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    tty = false;
  }
  return execIn(session, pod, container, command, ctx, { stdin, tty });
}

/** Runs `command` in a container with the process's streams; returns its exit code. */
export async function execIn(session: Session, pod: Pod, container: string, command: string[], ctx: CommandContext, mode: { stdin: boolean; tty: boolean }): Promise<number> {
  const { io } = ctx;
  const q = new URLSearchParams();
  for (const c of command) q.append('command', c);
  q.set('container', container);
  if (mode.stdin) q.set('stdin', 'true');
  q.set('stdout', 'true');
  if (!mode.tty) q.set('stderr', 'true');
  if (mode.tty) q.set('tty', 'true');
  let ws;
  try {
    ws = await openWebSocket(session, podPath(pod.metadata.namespace!, pod.metadata.name!, 'exec'), q, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
  } catch (err) {
    const status = (err as { status?: StatusError['status'] }).status;
    if (status?.kind === 'Status') throw new StatusError(status);
    throw err;
  }
  const raw = mode.tty && io.stdin.setRawMode ? io.stdin : undefined;
  raw?.setRawMode?.(true);
  try {
    const code = await runRemoteCommand(ws, {
      ...(mode.stdin ? { stdin: io.stdin } : {}),
      stdout: io.stdout,
      stderr: io.stderr,
      tty: mode.tty,
      size: () => (io.stdout.columns && io.stdout.rows ? { width: io.stdout.columns, height: io.stdout.rows } : undefined),
      onResize: (notify) => io.onSignal('SIGWINCH', notify),
    });
    if (code !== 0) ctx.err(`command terminated with exit code ${code}\n`);
    return code;
  } catch (err) {
    const status = (err as { status?: StatusError['status'] }).status;
    if (status?.kind === 'Status') throw new StatusError(status);
    throw err;
  } finally {
    raw?.setRawMode?.(false);
  }
}
