import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { goQuote, type ConfigMap, type Container, type EnvVar, type Pod, type Secret } from '../../apis/index.js';
import type { ImageConfig } from '../../runtime/index.js';
import {
  containerResourceRuntimeValue,
  type EnvironmentContext,
  expandContainerCommandAndArgs,
  formatMap,
  imageUserOf,
  makeEnvironmentVariables,
  mergeImageConfig,
  podFieldSelectorRuntimeValue,
  sortPodIPs,
  verifyRunAsNonRoot,
} from './env.js';
import { isPodLogicError, PodLogicError } from './errors.js';
import { c, makePod } from './pod-fixtures.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

const configMaps: Record<string, ConfigMap> = {
  cfg: { metadata: { name: 'cfg', namespace: 'default' }, data: { MODE: 'prod', LEVEL: 'debug', 'app.properties': 'x=1' } },
  more: { metadata: { name: 'more', namespace: 'default' }, data: { MODE: 'staging', EXTRA: 'yes' } },
};
const secrets: Record<string, Secret> = {
  creds: { metadata: { name: 'creds', namespace: 'default' }, data: { USER: b64('admin'), PASS: b64('s3cr3t') } },
};

function ctx(extra: Partial<EnvironmentContext> = {}): EnvironmentContext {
  return {
    getConfigMap: (_ns, name) => configMaps[name],
    getSecret: async (_ns, name) => Promise.resolve(secrets[name]),
    podIP: '10.88.0.5',
    hostIP: '192.168.1.10',
    nodeName: 'node-a',
    ...extra,
  };
}

const pod = makePod(
  { nodeName: 'node-a', serviceAccountName: 'builder', containers: [] },
  { name: 'web', uid: 'u-1', labels: { app: 'web', tier: 'front' }, annotations: { 'example.com/owner': 'team "a"' } },
);

async function envOf(container: Container, extra: Partial<EnvironmentContext> = {}, p: Pod = pod): Promise<Record<string, string>> {
  const { env } = await makeEnvironmentVariables(p, container, ctx(extra));
  return Object.fromEntries(env.map((e) => [e.name, e.value]));
}

async function errorOf(container: Container, extra: Partial<EnvironmentContext> = {}): Promise<PodLogicError> {
  try {
    await makeEnvironmentVariables(pod, container, ctx(extra));
  } catch (err) {
    assert.ok(err instanceof PodLogicError, String(err));
    return err;
  }
  assert.fail('expected an error');
}

const field = (name: string, fieldPath: string): EnvVar => ({ name, valueFrom: { fieldRef: { fieldPath } } });

describe('makeEnvironmentVariables: values and expansion', () => {
  it('expands references to earlier variables and leaves later or unknown ones alone', async () => {
    const env = await envOf(
      c('app', {
        env: [
          { name: 'A', value: 'a' },
          { name: 'B', value: '$(A)-b' },
          { name: 'C', value: '$(D)-$(NOPE)-$$(A)' },
          { name: 'D', value: 'd' },
          { name: 'EMPTY', value: '' },
          { name: 'EMPTY2' },
        ],
      }),
    );
    assert.deepEqual(env, { A: 'a', B: 'a-b', C: '$(D)-$(NOPE)-$(A)', D: 'd', EMPTY: '', EMPTY2: '' });
  });

  it('uses and appends service variables, env winning over them', async () => {
    const { env } = await makeEnvironmentVariables(
      pod,
      c('app', { env: [{ name: 'URL', value: 'http://$(DB_SERVICE_HOST):$(DB_SERVICE_PORT)' }, { name: 'DB_SERVICE_PORT', value: '1' }] }),
      ctx({ serviceEnv: { DB_SERVICE_HOST: '10.96.0.7', DB_SERVICE_PORT: '5432' } }),
    );
    assert.deepEqual(env, [
      { name: 'URL', value: 'http://10.96.0.7:5432' },
      { name: 'DB_SERVICE_PORT', value: '1' },
      { name: 'DB_SERVICE_HOST', value: '10.96.0.7' },
    ]);
  });
});

