/**
 * A container's process as the kubelet and the CRI runtime build it: environment variables
 * (`pkg/kubelet/kubelet_pods.go` `makeEnvironmentVariables`, `podFieldSelectorRuntimeValue`,
 * `containerResourceRuntimeValue`; `pkg/fieldpath`; `pkg/api/v1/resource`), `$(VAR)` expansion of
 * command and args (`pkg/kubelet/container/helpers.go` `ExpandContainerCommandAndArgs`), the
 * merge with the image config (containerd `WithProcessArgs`/`WithEnv`, the rules Kubernetes
 * documents for command/args vs Entrypoint/Cmd) and the runAsNonRoot check
 * (`kuberuntime/security_context_others.go` `verifyRunAsNonRoot`).
 *
 * Failures throw {@link PodLogicError} with code `CreateContainerConfigError` and the kubelet's
 * message, which the node agent reports as the container's waiting reason and in a `Failed` event.
 * @module
 */
import {
  type ConfigMap,
  type Container,
  type EnvVar,
  type ObjectFieldSelector,
  type Pod,
  type ResourceFieldSelector,
  type Secret,
  type SecurityContext,
  goQuote,
  isQualifiedName,
  parseQuantity,
  toMilli,
  toValue,
  tryParseQuantity,
} from '../../apis/index.js';
import { errorMessage } from '../../base/index.js';
import type { ImageConfig } from '../../runtime/index.js';
import { PodLogicError, podLogicErrorCodes } from './errors.js';
import { expand, mappingFuncFor } from './expansion.js';
import { formatPodFullName } from './observed.js';

/** One resolved environment variable (kubecontainer `EnvVar`). */
export interface EnvVarValue {
  name: string;
  value: string;
}

/** What {@link makeEnvironmentVariables} reads besides the pod. */
export interface EnvironmentContext {
  /** The ConfigMap, or undefined when it does not exist (other failures throw). */
  getConfigMap(namespace: string, name: string): Promise<ConfigMap | undefined> | ConfigMap | undefined;
  /** The Secret, or undefined when it does not exist (other failures throw). */
  getSecret(namespace: string, name: string): Promise<Secret | undefined> | Secret | undefined;
  /** Service link variables (`WEB_SERVICE_HOST`…), consulted by `$(VAR)` and appended last. */
  serviceEnv?: Readonly<Record<string, string>>;
  /** The pod's primary IP ('' before the sandbox has one). */
  podIP: string;
  /** All pod IPs; `status.podIPs` joins them with commas. Defaults to `[podIP]`. */
  podIPs?: string[];
  hostIP: string;
  /** All host IPs; `status.hostIPs`. Defaults to `[hostIP]`. */
  hostIPs?: string[];
  /** Used for `spec.nodeName` when the pod has none yet. */
  nodeName: string;
  /**
   * The node's allocatable resources, standing in for unset limits in `resourceFieldRef`
   * (kubelet `defaultPodLimitsForDownwardAPI`): `{ cpu: '2', memory: '8Gi', 'ephemeral-storage': '100Gi' }`.
   */
  nodeAllocatable?: Readonly<Record<string, string | number>>;
}

/** The environment of a container, in a stable order: envFrom keys, then env in declaration order, then service links. */
export interface ContainerEnvironment {
  env: EnvVarValue[];
}

function configError(message: string, cause?: unknown): PodLogicError {
  return new PodLogicError(podLogicErrorCodes.CreateContainerConfigError, message, cause === undefined ? undefined : { cause });
}

/**
 * Builds a container's environment as the kubelet does (`makeEnvironmentVariables`):
 *
 * 1. `envFrom`, in order, each key optionally prefixed; later sources override earlier ones. A
 *    missing ConfigMap/Secret fails unless `optional`. Keys are taken as they are: since
 *    RelaxedEnvironmentVariableValidation (on by default since 1.32) the kubelet no longer skips
 *    keys that are not C identifiers.
 * 2. `env`, in order, overriding envFrom: a non-empty `value` is `$(VAR)`-expanded against the
 *    variables defined so far (envFrom and earlier env) and the service variables; otherwise
 *    `valueFrom` is resolved (fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef). An
 *    optional missing source or key leaves the variable out entirely.
 * 3. Service variables not already defined.
 *
 * Throws {@link PodLogicError} `CreateContainerConfigError` with the kubelet's message:
 * `configmap "x" not found`, `couldn't find key y in ConfigMap default/x`,
 * `secret "s" not found`, `couldn't find key k in Secret default/s`, …
 */
