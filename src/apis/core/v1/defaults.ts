/**
 * Server-side defaulting for core/v1 objects, mutating in place, after
 * `pkg/apis/core/v1/defaults.go`, the generated `zz_generated.defaults.go` (which walks every
 * nested struct), and the registry strategies' `PrepareForCreate`
 * (`pkg/registry/core/{pod,service,namespace,secret}/strategy.go`).
 *
 * Admission plugins that real clusters run by default live in separate functions because the
 * API server applies them at a different stage: {@link addServiceAccountDefaults}
 * (ServiceAccount plugin, without the token volume) and {@link addDefaultTolerationSeconds}
 * (DefaultTolerationSeconds plugin). Priority admission (`priority: 0`,
 * `preemptionPolicy: PreemptLowerPriority`) is folded into {@link defaultPod}.
 *
 * Callers: `registry/*` strategies on create (and update, where Kubernetes defaults on decode).
 * @module
 */
import type {
  Quantity, ConfigMap, Container, EndpointPort as CoreEndpointPort, Endpoints, EphemeralContainer, Event, Namespace, Node,
  Pod, PodSpec, Probe, ResourceRequirements, Secret, Service, ServiceAccount, Toleration, Volume,
} from './types.js';
import { computeQOSClass } from './qos.js';
import { formatQuantity, roundUpQuantity, tryParseQuantity } from './quantity.js';

/** Defaults for every core/v1 kind served, by kind name; used by generic registry code. */
export type Defaulter<T> = (obj: T) => void;

const DEFAULT_FILE_MODE = 0o644; // 420

/**
 * The tag part of an image reference (`nginx:1.25` → `1.25`), `latest` when there is neither
 * tag nor digest, and `''` when only a digest is given (`ParseImageName` in
 * `pkg/util/parsers`).
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : '';
  if (tag === '' && digest === '') return 'latest';
  return tag;
}

/** `SetDefaults_Probe` (+ handler defaults). */
function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  if (p.httpGet) {
    if (!p.httpGet.path) p.httpGet.path = '/';
    if (!p.httpGet.scheme) p.httpGet.scheme = 'HTTP';
  }
  if (p.grpc && p.grpc.service === undefined) p.grpc.service = '';
}

/**
 * A Quantity as the API server stores it: parsed and re-serialized in canonical form
 * (`0.5` → `500m`, `1024Mi` → `1Gi`). Unparsable values are left for validation to report.
 */
function canonical(raw: Quantity | undefined, milli = false): Quantity | undefined {
  const q = tryParseQuantity(raw);
  if (!q) return raw;
  return formatQuantity(milli ? roundUpQuantity(q, -3) : q);
}

/**
 * `SetDefaults_ResourceList`: every value rounded up to milli precision (`1n` → `1m`), in
 * canonical form.
 */
export function defaultResourceList(list: Record<string, Quantity> | undefined): void {
  if (!list) return;
  for (const [k, v] of Object.entries(list)) list[k] = canonical(v, true)!;
}

/** `SetDefaults_ResourceList`-style copy of limits into unset requests (`SetDefaults_Pod`). */
function defaultRequestsFromLimits(r: ResourceRequirements): void {
  if (!r.limits) return;
  for (const [name, q] of Object.entries(r.limits)) {
    r.requests ??= {};
    if (r.requests[name] === undefined) r.requests[name] = q;
  }
}

/** `SetDefaults_Container` and everything `zz_generated.defaults.go` reaches inside a container. */
function defaultContainer(c: Container | EphemeralContainer, hostNetwork: boolean): void {
  if (!c.imagePullPolicy) {
    c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  }
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const port of c.ports ?? []) {
    if (!port.protocol) port.protocol = 'TCP';
    // defaultHostNetworkPorts: with hostNetwork the host port is the container port.
    if (hostNetwork && !port.hostPort) port.hostPort = port.containerPort;
  }
  for (const env of c.env ?? []) {
    const fr = env.valueFrom?.fieldRef;
    if (fr && !fr.apiVersion) fr.apiVersion = 'v1';
    // A zero Quantity serializes as "0" (the field is not a pointer).
    const rf = env.valueFrom?.resourceFieldRef;
    if (rf) rf.divisor = rf.divisor === undefined ? '0' : canonical(rf.divisor);
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) {
    if (h?.httpGet) {
      if (!h.httpGet.path) h.httpGet.path = '/';
      if (!h.httpGet.scheme) h.httpGet.scheme = 'HTTP';
    }
  }
  // `resources` is a struct, not a pointer: it always serializes, as `{}` when empty.
  c.resources ??= {};
  defaultResourceList(c.resources.limits);
  defaultResourceList(c.resources.requests);
}

