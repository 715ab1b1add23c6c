import { translateTimestampSince } from '../../apis/index.js';

// Row printers for the non-pod resources, after kubernetes pkg/printers/internalversion/printers.go.
// Objects are read as loose JSON: a partial object prints, it never throws. Cells are always the
// wide set (kube-apiserver prints with `Wide: true`; kubectl hides priority>0 columns itself).

type Obj = Record<string, unknown>;

const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asStr = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : '';
const meta = (o: Obj): Obj => asObj(o.metadata);
const nameOf = (o: Obj): string => asStr(meta(o).name);
const age = (o: Obj, now: number): string => translateTimestampSince(asStr(meta(o).creationTimestamp) || undefined, now);

/** `labels.FormatLabels`: `k=v` sorted by key, comma-joined; `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries(asObj(labels)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const s = entries.map(([k, v]) => `${k}=${asStr(v)}`).join(',');
  return s === '' ? '<none>' : s;
}

/** `net.JoinHostPort`: IPv6 literals are bracketed. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function loadBalancerStatusStringer(status: Obj): string {
  const result = new Set<string>();
  for (const ing of asArr(status.ingress).map(asObj)) {
    if (asStr(ing.ip)) result.add(asStr(ing.ip));
    else if (asStr(ing.hostname)) result.add(asStr(ing.hostname));
  }
  // sets.String.List() is sorted; wide output is never clipped.
  return [...result].sort().join(',');
}

function getServiceExternalIP(spec: Obj, status: Obj): string {
  const externalIPs = asArr(spec.externalIPs).map(asStr);
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatusStringer(asObj(status.loadBalancer));
      if (externalIPs.length) return [...(lbIps ? lbIps.split(',') : []), ...externalIPs].join(',');
      return lbIps || '<pending>';
    }
    case 'ExternalName':
      return asStr(spec.externalName);
    default:
      return '<unknown>';
  }
}

function makePortString(ports: unknown[]): string {
  return ports
    .map(asObj)
    .map((p) => {
      const nodePort = typeof p.nodePort === 'number' ? p.nodePort : 0;
      return nodePort > 0 ? `${asStr(p.port)}:${nodePort}/${asStr(p.protocol)}` : `${asStr(p.port)}/${asStr(p.protocol)}`;
    })
    .join(',');
}

/** `printService`: Name, Type, Cluster-IP, External-IP, Port(s), Age, Selector. */
export function printService(o: Obj, now: number): unknown[] {
  const spec = asObj(o.spec);
  const clusterIPs = asArr(spec.clusterIPs).map(asStr);
  const ports = makePortString(asArr(spec.ports));
  return [
    nameOf(o),
    asStr(spec.type),
    clusterIPs[0] ?? '<none>',
    getServiceExternalIP(spec, asObj(o.status)),
    ports || '<none>',
    age(o, now),
    formatLabels(spec.selector),
  ];
}

/** `formatEndpoints` with all ports: at most 3 `ip:port`, then ` + N more...`. */
function formatEndpoints(o: Obj): string {
  const subsets = asArr(o.subsets).map(asObj);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = asArr(ss.addresses).map(asObj);
    const ports = asArr(ss.ports).map(asObj);
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(asStr(a.ip));
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(asStr(a.ip), Number(port.port ?? 0)));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** `printEndpoints`: Name, Endpoints, Age. */
export function printEndpoints(o: Obj, now: number): unknown[] {
  return [nameOf(o), formatEndpoints(o), age(o, now)];
}

