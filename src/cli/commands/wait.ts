import type { KubeObject } from '../../apis/index.js';
import { StatusError } from '../../apis/index.js';
import type { Command, CommandContext } from '../command.js';
import { flagBool, flagString, parseDuration } from '../command.js';
import { ExitError } from '../io.js';
import { evalPath } from '../jsonpath.js';
import { readManifests } from '../manifests.js';
import type { ApiResource } from '../resources.js';
import { typePrefix } from '../resources.js';
import { listAll, parseTargets } from '../targets.js';

/** `podyard wait`: kubectl wait --for=condition|delete|jsonpath. */
export const waitCommand: Command = {
  name: 'wait',
  summary: 'Experimental: Wait for a specific condition on one or many resources',
  usage: 'podyard wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]] [flags]',
  description: 'Wait for a specific condition on one or many resources: a status condition (--for=condition=Ready), deletion (--for=delete), or a JSONPath value (--for=jsonpath=\'{.status.phase}\'=Succeeded).',
  examples: `  # Wait for the pod "mc1" to contain the status condition of type "Ready"
  podyard wait --for=condition=Ready pod/mc1

  # Wait for the pod "mc2" to complete
  podyard wait --for=jsonpath='{.status.phase}'=Succeeded pod/mc2 --timeout=60s

  # Wait for the pod "mc1" to be deleted, with a timeout of 60s
  podyard delete pod/mc1 --wait=false
  podyard wait --for=delete pod/mc1 --timeout=60s`,
  flags: [
    { name: 'for', type: 'string', help: 'The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath=\'{JSONPath expression}\'=[JSONPath value]].' },
    { name: 'timeout', type: 'string', default: '30s', help: 'The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.' },
    { name: 'selector', short: 'l', type: 'string', help: 'Selector (label query) to filter on.' },
    { name: 'all', type: 'bool', help: 'Select all resources in the namespace of the specified resource types' },
    { name: 'filename', short: 'f', type: 'strings', help: 'identifying the resource.' },
  ],
  run: runWait,
};

type Check = (o: KubeObject | undefined) => boolean;

function parseFor(spec: string): { check: Check; done: string } {
  if (spec === 'delete') return { check: (o) => o === undefined, done: 'deleted' };
  if (spec === 'create') return { check: (o) => o !== undefined, done: 'condition met' };
  let m = /^condition=([^=]+)(?:=(.*))?$/i.exec(spec);
  if (m) {
    const type = m[1]!.toLowerCase();
    const want = (m[2] ?? 'True').toLowerCase();
    return {
      check: (o) => ((o as { status?: { conditions?: { type: string; status: string }[] } } | undefined)?.status?.conditions ?? []).some((c) => c.type.toLowerCase() === type && c.status.toLowerCase() === want),
      done: 'condition met',
    };
  }
  m = /^jsonpath=(\{.*\})(?:=(.*))?$/.exec(spec) ?? /^jsonpath=(.*?)(?:=(.*))?$/.exec(spec);
  if (m) {
    const path = m[1]!.replace(/^\{|\}$/g, '');
    const want = m[2];
    return {
      check: (o) => {
        if (!o) return false;
        const got = evalPath(path, o);
        return want === undefined ? got.length > 0 : got.length > 0 && got.every((g) => String(g) === want);
      },
      done: 'condition met',
    };
  }
  throw new ExitError(`error: unrecognized condition: "${spec}"`);
}

async function runWait(ctx: CommandContext): Promise<number> {
  const spec = flagString(ctx.args, 'for');
  if (!spec) throw new ExitError('error: --for must be specified');
  const { check, done } = parseFor(spec);
  const timeout = flagString(ctx.args, 'timeout') ?? '30s';
  const timeoutMs = timeout.startsWith('-') ? 7 * 24 * 3600_000 : parseDuration(timeout);
  if (timeoutMs === undefined) throw new ExitError(`error: invalid argument "${timeout}" for "--timeout" flag: time: invalid duration "${timeout}"`);
  const session = await ctx.session();
  const items: { r: ApiResource; ns: string | undefined; name: string }[] = [];
  const files = (ctx.args.values.filename as string[] | undefined) ?? [];
  if (files.length) {
    for (const m of await readManifests(files, { cwd: ctx.io.cwd, stdin: ctx.io.stdin })) {
      const r = await session.resources.forKind(m.object.apiVersion!, m.object.kind!);
      items.push({ r, ns: r.namespaced ? (m.object.metadata.namespace ?? session.namespace) : undefined, name: m.object.metadata.name! });
    }
  } else {
    for (const t of await parseTargets(ctx.args.positionals, session, 'wait')) {
      const ns = t.resource.namespaced ? session.namespace : undefined;
      if (t.names.length) for (const n of t.names) items.push({ r: t.resource, ns, name: n });
      else if (flagBool(ctx.args, 'all') || flagString(ctx.args, 'selector')) {
        for (const o of await listAll(session.client, t.resource, ns, { labelSelector: flagString(ctx.args, 'selector') })) items.push({ r: t.resource, ns, name: o.metadata.name! });
      } else throw new ExitError('error: resource(s) were provided, but no name was specified');
    }
  }
  if (items.length === 0) throw new ExitError('error: no matching resources found');
  const deadline = Date.now() + timeoutMs;
  let failed = false;
  for (const it of items) {
    for (;;) {
      let obj: KubeObject | undefined;
      try {
        obj = await session.client.get(it.r, it.ns, it.name);
      } catch (err) {
        if (!(err instanceof StatusError && err.status.code === 404)) throw err;
        if (spec !== 'delete' && spec !== 'create') {
          ctx.err(`Error from server (NotFound): ${it.r.resource} "${it.name}" not found\n`);
          failed = true;
          break;
        }
      }
      if (check(obj)) {
        if (spec !== 'delete' || obj === undefined) ctx.out(`${typePrefix(it.r)}/${it.name} ${done}\n`);
        break;
      }
      if (Date.now() >= deadline) {
        ctx.err(`error: timed out waiting for the condition on ${it.r.resource}/${it.name}\n`);
        failed = true;
        break;
      }
      await new Promise((r) => setTimeout(r, Math.min(250, Math.max(0, deadline - Date.now()))));
    }
  }
  return failed ? 1 : 0;
}
