/**
 * `podyard up` and `podyard down`: a `docker compose up` for manifests. Up finds (or starts) the
 * server of the default data dir, pulls the pods' images into its store with a progress bar each,
 * applies the manifests, shows each pod's progress (events such as Pulling/Pulled, status transitions), then follows every container's log with a coloured
 * `pod/container |` prefix. Ctrl-C deletes what it applied (a second Ctrl-C forces) and stops
 * the server it started, unless --detach.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject, Pod } from '../../apis/index.js';
import { StatusError } from '../../apis/index.js';
import { applyOne } from '../apply.js';
import type { Command, CommandContext } from '../command.js';
import { flagBool, flagString, flagStrings } from '../command.js';
import type { Session } from '../connect.js';
import { connect, dataDirOf, resolveKubeconfigPath } from '../connect.js';
import { formatError } from '../errors.js';
import { ExitError } from '../io.js';
import type { Manifest } from '../manifests.js';
import { readManifests } from '../manifests.js';
import { prePullImages } from '../pull-progress.js';
import { typePrefix } from '../resources.js';
import { streamLog } from './logs.js';

const colours = [36, 33, 32, 35, 34, 91, 92, 93, 94, 95, 96];

/** `podyard up`. */
export const upCommand: Command = {
  name: 'up',
  summary: 'Start a server if needed, apply manifests, show progress and follow every container\'s logs',
  usage: 'podyard up -f FILE|DIR|- [--detach] [--exit-code-from POD/CONTAINER]',
  description:
    'Like "docker compose up" for Kubernetes manifests. Starts a Podyard server on the default data dir when none is running (it lives as long as "up" does, unless --detach), pulls the pods\' images into its data dir with a progress bar each (honouring imagePullPolicy; a failed pull is left for the node agent to report), applies the manifests, shows each pod\'s progress, then streams every container\'s logs with a "pod/container |" prefix.\n\nCtrl-C deletes what was applied, gracefully; a second Ctrl-C forces. Up ends by itself when every pod has finished, and exits non-zero when a pod failed or a container crash-loops; --exit-code-from returns one container\'s exit code.',
  examples: `  # Run the tutorial's shared-volume pod and follow its logs (Ctrl-C removes it)
  podyard up -f examples/mc1-shared-volume.yaml

  # Run a pod to completion in CI and return the consumer's exit code
  podyard up -f examples/mc2-ipc.yaml --exit-code-from mc2/2nd

  # Start everything in a directory and return at once
  podyard up -d -f examples/`,
  flags: [
    { name: 'filename', short: 'f', type: 'strings', help: 'Manifest files, directories or - for stdin.' },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively.' },
    { name: 'detach', short: 'd', type: 'bool', help: 'Apply, wait for the pods to start, and return; leave server and pods running.' },
    { name: 'exit-code-from', type: 'string', help: 'POD/CONTAINER whose exit code up returns; up stops when that container has terminated.' },
    { name: 'no-color', type: 'bool', help: 'Do not colour the log prefixes.' },
  ],
  run: runUp,
};

/** `podyard down`. */
export const downCommand: Command = {
  name: 'down',
  summary: 'Delete what "podyard up -f FILE" applied',
  usage: 'podyard down -f FILE|DIR|- [--grace-period=SECONDS] [--stop-server]',
  description: 'Delete the objects of the manifests and wait until they are gone (what Ctrl-C does to "podyard up").',
  examples: `  # Remove the pods started by "podyard up -d"
  podyard down -f examples/mc1-shared-volume.yaml`,
  flags: [
    { name: 'filename', short: 'f', type: 'strings', help: 'Manifest files, directories or - for stdin.' },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively.' },
    { name: 'grace-period', type: 'int', default: -1, help: 'Seconds pods get to stop (default: their own terminationGracePeriodSeconds).' },
  ],
  run: async (ctx) => {
    const files = flagStrings(ctx.args, 'filename');
    if (!files.length) throw new ExitError('error: must specify -f');
    const manifests = await readManifests(files, { cwd: ctx.io.cwd, stdin: ctx.io.stdin, recursive: flagBool(ctx.args, 'recursive') });
    const session = await ctx.session();
    const grace = ctx.args.values['grace-period'] as number;
    const ok = await deleteApplied(ctx, session, manifests, grace >= 0 ? grace : undefined, new AbortController().signal);
    return ok ? 0 : 1;
  },
};