function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** `printEndpointSlice`: Name, AddressType, Ports, Endpoints, Age. */
export function printEndpointSlice(o: Obj, now: number): unknown[] {
  const max = 3;
  const ports: string[] = [];
  let portsMore = false;
  let portCount = 0;
  for (const p of asArr(o.ports).map(asObj)) {
    if (ports.length < max) ports.push(typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*');
    else if (ports.length === max) portsMore = true;
    portCount++;
  }
  const addrs: string[] = [];
  let addrMore = false;
  let addrCount = 0;
  for (const e of asArr(o.endpoints).map(asObj)) {
    for (const a of asArr(e.addresses)) {
      if (addrs.length < max) addrs.push(asStr(a));
      else if (addrs.length === max) addrMore = true;
      addrCount++;
    }
  }
  return [
    nameOf(o),
    asStr(o.addressType),
    listWithMoreString(ports, portsMore, portCount, max),
    listWithMoreString(addrs, addrMore, addrCount, max),
    age(o, now),
  ];
}

/**
 * `printEvent` (wide): Last Seen, Type, Reason, Object, Subobject, Source, Message, First Seen,
 * Count, Name. `events.k8s.io/v1` events are read through their core/v1 field names, as the
 * apiserver converts them to the internal Event before printing.
 */
export function printEvent(raw: Obj, now: number): unknown[] {
  const o = asStr(raw.apiVersion).startsWith('events.k8s.io/') ? fromEventsV1(raw) : raw;
  const since = (ts: unknown): string => translateTimestampSince(asStr(ts) || undefined, now);
  let firstTimestamp = since(o.firstTimestamp);
  if (!asStr(o.firstTimestamp)) firstTimestamp = since(o.eventTime);
  let lastTimestamp = since(o.lastTimestamp);
  if (!asStr(o.lastTimestamp)) lastTimestamp = firstTimestamp;
  let count = typeof o.count === 'number' ? o.count : 0;
  const series = o.series ? asObj(o.series) : undefined;
  if (series) {
    lastTimestamp = since(series.lastObservedTime);
    count = typeof series.count === 'number' ? series.count : 0;
  } else if (count === 0) {
    count = 1; // singleton events of the new API have no count
  }
  const involved = asObj(o.involvedObject);
  const kind = asStr(involved.kind).toLowerCase();
  const target = asStr(involved.name) ? `${kind}/${asStr(involved.name)}` : kind;
  const source = asObj(o.source);
  const component = asStr(source.component) || asStr(o.reportingComponent);
  const instance = asStr(source.host) || asStr(o.reportingInstance);
  return [
    lastTimestamp,
    asStr(o.type),
    asStr(o.reason),
    target,
    asStr(involved.fieldPath),
    instance ? `${component}, ${instance}` : component,
    asStr(o.message).trim(),
    firstTimestamp,
    count,
    nameOf(o),
  ];
}

/** events.k8s.io/v1 → core/v1 field names (apiserver `pkg/apis/events/v1` conversion). */
function fromEventsV1(e: Obj): Obj {
  return {
    metadata: e.metadata,
    involvedObject: e.regarding,
    reason: e.reason,
    message: e.note,
    type: e.type,
    source: e.deprecatedSource,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount,
    eventTime: e.eventTime,
    series: e.series,
    reportingComponent: e.reportingController,
    reportingInstance: e.reportingInstance,
  };
}

/** `printConfigMap`: Name, Data (len(data)+len(binaryData)), Age. */
export function printConfigMap(o: Obj, now: number): unknown[] {
  return [nameOf(o), Object.keys(asObj(o.data)).length + Object.keys(asObj(o.binaryData)).length, age(o, now)];
}

/** `printSecret`: Name, Type, Data, Age. */
export function printSecret(o: Obj, now: number): unknown[] {
  return [nameOf(o), asStr(o.type), Object.keys(asObj(o.data)).length, age(o, now)];
}

/** `printNamespace`: Name, Status (phase), Age. */
export function printNamespace(o: Obj, now: number): unknown[] {
  return [nameOf(o), asStr(asObj(o.status).phase), age(o, now)];
}

/** `printServiceAccount`: Name, Secrets (count), Age. */
export function printServiceAccount(o: Obj, now: number): unknown[] {
  return [nameOf(o), asArr(o.secrets).length, age(o, now)];
}

/** `printLease`: Name, Holder, Age. */
export function printLease(o: Obj, now: number): unknown[] {
  return [nameOf(o), asStr(asObj(o.spec).holderIdentity), age(o, now)];
}

const labelNodeRolePrefix = 'node-role.kubernetes.io/';
const nodeLabelRole = 'kubernetes.io/role';

/** `printNode`: Name, Status, Roles, Age, Version, Internal-IP, External-IP, OS-Image, Kernel-Version, Container-Runtime. */
export function printNode(o: Obj, now: number): unknown[] {
  const status = asObj(o.status);
  const conditions = asArr(status.conditions).map(asObj);
  const states: string[] = [];
  // NodeAllConditions is just Ready; the last Ready condition in the list wins, as in the Go map.
  const ready = conditions.filter((c) => c.type === 'Ready').at(-1);
  if (ready) states.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (states.length === 0) states.push('Unknown');
  if (asObj(o.spec).unschedulable === true) states.push('SchedulingDisabled');

  const roles = new Set<string>();
  for (const [k, v] of Object.entries(asObj(meta(o).labels))) {
    if (k.startsWith(labelNodeRolePrefix)) {
      const role = k.slice(labelNodeRolePrefix.length);
      if (role) roles.add(role);
    } else if (k === nodeLabelRole && asStr(v) !== '') {
      roles.add(asStr(v));
    }
  }
  const info = asObj(status.nodeInfo);
  const address = (type: string): string =>
    asStr(
      asArr(status.addresses)
        .map(asObj)
        .find((a) => a.type === type)?.address,
    ) || '<none>';
  return [
    nameOf(o),
    states.join(','),
    [...roles].sort().join(',') || '<none>',
    age(o, now),
    asStr(info.kubeletVersion),
    address('InternalIP'),
    address('ExternalIP'),
    asStr(info.osImage) || '<unknown>',
    asStr(info.kernelVersion) || '<unknown>',
    asStr(info.containerRuntimeVersion) || '<unknown>',
  ];
}

/** Resources without a printer: Name, Age. */
export function printDefault(o: Obj, now: number): unknown[] {
  return [nameOf(o), age(o, now)];
}
