/**
 * Client-side apply as kubectl does it: the manifest is remembered in the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation, and an update is a strategic
 * merge patch computed three ways (last applied, this manifest, the live object).
 */
import type { KubeObject } from '../apis/index.js';
import { StatusError } from '../apis/index.js';
import type { Session } from './connect.js';
import type { Manifest } from './manifests.js';
import { goJson } from './printers.js';
import type { ApiResource } from './resources.js';
import { typePrefix } from './resources.js';
import { ExitError } from './io.js';

/** The annotation kubectl apply keeps the last applied manifest in. */
export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/** What apply did to one object. */
export type ApplyResult = 'created' | 'configured' | 'unchanged';

/** The namespace a manifest's object goes to (`-n` must agree with the manifest's own). */
export function manifestNamespace(m: Manifest, r: ApiResource, session: Session): string | undefined {
  if (!r.namespaced) return undefined;
  const own = m.object.metadata.namespace;
  if (own && session.explicitNamespace && own !== session.namespace) {
    throw new ExitError(
      `error: the namespace from the provided object "${own}" does not match the namespace "${session.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  }
  return own ?? session.namespace;
}

/** kubectl's `error when <verb> "<file>": …` wrapping of a server error. */
export function withSource(err: unknown, verb: string, source: string): unknown {
  if (!(err instanceof StatusError)) return err;
  return new StatusError({ ...err.status, message: `error when ${verb} "${source}": ${err.status.message}` });
}

/** Applies one manifest object; returns what happened and the `pod/x` name. */
export async function applyOne(session: Session, m: Manifest): Promise<{ result: ApplyResult; name: string; object: KubeObject }> {
  const r = await session.resources.forKind(m.object.apiVersion!, m.object.kind!);
  const ns = manifestNamespace(m, r, session);
  const name = `${typePrefix(r)}/${m.object.metadata.name}`;
  const modified = structuredClone(m.object);
  if (ns) modified.metadata.namespace = ns;
  const annotations = { ...(modified.metadata.annotations ?? {}) };
  delete annotations[lastAppliedAnnotation];
  modified.metadata.annotations = annotations;
  const lastApplied = goJson(modified);
  modified.metadata.annotations = { ...annotations, [lastAppliedAnnotation]: lastApplied + '\n' };

  let current: KubeObject;
  try {
    current = await session.client.get(r, ns, m.object.metadata.name!);
  } catch (err) {
    if (!(err instanceof StatusError && err.status.code === 404)) throw withSource(err, 'retrieving current configuration of:\nResource', m.source);
    try {
      const created = await session.client.create(r, ns, modified, 'kubectl-client-side-apply');
      return { result: 'created', name, object: created };
    } catch (e) {
      throw withSource(e, 'creating', m.source);
    }
  }
  const originalText = current.metadata.annotations?.[lastAppliedAnnotation];
  const original = originalText ? (JSON.parse(originalText) as Record<string, unknown>) : {};
  const patch = threeWayPatch(original, modified as unknown as Record<string, unknown>, current as unknown as Record<string, unknown>);
  if (Object.keys(patch).length === 0) return { result: 'unchanged', name, object: current };
  try {
    const updated = await session.client.patch(r, ns, m.object.metadata.name!, r.group === '' ? 'strategic' : 'merge', patch, { fieldManager: 'kubectl-client-side-apply' });
    return { result: 'configured', name, object: updated };
  } catch (err) {
    throw withSource(err, 'applying patch:\n' + JSON.stringify(patch) + '\nto:\nResource', m.source);
  }
}

type Json = Record<string, unknown>;

const isMap = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The patch that takes `current` to `modified`, deleting what `original` had and `modified`
 * dropped: fields of `modified` that the live object lacks or holds differently, nested maps
 * recursively, lists whole (strategic merge then merges keyed lists such as containers by name).
 */
export function threeWayPatch(original: Json, modified: Json, current: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(modified)) {
    const c = current[k];
    if (isMap(v) && isMap(c)) {
      const sub = threeWayPatch(isMap(original[k]) ? original[k] : {}, v, c);
      if (Object.keys(sub).length) out[k] = sub;
    } else if (!subsetEqual(v, c)) {
      out[k] = v;
    }
  }
  for (const k of Object.keys(original)) if (!(k in modified) && k in current) out[k] = null;
  return out;
}

/** Whether `want` is contained in `got` (maps: every key of want; lists: element-wise, same length). */
export function subsetEqual(want: unknown, got: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => subsetEqual(w, got[i]));
  if (isMap(want)) return isMap(got) && Object.entries(want).every(([k, v]) => subsetEqual(v, got[k]) || (isEmpty(v) && got[k] === undefined));
  return want === got;
}

function isEmpty(v: unknown): boolean {
  return (isMap(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0);
}
