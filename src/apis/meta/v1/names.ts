/**
 * Name and metadata validation, after apimachinery `pkg/util/validation/validation.go`
 * (`IsDNS1123Subdomain`, `IsQualifiedName`, …; Kubernetes 1.32 wording), `pkg/api/validation/
 * objectmeta.go` (`ValidateObjectMeta`, `ValidateObjectMetaUpdate`),
 * `pkg/apis/meta/v1/validation/validation.go` (`ValidateLabels`, `ValidateManagedFields`) and
 * `pkg/api/validation/generic.go` (name functions). The checks return message lists like Go's
 * `[]string`; the validators return {@link FieldError}s for `invalid()`.
 */
import { randomInt } from 'node:crypto';
import { goQuote } from './go-format.js';
import { FieldPath, forbidden, invalid, required, tooLong, type FieldError } from './field-path.js';
import type { LabelSelector, LabelSelectorRequirement, ManagedFieldsEntry, ObjectMeta, OwnerReference } from './types.js';

/** `validation.MaxLenError`. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** `validation.EmptyError`. */
export function emptyError(): string {
  return 'must be non-empty';
}

/**
 * `validation.RegexError`. The double space in `'MyName',  or` is upstream's and appears in every
 * message kubectl prints.
 */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = msg + ' (e.g. ';
  examples.forEach((e, i) => {
    if (i > 0) out += ' or ';
    out += `'${e}', `;
  });
  return out + `regex used for validation is '${fmt}')`;
}

/** `validation.InclusiveRangeError`. */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** Go measures string lengths in UTF-8 bytes. */
function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const dns1123LabelRe = new RegExp(`^${dns1123LabelFmt}$`);
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const dns1123SubdomainRe = new RegExp(`^${dns1123SubdomainFmt}$`);
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const dns1035LabelRe = new RegExp(`^${dns1035LabelFmt}$`);

/** Max length of a DNS-1123 label (namespace names, container names). */
export const DNS1123LabelMaxLength = 63;
/** Max length of a DNS-1123 subdomain (most object names). */
export const DNS1123SubdomainMaxLength = 253;
/** Max length of a DNS-1035 label (Service names). */
export const DNS1035LabelMaxLength = 63;

/** `IsDNS1123Label`: `[]` when valid, else the reasons. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123LabelMaxLength) errs.push(maxLenError(DNS1123LabelMaxLength));
  if (!dns1123LabelRe.test(value)) {
    // A valid subdomain that is not a valid label (length already checked) must have dots.
    if (dns1123SubdomainRe.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'));
  }
  return errs;
}

/** `IsDNS1123Subdomain`: `[]` when valid, else the reasons. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123SubdomainMaxLength) errs.push(maxLenError(DNS1123SubdomainMaxLength));
  if (!dns1123SubdomainRe.test(value)) errs.push(regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

/** `IsDNS1035Label`: `[]` when valid, else the reasons. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1035LabelMaxLength) errs.push(maxLenError(DNS1035LabelMaxLength));
  if (!dns1035LabelRe.test(value)) errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, 'my-name', 'abc-123'));
  return errs;
}

const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const qualifiedNameRe = new RegExp(`^${qualifiedNameFmt}$`);
const qualifiedNameMaxLength = 63;

/**
 * `IsQualifiedName`: label keys, annotation keys (lower-cased first), finalizers: an optional
 * DNS-subdomain prefix and `/`, then a name of at most 63 characters.
 */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part ' + emptyError());
    else for (const m of isDNS1123Subdomain(prefix)) errs.push('prefix part ' + m);
  } else {
    return [
      'a qualified name ' +
        regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part ' + emptyError());
  else if (byteLength(name) > qualifiedNameMaxLength) errs.push('name part ' + maxLenError(qualifiedNameMaxLength));
  if (!qualifiedNameRe.test(name)) {
    errs.push('name part ' + regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc'));
  }
  return errs;
}

const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueRe = new RegExp(`^${labelValueFmt}$`);
/** Max length of a label value. */
export const LabelValueMaxLength = 63;

/** `IsValidLabelValue`: empty, or at most 63 characters of `[-A-Za-z0-9_.]` starting and ending alphanumeric. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LabelValueMaxLength) errs.push(maxLenError(LabelValueMaxLength));
  if (!labelValueRe.test(value)) errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}

/**
 * A `ValidateNameFunc`: the reasons a name (or, with `prefix`, a generateName prefix) is invalid.
 * Each resource picks one: {@link nameIsDNSSubdomain} for most, {@link nameIsDNSLabel} for
 * namespaces, {@link nameIsDNS1035Label} for Services.
 */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

/**
 * `maskTrailingDash`: a generateName prefix may end with `-`. Upstream drops the last two
 * characters and appends `a` (a quirk kept so the same prefixes validate).
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name;
}

/** `NameIsDNSSubdomain`. */
export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
/** `NameIsDNSLabel` (also `ValidateNamespaceName`). */
export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
/** `NameIsDNS1035Label`. */
export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** `FieldImmutableErrorMsg`. */
export const fieldImmutableErrorMsg = 'field is immutable';
/** `TotalAnnotationSizeLimitB`: 256 KiB over all annotation keys and values. */
export const TotalAnnotationSizeLimitB = 256 * 1024;
/** `IsNegativeErrorMsg`. */
export const isNegativeErrorMsg = 'must be greater than or equal to 0';
/** `metav1.FinalizerOrphanDependents`. */
export const FinalizerOrphanDependents = 'orphan';
/** `metav1.FinalizerDeleteDependents`. */
export const FinalizerDeleteDependents = 'foregroundDeletion';

/** `v1validation.ValidateLabels`: keys as qualified names, values as label values; errors at the map's path. */
export function validateLabels(labels: Record<string, string> | undefined, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(invalid(p, k, m));
    for (const m of isValidLabelValue(String(v))) errs.push(invalid(p, v, m));
  }
  return errs;
}

/** Options of {@link validateLabelSelector} (`LabelSelectorValidationOptions`). */
export interface LabelSelectorValidationOptions {
  /** Skip label-value checks of `matchExpressions` values (for objects persisted before they were checked). */
  allowInvalidLabelValueInSelector?: boolean;
}

/** `v1validation.ValidateLabelSelectorRequirement`. */
export function validateLabelSelectorRequirement(
  sr: LabelSelectorRequirement,
  opts: LabelSelectorValidationOptions,
  p: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(p.child('operator'), sr.operator, 'not a valid selector operator'));
  }
  for (const m of isQualifiedName(sr.key ?? '')) errs.push(invalid(p.child('key'), sr.key ?? '', m));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(p.child('values').index(i), v, m));
    });
  }
  return errs;
}