export async function makeEnvironmentVariables(pod: Pod, container: Container, ctx: EnvironmentContext): Promise<ContainerEnvironment> {
  const namespace = pod.metadata.namespace ?? 'default';
  const serviceEnv = ctx.serviceEnv ?? {};
  const configMaps = new Map<string, ConfigMap>();
  const secrets = new Map<string, Secret>();
  const tmpEnv = new Map<string, string>();

  const getConfigMap = async (name: string, optional: boolean): Promise<ConfigMap | undefined> => {
    const cached = configMaps.get(name);
    if (cached) return cached;
    let cm: ConfigMap | undefined;
    try {
      cm = await ctx.getConfigMap(namespace, name);
    } catch (err) {
      throw configError(errorMessage(err), err);
    }
    if (!cm) {
      if (optional) return undefined;
      throw configError(`configmap "${name}" not found`);
    }
    configMaps.set(name, cm);
    return cm;
  };
  const getSecret = async (name: string, optional: boolean): Promise<Secret | undefined> => {
    const cached = secrets.get(name);
    if (cached) return cached;
    let secret: Secret | undefined;
    try {
      secret = await ctx.getSecret(namespace, name);
    } catch (err) {
      throw configError(errorMessage(err), err);
    }
    if (!secret) {
      if (optional) return undefined;
      throw configError(`secret "${name}" not found`);
    }
    secrets.set(name, secret);
    return secret;
  };

  // 1. envFrom: later sources override earlier ones; env overrides all of them.
  for (const envFrom of container.envFrom ?? []) {
    const prefix = envFrom.prefix ?? '';
    if (envFrom.configMapRef) {
      const cm = await getConfigMap(envFrom.configMapRef.name ?? '', envFrom.configMapRef.optional === true);
      if (!cm) continue;
      for (const [k, v] of Object.entries(cm.data ?? {})) tmpEnv.set(prefix + k, v);
    } else if (envFrom.secretRef) {
      const secret = await getSecret(envFrom.secretRef.name ?? '', envFrom.secretRef.optional === true);
      if (!secret) continue;
      for (const [k, v] of Object.entries(secret.data ?? {})) tmpEnv.set(prefix + k, decodeSecretValue(v));
    }
  }

  // 2. env, in declaration order.
  const mapping = mappingFuncFor(tmpEnv, serviceEnv);
  for (const envVar of container.env ?? []) {
    const value = await resolveEnvVar(pod, container, envVar, ctx, mapping, getConfigMap, getSecret, namespace);
    if (value === undefined) continue; // optional and missing
    tmpEnv.set(envVar.name, value);
  }

  // 3. Service links not overridden.
  const env: EnvVarValue[] = [...tmpEnv].map(([name, value]) => ({ name, value }));
  for (const [name, value] of Object.entries(serviceEnv)) if (!tmpEnv.has(name)) env.push({ name, value });
  return { env };
}

