/**
 * `podyard top pod|node`: kubectl top over `metrics.k8s.io/v1beta1` (kubectl `pkg/cmd/top` and
 * `pkg/metricsutil/metrics_printer.go`): cpu in millicores (`12m`), memory in mebibytes (`34Mi`),
 * nodes with the share of their allocatable (`CPU(%)`, `MEMORY(%)`).
 */
import type { Command, CommandContext } from '../command.js';
import { flagBool, flagString } from '../command.js';
import { ExitError } from '../io.js';
import type { Session } from '../connect.js';
import { TabWriter } from '../tabwriter.js';
import { Resources, type ResourceRef } from '../../client/index.js';
import { addQuantities, parseQuantity, toMilli, toValue, type NodeMetrics, type ParsedQuantity, type Pod, type PodMetrics } from '../../apis/index.js';
import type { Node } from '../../apis/index.js';

const podMetricsRef: ResourceRef = { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'pods', namespaced: true };
const nodeMetricsRef: ResourceRef = { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'nodes', namespaced: false };
/** kubectl's `metricsCreationDelay`: younger pods without metrics are "not available yet". */
const metricsCreationDelayMs = 2 * 60_000;

/** `podyard top`: resource usage of pods and nodes. */
export const topCommand: Command = {
  name: 'top',
  summary: 'Display resource (CPU/memory) usage',
  usage: 'podyard top (pod [NAME | -l label] | node [NAME | -l label]) [flags]',
  description:
    'Display resource (CPU/memory) usage of pods or nodes, read from the Metrics API (metrics.k8s.io), which the Podyard node agent serves.\n\n' +
    'top pod: CPU in millicores and memory in MiB of each pod (the sum of its containers, or each container with --containers). ' +
    'It may take a few seconds after a pod starts before its metrics are available.\n\n' +
    'top node: the usage of each node and its share of the node\'s allocatable resources (capacity with --show-capacity).',
  examples: `  # Show metrics for all pods in the default namespace
  podyard top pod

  # Show metrics for all pods in the given namespace
  podyard top pod --namespace=NAMESPACE

  # Show metrics for a given pod and its containers
  podyard top pod POD_NAME --containers

  # Show metrics for the pods defined by label name=myLabel, highest memory first
  podyard top pod -l name=myLabel --sort-by=memory

  # Show metrics for all nodes
  podyard top node`,
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'containers', type: 'bool', help: 'If present, print usage of containers within a pod.' },
    { name: 'field-selector', type: 'string', help: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2)." },
    { name: 'no-headers', type: 'bool', help: 'If present, print output without headers.' },
    { name: 'selector', short: 'l', type: 'string', help: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    { name: 'show-capacity', type: 'bool', help: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes (top node).' },
    { name: 'sort-by', type: 'string', help: "If non-empty, sort the list using specified field. The field can be either 'cpu' or 'memory'." },
    { name: 'sum', type: 'bool', help: 'Print the sum of the resource usage (top pod).' },
    { name: 'use-protocol-buffers', type: 'bool', help: 'Accepted for kubectl compatibility (JSON is used).', hidden: true },
  ],
  run: runTop,
};

async function runTop(ctx: CommandContext): Promise<number> {
  const [kind, ...names] = ctx.args.positionals;
  const sortBy = flagString(ctx.args, 'sort-by');
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new ExitError('error: --sort-by accepts only cpu or memory');
  switch (kind) {
    case 'pod':
    case 'pods':
    case 'po':
      return topPod(ctx, names[0], sortBy);
    case 'node':
    case 'nodes':
    case 'no':
      return topNode(ctx, names[0], sortBy);
    default:
      throw new ExitError(kind ? `error: unknown command "${kind}" for "podyard top"\nSee 'podyard top --help' for usage.` : "error: you must specify a resource: 'pod' or 'node'\nSee 'podyard top --help' for usage.");
  }
}

