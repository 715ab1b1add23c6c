import type { KubeObject, Pod } from '../../apis/index.js';
import type { Command, CommandContext } from '../command.js';
import { flagString } from '../command.js';
import { ExitError } from '../io.js';
import { typePrefix } from '../resources.js';
import { parseTargets } from '../targets.js';

/** `podyard expose`: a Service selecting a pod's (or service's) labels. */
export const exposeCommand: Command = {
  name: 'expose',
  summary: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  usage: 'podyard expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--type=type] [flags]',
  description: 'Expose a resource as a new Kubernetes service: the service selects the labels of the pod (or the selector of the service) named, on the given port.',
  examples: `  # Create a service for pod mc3, which serves on port 80, reachable on a NodePort of this machine
  podyard expose pod mc3 --type=NodePort --port=80

  # Create a second service for the same pod, forwarding port 8080 to the container's port 80
  podyard expose pod mc3 --port=8080 --target-port=80 --name=mc3-alt`,
  flags: [
    { name: 'port', type: 'string', help: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
    { name: 'target-port', type: 'string', help: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
    { name: 'protocol', type: 'string', help: 'The network protocol for the service to be created. Default is \'TCP\'.' },
    { name: 'name', type: 'string', help: 'The name for the newly created object.' },
    { name: 'type', type: 'string', help: 'Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is \'ClusterIP\'.' },
    { name: 'selector', type: 'string', help: 'A label selector to use for this service. Only equality-based selector requirements are supported.' },
    { name: 'labels', short: 'l', type: 'string', help: 'Labels to apply to the service created by this call.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name).' },
  ],
  run: runExpose,
};

const parseLabels = (s: string): Record<string, string> =>
  Object.fromEntries(
    s
      .split(',')
      .filter(Boolean)
      .map((kv) => {
        const [k, v = ''] = kv.split('=');
        return [k!, v];
      }),
  );

async function runExpose(ctx: CommandContext): Promise<number> {
  const session = await ctx.session();
  const [target] = await parseTargets(ctx.args.positionals, session, 'expose');
  if (!target || target.names.length !== 1) throw new ExitError('error: You must provide one or more resources by argument or filename.');
  const src = await session.client.get<KubeObject & { spec?: Record<string, unknown> }>(target.resource, session.namespace, target.names[0]!);
  let selector: Record<string, string> | undefined;
  let ports: { port: number; name?: string; protocol: string }[] = [];
  if (target.resource.resource === 'pods') {
    selector = src.metadata.labels;
    ports = ((src as Pod).spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })));
  } else if (target.resource.resource === 'services') {
    selector = src.spec?.selector as Record<string, string> | undefined;
    ports = ((src.spec?.ports ?? []) as { port: number; protocol?: string }[]).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  } else {
    selector = ((src.spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels) ?? undefined;
  }
  const sel = flagString(ctx.args, 'selector');
  if (sel) selector = parseLabels(sel);
  if (!selector || Object.keys(selector).length === 0) {
    throw new ExitError(`error: couldn't retrieve selectors via --selector flag or introspection: the ${target.resource.singularName} has no labels and cannot be exposed`);
  }
  const protocol = flagString(ctx.args, 'protocol');
  const portFlag = flagString(ctx.args, 'port');
  if (portFlag) ports = portFlag.split(',').map((p) => ({ port: Number(p), protocol: protocol ?? 'TCP' }));
  if (ports.length === 0) throw new ExitError(`error: couldn't find port via --port flag or introspection`);
  const targetPort = flagString(ctx.args, 'target-port');
  const name = flagString(ctx.args, 'name') ?? src.metadata.name!;
  const labels = flagString(ctx.args, 'labels') ? parseLabels(flagString(ctx.args, 'labels')!) : src.metadata.labels;
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: {
      ports: ports.map((p, i) => ({
        ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
        port: p.port,
        protocol: protocol ?? p.protocol,
        targetPort: targetPort ? (/^\d+$/.test(targetPort) ? Number(targetPort) : targetPort) : p.port,
      })),
      selector,
      ...(flagString(ctx.args, 'type') ? { type: flagString(ctx.args, 'type') } : {}),
    },
  };
  const svcRes = await session.resources.resolve('services');
  await session.client.create(svcRes, session.namespace, service, 'kubectl-expose');
  ctx.out(flagString(ctx.args, 'output') === 'name' ? `${typePrefix(svcRes)}/${name}\n` : `${typePrefix(svcRes)}/${name} exposed\n`);
  return 0;
}
