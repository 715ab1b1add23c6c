import type { Clock, Logger } from '../base/index.js';
import { isDeepEqual, WorkQueue } from '../base/index.js';
import {
  selectorFromSet,
  type EndpointSlice,
  type Endpoints,
  type Pod,
  type Service,
  type ServicePort,
} from '../apis/index.js';
import { type ApiClient, hasCode, Informer, objectKey, Resources } from '../client/index.js';

const managedBy = 'endpointslice-controller.k8s.io';

/**
 * Maintains the Endpoints and the EndpointSlice of every Service with a selector from the pods
 * it selects (kube-controller-manager's endpoints and endpointslice controllers): a pod with an
 * IP is listed, ready or not ready by its Ready condition, terminating while being deleted; a
 * named targetPort is resolved per pod from its container ports.
 */
export class EndpointsController {
  private readonly queue: WorkQueue;
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly slices: Informer<EndpointSlice>;

  constructor(private readonly deps: { client: ApiClient; clock: Clock; logger: Logger }) {
    const log = deps.logger.child({ controller: 'endpoints' });
    this.queue = new WorkQueue((key) => this.sync(key), { clock: deps.clock, logger: log });
    this.services = new Informer<Service>({ ...deps, logger: log }, Resources.services, {
      onAdd: (s) => this.queue.add(objectKey(s)),
      onUpdate: (s) => this.queue.add(objectKey(s)),
      onDelete: (s) => this.queue.add(objectKey(s)),
    });
    const podChanged = (p: Pod) => {
      for (const s of this.services.list()) {
        if (s.metadata.namespace === p.metadata.namespace && s.spec?.selector && selectorFromSet(s.spec.selector).matches(p.metadata.labels ?? {})) {
          this.queue.add(objectKey(s));
        }
      }
    };
    this.pods = new Informer<Pod>({ ...deps, logger: log }, Resources.pods, {
      onAdd: podChanged,
      onUpdate: (p, old) => {
        podChanged(p);
        podChanged(old);
      },
      onDelete: podChanged,
    });
    this.slices = new Informer<EndpointSlice>(
      { ...deps, logger: log },
      Resources.endpointslices,
      {},
      { query: { labelSelector: `endpointslice.kubernetes.io/managed-by=${managedBy}` } },
    );
  }

  start(): void {
    this.slices.start();
    this.pods.start();
    this.services.start();
  }

  stop(): void {
    this.queue.close();
    this.services.stop();
    this.pods.stop();
    this.slices.stop();
  }

  private async sync(key: string): Promise<void> {
    await Promise.all([this.services.synced, this.pods.synced, this.slices.synced]);
    const [namespace, name] = key.split('/') as [string, string];
    const svc = this.services.get(key);
    if (!svc || !svc.spec?.selector) {
      // Endpoints and slices of deleted Services go with their owner (GC) or here for Endpoints.
      if (!svc) await this.deleteQuietly(Resources.endpoints, namespace, name);
      return;
    }
    const selector = selectorFromSet(svc.spec.selector);
    const pods = this.pods
      .list()
      .filter((p) => p.metadata.namespace === namespace && selector.matches(p.metadata.labels ?? {}) && p.status?.podIP)
      .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      .sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
    await this.syncEndpoints(svc, pods);
    await this.syncSlice(svc, pods);
  }