/** kubectl's `SupportedMetricsAPIVersionAvailable`: metrics.k8s.io/v1beta1 in discovery. */
async function requireMetricsApi(session: Session): Promise<void> {
  const groups = await session.transport.request<{ groups: { name: string; versions: { version: string }[] }[] }>({ method: 'GET', path: '/apis' });
  const g = groups.groups.find((x) => x.name === 'metrics.k8s.io');
  if (!g?.versions.some((v) => v.version === 'v1beta1')) throw new ExitError('error: Metrics API not available');
}

type Usage = { cpu: ParsedQuantity; memory: ParsedQuantity };

function usageOf(u: { cpu?: string; memory?: string } | undefined): Usage {
  return { cpu: parseQuantity(u?.cpu ?? '0'), memory: parseQuantity(u?.memory ?? '0') };
}

function sumUsage(items: Usage[]): Usage {
  return items.reduce((a, b) => ({ cpu: addQuantities(a.cpu, b.cpu), memory: addQuantities(a.memory, b.memory) }), usageOf(undefined));
}

/** `printSingleResourceUsage`: `12m` and `34Mi`. */
function cells(u: Usage): string[] {
  return [`${toMilli(u.cpu)}m`, `${Math.floor(toValue(u.memory) / (1024 * 1024))}Mi`];
}

function compareUsage(sortBy: string | undefined, a: Usage, b: Usage): number {
  if (sortBy === 'cpu') return toMilli(b.cpu) - toMilli(a.cpu);
  if (sortBy === 'memory') return toValue(b.memory) - toValue(a.memory);
  return 0;
}

function writeTable(ctx: CommandContext, header: string[] | undefined, rows: string[][]): void {
  const w = new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
  if (header) w.write(header.map((c) => `${c}\t`).join('') + '\n');
  for (const r of rows) w.write(r.map((c) => `${c}\t`).join('') + '\n');
  ctx.out(w.flush());
}