async function resolveEnvVar(
  pod: Pod,
  container: Container,
  envVar: EnvVar,
  ctx: EnvironmentContext,
  mapping: (name: string) => string,
  getConfigMap: (name: string, optional: boolean) => Promise<ConfigMap | undefined>,
  getSecret: (name: string, optional: boolean) => Promise<Secret | undefined>,
  namespace: string,
): Promise<string | undefined> {
  const value = envVar.value ?? '';
  if (value !== '') return expand(value, mapping);
  const from = envVar.valueFrom;
  if (!from) return '';
  if (from.fieldRef) {
    try {
      return podFieldSelectorRuntimeValue(from.fieldRef, pod, ctx);
    } catch (err) {
      throw configError(errorMessage(err), err);
    }
  }
  if (from.resourceFieldRef) {
    try {
      return containerResourceRuntimeValue(from.resourceFieldRef, pod, container, ctx.nodeAllocatable);
    } catch (err) {
      throw configError(errorMessage(err), err);
    }
  }
  if (from.configMapKeyRef) {
    const { name = '', key, optional = false } = from.configMapKeyRef;
    const cm = await getConfigMap(name, optional);
    if (!cm) return undefined;
    const data = cm.data ?? {};
    if (!Object.prototype.hasOwnProperty.call(data, key)) {
      if (optional) return undefined;
      throw configError(`couldn't find key ${key} in ConfigMap ${namespace}/${name}`);
    }
    return data[key]!;
  }
  if (from.secretKeyRef) {
    const { name = '', key, optional = false } = from.secretKeyRef;
    const secret = await getSecret(name, optional);
    if (!secret) return undefined;
    const data = secret.data ?? {};
    if (!Object.prototype.hasOwnProperty.call(data, key)) {
      if (optional) return undefined;
      throw configError(`couldn't find key ${key} in Secret ${namespace}/${name}`);
    }
    return decodeSecretValue(data[key]!);
  }
  return '';
}

