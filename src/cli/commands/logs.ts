import { createInterface } from 'node:readline';
import type { Pod } from '../../apis/index.js';
import { StatusError } from '../../apis/index.js';
import type { Command, CommandContext } from '../command.js';
import { flagBool, flagInt, flagString, parseDuration } from '../command.js';
import type { Session } from '../connect.js';
import { ExitError } from '../io.js';
import { chooseContainer, getPod, podPath } from '../pods.js';

/** `podyard logs`: kubectl logs. */
export const logsCommand: Command = {
  name: 'logs',
  summary: 'Print the logs for a container in a pod',
  usage: 'podyard logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [flags]',
  description: 'Print the logs for a container in a pod. If the pod has only one container, the container name is optional.',
  examples: `  # Return snapshot logs from pod mc2 with only one container, or its default container
  podyard logs mc2

  # Return snapshot logs from container 2nd of pod mc2
  podyard logs mc2 -c 2nd

  # Return snapshot logs from all containers in pod mc1, each line prefixed with its source
  podyard logs mc1 --all-containers --prefix

  # Begin streaming the logs of the 2nd container in pod mc1, starting with the last 10 lines
  podyard logs -f mc1 -c 2nd --tail=10`,
  flags: [
    { name: 'container', short: 'c', type: 'string', help: 'Print the logs of this container' },
    { name: 'follow', short: 'f', type: 'bool', help: 'Specify if the logs should be streamed.' },
    { name: 'previous', short: 'p', type: 'bool', help: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'tail', type: 'int', default: -1, help: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines.' },
    { name: 'since', type: 'string', help: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs.' },
    { name: 'since-time', type: 'string', help: 'Only return logs after a specific date (RFC3339). Defaults to all logs.' },
    { name: 'timestamps', type: 'bool', help: 'Include timestamps on each line in the log output' },
    { name: 'all-containers', type: 'bool', help: 'Get all containers\' logs in the pod(s).' },
    { name: 'prefix', type: 'bool', help: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'limit-bytes', type: 'int', help: 'Maximum bytes of logs to return. Defaults to no limit.' },
  ],
  run: runLogs,
};

/** Query of one log request. */
export interface LogQuery {
  container: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

/** Streams one container's log lines to `onLine` until the server ends the stream or `signal` aborts. */
export async function streamLog(session: Session, pod: Pod, q: LogQuery, onLine: (line: string) => void, signal?: AbortSignal): Promise<void> {
  const query: Record<string, string | number | boolean> = { container: q.container };
  if (q.follow) query.follow = true;
  if (q.previous) query.previous = true;
  if (q.tailLines !== undefined && q.tailLines >= 0) query.tailLines = q.tailLines;
  if (q.sinceSeconds !== undefined) query.sinceSeconds = q.sinceSeconds;
  if (q.sinceTime) query.sinceTime = q.sinceTime;
  if (q.timestamps) query.timestamps = true;
  if (q.limitBytes) query.limitBytes = q.limitBytes;
  const res = await session.transport.open({ method: 'GET', path: podPath(pod.metadata.namespace!, pod.metadata.name!, 'log'), query, accept: '*/*', ...(signal ? { signal } : {}) });
  signal?.addEventListener('abort', () => res.destroy());
  const lines = createInterface({ input: res, crlfDelay: Infinity });
  try {
    for await (const line of lines) onLine(line);
  } catch (err) {
    if (!signal?.aborted) throw err;
  }
}

async function runLogs(ctx: CommandContext): Promise<number> {
  const { args } = ctx;
  const [target, containerArg] = args.positionals;
  if (!target) throw new ExitError('error: expected \'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]\'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee \'podyard logs -h\' for help and examples');
  const session = await ctx.session();
  let pod: Pod;
  try {
    pod = await getPod(session, target);
  } catch (err) {
    // kubectl's logs resolves the pod through a helper that words NotFound its own way.
    if (err instanceof StatusError && err.status.code === 404) throw new ExitError(`error: error from server (NotFound): ${err.status.message} in namespace "${session.namespace}"`);
    throw err;
  }
  const all = flagBool(args, 'all-containers');
  const containers = all
    ? [...(pod.spec!.initContainers ?? []), ...pod.spec!.containers].map((c) => c.name)
    : [chooseContainer(ctx, pod, flagString(args, 'container') ?? containerArg)];
  const since = flagString(args, 'since');
  const sinceMs = since ? parseDuration(since) : undefined;
  if (since && sinceMs === undefined) throw new ExitError(`error: invalid argument "${since}" for "--since" flag: time: invalid duration "${since}"`);
  const base = {
    follow: flagBool(args, 'follow'),
    previous: flagBool(args, 'previous'),
    tailLines: flagInt(args, 'tail') ?? -1,
    timestamps: flagBool(args, 'timestamps'),
    ...(sinceMs !== undefined ? { sinceSeconds: Math.max(1, Math.ceil(sinceMs / 1000)) } : {}),
    ...(flagString(args, 'since-time') ? { sinceTime: flagString(args, 'since-time')! } : {}),
    ...(flagInt(args, 'limit-bytes') ? { limitBytes: flagInt(args, 'limit-bytes')! } : {}),
  };
  const prefix = flagBool(args, 'prefix');
  const controller = new AbortController();
  const stop = ctx.io.onSignal('SIGINT', () => controller.abort());
  try {
    const one = (c: string) =>
      streamLog(session, pod, { ...base, container: c }, (line) => ctx.out(`${prefix ? `[pod/${pod.metadata.name}/${c}] ` : ''}${line}\n`), controller.signal);
    if (base.follow) await Promise.all(containers.map(one));
    else for (const c of containers) await one(c);
  } finally {
    stop();
  }
  return 0;
}
