import type { DeleteOptions, KubeObject } from '../../apis/index.js';
import { StatusError } from '../../apis/index.js';
import type { Command, CommandContext } from '../command.js';
import { flagBool, flagInt, flagString, flagStrings, parseDuration } from '../command.js';
import type { Session } from '../connect.js';
import { formatError } from '../errors.js';
import { ExitError } from '../io.js';
import { readManifests } from '../manifests.js';
import type { ApiResource } from '../resources.js';
import { typePrefix } from '../resources.js';
import { listAll, namespaceFor, parseTargets } from '../targets.js';

/** `podyard delete`: kubectl delete, waiting for the objects to be gone by default. */
export const deleteCommand: Command = {
  name: 'delete',
  summary: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  usage: 'podyard delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [flags]',
  description:
    'Delete resources by file names, stdin, resources and names, or by resources and label selector.\n\nLike kubectl, delete waits until the objects are gone (pods: until their containers stopped); --wait=false returns at once. --grace-period=0 --force removes pods from the API immediately.',
  examples: `  # Delete a pod using the type and name specified in pod.yaml
  podyard delete -f ./pod.yaml

  # Delete pods and services with same names "baz" and "foo"
  podyard delete pod,service baz foo

  # Delete a pod with minimal delay
  podyard delete pod foo --now

  # Force delete a pod on a dead node
  podyard delete pod foo --grace-period=0 --force`,
  flags: [
    { name: 'filename', short: 'f', type: 'strings', help: 'containing the resource to delete.' },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively.' },
    { name: 'selector', short: 'l', type: 'string', help: 'Selector (label query) to filter on.' },
    { name: 'all', type: 'bool', help: 'Delete all resources, in the namespace of the specified resource types.' },
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'grace-period', type: 'int', default: -1, help: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'force', type: 'bool', help: 'If true, immediately remove resources from API and bypass graceful deletion.' },
    { name: 'now', type: 'bool', help: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'wait', type: 'bool', default: true, help: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
    { name: 'timeout', type: 'string', default: '0s', help: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'ignore-not-found', type: 'bool', help: 'Treat "resource not found" as a successful delete.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output mode. Use "-o name" for shorter output (resource/name).' },
  ],
  run: runDelete,
};

interface Victim {
  resource: ApiResource;
  namespace: string | undefined;
  name: string;
}

async function runDelete(ctx: CommandContext): Promise<number> {
  const { args } = ctx;
  const session = await ctx.session();
  const all = flagBool(args, 'all-namespaces');
  const victims: Victim[] = [];
  const files = flagStrings(args, 'filename');
  const ignoreNotFound = flagBool(args, 'ignore-not-found') || flagBool(args, 'all') || !!flagString(args, 'selector');
  if (files.length) {
    for (const m of await readManifests(files, { cwd: ctx.io.cwd, stdin: ctx.io.stdin, recursive: flagBool(args, 'recursive') })) {
      const r = await session.resources.forKind(m.object.apiVersion!, m.object.kind!);
      victims.push({ resource: r, namespace: r.namespaced ? (m.object.metadata.namespace ?? session.namespace) : undefined, name: m.object.metadata.name! });
    }
  } else {
    const targets = await parseTargets(args.positionals, session, 'delete');
    if (targets.length === 0) throw new ExitError('error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
    for (const t of targets) {
      if (t.names.length) {
        for (const name of t.names) victims.push({ resource: t.resource, namespace: t.resource.namespaced ? session.namespace : undefined, name });
      } else if (flagBool(args, 'all') || flagString(args, 'selector')) {
        const items = await listAll<KubeObject>(session.client, t.resource, namespaceFor(t.resource, session, all), { labelSelector: flagString(args, 'selector') });
        for (const o of items) victims.push({ resource: t.resource, namespace: o.metadata.namespace, name: o.metadata.name! });
      } else {
        throw new ExitError(`error: resource(s) were provided, but no name was specified`);
      }
    }
  }
  const deleted = await deleteAll(ctx, session, victims, {
    gracePeriod: flagBool(args, 'now') ? 1 : flagInt(args, 'grace-period') ?? -1,
    force: flagBool(args, 'force'),
    ignoreNotFound,
    name: flagString(args, 'output') === 'name',
  });
  if (args.values.wait !== false && deleted.ok.length) {
    const timeoutMs = parseDuration(flagString(args, 'timeout') ?? '0s') || 7 * 24 * 3600_000;
    await waitGone(session, deleted.ok, timeoutMs);
  }
  if (victims.length === 0 && !files.length) ctx.err(`No resources found${all ? '' : ` in ${session.namespace} namespace`}.\n`);
  return deleted.failed ? 1 : 0;
}

/** Options of {@link deleteAll}. */
export interface DeleteAllOptions {
  gracePeriod: number;
  force: boolean;
  ignoreNotFound: boolean;
  name?: boolean;
}

/** Deletes each victim, printing kubectl's lines; returns those deleted and whether any failed. */
export async function deleteAll(ctx: CommandContext, session: Session, victims: Victim[], options: DeleteAllOptions): Promise<{ ok: Victim[]; failed: boolean }> {
  const body: DeleteOptions = {};
  if (options.force && options.gracePeriod < 0) throw new ExitError('error: --force requires --grace-period=0 (or a positive grace period)');
  if (options.gracePeriod === 0 && !options.force) {
    throw new ExitError('error: --grace-period=0 must have --force specified');
  }
  if (options.gracePeriod >= 0) body.gracePeriodSeconds = options.gracePeriod;
  if (options.force && options.gracePeriod === 0) {
    ctx.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  const ok: Victim[] = [];
  let failed = false;
  for (const v of victims) {
    try {
      await session.client.delete(v.resource, v.namespace, v.name, body);
      ok.push(v);
      ctx.out(options.name ? `${typePrefix(v.resource)}/${v.name}\n` : `${typePrefix(v.resource)} "${v.name}" ${options.force && options.gracePeriod === 0 ? 'force deleted' : 'deleted'}\n`);
    } catch (err) {
      if (err instanceof StatusError && err.status.code === 404 && options.ignoreNotFound) continue;
      ctx.err(formatError(err) + '\n');
      failed = true;
    }
  }
  return { ok, failed };
}

/** Polls until every victim is gone (kubectl delete's --wait). */
export async function waitGone(session: Session, victims: Victim[], timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let pending = [...victims];
  while (pending.length && Date.now() < deadline && !signal?.aborted) {
    const still: Victim[] = [];
    for (const v of pending) {
      try {
        await session.client.get(v.resource, v.namespace, v.name);
        still.push(v);
      } catch (err) {
        if (!(err instanceof StatusError && err.status.code === 404)) throw err;
      }
    }
    pending = still;
    if (pending.length) await new Promise((r) => setTimeout(r, 250));
  }
  return pending.length === 0;
}