/** Secret `data` values travel base64-encoded in the API; the process sees the bytes. */
function decodeSecretValue(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// Downward API

/** pkg/fieldpath `SplitMaybeSubscriptedPath`: `metadata.labels['k']` → [`metadata.labels`, `k`]. */
export function splitMaybeSubscriptedPath(fieldPath: string): [string, string, boolean] {
  if (!fieldPath.endsWith("']")) return [fieldPath, '', false];
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return [fieldPath, '', false];
  return [s.slice(0, at), s.slice(at + 2), true];
}

/** pkg/apis/core/pods `ConvertDownwardAPIFieldLabel` for env fieldRefs (v1 only). */
function convertDownwardAPIFieldLabel(version: string, label: string): string {
  if (version !== 'v1') throw new Error(`unsupported pod version: ${version}`);
  const [path, , subscripted] = splitMaybeSubscriptedPath(label);
  if (subscripted) {
    if (path === 'metadata.annotations' || path === 'metadata.labels') return label;
    throw new Error(`field label does not support subscript: ${label}`);
  }
  switch (label) {
    case 'metadata.annotations':
    case 'metadata.labels':
    case 'metadata.name':
    case 'metadata.namespace':
    case 'metadata.uid':
    case 'spec.nodeName':
    case 'spec.restartPolicy':
    case 'spec.serviceAccountName':
    case 'spec.schedulerName':
    case 'status.phase':
    case 'status.hostIP':
    case 'status.hostIPs':
    case 'status.podIP':
    case 'status.podIPs':
      return label;
    case 'spec.host':
      // Old v1 clients.
      return 'spec.nodeName';
    default:
      throw new Error(`field label not supported: ${label}`);
  }
}

/**
 * kubelet `podFieldSelectorRuntimeValue`: the value of a pod fieldRef. Throws Go's error text
 * (`unsupported fieldPath: status.phase`, `invalid key subscript in …`).
 */
export function podFieldSelectorRuntimeValue(
  fs: ObjectFieldSelector,
  pod: Pod,
  ctx: Pick<EnvironmentContext, 'podIP' | 'podIPs' | 'hostIP' | 'hostIPs' | 'nodeName'>,
): string {
  const path = convertDownwardAPIFieldLabel(fs.apiVersion || 'v1', fs.fieldPath);
  const hostIPs = ctx.hostIPs?.length ? ctx.hostIPs : ctx.hostIP ? [ctx.hostIP] : [];
  const podIPs = sortPodIPs(ctx.podIPs?.length ? ctx.podIPs : ctx.podIP ? [ctx.podIP] : [], hostIPs[0]);
  switch (path) {
    case 'spec.nodeName':
      return pod.spec?.nodeName || ctx.nodeName;
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return hostIPs[0] ?? '';
    case 'status.hostIPs':
      return hostIPs.join(',');
    case 'status.podIP':
      return podIPs[0] ?? ctx.podIP;
    case 'status.podIPs':
      return podIPs.join(',');
  }
  return extractFieldPathAsString(pod, path);
}

/** pkg/fieldpath `ExtractFieldPathAsString` over a pod's metadata. */
export function extractFieldPathAsString(pod: Pod, fieldPath: string): string {
  const [path, subscript, subscripted] = splitMaybeSubscriptedPath(fieldPath);
  if (subscripted) {
    switch (path) {
      case 'metadata.annotations': {
        const errs = isQualifiedName(subscript.toLowerCase());
        if (errs.length) throw new Error(`invalid key subscript in ${fieldPath}: ${errs.join(';')}`);
        return pod.metadata.annotations?.[subscript] ?? '';
      }
      case 'metadata.labels': {
        const errs = isQualifiedName(subscript);
        if (errs.length) throw new Error(`invalid key subscript in ${fieldPath}: ${errs.join(';')}`);
        return pod.metadata.labels?.[subscript] ?? '';
      }
      default:
        throw new Error(`fieldPath ${goQuote(fieldPath)} does not support subscript`);
    }
  }
  switch (fieldPath) {
    case 'metadata.annotations':
      return formatMap(pod.metadata.annotations);
    case 'metadata.labels':
      return formatMap(pod.metadata.labels);
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
  }
  throw new Error(`unsupported fieldPath: ${fieldPath}`);
}

/** pkg/fieldpath `FormatMap`: `key="value"\n` lines in key order (what downward API files hold). */
export function formatMap(map: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((k) => `${k}=${goQuote(map![k]!)}`)
    .join('\n');
}


/**
 * kubelet `sortPodIPs`: the first IP of the node's family, then the first of the other family
 * (at most two).
 */
export function sortPodIPs(podIPs: readonly string[], nodeIP?: string): string[] {
  const isV6 = (ip: string) => ip.includes(':');
  const primaryV6 = nodeIP !== undefined && isV6(nodeIP);
  const primary = podIPs.find((ip) => isV6(ip) === primaryV6);
  const secondary = podIPs.find((ip) => isV6(ip) !== primaryV6);
  return [primary, secondary].filter((ip): ip is string => ip !== undefined);
}

// ---------------------------------------------------------------------------------------------
// resourceFieldRef

/**
 * kubelet `containerResourceRuntimeValue` with `defaultPodLimitsForDownwardAPI`: the container's
 * (or `containerName`'s) request or limit, divided by the divisor and rounded up. Unset cpu,
 * memory and ephemeral-storage limits stand for the node's allocatable. `1` is the default
 * divisor; cpu `limits.cpu` with divisor `1m` gives millicores.
 */
export function containerResourceRuntimeValue(
  fs: ResourceFieldSelector,
  pod: Pod,
  container: Container,
  nodeAllocatable?: Readonly<Record<string, string | number>>,
): string {
  let target = container;
  if (fs.containerName) {
    const found = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === fs.containerName);
    if (!found) throw new Error(`container ${fs.containerName} not found`);
    target = found;
  }
  const limits = defaultedLimits(target, nodeAllocatable);
  const requests = target.resources?.requests ?? {};
  const divisor = tryParseQuantity(fs.divisor);
  const div = divisor && divisor.mantissa !== 0n ? divisor : parseQuantity('1');
  const cpu = (raw: unknown) => String(Math.ceil(toMilli(tryParseQuantity(raw) ?? parseQuantity('0')) / toMilli(div)));
  const bytes = (raw: unknown) => String(Math.ceil(toValue(tryParseQuantity(raw) ?? parseQuantity('0')) / toValue(div)));
  switch (fs.resource) {
    case 'limits.cpu': return cpu(limits.cpu);
    case 'limits.memory': return bytes(limits.memory);
    case 'limits.ephemeral-storage': return bytes(limits['ephemeral-storage']);
    case 'requests.cpu': return cpu(requests.cpu);
    case 'requests.memory': return bytes(requests.memory);
    case 'requests.ephemeral-storage': return bytes(requests['ephemeral-storage']);
  }
  if (fs.resource.startsWith('requests.hugepages-')) return bytes(requests[fs.resource.slice('requests.'.length)]);
  if (fs.resource.startsWith('limits.hugepages-')) return bytes(limits[fs.resource.slice('limits.'.length)]);
  throw new Error(`unsupported container resource : ${fs.resource}`);
}

