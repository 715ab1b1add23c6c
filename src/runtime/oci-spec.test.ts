import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALL_CAPABILITIES,
  DEFAULT_CAPABILITIES,
  buildContainerSpec,
  capabilitiesFromMask,
  computeCapabilities,
  computeEnv,
  computeProcessArgs,
  withPrimaryGid,
  type ContainerSpecInput,
} from './oci-spec.js';
import type { ContainerConfig } from './runtime-service.js';

const all = new Set(ALL_CAPABILITIES);

function input(config: Partial<ContainerConfig> = {}): ContainerSpecInput {
  return {
    config: { metadata: { name: 'c', attempt: 0 }, image: { image: 'x' }, rootfs: { lowerDirs: ['/l'] }, ...config },
    rootfsPath: '/r',
    args: ['sh'],
    env: ['PATH=/bin'],
    cwd: '/',
    user: { uid: 0, gid: 0, additionalGids: [] },
    netnsPath: '/s/ns/net',
    ipcnsPath: '/s/ns/ipc',
    utsnsPath: '/s/ns/uts',
    pidMode: 'CONTAINER',
    sandboxFiles: { hostname: '/s/etc/hostname', hosts: '/s/etc/hosts', resolvConf: '/s/etc/resolv.conf', shm: '/s/shm' },
    cgroupsPath: '/podyard/pod1/c1',
    nofileHard: 20000,
    allowedCaps: all,
    minOomScoreAdj: 0,
    devices: [],
  };
}

describe('computeProcessArgs (containerd/moby merge)', () => {
  const image = { entrypoint: ['/entry'], cmd: ['default'] };
  it('uses the image entrypoint and cmd when the pod sets neither', () => {
    assert.deepEqual(computeProcessArgs({}, image), ['/entry', 'default']);
  });
  it('args replace cmd; command replaces entrypoint and drops cmd', () => {
    assert.deepEqual(computeProcessArgs({ args: ['a'] }, image), ['/entry', 'a']);
    assert.deepEqual(computeProcessArgs({ command: ['/bin/x'] }, image), ['/bin/x']);
    assert.deepEqual(computeProcessArgs({ command: ['/bin/x'], args: ['y'] }, image), ['/bin/x', 'y']);
  });
  it('has nothing to run without any of them', () => {
    assert.equal(computeProcessArgs({}, {}), undefined);
  });
});

describe('computeEnv', () => {
  it('lets container envs override the image by key and sets HOSTNAME', () => {
    const env = computeEnv({ env: ['PATH=/img', 'A=1', 'B=2'] }, [{ key: 'B', value: '3' }], 'pod');
    assert.deepEqual(env, ['PATH=/img', 'A=1', 'B=3', 'HOSTNAME=pod']);
  });
  it('defaults PATH', () => {
    assert.match(computeEnv({}, [])[0] ?? '', /^PATH=\/usr\/local\/sbin/);
  });
});

describe('computeCapabilities', () => {
  it("follows containerd's add/drop order with ALL", () => {
    assert.deepEqual(computeCapabilities([], [], false, all), ALL_CAPABILITIES.filter((c) => DEFAULT_CAPABILITIES.includes(c)));
    assert.deepEqual(computeCapabilities(['NET_ADMIN'], ['ALL'], false, all), ['CAP_NET_ADMIN']);
    assert.ok(!computeCapabilities(['ALL'], ['chown'], false, all).includes('CAP_CHOWN'));
  });
  it("never grants what this process's bounding set lacks", () => {
    const bounded = capabilitiesFromMask('1fffeffffff');
    assert.ok(!bounded.has('CAP_SYS_RESOURCE'));
    assert.ok(!computeCapabilities([], [], true, bounded).includes('CAP_SYS_RESOURCE'));
  });
});

describe('buildContainerSpec', () => {
  it('joins the pod namespaces and mounts the pod files', () => {
    const spec = buildContainerSpec(input());
    assert.deepEqual(spec.linux.namespaces, [{ type: 'mount' }, { type: 'pid' }, { type: 'network', path: '/s/ns/net' }, { type: 'ipc', path: '/s/ns/ipc' }, { type: 'uts', path: '/s/ns/uts' }]);
    const dests = spec.mounts.map((m) => m.destination);
    for (const d of ['/proc', '/dev', '/dev/pts', '/dev/mqueue', '/sys', '/sys/fs/cgroup', '/dev/shm', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf']) assert.ok(dests.includes(d), d);
    assert.equal(spec.mounts.find((m) => m.destination === '/dev/shm')?.source, '/s/shm');
    assert.deepEqual(spec.process.rlimits, [{ type: 'RLIMIT_NOFILE', soft: 1024, hard: 20000 }]);
    assert.equal(spec.hostname, undefined);
    assert.ok(spec.linux.seccomp);
    assert.ok(spec.linux.maskedPaths?.includes('/proc/kcore'));
  });

  it('applies resources, security context and user mounts', () => {
    const spec = buildContainerSpec(
      input({
        mounts: [
          { containerPath: '/data/sub', hostPath: '/h/sub', readonly: true },
          { containerPath: '/data', hostPath: '/h', propagation: 'HOST_TO_CONTAINER' },
        ],
        linux: {
          resources: { cpuShares: 512, cpuQuota: 50000, cpuPeriod: 100000, memoryLimitInBytes: 1 << 26, oomScoreAdj: -997 },
          securityContext: { readonlyRootfs: true, noNewPrivs: true, seccomp: { profileType: 'Unconfined' } },
        },
      }),
    );
    assert.deepEqual(spec.linux.resources.cpu, { shares: 512, quota: 50000, period: 100000 });
    assert.deepEqual(spec.linux.resources.memory, { limit: 1 << 26, swap: 1 << 26 });
    assert.equal(spec.process.oomScoreAdj, 0, 'raised to what this process may set');
    assert.equal(spec.root.readonly, true);
    assert.equal(spec.process.noNewPrivileges, true);
    assert.equal(spec.linux.seccomp, undefined);
    const user = spec.mounts.filter((m) => m.destination.startsWith('/data'));
    assert.deepEqual(user.map((m) => [m.destination, m.options]), [
      ['/data', ['rbind', 'rslave', 'rw']],
      ['/data/sub', ['rbind', 'rprivate', 'ro']],
    ]);
    assert.equal(spec.linux.rootfsPropagation, 'rslave');
  });

  it('shares the pause PID namespace and skips masking when privileged', () => {
    const spec = buildContainerSpec({ ...input({ linux: { securityContext: { privileged: true } } }), pidMode: 'POD', pidnsPath: '/proc/42/ns/pid' });
    assert.deepEqual(spec.linux.namespaces[1], { type: 'pid', path: '/proc/42/ns/pid' });
    assert.equal(spec.linux.maskedPaths, undefined);
    assert.equal(spec.process.capabilities.bounding.length, ALL_CAPABILITIES.length);
  });
});

describe('withPrimaryGid (containerd ensureAdditionalGids)', () => {
  it('puts the primary gid first among the additional gids unless it is there', () => {
    assert.deepEqual(withPrimaryGid(3000, [4000]), [3000, 4000]);
    assert.deepEqual(withPrimaryGid(0, []), [0]);
    assert.deepEqual(withPrimaryGid(10, [4, 10]), [4, 10]);
  });
  it('is what the container process gets', () => {
    const spec = buildContainerSpec({ ...input(), user: { uid: 1000, gid: 3000, additionalGids: [4000] } });
    assert.deepEqual(spec.process.user, { uid: 1000, gid: 3000, additionalGids: [3000, 4000] });
  });
});
