/**
 * kubectl's describers (`kubectl/pkg/describe/describe.go`) for pods, services and config maps,
 * with a generic fallback: the same lines through the same tabwriter (minwidth 0, padding 2).
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
 * The describers walk objects of every kind as loose JSON (describe.go reads typed structs; a
 * typed copy of every field printed here would add nothing but casts). */
import type { KubeObject } from '../apis/index.js';
import type { Session } from './connect.js';
import { humanDuration } from './printers.js';
import type { ApiResource } from './resources.js';
import { TabWriter } from './tabwriter.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- see above

/** kubectl's `PrefixWriter`: levels indent by two spaces each. */
class PrefixWriter {
  readonly tw = new TabWriter({ minWidth: 0, padding: 2 });
  write(level: number, text: string): void {
    this.tw.write('  '.repeat(level) + text);
  }
  flush(): string {
    return this.tw.flush();
  }
}

/** RFC 1123 with a numeric zone, kubectl's describe time format (UTC on this machine). */
export function rfc1123z(t: string | undefined): string {
  if (!t) return '';
  return new Date(t).toUTCString().replace('GMT', '+0000');
}

function labelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, skip: string[] = []): void {
  const keys = Object.keys(labels ?? {})
    .filter((k) => !skip.includes(k))
    .sort();
  w.write(0, `${title}:\t`);
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i) w.write(0, '\t');
    let v = labels![k]!;
    if (v.length > 140 && skip.length) v = v.slice(0, 140) + '...';
    w.write(0, `${k}=${v}\n`);
  });
}

/** Describes one object, fetching its events. */
export async function describeObject(session: Session, r: ApiResource, obj: KubeObject, now: number): Promise<string> {
  const events = await eventsFor(session, obj);
  const w = new PrefixWriter();
  if (r.resource === 'pods' && r.group === '') describePod(w, obj);
  else if (r.resource === 'services' && r.group === '') await describeService(w, session, obj);
  else if (r.resource === 'configmaps' && r.group === '') describeConfigMap(w, obj);
  else describeGeneric(w, obj);
  writeEvents(w, events, now);
  return w.flush();
}

async function eventsFor(session: Session, obj: KubeObject): Promise<Any[]> {
  const ref = { group: '', version: 'v1', resource: 'events', namespaced: true };
  const sel = [`involvedObject.name=${obj.metadata.name}`, `involvedObject.uid=${obj.metadata.uid}`];
  if (obj.metadata.namespace) sel.push(`involvedObject.namespace=${obj.metadata.namespace}`);
  try {
    const list = await session.client.list(ref, obj.metadata.namespace, { fieldSelector: sel.join(',') });
    const ts = (e: Any) => Date.parse(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? 0);
    return (list.items as Any[]).sort((a, b) => ts(a) - ts(b));
  } catch {
    return [];
  }
}