function defaultedLimits(container: Container, allocatable: Readonly<Record<string, string | number>> | undefined): Record<string, unknown> {
  const limits: Record<string, unknown> = { ...(container.resources?.limits ?? {}) };
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const q = tryParseQuantity(limits[name]);
    if ((!q || q.mantissa === 0n) && allocatable?.[name] !== undefined) limits[name] = allocatable[name];
  }
  return limits;
}

// ---------------------------------------------------------------------------------------------
// Command, args and the image config

/**
 * kubelet `ExpandContainerCommandAndArgs`: `$(VAR)` in `command` and `args` replaced from the
 * container's final environment. Undefined when the container sets none (the image's apply).
 */
export function expandContainerCommandAndArgs(container: Container, env: readonly EnvVarValue[]): { command?: string[]; args?: string[] } {
  const vars = new Map<string, string>();
  for (const e of env) vars.set(e.name, e.value);
  const mapping = mappingFuncFor(vars);
  const out: { command?: string[]; args?: string[] } = {};
  if (container.command?.length) out.command = container.command.map((c) => expand(c, mapping));
  if (container.args?.length) out.args = container.args.map((a) => expand(a, mapping));
  return out;
}

/** The user a process runs as after merging the security context with the image. */
export interface ProcessUser {
  /** From `runAsUser`, or a numeric image USER. */
  uid?: number;
  /** From `runAsGroup`, or a numeric image group. */
  gid?: number;
  /** A non-numeric image USER, to resolve in the container's /etc/passwd. */
  username?: string;
  /** A non-numeric image group, to resolve in the container's /etc/group. */
  groupname?: string;
}

/** The process of a container after the image config is applied. */
export interface MergedProcess {
  /** The full argv (entrypoint + arguments). */
  args: string[];
  /** `KEY=value`: the image's env, overridden in place by the container's, then the container's new keys. */
  env: string[];
  cwd: string;
  user: ProcessUser;
}

/**
 * Merges a container with its image's config, by the rules Kubernetes documents (and containerd
 * and CRI-O implement):
 *
 * | command | args | runs |
 * |---|---|---|
 * | unset | unset | image Entrypoint + image Cmd |
 * | set | unset or set | command + args (image Entrypoint and Cmd ignored) |
 * | unset | set | image Entrypoint + args |
 *
 * Env: the image's, with the container's overriding by name. WorkingDir: the container's, else
 * the image's, else `/`. User: `runAsUser`/`runAsGroup` (container over pod) win over the image
 * USER. `resolved` carries command/args/env already expanded by the kubelet.
 * Throws `CreateContainerError` `no command specified` when nothing is left to run.
 */
