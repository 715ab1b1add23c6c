import type { KubeObject } from '../../apis/index.js';
import { StatusError } from '../../apis/index.js';
import type { Command, CommandContext } from '../command.js';
import { flagBool, flagString } from '../command.js';
import { describeObject } from '../describe.js';
import { formatError } from '../errors.js';
import { ExitError } from '../io.js';
import { listAll, namespaceFor, parseTargets } from '../targets.js';

/** `podyard describe`: kubectl describe's layout for pods, services and config maps. */
export const describeCommand: Command = {
  name: 'describe',
  summary: 'Show details of a specific resource or group of resources',
  usage: 'podyard describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [flags]',
  description: 'Show details of a specific resource or group of resources, with its events, in kubectl\'s layout. Pods, services and config maps have kubectl\'s describers; other kinds print their fields.',
  examples: `  # Describe a pod
  podyard describe pods/mc1

  # Describe all pods with label app=mc3
  podyard describe pods -l app=mc3

  # Describe a service, e.g. to find its NodePort
  podyard describe service mc3`,
  flags: [
    { name: 'selector', short: 'l', type: 'string', help: 'Selector (label query) to filter on.' },
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'show-events', type: 'bool', default: true, help: 'If true, display events related to the described object.', hidden: true },
  ],
  run: async (ctx: CommandContext) => {
    const session = await ctx.session();
    const targets = await parseTargets(ctx.args.positionals, session, 'describe');
    if (targets.length === 0) throw new ExitError('error: You must specify the type of resource to describe. Use "podyard api-resources" for a complete list of supported resources.');
    const all = flagBool(ctx.args, 'all-namespaces');
    const outputs: string[] = [];
    let failed = false;
    for (const t of targets) {
      let objects: KubeObject[] = [];
      if (t.names.length === 0 || flagString(ctx.args, 'selector')) {
        objects = await listAll(session.client, t.resource, namespaceFor(t.resource, session, all), { labelSelector: flagString(ctx.args, 'selector') });
        if (t.names.length) objects = objects.filter((o) => t.names.some((n) => o.metadata.name!.startsWith(n)));
      } else {
        for (const name of t.names) {
          try {
            objects.push(await session.client.get(t.resource, t.resource.namespaced ? session.namespace : undefined, name));
          } catch (err) {
            if (!(err instanceof StatusError && err.status.code === 404)) throw err;
            // kubectl falls back to a name-prefix match before giving up.
            const prefixed = (await listAll(session.client, t.resource, namespaceFor(t.resource, session, false), {})).filter((o) => o.metadata.name!.startsWith(name));
            if (prefixed.length) objects.push(...prefixed);
            else {
              ctx.err(formatError(err) + '\n');
              failed = true;
            }
          }
        }
      }
      for (const o of objects) outputs.push(await describeObject(session, t.resource, o, Date.now()));
    }
    if (outputs.length === 0 && !failed) ctx.err(`No resources found in ${session.namespace} namespace.\n`);
    ctx.out(outputs.join('\n\n'));
    return failed ? 1 : 0;
  },
};