describe('makeEnvironmentVariables: fieldRef', () => {
  const cases: Array<[string, string]> = [
    ['metadata.name', 'web'],
    ['metadata.namespace', 'default'],
    ['metadata.uid', 'u-1'],
    ["metadata.labels['app']", 'web'],
    ["metadata.labels['missing']", ''],
    ["metadata.annotations['example.com/owner']", 'team "a"'],
    ['metadata.labels', 'app="web"\ntier="front"'],
    ['metadata.annotations', 'example.com/owner="team \\"a\\""'],
    ['spec.nodeName', 'node-a'],
    ['spec.host', 'node-a'],
    ['spec.serviceAccountName', 'builder'],
    ['status.podIP', '10.88.0.5'],
    ['status.podIPs', '10.88.0.5'],
    ['status.hostIP', '192.168.1.10'],
    ['status.hostIPs', '192.168.1.10'],
  ];
  for (const [path, expected] of cases) {
    it(path, async () => assert.deepEqual(await envOf(c('app', { env: [field('V', path)] })), { V: expected }));
  }

  it('dual stack: podIPs are ordered by the node family', async () => {
    const env = await envOf(c('app', { env: [field('IP', 'status.podIP'), field('IPS', 'status.podIPs')] }), { podIPs: ['fd00::5', '10.88.0.5'] });
    assert.deepEqual(env, { IP: '10.88.0.5', IPS: '10.88.0.5,fd00::5' });
    assert.deepEqual(sortPodIPs(['10.0.0.1', 'fd00::1'], 'fd00::9'), ['fd00::1', '10.0.0.1']);
  });

  const errors: Array<[string, string]> = [
    ['status.phase', 'unsupported fieldPath: status.phase'],
    ['spec.containers', 'field label not supported: spec.containers'],
    ["spec.nodeName['x']", "field label does not support subscript: spec.nodeName['x']"],
    ["metadata.labels['bad key!']", "invalid key subscript in metadata.labels['bad key!']: "],
  ];
  for (const [path, message] of errors) {
    it(`fails on ${path}`, async () => {
      const err = await errorOf(c('app', { env: [field('V', path)] }));
      assert.equal(err.code, 'CreateContainerConfigError');
      assert.ok(err.message.startsWith(message), err.message);
    });
  }

  it('fails on a non-v1 apiVersion', async () => {
    const err = await errorOf(c('app', { env: [{ name: 'V', valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } } }] }));
    assert.equal(err.message, 'unsupported pod version: v2');
  });

  it('podFieldSelectorRuntimeValue falls back to the node name for unscheduled pods', () => {
    assert.equal(podFieldSelectorRuntimeValue({ fieldPath: 'spec.nodeName' }, makePod({}), { podIP: '', hostIP: '', nodeName: 'n1' }), 'n1');
  });
});

