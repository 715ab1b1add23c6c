import type { KubeObject } from '../../apis/index.js';
import { StatusError } from '../../apis/index.js';
import type { Command, CommandContext } from '../command.js';
import { flagBool, flagString, flagStrings } from '../command.js';
import type { Session } from '../connect.js';
import { formatError } from '../errors.js';
import { ExitError } from '../io.js';
import { readManifests } from '../manifests.js';
import type { OutputFormat, Table } from '../printers.js';
import { parseOutput, printObjects, tableAccept, tableText } from '../printers.js';
import type { ApiResource } from '../resources.js';
import { typePrefix } from '../resources.js';
import { TabWriter } from '../tabwriter.js';
import type { Target } from '../targets.js';
import { namespaceFor, parseTargets } from '../targets.js';

/** `podyard get`: kubectl get with server-side printing. */
export const getCommand: Command = {
  name: 'get',
  summary: 'Display one or many resources',
  usage: 'podyard get [(-o|--output=)json|yaml|name|wide|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
  description: 'Display one or many resources, printed by the server exactly as kubectl prints them.\n\nOld tutorials\' --show-all (-a) is accepted: kubectl removed it in 1.14, when get started showing finished pods by default.',
  examples: `  # List all pods in ps output format
  podyard get pods

  # List all pods in ps output format with more information (such as node name)
  podyard get pods -o wide

  # Watch pods change status
  podyard get pods -w

  # Print one field with a JSONPath template
  podyard get pod mc2 -o jsonpath='{.status.phase}'`,
  flags: [
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, wide, jsonpath=...).' },
    { name: 'selector', short: 'l', type: 'string', help: 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.' },
    { name: 'field-selector', type: 'string', help: 'Selector (field query) to filter on, e.g. --field-selector status.phase=Running.' },
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'show-labels', type: 'bool', help: 'When printing, show all labels as the last column.' },
    { name: 'label-columns', short: 'L', type: 'strings', help: 'Accepts a comma separated list of labels that are going to be presented as columns.' },
    { name: 'no-headers', type: 'bool', help: 'When using the default or custom-column output format, don\'t print headers.' },
    { name: 'watch', short: 'w', type: 'bool', help: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', help: 'Watch for changes to the requested object(s), without listing/getting first.' },
    { name: 'filename', short: 'f', type: 'strings', help: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively.' },
    { name: 'ignore-not-found', type: 'bool', help: 'If the requested object does not exist the command will return exit code 0.' },
    { name: 'show-all', short: 'a', type: 'bool', help: 'Removed from kubectl in 1.14 (finished pods are always shown); accepted with a note.', hidden: true },
  ],
  run: runGet,
};

interface Printed {
  resource: ApiResource;
  table?: Table;
  objects: KubeObject[];
}

async function runGet(ctx: CommandContext): Promise<number> {
  const { args } = ctx;
  if (flagBool(args, 'show-all')) {
    ctx.err('Note: --show-all (-a) was removed in kubectl 1.14: get now always shows completed and failed pods. Carrying on without it.\n');
  }
  const session = await ctx.session();
  const format = parseOutput(flagString(args, 'output'));
  const all = flagBool(args, 'all-namespaces');
  const files = flagStrings(args, 'filename');
  let targets: Target[];
  if (files.length) {
    const manifests = await readManifests(files, { cwd: ctx.io.cwd, stdin: ctx.io.stdin, recursive: flagBool(args, 'recursive') });
    targets = [];
    for (const m of manifests) {
      const resource = await session.resources.forKind(m.object.apiVersion!, m.object.kind!);
      const t = targets.find((x) => x.resource === resource);
      if (t) t.names.push(m.object.metadata.name!);
      else targets.push({ resource, names: [m.object.metadata.name!] });
    }
  } else {
    targets = await parseTargets(args.positionals, session, 'get');
  }
  if (targets.length === 0) {
    throw new ExitError(
      'You must specify the type of resource to get. Use "podyard api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "podyard explain <resource>" for a detailed description of that resource (e.g. podyard explain pods).\nSee \'podyard get -h\' for help and examples',
    );
  }
  const query = { labelSelector: flagString(args, 'selector'), fieldSelector: flagString(args, 'field-selector') };
  const errors: string[] = [];
  const printed: Printed[] = [];
  let listRv: string | undefined;
  if (!flagBool(args, 'watch-only')) {
    for (const t of targets) {
      const ns = namespaceFor(t.resource, session, all);
      const p: Printed = { resource: t.resource, objects: [] };
      if (t.names.length === 0) {
        const path = session.client.path(t.resource, ns);
        if (format.kind === 'table') {
          p.table = await session.transport.request<Table>({ method: 'GET', path, query: { ...query, includeObject: 'Object' }, accept: tableAccept });
          listRv = p.table.metadata?.resourceVersion;
        } else {
          const list = await session.client.list(t.resource, ns, query);
          listRv = list.metadata.resourceVersion;
          p.objects = list.items.map((o) => withKind(o, t.resource));
        }
      } else {
        for (const name of t.names) {
          try {
            if (format.kind === 'table') {
              const one = await session.transport.request<Table>({ method: 'GET', path: session.client.path(t.resource, ns ?? session.namespace, name), query: { includeObject: 'Object' }, accept: tableAccept });
              if (p.table) p.table.rows.push(...one.rows);
              else p.table = one;
            } else {
              p.objects.push(withKind(await session.client.get(t.resource, t.resource.namespaced ? session.namespace : undefined, name), t.resource));
            }
          } catch (err) {
            if (err instanceof StatusError && err.status.code === 404 && flagBool(args, 'ignore-not-found')) continue;
            if (!(err instanceof StatusError)) throw err;
            errors.push(formatError(err));
          }
        }
      }
      printed.push(p);
    }
  }

  let writer = new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
  const multipleKinds = targets.length > 1;
  const tableOptions = (r: ApiResource) => ({
    wide: format.kind === 'table' && format.wide,
    showLabels: flagBool(args, 'show-labels'),
    withNamespace: all && r.namespaced,
    noHeaders: flagBool(args, 'no-headers'),
    labelColumns: flagStrings(args, 'label-columns'),
    ...(multipleKinds ? { kindPrefix: typePrefix(r) } : {}),
  });
  if (format.kind === 'table') {
    let first = true;
    for (const p of printed) {
      if (!p.table || p.table.rows.length === 0) continue;
      if (!first) ctx.out('\n');
      first = false;
      if (multipleKinds) writer = new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
      writer.write(tableText(p.table, tableOptions(p.resource)));
      ctx.out(writer.flush());
    }
    const total = printed.reduce((n, p) => n + (p.table?.rows.length ?? 0), 0);
    if (total === 0 && errors.length === 0 && !flagBool(args, 'watch-only') && targets.every((t) => t.names.length === 0)) {
      const namespaced = targets.some((t) => t.resource.namespaced);
      ctx.err(all || !namespaced ? 'No resources found\n' : `No resources found in ${session.namespace} namespace.\n`);
    }
  } else {
    const objects = printed.flatMap((p) => p.objects.map((o) => ({ o, r: p.resource })));
    const single = targets.length === 1 && targets[0]!.names.length === 1 && !files.length;
    if (objects.length || format.kind !== 'name') {
      if (objects.length || format.kind === 'yaml' || format.kind === 'json' || format.kind === 'jsonpath') {
        const byObj = new Map(objects.map(({ o, r }) => [o, r]));
        if (!(single && objects.length === 0)) ctx.out(printObjects(objects.map((x) => x.o), format, (o) => byObj.get(o), single));
      }
    }
  }
  for (const e of errors) ctx.err(e + '\n');
  if (flagBool(args, 'watch') || flagBool(args, 'watch-only')) {
    if (targets.length !== 1) throw new ExitError('error: you may only specify a single resource type');
    await watchTarget(ctx, session, targets[0]!, format, tableOptions(targets[0]!.resource), query, listRv, writer, all, printed.length === 0 || !printed[0]?.table?.rows.length);
  }
  return errors.length ? 1 : 0;
}

function withKind(o: KubeObject, r: ApiResource): KubeObject {
  return { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, ...o };
}

async function watchTarget(
  ctx: CommandContext,
  session: Session,
  t: Target,
  format: OutputFormat,
  options: ReturnType<typeof Object>,
  query: { labelSelector?: string | undefined; fieldSelector?: string | undefined },
  resourceVersion: string | undefined,
  writer: TabWriter,
  all: boolean,
  needHeader: boolean,
): Promise<void> {
  const ns = namespaceFor(t.resource, session, all);
  const fieldSelector = t.names.length === 1 ? `metadata.name=${t.names[0]}` : query.fieldSelector;
  const controller = new AbortController();
  const stop = ctx.io.onSignal('SIGINT', () => controller.abort());
  let header = needHeader;
  let columns: Table['columnDefinitions'] = [];
  try {
    const q: Record<string, string | boolean> = { watch: true, includeObject: 'Object' };
    if (query.labelSelector) q.labelSelector = query.labelSelector;
    if (fieldSelector) q.fieldSelector = fieldSelector;
    if (resourceVersion) q.resourceVersion = resourceVersion;
    const res = await session.transport.open({
      method: 'GET',
      path: session.client.path(t.resource, ns),
      query: q,
      accept: format.kind === 'table' ? tableAccept : 'application/json',
      signal: controller.signal,
    });
    const { createInterface } = await import('node:readline');
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    controller.signal.addEventListener('abort', () => res.destroy());
    for await (const line of lines) {
      if (!line.trim()) continue;
      const ev = JSON.parse(line) as { type: string; object: unknown };
      if (ev.type === 'ERROR' || ev.type === 'BOOKMARK') continue;
      if (format.kind === 'table') {
        // The server sends the column definitions with the first event only, as the apiserver does.
        const table = ev.object as Table;
        if (table.columnDefinitions?.length) columns = table.columnDefinitions;
        else table.columnDefinitions = columns;
        if (t.names.length > 1 && !table.rows.some((r) => t.names.includes(r.object?.metadata?.name ?? ''))) continue;
        writer.write(tableText(table, options as Parameters<typeof tableText>[1], header));
        header = false;
        ctx.out(writer.flush());
      } else {
        const obj = withKind(ev.object as KubeObject, t.resource);
        if (format.kind === 'yaml') ctx.out('---\n');
        ctx.out(printObjects([obj], format, () => t.resource, true));
      }
    }
  } catch (err) {
    if (!controller.signal.aborted) throw err;
  } finally {
    stop();
  }
}
