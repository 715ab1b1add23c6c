import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FakeClock, silentLogger } from '../base/index.js';
import type { Container, Pod, Secret } from '../apis/index.js';
import type { InvolvedObject } from '../client/index.js';
import { ImageError, ImageStore, type ImageRecord, type PullOptions, type RegistryPuller } from '../images/index.js';
import { dockerArchive } from '../images/testing/tar-writer.js';
import type { Container as RuntimeContainer } from '../runtime/index.js';
import { credentialsFromSecrets, defaultPullPolicy, goDuration, ImageGarbageCollector, ImageManager, ImageWaitError, registryImagePuller, type ImagePuller } from './image-manager.js';

const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'uid-1' }, spec: { containers: [] } };
const ref: InvolvedObject = { kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{main}' };
const record = { id: 'sha256:' + 'a'.repeat(64), repoDigests: [], references: ['docker.io/library/nginx:1.27'], size: 1234 } as unknown as ImageRecord;

/** A store stand-in holding the given names: the manager's policy logic needs resolve/layerPaths/imageConfig only. */
function fakeStore(present: Set<string>): ImageStore {
  return {
    resolve: (name: string) => (present.has(name) ? record : undefined),
    layerPaths: () => Promise.resolve(['/layers/a']),
    imageConfig: () => Promise.resolve({ Entrypoint: [], Cmd: ['nginx'], Env: [], WorkingDir: '', User: '', ExposedPorts: [], Volumes: [], Labels: {} }),
  } as unknown as ImageStore;
}

function setup(options: { present?: string[]; pull?: ImagePuller } = {}) {
  const clock = new FakeClock(1_000_000);
  const present = new Set(options.present ?? []);
  const events: string[] = [];
  const pulls: string[] = [];
  const manager = new ImageManager({
    images: fakeStore(present),
    clock,
    logger: silentLogger,
    record: (_obj, type, reason, message) => {
      events.push(`${type} ${reason} ${message}`);
      return Promise.resolve();
    },
    pull: async (reference, p) => {
      pulls.push(reference);
      const r = await (options.pull ?? (() => Promise.resolve({ size: 5555 })))(reference, p);
      present.add(reference);
      return r;
    },
  });
  return { manager, clock, events, pulls, present };
}

const container = (image: string, imagePullPolicy?: Container['imagePullPolicy']): Container => ({ name: 'main', image, ...(imagePullPolicy ? { imagePullPolicy } : {}) });

async function waitReason(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ImageWaitError, String(err));
    return { code: err.code, message: err.message };
  }
  assert.fail('expected an ImageWaitError');
}

