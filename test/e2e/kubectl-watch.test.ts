/**
 * Watch semantics through the real kubectl: `get -w` prints each transition, `--watch-only`
 * prints only changes, `wait --for=condition=Ready` and `--for=delete` return when the state is
 * reached, and the official JS client's watch sees the same events.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlPath } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';

/** Runs `kubectl get … -w` in the background, collecting its output lines. */
function watchLines(kubeconfig: string, args: string[]): { lines: string[]; stop(): void } {
  const child = spawn(kubectlPath, ['--kubeconfig', kubeconfig, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  return { lines, stop: () => child.kill('SIGTERM') };
}

const readyStatus = JSON.stringify({
  status: {
    phase: 'Running',
    conditions: [
      { type: 'Ready', status: 'True', lastTransitionTime: '2026-11-24T00:00:00Z' },
      { type: 'ContainersReady', status: 'True', lastTransitionTime: '2026-11-24T00:00:00Z' },
    ],
  },
});

/**
 * These pods are bound to a node that does not exist, so no node agent acts on them and the
 * statuses the tests write stay as written.
 */
const unmanaged = ['--overrides', JSON.stringify({ spec: { nodeName: 'api-only' } })];

describe('watch through kubectl', () => {
  let server: TestPodyard;
  const k = async (...args: string[]) => {
    const r = await kubectl(server.kubeconfig, args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  before(async () => {
    server = await startPodyard();
  });
  after(async () => {
    await server.stop();
    await server.cleanup();
  });

  it('get -w prints the initial row then one row per change; --watch-only only changes', async () => {
    await k('run', 'w1', '--image=busybox', ...unmanaged, '--', 'sleep', '3600');
    const all = watchLines(server.kubeconfig, ['get', 'pods', '-w']);
    const only = watchLines(server.kubeconfig, ['get', 'pods', '--watch-only']);
    try {
      await eventually(() => assert.ok(all.lines.some((l) => /^w1\s+0\/1\s+Pending/.test(l)), all.lines.join('\n')), { timeoutMs: 10_000 });
      await eventually(() => assert.ok(all.lines[0]?.startsWith('NAME')), { timeoutMs: 10_000 });
      await new Promise((r) => setTimeout(r, 500));
      await k('patch', 'pod', 'w1', '--subresource=status', '--type=merge', '-p', readyStatus);
      await eventually(() => assert.ok(all.lines.some((l) => /^w1\s+0\/1\s+Running/.test(l)), all.lines.join('\n')), { timeoutMs: 10_000 });
      await eventually(() => assert.ok(only.lines.some((l) => /^w1\s+0\/1\s+Running/.test(l)), only.lines.join('\n')), { timeoutMs: 10_000 });
      assert.ok(!only.lines.some((l) => /Pending/.test(l)), `--watch-only printed the initial state: ${only.lines.join('\n')}`);
    } finally {
      all.stop();
      only.stop();
    }
  });

  it('wait --for=condition=Ready returns once the condition is true', async () => {
    await k('run', 'w2', '--image=busybox', ...unmanaged, '--', 'sleep', '3600');
    const waiting = kubectl(server.kubeconfig, ['wait', '--for=condition=Ready', 'pod/w2', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 500));
    await k('patch', 'pod', 'w2', '--subresource=status', '--type=merge', '-p', readyStatus);
    const r = await waiting;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'pod/w2 condition met\n');
  });

  it('wait --for=delete returns once the object is gone', async () => {
    await k('create', 'configmap', 'bye', '--from-literal=a=b');
    const waiting = kubectl(server.kubeconfig, ['wait', '--for=delete', 'configmap/bye', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 500));
    await k('delete', 'configmap', 'bye');
    const r = await waiting;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'configmap/bye condition met\n');
  });

  it('get events shows what controllers recorded', async () => {
    await k('run', 'w3', '--image=busybox', '--', 'sleep', '3600');
    const out = await eventually(
      async () => {
        const o = await k('get', 'events');
        assert.match(o, /Scheduled/);
        return o;
      },
      { timeoutMs: 10_000 },
    );
    assert.match(out, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/m);
    assert.match(out, /Normal\s+Scheduled\s+pod\/w3\s+Successfully assigned default\/w3 to /);
  });
});