/** Whether an API server answers on this kubeconfig. */
async function reachable(ctx: CommandContext): Promise<Session | undefined> {
  try {
    const s = await connect(ctx.connection, ctx.io);
    await s.transport.request({ method: 'GET', path: '/version', signal: AbortSignal.timeout(3000) });
    return s;
  } catch {
    return undefined;
  }
}

/** Starts `podyard server` for the data dir and waits for its kubeconfig. */
async function startServer(ctx: CommandContext, dataDir: string, detach: boolean): Promise<ChildProcess> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const kubeconfig = join(dataDir, 'kubeconfig');
  const before = existsSync(kubeconfig) ? statSync(kubeconfig).mtimeMs : 0;
  const logPath = join(dataDir, 'server.log');
  const log = openSync(logPath, 'a');
  ctx.out(`Starting podyard server (data dir ${dataDir}, log ${logPath})\n`);
  const child = spawn(ctx.io.self[0]!, [...ctx.io.self.slice(1), 'server', '--data-dir', dataDir, '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', log, log],
    detached: true, // its own process group: a terminal's Ctrl-C reaches up, which then stops it in order
  });
  closeSync(log);
  if (detach) child.unref();
  const deadline = Date.now() + 30_000;
  while (!(existsSync(kubeconfig) && statSync(kubeconfig).mtimeMs > before)) {
    if (child.exitCode !== null) throw new ExitError(`error: podyard server exited with code ${child.exitCode}; see ${logPath}`);
    if (Date.now() > deadline) throw new ExitError(`error: podyard server did not start within 30s; see ${logPath}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

interface PodProgress {
  phaseLine: string;
  streamed: Map<string, number>;
}

async function runUp(ctx: CommandContext): Promise<number> {
  const files = flagStrings(ctx.args, 'filename');
  if (!files.length) throw new ExitError('error: must specify -f FILE|DIR|-');
  const manifests = await readManifests(files, { cwd: ctx.io.cwd, stdin: ctx.io.stdin, recursive: flagBool(ctx.args, 'recursive') });
  const detach = flagBool(ctx.args, 'detach');
  const exitFrom = flagString(ctx.args, 'exit-code-from');
  const colour = !flagBool(ctx.args, 'no-color') && !ctx.io.env.NO_COLOR;

  // 1. A server: the one the kubeconfig names if it answers, else one started for the data dir.
  let server: ChildProcess | undefined;
  let session = await reachable(ctx);
  if (!session) {
    if (ctx.connection.kubeconfig) throw new ExitError(`error: the server of ${ctx.connection.kubeconfig} does not answer`);
    server = await startServer(ctx, dataDirOf(ctx.connection, ctx.io), detach);
    session = await connect({ ...ctx.connection, dataDir: dataDirOf(ctx.connection, ctx.io) }, ctx.io);
  }
  const s = session;
  const stopServer = async () => {
    if (!server || detach || server.exitCode !== null) return;
    // The node agent removes a deleted terminal pod's containers only after the API object is gone
    // (terminal pods are deleted at once): give it a moment (at most 5 s) before stopping it.
    const containers = join(dataDirOf(ctx.connection, ctx.io), 'runtime', 'containers');
    for (const deadline = Date.now() + 5000; Date.now() < deadline && (await readdir(containers).catch(() => [])).length > 0; ) await new Promise((r) => setTimeout(r, 100));
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
    ctx.out('Stopped podyard server\n');
  };

  let interrupted = 0;
  const controller = new AbortController();
  let forceDelete: (() => void) | undefined;
  const removeSigint = ctx.io.onSignal('SIGINT', () => {
    interrupted++;
    if (interrupted === 1) {
      ctx.out(detach ? '\n' : '\nGracefully stopping... (press Ctrl+C again to force)\n');
      controller.abort();
    } else {
      forceDelete?.();
    }
  });
  const removeSigterm = ctx.io.onSignal('SIGTERM', () => controller.abort());
  // A closed terminal (SIGHUP) cleans up like Ctrl-C rather than leaving pods and the server behind.
  const removeSighup = ctx.io.onSignal('SIGHUP', () => controller.abort());
  try {
    // 2. Pull the pods' images into the data dir's store, with a progress bar each, when the
    // server is this data dir's (the node agent then finds them; a failure is the kubelet's to report).
    const dataDir = dataDirOf(ctx.connection, ctx.io);
    if (ctx.connection.kubeconfig === undefined && resolveKubeconfigPath(ctx.connection, ctx.io) === join(dataDir, 'kubeconfig')) {
      await prePullImages(ctx.io, dataDir, manifests.map((m) => m.object), controller.signal);
      if (controller.signal.aborted) return 130;
    }

    // 3. Apply.
    const pods: string[] = [];
    for (const m of manifests) {
      try {
        const { result, name } = await applyOne(s, m);
        ctx.out(`${name} ${result}\n`);
        if (m.object.kind === 'Pod' && (m.object.apiVersion ?? 'v1') === 'v1') pods.push(m.object.metadata.name!);
      } catch (err) {
        if (err instanceof ExitError) throw err;
        throw new ExitError(formatError(err));
      }
    }
    const ns = s.namespace;
    const progress = new Map<string, PodProgress>(pods.map((p) => [p, { phaseLine: '', streamed: new Map() }]));
    const prefixWidth = Math.max(0, ...manifests.flatMap((m) => ((m.object as Pod).spec?.containers ?? []).map((c) => `${m.object.metadata.name}/${c.name}`.length)));
    let colourIndex = 0;
    const colourOf = new Map<string, number>();
    const prefix = (key: string) => {
      if (!colourOf.has(key)) colourOf.set(key, colours[colourIndex++ % colours.length]!);
      const text = `${key.padEnd(prefixWidth)} |`;
      return colour ? `\x1b[${colourOf.get(key)}m${text}\x1b[0m` : text;
    };
    const logStreams: Promise<void>[] = [];
    let failure: string | undefined;
    let exitCode: number | undefined;

    // 4. Events of our pods (image pulls, starts, back-offs) as progress lines.
    const seenEvents = new Set<string>();
    const showEvents = async () => {
      const list = await s.client.list({ group: '', version: 'v1', resource: 'events', namespaced: true }, ns).catch(() => undefined);
      for (const e of (list?.items ?? []) as (KubeObject & { reason?: string; message?: string; type?: string; count?: number; involvedObject: { name?: string; kind?: string } })[]) {
        if (e.involvedObject.kind !== 'Pod' || !progress.has(e.involvedObject.name ?? '')) continue;
        // One line per event object: repeats (count+1, BackOff every few seconds) are not news.
        const key = e.metadata.uid ?? `${e.reason}/${e.message}`;
        if (seenEvents.has(key)) continue;
        seenEvents.add(key);
        if (e.reason === 'Scheduled' || e.reason === 'MissingClusterDNS') continue;
        ctx.out(`${e.involvedObject.name}  ${e.type === 'Warning' ? 'Warning: ' : ''}${e.reason}: ${e.message ?? ''}\n`);
      }
    };

    // 5. Poll pods: transitions, logs of started containers, end conditions.
    const podRef = { group: '', version: 'v1', resource: 'pods', namespaced: true };
    let detachedReady = false;
    while (!controller.signal.aborted) {
      await showEvents();
      let allDone = pods.length > 0;
      let allRunning = pods.length > 0;
      for (const name of pods) {
        let pod: Pod;
        try {
          pod = await s.client.get<Pod>(podRef, ns, name);
        } catch (err) {
          if (err instanceof StatusError && err.status.code === 404) {
            allRunning = false;
            continue;
          }
          throw err;
        }
        const p = progress.get(name)!;
        const statuses = pod.status?.containerStatuses ?? [];
        const ready = statuses.filter((c) => c.ready).length;
        const waiting = statuses.map((c) => c.state?.waiting?.reason).find((r) => r && r !== 'ContainerCreating');
        const phase = pod.status?.phase ?? 'Pending';
        const line = waiting ? `${phase} (${waiting})` : statuses.length && phase === 'Running' ? `Running (${ready}/${pod.spec!.containers.length} ready)` : phase === 'Pending' && pod.spec?.nodeName ? 'ContainerCreating' : phase;
        if (line !== p.phaseLine) {
          p.phaseLine = line;
          ctx.out(`${name}  ${line}\n`);
        }
        if (waiting === 'CrashLoopBackOff' && !failure) failure = `${name} is crash-looping`;
        if (phase === 'Failed') failure ??= `${name} failed`;
        if (phase !== 'Succeeded' && phase !== 'Failed') allDone = false;
        if (phase !== 'Running') allRunning = false;
        if (detach) continue;
        for (const c of statuses) {
          const started = c.state?.running || c.state?.terminated;
          const key = `${name}/${c.name}`;
          if (!started || p.streamed.get(c.name) === c.restartCount) continue;
          p.streamed.set(c.name, c.restartCount);
          logStreams.push(
            streamLog(s, pod, { container: c.name, follow: true }, (l) => ctx.out(`${prefix(key)} ${l}\n`), controller.signal).catch((err: unknown) => {
              if (!controller.signal.aborted) ctx.err(`${key}: ${formatError(err)}\n`);
            }),
          );
          if (exitFrom === key && c.state?.terminated) exitCode = c.state.terminated.exitCode;
        }
        if (exitFrom?.startsWith(`${name}/`)) {
          const c = statuses.find((x) => `${name}/${x.name}` === exitFrom);
          if (c?.state?.terminated && (pod.spec?.restartPolicy === 'Never' || phase === 'Succeeded' || phase === 'Failed')) exitCode = c.state.terminated.exitCode;
        }
      }
      if (detach && allRunning) {
        detachedReady = true;
        break;
      }
      if (exitCode !== undefined || (allDone && !detach)) break;
      if (detach && (allDone || failure)) break;
      await new Promise<void>((r) => {
        const wake = () => {
          clearTimeout(t);
          r();
        };
        const t = setTimeout(() => {
          controller.signal.removeEventListener('abort', wake);
          r();
        }, 500);
        controller.signal.addEventListener('abort', wake, { once: true });
      });
    }
    if (detach) {
      ctx.out(detachedReady ? 'Started; "podyard down -f FILE" removes it.\n' : '');
      return failure ? 1 : 0;
    }
    // Let the last log lines of finished containers arrive.
    if (!controller.signal.aborted) await Promise.race([Promise.all(logStreams), new Promise((r) => setTimeout(r, 2000))]);
    controller.abort();

    // 6. Clean up what we applied.
    const forced = new AbortController();
    forceDelete = () => {
      ctx.out('Forcing deletion\n');
      forced.abort();
    };
    if (interrupted >= 2) forced.abort();
    await deleteApplied(ctx, s, manifests, undefined, forced.signal);
    if (failure) ctx.err(`error: ${failure}\n`);
    if (exitFrom) {
      if (exitCode === undefined) {
        ctx.err(`error: ${exitFrom} did not terminate\n`);
        return 1;
      }
      return exitCode;
    }
    return failure ? 1 : 0;
  } finally {
    removeSigint();
    removeSigterm();
    removeSighup();
    s.close();
    await stopServer();
  }
}

/** Deletes every manifest's object (reverse order) and waits until the pods are gone; `force` switches to grace period 0. */
async function deleteApplied(ctx: CommandContext, s: Session, manifests: Manifest[], grace: number | undefined, force: AbortSignal): Promise<boolean> {
  let ok = true;
  const gone: { ref: Awaited<ReturnType<Session['resources']['forKind']>>; ns: string | undefined; name: string }[] = [];
  for (const m of [...manifests].reverse()) {
    const r = await s.resources.forKind(m.object.apiVersion!, m.object.kind!);
    const ns = r.namespaced ? (m.object.metadata.namespace ?? s.namespace) : undefined;
    try {
      await s.client.delete(r, ns, m.object.metadata.name!, force.aborted ? { gracePeriodSeconds: 0 } : grace !== undefined ? { gracePeriodSeconds: grace } : {});
      ctx.out(`${typePrefix(r)} "${m.object.metadata.name}" deleted\n`);
      gone.push({ ref: r, ns, name: m.object.metadata.name! });
    } catch (err) {
      if (err instanceof StatusError && err.status.code === 404) continue;
      ctx.err(formatError(err) + '\n');
      ok = false;
    }
  }
  const onForce = () => {
    for (const g of gone) void s.client.delete(g.ref, g.ns, g.name, { gracePeriodSeconds: 0 }).catch(() => undefined);
  };
  force.addEventListener('abort', onForce, { once: true });
  for (const g of gone) {
    for (;;) {
      try {
        await s.client.get(g.ref, g.ns, g.name);
      } catch (err) {
        if (err instanceof StatusError && err.status.code === 404) break;
        throw err;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  force.removeEventListener('abort', onForce);
  return ok;
}