async function topPod(ctx: CommandContext, name: string | undefined, sortBy: string | undefined): Promise<number> {
  const { args } = ctx;
  const session = await ctx.session();
  const all = flagBool(args, 'all-namespaces');
  const labelSelector = flagString(args, 'selector');
  const fieldSelector = flagString(args, 'field-selector');
  if (name && labelSelector) throw new ExitError('error: only one of NAME or --selector can be provided');
  await requireMetricsApi(session);
  const namespace = all ? undefined : session.namespace;
  const query = { ...(labelSelector ? { labelSelector } : {}), ...(fieldSelector ? { fieldSelector } : {}) };
  const metrics = name
    ? [await session.client.get<PodMetrics & { metadata: { name: string } }>(podMetricsRef, namespace, name)]
    : (await session.client.list<PodMetrics & { metadata: { name: string } }>(podMetricsRef, namespace, query)).items;
  if (metrics.length === 0) {
    await verifyEmptyMetrics(session, namespace, name, query);
    ctx.err(all ? 'No resources found\n' : `No resources found in ${session.namespace} namespace.\n`);
    return 0;
  }
  const containers = flagBool(args, 'containers');
  const withNamespace = all;
  const pods = metrics.map((m) => ({ m, usage: sumUsage(m.containers.map((c) => usageOf(c.usage))) }));
  pods.sort((a, b) => {
    if (sortBy) return compareUsage(sortBy, a.usage, b.usage);
    if (withNamespace && a.m.metadata.namespace !== b.m.metadata.namespace) return a.m.metadata.namespace < b.m.metadata.namespace ? -1 : 1;
    return a.m.metadata.name < b.m.metadata.name ? -1 : a.m.metadata.name > b.m.metadata.name ? 1 : 0;
  });
  const header = flagBool(args, 'no-headers') ? undefined : [...(withNamespace ? ['NAMESPACE'] : []), ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
  const rows: string[][] = [];
  for (const { m, usage } of pods) {
    const ns = withNamespace ? [m.metadata.namespace] : [];
    if (!containers) {
      rows.push([...ns, m.metadata.name, ...cells(usage)]);
      continue;
    }
    const cs = m.containers.map((c) => ({ name: c.name, usage: usageOf(c.usage) }));
    cs.sort((a, b) => (sortBy ? compareUsage(sortBy, a.usage, b.usage) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const c of cs) rows.push([...ns, m.metadata.name, c.name, ...cells(c.usage)]);
  }
  if (flagBool(args, 'sum')) {
    const width = 3 + (withNamespace ? 1 : 0) + (containers ? 1 : 0);
    rows.push([...Array<string>(width - 2).fill(''), '________', '________']);
    rows.push([...Array<string>(width - 3).fill(''), '', ...cells(sumUsage(pods.map((p) => p.usage)))]);
  }
  writeTable(ctx, header, rows);
  return 0;
}

/** kubectl's `verifyEmptyMetrics`: why a pod query returned no metrics. */
async function verifyEmptyMetrics(session: Session, namespace: string | undefined, name: string | undefined, query: Record<string, string>): Promise<void> {
  const pods = name ? [await session.client.get<Pod>(Resources.pods, namespace, name)] : (await session.client.list<Pod>(Resources.pods, namespace, query)).items;
  if (!name && pods.length === 0) return;
  for (const pod of pods) {
    const ageMs = Date.now() - Date.parse(pod.metadata.creationTimestamp ?? '');
    if (ageMs > metricsCreationDelayMs) throw new ExitError(`error: Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(ageMs)}`);
  }
  throw new ExitError('error: metrics not available yet');
}

/** Go's `time.Duration.String()` at millisecond precision (`2m3.5s`). */
function goDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

async function topNode(ctx: CommandContext, name: string | undefined, sortBy: string | undefined): Promise<number> {
  const { args } = ctx;
  const session = await ctx.session();
  const labelSelector = flagString(args, 'selector');
  if (name && labelSelector) throw new ExitError('error: only one of NAME or --selector can be provided');
  await requireMetricsApi(session);
  const query = labelSelector ? { labelSelector } : {};
  const metrics = name
    ? [await session.client.get<NodeMetrics & { metadata: { name: string } }>(nodeMetricsRef, undefined, name)]
    : (await session.client.list<NodeMetrics & { metadata: { name: string } }>(nodeMetricsRef, undefined, query)).items;
  if (metrics.length === 0) throw new ExitError('error: metrics not available yet');
  const nodes = name ? [await session.client.get<Node>(Resources.nodes, undefined, name)] : (await session.client.list<Node>(Resources.nodes, undefined, query)).items;
  const capacity = flagBool(args, 'show-capacity');
  const available = new Map(nodes.map((n) => [n.metadata.name!, usageOf((capacity ? n.status?.capacity : n.status?.allocatable) as { cpu?: string; memory?: string } | undefined)]));
  const rowsOf = metrics.map((m) => ({ name: m.metadata.name, usage: usageOf(m.usage) }));
  rowsOf.sort((a, b) => (sortBy ? compareUsage(sortBy, a.usage, b.usage) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const percent = (used: number, of: number | undefined): string => `${of ? Math.trunc((used / of) * 100) : 0}%`;
  const rows: string[][] = [];
  for (const r of rowsOf) {
    const [cpu, memory] = cells(r.usage);
    const a = available.get(r.name);
    available.delete(r.name);
    if (!a) {
      rows.push([r.name, cpu!, memory!]);
      continue;
    }
    rows.push([r.name, cpu!, percent(toMilli(r.usage.cpu), toMilli(a.cpu)), memory!, percent(toMilli(r.usage.memory), toMilli(a.memory))]);
  }
  for (const missing of available.keys()) rows.push([missing, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
  writeTable(ctx, flagBool(args, 'no-headers') ? undefined : ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'], rows);
  return 0;
}
