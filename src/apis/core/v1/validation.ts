/**
 * Validation of core/v1 objects, after `pkg/apis/core/validation/validation.go` and
 * `events.go`. Every function collects all errors (never stops at the first) with apimachinery's
 * paths, types and messages, so the 422 Status kubectl prints reads the same as on a real
 * cluster. Objects are expected to be defaulted first (see `defaults.ts`), as the API server
 * validates after defaulting.
 *
 * Differences from Kubernetes: Go validates the internal type (e.g. `hostNetwork` lives in the
 * pod security context there); paths here are those Kubernetes reports for v1 objects. The
 * `cmp.Diff` appended to "pod updates may not change fields other than …" is approximated.
 *
 * Callers: `registry/*` strategies (Validate / ValidateUpdate).
 * @module
 */
import {
  FieldPath, field, required, notSupported, duplicate, tooLong, type FieldError,
  validateObjectMeta as validateGenericObjectMeta, validateObjectMetaUpdate as validateGenericObjectMetaUpdate,
  type ObjectMeta, type ObjectMetaValidationOptions, isDNS1123Label, isDNS1123Subdomain,
  isQualifiedName, isValidLabelValue, validateLabels, validateLabelSelector, nameIsDNSSubdomain, nameIsDNSLabel, nameIsDNS1035Label,
} from '../../meta/v1/index.js';
import type {
  Binding, ConfigMap, Container, ContainerPort, EndpointAddress, EndpointPort, Endpoints, EnvFromSource, EnvVar,
  EphemeralContainer, Event, KeyToPath, Lifecycle, LifecycleHandler, Namespace, Node, Pod, PodDNSConfig, PodSecurityContext,
  PodSpec, Probe, ResourceRequirements, SecurityContext, Secret, Service, ServiceAccount, ServicePort, Toleration,
  Volume, VolumeMount, ContainerStatus, DownwardAPIVolumeFile, ObjectFieldSelector, ResourceFieldSelector, SeccompProfile,
  AppArmorProfile, NodeSelectorRequirement, NodeSelector, PodAffinityTerm, WeightedPodAffinityTerm, Affinity,
  TopologySpreadConstraint, Taint, IntOrString,
} from './types.js';
import { compareQuantities, formatQuantity, parseQuantity, QuantityParseError, type ParsedQuantity } from './quantity.js';
import { inclusiveRangeError } from '../../meta/v1/index.js';
import {
  invalidCIDRMessage, invalidIPMessage, ipFamilyOf, isConfigMapKey, isEnvVarName, isHTTPHeaderName,
  isRelaxedEnvVarName, isValidCIDR, isValidGroupID, isValidPortName, isValidPortNum, isValidUserID, nonSpecialIPMessages,
} from './validation-helpers.js';

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

/** `IsStandardFinalizerName`. */
const standardFinalizers = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** `validateKubeFinalizerName`: a finalizer without a `/` must be a standard one. */
function validateKubeFinalizerName(name: string, path: FieldPath): FieldError[] {
  if (!name.includes('/') && !standardFinalizers.includes(name)) {
    return [field.invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

/** core `ValidateObjectMeta`: the apimachinery checks plus the core finalizer-name rule. */
export function validateCoreObjectMeta(meta: ObjectMeta | undefined, opts: ObjectMetaValidationOptions, path: FieldPath): FieldError[] {
  const errs = validateGenericObjectMeta(meta, opts, path);
  (meta?.finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, path.child('finalizers').index(i))));
  return errs;
}

/** core `ValidateObjectMetaUpdate`: the apimachinery checks plus the core finalizer-name rule. */
export function validateCoreObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path: FieldPath): FieldError[] {
  const errs = validateGenericObjectMetaUpdate(meta, old, path);
  (meta.finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, path.child('finalizers').index(i))));
  return errs;
}

/** `ValidateLabelName`: a label key must be a qualified name. */
function validateLabelName(key: string, path: FieldPath): FieldError[] {
  return isQualifiedName(key).map((m) => field.invalid(path, key, m));
}

const isNegativeErrorMsg = 'must be greater than or equal to 0';
const fieldImmutableErrorMsg = 'field is immutable';
const fileModeErrorMsg = 'must be a number between 0 and 0777 (octal), both inclusive';
/** `core.MaxSecretSize`: 1 MiB for Secret and ConfigMap payloads. */
export const MaxSecretSize = 1024 * 1024;

const supportedPortProtocols = ['SCTP', 'TCP', 'UDP'];

function validateDNS1123Label(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((m) => field.invalid(path, value, m));
}
function validateDNS1123Subdomain(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => field.invalid(path, value, m));
}
function validateQualifiedName(value: string, path: FieldPath): FieldError[] {
  return isQualifiedName(value).map((m) => field.invalid(path, value, m));
}
function validateNonnegative(value: number | undefined, path: FieldPath): FieldError[] {
  return (value ?? 0) < 0 ? [field.invalid(path, value, isNegativeErrorMsg)] : [];
}
function validateIP(path: FieldPath, value: string): FieldError[] {
  return ipFamilyOf(value) === 0 ? [field.invalid(path, value, invalidIPMessage)] : [];
}
function validateNonSpecialIP(ip: string, path: FieldPath): FieldError[] {
  return nonSpecialIPMessages(ip).map((m) => field.invalid(path, ip, m));
}
function immutable(newVal: unknown, oldVal: unknown, path: FieldPath): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [field.invalid(path, newVal, fieldImmutableErrorMsg)];
}

/** Structural equality of JSON values; `undefined` members equal missing ones. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

/** Parses a quantity for validation; an unparsable one yields an Invalid error instead. */
function quantityAt(raw: unknown, path: FieldPath, errs: FieldError[]): ParsedQuantity | undefined {
  try {
    if (typeof raw !== 'string' && typeof raw !== 'number') throw new QuantityParseError('quantities must be strings or numbers', String(raw));
    return parseQuantity(raw);
  } catch (e) {
    errs.push(field.invalid(path, raw, e instanceof Error ? e.message : String(e)));
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

const standardContainerResources = new Set(['cpu', 'memory', 'ephemeral-storage']);
const standardResources = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets',
  'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers', 'storage', 'requests.storage',
]);
const isHugePage = (n: string): boolean => n.startsWith('hugepages-');
const isNativeResource = (n: string): boolean => !n.includes('/') || n.includes('kubernetes.io/');
function isExtendedResourceName(n: string): boolean {
  if (isNativeResource(n) || n.startsWith('requests.')) return false;
  return isQualifiedName('requests.' + n).length === 0;
}
const isOvercommitAllowed = (n: string): boolean => isNativeResource(n) && !isHugePage(n);
const isIntegerResourceName = (n: string): boolean =>
  isExtendedResourceName(n) || ['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps',
    'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers'].includes(n);

function validateResourceName(value: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(value).map((m) => field.invalid(path, value, m));
  if (errs.length > 0) return errs;
  if (!value.includes('/') && !standardResources.has(value) && !isHugePage(value)) {
    errs.push(field.invalid(path, value, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

function validateContainerResourceName(value: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(value, path);
  if (!value.includes('/')) {
    if (!standardContainerResources.has(value) && !isHugePage(value)) {
      errs.push(field.invalid(path, value, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(value) && !isExtendedResourceName(value)) {
    errs.push(field.invalid(path, value, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** `ValidateResourceQuantityValue`: non-negative, and integral for integer resources. */
function validateResourceQuantityValue(name: string, q: ParsedQuantity, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (q.mantissa < 0n) errs.push(field.invalid(path, formatQuantity(q), isNegativeErrorMsg));
  if (isIntegerResourceName(name)) {
    const milli = q.scale >= -3 ? q.mantissa * 10n ** BigInt(q.scale + 3) : q.mantissa;
    if (q.scale < 0 || milli % 1000n !== 0n) errs.push(field.invalid(path, formatQuantity(q), 'must be an integer'));
  }
  return errs;
}

/** `ValidateContainerResourceRequirements`. */
export function validateResourceRequirements(
  r: ResourceRequirements | undefined, podClaimNames: Set<string>, path: FieldPath,
  nameFn: (n: string, p: FieldPath) => FieldError[] = validateContainerResourceName,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!r) return errs;
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  let limCpuMem = false; let reqCpuMem = false; let limHuge = false; let reqHuge = false;
  const limits = new Map<string, ParsedQuantity>();
  for (const [name, raw] of Object.entries(r.limits ?? {})) {
    const p = limPath.key(name);
    errs.push(...nameFn(name, p));
    const q = quantityAt(raw, p, errs);
    if (!q) continue;
    limits.set(name, q);
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePage(name)) limHuge = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, raw] of Object.entries(r.requests ?? {})) {
    const p = reqPath.key(name);
    errs.push(...nameFn(name, p));
    const q = quantityAt(raw, p, errs);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    const lim = limits.get(name);
    if (lim) {
      const cmp = compareQuantities(q, lim);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(field.invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(lim)}`));
      } else if (cmp > 0) {
        errs.push(field.invalid(reqPath, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`));
      }
    } else if (!isOvercommitAllowed(name) && !(r.limits && name in r.limits)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePage(name)) reqHuge = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && (reqHuge || limHuge)) errs.push(field.forbidden(path, 'HugePages require cpu or memory'));
  const names = new Set<string>();
  (r.claims ?? []).forEach((claim, i) => {
    const name = claim?.name ?? '';
    if (!name) {
      errs.push(required(path.child('claims').index(i), ''));
      return;
    }
    const key = claim.request ? `${name}/${claim.request}` : name;
    if (claim.request) errs.push(...validateDNS1123Label(claim.request, path.child('claims').index(i).child('request')));
    if (names.has(key)) errs.push(duplicate(path.child('claims').index(i), key));
    names.add(key);
    if (!podClaimNames.has(name)) {
      const e = field.notFound(path.child('claims').index(i), name);
      e.detail = 'must be one of the names in pod.spec.resourceClaims' +
        (podClaimNames.size === 0 ? ' which is empty' : ': ' + [...podClaimNames].sort().join(', '));
      errs.push(e);
    }
  });
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Volumes
// ---------------------------------------------------------------------------------------------

/** Volume source keys in the order `validateVolumeSource` checks them, with the path name it reports. */
const volumeSources: readonly (readonly [keyof Volume, string])[] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

const supportedHostPathTypes = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.replace(/\\/g, '/').split('/').includes('..') ? [field.invalid(path, target, "must not contain '..'")] : [];
}
function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(field.invalid(path, target, 'must be a relative path'));
  return [...errs, ...validatePathNoBacksteps(target, path)];
}
/** `ValidateLocalNonReservedPath`. */
function validateLocalNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(field.invalid(path, target, "must not start with '..'"));
  return errs;
}
function validateFileMode(mode: number | undefined, path: FieldPath): FieldError[] {
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [field.invalid(path, mode, fileModeErrorMsg)] : [];
}
function validateKeyToPath(kp: KeyToPath, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(required(path.child('key'), ''));
  if (!kp.path) errs.push(required(path.child('path'), ''));
  errs.push(...validateLocalNonReservedPath(kp.path ?? '', path.child('path')));
  errs.push(...validateFileMode(kp.mode, path.child('mode')));
  return errs;
}

const validVolumeDownwardAPIFieldPaths = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const validEnvDownwardAPIFieldPaths = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
].sort();
const validContainerResourceFieldPaths = [
  'limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory',
];

/** `validateObjectFieldSelector` (with `ConvertDownwardAPIFieldLabel` for v1). */
function validateObjectFieldSelector(fs: ObjectFieldSelector, expressions: readonly string[], path: FieldPath): FieldError[] {
  if (!fs.apiVersion) return [required(path.child('apiVersion'), '')];
  if (!fs.fieldPath) return [required(path.child('fieldPath'), '')];
  if (fs.apiVersion !== 'v1') {
    return [field.invalid(path.child('fieldPath'), fs.fieldPath,
      `error converting fieldPath: unsupported pod version: ${fs.apiVersion}`)];
  }
  const m = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fs.fieldPath);
  if (m) {
    const sub = m[2]!;
    return m[1] === 'metadata.annotations' ? validateQualifiedName(sub.toLowerCase(), path) : validateQualifiedName(sub, path);
  }
  const known = [...validVolumeDownwardAPIFieldPaths, ...validEnvDownwardAPIFieldPaths];
  if (!known.includes(fs.fieldPath) && !fs.fieldPath.startsWith('metadata.')) {
    return [field.invalid(path.child('fieldPath'), fs.fieldPath, `error converting fieldPath: field label not supported: ${fs.fieldPath}`)];
  }
  if (!expressions.includes(fs.fieldPath)) return [notSupported(path.child('fieldPath'), fs.fieldPath, expressions)];
  return [];
}

function validateContainerResourceFieldSelector(fs: ResourceFieldSelector, path: FieldPath, volume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (volume && !fs.containerName) errs.push(required(path.child('containerName'), ''));
  else if (!fs.resource) errs.push(required(path.child('resource'), ''));
  else if (!validContainerResourceFieldPaths.includes(fs.resource) &&
    !fs.resource.startsWith('requests.hugepages-') && !fs.resource.startsWith('limits.hugepages-')) {
    errs.push(notSupported(path.child('resource'), fs.resource, validContainerResourceFieldPaths));
  }
  if (fs.divisor !== undefined) {
    const d = quantityAt(fs.divisor, path.child('divisor'), errs);
    if (d && d.mantissa !== 0n) {
      const s = formatQuantity(d);
      const rn = fs.resource ?? '';
      if ((rn === 'limits.cpu' || rn === 'requests.cpu') && !['1m', '1'].includes(s)) {
        errs.push(field.invalid(path.child('divisor'), rn, "only divisor's values 1m and 1 are supported with the cpu resource"));
      }
      const mem = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
      if ((rn === 'limits.memory' || rn === 'requests.memory') && !mem.includes(s)) {
        errs.push(field.invalid(path.child('divisor'), rn,
          "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"));
      }
      if ((rn === 'limits.ephemeral-storage' || rn === 'requests.ephemeral-storage') && !mem.includes(s)) {
        errs.push(field.invalid(path.child('divisor'), rn,
          "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource"));
      }
    }
  }
  return errs;
}

function validateDownwardAPIVolumeFile(file: DownwardAPIVolumeFile, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!file.path) errs.push(required(path.child('path'), ''));
  errs.push(...validateLocalNonReservedPath(file.path ?? '', path.child('path')));
  if (file.fieldRef) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, validVolumeDownwardAPIFieldPaths, path.child('fieldRef')));
    if (file.resourceFieldRef) errs.push(field.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (file.resourceFieldRef) {
    errs.push(...validateContainerResourceFieldSelector(file.resourceFieldRef, path.child('resourceFieldRef'), true));
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateFileMode(file.mode, path.child('mode')));
  return errs;
}