  private async syncEndpoints(svc: Service, pods: Pod[]): Promise<void> {
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    const subsets = new Map<string, { addresses: object[]; notReadyAddresses: object[]; ports: object[] }>();
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp && !svc.spec?.publishNotReadyAddresses) continue;
      const ports = (svc.spec?.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: resolvePort(p, pod), protocol: p.protocol ?? 'TCP' })).filter((p) => p.port > 0);
      const portKey = JSON.stringify(ports);
      let subset = subsets.get(portKey);
      if (!subset) subsets.set(portKey, (subset = { addresses: [], notReadyAddresses: [], ports }));
      const address = {
        ip: pod.status!.podIP!,
        ...(hostnameFor(pod, svc) ? { hostname: hostnameFor(pod, svc) } : {}),
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: { kind: 'Pod', namespace: ns, name: pod.metadata.name!, uid: pod.metadata.uid! },
      };
      if (isReady(pod) || svc.spec?.publishNotReadyAddresses) subset.addresses.push(address);
      else subset.notReadyAddresses.push(address);
    }
    const desired = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels: { ...svc.metadata.labels } },
      subsets: [...subsets.values()]
        .filter((s) => s.addresses.length + s.notReadyAddresses.length > 0)
        .map((s) => ({
          ...(s.addresses.length ? { addresses: s.addresses } : {}),
          ...(s.notReadyAddresses.length ? { notReadyAddresses: s.notReadyAddresses } : {}),
          ports: s.ports,
        })),
    } as Endpoints;
    let current: Endpoints | undefined;
    try {
      current = await this.deps.client.get<Endpoints>(Resources.endpoints, ns, name);
    } catch (err) {
      if (!hasCode(err, 404)) throw err;
    }
    if (!current) {
      await this.deps.client.create(Resources.endpoints, ns, desired, 'endpoint-controller');
    } else if (!isDeepEqual(current.subsets ?? [], desired.subsets) || !isDeepEqual(current.metadata.labels ?? {}, desired.metadata.labels)) {
      await this.deps.client.update(Resources.endpoints, { ...desired, metadata: { ...current.metadata, labels: desired.metadata.labels } }, undefined, 'endpoint-controller');
    }
  }

  /**
   * One EndpointSlice per set of resolved ports (the endpointslice controller's grouping): pods
   * whose named targetPorts resolve to different numbers land in different slices, so every
   * endpoint carries its own port numbers.
   */
  private async syncSlice(svc: Service, pods: Pod[]): Promise<void> {
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    const mine = this.slices.list().filter((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === name);
    const svcPorts = svc.spec?.ports ?? [];
    const groups = new Map<string, { ports: { name: string; port: number; protocol: string }[]; endpoints: object[] }>();
    for (const pod of pods) {
      const ports = svcPorts.map((p) => ({ name: p.name ?? '', port: resolvePort(p, pod), protocol: p.protocol ?? 'TCP' })).filter((p) => p.port > 0);
      const key = JSON.stringify(ports);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { ports, endpoints: [] }));
      const ready = isReady(pod) && !pod.metadata.deletionTimestamp;
      group.endpoints.push({
        addresses: [pod.status!.podIP!],
        ...(hostnameFor(pod, svc) ? { hostname: hostnameFor(pod, svc) } : {}),
        conditions: { ready, serving: isReady(pod), terminating: !!pod.metadata.deletionTimestamp },
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: { kind: 'Pod', namespace: ns, name: pod.metadata.name!, uid: pod.metadata.uid! },
      });
    }
    if (!groups.size) {
      const ports = svcPorts.map((p) => ({ name: p.name ?? '', port: typeof p.targetPort === 'number' ? p.targetPort : p.port, protocol: p.protocol ?? 'TCP' }));
      groups.set('', { ports, endpoints: [] });
    }
    const labels = {
      ...svc.metadata.labels,
      'endpointslice.kubernetes.io/managed-by': managedBy,
      'kubernetes.io/service-name': name,
    };
    const owner = [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }];
    // Reuse a slice with the same ports first, then any other, then create.
    const unused = [...mine];
    const wanted = [...groups.values()];
    const pairs: [(typeof wanted)[number], EndpointSlice | undefined][] = wanted.map((g) => {
      const i = unused.findIndex((s) => isDeepEqual(s.ports ?? [], g.ports));
      return [g, i >= 0 ? unused.splice(i, 1)[0] : undefined];
    });
    for (const pair of pairs) if (!pair[1] && unused.length) pair[1] = unused.shift();
    for (const s of unused) await this.deleteQuietly(Resources.endpointslices, ns, s.metadata.name!);
    for (const [g, existing] of pairs) {
      if (!existing) {
        await this.deps.client.create(
          Resources.endpointslices,
          ns,
          { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { generateName: `${name}-`, namespace: ns, labels, ownerReferences: owner }, addressType: 'IPv4', endpoints: g.endpoints, ports: g.ports },
          'endpointslice-controller',
        );
      } else if (!isDeepEqual(existing.endpoints ?? [], g.endpoints) || !isDeepEqual(existing.ports ?? [], g.ports) || !isDeepEqual(existing.metadata.labels ?? {}, labels)) {
        await this.deps.client.update(Resources.endpointslices, { ...existing, metadata: { ...existing.metadata, labels }, endpoints: g.endpoints, ports: g.ports } as EndpointSlice, undefined, 'endpointslice-controller');
      }
    }
  }

  private async deleteQuietly(ref: typeof Resources.endpoints | typeof Resources.endpointslices, ns: string, name: string): Promise<void> {
    try {
      await this.deps.client.delete(ref, ns, name);
    } catch (err) {
      if (!hasCode(err, 404)) throw err;
    }
  }
}

/**
 * The DNS hostname of a pod's endpoint: its `spec.hostname` when its `spec.subdomain` names this
 * Service (endpointslice `podToEndpoint`), which gives it `<hostname>.<svc>.<ns>.svc.<domain>`.
 */
function hostnameFor(pod: Pod, svc: Service): string | undefined {
  return pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace ? pod.spec.hostname : undefined;
}

function isReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The pod port a Service port targets: a number, or a container port found by name (0: none). */
function resolvePort(port: ServicePort, pod: Pod): number {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP')) return p.containerPort;
  }
  return 0;
}