describe('ImageManager pull policy', () => {
  it('IfNotPresent uses a present image without pulling', async () => {
    const t = setup({ present: ['docker.io/library/nginx:1.27'] });
    const resolved = await t.manager.ensure(pod, container('nginx:1.27', 'IfNotPresent'), ref);
    assert.equal(resolved.image, 'docker.io/library/nginx:1.27');
    assert.deepEqual(resolved.config, { cmd: ['nginx'] });
    assert.deepEqual(t.pulls, []);
    assert.deepEqual(t.events, ['Normal Pulled Container image "nginx:1.27" already present on machine']);
  });

  it('Never fails with ErrImageNeverPull when the image is missing', async () => {
    const t = setup();
    const w = await waitReason(t.manager.ensure(pod, container('nginx:1.27', 'Never'), ref));
    assert.deepEqual(w, { code: 'ErrImageNeverPull', message: 'Container image "nginx:1.27" is not present with pull policy of Never' });
    assert.deepEqual(t.events, ['Warning ErrImageNeverPull Container image "nginx:1.27" is not present with pull policy of Never']);
  });

  it('Always pulls even when present, with the kubelet\'s Pulling and Pulled events', async () => {
    const t = setup({
      present: ['docker.io/library/nginx:1.27'],
      pull: () => {
        t.clock.advance(1661);
        return Promise.resolve({ size: 4269694 });
      },
    });
    await t.manager.ensure(pod, container('nginx:1.27', 'Always'), ref);
    assert.deepEqual(t.pulls, ['docker.io/library/nginx:1.27']);
    assert.deepEqual(t.events, [
      'Normal Pulling Pulling image "nginx:1.27"',
      'Normal Pulled Successfully pulled image "nginx:1.27" in 1.661s (1.661s including waiting). Image size: 4269694 bytes.',
    ]);
  });

  it('a deleted pod stops waiting for its pull at once: AbortError, no Failed event, no back-off', async () => {
    let finish!: () => void;
    const t = setup({ pull: () => new Promise((resolve) => (finish = () => resolve({ size: 1 }))) });
    const abort = new AbortController();
    const waiting = t.manager.ensure(pod, container('nginx:1.27'), ref, abort.signal);
    await new Promise((r) => setImmediate(r));
    abort.abort();
    await assert.rejects(waiting, { name: 'AbortError' });
    assert.deepEqual(t.events, ['Normal Pulling Pulling image "nginx:1.27"']);
    finish(); // the pull itself goes on (other pods may wait for it) and stores the image
    await new Promise((r) => setImmediate(r));
    await t.manager.ensure(pod, container('nginx:1.27'), ref);
    assert.deepEqual(t.pulls, ['docker.io/library/nginx:1.27'], 'present now: no second pull');
    assert.equal(t.events.filter((e) => e.includes('Back-off')).length, 0);
  });

  it('defaults to Always for :latest and untagged images, IfNotPresent otherwise', async () => {
    assert.equal(defaultPullPolicy('busybox'), 'Always');
    assert.equal(defaultPullPolicy('busybox:latest'), 'Always');
    assert.equal(defaultPullPolicy('busybox:1.36'), 'IfNotPresent');
    assert.equal(defaultPullPolicy('busybox@sha256:' + 'b'.repeat(64)), 'IfNotPresent');
    const t = setup({ present: ['docker.io/library/busybox:latest'] });
    await t.manager.ensure(pod, container('busybox'), ref);
    assert.deepEqual(t.pulls, ['docker.io/library/busybox:latest']);
  });

  it('ErrImagePull, then ImagePullBackOff for 10 s, 20 s… with the last error in the message', async () => {
    let fail = true;
    const t = setup({
      pull: () => (fail ? Promise.reject(new ImageError('NotFound', 'failed to pull and unpack image "docker.io/library/nope:1": not found')) : Promise.resolve({ size: 1 })),
    });
    const c = container('nope:1', 'IfNotPresent');
    const first = await waitReason(t.manager.ensure(pod, c, ref));
    assert.deepEqual(first, { code: 'ErrImagePull', message: 'failed to pull and unpack image "docker.io/library/nope:1": not found' });
    assert.deepEqual(t.events, [
      'Normal Pulling Pulling image "nope:1"',
      'Warning Failed Failed to pull image "nope:1": failed to pull and unpack image "docker.io/library/nope:1": not found',
      'Warning Failed Error: ErrImagePull',
    ]);
    t.events.length = 0;
    t.clock.advance(5_000);
    const backoff = await waitReason(t.manager.ensure(pod, c, ref));
    assert.deepEqual(backoff, { code: 'ImagePullBackOff', message: 'Back-off pulling image "nope:1": failed to pull and unpack image "docker.io/library/nope:1": not found' });
    assert.deepEqual(t.events, ['Normal BackOff Back-off pulling image "nope:1"']);
    assert.equal(t.pulls.length, 1);
    t.clock.advance(5_000); // 10 s after the failure: try again
    assert.equal((await waitReason(t.manager.ensure(pod, c, ref))).code, 'ErrImagePull');
    assert.equal(t.pulls.length, 2);
    t.clock.advance(15_000); // the second back-off is 20 s
    assert.equal((await waitReason(t.manager.ensure(pod, c, ref))).code, 'ImagePullBackOff');
    t.clock.advance(5_000);
    fail = false;
    await t.manager.ensure(pod, c, ref);
    assert.equal(t.pulls.length, 3);
    // Another pod has its own back-off.
    const other = await waitReason(setup({ pull: () => Promise.reject(new Error('x')) }).manager.ensure({ ...pod, metadata: { ...pod.metadata, uid: 'uid-2' } }, c, ref));
    assert.equal(other.code, 'ErrImagePull');
  });

  it('InvalidImageName with an InspectFailed event', async () => {
    const t = setup();
    const w = await waitReason(t.manager.ensure(pod, container('Not/Valid:Name!', 'IfNotPresent'), ref));
    assert.equal(w.code, 'InvalidImageName');
    assert.match(w.message, /^Failed to apply default image tag "Not\/Valid:Name!": couldn't parse image reference "Not\/Valid:Name!": /);
    assert.match(t.events[0]!, /^Warning InspectFailed Failed to apply default image tag/);
  });
});

describe('goDuration', () => {
  it('prints durations as Go does, truncated to milliseconds', () => {
    const cases: [number, string][] = [[0, '0s'], [313, '313ms'], [1000, '1s'], [1661, '1.661s'], [15981.7, '15.981s'], [1500, '1.5s'], [60_000, '1m0s'], [123_500, '2m3.5s'], [3_723_000, '1h2m3s']];
    for (const [ms, want] of cases) assert.equal(goDuration(ms), want, String(ms));
  });
});

describe('credentialsFromSecrets', () => {
  it('reads dockerconfigjson and dockercfg Secrets, the first secret winning per host', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const secrets: Secret[] = [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { 'reg.example:5000': { username: 'u', password: 'p' } } })) } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'b' }, type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64(JSON.stringify({ 'https://index.docker.io/v1/': { auth: b64('hub:pw') }, 'reg.example:5000': { auth: b64('x:y') } })) } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'c' }, type: 'Opaque', data: { '.dockerconfigjson': b64('{"auths":{"other":{"auth":"' + b64('o:o') + '"}}}') } },
    ];
    const creds = credentialsFromSecrets(secrets);
    assert.deepEqual(Object.fromEntries(creds), { 'reg.example:5000': { username: 'u', password: 'p' }, 'docker.io': { username: 'hub', password: 'pw' } });
  });
});

