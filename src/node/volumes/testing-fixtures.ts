/**
 * Shared test fixtures of node/volumes (used by the `*.test.ts` files only): a pod with every
 * volume kind, in-memory ConfigMap/Secret lookups, and a guard that unmounts anything a failed
 * test left under its temporary directory.
 * @module
 */
import { execFileSync } from 'node:child_process';
import type { ConfigMap, Pod, Secret } from '../../apis/index.js';
import { FakeClock, silentLogger } from '../../base/index.js';
import { mountsUnder } from './mount-util.js';
import { VolumeManager, type VolumeLookups } from './volume-manager.js';

/** Why mount tests cannot run here, or undefined when they can. */
export function mountTestsUnavailable(): string | undefined {
  return process.getuid?.() === 0 ? undefined : 'needs root (mount, tmpfs)';
}

/** ConfigMaps and Secrets by `<ns>/<name>`, changeable between set-ups. */
export class FakeObjects {
  readonly configMaps = new Map<string, ConfigMap>();
  readonly secrets = new Map<string, Secret>();

  lookups(): VolumeLookups {
    return {
      getConfigMap: (ns, name) => Promise.resolve(this.configMaps.get(`${ns}/${name}`)),
      getSecret: (ns, name) => Promise.resolve(this.secrets.get(`${ns}/${name}`)),
      nodeName: 'node-1',
    };
  }

  putConfigMap(name: string, data: Record<string, string>, namespace = 'default'): void {
    this.configMaps.set(`${namespace}/${name}`, { metadata: { name, namespace }, data });
  }

  putSecret(name: string, data: Record<string, string>, namespace = 'default'): void {
    const b64 = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
    this.secrets.set(`${namespace}/${name}`, { metadata: { name, namespace }, type: 'Opaque', data: b64 });
  }
}

/** A new VolumeManager over `podsDir` with a fake clock and a silent logger. */
export function newVolumeManager(podsDir: string, nodeAllocatable?: Record<string, string>): VolumeManager {
  return new VolumeManager({ logger: silentLogger, clock: new FakeClock(Date.UTC(2026, 10, 24, 15, 20, 0)) }, { podsDir, ...(nodeAllocatable ? { nodeAllocatable } : {}) });
}

/** A minimal pod with `volumes` and one container mounting them. */
export function podWith(uid: string, spec: Partial<NonNullable<Pod['spec']>>, labels?: Record<string, string>): Pod {
  return {
    metadata: { name: `pod-${uid}`, namespace: 'default', uid, ...(labels ? { labels } : {}) },
    spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
  };
}

/** Unmounts whatever is still mounted under `dir` (cleanup after a failing test). */
export async function unmountAllUnder(dir: string): Promise<string[]> {
  const left = await mountsUnder(dir);
  for (const p of left) {
    try {
      execFileSync('umount', ['-l', p]);
    } catch {
      // already gone
    }
  }
  return left;
}
