import type { Command, CommandContext } from '../command.js';
import { flagBool, flagString, flagStrings } from '../command.js';
import { ExitError } from '../io.js';
import { humanDuration } from '../printers.js';
import { TabWriter } from '../tabwriter.js';

interface Ev {
  metadata: { namespace?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  involvedObject: { kind?: string; name?: string };
}

/** `podyard events`: kubectl events (client-side table, oldest first). */
export const eventsCommand: Command = {
  name: 'events',
  summary: 'List events',
  usage: 'podyard events [(-o|--output=)json|yaml|name] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]',
  description: 'Display events: what the scheduler and the node agent did, oldest first.',
  examples: `  # List recent events in the default namespace
  podyard events

  # List recent events in all namespaces
  podyard events --all-namespaces

  # List recent events for the specified pod, then wait for more events and list them as they arrive
  podyard events --for pod/mc1 --watch

  # List recent only events of type 'Warning' or 'Normal'
  podyard events --types=Warning,Normal`,
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'for', type: 'string', help: 'Filter events to only those pertaining to the specified resource.' },
    { name: 'types', type: 'strings', help: 'Output only events of given types.' },
    { name: 'watch', short: 'w', type: 'bool', help: 'After listing the requested events, watch for more events.' },
    { name: 'no-headers', type: 'bool', help: 'When using the default output format, don\'t print headers.' },
  ],
  run: runEvents,
};

async function runEvents(ctx: CommandContext): Promise<number> {
  const session = await ctx.session();
  const all = flagBool(ctx.args, 'all-namespaces');
  const ref = { group: '', version: 'v1', resource: 'events', namespaced: true };
  const selectors: string[] = [];
  const forArg = flagString(ctx.args, 'for');
  if (forArg) {
    const [type, name] = forArg.includes('/') ? forArg.split('/') : ['', forArg];
    if (!name) throw new ExitError(`error: --for must be in resource/name form`);
    const r = type ? await session.resources.resolve(type) : undefined;
    selectors.push(`involvedObject.name=${name}`);
    if (r) selectors.push(`involvedObject.kind=${r.kind}`);
  }
  const types = flagStrings(ctx.args, 'types');
  const list = await session.client.list(ref, all ? undefined : session.namespace, selectors.length ? { fieldSelector: selectors.join(',') } : {});
  const now = Date.now();
  const last = (e: Ev) => e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '';
  const events = (list.items as unknown as Ev[]).filter((e) => !types.length || types.includes(e.type ?? '')).sort((a, b) => Date.parse(last(a)) - Date.parse(last(b)));
  const w = new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
  const row = (e: Ev) => {
    const count = e.series?.count ?? e.count ?? 1;
    const seen = count > 1 ? `${humanDuration(now - Date.parse(last(e)))} (x${count} over ${humanDuration(now - Date.parse(e.firstTimestamp ?? e.eventTime ?? last(e)))})` : humanDuration(Date.now() - Date.parse(last(e)));
    const cells = [seen, e.type ?? '', e.reason ?? '', `${e.involvedObject.kind}/${e.involvedObject.name}`, (e.message ?? '').trim()];
    if (all) cells.unshift(e.metadata.namespace ?? '');
    return cells.join('\t') + '\n';
  };
  if (events.length === 0 && !flagBool(ctx.args, 'watch')) {
    ctx.err(all ? 'No events found.\n' : `No events found in ${session.namespace} namespace.\n`);
    return 0;
  }
  if (!flagBool(ctx.args, 'no-headers')) w.write(`${all ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
  for (const e of events) w.write(row(e));
  ctx.out(w.flush());
  if (flagBool(ctx.args, 'watch')) {
    const controller = new AbortController();
    const stop = ctx.io.onSignal('SIGINT', () => controller.abort());
    try {
      const q: Record<string, string> = { resourceVersion: list.metadata.resourceVersion ?? '' };
      if (selectors.length) q.fieldSelector = selectors.join(',');
      for await (const ev of session.client.watch(ref, all ? undefined : session.namespace, q, controller.signal)) {
        if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') continue;
        const e = ev.object as unknown as Ev;
        if (types.length && !types.includes(e.type ?? '')) continue;
        w.write(row(e));
        ctx.out(w.flush());
      }
    } finally {
      stop();
    }
  }
  return 0;
}
