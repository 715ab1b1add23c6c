import type { Clock, Logger } from '../base/index.js';
import {
  defaultEvent,
  defaultNamespace,
  defaultNode,
  defaultSecret,
  defaultService,
  kindSchemas,
  validateConfigMap,
  validateEndpoints,
  validateEndpointSlice,
  validateEvent,
  validateEventUpdate,
  validateEventsV1Event,
  validateEventsV1EventUpdate,
  validateLease,
  validateNamespace,
  validateNode,
  validateSecret,
  validateService,
  validateServiceAccount,
  validateServiceUpdate,
  validateConfigMapUpdate,
  validateSecretUpdate,
  validateNamespaceUpdate,
  validateNamespaceFinalizeUpdate,
  validateNodeUpdate,
  type FieldError,
  type KubeObject,
  type Namespace,
  type Service,
} from '../apis/index.js';
import type { Store } from '../store/index.js';
import { podStrategy } from './pods/strategy.js';
import { GenericRegistry } from './rest.js';
import { ServiceAllocator } from './services/allocator.js';
import type { ResourceInfo, Strategy, SubresourceInfo } from './types.js';

const allVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const status = (kind: string): SubresourceInfo => ({ name: 'status', kind, verbs: ['get', 'patch', 'update'] });

/** Configuration the registries need. */
export interface RegistryConfig {
  serviceCidr: string;
  nodePortRange: { min: number; max: number };
}

/**
 * A strategy with no rules beyond validation: the object is replaced as given. The validators
 * take the kind's own type; the registry only ever hands them objects of that kind.
 */
function plain<T>(
  validate: (obj: T) => FieldError[],
  validateUpdate: (obj: T, old: T) => FieldError[] = (obj) => validate(obj),
  extra: Partial<Strategy<T & KubeObject>> = {},
): Strategy<T & KubeObject> {
  return {
    prepareForCreate: () => {},
    validate: validate,
    prepareForUpdate: () => {},
    validateUpdate: validateUpdate,
    allowUnconditionalUpdate: true,
    ...extra,
  };
}

/** Keeps `status` out of main-resource writes and everything else out of status writes. */
function withStatus<T extends KubeObject & { status?: unknown; spec?: unknown }>(s: Strategy<T>, validateStatus: (obj: T, old: T) => FieldError[]): Strategy<T> {
  return {
    ...s,
    prepareForUpdate(obj, old, ctx) {
      obj.status = old.status;
      s.prepareForUpdate(obj, old, ctx);
    },
    subresources: {
      ...s.subresources,
      status: {
        prepareForUpdate(obj, old) {
          obj.spec = old.spec;
          obj.metadata = { ...old.metadata, managedFields: obj.metadata.managedFields, resourceVersion: obj.metadata.resourceVersion };
        },
        validateUpdate: validateStatus,
      },
    },
  };
}

function info(
  group: string,
  version: string,
  resource: string,
  singular: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceInfo> = {},
): ResourceInfo {
  const schemaKey = group ? `${group}/${version}/${kind}` : `${version}/${kind}`;
  return {
    group,
    version,
    resource,
    singular,
    kind,
    namespaced,
    verbs: allVerbs,
    subresources: [],
    ...(kindSchemas[schemaKey] ? { schema: kindSchemas[schemaKey] } : {}),
    ...extra,
  };
}

/**
 * Builds the registry of every resource Podyard serves, keyed `group/version/resource`.
 */
