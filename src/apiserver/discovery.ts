import type { ResourceInfo } from '../registry/index.js';

/** Content type of aggregated discovery (apidiscovery.k8s.io/v2); clients check it verbatim. */
export const aggregatedDiscoveryContentType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

interface GroupVersions {
  group: string;
  versions: Map<string, ResourceInfo[]>;
}

function groups(resources: ResourceInfo[]): GroupVersions[] {
  const out = new Map<string, GroupVersions>();
  for (const r of resources) {
    let g = out.get(r.group);
    if (!g) out.set(r.group, (g = { group: r.group, versions: new Map() }));
    let v = g.versions.get(r.version);
    if (!v) g.versions.set(r.version, (v = []));
    v.push(r);
  }
  return [...out.values()];
}

/** Whether an Accept header asks for aggregated discovery. */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return !!accept && /as=APIGroupDiscoveryList/.test(accept) && /v=v2(;|,|$)/.test(accept.replace(/\s/g, ''));
}

/** `GET /api` and `GET /apis` as an aggregated `APIGroupDiscoveryList`. */
export function aggregatedDiscovery(resources: ResourceInfo[], legacy: boolean): object {
  const items = groups(resources)
    .filter((g) => (g.group === '') === legacy)
    .map((g) => ({
      metadata: legacy ? { creationTimestamp: null } : { name: g.group, creationTimestamp: null },
      versions: [...g.versions.entries()].map(([version, rs]) => ({
        version,
        freshness: 'Current',
        resources: rs.map((r) => ({
          resource: r.resource,
          responseKind: { group: r.group, version: r.version, kind: r.kind },
          scope: r.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: r.singular,
          verbs: r.verbs,
          ...(r.shortNames?.length ? { shortNames: r.shortNames } : {}),
          ...(r.categories?.length ? { categories: r.categories } : {}),
          ...(r.subresources.length
            ? {
                subresources: r.subresources.map((s) => ({
                  subresource: s.name,
                  responseKind: { group: s.group ?? r.group, version: s.version ?? r.version, kind: s.kind },
                  verbs: s.verbs,
                })),
              }
            : {}),
        })),
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

/** Legacy `GET /api` (APIVersions). */
export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(g: GroupVersions): object {
  const versions = [...g.versions.keys()].map((v) => ({ groupVersion: `${g.group}/${v}`, version: v }));
  return { name: g.group, versions, preferredVersion: versions[0] };
}

/** Legacy `GET /apis` (APIGroupList). */
export function apiGroupList(resources: ResourceInfo[]): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups(resources).filter((g) => g.group !== '').map(apiGroup) };
}

/** Legacy `GET /apis/{group}` (APIGroup), or undefined when the group is not served. */
export function apiGroupDoc(resources: ResourceInfo[], group: string): object | undefined {
  const g = groups(resources).find((x) => x.group === group && group !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) } : undefined;
}

/** Legacy `GET /api/v1` or `/apis/{group}/{version}` (APIResourceList), or undefined. */
export function apiResourceList(resources: ResourceInfo[], group: string, version: string): object | undefined {
  const rs = resources.filter((r) => r.group === group && r.version === version);
  if (rs.length === 0) return undefined;
  const list: object[] = [];
  for (const r of rs) {
    list.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames?.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories?.length ? { categories: r.categories } : {}),
      storageVersionHash: storageVersionHash(r),
    });
    for (const s of r.subresources) {
      list.push({
        name: `${r.resource}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(s.group !== undefined ? { group: s.group } : {}),
        ...(s.version !== undefined ? { version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: list };
}

function storageVersionHash(r: ResourceInfo): string {
  let h = 0;
  for (const c of `${r.group}/${r.version}/${r.kind}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return Buffer.from(h.toString(16).padStart(8, '0')).toString('base64').slice(0, 11);
}
