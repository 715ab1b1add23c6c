// Behaviour and messages from apimachinery pkg/labels/selector.go and selector_test.go,
// pkg/fields/selector.go; the `<nil>: Invalid value` message is what a real API server answers
// (kubectl prints `unable to parse requirement: <nil>: Invalid value: "app:monolith": …`).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from './status.js';
import {
  LabelSelectorMatcher,
  escapeFieldValue,
  labelSelectorFromObject,
  matchesFields,
  parseFieldSelector,
  parseLabelSelector,
  selectorFromSet,
} from './selectors.js';

function parseError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof StatusError);
    assert.equal(e.status.code, 400);
    assert.equal(e.status.reason, 'BadRequest');
    return e.message;
  }
  assert.fail('expected a parse error');
}

describe('parseLabelSelector', () => {
  it('parses and canonicalises (selector_test.go TestSelectorParse)', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
      ['x!=a,y=b', 'x!=a,y=b'],
      ['x=,z= ', 'x=,z='],
      ['x= ,z= ', 'x=,z='],
      ['!x', '!x'],
      ['x>1', 'x>1'],
      ['x<7', 'x<7'],
      ['z in (),y,x notin ()', 'x notin (),y,z in ()'],
      ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
      ['x==a', 'x==a'],
      ['  app  =  web  ', 'app=web'],
      ['x in (b, a)', 'x in (a,b)'],
      ['in in (in)', 'in in (in)'],
      ['example.com/app=web', 'example.com/app=web'],
    ];
    for (const [input, want] of cases) assert.equal(parseLabelSelector(input).toString(), want, input);
  });

  it('matches like Requirement.Matches', () => {
    const l = { app: 'web', tier: 'front', n: '5' };
    const t = (s: string) => parseLabelSelector(s).matches(l);
    assert.ok(t(''));
    assert.ok(t('app=web'));
    assert.ok(t('app==web'));
    assert.ok(!t('app!=web'));
    assert.ok(t('app!=db'));
    assert.ok(t('missing!=x'));
    assert.ok(t('app in (db,web)'));
    assert.ok(!t('app notin (db,web)'));
    assert.ok(t('missing notin (x)'));
    assert.ok(!t('missing in (x)'));
    assert.ok(t('app'));
    assert.ok(!t('missing'));
    assert.ok(t('!missing'));
    assert.ok(!t('!app'));
    assert.ok(t('n>4'));
    assert.ok(!t('n>5'));
    assert.ok(t('n<6'));
    assert.ok(!t('app>1'));
    assert.ok(t('app=web,tier=front'));
    assert.ok(!t('app=web,tier=back'));
    assert.ok(parseLabelSelector('').empty);
    assert.ok(!parseLabelSelector('a').empty);
    assert.ok(!parseLabelSelector('!a').matches({ a: '' }));
  });

  it('rejects bad syntax with apimachinery messages', () => {
    assert.equal(parseError(() => parseLabelSelector('x=a b')), "found 'b', expected: ',' or 'end of string'");
    assert.equal(parseError(() => parseLabelSelector('x=a,')), "found '', expected: identifier after ','");
    assert.equal(parseError(() => parseLabelSelector(',x')), "found ',', expected: !, identifier, or 'end of string'");
    assert.equal(parseError(() => parseLabelSelector('x in a')), "unable to parse requirement: found 'a' expected: '('");
    assert.equal(parseError(() => parseLabelSelector('x (a)')), "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt");
    assert.equal(parseError(() => parseLabelSelector('x=(a)')), "unable to parse requirement: found '(', expected: identifier");
    assert.equal(parseError(() => parseLabelSelector('x>a')), `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`);
    assert.equal(
      parseError(() => parseLabelSelector('app:monolith')),
      `unable to parse requirement: <nil>: Invalid value: "app:monolith": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
    assert.equal(
      parseError(() => parseLabelSelector('a=b_')),
      `unable to parse requirement: values[0][a]: Invalid value: "b_": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  });
});

describe('labelSelectorFromObject', () => {
  it('follows LabelSelectorAsSelector', () => {
    assert.ok(!labelSelectorFromObject(undefined).matches({}));
    assert.ok(labelSelectorFromObject({}).matches({}));
    assert.ok(labelSelectorFromObject({}).empty);
    const s = labelSelectorFromObject({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['front', 'edge'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'Exists' },
        { key: 'env', operator: 'NotIn', values: ['prod'] },
      ],
    });
    assert.equal(s.toString(), 'app=web,!canary,env notin (prod),tier in (edge,front),zone');
    assert.ok(s.matches({ app: 'web', tier: 'edge', zone: 'a' }));
    assert.ok(!s.matches({ app: 'web', tier: 'edge', zone: 'a', canary: 'y' }));
    assert.equal(
      parseError(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })),
      `values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty`,
    );
    assert.equal(selectorFromSet({ b: '2', a: '1' }).toString(), 'a=1,b=2');
    assert.equal(LabelSelectorMatcher.everything().requiresExactMatch('a'), undefined);
    assert.equal(parseLabelSelector('a in (x)').requiresExactMatch('a'), 'x');
  });
});

describe('parseFieldSelector', () => {
  it('parses terms, sorts them and unescapes values', () => {
    assert.equal(parseFieldSelector('').empty, true);
    const s = parseFieldSelector('status.phase!=Failed,metadata.name==web');
    assert.deepEqual(s.requirements, [
      { field: 'metadata.name', operator: '==', value: 'web' },
      { field: 'status.phase', operator: '!=', value: 'Failed' },
    ]);
    assert.equal(s.toString(), 'metadata.name=web,status.phase!=Failed');
    assert.equal(s.requiresExactMatch('metadata.name'), 'web');
    const get = (f: string) => ({ 'metadata.name': 'web', 'status.phase': 'Running' })[f];
    assert.ok(s.matches(get));
    assert.ok(!matchesFields(parseFieldSelector('spec.nodeName=n1'), get));
    assert.ok(matchesFields(parseFieldSelector('spec.nodeName='), get));
    const e = parseFieldSelector('a=x\\,y\\=z\\\\');
    assert.equal(e.requirements[0]?.value, 'x,y=z\\');
    assert.equal(escapeFieldValue('x,y=z\\'), 'x\\,y\\=z\\\\');
  });

  it('rejects bad terms with fields/selector.go messages', () => {
    assert.equal(parseError(() => parseFieldSelector('a')), "invalid selector: 'a'; can't understand 'a'");
    assert.equal(parseError(() => parseFieldSelector('a=b=c')), 'invalid field selector: unescaped character in value: 61');
    assert.equal(parseError(() => parseFieldSelector('a=b\\x')), 'invalid field selector: invalid escape sequence: \\x');
    assert.equal(parseError(() => parseFieldSelector('a=b\\')), 'invalid field selector: invalid escape sequence: \\');
  });
});
