// Expected strings come from apimachinery pkg/util/validation/field/path_test.go and errors.go
// (ErrorBody/Error formatting, NotSupported quoting, TooLong/TooMany details).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  FieldPath,
  aggregateFieldErrors,
  duplicate,
  fieldErrorBody,
  fieldErrorMessage,
  forbidden,
  internalError,
  invalid,
  notFound,
  notSupported,
  required,
  tooLong,
  tooMany,
  typeInvalid,
} from './field-path.js';
import { goFloat, goQuote, goValue } from './go-format.js';

describe('FieldPath', () => {
  it('renders like field.Path (path_test.go TestPath)', () => {
    const root = FieldPath.root('root');
    assert.equal(root.toString(), 'root');
    assert.equal(root.child('first').toString(), 'root.first');
    assert.equal(root.child('first').child('second').index(0).toString(), 'root.first.second[0]');
    assert.equal(root.child('first').child('second').index(0).child('third').index(93).toString(), 'root.first.second[0].third[93]');
    assert.equal(root.child('first').child('second').index(0).key('key').toString(), 'root.first.second[0][key]');
    assert.equal(root.child('first').child('second').index(0).root(), root);
  });

  it('takes several names (TestPathMultiArg)', () => {
    assert.equal(FieldPath.root('root', 'first').child('second', 'third').index(0).toString(), 'root.first.second.third[0]');
  });

  it('renders the usual Kubernetes paths', () => {
    assert.equal(FieldPath.root('spec').child('containers').index(0).child('image').toString(), 'spec.containers[0].image');
    assert.equal(FieldPath.root('metadata').child('labels').key('app').toString(), 'metadata.labels[app]');
    assert.equal(String(FieldPath.root('metadata').child('name')), 'metadata.name');
  });
});

describe('field errors', () => {
  const p = (s: string) => FieldPath.root(s);
  it('formats Required, Forbidden, TooLong and Internal without the value', () => {
    assert.equal(fieldErrorMessage(required(FieldPath.root('spec').child('containers').index(0).child('image'))), 'spec.containers[0].image: Required value');
    assert.equal(fieldErrorMessage(required(p('x'), 'must be set')), 'x: Required value: must be set');
    assert.equal(fieldErrorMessage(forbidden(p('x'), 'may not be set')), 'x: Forbidden: may not be set');
    assert.equal(fieldErrorMessage(tooLong(p('x'), 'aaaa', 3)), 'x: Too long: must have at most 3 bytes');
    assert.equal(fieldErrorMessage(internalError(p('x'), new Error('boom'))), 'x: Internal error: boom');
  });

  it('quotes strings with %q and prints numbers and booleans bare', () => {
    const dns =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    assert.equal(
      fieldErrorMessage(invalid(FieldPath.root('metadata').child('name'), 'A_b', dns)),
      `metadata.name: Invalid value: "A_b": ${dns}`,
    );
    assert.equal(fieldErrorMessage(invalid(p('n'), -1, 'must be greater than or equal to 0')), 'n: Invalid value: -1: must be greater than or equal to 0');
    assert.equal(fieldErrorMessage(invalid(p('b'), true, 'x')), 'b: Invalid value: true: x');
    assert.equal(fieldErrorMessage(invalid(p('q'), 'say "hi"\n', 'x')), 'q: Invalid value: "say \\"hi\\"\\n": x');
    // A nil value prints as the quoted string "null" (ErrorBody sets value = "null").
    assert.equal(fieldErrorMessage(invalid(p('z'), null, '')), 'z: Invalid value: "null"');
  });

  it('lists supported values quoted', () => {
    assert.equal(
      fieldErrorMessage(notSupported(FieldPath.root('spec').child('restartPolicy'), 'Sometimes', ['Always', 'OnFailure', 'Never'])),
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    assert.equal(fieldErrorMessage(notSupported(p('x'), 'a', [])), 'x: Unsupported value: "a"');
  });

  it('formats Duplicate, NotFound, TooMany and TypeInvalid with the value', () => {
    assert.equal(
      fieldErrorMessage(duplicate(FieldPath.root('spec').child('containers').index(1).child('name'), 'a')),
      'spec.containers[1].name: Duplicate value: "a"',
    );
    assert.equal(fieldErrorMessage(notFound(p('x'), 'b')), 'x: Not found: "b"');
    assert.equal(fieldErrorMessage(tooMany(p('x'), 5, 3)), 'x: Too many: 5: must have at most 3 items');
    assert.equal(fieldErrorMessage(tooMany(p('x'), -1, -1)), 'x: Too many: has too many items');
    assert.equal(fieldErrorMessage(typeInvalid(p('x'), 'a', 'must be an integer')), 'x: Invalid value: "a": must be an integer');
  });

  it('ErrorBody omits the field', () => {
    assert.equal(fieldErrorBody(required(p('x'))), 'Required value');
  });

  it('aggregates like ToAggregate: one bare, several bracketed, duplicates dropped', () => {
    const a = required(p('a'));
    const b = required(p('b'));
    assert.equal(aggregateFieldErrors([]), '');
    assert.equal(aggregateFieldErrors([a]), 'a: Required value');
    assert.equal(aggregateFieldErrors([a, b, a]), '[a: Required value, b: Required value]');
    assert.equal(aggregateFieldErrors([a, a]), 'a: Required value');
  });
});

describe('go formatting', () => {
  it('quotes like strconv.Quote', () => {
    assert.equal(goQuote('abc'), '"abc"');
    assert.equal(goQuote('\x00\x7f\t'), '"\\x00\\x7f\\t"');
    assert.equal(goQuote('héllo ☺'), '"héllo ☺"');
    assert.equal(goQuote('\u200b'), '"\\u200b"');
  });
  it('prints floats like %v', () => {
    assert.equal(goFloat(1.5), '1.5');
    assert.equal(goFloat(1234567.5), '1.2345675e+06');
    assert.equal(goFloat(0.00001), '1e-05');
    assert.equal(goFloat(42), '42');
  });
  it('prints lists and maps in Go syntax', () => {
    assert.equal(goValue(['a', 'b']), '[]string{"a", "b"}');
    assert.equal(goValue({ b: '2', a: '1' }), 'map[string]string{"a":"1", "b":"2"}');
  });
});
