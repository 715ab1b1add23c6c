// Messages from apimachinery pkg/util/validation/validation.go (Kubernetes 1.32 wording, as
// printed by kubectl: `The Pod "A_b" is invalid: metadata.name: Invalid value: "A_b": a lowercase
// RFC 1123 subdomain …`) and pkg/api/validation/objectmeta.go.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FieldPath, fieldErrorMessage } from './field-path.js';
import {
  generateName,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSSubdomain,
  nameSuffixAlphabet,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateLabelSelector,
} from './names.js';

const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const qnameMsg =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

const msgs = (errs: ReturnType<typeof validateObjectMeta>) => errs.map(fieldErrorMessage);

describe('name checks', () => {
  it('DNS-1123 subdomain and label', () => {
    assert.deepEqual(isDNS1123Subdomain('web-1.example'), []);
    assert.deepEqual(isDNS1123Subdomain('A_b'), [subdomainMsg]);
    assert.deepEqual(isDNS1123Subdomain('a'.repeat(254)), ['must be no more than 253 characters']);
    assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
    assert.deepEqual(isDNS1123Label('-a'), [labelMsg]);
    assert.deepEqual(isDNS1035Label('1a'), [
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('qualified names and label values', () => {
    assert.deepEqual(isQualifiedName('app.kubernetes.io/name'), []);
    assert.deepEqual(isQualifiedName('app:monolith'), [qnameMsg]);
    assert.deepEqual(isQualifiedName('/a'), ['prefix part must be non-empty']);
    assert.deepEqual(isQualifiedName('a/'), ['name part must be non-empty', qnameMsg]);
    assert.deepEqual(isQualifiedName('Example.com/a'), ['prefix part ' + subdomainMsg]);
    assert.equal(isQualifiedName('a/b/c')[0]?.startsWith('a qualified name must consist of'), true);
    assert.ok(isQualifiedName('a/b/c')[0]?.endsWith(" with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"));
    assert.deepEqual(isValidLabelValue(''), []);
    assert.deepEqual(isValidLabelValue('a'.repeat(64)), ['must be no more than 63 characters']);
  });

  it('generateName prefixes may end with a dash', () => {
    assert.deepEqual(nameIsDNSSubdomain('web-', true), []);
    assert.deepEqual(nameIsDNSSubdomain('web-', false), [subdomainMsg]);
  });
});

describe('validateObjectMeta', () => {
  it('requires name and namespace', () => {
    assert.deepEqual(msgs(validateObjectMeta({}, { namespaced: true })), [
      'metadata.name: Required value: name or generateName is required',
      'metadata.namespace: Required value',
    ]);
    assert.deepEqual(msgs(validateObjectMeta({ name: 'n', namespace: 'x' }, { namespaced: false })), [
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
    assert.deepEqual(msgs(validateObjectMeta({ name: 'web', namespace: 'default' }, { namespaced: true })), []);
  });

  it('validates the name with nameFn', () => {
    assert.deepEqual(msgs(validateObjectMeta({ name: 'A_b', namespace: 'default' }, { namespaced: true })), [
      `metadata.name: Invalid value: "A_b": ${subdomainMsg}`,
    ]);
    assert.deepEqual(msgs(validateObjectMeta({ name: 'a', namespace: 'Bad' }, { namespaced: true })), [
      `metadata.namespace: Invalid value: "Bad": ${labelMsg}`,
    ]);
  });

  it('validates labels, annotations, owners, finalizers', () => {
    const p = FieldPath.root('metadata');
    assert.deepEqual(
      msgs(validateObjectMeta({ name: 'a', labels: { 'app:x': 'ok', ok: 'bad value' } }, { namespaced: false }, p)),
      [
        `metadata.labels: Invalid value: "app:x": ${qnameMsg}`,
        `metadata.labels: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ],
    );
    assert.deepEqual(msgs(validateObjectMeta({ name: 'a', annotations: { Big: 'x'.repeat(256 * 1024) } }, { namespaced: false })), [
      'metadata.annotations: Too long: must have at most 262144 bytes',
    ]);
    assert.deepEqual(
      msgs(validateObjectMeta({ name: 'a', ownerReferences: [{ apiVersion: '', kind: 'ReplicaSet', name: '', uid: 'u' }] }, { namespaced: false })),
      ['metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty', 'metadata.ownerReferences.name: Invalid value: "": must not be empty'],
    );
    assert.deepEqual(msgs(validateObjectMeta({ name: 'a', finalizers: ['orphan', 'foregroundDeletion'] }, { namespaced: false })), [
      'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
    ]);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old = { name: 'a', namespace: 'default', uid: 'u1', resourceVersion: '5', creationTimestamp: '2024-01-02T03:04:05Z' };
  it('accepts an unchanged identity', () => {
    assert.deepEqual(msgs(validateObjectMetaUpdate({ ...old, labels: { x: 'y' } }, old)), []);
  });
  it('rejects changes to immutable fields', () => {
    assert.deepEqual(
      msgs(validateObjectMetaUpdate({ ...old, name: 'b', uid: 'u2', resourceVersion: '', creationTimestamp: '2025-01-01T00:00:00Z' }, old)),
      [
        'metadata.resourceVersion: Invalid value: "": must be specified for an update',
        'metadata.name: Invalid value: "b": field is immutable',
        'metadata.uid: Invalid value: "u2": field is immutable',
        'metadata.creationTimestamp: Invalid value: 2025-01-01 00:00:00 +0000 UTC: field is immutable',
      ],
    );
  });
  it('forbids new finalizers while deleting', () => {
    const deleting = { ...old, deletionTimestamp: '2024-02-01T00:00:00Z', finalizers: ['a/x'] };
    assert.deepEqual(msgs(validateObjectMetaUpdate({ ...deleting, finalizers: ['a/x', 'b/y'] }, deleting)), [
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b/y"}',
    ]);
  });
});

describe('generateName', () => {
  it('appends five characters from the SimpleNameGenerator alphabet', () => {
    let i = 0;
    assert.equal(generateName('web-', () => i++), 'web-bcdfg');
    const n = generateName('x'.repeat(70));
    assert.equal(n.length, 63);
    assert.ok(n.startsWith('x'.repeat(58)));
    for (const c of n.slice(58)) assert.ok(nameSuffixAlphabet.includes(c));
  });
});

describe('validateLabelSelector', () => {
  it('checks operators, keys and values', () => {
    const p = FieldPath.root('spec').child('selector');
    assert.deepEqual(validateLabelSelector(undefined, {}, p), []);
    assert.deepEqual(
      validateLabelSelector(
        {
          matchLabels: { app: 'web' },
          matchExpressions: [
            { key: 'a', operator: 'In' },
            { key: 'b', operator: 'Exists', values: ['x'] },
            { key: 'c', operator: 'Bogus' as 'In', values: ['bad value'] },
          ],
        },
        {},
        p,
      ).map(fieldErrorMessage),
      [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        'spec.selector.matchExpressions[2].operator: Invalid value: "Bogus": not a valid selector operator',
        `spec.selector.matchExpressions[2].values[0]: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ],
    );
  });
});