describe('makeEnvironmentVariables: resourceFieldRef', () => {
  const res = c('app', { resources: { requests: { cpu: '250m', memory: '100Mi' }, limits: { cpu: '1500m', memory: '129M' } } });
  const ref = (resource: string, divisor?: string, containerName?: string): EnvVar => ({
    name: 'R',
    valueFrom: { resourceFieldRef: { resource, ...(divisor ? { divisor } : {}), ...(containerName ? { containerName } : {}) } },
  });
  const cases: Array<[string, EnvVar, string]> = [
    ['limits.cpu rounds up to cores', ref('limits.cpu'), '2'],
    ['limits.cpu in millicores', ref('limits.cpu', '1m'), '1500'],
    ['requests.cpu rounds 250m up to 1', ref('requests.cpu'), '1'],
    ['requests.memory in bytes', ref('requests.memory'), '104857600'],
    ['requests.memory in Mi', ref('requests.memory', '1Mi'), '100'],
    ['limits.memory rounds up', ref('limits.memory', '1Mi'), '124'],
    ['limits.memory in Gi rounds up to 1', ref('limits.memory', '1Gi'), '1'],
    ['an unset ephemeral-storage request is 0', ref('requests.ephemeral-storage'), '0'],
  ];
  for (const [name, envVar, expected] of cases) {
    it(name, async () => assert.deepEqual(await envOf({ ...res, env: [envVar] }), { R: expected }));
  }

  it('unset limits stand for the node allocatable', async () => {
    const env = await envOf(c('app', { env: [ref('limits.cpu'), { ...ref('limits.memory', '1Mi'), name: 'M' }] }), { nodeAllocatable: { cpu: '4', memory: '8Gi' } });
    assert.deepEqual(env, { R: '4', M: '8192' });
  });

  it('reads another container by name', () => {
    const p = makePod({ containers: [c('app'), res] });
    assert.equal(containerResourceRuntimeValue({ resource: 'limits.cpu', containerName: 'app', divisor: '1m' }, p, c('other')), '0');
    assert.equal(containerResourceRuntimeValue({ resource: 'limits.cpu', containerName: 'app', divisor: '1m' }, p, c('other'), { cpu: '2' }), '2000');
    assert.throws(() => containerResourceRuntimeValue({ resource: 'limits.cpu', containerName: 'nope' }, p, c('x')), /^Error: container nope not found$/);
  });

  it('fails on an unsupported resource', async () => {
    const err = await errorOf({ ...res, env: [ref('limits.gpu')] });
    assert.equal(err.message, 'unsupported container resource : limits.gpu');
  });
});

describe('makeEnvironmentVariables: ConfigMaps and Secrets', () => {
  const cmRef = (name: string, key: string, optional?: boolean): EnvVar => ({ name: 'V', valueFrom: { configMapKeyRef: { name, key, ...(optional !== undefined ? { optional } : {}) } } });
  const secRef = (name: string, key: string, optional?: boolean): EnvVar => ({ name: 'S', valueFrom: { secretKeyRef: { name, key, ...(optional !== undefined ? { optional } : {}) } } });

  it('resolves keys, decoding secrets', async () => {
    assert.deepEqual(await envOf(c('app', { env: [cmRef('cfg', 'MODE'), secRef('creds', 'PASS')] })), { V: 'prod', S: 's3cr3t' });
  });

  const failures: Array<[string, EnvVar, string]> = [
    ['missing ConfigMap', cmRef('nope', 'MODE'), 'configmap "nope" not found'],
    ['missing ConfigMap key', cmRef('cfg', 'NOPE'), "couldn't find key NOPE in ConfigMap default/cfg"],
    ['missing Secret', secRef('nope', 'PASS'), 'secret "nope" not found'],
    ['missing Secret key', secRef('creds', 'NOPE'), "couldn't find key NOPE in Secret default/creds"],
  ];
  for (const [name, envVar, message] of failures) {
    it(`${name}: CreateContainerConfigError`, async () => {
      const err = await errorOf(c('app', { env: [envVar] }));
      assert.equal(err.code, 'CreateContainerConfigError');
      assert.equal(err.message, message);
      assert.ok(isPodLogicError(err, 'CreateContainerConfigError'));
    });
  }

  it('optional missing sources and keys leave the variable out', async () => {
    const env = await envOf(c('app', { env: [cmRef('nope', 'MODE', true), secRef('creds', 'NOPE', true), { name: 'K', value: 'kept' }] }));
    assert.deepEqual(env, { K: 'kept' });
  });

  it('envFrom: prefixes, later sources win, env wins over all, every key kept', async () => {
    const { env } = await makeEnvironmentVariables(
      pod,
      c('app', {
        envFrom: [{ configMapRef: { name: 'cfg' } }, { configMapRef: { name: 'more' } }, { prefix: 'DB_', secretRef: { name: 'creds' } }],
        env: [{ name: 'LEVEL', value: 'info' }, { name: 'CONN', value: '$(DB_USER)@$(MODE)' }],
      }),
      ctx(),
    );
    assert.deepEqual(env, [
      { name: 'MODE', value: 'staging' },
      { name: 'LEVEL', value: 'info' },
      { name: 'app.properties', value: 'x=1' },
      { name: 'EXTRA', value: 'yes' },
      { name: 'DB_USER', value: 'admin' },
      { name: 'DB_PASS', value: 's3cr3t' },
      { name: 'CONN', value: 'admin@staging' },
    ]);
  });

  it('envFrom: a missing source fails unless optional', async () => {
    assert.equal((await errorOf(c('app', { envFrom: [{ secretRef: { name: 'gone' } }] }))).message, 'secret "gone" not found');
    assert.deepEqual(await envOf(c('app', { envFrom: [{ configMapRef: { name: 'gone', optional: true } }] })), {});
  });

  it('wraps getter failures with their cause', async () => {
    const boom = new Error('connection refused');
    const err = await errorOf(c('app', { env: [cmRef('cfg', 'MODE')] }), { getConfigMap: () => Promise.reject(boom) });
    assert.equal(err.code, 'CreateContainerConfigError');
    assert.equal(err.message, 'connection refused');
    assert.equal(err.cause, boom);
  });

  it('fetches each object once', async () => {
    let calls = 0;
    await envOf(c('app', { envFrom: [{ configMapRef: { name: 'cfg' } }], env: [cmRef('cfg', 'MODE'), { ...cmRef('cfg', 'LEVEL'), name: 'L' }] }), {
      getConfigMap: (_ns, name) => {
        calls++;
        return configMaps[name];
      },
    });
    assert.equal(calls, 1);
  });
});