function validateVolumeSource(v: Volume, path: FieldPath, podName: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const [key, pathName] of volumeSources) {
    const src = v[key] as Record<string, unknown> | undefined;
    if (src === undefined || src === null) continue;
    if (n > 0) {
      errs.push(field.forbidden(path.child(pathName), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    const p = path.child(key);
    switch (key) {
      case 'emptyDir': {
        const lim = v.emptyDir?.sizeLimit;
        if (lim !== undefined) {
          const q = quantityAt(lim, p.child('sizeLimit'), errs);
          if (q && q.mantissa < 0n) errs.push(field.forbidden(p.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
        }
        break;
      }
      case 'hostPath': {
        const hp = v.hostPath!;
        if (!hp.path) {
          errs.push(required(p.child('path'), ''));
          break;
        }
        errs.push(...validatePathNoBacksteps(hp.path, p.child('path')));
        if (hp.type !== undefined && hp.type !== null && !supportedHostPathTypes.includes(hp.type)) {
          errs.push(notSupported(p.child('type'), hp.type, supportedHostPathTypes));
        }
        break;
      }
      case 'gitRepo':
        if (!v.gitRepo?.repository) errs.push(required(p.child('repository'), ''));
        errs.push(...validateLocalDescendingPath(v.gitRepo?.directory ?? '', p.child('directory')));
        break;
      case 'secret': {
        const s = v.secret!;
        if (!s.secretName) errs.push(required(p.child('secretName'), ''));
        errs.push(...validateFileMode(s.defaultMode, p.child('defaultMode')));
        (s.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
        break;
      }
      case 'configMap': {
        const c = v.configMap!;
        if (!c.name) errs.push(required(p.child('name'), ''));
        errs.push(...validateFileMode(c.defaultMode, p.child('defaultMode')));
        (c.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
        break;
      }
      case 'nfs': {
        const nfs = v.nfs!;
        if (!nfs.server) errs.push(required(p.child('server'), ''));
        if (!nfs.path) errs.push(required(p.child('path'), ''));
        if (!(nfs.path ?? '').startsWith('/')) errs.push(field.invalid(p.child('path'), nfs.path ?? '', 'must be an absolute path'));
        break;
      }
      case 'persistentVolumeClaim':
        if (!v.persistentVolumeClaim?.claimName) errs.push(required(p.child('claimName'), ''));
        break;
      case 'downwardAPI': {
        const d = v.downwardAPI!;
        errs.push(...validateFileMode(d.defaultMode, p.child('defaultMode')));
        for (const file of d.items ?? []) errs.push(...validateDownwardAPIVolumeFile(file, p));
        break;
      }
      case 'projected':
        errs.push(...validateProjected(v, p));
        break;
      case 'csi':
        if (!v.csi?.driver) errs.push(required(p.child('driver'), ''));
        else if (v.csi.driver.length > 63) errs.push(tooLong(p.child('driver'), '', 63));
        if (v.csi?.driver) {
          for (const m of isDNS1123Subdomain(v.csi.driver.toLowerCase())) errs.push(field.invalid(p.child('driver'), v.csi.driver, m));
        }
        break;
      case 'ephemeral':
        if (!v.ephemeral?.volumeClaimTemplate) errs.push(required(p.child('volumeClaimTemplate'), ''));
        if (podName && v.name) {
          const pvcName = `${podName}-${v.name}`;
          for (const m of isDNS1123Subdomain(pvcName)) errs.push(field.invalid(path.child('name'), v.name, `PVC name "${pvcName}": ${m}`));
        }
        break;
      case 'image': {
        const img = v.image!;
        if (!img.reference) errs.push(required(p.child('reference'), ''));
        errs.push(...validatePullPolicy(img.pullPolicy, p.child('pullPolicy')));
        break;
      }
      default:
        break;
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

function validateProjected(v: Volume, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const proj = v.projected!;
  errs.push(...validateFileMode(proj.defaultMode, p.child('defaultMode')));
  const allPaths = new Set<string>();
  const seen = (path: string, dupValue: unknown): void => {
    if (!path) return;
    if (allPaths.has(path)) errs.push(field.invalid(p, dupValue, 'conflicting duplicate paths'));
    else allPaths.add(path);
  };
  (proj.sources ?? []).forEach((src, i) => {
    let num = 0;
    const sp = p.child('sources').index(i);
    if (src.secret) {
      num++;
      if (!src.secret.name) errs.push(required(sp.child('secret').child('name'), ''));
      (src.secret.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, sp.child('secret').child('items').index(j)));
        seen(kp.path, src.secret!.name);
      });
    }
    if (src.configMap) {
      num++;
      if (!src.configMap.name) errs.push(required(sp.child('configMap').child('name'), ''));
      (src.configMap.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, sp.child('configMap').child('items').index(j)));
        seen(kp.path, src.configMap!.name);
      });
    }
    if (src.downwardAPI) {
      num++;
      for (const file of src.downwardAPI.items ?? []) {
        errs.push(...validateDownwardAPIVolumeFile(file, sp.child('downwardAPI')));
        seen(file.path, file.path);
      }
    }
    if (src.serviceAccountToken) {
      num++;
      const t = src.serviceAccountToken;
      const exp = t.expirationSeconds ?? 0;
      if (exp < 600) errs.push(field.invalid(sp.child('serviceAccountToken').child('expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(field.invalid(sp.child('serviceAccountToken').child('expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!t.path) errs.push(required(p.child('path'), ''));
      else errs.push(...validateLocalNonReservedPath(t.path, p.child('path')));
    }
    if (src.clusterTrustBundle) {
      num++;
      const ctb = src.clusterTrustBundle;
      if (!ctb.path) errs.push(required(sp.child('clusterTrustBundle').child('path'), ''));
      errs.push(...validateLocalNonReservedPath(ctb.path ?? '', sp.child('clusterTrustBundle').child('path')));
      seen(ctb.path, ctb.path);
    }
    if (num > 1) errs.push(field.forbidden(sp, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

/** `ValidateVolumes`: names, duplicates and sources. Returns the valid volumes by name. */
export function validateVolumes(volumes: readonly Volume[] | undefined, podName: string | undefined, path: FieldPath):
  { volumes: Map<string, Volume>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const vols = new Map<string, Volume>();
  const names = new Set<string>();
  const createdPVCs = new Set<string>();
  if (podName) for (const v of volumes ?? []) if (v.ephemeral) createdPVCs.add(`${podName}-${v.name}`);
  (volumes ?? []).forEach((v, i) => {
    const idx = path.index(i);
    const namePath = idx.child('name');
    const el = validateVolumeSource(v, idx, podName);
    if (!v.name) el.push(required(namePath, ''));
    else el.push(...validateDNS1123Label(v.name, namePath));
    if (names.has(v.name)) el.push(duplicate(namePath, v.name));
    if (el.length === 0) {
      names.add(v.name);
      vols.set(v.name, v);
    } else {
      errors.push(...el);
    }
    if (v.persistentVolumeClaim && createdPVCs.has(v.persistentVolumeClaim.claimName)) {
      errors.push(field.invalid(idx.child('persistentVolumeClaim').child('claimName'), v.persistentVolumeClaim.claimName,
        'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { volumes: vols, errors };
}

// ---------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------

/** Options matching the `PodValidationOptions` a 1.32 API server uses for new pods. */
export interface PodValidationOptions {
  /** RelaxedEnvironmentVariableValidation (beta, on by default in 1.32). Default true. */
  relaxedEnvVarNames?: boolean;
  /** kube-apiserver `--allow-privileged`. Default true. */
  allowPrivileged?: boolean;
  /** AllowPodLifecycleSleepActionZeroValue (beta, on in 1.32). Default true. */
  allowSleepActionZeroValue?: boolean;
}

function validateContainerPorts(ports: readonly ContainerPort[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const idx = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0) msgs.forEach((m) => errs.push(field.invalid(idx.child('name'), port.name, m)));
      else if (names.has(port.name)) errs.push(duplicate(idx.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(idx.child('containerPort'), ''));
    else isValidPortNum(port.containerPort).forEach((m) => errs.push(field.invalid(idx.child('containerPort'), port.containerPort, m)));
    if (port.hostPort) isValidPortNum(port.hostPort).forEach((m) => errs.push(field.invalid(idx.child('hostPort'), port.hostPort, m)));
    if (!port.protocol) errs.push(required(idx.child('protocol'), ''));
    else if (!supportedPortProtocols.includes(port.protocol)) errs.push(notSupported(idx.child('protocol'), port.protocol, supportedPortProtocols));
  });
  return errs;
}

function envNameErrors(name: string, opts: PodValidationOptions): string[] {
  return (opts.relaxedEnvVarNames ?? true) ? isRelaxedEnvVarName(name) : isEnvVarName(name);
}

/** `ValidateEnv`. */
function validateEnv(vars: readonly EnvVar[] | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const idx = path.index(i);
    if (!ev.name) errs.push(required(idx.child('name'), ''));
    else envNameErrors(ev.name, opts).forEach((m) => errs.push(field.invalid(idx.child('name'), ev.name, m)));
    errs.push(...validateEnvVarValueFrom(ev, idx.child('valueFrom')));
  });
  return errs;
}

function validateKeySelector(s: { name?: string; key: string }, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  nameIsDNSSubdomain(s.name ?? '', false).forEach((m) => errs.push(field.invalid(path.child('name'), s.name ?? '', m)));
  if (!s.key) errs.push(required(path.child('key'), ''));
  else isConfigMapKey(s.key).forEach((m) => errs.push(field.invalid(path.child('key'), s.key, m)));
  return errs;
}

function validateEnvVarValueFrom(ev: EnvVar, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const vf = ev.valueFrom;
  if (!vf) return errs;
  let n = 0;
  if (vf.fieldRef) { n++; errs.push(...validateObjectFieldSelector(vf.fieldRef, validEnvDownwardAPIFieldPaths, path.child('fieldRef'))); }
  if (vf.resourceFieldRef) { n++; errs.push(...validateContainerResourceFieldSelector(vf.resourceFieldRef, path.child('resourceFieldRef'), false)); }
  if (vf.configMapKeyRef) { n++; errs.push(...validateKeySelector(vf.configMapKeyRef, path.child('configMapKeyRef'))); }
  if (vf.secretKeyRef) { n++; errs.push(...validateKeySelector(vf.secretKeyRef, path.child('secretKeyRef'))); }
  const other = Object.keys(vf).filter((k) => !['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].includes(k));
  n += other.filter((k) => (vf as Record<string, unknown>)[k] != null).length;
  if (n === 0) errs.push(field.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (ev.value) errs.push(field.invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (n > 1) errs.push(field.invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

/** `ValidateEnvFrom`. */
function validateEnvFrom(vars: readonly EnvFromSource[] | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const idx = path.index(i);
    if (ev.prefix) envNameErrors(ev.prefix, opts).forEach((m) => errs.push(field.invalid(idx.child('prefix'), ev.prefix, m)));
    let n = 0;
    for (const [key, ref] of [['configMapRef', ev.configMapRef], ['secretRef', ev.secretRef]] as const) {
      if (!ref) continue;
      n++;
      if (!ref.name) errs.push(required(idx.child(key).child('name'), ''));
      else nameIsDNSSubdomain(ref.name, true).forEach((m) => errs.push(field.invalid(idx.child(key).child('name'), ref.name, m)));
    }
    if (n === 0) errs.push(field.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(field.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

/** `ValidateVolumeMounts`. */
function validateVolumeMounts(mounts: readonly VolumeMount[] | undefined, devices: Map<string, string>, volumes: Map<string, Volume>,
  ctr: Container, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mountpoints = new Set<string>();
  (mounts ?? []).forEach((mnt, i) => {
    const idx = path.index(i);
    if (!mnt.name) errs.push(required(idx.child('name'), ''));
    if (!volumes.has(mnt.name)) errs.push(field.notFound(idx.child('name'), mnt.name));
    if (!mnt.mountPath) errs.push(required(idx.child('mountPath'), ''));
    if (mountpoints.has(mnt.mountPath)) errs.push(field.invalid(idx.child('mountPath'), mnt.mountPath, 'must be unique'));
    mountpoints.add(mnt.mountPath);
    if (devices.has(mnt.name)) errs.push(field.invalid(idx.child('name'), mnt.name, 'must not already exist in volumeDevices'));
    if ([...devices.values()].includes(mnt.mountPath)) {
      errs.push(field.invalid(idx.child('mountPath'), mnt.mountPath, 'must not already exist as a path in volumeDevices'));
    }
    if (volumes.get(mnt.name)?.image) {
      if (mnt.subPath) errs.push(field.invalid(idx.child('subPath'), mnt.subPath, 'not allowed in image volume sources'));
      if (mnt.subPathExpr) errs.push(field.invalid(idx.child('subPathExpr'), mnt.subPathExpr, 'not allowed in image volume sources'));
    }
    // Upstream reports these two under the list path, not the item path.
    if (mnt.subPath) errs.push(...validateLocalDescendingPath(mnt.subPath, path.child('subPath')));
    if (mnt.subPathExpr) {
      if (mnt.subPath) errs.push(field.invalid(idx.child('subPathExpr'), mnt.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(mnt.subPathExpr, path.child('subPathExpr')));
    }
    if (mnt.mountPropagation) {
      const mp = path.child('mountPropagation');
      const supported = ['Bidirectional', 'HostToContainer', 'None'];
      if (!supported.includes(mnt.mountPropagation)) errs.push(notSupported(mp, mnt.mountPropagation, supported));
      if (mnt.mountPropagation === 'Bidirectional' && ctr.securityContext?.privileged !== true) {
        errs.push(field.forbidden(mp, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    if (mnt.recursiveReadOnly) {
      const rp = path.child('recursiveReadOnly');
      if (mnt.recursiveReadOnly === 'Enabled' || mnt.recursiveReadOnly === 'IfPossible') {
        if (!mnt.readOnly) errs.push(field.forbidden(rp, 'may only be specified when readOnly is true'));
        if (mnt.mountPropagation && mnt.mountPropagation !== 'None') {
          errs.push(field.forbidden(rp, 'may only be specified when mountPropagation is None or not specified'));
        }
      } else if (mnt.recursiveReadOnly !== 'Disabled') {
        errs.push(notSupported(rp, mnt.recursiveReadOnly, ['Disabled', 'Enabled', 'IfPossible']));
      }
    }
  });
  return errs;
}

function validateVolumeDevices(ctr: Container, mounts: Map<string, string>, volumes: Map<string, Volume>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  const names = new Set<string>();
  (ctr.volumeDevices ?? []).forEach((dev, i) => {
    const idx = path.index(i);
    const vol = volumes.get(dev.name);
    if (!dev.name) errs.push(required(idx.child('name'), ''));
    if (names.has(dev.name)) errs.push(field.invalid(idx.child('name'), dev.name, 'must be unique'));
    if (vol && !vol.persistentVolumeClaim && !vol.ephemeral) {
      errs.push(field.invalid(idx.child('name'), dev.name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (!vol) errs.push(field.notFound(idx.child('name'), dev.name));
    if (!dev.devicePath) errs.push(required(idx.child('devicePath'), ''));
    if (paths.has(dev.devicePath)) errs.push(field.invalid(idx.child('devicePath'), dev.devicePath, 'must be unique'));
    if (dev.devicePath && validatePathNoBacksteps(dev.devicePath, path).length > 0) {
      errs.push(field.invalid(idx.child('devicePath'), dev.devicePath, "can not contain backsteps ('..')"));
    } else {
      paths.add(dev.devicePath);
    }
    if (mounts.has(dev.name)) errs.push(field.invalid(idx.child('name'), dev.name, 'must not already exist in volumeMounts'));
    if ([...mounts.values()].includes(dev.devicePath)) {
      errs.push(field.invalid(idx.child('devicePath'), dev.devicePath, 'must not already exist as a path in volumeMounts'));
    }
    if (dev.name) names.add(dev.name);
  });
  return errs;
}

const supportedPullPolicies = ['Always', 'IfNotPresent', 'Never'];
function validatePullPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  if (!policy) return [required(path, '')];
  return supportedPullPolicies.includes(policy) ? [] : [notSupported(path, policy, supportedPullPolicies)];
}

function validateSeccompProfile(sp: SeccompProfile | undefined, path: FieldPath): FieldError[] {
  if (!sp) return [];
  const errs: FieldError[] = [];
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (!sp.type) errs.push(required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (!types.includes(sp.type)) errs.push(notSupported(path.child('type'), sp.type, types));
  if (sp.type === 'Localhost') {
    if (sp.localhostProfile === undefined) errs.push(required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(sp.localhostProfile, path.child('localhostProfile')));
  } else if (sp.localhostProfile !== undefined) {
    errs.push(field.invalid(path.child('localhostProfile'), sp, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

function validateAppArmorProfile(p: AppArmorProfile | undefined, path: FieldPath): FieldError[] {
  if (!p) return [];
  const errs: FieldError[] = [];
  switch (p.type) {
    case 'Localhost':
      if (p.localhostProfile === undefined) {
        errs.push(required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
      } else {
        const trimmed = p.localhostProfile.trim();
        if (trimmed !== p.localhostProfile) errs.push(field.invalid(path.child('localhostProfile'), p.localhostProfile, 'must not be padded with whitespace'));
        else if (trimmed === '') errs.push(required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
        if (p.localhostProfile.length > 4095) errs.push(tooLong(path.child('localhostProfile'), '', 4095));
      }
      break;
    case 'RuntimeDefault':
    case 'Unconfined':
      if (p.localhostProfile !== undefined) errs.push(field.invalid(path.child('localhostProfile'), p.localhostProfile, 'can only be set when AppArmor type is Localhost'));
      break;
    case undefined:
    case '' as never:
      errs.push(required(path.child('type'), 'type is required when appArmorProfile is set'));
      break;
    default:
      errs.push(notSupported(path.child('type'), p.type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  return errs;
}

/** `ValidateSecurityContext` (container). */
function validateSecurityContext(sc: SecurityContext | undefined, path: FieldPath, hostUsers: boolean, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc) return errs;
  if (sc.privileged && !(opts.allowPrivileged ?? true)) errs.push(field.forbidden(path.child('privileged'), 'disallowed by cluster policy'));
  if (sc.runAsUser !== undefined) isValidUserID(sc.runAsUser).forEach((m) => errs.push(field.invalid(path.child('runAsUser'), sc.runAsUser, m)));
  if (sc.runAsGroup !== undefined) isValidGroupID(sc.runAsGroup).forEach((m) => errs.push(field.invalid(path.child('runAsGroup'), sc.runAsGroup, m)));
  if (sc.procMount !== undefined) {
    if (!['Default', 'Unmasked'].includes(sc.procMount)) errs.push(notSupported(path.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
    if (hostUsers && sc.procMount === 'Unmasked') errs.push(field.invalid(path.child('procMount'), sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, path.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged) errs.push(field.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === 'CAP_SYS_ADMIN') errs.push(field.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, path.child('appArmorProfile')));
  return errs;
}

function validateResizePolicy(c: Container, path: FieldPath, podRestartPolicy: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (c.resizePolicy ?? []).forEach((p, i) => {
    if (seen.has(p.resourceName)) errs.push(duplicate(path.index(i), p.resourceName));
    seen.add(p.resourceName);
    if (!p.resourceName) errs.push(required(path, ''));
    else if (!['cpu', 'memory'].includes(p.resourceName)) errs.push(notSupported(path, p.resourceName, ['cpu', 'memory']));
    if (!p.restartPolicy) errs.push(required(path, ''));
    else if (!['NotRequired', 'RestartContainer'].includes(p.restartPolicy)) errs.push(notSupported(path, p.restartPolicy, ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && p.restartPolicy !== 'NotRequired') {
      errs.push(field.invalid(path, p.restartPolicy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
  });
  return errs;
}

/** `validateContainerCommon`: checks shared by regular, init and ephemeral containers. */
function validateContainerCommon(c: Container, volumes: Map<string, Volume>, claims: Set<string>, path: FieldPath,
  opts: PodValidationOptions, podRestartPolicy: string | undefined, hostUsers: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(path.child('name'), ''));
  else errs.push(...validateDNS1123Label(c.name, path.child('name')));
  if (!c.image) errs.push(required(path.child('image'), ''));
  switch (c.terminationMessagePolicy) {
    case 'File':
    case 'FallbackToLogsOnError':
      break;
    case undefined:
    case '' as never:
      errs.push(required(path.child('terminationMessagePolicy'), ''));
      break;
    default:
      errs.push(notSupported(path.child('terminationMessagePolicy'), c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError']));
  }
  const mounts = new Map((c.volumeMounts ?? []).map((m) => [m.name, m.mountPath]));
  const devices = new Map((c.volumeDevices ?? []).map((d) => [d.name, d.devicePath]));
  errs.push(...validateContainerPorts(c.ports, path.child('ports')));
  errs.push(...validateEnv(c.env, path.child('env'), opts));
  errs.push(...validateEnvFrom(c.envFrom, path.child('envFrom'), opts));
  errs.push(...validateVolumeMounts(c.volumeMounts, devices, volumes, c, path.child('volumeMounts')));
  errs.push(...validateVolumeDevices(c, mounts, volumes, path.child('volumeDevices')));
  errs.push(...validatePullPolicy(c.imagePullPolicy, path.child('imagePullPolicy')));
  errs.push(...validateResourceRequirements(c.resources, claims, path.child('resources')));
  errs.push(...validateResizePolicy(c, path.child('resizePolicy'), podRestartPolicy));
  errs.push(...validateSecurityContext(c.securityContext, path.child('securityContext'), hostUsers, opts));
  return errs;
}

function validatePortNumOrName(port: IntOrString | undefined, path: FieldPath): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => field.invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => field.invalid(path, port, m));
  return [field.internalError(path, new Error(`unknown type: ${typeof port}`))];
}

interface CommonHandler {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: IntOrString; scheme?: string; httpHeaders?: { name: string }[] };
  tcpSocket?: { port: IntOrString };
  grpc?: { port: number };
  sleep?: { seconds: number };
}

function validateHandler(h: CommonHandler, gracePeriod: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const once = (key: keyof CommonHandler, check: () => FieldError[]): void => {
    if (h[key] === undefined || h[key] === null) return;
    if (n > 0) {
      errs.push(field.forbidden(path.child(key), 'may not specify more than 1 handler type'));
      return;
    }
    n++;
    errs.push(...check());
  };
  once('exec', () => ((h.exec?.command ?? []).length === 0 ? [required(path.child('exec').child('command'), '')] : []));
  once('httpGet', () => {
    const g = h.httpGet!;
    const p = path.child('httpGet');
    const e: FieldError[] = [];
    if (!g.path) e.push(required(p.child('path'), ''));
    e.push(...validatePortNumOrName(g.port, p.child('port')));
    if (!['HTTP', 'HTTPS'].includes(g.scheme ?? '')) e.push(notSupported(p.child('scheme'), g.scheme ?? '', ['HTTP', 'HTTPS']));
    for (const hd of g.httpHeaders ?? []) isHTTPHeaderName(hd.name).forEach((m) => e.push(field.invalid(p.child('httpHeaders'), hd.name, m)));
    return e;
  });
  once('tcpSocket', () => validatePortNumOrName(h.tcpSocket!.port, path.child('tcpSocket').child('port')));
  once('grpc', () => validatePortNumOrName(h.grpc!.port, path.child('grpc').child('port')));
  once('sleep', () => {
    const s = h.sleep!.seconds;
    if (gracePeriod === undefined) return [];
    if (opts.allowSleepActionZeroValue ?? true) {
      if (s < 0 || s > gracePeriod) {
        return [field.invalid(path.child('sleep'), s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`)];
      }
    } else if (s <= 0 || s > gracePeriod) {
      return [field.invalid(path.child('sleep'), s,
        `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`)];
    }
    return [];
  });
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(p: Probe | undefined, grace: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  if (!p) return [];
  const errs = validateHandler({ exec: p.exec, httpGet: p.httpGet, tcpSocket: p.tcpSocket, grpc: p.grpc }, grace, path, opts);
  errs.push(...validateNonnegative(p.initialDelaySeconds, path.child('initialDelaySeconds')));
  errs.push(...validateNonnegative(p.timeoutSeconds, path.child('timeoutSeconds')));
  errs.push(...validateNonnegative(p.periodSeconds, path.child('periodSeconds')));
  errs.push(...validateNonnegative(p.successThreshold, path.child('successThreshold')));
  errs.push(...validateNonnegative(p.failureThreshold, path.child('failureThreshold')));
  if (p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds <= 0) {
    errs.push(field.invalid(path.child('terminationGracePeriodSeconds'), p.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  return errs;
}
function validateLivenessOrStartupProbe(p: Probe | undefined, grace: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  if (!p) return [];
  const errs = validateProbe(p, grace, path, opts);
  if ((p.successThreshold ?? 0) !== 1) errs.push(field.invalid(path.child('successThreshold'), p.successThreshold ?? 0, 'must be 1'));
  return errs;
}
function validateReadinessProbe(p: Probe | undefined, grace: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  if (!p) return [];
  const errs = validateProbe(p, grace, path, opts);
  if (p.terminationGracePeriodSeconds !== undefined) {
    errs.push(field.invalid(path.child('terminationGracePeriodSeconds'), p.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}
function validateLifecycle(l: Lifecycle, grace: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const conv = (h: LifecycleHandler): CommonHandler => ({ exec: h.exec, httpGet: h.httpGet, tcpSocket: h.tcpSocket, sleep: h.sleep });
  if (l.postStart) errs.push(...validateHandler(conv(l.postStart), grace, path.child('postStart'), opts));
  if (l.preStop) errs.push(...validateHandler(conv(l.preStop), grace, path.child('preStop'), opts));
  if (l.stopSignal !== undefined) {
    // The ContainerStopSignals feature is alpha in the Kubernetes versions Podyard speaks.
    errs.push(field.forbidden(path.child('stopSignal'), 'may not be set when the ContainerStopSignals feature gate is disabled'));
  }
  return errs;
}

function hostPortConflicts(containers: readonly Container[], path: FieldPath, seen = new Set<string>()): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((p, pi) => {
      if (!p.hostPort) return;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateContainers(containers: readonly Container[] | undefined, volumes: Map<string, Volume>, claims: Set<string>,
  grace: number | undefined, path: FieldPath, opts: PodValidationOptions, podRestartPolicy: string | undefined, hostUsers: boolean): FieldError[] {
  if (!containers || containers.length === 0) return [required(path, '')];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, claims, p, opts, podRestartPolicy, hostUsers));
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, grace, p.child('lifecycle'), opts));
    errs.push(...validateLivenessOrStartupProbe(c.livenessProbe, grace, p.child('livenessProbe'), opts));
    errs.push(...validateReadinessProbe(c.readinessProbe, grace, p.child('readinessProbe'), opts));
    errs.push(...validateLivenessOrStartupProbe(c.startupProbe, grace, p.child('startupProbe'), opts));
    if (c.restartPolicy !== undefined) errs.push(field.forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(inits: readonly Container[] | undefined, regular: readonly Container[], volumes: Map<string, Volume>,
  claims: Set<string>, grace: number | undefined, path: FieldPath, opts: PodValidationOptions, podRestartPolicy: string | undefined,
  hostUsers: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => c.name));
  (inits ?? []).forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, claims, p, opts, podRestartPolicy, hostUsers));
    let restartAlways = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else if (c.name) names.add(c.name);
    errs.push(...hostPortConflicts([c], path));
    if (restartAlways) {
      if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, grace, p.child('lifecycle'), opts));
      errs.push(...validateLivenessOrStartupProbe(c.livenessProbe, grace, p.child('livenessProbe'), opts));
      errs.push(...validateReadinessProbe(c.readinessProbe, grace, p.child('readinessProbe'), opts));
      errs.push(...validateLivenessOrStartupProbe(c.startupProbe, grace, p.child('startupProbe'), opts));
    } else {
      const msg = 'may not be set for init containers without restartPolicy=Always';
      if (c.lifecycle) errs.push(field.forbidden(p.child('lifecycle'), msg));
      if (c.livenessProbe) errs.push(field.forbidden(p.child('livenessProbe'), msg));
      if (c.readinessProbe) errs.push(field.forbidden(p.child('readinessProbe'), msg));
      if (c.startupProbe) errs.push(field.forbidden(p.child('startupProbe'), msg));
    }
    if ((c.resizePolicy ?? []).length > 0) errs.push(field.invalid(p.child('resizePolicy'), c.resizePolicy, 'must not be set for init containers'));
  });
  return errs;
}

const ephemeralAllowed = new Set(['name', 'image', 'command', 'args', 'workingDir', 'envFrom', 'env', 'volumeMounts', 'volumeDevices',
  'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty',
  'targetContainerName']);

function validateEphemeralContainers(ecs: readonly EphemeralContainer[] | undefined, spec: PodSpec, volumes: Map<string, Volume>,
  claims: Set<string>, path: FieldPath, opts: PodValidationOptions, hostUsers: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!ecs || ecs.length === 0) return errs;
  const other = new Set([...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name));
  const all = new Set(other);
  ecs.forEach((ec, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(ec, volumes, claims, p, opts, spec.restartPolicy, hostUsers));
    errs.push(...validateContainerOnlyForPod(ec, p));
    if (all.has(ec.name)) errs.push(duplicate(p.child('name'), ec.name));
    else all.add(ec.name);
    if (ec.targetContainerName && !other.has(ec.targetContainerName)) errs.push(field.notFound(p.child('targetContainerName'), ec.targetContainerName));
    for (const [k, v] of Object.entries(ec)) {
      // `resources` always serializes as {} (a struct); only a non-empty one counts as set.
      if (k === 'resources' && (v === undefined || deepEqual(v, {}))) continue;
      if (!ephemeralAllowed.has(k) && v !== undefined && v !== null) errs.push(field.forbidden(p.child(k), 'cannot be set for an Ephemeral Container'));
    }
    (ec.volumeMounts ?? []).forEach((vm, j) => {
      if (vm.subPath) errs.push(field.forbidden(p.child('volumeMounts').index(j).child('subPath'), 'cannot be set for an Ephemeral Container'));
      if (vm.subPathExpr) errs.push(field.forbidden(p.child('volumeMounts').index(j).child('subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}

function validateContainerOnlyForPod(c: Container, path: FieldPath): FieldError[] {
  const image = c.image ?? '';
  return image.length !== image.trim().length ? [field.invalid(path.child('image'), image, 'must not have leading or trailing whitespace')] : [];
}

// ---------------------------------------------------------------------------------------------
// Pod spec
// ---------------------------------------------------------------------------------------------

function validateTaintEffect(effect: string | undefined, allowEmpty: boolean, path: FieldPath): FieldError[] {
  if (!allowEmpty && !effect) return [required(path, '')];
  if (effect === 'NoSchedule' || effect === 'PreferNoSchedule' || effect === 'NoExecute') return [];
  return [notSupported(path, effect ?? '', ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])];
}

/** `ValidateTolerations`. */
export function validateTolerations(tolerations: readonly Toleration[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const idx = path.index(i);
    if (t.key) errs.push(...validateLabelName(t.key, idx.child('key')));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(field.invalid(idx.child('operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(field.invalid(idx.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length > 0) errs.push(field.invalid(idx.child('operator'), t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(field.invalid(idx.child('operator'), t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(idx.child('operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect) errs.push(...validateTaintEffect(t.effect, true, idx.child('effect')));
  });
  return errs;
}

function validatePodDNSConfig(cfg: PodDNSConfig | undefined, dnsPolicy: string | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (dnsPolicy === 'None') {
    if (!cfg) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if ((cfg.nameservers ?? []).length === 0) return [required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!cfg) return errs;
  const ns = cfg.nameservers ?? [];
  if (ns.length > 3) errs.push(field.invalid(path.child('nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...validateIP(path.child('nameservers').index(i), n)));
  const searches = cfg.searches ?? [];
  if (searches.length > 32) errs.push(field.invalid(path.child('searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(field.invalid(path.child('searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  searches.forEach((s, i) => {
    // RelaxedDNSSearchValidation is off by default in 1.32: a strict DNS subdomain.
    errs.push(...validateDNS1123Subdomain(s.endsWith('.') ? s.slice(0, -1) : s, path.child('searches').index(i)));
  });
  (cfg.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(required(path.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(field.forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(field.invalid(path.child('operator'), rq.operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(rq.key, path.child('key')));
  if (!allowInvalidValues) {
    values.forEach((v, i) => isValidLabelValue(v).forEach((m) => errs.push(field.invalid(path.child('values').index(i), v, m))));
  }
  return errs;
}

function validateNodeSelector(ns: NodeSelector, path: FieldPath): FieldError[] {
  const termPath = path.child('nodeSelectorTerms');
  if ((ns.nodeSelectorTerms ?? []).length === 0) return [required(termPath, 'must have at least one node selector term')];
  const errs: FieldError[] = [];
  ns.nodeSelectorTerms.forEach((term, i) => {
    (term.matchExpressions ?? []).forEach((rq, j) =>
      errs.push(...validateNodeSelectorRequirement(rq, false, termPath.index(i).child('matchExpressions').index(j))));
    (term.matchFields ?? []).forEach((rq, j) => {
      const p = termPath.index(i).child('matchFields').index(j);
      if (rq.operator === 'In' || rq.operator === 'NotIn') {
        if ((rq.values ?? []).length !== 1) errs.push(required(p.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
      } else {
        errs.push(field.invalid(p.child('operator'), rq.operator, 'not a valid selector operator'));
      }
      if (rq.key !== 'metadata.name') errs.push(field.invalid(p.child('key'), rq.key, 'not a valid field selector key'));
      else (rq.values ?? []).forEach((v, k) => nameIsDNSSubdomain(v, false).forEach((m) => errs.push(field.invalid(p.child('values').index(k), v, m))));
    });
  });
  return errs;
}

function validatePodAffinityTerm(t: PodAffinityTerm, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (t.labelSelector) errs.push(...validateLabelSelector(t.labelSelector, {}, path.child('labelSelector')));
  if (t.namespaceSelector) errs.push(...validateLabelSelector(t.namespaceSelector, {}, path.child('namespaceSelector')));
  for (const ns of t.namespaces ?? []) nameIsDNSLabel(ns, false).forEach((m) => errs.push(field.invalid(path.child('namespace'), ns, m)));
  for (const [key, keys] of [['matchLabelKeys', t.matchLabelKeys], ['mismatchLabelKeys', t.mismatchLabelKeys]] as const) {
    if (!keys || keys.length === 0) continue;
    if (!t.labelSelector) errs.push(field.forbidden(path.child(key), 'must not be specified when labelSelector is not set'));
    else keys.forEach((k, i) => errs.push(...validateLabelName(k, path.child(key).index(i))));
  }
  if (!t.topologyKey) errs.push(required(path.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(t.topologyKey ?? '', path.child('topologyKey')));
  return errs;
}

function validateWeightedTerms(terms: readonly WeightedPodAffinityTerm[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (terms ?? []).forEach((t, j) => {
    if (t.weight <= 0 || t.weight > 100) errs.push(field.invalid(path.index(j).child('weight'), t.weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(t.podAffinityTerm, path.index(j).child('podAffinityTerm')));
  });
  return errs;
}

function validateAffinity(a: Affinity | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!a) return errs;
  const na = a.nodeAffinity;
  if (na) {
    const p = path.child('nodeAffinity');
    if (na.requiredDuringSchedulingIgnoredDuringExecution) {
      errs.push(...validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, p.child('requiredDuringSchedulingIgnoredDuringExecution')));
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      const tp = p.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      if (t.weight <= 0 || t.weight > 100) errs.push(field.invalid(tp.child('weight'), t.weight, 'must be in the range 1-100'));
      (t.preference?.matchExpressions ?? []).forEach((rq, j) =>
        errs.push(...validateNodeSelectorRequirement(rq, true, tp.child('preference').child('matchExpressions').index(j))));
    });
  }
  for (const [key, pa] of [['podAffinity', a.podAffinity], ['podAntiAffinity', a.podAntiAffinity]] as const) {
    if (!pa) continue;
    const p = path.child(key);
    (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) =>
      errs.push(...validatePodAffinityTerm(t, p.child('requiredDuringSchedulingIgnoredDuringExecution').index(i))));
    errs.push(...validateWeightedTerms(pa.preferredDuringSchedulingIgnoredDuringExecution, p.child('preferredDuringSchedulingIgnoredDuringExecution')));
  }
  return errs;
}

function validateTopologySpreadConstraints(cs: readonly TopologySpreadConstraint[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (cs ?? []).forEach((c, i) => {
    const p = path.index(i);
    if (c.maxSkew <= 0) errs.push(field.invalid(p.child('maxSkew'), c.maxSkew, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required(p.child('topologyKey'), 'can not be empty'));
    else errs.push(...validateLabelName(c.topologyKey, p.child('topologyKey')));
    const wu = ['DoNotSchedule', 'ScheduleAnyway'];
    if (!c.whenUnsatisfiable) errs.push(required(p.child('whenUnsatisfiable'), 'can not be empty'));
    else if (!wu.includes(c.whenUnsatisfiable)) errs.push(notSupported(p.child('whenUnsatisfiable'), c.whenUnsatisfiable, wu));
    const key = `${c.topologyKey}/${c.whenUnsatisfiable}`;
    if (seen.has(key)) errs.push(duplicate(p, `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    seen.add(key);
    if (c.minDomains !== undefined) {
      if (c.minDomains <= 0) errs.push(field.invalid(p.child('minDomains'), c.minDomains, 'must be greater than 0'));
      else if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(field.invalid(p.child('minDomains'), c.minDomains, 'can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ' + c.whenUnsatisfiable));
      }
    }
    if (c.labelSelector) errs.push(...validateLabelSelector(c.labelSelector, {}, p.child('labelSelector')));
  });
  return errs;
}

function validatePodSecurityContext(sc: PodSecurityContext | undefined, spec: PodSpec, specPath: FieldPath, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc) return errs;
  if (sc.fsGroup !== undefined) isValidGroupID(sc.fsGroup).forEach((m) => errs.push(field.invalid(path.child('fsGroup'), sc.fsGroup, m)));
  if (sc.runAsUser !== undefined) isValidUserID(sc.runAsUser).forEach((m) => errs.push(field.invalid(path.child('runAsUser'), sc.runAsUser, m)));
  if (sc.runAsGroup !== undefined) isValidGroupID(sc.runAsGroup).forEach((m) => errs.push(field.invalid(path.child('runAsGroup'), sc.runAsGroup, m)));
  (sc.supplementalGroups ?? []).forEach((g, i) => isValidGroupID(g).forEach((m) => errs.push(field.invalid(path.child('supplementalGroups').index(i), g, m))));
  if (spec.shareProcessNamespace && spec.hostPID) {
    errs.push(field.invalid(specPath.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const names = new Set<string>();
  (sc.sysctls ?? []).forEach((s, i) => {
    const p = path.child('sysctls').index(i).child('name');
    const re = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
    if (!s.name) errs.push(required(p, ''));
    else if (s.name.length > 253 || !re.test(s.name)) {
      errs.push(field.invalid(p, s.name, 'must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$'));
    } else if (names.has(s.name)) errs.push(duplicate(p, s.name));
    if (spec.hostNetwork && (s.name.startsWith('net.') || s.name.startsWith('net/'))) errs.push(field.invalid(p, s.name, "may not be specified when 'hostNetwork' is true"));
    if (spec.hostIPC && (s.name.startsWith('kernel.shm') || s.name.startsWith('kernel.msg') || s.name === 'kernel.sem' || s.name.startsWith('fs.mqueue.'))) {
      errs.push(field.invalid(p, s.name, "may not be specified when 'hostIPC' is true"));
    }
    names.add(s.name);
  });
  if (sc.fsGroupChangePolicy !== undefined && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(notSupported(path.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, path.child('seccompProfile')));
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, path.child('appArmorProfile')));
  if (sc.supplementalGroupsPolicy !== undefined && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy)) {
    errs.push(notSupported(path.child('supplementalGroupsPolicy'), sc.supplementalGroupsPolicy, ['Merge', 'Strict']));
  }
  if (sc.seLinuxChangePolicy !== undefined && sc.seLinuxChangePolicy !== 'Recursive') {
    // AllowOnlyRecursiveSELinuxChangePolicy while SELinuxChangePolicy is alpha.
    errs.push(notSupported(path.child('seLinuxChangePolicy'), sc.seLinuxChangePolicy, ['Recursive']));
  }
  return errs;
}

/** `ValidatePodSpec`. `podName` enables the ephemeral-volume PVC name checks. */
export function validatePodSpec(spec: PodSpec, podName: string | undefined, path: FieldPath, opts: PodValidationOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(required(path.child('terminationGracePeriodSeconds'), ''));
  }
  const grace = spec.terminationGracePeriodSeconds ?? undefined;
  const hostUsers = spec.hostUsers !== false;
  const { volumes, errors: vErrs } = validateVolumes(spec.volumes, podName, path.child('volumes'));
  errs.push(...vErrs);
  const claims = new Set((spec.resourceClaims ?? []).map((c) => c.name).filter((n) => n));
  const seenClaims = new Set<string>();
  (spec.resourceClaims ?? []).forEach((c, i) => {
    const p = path.child('resourceClaims').index(i);
    if (!c.name) errs.push(required(p.child('name'), ''));
    else if (seenClaims.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else { errs.push(...validateDNS1123Label(c.name, p.child('name'))); seenClaims.add(c.name); }
    if (c.resourceClaimName !== undefined && c.resourceClaimTemplateName !== undefined) {
      errs.push(field.invalid(p, c, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    }
    if (c.resourceClaimName === undefined && c.resourceClaimTemplateName === undefined) {
      errs.push(field.invalid(p, c, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    }
  });
  errs.push(...validateContainers(spec.containers, volumes, claims, grace, path.child('containers'), opts, spec.restartPolicy, hostUsers));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers ?? [], volumes, claims, grace, path.child('initContainers'), opts,
    spec.restartPolicy, hostUsers));
  errs.push(...validateEphemeralContainers(spec.ephemeralContainers, spec, volumes, claims, path.child('ephemeralContainers'), opts, hostUsers));
  if (spec.resources) {
    if (spec.resources.claims) errs.push(field.forbidden(path.child('resources').child('claims'), 'claims cannot be set for Resources at pod-level'));
    errs.push(...validateResourceRequirements(spec.resources, claims, path.child('resources'), (n, p) => {
      const e = validateResourceName(n, p);
      if (e.length === 0 && !['cpu', 'memory'].includes(n)) e.push(notSupported(p, n, ['cpu', 'memory']));
      return e;
    }));
  }
  // validatePodHostNetworkDeps (ResourceIsPod): hostPort must equal containerPort.
  if (spec.hostNetwork) {
    (spec.containers ?? []).forEach((c, i) => (c.ports ?? []).forEach((port, j) => {
      if ((port.hostPort ?? 0) !== port.containerPort) {
        errs.push(field.invalid(path.child('containers').index(i).child('ports').index(j).child('hostPort'), port.hostPort ?? 0,
          'must match `containerPort` when `hostNetwork` is true'));
      }
    }));
  }
  const rp = ['Always', 'OnFailure', 'Never'];
  if (!spec.restartPolicy) errs.push(required(path.child('restartPolicy'), ''));
  else if (!rp.includes(spec.restartPolicy)) errs.push(notSupported(path.child('restartPolicy'), spec.restartPolicy, rp));
  const dp = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (!spec.dnsPolicy) errs.push(required(path.child('dnsPolicy'), ''));
  else if (!dp.includes(spec.dnsPolicy)) errs.push(notSupported(path.child('dnsPolicy'), spec.dnsPolicy, dp));
  errs.push(...validateLabels(spec.nodeSelector ?? {}, path.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(spec.securityContext, spec, path, path.child('securityContext')));
  (spec.imagePullSecrets ?? []).forEach((s, i) => {
    if (Object.keys(s).some((k) => k !== 'name')) errs.push(field.invalid(path.child('imagePullSecrets').index(i), s, 'only name may be set'));
  });
  errs.push(...validateAffinity(spec.affinity, path.child('affinity')));
  errs.push(...validatePodDNSConfig(spec.dnsConfig, spec.dnsPolicy, path.child('dnsConfig')));
  (spec.readinessGates ?? []).forEach((g, i) => errs.push(...validateQualifiedName(g.conditionType, path.child('readinessGates').index(i).child('conditionType'))));
  const gates = new Set<string>();
  (spec.schedulingGates ?? []).forEach((g, i) => {
    errs.push(...validateQualifiedName(g.name, path.child('schedulingGates').index(i)));
    if (gates.has(g.name)) errs.push(duplicate(path.child('schedulingGates').index(i), g.name));
    gates.add(g.name);
  });
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, path.child('topologySpreadConstraints')));
  if (spec.hostUsers === false) {
    if (spec.hostNetwork) errs.push(field.forbidden(path.child('hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostPID) errs.push(field.forbidden(path.child('HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostIPC) errs.push(field.forbidden(path.child('HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  if (spec.serviceAccountName) {
    nameIsDNSSubdomain(spec.serviceAccountName, false).forEach((m) => errs.push(field.invalid(path.child('serviceAccountName'), spec.serviceAccountName, m)));
  }
  if (spec.nodeName) nameIsDNSSubdomain(spec.nodeName, false).forEach((m) => errs.push(field.invalid(path.child('nodeName'), spec.nodeName, m)));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > 2147483647) errs.push(field.invalid(path.child('activeDeadlineSeconds'), v, inclusiveRangeError(1, 2147483647)));
  }
  if (spec.hostname) errs.push(...validateDNS1123Label(spec.hostname, path.child('hostname')));
  if (spec.subdomain) errs.push(...validateDNS1123Label(spec.subdomain, path.child('subdomain')));
  if ((spec.tolerations ?? []).length > 0) errs.push(...validateTolerations(spec.tolerations, path.child('tolerations')));
  (spec.hostAliases ?? []).forEach((ha, i) => {
    errs.push(...validateIP(path.child('hostAliases').index(i).child('ip'), ha.ip));
    (ha.hostnames ?? []).forEach((h, j) => errs.push(...validateDNS1123Subdomain(h, path.child('hostAliases').index(i).child('hostnames').index(j))));
  });
  if (spec.priorityClassName) {
    nameIsDNSSubdomain(spec.priorityClassName, false).forEach((m) => errs.push(field.invalid(path.child('priorityClassName'), spec.priorityClassName, m)));
  }
  if (spec.runtimeClassName !== undefined && spec.runtimeClassName !== null) {
    nameIsDNSSubdomain(spec.runtimeClassName, false).forEach((m) => errs.push(field.invalid(path.child('runtimeClassName'), spec.runtimeClassName, m)));
  }
  if (spec.preemptionPolicy !== undefined) {
    const pp = ['PreemptLowerPriority', 'Never'];
    if (!spec.preemptionPolicy) errs.push(required(path.child('preemptionPolicy'), ''));
    else if (!pp.includes(spec.preemptionPolicy)) errs.push(notSupported(path.child('preemptionPolicy'), spec.preemptionPolicy, pp));
  }
  if (spec.overhead) errs.push(...validateResourceRequirements({ limits: spec.overhead }, claims, path.child('overhead')));
  if (spec.os) {
    const osPath = path.child('os');
    if (!spec.os.name) errs.push(required(osPath.child('name'), ''));
    else if (!['linux', 'windows'].includes(spec.os.name)) errs.push(notSupported(osPath.child('name'), spec.os.name, ['linux', 'windows']));
    else if (spec.os.name === 'linux') {
      if (spec.securityContext?.windowsOptions) {
        errs.push(field.forbidden(path.child('securityContext').child('windowsOptions'), 'windows options cannot be set for a linux pod'));
      }
      visitContainers(spec, path, (c, cp) => {
        if (c.securityContext?.windowsOptions) {
          errs.push(field.forbidden(cp.child('securityContext').child('windowsOptions'), 'windows options cannot be set for a linux pod'));
        }
      });
    }
  }
  return errs;
}

function visitContainers(spec: PodSpec, path: FieldPath, fn: (c: Container, p: FieldPath) => void): void {
  (spec.initContainers ?? []).forEach((c, i) => fn(c, path.child('initContainers').index(i)));
  (spec.containers ?? []).forEach((c, i) => fn(c, path.child('containers').index(i)));
  (spec.ephemeralContainers ?? []).forEach((c, i) => fn(c, path.child('ephemeralContainers').index(i)));
}

// ---------------------------------------------------------------------------------------------
// Pod
// ---------------------------------------------------------------------------------------------

/** `validatePodMetadataAndSpec`. */
function validatePodMetadataAndSpec(pod: Pod, opts: PodValidationOptions): FieldError[] {
  const metaPath = FieldPath.root('metadata');
  const specPath = FieldPath.root('spec');
  const spec = pod.spec ?? ({ containers: [] });
  const errs = validateCoreObjectMeta(pod.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, metaPath);
  const annotations = pod.metadata?.annotations ?? {};
  const mirror = annotations['kubernetes.io/config.mirror'];
  if (mirror !== undefined && !spec.nodeName) {
    errs.push(field.invalid(metaPath.child('annotations').key('kubernetes.io/config.mirror'), mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const cost = annotations['controller.kubernetes.io/pod-deletion-cost'];
  if (cost !== undefined && !/^[+-]?\d+$/.test(cost.trim() === cost ? cost : '_')) {
    errs.push(field.invalid(metaPath.child('annotations').key('controller.kubernetes.io/pod-deletion-cost'), cost, 'must be a 32bit integer'));
  } else if (cost !== undefined && Math.abs(Number(cost)) > 2147483648) {
    errs.push(field.invalid(metaPath.child('annotations').key('controller.kubernetes.io/pod-deletion-cost'), cost, 'must be a 32bit integer'));
  }
  errs.push(...validatePodSpec(spec, pod.metadata?.name, specPath, opts));
  if (!spec.serviceAccountName) {
    (spec.volumes ?? []).forEach((v, vi) => (v.projected?.sources ?? []).forEach((s, si) => {
      if (s.serviceAccountToken) {
        errs.push(field.forbidden(specPath.child('volumes').index(vi).child('projected').child('sources').index(si).child('serviceAccountToken'),
          'must not be specified when serviceAccountName is not set'));
      }
    }));
  }
  (spec.containers ?? []).forEach((c, i) => errs.push(...validateContainerOnlyForPod(c, specPath.child('containers').index(i))));
  (spec.initContainers ?? []).forEach((c, i) => errs.push(...validateContainerOnlyForPod(c, specPath.child('initContainers').index(i))));
  return errs;
}

/** `ValidatePodCreate`: a pod as submitted (after defaulting). */
export function validatePod(pod: Pod, opts: PodValidationOptions = {}): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod, opts);
  const specPath = FieldPath.root('spec');
  if ((pod.spec?.ephemeralContainers ?? []).length > 0) errs.push(field.forbidden(specPath.child('ephemeralContainers'), 'cannot be set on create'));
  if (pod.spec?.nodeName && (pod.spec.schedulingGates ?? []).length > 0) {
    errs.push(field.forbidden(specPath.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/** The fields ValidatePodUpdate lets a user change, as its error message lists them. */
export const updatablePodSpecFields: readonly string[] = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(newCs: readonly Container[], oldCs: readonly Container[], path: FieldPath): { errs: FieldError[]; stop: boolean } {
  if (newCs.length !== oldCs.length) return { errs: [field.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  newCs.forEach((c, i) => {
    if (!c.image) errs.push(required(path.index(i).child('image'), ''));
    if ((c.image ?? '').trim().length !== (c.image ?? '').length) {
      errs.push(field.invalid(path.index(i).child('image'), c.image, 'must not have leading or trailing whitespace'));
    }
  });
  return { errs, stop: false };
}

const goFieldName = (k: string): string => k.charAt(0).toUpperCase() + k.slice(1);

/** A short `cmp.Diff`-like rendering of the spec fields that differ (upstream prints cmp.Diff). */
function specDiff(oldSpec: PodSpec, newSpec: PodSpec): string {
  const lines = ['  core.PodSpec{'];
  const o = oldSpec as unknown as Record<string, unknown>;
  const n = newSpec as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
  for (const k of keys) {
    if (deepEqual(o[k], n[k])) continue;
    if (o[k] !== undefined) lines.push(`- \t${goFieldName(k)}: ${JSON.stringify(o[k])},`);
    if (n[k] !== undefined) lines.push(`+ \t${goFieldName(k)}: ${JSON.stringify(n[k])},`);
  }
  lines.push('  }');
  return lines.join('\n') + '\n';
}

function validateOnlyAddedTolerations(newT: readonly Toleration[], oldT: readonly Toleration[], path: FieldPath): FieldError[] {
  for (const old of oldT) {
    const found = newT.some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [field.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newT, path);
}

/**
 * `ValidatePodUpdate`: metadata update rules, the new pod's own validity, and spec immutability
 * except container images, activeDeadlineSeconds (lowering), tolerations (additions),
 * schedulingGates (removals) and terminationGracePeriodSeconds (negative → 1).
 */
export function validatePodUpdate(newPod: Pod, oldPod: Pod, opts: PodValidationOptions = {}): FieldError[] {
  const metaPath = FieldPath.root('metadata');
  const errs = validateCoreObjectMetaUpdate(newPod.metadata ?? {}, oldPod.metadata ?? {}, metaPath);
  errs.push(...validatePodMetadataAndSpec(newPod, opts));
  errs.push(...validatePodAnnotationUpdates(newPod, oldPod, metaPath.child('annotations')));
  const specPath = FieldPath.root('spec');
  const ns = newPod.spec ?? ({ containers: [] });
  const os = oldPod.spec ?? ({ containers: [] });
  let r = validateContainerUpdates(ns.containers ?? [], os.containers ?? [], specPath.child('containers'));
  errs.push(...r.errs);
  if (r.stop) return errs;
  r = validateContainerUpdates(ns.initContainers ?? [], os.initContainers ?? [], specPath.child('initContainers'));
  errs.push(...r.errs);
  if (r.stop) return errs;
  if (ns.activeDeadlineSeconds !== undefined && ns.activeDeadlineSeconds !== null) {
    const v = ns.activeDeadlineSeconds;
    if (v < 0 || v > 2147483647) {
      errs.push(field.invalid(specPath.child('activeDeadlineSeconds'), v, inclusiveRangeError(0, 2147483647)));
      return errs;
    }
    if (os.activeDeadlineSeconds !== undefined && os.activeDeadlineSeconds !== null && os.activeDeadlineSeconds < v) {
      errs.push(field.invalid(specPath.child('activeDeadlineSeconds'), v, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (os.activeDeadlineSeconds !== undefined && os.activeDeadlineSeconds !== null) {
    errs.push(field.invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(ns.tolerations ?? [], os.tolerations ?? [], specPath.child('tolerations')));
  if ((ns.schedulingGates ?? []).length > 0) {
    const oldGates = new Set((os.schedulingGates ?? []).map((g) => g.name));
    (ns.schedulingGates ?? []).forEach((g, i) => {
      if (!oldGates.has(g.name)) {
        errs.push(field.forbidden(specPath.child('schedulingGates').index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${g.name}'`));
      }
    });
  }
  if (deepEqual(ns, os)) return errs;
  const munged: PodSpec = structuredClone(ns);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: os.containers?.[i]?.image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: os.initContainers?.[i]?.image }));
  if (os.activeDeadlineSeconds !== undefined) munged.activeDeadlineSeconds = os.activeDeadlineSeconds;
  else delete munged.activeDeadlineSeconds;
  setOrDelete(munged, 'schedulingGates', os.schedulingGates);
  setOrDelete(munged, 'tolerations', os.tolerations);
  if ((os.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  }
  if ((os.schedulingGates ?? []).length > 0) {
    const oldSel = os.nodeSelector ?? {};
    const newSel = munged.nodeSelector ?? {};
    if (!deepEqual(oldSel, newSel)) {
      if (Object.entries(oldSel).some(([k, v]) => newSel[k] !== v)) {
        errs.push(field.invalid(specPath.child('nodeSelector'), newSel, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
      }
      setOrDelete(munged, 'nodeSelector', os.nodeSelector);
    }
  }
  if (!deepEqual(munged, os)) {
    errs.push(field.forbidden(specPath,
      `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n${specDiff(os, munged)}`));
  }
  return errs;
}

function setOrDelete<K extends keyof PodSpec>(spec: PodSpec, key: K, value: PodSpec[K] | undefined): void {
  if (value === undefined) delete spec[key];
  else spec[key] = value;
}

function validatePodAnnotationUpdates(newPod: Pod, oldPod: Pod, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const na = newPod.metadata?.annotations ?? {};
  const oa = oldPod.metadata?.annotations ?? {};
  const apparmor = 'container.apparmor.security.beta.kubernetes.io/';
  const mirror = 'kubernetes.io/config.mirror';
  for (const [k, v] of Object.entries(oa)) {
    if (na[k] === v) continue;
    if (k.startsWith(apparmor)) errs.push(field.forbidden(path.key(k), 'may not remove or update AppArmor annotations'));
    if (k === mirror) errs.push(field.forbidden(path.key(k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(na)) {
    if (k in oa) continue;
    if (k.startsWith(apparmor)) errs.push(field.forbidden(path.key(k), 'may not add AppArmor annotations'));
    if (k === mirror) errs.push(field.forbidden(path.key(k), 'may not add mirror pod annotation'));
  }
  return errs;
}

function validateContainerStateTransition(newS: readonly ContainerStatus[], oldS: readonly ContainerStatus[], path: FieldPath,
  restartPolicy: string | undefined, restartableInit: Set<string> = new Set()): FieldError[] {
  const errs: FieldError[] = [];
  if (restartPolicy === 'Always') return errs;
  oldS.forEach((o, i) => {
    const term = o.state?.terminated;
    if (!term) return;
    if (term.exitCode !== 0 && restartPolicy === 'OnFailure') return;
    if (restartableInit.has(o.name)) return;
    for (const n of newS) {
      if (n.name === o.name && !n.state?.terminated) errs.push(field.forbidden(path.index(i).child('state'), 'may not be transitioned to non-terminated state'));
    }
  });
  return errs;
}

function validateIPList(ips: readonly { ip: string }[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  ips.forEach((p, i) => errs.push(...validateIP(path.index(i), p.ip)));
  if (ips.length > 1) {
    const fams = ips.map((p) => ipFamilyOf(p.ip));
    const dual = ips.length === 2 && fams.includes(4) && fams.includes(6);
    if (!dual) errs.push(field.invalid(path, ips, 'may specify no more than one IP for each IP family'));
    const seen = new Set<string>();
    ips.forEach((p, i) => {
      if (seen.has(p.ip)) errs.push(duplicate(path.index(i), p));
      seen.add(p.ip);
    });
  }
  return errs;
}

/** `ValidatePodStatusUpdate`: what the kubelet may write through `pods/status`. */
export function validatePodStatusUpdate(newPod: Pod, oldPod: Pod): FieldError[] {
  const metaPath = FieldPath.root('metadata');
  const errs = validateCoreObjectMetaUpdate(newPod.metadata ?? {}, oldPod.metadata ?? {}, metaPath);
  errs.push(...validatePodAnnotationUpdates(newPod, oldPod, metaPath.child('annotations')));
  const system = ['PodScheduled', 'Ready', 'Initialized'];
  (newPod.status?.conditions ?? []).forEach((c, i) => {
    if (!system.includes(c.type)) errs.push(...validateQualifiedName(c.type, metaPath.child('conditions').index(i).child('Type')));
  });
  const statusPath = FieldPath.root('status');
  if ((newPod.spec?.nodeName ?? '') !== (oldPod.spec?.nodeName ?? '')) errs.push(field.forbidden(statusPath.child('nodeName'), 'may not be changed directly'));
  const nn = newPod.status?.nominatedNodeName;
  if (nn && nn !== oldPod.status?.nominatedNodeName) {
    nameIsDNSSubdomain(nn, false).forEach((m) => errs.push(field.invalid(statusPath.child('nominatedNodeName'), nn, m)));
  }
  errs.push(...immutable(newPod.status?.qosClass ?? '', oldPod.status?.qosClass ?? '', statusPath.child('qosClass')));
  errs.push(...validateContainerStateTransition(newPod.status?.containerStatuses ?? [], oldPod.status?.containerStatuses ?? [],
    statusPath.child('containerStatuses'), oldPod.spec?.restartPolicy));
  const restartableInit = new Set((oldPod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  errs.push(...validateContainerStateTransition(newPod.status?.initContainerStatuses ?? [], oldPod.status?.initContainerStatuses ?? [],
    statusPath.child('initContainerStatuses'), oldPod.spec?.restartPolicy, restartableInit));
  errs.push(...validateContainerStateTransition(newPod.status?.ephemeralContainerStatuses ?? [], oldPod.status?.ephemeralContainerStatuses ?? [],
    statusPath.child('ephemeralContainerStatuses'), 'Never'));
  errs.push(...validateIPList(newPod.status?.podIPs ?? [], statusPath.child('podIPs')));
  const hostIPs = newPod.status?.hostIPs ?? [];
  if (hostIPs.length > 0) {
    if ((newPod.status?.hostIP ?? '') !== hostIPs[0]!.ip) {
      errs.push(field.invalid(statusPath.child('hostIPs').index(0).child('ip'), hostIPs[0]!.ip, 'must be equal to `hostIP`'));
    }
    errs.push(...validateIPList(hostIPs, statusPath.child('hostIPs')));
  }
  return errs;
}

/** `ValidatePodBinding`. */
export function validateBinding(binding: Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = binding.target?.kind ?? '';
  if (kind && kind !== 'Node') errs.push(notSupported(FieldPath.root('target', 'kind'), kind, ['Node', '<empty>']));
  if (!binding.target?.name) errs.push(required(FieldPath.root('target', 'name'), ''));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------------

const isHeadlessService = (svc: Service): boolean => svc.spec?.clusterIPs?.length === 1 && svc.spec.clusterIPs[0] === 'None';

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(required(path.child('name'), ''));
  else if (sp.name) {
    errs.push(...validateDNS1123Label(sp.name, path.child('name')));
    if (names.has(sp.name)) errs.push(duplicate(path.child('name'), sp.name));
    else names.add(sp.name);
  }
  isValidPortNum(sp.port).forEach((m) => errs.push(field.invalid(path.child('port'), sp.port, m)));
  if (!sp.protocol) errs.push(required(path.child('protocol'), ''));
  else if (!supportedPortProtocols.includes(sp.protocol)) errs.push(notSupported(path.child('protocol'), sp.protocol, supportedPortProtocols));
  errs.push(...validatePortNumOrName(sp.targetPort, path.child('targetPort')));
  if (sp.appProtocol !== undefined) errs.push(...validateQualifiedName(sp.appProtocol, path.child('appProtocol')));
  return errs;
}

function validateServiceClusterIPsRelatedFields(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const specPath = FieldPath.root('spec');
  const ipsPath = specPath.child('clusterIPs');
  const famPath = specPath.child('ipFamilies');
  const clusterIPs = spec.clusterIPs ?? [];
  let hasInvalid = false;
  if (spec.clusterIP) {
    if (clusterIPs.length === 0) errs.push(required(ipsPath, ''));
    else if (clusterIPs[0] !== spec.clusterIP) errs.push(field.invalid(ipsPath, clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(field.invalid(ipsPath, clusterIPs, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(famPath.index(i), f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(duplicate(famPath.index(i), f));
    seen.add(f);
  });
  const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
  if (spec.ipFamilyPolicy !== undefined && !policies.includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported(specPath.child('ipFamilyPolicy'), spec.ipFamilyPolicy, policies));
  }
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        hasInvalid = true;
        errs.push(field.invalid(ipsPath, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const e = validateIP(ipsPath.index(i), ip);
    if (e.length > 0) hasInvalid = true;
    errs.push(...e);
  });
  if (clusterIPs.length > 2) errs.push(field.invalid(ipsPath, clusterIPs, 'may only hold up to 2 values'));
  if (hasInvalid) return errs;
  if (clusterIPs.length > 1) {
    const fams = clusterIPs.map(ipFamilyOf);
    if (!(fams.includes(4) && fams.includes(6))) errs.push(field.invalid(ipsPath, clusterIPs, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadlessService(svc) && clusterIPs.length > 0 && (spec.ipFamilies ?? []).length > 0) {
    clusterIPs.forEach((ip, i) => {
      const fam = spec.ipFamilies?.[i];
      if (fam === 'IPv4' && ipFamilyOf(ip) === 6) errs.push(field.invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (fam === 'IPv6' && ipFamilyOf(ip) !== 6) errs.push(field.invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/** `ValidateService`. Expects clusterIP and clusterIPs in sync (defaultService does that). */
export function validateService(svc: Service): FieldError[] {
  const metaPath = FieldPath.root('metadata');
  const errs = validateCoreObjectMeta(svc.metadata ?? {}, { namespaced: true, nameFn: nameIsDNS1035Label }, metaPath);
  const spec = svc.spec ?? {};
  const ann = svc.metadata?.annotations ?? {};
  const hints = ann['service.kubernetes.io/topology-aware-hints'];
  const mode = ann['service.kubernetes.io/topology-mode'];
  if (hints !== undefined && mode !== undefined && hints !== mode) {
    errs.push(field.invalid(metaPath.child('annotations').key('service.kubernetes.io/topology-mode'), mode,
      'must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified'));
  }
  const specPath = FieldPath.root('spec');
  const ports = spec.ports ?? [];
  const headless = isHeadlessService(svc);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required(specPath.child('ports'), ''));
  switch (spec.type) {
    case 'LoadBalancer':
      if (headless) errs.push(field.invalid(specPath.child('clusterIPs').index(0), spec.clusterIPs![0], "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (headless) errs.push(field.invalid(specPath.child('clusterIPs').index(0), spec.clusterIPs![0], "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if ((spec.clusterIPs ?? []).length > 0) errs.push(field.forbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services'));
      if ((spec.ipFamilies ?? []).length > 0) errs.push(field.forbidden(specPath.child('ipFamilies'), 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy !== undefined) errs.push(field.forbidden(specPath.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
      const cname = (spec.externalName ?? '').replace(/\.$/, '');
      if (cname) errs.push(...validateDNS1123Subdomain(cname, specPath.child('externalName')));
      else errs.push(required(specPath.child('externalName'), ''));
      break;
    }
    default:
      break;
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, specPath.child('ports').index(i))));
  if (spec.selector) errs.push(...validateLabels(spec.selector, specPath.child('selector')));
  if (!spec.sessionAffinity) errs.push(required(specPath.child('sessionAffinity'), ''));
  else if (!['ClientIP', 'None'].includes(spec.sessionAffinity)) errs.push(notSupported(specPath.child('sessionAffinity'), spec.sessionAffinity, ['ClientIP', 'None']));
  if (spec.sessionAffinity === 'ClientIP') {
    const cp = specPath.child('sessionAffinityConfig');
    const cfg = spec.sessionAffinityConfig;
    const msg = 'when session affinity type is ClientIP';
    if (!cfg) errs.push(required(cp, msg));
    else if (!cfg.clientIP) errs.push(required(cp.child('clientIP'), msg));
    else if (cfg.clientIP.timeoutSeconds === undefined) errs.push(required(cp.child('clientIP').child('timeoutSeconds'), msg));
    else if (cfg.clientIP.timeoutSeconds <= 0 || cfg.clientIP.timeoutSeconds > 86400) {
      errs.push(field.invalid(cp.child('clientIP').child('timeoutSeconds'), cfg.clientIP.timeoutSeconds, 'must be greater than 0 and less than 86400'));
    }
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(field.forbidden(specPath.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }
  errs.push(...validateServiceClusterIPsRelatedFields(svc));
  (spec.externalIPs ?? []).forEach((ip, i) => {
    const p = specPath.child('externalIPs').index(i);
    const e = validateIP(p, ip);
    errs.push(...(e.length > 0 ? e : validateNonSpecialIP(ip, p)));
  });
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!spec.type) errs.push(required(specPath.child('type'), ''));
  else if (!types.includes(spec.type)) errs.push(notSupported(specPath.child('type'), spec.type, types));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(field.forbidden(specPath.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(specPath.child('ports').index(i).child('nodePort'), p.nodePort));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (portKeys.has(key)) errs.push(duplicate(specPath.child('ports').index(i), { port: p.port, protocol: p.protocol }));
    portKeys.add(key);
  });
  const ranges = spec.loadBalancerSourceRanges ?? [];
  if (ranges.length > 0) {
    const fp = specPath.child('LoadBalancerSourceRanges');
    if (spec.type !== 'LoadBalancer') errs.push(field.forbidden(fp, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => {
      if (!isValidCIDR(r.trim())) errs.push(field.invalid(fp.index(i), r.trim(), invalidCIDRMessage));
    });
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.type !== 'LoadBalancer') {
    errs.push(field.forbidden(specPath.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) {
    // Upstream reports this one without the `spec.` prefix.
    errs.push(required(FieldPath.root('allocateLoadBalancerNodePorts'), ''));
  }
  if (spec.type === 'LoadBalancer') {
    if (spec.loadBalancerClass !== undefined) errs.push(...validateQualifiedName(spec.loadBalancerClass, specPath.child('loadBalancerClass')));
  } else if (spec.loadBalancerClass !== undefined) {
    errs.push(field.forbidden(specPath.child('loadBalancerClass'), "may only be used when `type` is 'LoadBalancer'"));
  }
  // External traffic policy.
  const externallyAccessible = spec.type === 'LoadBalancer' || spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
  if (!externallyAccessible) {
    if (spec.externalTrafficPolicy) {
      errs.push(field.invalid(specPath.child('externalTrafficPolicy'), spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    }
  } else if (!spec.externalTrafficPolicy) {
    errs.push(required(specPath.child('externalTrafficPolicy'), ''));
  } else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) {
    errs.push(notSupported(specPath.child('externalTrafficPolicy'), spec.externalTrafficPolicy, ['Cluster', 'Local']));
  }
  const needsHealthCheck = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  if (!needsHealthCheck) {
    if (spec.healthCheckNodePort) {
      errs.push(field.invalid(specPath.child('healthCheckNodePort'), spec.healthCheckNodePort,
        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (!spec.healthCheckNodePort) {
    errs.push(required(specPath.child('healthCheckNodePort'), ''));
  } else {
    isValidPortNum(spec.healthCheckNodePort).forEach((m) => errs.push(field.invalid(specPath.child('healthCheckNodePort'), spec.healthCheckNodePort, m)));
  }
  if (spec.internalTrafficPolicy === undefined) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') {
      errs.push(required(specPath.child('internalTrafficPolicy'), ''));
    }
  } else if (!['Cluster', 'Local'].includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported(specPath.child('internalTrafficPolicy'), spec.internalTrafficPolicy, ['Cluster', 'Local']));
  }
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported(specPath.child('trafficDistribution'), spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

/** `ValidateServiceUpdate`: clusterIPs and ipFamilies upgrade/downgrade rules, then ValidateService. */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateCoreObjectMetaUpdate(svc.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata'));
  const ns = svc.spec ?? {};
  const os = old.spec ?? {};
  const ipsPath = FieldPath.root('spec', 'clusterIPs');
  if (ns.type !== 'ExternalName' && os.type !== 'ExternalName' && !(isHeadlessService(svc) && isHeadlessService(old))) {
    const n = ns.clusterIPs ?? [];
    const o = os.clusterIPs ?? [];
    if (o.length === n.length) {
      o.forEach((ip, i) => { if (ip !== n[i]) errs.push(field.invalid(ipsPath.index(i), n, 'may not change once set')); });
    } else if (o.length > n.length) {
      if (n.length === 0) errs.push(field.invalid(ipsPath.index(0), n, 'primary clusterIP can not be unset'));
      if (o.length > 0 && n.length > 0 && n[0] !== o[0]) errs.push(field.invalid(ipsPath.index(0), n, 'may not change once set'));
      if (n.length === 1 && ns.ipFamilyPolicy !== 'SingleStack') {
        errs.push(field.invalid(FieldPath.root('spec', 'ipFamilyPolicy'), ns.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
      }
    } else if (o.length > 0 && n[0] !== o[0]) {
      errs.push(field.invalid(ipsPath.index(0), n, 'may not change once set'));
    }
  }
  if (ns.type !== 'ExternalName' && os.type !== 'ExternalName' && isHeadlessService(svc) === isHeadlessService(old) && !isHeadlessService(svc)) {
    const n = ns.ipFamilies ?? [];
    const o = os.ipFamilies ?? [];
    const famPath = FieldPath.root('spec', 'ipFamilies');
    if (o.length === n.length) {
      o.forEach((f, i) => { if (f !== n[i]) errs.push(field.invalid(famPath.index(0), n, 'may not change once set')); });
    } else if (o.length > n.length) {
      if ((ns.clusterIPs ?? []).length === 0) errs.push(field.invalid(famPath.index(0), n, 'primary ipFamily can not be unset'));
      if (n.length > 0 && n[0] !== o[0]) errs.push(field.invalid(famPath.index(0), ns.clusterIPs ?? [], 'may not change once set'));
      if (n.length === 1 && ns.ipFamilyPolicy !== 'SingleStack') {
        errs.push(field.invalid(FieldPath.root('spec', 'ipFamilyPolicy'), ns.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
      }
    } else if (o.length > 0 && n.length > 0 && n[0] !== o[0]) {
      errs.push(field.invalid(famPath.index(0), ns.clusterIPs ?? [], 'may not change once set'));
    }
  }
  if (ns.type === 'LoadBalancer' && os.type === 'LoadBalancer' && (ns.loadBalancerClass ?? null) !== (os.loadBalancerClass ?? null)) {
    errs.push(field.invalid(FieldPath.root('spec', 'loadBalancerClass'), ns.loadBalancerClass ?? null, 'may not change once set'));
  }
  const hc = (s: typeof ns): boolean => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (hc(os) && hc(ns) && ns.healthCheckNodePort !== os.healthCheckNodePort) {
    errs.push(field.forbidden(FieldPath.root('spec', 'healthCheckNodePort'), 'field is immutable'));
  }
  errs.push(...validateService(svc));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// ConfigMap, Secret, ServiceAccount, Namespace, Node, Endpoints, Event
// ---------------------------------------------------------------------------------------------

/** `ValidateConfigMap`: keys, duplicate keys across data/binaryData, 1 MiB total. */
export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs = validateCoreObjectMeta(cm.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, FieldPath.root('metadata'));
  let total = 0;
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    isConfigMapKey(key).forEach((m) => errs.push(field.invalid(FieldPath.root('data').key(key), key, m)));
    if (cm.binaryData && key in cm.binaryData) errs.push(field.invalid(FieldPath.root('data').key(key), key, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(value ?? '', 'utf8');
  }
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) {
    isConfigMapKey(key).forEach((m) => errs.push(field.invalid(FieldPath.root('binaryData').key(key), key, m)));
    total += Buffer.from(value ?? '', 'base64').length;
  }
  if (total > MaxSecretSize) errs.push(tooLong(FieldPath.root(''), '', MaxSecretSize));
  return errs;
}

/** `ValidateConfigMapUpdate`. */
export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  const errs = validateCoreObjectMetaUpdate(cm.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata'));
  if (old.immutable) {
    const msg = 'field is immutable when `immutable` is set';
    if (!cm.immutable) errs.push(field.forbidden(FieldPath.root('immutable'), msg));
    if (!deepEqual(cm.data, old.data)) errs.push(field.forbidden(FieldPath.root('data'), msg));
    if (!deepEqual(cm.binaryData, old.binaryData)) errs.push(field.forbidden(FieldPath.root('binaryData'), msg));
  }
  errs.push(...validateConfigMap(cm));
  return errs;
}

/** Secret type names and their required keys (`core.SecretType*`). */
export const SecretTypes = {
  Opaque: 'Opaque',
  ServiceAccountToken: 'kubernetes.io/service-account-token',
  Dockercfg: 'kubernetes.io/dockercfg',
  DockerConfigJson: 'kubernetes.io/dockerconfigjson',
  BasicAuth: 'kubernetes.io/basic-auth',
  SSHAuth: 'kubernetes.io/ssh-auth',
  TLS: 'kubernetes.io/tls',
  BootstrapToken: 'bootstrap.kubernetes.io/token',
} as const;

function decodeSecretValue(v: string | undefined): Buffer {
  return Buffer.from(v ?? '', 'base64');
}

/** An approximation of Go's `json.Unmarshal` error for a non-object document. */
function goJSONError(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  try {
    const v: unknown = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      return `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'null'} into Go value of type map[string]interface {}`;
    }
    return undefined;
  } catch {
    const trimmed = text.trim();
    if (trimmed.length === 0) return 'unexpected end of JSON input';
    return `invalid character '${trimmed[0]}' looking for beginning of value`;
  }
}

/** `ValidateSecret`: keys, 1 MiB of data, and the per-type required keys. */
export function validateSecret(secret: Secret): FieldError[] {
  const errs = validateCoreObjectMeta(secret.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, FieldPath.root('metadata'));
  const dataPath = FieldPath.root('data');
  const data = secret.data ?? {};
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    isConfigMapKey(key).forEach((m) => errs.push(field.invalid(dataPath.key(key), key, m)));
    total += decodeSecretValue(value).length;
  }
  if (total > MaxSecretSize) errs.push(tooLong(dataPath, '', MaxSecretSize));
  switch (secret.type ?? '') {
    case SecretTypes.ServiceAccountToken:
      if (!secret.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required(FieldPath.root('metadata', 'annotations').key('kubernetes.io/service-account.name'), ''));
      }
      break;
    case SecretTypes.Opaque:
    case '':
      break;
    case SecretTypes.Dockercfg:
    case SecretTypes.DockerConfigJson: {
      const key = secret.type === SecretTypes.Dockercfg ? '.dockercfg' : '.dockerconfigjson';
      if (!(key in data)) {
        errs.push(required(dataPath.key(key), ''));
        break;
      }
      const e = goJSONError(decodeSecretValue(data[key]));
      if (e) errs.push(field.invalid(dataPath.key(key), '<secret contents redacted>', e));
      break;
    }
    case SecretTypes.BasicAuth:
      if (!('username' in data) && !('password' in data)) {
        errs.push(required(dataPath.key('username'), ''));
        errs.push(required(dataPath.key('password'), ''));
      }
      break;
    case SecretTypes.SSHAuth:
      if (decodeSecretValue(data['ssh-privatekey']).length === 0) errs.push(required(dataPath.key('ssh-privatekey'), ''));
      break;
    case SecretTypes.TLS:
      if (!('tls.crt' in data)) errs.push(required(dataPath.key('tls.crt'), ''));
      if (!('tls.key' in data)) errs.push(required(dataPath.key('tls.key'), ''));
      break;
    default:
      break;
  }
  return errs;
}

/** `ValidateSecretUpdate`: type is immutable; `immutable` secrets keep their data. */
export function validateSecretUpdate(secret: Secret, old: Secret): FieldError[] {
  const errs = validateCoreObjectMetaUpdate(secret.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata'));
  errs.push(...immutable(secret.type ?? '', old.type ?? '', FieldPath.root('type')));
  if (old.immutable) {
    const msg = 'field is immutable when `immutable` is set';
    if (!secret.immutable) errs.push(field.forbidden(FieldPath.root('immutable'), msg));
    if (!deepEqual(secret.data, old.data)) errs.push(field.forbidden(FieldPath.root('data'), msg));
  }
  errs.push(...validateSecret(secret));
  return errs;
}

/** `ValidateServiceAccount`. */
export function validateServiceAccount(sa: ServiceAccount): FieldError[] {
  return validateCoreObjectMeta(sa.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, FieldPath.root('metadata'));
}

/** `ValidateServiceAccountUpdate`. */
export function validateServiceAccountUpdate(sa: ServiceAccount, old: ServiceAccount): FieldError[] {
  return [...validateCoreObjectMetaUpdate(sa.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata')), ...validateServiceAccount(sa)];
}

function validateFinalizerName(name: string, path: FieldPath): FieldError[] {
  return [...isQualifiedName(name).map((m) => field.invalid(path, name, m)), ...validateKubeFinalizerName(name, path)];
}

/** `ValidateNamespace`: name is a DNS label, spec finalizers are qualified names. */
export function validateNamespace(ns: Namespace): FieldError[] {
  const errs = validateCoreObjectMeta(ns.metadata ?? {}, { namespaced: false, nameFn: nameIsDNSLabel }, FieldPath.root('metadata'));
  for (const f of ns.spec?.finalizers ?? []) errs.push(...validateFinalizerName(f, FieldPath.root('spec', 'finalizers')));
  return errs;
}

/** `ValidateNamespaceUpdate`. */
export function validateNamespaceUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return validateCoreObjectMetaUpdate(ns.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata'));
}

/** `ValidateNamespaceStatusUpdate`: phase must agree with deletionTimestamp. */
export function validateNamespaceStatusUpdate(ns: Namespace, old: Namespace): FieldError[] {
  const errs = validateCoreObjectMetaUpdate(ns.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata'));
  const phase = ns.status?.phase ?? '';
  if (!ns.metadata?.deletionTimestamp) {
    if (phase !== 'Active') errs.push(field.invalid(FieldPath.root('status', 'Phase'), phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') {
    errs.push(field.invalid(FieldPath.root('status', 'Phase'), phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errs;
}

/** `ValidateNamespaceFinalizeUpdate` (`namespaces/finalize`). */
export function validateNamespaceFinalizeUpdate(ns: Namespace, old: Namespace): FieldError[] {
  const errs = validateCoreObjectMetaUpdate(ns.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata'));
  (ns.spec?.finalizers ?? []).forEach((f, i) => errs.push(...validateFinalizerName(f, FieldPath.root('spec', 'finalizers').index(i))));
  return errs;
}

function validateNodeTaints(taints: readonly Taint[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const idx = path.index(i);
    errs.push(...validateLabelName(t.key, idx.child('key')));
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length > 0) errs.push(field.invalid(idx.child('value'), t.value ?? '', msgs.join(';')));
    errs.push(...validateTaintEffect(t.effect, false, idx.child('effect')));
    const set = unique.get(t.effect) ?? new Set<string>();
    if (set.has(t.key)) {
      const e = duplicate(idx, t);
      e.detail = 'taints must be unique by key and effect pair';
      errs.push(e);
      return;
    }
    set.add(t.key);
    unique.set(t.effect, set);
  });
  return errs;
}

function validateNodeResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ['capacity', 'allocatable'] as const) {
    for (const [name, raw] of Object.entries(node.status?.[key] ?? {})) {
      const p = FieldPath.root('status', key, name);
      const q = quantityAt(raw, p, errs);
      if (q) errs.push(...validateResourceQuantityValue(name, q, p));
    }
  }
  return errs;
}

/** `ValidateNode`. */
export function validateNode(node: Node): FieldError[] {
  const metaPath = FieldPath.root('metadata');
  const errs = validateCoreObjectMeta(node.metadata ?? {}, { namespaced: false, nameFn: nameIsDNSSubdomain }, metaPath);
  // Upstream reports spec taints under metadata.taints.
  if ((node.spec?.taints ?? []).length > 0) errs.push(...validateNodeTaints(node.spec!.taints!, metaPath.child('taints')));
  errs.push(...validateNodeResources(node));
  const cidrs = node.spec?.podCIDRs ?? [];
  if (cidrs.length > 0) {
    const p = FieldPath.root('spec', 'podCIDRs');
    cidrs.forEach((c, i) => { if (!isValidCIDR(c)) errs.push(field.invalid(p.index(i), c, invalidCIDRMessage)); });
    if (cidrs.length > 1) {
      const fams = cidrs.map((c) => ipFamilyOf(c.split('/')[0] ?? ''));
      if (!(cidrs.length === 2 && fams.includes(4) && fams.includes(6))) {
        errs.push(field.invalid(p, cidrs, 'may specify no more than one CIDR for each IP family'));
      }
      const seen = new Set<string>();
      cidrs.forEach((c, i) => { if (seen.has(c)) errs.push(duplicate(p.index(i), c)); seen.add(c); });
    }
  }
  return errs;
}

/** `ValidateNodeUpdate`. */
export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const metaPath = FieldPath.root('metadata');
  const errs = validateCoreObjectMetaUpdate(node.metadata ?? {}, old.metadata ?? {}, metaPath);
  errs.push(...validateNodeResources(node));
  const seen: unknown[] = [];
  (node.status?.addresses ?? []).forEach((a, i) => {
    if (seen.some((s) => deepEqual(s, a))) errs.push(duplicate(FieldPath.root('status', 'addresses').index(i), a));
    seen.push(a);
  });
  const oc = old.spec?.podCIDRs ?? [];
  const nc = node.spec?.podCIDRs ?? [];
  if (oc.length > 0) {
    const msg = 'node updates may not change podCIDR except from "" to valid';
    if (oc.length !== nc.length) errs.push(field.forbidden(FieldPath.root('spec', 'podCIDRs'), msg));
    else oc.forEach((c, i) => { if (c !== nc[i]) errs.push(field.forbidden(FieldPath.root('spec', 'podCIDRs'), msg)); });
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(field.forbidden(FieldPath.root('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  if ((node.spec?.taints ?? []).length > 0) errs.push(...validateNodeTaints(node.spec!.taints!, metaPath.child('taints')));
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(field.forbidden(FieldPath.root('spec', 'externalID'), 'may not be updated'));
  return errs;
}

function validateEndpointAddress(a: EndpointAddress, path: FieldPath): FieldError[] {
  const errs = validateIP(path.child('ip'), a.ip);
  if (a.hostname) errs.push(...validateDNS1123Label(a.hostname, path.child('hostname')));
  if (a.nodeName !== undefined) nameIsDNSSubdomain(a.nodeName, false).forEach((m) => errs.push(field.invalid(path.child('nodeName'), a.nodeName, m)));
  const special = nonSpecialIPMessages(a.ip);
  if (ipFamilyOf(a.ip) !== 0) special.forEach((m) => errs.push(field.invalid(path.child('ip'), a.ip, m)));
  else errs.push(field.invalid(path.child('ip'), a.ip, 'must be a valid IP address'));
  return errs;
}

function validateEndpointPort(p: EndpointPort, requireName: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(required(path.child('name'), ''));
  else if (p.name) errs.push(...validateDNS1123Label(p.name, path.child('name')));
  isValidPortNum(p.port).forEach((m) => errs.push(field.invalid(path.child('port'), p.port, m)));
  if (!p.protocol) errs.push(required(path.child('protocol'), ''));
  else if (!supportedPortProtocols.includes(p.protocol)) errs.push(notSupported(path.child('protocol'), p.protocol, supportedPortProtocols));
  if (p.appProtocol !== undefined) errs.push(...validateQualifiedName(p.appProtocol, path.child('appProtocol')));
  return errs;
}

/** `ValidateEndpoints` (create and update). */
export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs = validateCoreObjectMeta(ep.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, FieldPath.root('metadata'));
  (ep.subsets ?? []).forEach((ss, i) => {
    const idx = FieldPath.root('subsets').index(i);
    if ((ss.addresses ?? []).length === 0 && (ss.notReadyAddresses ?? []).length === 0) {
      errs.push(required(idx, 'must specify `addresses` or `notReadyAddresses`'));
    }
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateEndpointAddress(a, idx.child('addresses').index(j))));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateEndpointAddress(a, idx.child('notReadyAddresses').index(j))));
    const ports = ss.ports ?? [];
    ports.forEach((p, j) => errs.push(...validateEndpointPort(p, ports.length > 1, idx.child('ports').index(j))));
  });
  return errs;
}

/** `ValidateEndpointsUpdate`. */
export function validateEndpointsUpdate(ep: Endpoints, old: Endpoints): FieldError[] {
  return [...validateCoreObjectMetaUpdate(ep.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata')), ...validateEndpoints(ep)];
}

/** The shape `ValidateEventCreate` inspects, in internal (core) field names. */
export interface InternalEventView {
  namespace?: string;
  involvedObjectNamespace?: string;
  eventTime?: string | null;
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  reason?: string;
  message?: string;
  type?: string;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  source?: { component?: string; host?: string };
  series?: { count?: number; lastObservedTime?: string | null };
}

/**
 * `ValidateEventCreate` on the internal view of an event. `requestVersion` is `v1` for core
 * events (legacy checks only, `reportingComponent` in messages) or `events.k8s.io/v1` (strict).
 * `metaErrors` are the caller's ObjectMeta errors for the strict path.
 */
export function validateEventView(e: InternalEventView, requestVersion: 'v1' | 'events.k8s.io/v1', metaErrors: () => FieldError[]): FieldError[] {
  const errs: FieldError[] = [];
  const rcName = requestVersion === 'v1' ? 'reportingComponent' : 'reportingController';
  const ns = e.namespace ?? '';
  const ions = e.involvedObjectNamespace ?? '';
  const iPath = FieldPath.root('involvedObject', 'namespace');
  if (!e.eventTime) {
    if (!ions) {
      if (ns !== '' && ns !== 'default') errs.push(field.invalid(iPath, ions, 'does not match event.namespace'));
    } else if (ns !== ions) {
      errs.push(field.invalid(iPath, ions, 'does not match event.namespace'));
    }
  } else {
    if (!ions && ns !== 'default' && ns !== 'kube-system') errs.push(field.invalid(iPath, ions, 'does not match event.namespace'));
    if (!e.reportingController) errs.push(required(FieldPath.root(rcName), ''));
    errs.push(...validateQualifiedName(e.reportingController ?? '', FieldPath.root(rcName)));
    if (!e.reportingInstance) errs.push(required(FieldPath.root('reportingInstance'), ''));
    if ((e.reportingInstance ?? '').length > 128) errs.push(field.invalid(FieldPath.root('reportingInstance'), '', 'can have at most 128 characters'));
    if (!e.action) errs.push(required(FieldPath.root('action'), ''));
    if ((e.action ?? '').length > 128) errs.push(field.invalid(FieldPath.root('action'), '', 'can have at most 128 characters'));
    if (!e.reason) errs.push(required(FieldPath.root('reason'), ''));
    if ((e.reason ?? '').length > 128) errs.push(field.invalid(FieldPath.root('reason'), '', 'can have at most 128 characters'));
    if ((e.message ?? '').length > 1024) errs.push(field.invalid(FieldPath.root('message'), '', 'can have at most 1024 characters'));
  }
  isDNS1123Subdomain(ns).forEach((m) => errs.push(field.invalid(FieldPath.root('namespace'), ns, m)));
  if (requestVersion === 'v1') return errs;
  errs.push(...metaErrors());
  if (e.series) {
    if ((e.series.count ?? 0) < 2) errs.push(field.invalid(FieldPath.root('series.count'), '', 'should be at least 2'));
    if (!e.series.lastObservedTime) errs.push(required(FieldPath.root('series.lastObservedTime'), ''));
  }
  if (!e.eventTime) errs.push(required(FieldPath.root('eventTime'), ''));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(field.invalid(FieldPath.root('type'), '', `has invalid value: ${e.type ?? ''}`));
  if (e.firstTimestamp) errs.push(field.invalid(FieldPath.root('firstTimestamp'), '', 'needs to be unset'));
  if (e.lastTimestamp) errs.push(field.invalid(FieldPath.root('lastTimestamp'), '', 'needs to be unset'));
  if (e.count) errs.push(field.invalid(FieldPath.root('count'), '', 'needs to be unset'));
  if (e.source?.component || e.source?.host) errs.push(field.invalid(FieldPath.root('source'), '', 'needs to be unset'));
  return errs;
}

/** `ValidateEventCreate` for a core/v1 Event posted through `/api/v1`. */
export function validateEvent(event: Event): FieldError[] {
  return validateEventView({
    namespace: event.metadata?.namespace,
    involvedObjectNamespace: event.involvedObject?.namespace,
    eventTime: event.eventTime,
    reportingController: event.reportingComponent,
    reportingInstance: event.reportingInstance,
    action: event.action,
    reason: event.reason,
    message: event.message,
    type: event.type,
  }, 'v1', () => []);
}

/** `ValidateEventUpdate` for core/v1: the same legacy checks plus metadata update rules. */
export function validateEventUpdate(event: Event, old: Event): FieldError[] {
  return [...validateCoreObjectMetaUpdate(event.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata')), ...validateEvent(event)];
}

