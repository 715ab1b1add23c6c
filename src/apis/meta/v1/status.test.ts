// Messages follow apimachinery pkg/api/errors/errors.go (NewNotFound, NewConflict, NewInvalid, …)
// and apiserver pkg/endpoints/handlers/negotiation/errors.go; the JSON shapes were checked against
// a real API server's answers (docs/kubectl-compat.md §6).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FieldPath, invalid as fieldInvalid, required } from './field-path.js';
import {
  StatusError,
  alreadyExists,
  badRequest,
  conflict,
  expired,
  forbidden,
  fromHttp,
  gone,
  internalError,
  invalid,
  isAlreadyExists,
  isConflict,
  isInvalid,
  isNotFound,
  isResourceExpired,
  isTooManyRequests,
  methodNotSupported,
  notAcceptable,
  notFound,
  optimisticLockErrorMsg,
  requestEntityTooLarge,
  serverTimeout,
  statusOf,
  successStatus,
  timeout,
  tooManyRequests,
  tooOldResourceVersion,
  unauthorized,
  unsupportedMediaType,
} from './status.js';

const pods = { group: '', resource: 'pods' };
const leases = { group: 'coordination.k8s.io', resource: 'leases' };

describe('Status constructors', () => {
  it('notFound renders the real 404 body byte for byte', () => {
    const e = notFound(pods, 'nope');
    assert.ok(e instanceof StatusError);
    assert.equal(e.message, 'pods "nope" not found');
    assert.equal(
      JSON.stringify(e.status),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","kind":"pods"},"code":404}',
    );
    const l = notFound(leases, 'x');
    assert.equal(l.message, 'leases.coordination.k8s.io "x" not found');
    assert.deepEqual(l.status.details, { name: 'x', group: 'coordination.k8s.io', kind: 'leases' });
  });

  it('alreadyExists and conflict', () => {
    const a = alreadyExists(pods, 'web');
    assert.equal(a.message, 'pods "web" already exists');
    assert.equal(a.status.code, 409);
    assert.equal(a.status.reason, 'AlreadyExists');
    const c = conflict(pods, 'web', optimisticLockErrorMsg);
    assert.equal(
      c.message,
      'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    );
    assert.equal(c.status.reason, 'Conflict');
    assert.equal(conflict(pods, 'web').message, c.message);
  });

  it('invalid joins errors like ToAggregate and adds one cause per error', () => {
    const img = FieldPath.root('spec').child('containers').index(0).child('image');
    const one = invalid({ group: '', kind: 'Pod' }, 'x', [required(img)]);
    assert.equal(one.message, 'Pod "x" is invalid: spec.containers[0].image: Required value');
    assert.equal(one.status.code, 422);
    assert.equal(one.status.reason, 'Invalid');
    assert.deepEqual(one.status.details, {
      name: 'x',
      kind: 'Pod',
      causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }],
    });
    const two = invalid({ group: '', kind: 'Pod' }, 'x', [required(img), fieldInvalid(FieldPath.root('metadata').child('name'), 'A', 'bad')]);
    assert.equal(two.message, 'Pod "x" is invalid: [spec.containers[0].image: Required value, metadata.name: Invalid value: "A": bad]');
    assert.equal(two.status.details?.causes?.[1]?.message, 'Invalid value: "A": bad');
    assert.equal(invalid({ group: 'apps', kind: 'Deployment' }, 'd', []).message, 'Deployment.apps "d" is invalid');
  });

  it('simple reasons', () => {
    assert.deepEqual(badRequest('bad').status, {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'bad', reason: 'BadRequest', code: 400,
    });
    assert.equal(unauthorized().message, 'not authorized');
    assert.equal(unauthorized().status.code, 401);
    assert.equal(forbidden(pods, 'web', 'nope').message, 'pods "web" is forbidden: nope');
    assert.equal(forbidden(pods, '', 'nope').message, 'pods is forbidden: nope');
    assert.equal(forbidden({ group: '', resource: '' }, '', new Error('nope')).message, 'forbidden: nope');
    const m = methodNotSupported(pods, 'patch');
    assert.equal(m.message, 'patch is not supported on resources of kind "pods"');
    assert.equal(m.status.code, 405);
    assert.equal(m.status.reason, 'MethodNotAllowed');
    assert.equal(notAcceptable(['application/json', 'application/yaml']).message, 'only the following media types are accepted: application/json, application/yaml');
    const u = unsupportedMediaType(['application/json-patch+json', 'application/merge-patch+json']);
    assert.equal(u.message, 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json');
    assert.equal(u.status.code, 415);
    assert.equal(requestEntityTooLarge('limit is 3145728').message, 'Request entity too large: limit is 3145728');
    assert.equal(timeout('x').message, 'Timeout: x');
    assert.equal(timeout('x').status.code, 504);
    assert.equal(
      serverTimeout(pods, 'create', 2).message,
      'The create operation against pods could not be completed at this time, please try again.',
    );
    const t = tooManyRequests('slow down', 3);
    assert.deepEqual(t.status.details, { retryAfterSeconds: 3 });
    assert.deepEqual(tooManyRequests('slow down').status.details, {});
  });

  it('expired and gone for watch', () => {
    const e = tooOldResourceVersion(5, 100);
    assert.equal(
      JSON.stringify(e.status),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (100)","reason":"Expired","code":410}',
    );
    assert.equal(expired('x').status.reason, 'Expired');
    assert.equal(gone('x').status.reason, 'Gone');
    assert.equal(gone('x').status.code, 410);
  });

  it('internalError and statusOf never leak a stack', () => {
    const e = internalError(new Error('disk on fire'));
    assert.equal(e.message, 'Internal error occurred: disk on fire');
    assert.deepEqual(e.status.details, { causes: [{ message: 'disk on fire' }] });
    const s = statusOf(new TypeError('x is undefined'));
    assert.equal(s.code, 500);
    assert.equal(s.message, 'Internal error occurred: x is undefined');
    assert.ok(!JSON.stringify(s).includes('at '));
    assert.equal(statusOf(notFound(pods, 'a')).reason, 'NotFound');
    assert.equal(statusOf(new Error('wrapped', { cause: notFound(pods, 'a') })).reason, 'NotFound');
    assert.equal(statusOf('plain string').message, 'Internal error occurred: plain string');
  });

  it('fromHttp is NewGenericServerResponse', () => {
    assert.equal(fromHttp(404).message, 'the server could not find the requested resource');
    assert.equal(fromHttp(404).status.reason, 'NotFound');
    assert.equal(fromHttp(409, '', { verb: 'POST' }).status.reason, 'AlreadyExists');
    assert.equal(fromHttp(502, 'bad gateway').message, 'an error on the server ("bad gateway") has prevented the request from succeeding');
    assert.equal(fromHttp(418).message, 'the server responded with the status code 418 but did not return more information');
    assert.equal(fromHttp(404, '', { verb: 'GET', gr: pods, name: 'a' }).message, 'the server could not find the requested resource (get pods a)');
  });

  it('successStatus', () => {
    assert.equal(
      JSON.stringify(successStatus({ name: 'web', kind: 'pods', uid: 'u1' })),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"web","kind":"pods","uid":"u1"}}',
    );
  });
});

describe('guards', () => {
  it('match reason, or an unknown reason with the code', () => {
    assert.ok(isNotFound(notFound(pods, 'a')));
    assert.ok(!isNotFound(alreadyExists(pods, 'a')));
    assert.ok(isNotFound(fromHttp(404)));
    assert.ok(isConflict(conflict(pods, 'a')));
    assert.ok(!isConflict(alreadyExists(pods, 'a')));
    assert.ok(isAlreadyExists(alreadyExists(pods, 'a')));
    assert.ok(isInvalid(invalid({ group: '', kind: 'Pod' }, 'a', [])));
    assert.ok(isResourceExpired(tooOldResourceVersion(1, 2)));
    assert.ok(isTooManyRequests(tooManyRequests('x')));
    assert.ok(!isNotFound(new Error('x')));
    assert.ok(!isNotFound(undefined));
  });
});
