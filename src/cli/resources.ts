import type { HttpTransport, ResourceRef } from '../client/index.js';
import { ExitError } from './io.js';

/** A served resource as discovery describes it. */
export interface ApiResource extends ResourceRef {
  kind: string;
  singularName: string;
  shortNames: string[];
  verbs: string[];
}

interface ApiResourceList {
  groupVersion: string;
  resources: { name: string; singularName?: string; namespaced: boolean; kind: string; verbs?: string[]; shortNames?: string[] }[];
}

interface ApiGroupList {
  groups: { name: string; preferredVersion?: { groupVersion: string }; versions: { groupVersion: string }[] }[];
}

/**
 * Resolves what users type (`pods`, `pod`, `po`, `svc`, `deployments.apps`) and what manifests
 * carry (apiVersion + kind) to served resources, from the server's legacy discovery, fetched once.
 */
export class ResourceResolver {
  private all?: Promise<ApiResource[]>;

  constructor(private readonly transport: HttpTransport) {}

  /** Every top-level served resource (core first, then groups in discovery order). */
  list(): Promise<ApiResource[]> {
    this.all ??= this.discover();
    return this.all;
  }

  private async discover(): Promise<ApiResource[]> {
    const lists: ApiResourceList[] = [await this.transport.request<ApiResourceList>({ method: 'GET', path: '/api/v1' })];
    const groups = await this.transport.request<ApiGroupList>({ method: 'GET', path: '/apis' });
    const versions = groups.groups.map((g) => g.preferredVersion?.groupVersion ?? g.versions[0]?.groupVersion).filter((v): v is string => !!v);
    lists.push(
      ...(await Promise.all(versions.map((gv) => this.transport.request<ApiResourceList>({ method: 'GET', path: `/apis/${gv}` }).catch(() => undefined)))).filter(
        (l): l is ApiResourceList => !!l,
      ),
    );
    const out: ApiResource[] = [];
    for (const l of lists) {
      const [group, version] = l.groupVersion.includes('/') ? l.groupVersion.split('/') : ['', l.groupVersion];
      for (const r of l.resources) {
        if (r.name.includes('/')) continue;
        out.push({
          group: group!,
          version: version!,
          resource: r.name,
          namespaced: r.namespaced,
          kind: r.kind,
          singularName: r.singularName || r.kind.toLowerCase(),
          shortNames: r.shortNames ?? [],
          verbs: r.verbs ?? [],
        });
      }
    }
    return out;
  }

  /** Resolves a user-typed resource type; throws kubectl's error for unknown ones. */
  async resolve(typed: string): Promise<ApiResource> {
    const all = await this.list();
    const lower = typed.toLowerCase();
    const dot = lower.indexOf('.');
    const name = dot < 0 ? lower : lower.slice(0, dot);
    const groupPart = dot < 0 ? undefined : lower.slice(dot + 1);
    const matches = (r: ApiResource) =>
      (r.resource === name || r.singularName === name || r.shortNames.includes(name) || r.kind.toLowerCase() === name) &&
      (groupPart === undefined || r.group === groupPart || `${r.version}.${r.group}` === groupPart || (groupPart === r.version && r.group === ''));
    // Core resources win over same-named ones in groups (events vs events.events.k8s.io).
    const found = all.find((r) => matches(r) && r.group === '') ?? all.find(matches);
    if (!found) throw new ExitError(`error: the server doesn't have a resource type "${typed}"`);
    return found;
  }

  /** The resource of a manifest's apiVersion and kind. */
  async forKind(apiVersion: string, kind: string): Promise<ApiResource> {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const found = (await this.list()).find((r) => r.group === group && r.version === version && r.kind === kind);
    if (!found) {
      throw new ExitError(`error: resource mapping not found for name: "" namespace: "" from "": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`);
    }
    return found;
  }
}

/** kubectl's `TYPE/NAME` prefix of a resource: `pod`, `service`, `deployment.apps`. */
export function typePrefix(r: ApiResource): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}