/** `SetDefaults_Volume` and the volume source defaulters. */
function defaultVolume(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
  if (v.emptyDir?.sizeLimit !== undefined) v.emptyDir.sizeLimit = canonical(v.emptyDir.sizeLimit);
  if (v.image && !v.image.pullPolicy) {
    v.image.pullPolicy = imageTag(v.image.reference ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  }
  const claimSpec = v.ephemeral?.volumeClaimTemplate?.spec;
  if (claimSpec) {
    claimSpec.volumeMode ??= 'Filesystem';
    defaultResourceList(claimSpec.resources?.requests);
    defaultResourceList(claimSpec.resources?.limits);
  }
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = DEFAULT_FILE_MODE;
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = DEFAULT_FILE_MODE;
  if (v.downwardAPI) {
    if (v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = DEFAULT_FILE_MODE;
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
      if (item.resourceFieldRef) item.resourceFieldRef.divisor = item.resourceFieldRef.divisor === undefined ? '0' : canonical(item.resourceFieldRef.divisor);
    }
  }
  if (v.projected) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = DEFAULT_FILE_MODE;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken && s.serviceAccountToken.expirationSeconds === undefined) {
        s.serviceAccountToken.expirationSeconds = 3600;
      }
      for (const item of s.downwardAPI?.items ?? []) {
        if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
        if (item.resourceFieldRef && item.resourceFieldRef.divisor === undefined) item.resourceFieldRef.divisor = '0';
      }
    }
  }
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  if (v.iscsi) {
    v.iscsi.iscsiInterface ??= 'default';
  }
  if (v.azureDisk) {
    v.azureDisk.cachingMode ??= 'ReadWrite';
    v.azureDisk.fsType ??= 'ext4';
    v.azureDisk.readOnly ??= false;
    v.azureDisk.kind ??= 'Shared';
  }
  if (v.rbd) {
    v.rbd.pool ??= 'rbd';
    v.rbd.user ??= 'admin';
    v.rbd.keyring ??= '/etc/ceph/keyring';
  }
  if (v.scaleIO) {
    v.scaleIO.storageMode ??= 'ThinProvisioned';
    v.scaleIO.fsType ??= 'xfs';
  }
}

/**
 * `SetDefaults_PodSpec` plus the nested defaulters, for a pod or a pod template.
 * Does not touch status or admission-plugin fields.
 */
export function defaultPodSpec(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  spec.securityContext ??= {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = 30;
  }
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  // v1 ⇄ internal conversion: the deprecated `serviceAccount` mirrors `serviceAccountName`.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  const hostNetwork = spec.hostNetwork === true;
  for (const c of spec.initContainers ?? []) defaultContainer(c, hostNetwork);
  for (const c of spec.containers ?? []) defaultContainer(c, hostNetwork);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c, false);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/**
 * Defaults a Pod on create exactly as a real API server does before admission completes:
 * `SetDefaults_Pod` (requests copied from limits, `enableServiceLinks: true`), `SetDefaults_PodSpec`
 * (restartPolicy Always, dnsPolicy ClusterFirst, schedulerName default-scheduler,
 * securityContext {}, terminationGracePeriodSeconds 30, container/volume/probe defaults), the
 * Priority admission plugin (`priority: 0`, `preemptionPolicy: PreemptLowerPriority`) and the pod
 * strategy's `PrepareForCreate` (`status: {phase: Pending, qosClass}`).
 *
 * Not included, call separately: {@link addServiceAccountDefaults},
 * {@link addDefaultTolerationSeconds}.
 */
export function defaultPod(pod: Pod): void {
  pod.spec ??= { containers: [] };
  const spec = pod.spec;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (c.resources) defaultRequestsFromLimits(c.resources);
  }
  if (spec.resources) {
    defaultResourceList(spec.resources.limits);
    defaultResourceList(spec.resources.requests);
  }
  defaultResourceList(spec.overhead);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  defaultPodSpec(spec);
  // Priority admission: no PriorityClass → globalDefault priority 0.
  if (spec.priority === undefined || spec.priority === null) spec.priority = 0;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';
  // podStrategy.PrepareForCreate: status is reset, then phase Pending and the QoS class.
  pod.status = { phase: 'Pending', qosClass: computeQOSClass(pod) };
  applySchedulingGatedCondition(pod);
  mutatePodAffinity(pod);
}

/** `applySchedulingGatedCondition`: a gated pod starts with PodScheduled=False/SchedulingGated. */
function applySchedulingGatedCondition(pod: Pod): void {
  if ((pod.spec?.schedulingGates ?? []).length === 0) return;
  pod.status ??= {};
  const conditions = (pod.status.conditions ??= []);
  if (conditions.some((c) => c.type === 'PodScheduled')) return;
  // Zero metav1.Time values serialize as null.
  conditions.push({
    type: 'PodScheduled', status: 'False', reason: 'SchedulingGated',
    message: 'Scheduling is blocked due to non-empty scheduling gates',
    lastProbeTime: null as unknown as string, lastTransitionTime: null as unknown as string,
  });
}

