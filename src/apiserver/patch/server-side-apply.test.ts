import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyServerSidePatch,
  fieldSetFromFieldsV1,
  fieldSetToFieldsV1,
  PatchError,
  updateManagedFieldsForUpdate,
  type ManagedFieldsEntry,
  type ServerSideApplyResult,
} from './index.js';
import { podSchema } from './testing/schemas.js';

const T0 = '2026-11-24T10:00:00Z';
const T1 = '2026-11-24T10:05:00Z';

type Obj = Record<string, unknown> & { metadata: Record<string, unknown> };

const manifest = (image = 'nginx:1.27', labels: Record<string, string> = { app: 'web' }): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels },
  spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
});

function ok(r: ServerSideApplyResult): { object: Obj; managedFields: ManagedFieldsEntry[] } {
  if ('conflicts' in r) assert.fail(`unexpected conflicts ${JSON.stringify(r.conflicts)}`);
  return r;
}

function entry(obj: Obj, manager: string): ManagedFieldsEntry | undefined {
  return (obj.metadata.managedFields as ManagedFieldsEntry[] | undefined)?.find((e) => e.manager === manager);
}

/** The object as the registry would store it: server metadata added. */
function stored(obj: Obj): Obj {
  return { ...obj, metadata: { ...obj.metadata, uid: 'u-1', resourceVersion: '5', creationTimestamp: T0 } };
}

describe('applyServerSidePatch', () => {
  it('creates: the object is the config, with one Apply entry in FieldsV1', () => {
    const { object, managedFields } = ok(applyServerSidePatch(undefined, manifest(), podSchema, 'kubectl', false, T0, 'v1'));
    assert.deepEqual(object.spec, manifest().spec);
    assert.deepEqual(managedFields, [
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    ]);
    assert.deepEqual(object.metadata.managedFields, managedFields);
  });

  it('re-applying without a field removes it when nobody else owns it', () => {
    const first = ok(applyServerSidePatch(undefined, manifest('nginx', { app: 'web', tier: 'front' }), podSchema, 'kubectl', false, T0));
    const second = ok(applyServerSidePatch(stored(first.object), manifest('nginx', { app: 'web' }), podSchema, 'kubectl', false, T1));
    assert.deepEqual(second.object.metadata.labels, { app: 'web' });
    assert.equal(second.object.metadata.uid, 'u-1', 'server metadata is kept');
    assert.deepEqual(entry(second.object, 'kubectl')!.fieldsV1['f:metadata'], { 'f:labels': { 'f:app': {} } });
    assert.equal(entry(second.object, 'kubectl')!.time, T1);
  });

  it('a field set by another manager to a different value is a conflict; force takes it over', () => {
    const created = ok(applyServerSidePatch(undefined, manifest('nginx:1.27'), podSchema, 'kubectl', false, T0)).object;
    // Another writer (client-side apply) changes the image with an Update.
    const changed = stored(created);
    const edited = structuredClone(changed);
    ((edited.spec as { containers: Record<string, unknown>[] }).containers[0]!).image = 'nginx:1.28';
    edited.metadata.managedFields = updateManagedFieldsForUpdate(changed, edited, 'kubectl-client-side-apply', T1, 'v1', undefined, podSchema);

    const conflict = applyServerSidePatch(edited, manifest('nginx:1.29'), podSchema, 'other', false, T1);
    // kubectl lost the image to the Update, so only the client-side apply manager conflicts.
    assert.deepEqual(conflict, { conflicts: [{ manager: 'kubectl-client-side-apply', field: '.spec.containers[name="nginx"].image' }] });

    const forced = ok(applyServerSidePatch(edited, manifest('nginx:1.29'), podSchema, 'other', true, T1));
    assert.equal(((forced.object.spec as { containers: Record<string, unknown>[] }).containers[0]!).image, 'nginx:1.29');
    assert.equal(entry(forced.object, 'kubectl-client-side-apply'), undefined, 'lost its only field');
    const other = fieldSetFromFieldsV1(entry(forced.object, 'other')!.fieldsV1);
    assert.ok(other.has(['f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image']));
  });

  it('applying the same value another manager set is shared ownership, not a conflict', () => {
    const created = stored(ok(applyServerSidePatch(undefined, manifest(), podSchema, 'kubectl', false, T0)).object);
    const r = ok(applyServerSidePatch(created, manifest(), podSchema, 'helm', false, T1));
    assert.ok(entry(r.object, 'kubectl'));
    assert.ok(entry(r.object, 'helm'));
    assert.deepEqual(entry(r.object, 'helm')!.fieldsV1, entry(r.object, 'kubectl')!.fieldsV1);
  });

  it('an object with no managedFields gets a before-first-apply owner at its first apply', () => {
    const live = stored(manifest('nginx:1.27'));
    const conflict = applyServerSidePatch(live, manifest('nginx:1.28'), podSchema, 'kubectl', false, T1);
    assert.deepEqual(conflict, { conflicts: [{ manager: 'before-first-apply', field: '.spec.containers[name="nginx"].image' }] });
  });

  it('ignores status on the main resource, and applies only status to the status subresource', () => {
    const withStatus = { ...manifest(), status: { phase: 'Running' } };
    const created = ok(applyServerSidePatch(undefined, withStatus, podSchema, 'kubectl', false, T0));
    assert.equal(created.object.status, undefined);
    const live = stored({ ...created.object, status: { phase: 'Pending' } });
    const status = ok(applyServerSidePatch(live, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, status: { phase: 'Running' } }, podSchema, 'kubelet', false, T1, 'v1', 'status'));
    assert.deepEqual(status.object.status, { phase: 'Running' });
    assert.deepEqual(entry(status.object, 'kubelet'), {
      manager: 'kubelet',
      operation: 'Apply',
      apiVersion: 'v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { 'f:phase': {} } },
      subresource: 'status',
    });
  });

  it('rejects metadata.managedFields in the applied config', () => {
    assert.throws(
      () => applyServerSidePatch(undefined, { ...manifest(), metadata: { name: 'web', managedFields: [] } }, podSchema, 'kubectl', false, T0),
      (err) => err instanceof PatchError && err.code === 'BadRequest',
    );
  });
});