describe('registryImagePuller', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const regcred: Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'regcred', namespace: 'team' },
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { 'reg.example:5000': { auth: b64('alice:s3cret') } } })) },
  };

  /** An ImageManager over a puller whose registry records the credentials it was given. */
  function wire(secrets: Secret[]) {
    const present = new Set<string>();
    const events: { obj: InvolvedObject; line: string }[] = [];
    const given: PullOptions[] = [];
    const lookups: string[] = [];
    const puller = {
      pull: (reference: string, options: PullOptions) => {
        given.push(options);
        present.add(reference);
        return Promise.resolve({ size: 77 });
      },
    } as unknown as RegistryPuller;
    const pull = registryImagePuller({
      puller,
      logger: silentLogger,
      getSecret: (namespace, name) => {
        lookups.push(`${namespace}/${name}`);
        if (name === 'broken') return Promise.reject(new Error('connection refused'));
        return Promise.resolve(secrets.find((s) => s.metadata?.namespace === namespace && s.metadata?.name === name));
      },
    });
    const manager = new ImageManager({
      images: fakeStore(present),
      clock: new FakeClock(0),
      logger: silentLogger,
      record: (obj, type, reason, message) => {
        events.push({ obj, line: `${type} ${reason} ${message}` });
        return Promise.resolve();
      },
      pull,
    });
    return { manager, events, given, lookups };
  }
  const teamPod = (names: string[]): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'team', uid: 'uid-9' },
    spec: { containers: [], imagePullSecrets: names.map((name) => ({ name })) },
  });
  const teamRef: InvolvedObject = { kind: 'Pod', apiVersion: 'v1', name: 'web', namespace: 'team', uid: 'uid-9', fieldPath: 'spec.containers{main}' };

  it('records FailedToRetrieveImagePullSecret on the pod for missing secrets and pulls with the ones found', async () => {
    const t = wire([regcred]);
    await t.manager.ensure(teamPod(['gone', 'regcred', '', 'broken']), container('reg.example:5000/app:1.0'), teamRef);
    assert.deepEqual(t.lookups, ['team/gone', 'team/regcred', 'team/broken'], 'an empty name is skipped, as the kubelet does');
    assert.deepEqual(
      t.events.map((e) => e.line),
      [
        'Normal Pulling Pulling image "reg.example:5000/app:1.0"',
        // kubelet.go getPullSecretsForPod: the names alone, joined with ", ".
        'Warning FailedToRetrieveImagePullSecret Unable to retrieve some image pull secrets (gone, broken); attempting to pull the image may not succeed.',
        'Normal Pulled Successfully pulled image "reg.example:5000/app:1.0" in 0s (0s including waiting). Image size: 77 bytes.',
      ],
    );
    assert.deepEqual(t.events[1]!.obj, { kind: 'Pod', apiVersion: 'v1', name: 'web', namespace: 'team', uid: 'uid-9' }, 'the event is about the pod, not a container');
    assert.equal(t.events[0]!.obj.fieldPath, 'spec.containers{main}');
    assert.deepEqual(Object.fromEntries(t.given[0]!.credentials ?? new Map()), { 'reg.example:5000': { username: 'alice', password: 's3cret' } });
  });

  it('records nothing about secrets when every listed one exists, or none is listed', async () => {
    const t = wire([regcred]);
    await t.manager.ensure(teamPod(['regcred']), container('reg.example:5000/app:1.0'), teamRef);
    await t.manager.ensure(teamPod([]), container('reg.example:5000/other:1.0'), teamRef);
    assert.equal(t.events.filter((e) => e.line.includes('FailedToRetrieveImagePullSecret')).length, 0);
    assert.equal(t.given.length, 2);
    assert.equal(t.given[1]!.credentials?.size, 0);
  });
});