function writeEvents(w: PrefixWriter, events: Any[], now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    const first = e.firstTimestamp ?? e.eventTime ?? e.lastTimestamp;
    const last = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? first;
    const count = e.series?.count ?? e.count ?? 1;
    const age = count > 1 ? `${humanDuration(now - Date.parse(last))} (x${count} over ${humanDuration(now - Date.parse(first))})` : humanDuration(now - Date.parse(first));
    const from = e.source?.component || e.reportingController || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${age}\t${from}\t${String(e.message ?? '').trim()}\n`);
  }
}

function describePod(w: PrefixWriter, pod: Any): void {
  const { metadata: m, spec, status = {} } = pod;
  w.write(0, `Name:\t${m.name}\n`);
  w.write(0, `Namespace:\t${m.namespace}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  w.write(0, `Service Account:\t${spec.serviceAccountName ?? ''}\n`);
  w.write(0, `Node:\t${spec.nodeName ? (status.hostIP ? `${spec.nodeName}/${status.hostIP}` : spec.nodeName) : '<none>'}\n`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  labelsMultiline(w, 'Labels', m.labels);
  labelsMultiline(w, 'Annotations', m.annotations, ['kubectl.kubernetes.io/last-applied-configuration']);
  if (m.deletionTimestamp) {
    w.write(0, `Status:\tTerminating (lasts ${humanDuration(Date.now() - Date.parse(m.deletionTimestamp))})\n`);
    w.write(0, `Termination Grace Period:\t${m.deletionGracePeriodSeconds}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = (status.podIPs ?? []) as Any[];
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = (m.ownerReferences ?? []).find((o: Any) => o.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (spec.initContainers?.length) {
    w.write(0, 'Init Containers:\n');
    for (const c of spec.initContainers) describeContainer(w, c, (status.initContainerStatuses ?? []).find((s: Any) => s.name === c.name));
  }
  w.write(0, 'Containers:\n');
  for (const c of spec.containers) describeContainer(w, c, (status.containerStatuses ?? []).find((s: Any) => s.name === c.name));
  if (spec.readinessGates?.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const cond = (status.conditions ?? []).find((c: Any) => c.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${cond?.status ?? '<none>'} \n`);
    }
  }
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes ?? []);
  w.write(0, `QoS Class:\t${status.qosClass ?? ''}\n`);
  labelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  const tolerations = (spec.tolerations ?? []) as Any[];
  w.write(0, 'Tolerations:\t');
  if (tolerations.length === 0) w.write(0, '<none>\n');
  tolerations.forEach((t, i) => {
    if (i) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

function describeContainer(w: PrefixWriter, c: Any, s: Any | undefined): void {
  w.write(1, `${c.name}:\n`);
  if (s?.containerID) w.write(2, `Container ID:\t${s.containerID}\n`);
  w.write(2, `Image:\t${c.image}\n`);
  if (s) w.write(2, `Image ID:\t${s.imageID ?? ''}\n`);
  const ports = (c.ports ?? []) as Any[];
  const p = (x: Any) => `${x.containerPort}/${x.protocol ?? 'TCP'}`;
  const hp = (x: Any) => `${x.hostPort ?? 0}/${x.protocol ?? 'TCP'}`;
  if (ports.length === 0) {
    w.write(2, 'Port:\t<none>\n');
    w.write(2, 'Host Port:\t<none>\n');
  } else if (ports.length === 1) {
    w.write(2, `Port:\t${p(ports[0]!)}\n`);
    w.write(2, `Host Port:\t${hp(ports[0]!)}\n`);
  } else {
    w.write(2, `Ports:\t${ports.map(p).join(', ')}\n`);
    w.write(2, `Host Ports:\t${ports.map(hp).join(', ')}\n`);
  }
  for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
    if (!list?.length) continue;
    w.write(2, `${title}:\n`);
    for (const arg of list as string[]) for (const line of arg.split('\n')) w.write(3, `${line}\n`);
  }
  describeState(w, 'State', s?.state ?? {}, true);
  if (s?.lastState?.terminated) describeState(w, 'Last State', s.lastState, false);
  w.write(2, `Ready:\t${s?.ready ? 'True' : 'False'}\n`);
  w.write(2, `Restart Count:\t${s?.restartCount ?? 0}\n`);
  for (const kind of ['limits', 'requests'] as const) {
    const res = c.resources?.[kind];
    if (!res || !Object.keys(res).length) continue;
    w.write(2, `${kind === 'limits' ? 'Limits' : 'Requests'}:\n`);
    for (const k of Object.keys(res).sort()) w.write(3, `${k}:\t${res[k]}\n`);
  }
  const env = (c.env ?? []) as Any[];
  if (env.length === 0 && !c.envFrom?.length) w.write(2, 'Environment:\t<none>\n');
  else {
    w.write(2, 'Environment:\n');
    for (const e of env) {
      if (e.value !== undefined) w.write(3, `${e.name}:\t${e.value}\n`);
      else if (e.valueFrom?.fieldRef) w.write(3, `${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? 'v1'}:${e.valueFrom.fieldRef.fieldPath})\n`);
      else if (e.valueFrom?.configMapKeyRef) w.write(3, `${e.name}:\t<set to the key '${e.valueFrom.configMapKeyRef.key}' of config map '${e.valueFrom.configMapKeyRef.name}'>\tOptional: ${e.valueFrom.configMapKeyRef.optional ?? false}\n`);
      else if (e.valueFrom?.secretKeyRef) w.write(3, `${e.name}:\t<set to the key '${e.valueFrom.secretKeyRef.key}' in secret '${e.valueFrom.secretKeyRef.name}'>\tOptional: ${e.valueFrom.secretKeyRef.optional ?? false}\n`);
      else w.write(3, `${e.name}:\t\n`);
    }
  }
  const mounts = (c.volumeMounts ?? []) as Any[];
  if (mounts.length === 0) w.write(2, 'Mounts:\t<none>\n');
  else {
    w.write(2, 'Mounts:\n');
    for (const vm of [...mounts].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1))) {
      const flags = [vm.readOnly ? 'ro' : 'rw'];
      if (vm.subPath) flags.push(`path="${vm.subPath}"`);
      w.write(3, `${vm.mountPath} from ${vm.name} (${flags.join(',')})\n`);
    }
  }
}