describe('updateManagedFieldsForUpdate', () => {
  it('records a create like kube-apiserver (maps and optional lists carry ".")', () => {
    const pod = manifest();
    const managed = updateManagedFieldsForUpdate(undefined, stored(pod), 'kubectl-create', T0, 'v1', undefined, podSchema);
    assert.deepEqual(managed, [
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    ]);
  });

  it('a later writer takes the fields it changes; the creator keeps the rest', () => {
    const v1 = stored(manifest());
    v1.metadata.managedFields = updateManagedFieldsForUpdate(undefined, v1, 'kubectl-create', T0, 'v1', undefined, podSchema);
    const v2 = structuredClone(v1);
    v2.metadata.labels = { app: 'web2', tier: 'front' };
    // The client echoes managedFields back unchanged (kubectl edit does): same result as omitting them.
    const managed = updateManagedFieldsForUpdate(v1, v2, 'kubectl-label', T1, 'v1', undefined, podSchema)!;
    const creator = fieldSetFromFieldsV1(managed.find((e) => e.manager === 'kubectl-create')!.fieldsV1);
    const labeler = fieldSetFromFieldsV1(managed.find((e) => e.manager === 'kubectl-label')!.fieldsV1);
    assert.ok(!creator.has(['f:metadata', 'f:labels', 'f:app']));
    assert.ok(creator.has(['f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image']));
    assert.ok(labeler.has(['f:metadata', 'f:labels', 'f:app']));
    assert.ok(labeler.has(['f:metadata', 'f:labels', 'f:tier']));
    assert.deepEqual(
      managed.map((e) => e.manager),
      ['kubectl-create', 'kubectl-label'],
    );
  });

  it('a no-op write changes nothing', () => {
    const v1 = stored(manifest());
    v1.metadata.managedFields = updateManagedFieldsForUpdate(undefined, v1, 'kubectl-create', T0, 'v1', undefined, podSchema);
    const again = updateManagedFieldsForUpdate(v1, structuredClone(v1), 'kubectl-edit', T1, 'v1', undefined, podSchema);
    assert.deepEqual(again, v1.metadata.managedFields);
  });

  it('status writes are recorded with subresource status and only status fields', () => {
    const v1 = stored(manifest());
    const v2 = { ...structuredClone(v1), status: { phase: 'Running', podIP: '10.88.0.5' } };
    assert.deepEqual(updateManagedFieldsForUpdate(v1, v2, 'kubelet', T1, 'v1', 'status', podSchema), [
      {
        manager: 'kubelet',
        operation: 'Update',
        apiVersion: 'v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:status': { 'f:phase': {}, 'f:podIP': {} } },
        subresource: 'status',
      },
    ]);
  });

  it('[{}] from the client clears managedFields', () => {
    const v1 = stored(manifest());
    v1.metadata.managedFields = updateManagedFieldsForUpdate(undefined, v1, 'kubectl-create', T0, 'v1', undefined, podSchema);
    const v2 = structuredClone(v1);
    v2.metadata.managedFields = [{}];
    assert.equal(updateManagedFieldsForUpdate(v1, v2, 'x', T1, 'v1', undefined, podSchema), undefined);
  });
});

describe('FieldsV1 round trip', () => {
  it('parses and re-serialises kubectl output', () => {
    const fields = {
      'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} }, 'f:labels': { '.': {}, 'f:run': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:resources': {} } }, 'f:dnsPolicy': {} },
    };
    assert.deepEqual(fieldSetToFieldsV1(fieldSetFromFieldsV1(fields)), fields);
  });
});
