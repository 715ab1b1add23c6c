import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../apis/index.js';
import { containerConfig, podCgroupResources } from './runtime-config.js';

const c = (name: string, limits?: Record<string, string>, requests?: Record<string, string>, restartPolicy?: string): Container =>
  ({ name, image: 'busybox', ...(limits || requests ? { resources: { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) } } : {}), ...(restartPolicy ? { restartPolicy } : {}) });
const pod = (containers: Container[], initContainers: Container[] = []): Pod => ({ metadata: { name: 'p' }, spec: { containers, initContainers } });

describe('podCgroupResources (kubelet ResourceConfigForPod)', () => {
  it('BestEffort: minimum shares, no quota, no memory limit', () => {
    assert.deepEqual(podCgroupResources(pod([c('a'), c('b')])), { cpuShares: 2 });
  });

  it('Guaranteed: sums of every container', () => {
    assert.deepEqual(podCgroupResources(pod([c('a', { cpu: '250m', memory: '64Mi' }), c('b', { cpu: '500m', memory: '32Mi' })])), {
      cpuShares: 768,
      cpuPeriod: 100_000,
      cpuQuota: 75_000,
      memoryLimitInBytes: 96 * 1024 * 1024,
    });
  });

  it('Burstable: limits only when every container has them', () => {
    assert.deepEqual(podCgroupResources(pod([c('a', { memory: '64Mi' }, { cpu: '100m' }), c('b', undefined, { cpu: '100m' })])), { cpuShares: 204 });
  });

  it('an init container larger than the app containers sets the peak; sidecars add to both', () => {
    const p = pod([c('app', { cpu: '100m', memory: '10Mi' })], [c('side', { cpu: '100m', memory: '10Mi' }, undefined, 'Always'), c('init', { cpu: '1', memory: '100Mi' })]);
    assert.deepEqual(podCgroupResources(p), { cpuShares: 1126, cpuPeriod: 100_000, cpuQuota: 110_000, memoryLimitInBytes: 110 * 1024 * 1024 });
  });
});

describe('containerConfig security context', () => {
  it('adds the pod fsGroup before the supplementalGroups (kuberuntime addSupplementalGroups)', () => {
    const p: Pod = { metadata: { name: 'p', namespace: 'd', uid: 'u' }, spec: { securityContext: { fsGroup: 2000, supplementalGroups: [4000] }, containers: [c('a')] } };
    const cfg = containerConfig(p, p.spec!.containers[0]!, {
      attempt: 0,
      isInit: false,
      hash: 'h',
      image: { image: 'busybox', imageRef: 'busybox', lowerDirs: [], config: undefined },
      env: [],
      mounts: [],
      terminationMessageHostPath: '/tmp/x',
    });
    assert.deepEqual(cfg.linux?.securityContext?.supplementalGroups, [2000, 4000]);
  });
});
