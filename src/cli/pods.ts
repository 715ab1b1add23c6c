import type { Pod } from '../apis/index.js';
import type { CommandContext } from './command.js';
import type { Session } from './connect.js';
import { ExitError } from './io.js';

/** Reads the pod a `POD` or `pod/POD` argument names. */
export async function getPod(session: Session, arg: string): Promise<Pod> {
  let name = arg;
  const slash = arg.indexOf('/');
  if (slash >= 0) {
    const r = await session.resources.resolve(arg.slice(0, slash));
    if (r.resource !== 'pods') throw new ExitError(`error: cannot attach to ${r.kind}: selector for ${r.kind} not implemented`);
    name = arg.slice(slash + 1);
  }
  return session.client.get<Pod>({ group: '', version: 'v1', resource: 'pods', namespaced: true }, session.namespace, name);
}

/**
 * The container a command acts on: `-c`, else the `kubectl.kubernetes.io/default-container`
 * annotation, else the first — announcing the choice on stderr like kubectl when there are several.
 */
export function chooseContainer(ctx: CommandContext, pod: Pod, requested: string | undefined): string {
  if (requested) return requested;
  const names = pod.spec!.containers.map((c) => c.name);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const chosen = annotated && names.includes(annotated) ? annotated : names[0]!;
  if (names.length > 1 && !annotated) ctx.err(`Defaulted container "${chosen}" out of: ${[...names, ...(pod.spec!.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`)].join(', ')}\n`);
  return chosen;
}

/** Path of a pod subresource. */
export function podPath(namespace: string, name: string, sub: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/${sub}`;
}