describe('expandContainerCommandAndArgs', () => {
  it('expands command and args from the final environment', () => {
    const env = [{ name: 'GREETING', value: 'hello' }, { name: 'WHO', value: 'world' }];
    assert.deepEqual(expandContainerCommandAndArgs(c('app', { command: ['echo', '$(GREETING)'], args: ['$(WHO)', '$$(WHO)', '$(NONE)'] }), env), {
      command: ['echo', 'hello'],
      args: ['world', '$(WHO)', '$(NONE)'],
    });
    assert.deepEqual(expandContainerCommandAndArgs(c('app'), env), {});
  });
});

describe('mergeImageConfig', () => {
  const image: ImageConfig = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], env: ['PATH=/usr/bin', 'NGINX_VERSION=1.25'], workingDir: '/srv', user: '101:102' };
  const cases: Array<[string, Partial<Container>, ImageConfig, string[]]> = [
    ['neither: image Entrypoint + Cmd', {}, image, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
    ['command only: image Entrypoint and Cmd ignored', { command: ['sleep'] }, image, ['sleep']],
    ['command and args', { command: ['sleep'], args: ['10'] }, image, ['sleep', '10']],
    ['args only: image Entrypoint + args', { args: ['-v'] }, image, ['/docker-entrypoint.sh', '-v']],
    ['args only, no Entrypoint', { args: ['sh', '-c', 'true'] }, { cmd: ['sh'] }, ['sh', '-c', 'true']],
    ['Entrypoint [""] means none', {}, { entrypoint: [''], cmd: ['sh'] }, ['sh']],
  ];
  for (const [name, container, config, argv] of cases) {
    it(name, () => assert.deepEqual(mergeImageConfig(c('app', container), config).args, argv));
  }

  it('uses already expanded command and args', () => {
    assert.deepEqual(mergeImageConfig(c('app', { command: ['echo', '$(X)'] }), image, { command: ['echo', 'x'] }).args, ['echo', 'x']);
  });

  it('fails with CreateContainerError when nothing is left to run', () => {
    assert.throws(() => mergeImageConfig(c('app'), {}), (err: unknown) => err instanceof PodLogicError && err.code === 'CreateContainerError' && err.message === 'no command specified');
  });

  it('merges env (container over image, in place), workingDir and user', () => {
    const merged = mergeImageConfig(c('app', { workingDir: '/app' }), image, { env: [{ name: 'NGINX_VERSION', value: 'x' }, { name: 'NEW', value: '1' }] });
    assert.deepEqual(merged.env, ['PATH=/usr/bin', 'NGINX_VERSION=x', 'NEW=1']);
    assert.equal(merged.cwd, '/app');
    assert.deepEqual(merged.user, { uid: 101, gid: 102 });
    const defaults = mergeImageConfig(c('app', { command: ['x'] }), { user: 'nginx' });
    assert.equal(defaults.cwd, '/');
    assert.deepEqual(defaults.user, { username: 'nginx' });
    assert.equal(mergeImageConfig(c('app', { command: ['x'] }), image).cwd, '/srv');
  });

  it('runAsUser and runAsGroup (container over pod) win over the image USER', () => {
    const p = makePod({ securityContext: { runAsUser: 1000, runAsGroup: 3000 } });
    assert.deepEqual(mergeImageConfig(c('app', { command: ['x'] }), image, {}, p).user, { uid: 1000, gid: 3000 });
    assert.deepEqual(mergeImageConfig(c('app', { command: ['x'], securityContext: { runAsUser: 7 } }), image, {}, p).user, { uid: 7, gid: 3000 });
  });
});