export function buildRegistries(deps: { store: Store; clock: Clock; logger: Logger }, config: RegistryConfig): Map<string, GenericRegistry> {
  const registries = new Map<string, GenericRegistry>();
  const namespaces = async (name: string) => {
    try {
      return await registries.get('/v1/namespaces')!.get(undefined, name);
    } catch {
      return undefined;
    }
  };
  const add = (ri: ResourceInfo, strategy: Strategy<never>) => {
    const reg = new GenericRegistry(ri, strategy, { ...deps, ...(ri.namespaced ? { namespaces } : {}) });
    registries.set(`${ri.group}/${ri.version}/${ri.resource}`, reg);
    return reg;
  };

  add(
    info('', 'v1', 'namespaces', 'namespace', 'Namespace', false, {
      shortNames: ['ns'],
      subresources: [status('Namespace'), { name: 'finalize', kind: 'Namespace', verbs: ['update'] }],
    }),
    namespaceStrategy(),
  );
  add(
    info('', 'v1', 'pods', 'pod', 'Pod', true, {
      shortNames: ['po'],
      categories: ['all'],
      subresources: [
        status('Pod'),
        { name: 'log', kind: 'Pod', verbs: ['get'] },
        { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
        { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
        { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
        { name: 'binding', kind: 'Binding', verbs: ['create'] },
        { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
        { name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      ],
    }),
    podStrategy,
  );
  add(info('', 'v1', 'configmaps', 'configmap', 'ConfigMap', true, { shortNames: ['cm'] }), plain(validateConfigMap, validateConfigMapUpdate));
  add(
    info('', 'v1', 'secrets', 'secret', 'Secret', true),
    plain(validateSecret, validateSecretUpdate, { prepareForCreate: (s) => defaultSecret(s) }),
  );
  add(info('', 'v1', 'serviceaccounts', 'serviceaccount', 'ServiceAccount', true, { shortNames: ['sa'] }), plain(validateServiceAccount));
  add(info('', 'v1', 'endpoints', 'endpoints', 'Endpoints', true, { shortNames: ['ep'] }), plain(validateEndpoints));
  add(
    info('', 'v1', 'events', 'event', 'Event', true, { shortNames: ['ev'] }),
    plain(validateEvent, validateEventUpdate, {
      prepareForCreate: (e) => defaultEvent(e),
      ttlSeconds: 3600,
      fields: (e: KubeObject) => eventFields(e),
    }),
  );
  add(
    info('', 'v1', 'nodes', 'node', 'Node', false, { shortNames: ['no'], subresources: [status('Node')] }),
    withStatus(plain(validateNode, validateNodeUpdate, { prepareForCreate: (n) => defaultNode(n) }), validateNodeUpdate),
  );

  const services = add(
    info('', 'v1', 'services', 'service', 'Service', true, {
      shortNames: ['svc'],
      categories: ['all'],
      subresources: [status('Service'), { name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }],
    }),
    serviceStrategy(() => allocator),
  );
  const allocator: ServiceAllocator = new ServiceAllocator(config, async () => {
    const { items } = await services.list(undefined);
    const ips = new Set<string>();
    const ports = new Set<number>();
    for (const s of items as Service[]) {
      if (s.spec?.clusterIP && s.spec.clusterIP !== 'None') ips.add(s.spec.clusterIP);
      for (const p of s.spec?.ports ?? []) if (p.nodePort) ports.add(p.nodePort);
    }
    return { ips, ports };
  });

  add(
    info('discovery.k8s.io', 'v1', 'endpointslices', 'endpointslice', 'EndpointSlice', true),
    plain(validateEndpointSlice),
  );
  add(
    info('events.k8s.io', 'v1', 'events', 'event', 'Event', true, { shortNames: ['ev'] }),
    plain(validateEventsV1Event, validateEventsV1EventUpdate, { ttlSeconds: 3600 }),
  );
  add(info('coordination.k8s.io', 'v1', 'leases', 'lease', 'Lease', true), plain(validateLease));
  return registries;
}

/**
 * Namespaces (pkg/registry/core/namespace): `spec.finalizers` (`kubernetes`) hold a deleted
 * namespace in phase Terminating until the namespace controller has emptied it and cleared them
 * through the `finalize` subresource.
 */
function namespaceStrategy(): Strategy<Namespace> {
  const base = withStatus<Namespace>(
    plain(validateNamespace, validateNamespaceUpdate, {
      prepareForCreate: (ns) => defaultNamespace(ns),
      prepareForUpdate(ns, old) {
        ns.spec = { ...ns.spec, finalizers: old.spec?.finalizers ?? [] };
        if (!ns.spec.finalizers?.length) delete ns.spec.finalizers;
      },
    }),
    validateNamespaceUpdate,
  );
  return {
    ...base,
    subresources: {
      ...base.subresources,
      finalize: {
        prepareForUpdate(ns, old) {
          ns.status = old.status;
          ns.metadata = { ...old.metadata, managedFields: ns.metadata.managedFields, resourceVersion: ns.metadata.resourceVersion };
        },
        validateUpdate: validateNamespaceFinalizeUpdate,
      },
    },
    extraFinalizers: (ns) => ns.spec?.finalizers ?? [],
    prepareForDelete(ns) {
      ns.status = { ...ns.status, phase: 'Terminating' };
    },
  };
}

function serviceStrategy(allocator: () => ServiceAllocator): Strategy<Service> {
  return withStatus<Service>(
    {
      prepareForCreate(svc) {
        defaultService(svc);
        svc.status = { loadBalancer: {} };
      },
      validate: (svc) => validateService(svc),
      prepareForUpdate() {},
      validateUpdate: (svc, old) => validateServiceUpdate(svc, old),
      beforeCreate: (svc) => allocator().allocate(svc),
      async beforeUpdate(svc, old) {
        await allocator().allocate(svc, old);
        await allocator().release(old, svc);
      },
      afterDelete: (svc) => allocator().release(svc),
      allowUnconditionalUpdate: true,
    },
    () => [],
  );
}

function eventFields(e: KubeObject): Record<string, string> {
  const ev = e as KubeObject & {
    involvedObject?: Record<string, string | undefined>;
    reason?: string;
    source?: { component?: string };
    type?: string;
    reportingComponent?: string;
  };
  const io = ev.involvedObject ?? {};
  return {
    'involvedObject.kind': io.kind ?? '',
    'involvedObject.namespace': io.namespace ?? '',
    'involvedObject.name': io.name ?? '',
    'involvedObject.uid': io.uid ?? '',
    'involvedObject.apiVersion': io.apiVersion ?? '',
    'involvedObject.resourceVersion': io.resourceVersion ?? '',
    'involvedObject.fieldPath': io.fieldPath ?? '',
    reason: ev.reason ?? '',
    reportingComponent: ev.reportingComponent ?? '',
    source: ev.source?.component ?? '',
    type: ev.type ?? '',
  };
}