/**
 * `mutatePodAffinity` (MatchLabelKeysInPodAffinity): each `matchLabelKeys` key present in the
 * pod's labels adds an `In` requirement to the term's labelSelector, each `mismatchLabelKeys` key
 * a `NotIn` one.
 */
function mutatePodAffinity(pod: Pod): void {
  const labels = pod.metadata?.labels ?? {};
  const a = pod.spec?.affinity;
  if (!a) return;
  const terms = [
    ...(a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
    ...(a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
  ];
  for (const term of terms) {
    if (!term.labelSelector) continue;
    for (const [keys, operator] of [[term.matchLabelKeys, 'In'], [term.mismatchLabelKeys, 'NotIn']] as const) {
      for (const key of keys ?? []) {
        const value = labels[key];
        if (value === undefined) continue;
        (term.labelSelector.matchExpressions ??= []).push({ key, operator, values: [value] });
      }
    }
  }
}

/**
 * The v1 ⇄ internal conversion of pod status IPs, for `pods/status` writes: `podIP` and
 * `podIPs[0]` (and `hostIP`/`hostIPs[0]`) always agree, whichever of the two was set.
 */
export function normalizePodStatusIPs(pod: Pod): void {
  const st = pod.status;
  if (!st) return;
  if (st.podIPs && st.podIPs.length > 0) st.podIP = st.podIPs[0]!.ip;
  else if (st.podIP) st.podIPs = [{ ip: st.podIP }];
  if (st.hostIPs && st.hostIPs.length > 0) st.hostIP = st.hostIPs[0]!.ip;
  else if (st.hostIP) st.hostIPs = [{ ip: st.hostIP }];
}

/**
 * The ServiceAccount admission plugin's defaulting, without the projected
 * `kube-api-access-xxxxx` token volume: `serviceAccountName` (and the deprecated
 * `serviceAccount` alias the v1 conversion fills) become `default` when unset.
 */
export function addServiceAccountDefaults(pod: Pod): void {
  pod.spec ??= { containers: [] };
  if (!pod.spec.serviceAccountName) pod.spec.serviceAccountName = pod.spec.serviceAccount || 'default';
  pod.spec.serviceAccount = pod.spec.serviceAccountName;
}

/** The taint keys DefaultTolerationSeconds tolerates. */
export const TaintNodeNotReady = 'node.kubernetes.io/not-ready';
export const TaintNodeUnreachable = 'node.kubernetes.io/unreachable';

/**
 * The DefaultTolerationSeconds admission plugin: appends NoExecute tolerations for
 * `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable` with
 * `tolerationSeconds` (default 300) unless the pod already tolerates them.
 */
export function addDefaultTolerationSeconds(pod: Pod, seconds = 300): void {
  pod.spec ??= { containers: [] };
  const tolerations = pod.spec.tolerations ?? [];
  const tolerates = (key: string): boolean =>
    tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const add: Toleration[] = [];
  if (!tolerates(TaintNodeNotReady)) {
    add.push({ key: TaintNodeNotReady, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  }
  if (!tolerates(TaintNodeUnreachable)) {
    add.push({ key: TaintNodeUnreachable, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  }
  if (add.length > 0) pod.spec.tolerations = [...tolerations, ...add];
}

/**
 * Defaults a Service: `SetDefaults_Service` (sessionAffinity None, type ClusterIP, ports
 * protocol TCP, targetPort = port, externalTrafficPolicy Cluster for NodePort/LoadBalancer,
 * internalTrafficPolicy Cluster unless ExternalName, allocateLoadBalancerNodePorts true for
 * LoadBalancer, ClientIP timeout 10800), the strategy's `PrepareForCreate`
 * (`status: {loadBalancer: {}}`) and {@link defaultServiceIPFamilies}. ClusterIP and NodePort
 * allocation is the registry's job.
 */
export function defaultService(svc: Service, clusterIPFamilies: readonly ('IPv4' | 'IPv6')[] = ['IPv4']): void {
  svc.spec ??= {};
  const spec = svc.spec;
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') {
    delete spec.sessionAffinityConfig;
  } else if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of spec.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') {
      p.targetPort = p.port;
    }
  }
  // service.ExternallyAccessible: LoadBalancer, NodePort, or ClusterIP with externalIPs.
  const externallyAccessible = spec.type === 'LoadBalancer' || spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
  if (externallyAccessible && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (!spec.internalTrafficPolicy && (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP')) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) {
    spec.allocateLoadBalancerNodePorts = true;
  }
  // clusterIP and clusterIPs are kept in sync (service strategy, PrepareForCreate).
  if (spec.clusterIP && (!spec.clusterIPs || spec.clusterIPs.length === 0)) spec.clusterIPs = [spec.clusterIP];
  defaultServiceIPFamilies(svc, clusterIPFamilies);
  // servicestrategy.PrepareForCreate resets the status.
  svc.status = { loadBalancer: {} };
}

/**
 * `SetDefaults_Service` for `services/status` writes: LoadBalancer ingress entries with an IP get
 * `ipMode: VIP`.
 */
export function defaultServiceStatus(svc: Service): void {
  if (svc.spec?.type !== 'LoadBalancer') return;
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
  }
}

/**
 * The IP family part of the service REST allocator (`pkg/registry/core/service/storage/alloc.go`
 * `initIPFamilyFields`) for a single- or dual-stack cluster: ExternalName gets nothing; a headless
 * service without selector gets `RequireDualStack` with every cluster family; everything else
 * `SingleStack` with the families implied by its clusterIPs or the cluster's primary family.
 */
export function defaultServiceIPFamilies(svc: Service, clusterIPFamilies: readonly ('IPv4' | 'IPv6')[] = ['IPv4']): void {
  const spec = (svc.spec ??= {});
  if (spec.type === 'ExternalName') return;
  const headless = spec.clusterIP === 'None' || spec.clusterIPs?.[0] === 'None';
  const noSelector = !spec.selector || Object.keys(spec.selector).length === 0;
  if (headless && noSelector && !spec.ipFamilyPolicy && !spec.ipFamilies?.length) {
    spec.ipFamilyPolicy = 'RequireDualStack';
    spec.ipFamilies = [...clusterIPFamilies];
    return;
  }
  spec.ipFamilyPolicy ??= 'SingleStack';
  if (!spec.ipFamilies || spec.ipFamilies.length === 0) {
    const fromIPs = (spec.clusterIPs ?? []).filter((ip) => ip && ip !== 'None').map((ip) => (ip.includes(':') ? 'IPv6' : 'IPv4'));
    spec.ipFamilies = fromIPs.length > 0 ? fromIPs : [clusterIPFamilies[0] ?? 'IPv4'];
    if (spec.ipFamilyPolicy !== 'SingleStack' && fromIPs.length === 0) {
      spec.ipFamilies = [...clusterIPFamilies];
    }
  }
}

/**
 * `SetDefaults_Secret` (type Opaque) plus the v1→internal conversion that folds the write-only
 * `stringData` into `data` (base64), stringData winning on conflicts.
 */
export function defaultSecret(secret: Secret): void {
  if (secret.stringData) {
    secret.data ??= {};
    for (const [k, v] of Object.entries(secret.stringData)) secret.data[k] = Buffer.from(v, 'utf8').toString('base64');
    delete secret.stringData;
  }
  if (!secret.type) secret.type = 'Opaque';
}

/**
 * ConfigMaps: `SetDefaults_ConfigMap` sets `data` to an empty map, which JSON omits again
 * (`omitempty`), so nothing observable changes; present for symmetry.
 */
export function defaultConfigMap(_cm: ConfigMap): void {}

/**
 * Defaults a Namespace on create: `SetDefaults_Namespace` (label
 * `kubernetes.io/metadata.name: <name>`), the strategy's `PrepareForCreate`
 * (`spec.finalizers: [kubernetes]`) and `SetDefaults_NamespaceStatus` (`phase: Active`).
 */
export function defaultNamespace(ns: Namespace): void {
  ns.metadata ??= {};
  if (ns.metadata.name) {
    ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name };
  }
  ns.spec ??= {};
  const finalizers = ns.spec.finalizers ?? [];
  if (!finalizers.includes('kubernetes')) ns.spec.finalizers = [...finalizers, 'kubernetes'];
  ns.status ??= {};
  if (!ns.status.phase) ns.status.phase = 'Active';
}

/** `SetDefaults_NodeStatus`: allocatable copied from capacity when unset; quantities canonical. */
export function defaultNode(node: Node): void {
  const status = node.status;
  defaultResourceList(status?.capacity);
  defaultResourceList(status?.allocatable);
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}

/** core/v1 Events have no API defaults beyond metadata; kept for symmetry. */
export function defaultEvent(_event: Event): void {}

/** ServiceAccounts have no API defaults. */
export function defaultServiceAccount(_sa: ServiceAccount): void {}

/** `SetDefaults_Endpoints`: ports default to protocol TCP. */
export function defaultEndpoints(ep: Endpoints): void {
  for (const subset of ep.subsets ?? []) {
    for (const p of subset.ports ?? []) defaultEndpointPort(p);
  }
}

function defaultEndpointPort(p: CoreEndpointPort): void {
  if (!p.protocol) p.protocol = 'TCP';
}