describe('ImageGarbageCollector', () => {
  const dirs: string[] = [];
  after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('frees space above the high threshold, never deleting an image a container uses', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podyard-imagegc-'));
    dirs.push(dir);
    const store = await ImageStore.open(join(dir, 'images'));
    try {
      const mk = (name: string, content: string) => ({ names: [name], layers: [{ entries: [{ name: 'f', data: content.repeat(4096) }] }], config: { Cmd: ['x'] } });
      for (const [i, img] of [mk('docker.io/library/old:1', 'o'), mk('docker.io/library/used:1', 'u'), mk('docker.io/library/new:1', 'n')].entries()) {
        const file = join(dir, `${i}.tar`);
        writeFileSync(file, dockerArchive([img]));
        await store.load(file);
        await new Promise((r) => setTimeout(r, 5)); // distinct loadedAt
      }
      const containers = [{ image: { image: 'used:1', imageRef: '' } }] as unknown as RuntimeContainer[];
      let available = 50;
      const gc = new ImageGarbageCollector(
        { images: store, runtime: { listContainers: () => Promise.resolve(containers) }, clock: new FakeClock(0), logger: silentLogger, fsStats: () => Promise.resolve({ capacityBytes: 1000, availableBytes: available }) },
        { highThresholdPercent: 85, lowThresholdPercent: 80 },
      );
      available = 200; // 80% used: below the threshold
      assert.equal(await gc.garbageCollect(), undefined);
      assert.equal(store.list().length, 3);
      available = 100; // 90% used: free 100 bytes, oldest unused first
      const freed = await gc.garbageCollect();
      assert.ok(freed && freed.deletedImages.length >= 1);
      assert.equal(store.resolve('old:1'), undefined, 'the oldest unused image goes first');
      assert.ok(store.resolve('used:1'), 'an image in use stays');
      available = 0; // everything unused goes, the used one stays
      await gc.garbageCollect();
      assert.deepEqual(store.list().map((r) => r.references[0]), ['docker.io/library/used:1']);
    } finally {
      store.close();
    }
  });
});
