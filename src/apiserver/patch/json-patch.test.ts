import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyJsonMergePatch, applyJsonPatch, PatchError } from './index.js';

function patchErr(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PatchError) return err;
    throw err;
  }
  assert.fail('expected a PatchError');
}

const doc = (): Record<string, unknown> => ({
  metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'example.com/a~b': 'x' } },
  spec: { containers: [{ name: 'a' }, { name: 'b' }] },
});

describe('applyJsonPatch (RFC 6902, evanphx/json-patch v4 semantics)', () => {
  it('add / remove / replace / move / copy / test', () => {
    const out = applyJsonPatch(doc(), [
      { op: 'add', path: '/metadata/labels/tier', value: 'front' },
      { op: 'remove', path: '/metadata/labels/app' },
      { op: 'replace', path: '/metadata/name', value: 'web2' },
      { op: 'copy', from: '/metadata/name', path: '/metadata/generateName' },
      { op: 'move', from: '/metadata/generateName', path: '/metadata/labels/copied' },
      { op: 'test', path: '/metadata/labels', value: { tier: 'front', copied: 'web2' } },
    ]) as Record<string, Record<string, unknown>>;
    assert.deepEqual(out.metadata, {
      name: 'web2',
      labels: { tier: 'front', copied: 'web2' },
      annotations: { 'example.com/a~b': 'x' },
    });
  });

  it('JSON pointer escapes ~1 and ~0', () => {
    const out = applyJsonPatch(doc(), [
      { op: 'add', path: '/metadata/annotations/example.com~1new', value: 'y' },
      { op: 'remove', path: '/metadata/annotations/example.com~1a~0b' },
    ]) as Record<string, Record<string, unknown>>;
    assert.deepEqual(out.metadata!.annotations, { 'example.com/new': 'y' });
  });

  it('arrays: "-" appends, indexes insert, negative indexes count from the end', () => {
    const out = applyJsonPatch(doc(), [
      { op: 'add', path: '/spec/containers/-', value: { name: 'c' } },
      { op: 'add', path: '/spec/containers/0', value: { name: 'first' } },
      { op: 'remove', path: '/spec/containers/-1' },
      { op: 'replace', path: '/spec/containers/1/name', value: 'A' },
    ]) as { spec: { containers: { name: string }[] } };
    assert.deepEqual(
      out.spec.containers.map((c) => c.name),
      ['first', 'A', 'b'],
    );
  });

  it('replace of a missing object key adds it (v4 quirk kube-apiserver keeps)', () => {
    const out = applyJsonPatch({ a: {} }, [{ op: 'replace', path: '/a/b', value: 1 }]);
    assert.deepEqual(out, { a: { b: 1 } });
  });

  it('error messages match kube-apiserver', () => {
    const cases: [unknown[], string][] = [
      [[{ op: 'add', path: '/spec/template/spec/volumes/-', value: {} }], 'add operation does not apply: doc is missing path: "/spec/template/spec/volumes/-": missing value'],
      [[{ op: 'remove', path: '/metadata/labels/nope' }], "error in remove for path: '/metadata/labels/nope': Unable to remove nonexistent key: nope: missing value"],
      [[{ op: 'remove', path: '/x/y' }], 'remove operation does not apply: doc is missing path: "/x/y": missing value'],
      [[{ op: 'replace', path: '/spec/containers/5', value: 1 }], 'replace operation does not apply: doc is missing key: /spec/containers/5: missing value'],
      [[{ op: 'test', path: '/metadata/name', value: 'other' }], 'testing value /metadata/name failed: test failed'],
      [[{ op: 'add', path: '/spec/containers/9', value: 1 }], "error in add for path: '/spec/containers/9': Unable to access invalid index: 9: invalid index referenced"],
      [[{ op: 'move', from: '/nope/x', path: '/a' }], 'move operation does not apply: doc is missing from path: /nope/x: missing value'],
      [[{ op: 'frobnicate', path: '/a' }], 'Unexpected kind: frobnicate'],
      [[{ path: '/a' }], 'Unexpected kind: unknown'],
      [[{ op: 'add', path: '' , value: 1 }], 'add operation does not apply: doc is missing path: "": missing value'],
    ];
    for (const [ops, message] of cases) {
      const err = patchErr(() => applyJsonPatch(doc(), ops));
      assert.equal(err.code, 'Invalid', message);
      assert.equal(err.httpStatus, 422);
      assert.equal(err.message, message);
    }
  });

  it('rejects non-list bodies with the Go decoding error (400)', () => {
    const err = patchErr(() => applyJsonPatch(doc(), { op: 'add' }));
    assert.equal(err.code, 'BadRequest');
    assert.equal(err.message, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    assert.equal(patchErr(() => applyJsonPatch(doc(), ['x'])).message, 'json: cannot unmarshal string into Go value of type jsonpatch.Operation');
  });

  it('does not mutate the input and stops at the first failing op', () => {
    const original = doc();
    const before = JSON.stringify(original);
    patchErr(() => applyJsonPatch(original, [{ op: 'add', path: '/metadata/labels/x', value: '1' }, { op: 'test', path: '/metadata/name', value: 'no' }]));
    assert.equal(JSON.stringify(original), before);
  });
});

describe('applyJsonMergePatch (RFC 7386)', () => {
  // RFC 7386 appendix A.
  const vectors: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [original, patch, result] of vectors) {
    it(`${JSON.stringify(original)} + ${JSON.stringify(patch)}`, () => {
      assert.deepEqual(applyJsonMergePatch(original, patch), result);
    });
  }

  it('kubectl label/annotate patch', () => {
    assert.deepEqual(applyJsonMergePatch(doc(), { metadata: { annotations: { a: 'b' } } }), {
      ...doc(),
      metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'example.com/a~b': 'x', a: 'b' } },
    });
  });

  it('a null patch is "Invalid JSON Patch" (400)', () => {
    const err = patchErr(() => applyJsonMergePatch(doc(), null));
    assert.equal(err.code, 'BadRequest');
    assert.equal(err.message, 'Invalid JSON Patch');
  });
});