describe('runAsNonRoot', () => {
  const p = makePod({}, { name: 'web', uid: 'u-1' });
  const who = '(pod: "web_default(u-1)", container: app)';
  const cases: Array<[string, Pod, Container, string | undefined, string | undefined]> = [
    ['not required', p, c('app'), undefined, undefined],
    ['image runs as root', p, c('app', { securityContext: { runAsNonRoot: true } }), '0', `container has runAsNonRoot and image will run as root ${who}`],
    ['image has no USER (root)', p, c('app', { securityContext: { runAsNonRoot: true } }), undefined, `container has runAsNonRoot and image will run as root ${who}`],
    ['image user is a name', p, c('app', { securityContext: { runAsNonRoot: true } }), 'nginx:nginx', `container has runAsNonRoot and image has non-numeric user (nginx), cannot verify user is non-root ${who}`],
    ['image user is numeric non-root', p, c('app', { securityContext: { runAsNonRoot: true } }), '101:101', undefined],
    ['runAsUser 0', p, c('app', { securityContext: { runAsNonRoot: true, runAsUser: 0 } }), '101', `container's runAsUser breaks non-root policy ${who}`],
    ['runAsUser non-root beats a root image', p, c('app', { securityContext: { runAsNonRoot: true, runAsUser: 1000 } }), '0', undefined],
    ['pod-level runAsNonRoot', makePod({ securityContext: { runAsNonRoot: true } }, { name: 'web', uid: 'u-1' }), c('app'), 'root', `container has runAsNonRoot and image has non-numeric user (root), cannot verify user is non-root ${who}`],
    ['container runAsNonRoot false overrides the pod', makePod({ securityContext: { runAsNonRoot: true } }, { name: 'web', uid: 'u-1' }), c('app', { securityContext: { runAsNonRoot: false } }), '0', undefined],
  ];
  for (const [name, pod_, container, imageUser, message] of cases) {
    it(name, () => {
      const run = () => verifyRunAsNonRoot(pod_, container, imageUserOf(imageUser));
      if (message === undefined) run();
      else assert.throws(run, (err: unknown) => err instanceof PodLogicError && err.code === 'CreateContainerConfigError' && err.message === message);
    });
  }

  it('reads the image user as the kubelet does', () => {
    assert.deepEqual(imageUserOf(undefined), { uid: 0 });
    assert.deepEqual(imageUserOf(''), { uid: 0 });
    assert.deepEqual(imageUserOf('1000'), { uid: 1000 });
    assert.deepEqual(imageUserOf('1000:50'), { uid: 1000 });
    assert.deepEqual(imageUserOf('daemon:daemon'), { username: 'daemon' });
  });
});

describe('Go formatting helpers', () => {
  it('quotes like strconv.Quote and formats maps like FormatMap', () => {
    assert.equal(goQuote('a"b\\c\n\t\x01é'), '"a\\"b\\\\c\\n\\t\\x01é"');
    // fieldpath.FormatMap trims the last newline.
    assert.equal(formatMap({ b: '2', a: '1' }), 'a="1"\nb="2"');
    assert.equal(formatMap(undefined), '');
  });
});