function describeState(w: PrefixWriter, title: string, state: Any, waitingIfNone: boolean): void {
  if (state.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else if (waitingIfNone) {
    w.write(2, `${title}:\tWaiting\n`);
  }
}

function describeVolumes(w: PrefixWriter, volumes: Any[]): void {
  if (volumes.length === 0) {
    w.write(0, 'Volumes:\t<none>\n');
    return;
  }
  w.write(0, 'Volumes:\n');
  for (const v of volumes) {
    w.write(1, `${v.name}:\n`);
    if (v.emptyDir) {
      w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
      w.write(2, `Medium:\t${v.emptyDir.medium ?? ''}\n`);
      w.write(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (v.configMap) {
      w.write(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n');
      w.write(2, `Name:\t${v.configMap.name}\n`);
      w.write(2, `Optional:\t${v.configMap.optional ?? false}\n`);
    } else if (v.secret) {
      w.write(2, 'Type:\tSecret (a volume populated by a Secret)\n');
      w.write(2, `SecretName:\t${v.secret.secretName}\n`);
      w.write(2, `Optional:\t${v.secret.optional ?? false}\n`);
    } else if (v.hostPath) {
      w.write(2, 'Type:\tHostPath (bare host directory volume)\n');
      w.write(2, `Path:\t${v.hostPath.path}\n`);
      w.write(2, `HostPathType:\t${v.hostPath.type ?? ''}\n`);
    } else if (v.downwardAPI) {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n');
      w.write(2, 'Items:\n');
      for (const it of v.downwardAPI.items ?? []) w.write(3, `${it.fieldRef?.fieldPath ?? it.resourceFieldRef?.resource} -> ${it.path}\n`);
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`);
        if (s.configMap) {
          w.write(2, `ConfigMapName:\t${s.configMap.name}\n`);
          w.write(2, `Optional:\t${s.configMap.optional ?? false}\n`);
        }
        if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
      }
    } else {
      w.write(2, `<unknown>\n`);
    }
  }
}

async function describeService(w: PrefixWriter, session: Session, svc: Any): Promise<void> {
  const { metadata: m, spec } = svc;
  let endpoints: Any | undefined;
  try {
    endpoints = await session.client.get({ group: '', version: 'v1', resource: 'endpoints', namespaced: true }, m.namespace, m.name);
  } catch {
    endpoints = undefined;
  }
  w.write(0, `Name:\t${m.name}\n`);
  w.write(0, `Namespace:\t${m.namespace}\n`);
  labelsMultiline(w, 'Labels', m.labels);
  labelsMultiline(w, 'Annotations', m.annotations, ['kubectl.kubernetes.io/last-applied-configuration']);
  w.write(0, `Selector:\t${spec.selector ? Object.keys(spec.selector).sort().map((k) => `${k}=${spec.selector[k]}`).join(',') : '<none>'}\n`);
  w.write(0, `Type:\t${spec.type}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  if (spec.ipFamilies?.length) w.write(0, `IP Families:\t${spec.ipFamilies.join(',')}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  if (spec.clusterIPs?.length) w.write(0, `IPs:\t${spec.clusterIPs.join(',')}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  for (const p of (spec.ports ?? []) as Any[]) {
    const name = p.name || '<unset>';
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol ?? 'TCP'}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? 'TCP'}\n`);
    const addrs: string[] = [];
    for (const sub of (endpoints?.subsets ?? []) as Any[]) {
      const port = (sub.ports ?? []).find((x: Any) => (x.name ?? '') === (p.name ?? ''));
      if (!port) continue;
      for (const a of sub.addresses ?? []) addrs.push(`${a.ip}:${port.port}`);
    }
    w.write(0, `Endpoints:\t${addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(',')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
}

function describeConfigMap(w: PrefixWriter, cm: Any): void {
  const m = cm.metadata;
  w.write(0, `Name:\t${m.name}\n`);
  w.write(0, `Namespace:\t${m.namespace}\n`);
  labelsMultiline(w, 'Labels', m.labels);
  labelsMultiline(w, 'Annotations', m.annotations, ['kubectl.kubernetes.io/last-applied-configuration']);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort()) w.write(0, `${k}:\n----\n${cm.data[k]}\n\n`);
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(0, `${k}: ${Buffer.from(cm.binaryData[k], 'base64').length} bytes\n`);
  w.write(0, '\n');
}

function describeGeneric(w: PrefixWriter, obj: Any): void {
  const m = obj.metadata;
  w.write(0, `Name:\t${m.name}\n`);
  if (m.namespace) w.write(0, `Namespace:\t${m.namespace}\n`);
  labelsMultiline(w, 'Labels', m.labels);
  labelsMultiline(w, 'Annotations', m.annotations, ['kubectl.kubernetes.io/last-applied-configuration']);
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'metadata' || k === 'apiVersion' || k === 'kind') continue;
    w.write(0, `${k[0]!.toUpperCase()}${k.slice(1)}:\t${typeof v === 'object' ? JSON.stringify(v) : String(v)}\n`);
  }
}