/** `v1validation.ValidateLabelSelector`: matchLabels as labels, each matchExpression's operator, key and values. */
export function validateLabelSelector(
  sel: LabelSelector | undefined | null,
  opts: LabelSelectorValidationOptions,
  p: FieldPath,
): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, p.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((e, i) => errs.push(...validateLabelSelectorRequirement(e, opts, p.child('matchExpressions').index(i))));
  return errs;
}

/** `ValidateAnnotations`: keys as qualified names (case-insensitive), total size at most 256 KiB. */
export function validateAnnotations(annotations: Record<string, string> | undefined, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(p, k, m));
    total += byteLength(k) + byteLength(String(v));
  }
  if (total > TotalAnnotationSizeLimitB) errs.push(tooLong(p, '', TotalAnnotationSizeLimitB));
  return errs;
}

/** `ValidateOwnerReferences`: required fields, no Event owners, at most one controller. */
export function validateOwnerReferences(refs: OwnerReference[] | undefined, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    // schema.FromAPIVersionAndKind: `v1` is the core group, `g/v` a named one.
    const parts = (ref.apiVersion ?? '').split('/');
    const version = parts.length === 1 ? parts[0]! : parts.length === 2 ? parts[1]! : '';
    const group = parts.length === 2 ? parts[0]! : '';
    if (!version) errs.push(invalid(p.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(p.child('kind'), ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(invalid(p.child('name'), ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(invalid(p.child('uid'), ref.uid ?? '', 'must not be empty'));
    if (group === '' && version === 'v1' && ref.kind === 'Event') {
      errs.push(invalid(p, ref, '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(
          invalid(p, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`),
        );
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

/** `ValidateFinalizers`: qualified names, and not both `orphan` and `foregroundDeletion`. */
export function validateFinalizers(finalizers: string[] | undefined, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list) for (const m of isQualifiedName(f)) errs.push(invalid(p, f, m));
  if (list.includes(FinalizerOrphanDependents) && list.includes(FinalizerDeleteDependents)) {
    errs.push(invalid(p, list, `finalizer ${FinalizerOrphanDependents} and ${FinalizerDeleteDependents} cannot be both set`));
  }
  return errs;
}

/** `v1validation.ValidateManagedFields`: operation `Apply`/`Update`, fieldsType `FieldsV1`. */
export function validateManagedFields(entries: ManagedFieldsEntry[] | undefined, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (entries ?? []).forEach((e, i) => {
    const ip = p.index(i);
    if (e.operation !== 'Apply' && e.operation !== 'Update') {
      errs.push(invalid(ip.child('operation'), e.operation ?? '', 'must be `Apply` or `Update`'));
    }
    if (e.fieldsType && e.fieldsType !== 'FieldsV1') {
      errs.push(invalid(ip.child('fieldsType'), e.fieldsType, 'must be `FieldsV1`'));
    }
    if (e.manager && byteLength(e.manager) > 128) errs.push(tooLong(ip.child('manager'), '', 128));
  });
  return errs;
}

/** Options of {@link validateObjectMeta}. */
export interface ObjectMetaValidationOptions {
  /** Whether the kind is namespaced (namespace required) or cluster-scoped (namespace forbidden). */
  namespaced: boolean;
  /** The kind's name rule; default {@link nameIsDNSSubdomain}. */
  nameFn?: ValidateNameFunc;
}

/**
 * `ValidateObjectMeta` for a create: name (or generateName) per `nameFn`, namespace, generation,
 * labels, annotations, ownerReferences, finalizers and managedFields. Expects name generation to
 * have run already, as in the API server. `path` defaults to `metadata`.
 */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  opts: ObjectMetaValidationOptions,
  p: FieldPath = FieldPath.root('metadata'),
): FieldError[] {
  const m = meta ?? {};
  const nameFn = opts.nameFn ?? nameIsDNSSubdomain;
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true)) errs.push(invalid(p.child('generateName'), m.generateName, msg));
  }
  if (!m.name) {
    errs.push(required(p.child('name'), 'name or generateName is required'));
  } else {
    for (const msg of nameFn(m.name, false)) errs.push(invalid(p.child('name'), m.name, msg));
  }
  if (opts.namespaced) {
    if (!m.namespace) errs.push(required(p.child('namespace')));
    else for (const msg of nameIsDNSLabel(m.namespace, false)) errs.push(invalid(p.child('namespace'), m.namespace, msg));
  } else if (m.namespace) {
    errs.push(forbidden(p.child('namespace'), 'not allowed on this type'));
  }
  if ((m.generation ?? 0) < 0) errs.push(invalid(p.child('generation'), m.generation, isNegativeErrorMsg));
  errs.push(...validateLabels(m.labels, p.child('labels')));
  errs.push(...validateAnnotations(m.annotations, p.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, p.child('ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, p.child('finalizers')));
  errs.push(...validateManagedFields(m.managedFields, p.child('managedFields')));
  return errs;
}

/**
 * Go's `time.Time.String()` of an RFC 3339 timestamp in UTC (`2024-01-02 03:04:05 +0000 UTC`):
 * how a `metav1.Time` bad value prints.
 */
function goTimeValue(ts: string | undefined): unknown {
  if (ts === undefined) return null;
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const iso = d.toISOString(); // 2024-01-02T03:04:05.000Z
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
  return { toString: () => text };
}

function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * `ValidateObjectMetaUpdate`: resourceVersion required, generation not decremented; name,
 * namespace, uid, creationTimestamp, deletionTimestamp and deletionGracePeriodSeconds immutable
 * (`field is immutable`); no new finalizers once deleting; then the create-time map checks.
 */
export function validateObjectMetaUpdate(
  next: ObjectMeta | undefined,
  old: ObjectMeta | undefined,
  p: FieldPath = FieldPath.root('metadata'),
): FieldError[] {
  const n = next ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const added = [...new Set(n.finalizers ?? [])].filter((f) => !(o.finalizers ?? []).includes(f)).sort();
    if (added.length > 0) {
      errs.push(
        forbidden(
          p.child('finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map(goQuote).join(', ')}}`,
        ),
      );
    }
  }
  if (!n.resourceVersion) errs.push(invalid(p.child('resourceVersion'), n.resourceVersion ?? '', 'must be specified for an update'));
  if ((n.generation ?? 0) < (o.generation ?? 0)) errs.push(invalid(p.child('generation'), n.generation ?? 0, 'must not be decremented'));
  const immutable = (field: keyof ObjectMeta, nv: unknown, ov: unknown, shown: unknown = nv) => {
    if (!sameJSON(nv, ov)) errs.push(invalid(p.child(field), shown, fieldImmutableErrorMsg));
  };
  immutable('name', n.name ?? '', o.name ?? '');
  immutable('namespace', n.namespace ?? '', o.namespace ?? '');
  immutable('uid', n.uid ?? '', o.uid ?? '');
  immutable('creationTimestamp', n.creationTimestamp, o.creationTimestamp, goTimeValue(n.creationTimestamp));
  immutable('deletionTimestamp', n.deletionTimestamp, o.deletionTimestamp, goTimeValue(n.deletionTimestamp));
  immutable('deletionGracePeriodSeconds', n.deletionGracePeriodSeconds, o.deletionGracePeriodSeconds, n.deletionGracePeriodSeconds ?? null);
  errs.push(...validateLabels(n.labels, p.child('labels')));
  errs.push(...validateAnnotations(n.annotations, p.child('annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, p.child('ownerReferences')));
  errs.push(...validateManagedFields(n.managedFields, p.child('managedFields')));
  return errs;
}

/** Characters of generated name suffixes: no vowels, no confusable digits (`utilrand`). */
export const nameSuffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
/** `maxNameLength` of the SimpleNameGenerator. */
const maxGeneratedNameLength = 63;
/** `randomLength` of the SimpleNameGenerator. */
const randomLength = 5;

/**
 * `names.SimpleNameGenerator.GenerateName`: `base` (cut to 58 characters) plus 5 random
 * characters from {@link nameSuffixAlphabet}. `random(n)` returns an integer in `[0, n)`.
 */
export function generateName(base: string, random: (n: number) => number = (n) => randomInt(n)): string {
  const maxBase = maxGeneratedNameLength - randomLength;
  const b = base.length > maxBase ? base.slice(0, maxBase) : base;
  let suffix = '';
  for (let i = 0; i < randomLength; i++) suffix += nameSuffixAlphabet[random(nameSuffixAlphabet.length)];
  return b + suffix;
}

