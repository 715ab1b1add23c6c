import type { KubeObject } from '../apis/index.js';
import type { ApiClient, ListQuery } from '../client/index.js';
import type { Session } from './connect.js';
import { ExitError } from './io.js';
import type { ApiResource } from './resources.js';

/** One resource type and the names asked for (none: all, by selector). */
export interface Target {
  resource: ApiResource;
  names: string[];
}

/**
 * Parses kubectl's resource arguments: `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…`, returning one
 * target per type in the order given.
 */
export async function parseTargets(positionals: string[], session: Session, verb: string): Promise<Target[]> {
  if (positionals.length === 0) return [];
  const targets: Target[] = [];
  if (positionals.some((p) => p.includes('/'))) {
    for (const p of positionals) {
      const slash = p.indexOf('/');
      if (slash < 0) throw new ExitError(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'podyard ${verb} resource/<resource_name>' instead of 'podyard ${verb} resource resource/<resource_name>'`);
      const resource = await session.resources.resolve(p.slice(0, slash));
      const name = p.slice(slash + 1);
      const existing = targets.find((t) => t.resource === resource);
      if (existing) existing.names.push(name);
      else targets.push({ resource, names: [name] });
    }
    return targets;
  }
  const [types, ...names] = positionals;
  for (const t of types!.split(',').filter(Boolean)) targets.push({ resource: await session.resources.resolve(t), names: [...names] });
  return targets;
}

/** The namespace argument of a request for `resource` (undefined for cluster-scoped ones or `-A`). */
export function namespaceFor(resource: ApiResource, session: Session, allNamespaces: boolean): string | undefined {
  if (!resource.namespaced || allNamespaces) return undefined;
  return session.namespace;
}

/** Lists every object of a target (following `continue`). */
export async function listAll<T extends KubeObject>(client: ApiClient, resource: ApiResource, namespace: string | undefined, query: ListQuery): Promise<T[]> {
  const items: T[] = [];
  let cont: string | undefined;
  do {
    const page = await client.list<T>(resource, namespace, { ...query, ...(cont ? { continue: cont } : {}) });
    items.push(...page.items);
    cont = page.metadata.continue || undefined;
  } while (cont);
  return items;
}
