/**
 * The file payloads of the projected volume kinds, as the kubelet's plugins build them:
 * configmap `MakePayload`, secret `MakePayload`, downwardapi `CollectData` and projected
 * `collectData`. Pure functions; errors carry the kubelet's message, which the volume manager
 * prefixes with `MountVolume.SetUp failed for volume "<name>" : `.
 * @module
 */
import type {
  ConfigMap,
  Container,
  DownwardAPIVolumeFile,
  KeyToPath,
  Pod,
  ProjectedVolumeSource,
  Secret,
} from '../../apis/index.js';
import { goQuote } from '../../apis/index.js';
import { containerResourceRuntimeValue, extractFieldPathAsString } from '../pod-logic/index.js';
import type { FileProjection, Payload } from './atomic-writer.js';

/** The API default of `defaultMode` for configMap, secret, downwardAPI and projected volumes (0644). */
export const defaultVolumeFileMode = 0o644;

/** utilerrors `NewAggregate(...).Error()`: one message as is, several as `[a, b]`. */
export function aggregateMessage(messages: readonly string[]): string {
  return messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`;
}

/** configmap `MakePayload`: all keys (data and binaryData) or the `items`, with their modes. */
export function configMapPayload(items: readonly KeyToPath[] | undefined, configMap: ConfigMap, defaultMode: number, optional: boolean): Payload {
  const payload: Payload = new Map();
  const data = configMap.data ?? {};
  const binaryData = configMap.binaryData ?? {};
  if (!items?.length) {
    for (const [name, value] of Object.entries(data)) payload.set(name, { data: Buffer.from(value, 'utf8'), mode: defaultMode });
    for (const [name, value] of Object.entries(binaryData)) payload.set(name, { data: Buffer.from(value, 'base64'), mode: defaultMode });
    return payload;
  }
  for (const ktp of items) {
    let bytes: Buffer;
    if (Object.prototype.hasOwnProperty.call(data, ktp.key)) bytes = Buffer.from(data[ktp.key]!, 'utf8');
    else if (Object.prototype.hasOwnProperty.call(binaryData, ktp.key)) bytes = Buffer.from(binaryData[ktp.key]!, 'base64');
    else {
      if (optional) continue;
      throw new Error(`configmap references non-existent config key: ${ktp.key}`);
    }
    payload.set(ktp.path, { data: bytes, mode: ktp.mode ?? defaultMode });
  }
  return payload;
}

/** secret `MakePayload`: `data` values are base64 on the wire and written decoded. */
export function secretPayload(items: readonly KeyToPath[] | undefined, secret: Secret, defaultMode: number, optional: boolean): Payload {
  const payload: Payload = new Map();
  const data = secret.data ?? {};
  if (!items?.length) {
    for (const [name, value] of Object.entries(data)) payload.set(name, { data: Buffer.from(value, 'base64'), mode: defaultMode });
    return payload;
  }
  for (const ktp of items) {
    if (!Object.prototype.hasOwnProperty.call(data, ktp.key)) {
      if (optional) continue;
      throw new Error(`references non-existent secret key: ${ktp.key}`);
    }
    payload.set(ktp.path, { data: Buffer.from(data[ktp.key]!, 'base64'), mode: ktp.mode ?? defaultMode });
  }
  return payload;
}

/**
 * pkg/fieldpath `FormatMap` as of Kubernetes 1.2x: `key="value"` lines sorted by key, joined
 * with newlines, no trailing newline (values quoted like Go's `%q`).
 */
export function formatDownwardMap(map: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((k) => `${k}=${goQuote(map![k]!)}`)
    .join('\n');
}

/** The value of a downwardAPI volume fieldRef (fieldpath `ExtractFieldPathAsString`). */
function downwardFieldValue(pod: Pod, fieldPath: string): string {
  if (fieldPath === 'metadata.labels') return formatDownwardMap(pod.metadata.labels);
  if (fieldPath === 'metadata.annotations') return formatDownwardMap(pod.metadata.annotations);
  return extractFieldPathAsString(pod, fieldPath);
}

/**
 * downwardapi `CollectData`: one file per item, from a pod fieldRef (name, namespace, uid,
 * labels, annotations, a label or annotation by key) or a container resourceFieldRef (with
 * unset limits standing for the node's allocatable). Errors are collected and aggregated.
 */
export function downwardAPIPayload(
  items: readonly DownwardAPIVolumeFile[] | undefined,
  pod: Pod,
  defaultMode: number,
  nodeAllocatable?: Readonly<Record<string, string | number>>,
): Payload {
  const payload: Payload = new Map();
  const errors: string[] = [];
  for (const item of items ?? []) {
    const file: FileProjection = { data: Buffer.alloc(0), mode: item.mode ?? defaultMode };
    try {
      if (item.fieldRef) {
        file.data = Buffer.from(downwardFieldValue(pod, item.fieldRef.fieldPath), 'utf8');
      } else if (item.resourceFieldRef) {
        const name = item.resourceFieldRef.containerName ?? '';
        const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
        const container: Container | undefined = all.find((c) => c.name === name);
        if (!container) throw new Error(`container ${name} not found`);
        file.data = Buffer.from(containerResourceRuntimeValue({ ...item.resourceFieldRef, containerName: name }, pod, container, nodeAllocatable), 'utf8');
      }
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
    payload.set(posixClean(item.path), file);
  }
  if (errors.length) throw new Error(aggregateMessage(errors));
  return payload;
}

function posixClean(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(seg);
  }
  return (p.startsWith('/') ? '/' : '') + parts.join('/') || '.';
}

/** The object lookups a projected volume needs; undefined means NotFound, other failures throw. */
export interface ProjectedLookups {
  getConfigMap(namespace: string, name: string): Promise<ConfigMap | undefined>;
  getSecret(namespace: string, name: string): Promise<Secret | undefined>;
}

/** A projection source that was left out, and why (logged by the caller). */
export interface SkippedProjection {
  path: string;
  reason: string;
}

/**
 * projected `collectData`: the configMap, secret and downwardAPI sources merged into one
 * payload, later sources winning on equal paths; errors collected and aggregated.
 * serviceAccountToken, clusterTrustBundle and podCertificate sources cannot be served (Podyard
 * issues no tokens or certificates) and are skipped — never written as placeholders — and
 * reported in `skipped`.
 */
export async function projectedPayload(
  source: ProjectedVolumeSource,
  pod: Pod,
  lookups: ProjectedLookups,
  nodeAllocatable?: Readonly<Record<string, string | number>>,
): Promise<{ payload: Payload; skipped: SkippedProjection[] }> {
  const defaultMode = source.defaultMode ?? defaultVolumeFileMode;
  const namespace = pod.metadata.namespace ?? '';
  const payload: Payload = new Map();
  const skipped: SkippedProjection[] = [];
  const errors: string[] = [];
  const merge = (p: Payload) => {
    for (const [k, v] of p) payload.set(k, v);
  };
  for (const s of source.sources ?? []) {
    try {
      if (s.secret) {
        const optional = s.secret.optional === true;
        const name = s.secret.name ?? '';
        let secret = await lookups.getSecret(namespace, name);
        if (!secret) {
          if (!optional) throw new Error(`secret ${goQuote(name)} not found`);
          secret = { metadata: { namespace, name } };
        }
        merge(secretPayload(s.secret.items, secret, defaultMode, optional));
      } else if (s.configMap) {
        const optional = s.configMap.optional === true;
        const name = s.configMap.name ?? '';
        let configMap = await lookups.getConfigMap(namespace, name);
        if (!configMap) {
          if (!optional) throw new Error(`configmap ${goQuote(name)} not found`);
          configMap = { metadata: { namespace, name } };
        }
        merge(configMapPayload(s.configMap.items, configMap, defaultMode, optional));
      } else if (s.downwardAPI) {
        merge(downwardAPIPayload(s.downwardAPI.items, pod, defaultMode, nodeAllocatable));
      } else if (s.serviceAccountToken) {
        skipped.push({ path: s.serviceAccountToken.path, reason: 'serviceAccountToken projections are not supported: Podyard issues no service account tokens' });
      } else if (s.clusterTrustBundle) {
        skipped.push({ path: s.clusterTrustBundle.path, reason: 'clusterTrustBundle projections are not supported' });
      } else if (s.podCertificate) {
        skipped.push({ path: s.podCertificate.credentialBundlePath ?? s.podCertificate.certificateChainPath ?? '', reason: 'podCertificate projections are not supported' });
      }
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }
  if (errors.length) throw new Error(aggregateMessage(errors));
  return { payload, skipped };
}