export function mergeImageConfig(
  container: Container,
  imageConfig: ImageConfig | undefined,
  resolved: { command?: string[]; args?: string[]; env?: readonly EnvVarValue[] } = {},
  pod?: Pod,
): MergedProcess {
  const image = imageConfig ?? {};
  let command = resolved.command ?? container.command;
  let args = resolved.args ?? container.args ?? [];
  if (!command?.length) {
    if (args.length === 0) args = [...(image.cmd ?? [])];
    if (!(image.entrypoint?.length === 1 && image.entrypoint[0] === '')) command = [...(image.entrypoint ?? [])];
  }
  const argv = [...(command ?? []), ...args];
  if (argv.length === 0) throw new PodLogicError(podLogicErrorCodes.CreateContainerError, 'no command specified');

  const env = [...(image.env ?? [])];
  const containerEnv = resolved.env ?? (container.env ?? []).filter((e) => e.value !== undefined).map((e) => ({ name: e.name, value: e.value! }));
  for (const e of containerEnv) {
    const entry = `${e.name}=${e.value}`;
    const at = env.findIndex((x) => x === e.name || x.startsWith(`${e.name}=`));
    if (at >= 0) env[at] = entry;
    else env.push(entry);
  }

  const sc = effectiveSecurityContext(pod, container);
  const user: ProcessUser = {};
  if (sc.runAsUser !== undefined) {
    user.uid = sc.runAsUser;
  } else if (image.user) {
    const [u = '', g] = image.user.split(':');
    if (/^\d+$/.test(u)) user.uid = Number(u);
    else if (u) user.username = u;
    if (g !== undefined && sc.runAsGroup === undefined) {
      if (/^\d+$/.test(g)) user.gid = Number(g);
      else if (g) user.groupname = g;
    }
  }
  if (sc.runAsGroup !== undefined) user.gid = sc.runAsGroup;

  return { args: argv, env, cwd: container.workingDir || image.workingDir || '/', user };
}

/**
 * securitycontext `DetermineEffectiveSecurityContext` for the fields the kubelet checks: the
 * container's security context over the pod's.
 */
export function effectiveSecurityContext(pod: Pod | undefined, container: Container): SecurityContext {
  const psc = pod?.spec?.securityContext ?? {};
  const sc = container.securityContext ?? {};
  const out: SecurityContext = { ...sc };
  if (out.runAsUser === undefined && psc.runAsUser !== undefined) out.runAsUser = psc.runAsUser;
  if (out.runAsGroup === undefined && psc.runAsGroup !== undefined) out.runAsGroup = psc.runAsGroup;
  if (out.runAsNonRoot === undefined && psc.runAsNonRoot !== undefined) out.runAsNonRoot = psc.runAsNonRoot;
  if (out.seLinuxOptions === undefined && psc.seLinuxOptions !== undefined) out.seLinuxOptions = psc.seLinuxOptions;
  if (out.seccompProfile === undefined && psc.seccompProfile !== undefined) out.seccompProfile = psc.seccompProfile;
  if (out.appArmorProfile === undefined && psc.appArmorProfile !== undefined) out.appArmorProfile = psc.appArmorProfile;
  return out;
}

/**
 * The user an image runs as, as the kubelet learns it from the runtime's ImageStatus
 * (`getImageUser`, containerd `getUserFromImage`): the part before `:`; numeric → uid, otherwise
 * a user name; no USER at all → root (uid 0).
 */
export function imageUserOf(user: string | undefined): { uid?: number; username?: string } {
  if (!user) return { uid: 0 };
  const name = user.split(':')[0] ?? '';
  if (/^[+-]?\d+$/.test(name)) return { uid: Number(name) };
  return name ? { username: name } : { uid: 0 };
}

/**
 * kuberuntime `verifyRunAsNonRoot`: with `runAsNonRoot: true` (container over pod), refuses
 * `runAsUser: 0`, an image that runs as uid 0 (or has no USER), and a non-numeric image USER that
 * cannot be verified. Throws `CreateContainerConfigError` with the kubelet's message, e.g.
 * `container has runAsNonRoot and image will run as root (pod: "web_default(uid)", container: app)`.
 */
export function verifyRunAsNonRoot(pod: Pod, container: Container, imageUser: { uid?: number; username?: string }): void {
  const sc = effectiveSecurityContext(pod, container);
  if (sc.runAsNonRoot !== true) return;
  const who = `(pod: ${goQuote(formatPodFullName(pod))}, container: ${container.name})`;
  if (sc.runAsUser !== undefined) {
    if (sc.runAsUser === 0) throw configError(`container's runAsUser breaks non-root policy ${who}`);
    return;
  }
  if (imageUser.uid === 0) throw configError(`container has runAsNonRoot and image will run as root ${who}`);
  if (imageUser.uid === undefined && imageUser.username) {
    throw configError(`container has runAsNonRoot and image has non-numeric user (${imageUser.username}), cannot verify user is non-root ${who}`);
  }
}
