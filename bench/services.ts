/**
 * Service proxy benchmark (issue #6): how long from an EndpointSlice change (the API request
 * starting) to the new endpoint's DNAT rule being in the kernel, against a real `podyard server`
 * with a background of Services. The rules are seen landing through `nft monitor`, so nothing
 * polls. Baseline, same run: applying the same-sized table with a bare `nft -f -`. Goal: under
 * 100 ms. No packet is sent anywhere.
 *
 *   npm run build && node dist/bench/services.js [--services 100] [--changes 50]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EndpointSlice, Service } from '../src/apis/index.js';
import { ApiClient, HttpTransport, loadKubeconfig, Resources } from '../src/client/index.js';
import { instanceIdFor } from '../src/cmd/reset.js';
import { proxyTableName } from '../src/net/proxy/index.js';
import { startPodyard } from '../test/helpers/podyard.js';
import { pct } from './measure.js';

const { values } = parseArgs({ options: { services: { type: 'string', default: '100' }, changes: { type: 'string', default: '50' } } });
const serviceCount = Number(values.services);
const changes = Number(values.changes);

function summary(name: string, samples: number[]): string {
  const f = (n: number) => n.toFixed(2).padStart(8);
  return `${name.padEnd(34)} p50 ${f(pct(samples, 50))} ms  p95 ${f(pct(samples, 95))} ms  max ${f(Math.max(...samples))} ms  (n=${samples.length})`;
}

/** An address no packet goes to: DNAT targets only. */
function ip(i: number): string {
  return `10.99.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
}

function service(name: string): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type: 'NodePort', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } };
}

function slice(name: string, ips: string[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-manual`, labels: { 'kubernetes.io/service-name': name } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    endpoints: ips.map((a) => ({ addresses: [a], conditions: { ready: true } })),
  };
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('run as root (nftables)');
  const scratch = await mkdtemp(join(tmpdir(), 'podyard-bench-'));
  const dataDir = join(scratch, 'data');
  const server = await startPodyard({ dataDir });
  const client = new ApiClient(new HttpTransport(await loadKubeconfig(server.kubeconfig)));
  const table = proxyTableName(instanceIdFor(dataDir));
  const monitor = spawn('nft', ['monitor', 'rules'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    // 1. A background of Services with two endpoints each (selector-less, manual slices).
    for (let i = 0; i < serviceCount; i++) {
      await client.create(Resources.services, 'default', service(`bg-${i}`));
      await client.create(Resources.endpointslices, 'default', slice(`bg-${i}`, [ip(1000 + 2 * i), ip(1001 + 2 * i)]));
    }
    await client.create(Resources.services, 'default', service('bench'));
    let current = await client.create<EndpointSlice>(Resources.endpointslices, 'default', slice('bench', [ip(0)]));

    // 2. Rules land as `nft monitor` lines: resolve the waiter whose address appears.
    const waiters = new Map<string, () => void>();
    let buf = '';
    monitor.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        if (!line.includes(table)) continue;
        const m = /dnat to ([\d.]+):80/.exec(line);
        const w = m && waiters.get(m[1]!);
        if (w) {
          waiters.delete(m[1]!);
          w();
        }
      }
    });
    const landed = (address: string) => new Promise<void>((r) => waiters.set(address, r));
    await new Promise((r) => setTimeout(r, 1_000));

    // 3. Change the bench Service's endpoint, one change at a time.
    const latency: number[] = [];
    const apiLatency: number[] = [];
    for (let i = 1; i <= changes; i++) {
      const address = ip(i);
      const seen = landed(address);
      const started = performance.now();
      current = await client.update(Resources.endpointslices, { ...slice('bench', [address]), metadata: current.metadata });
      apiLatency.push(performance.now() - started);
      await Promise.race([seen, new Promise((_r, reject) => setTimeout(() => reject(new Error(`rule for ${address} never landed`)), 10_000))]);
      latency.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }

    // 4. Baseline: the same table applied by a bare `nft -f -` (replace whole, as the proxy does).
    const listed = spawnSync('nft', ['list', 'table', 'ip', table], { encoding: 'utf8' }).stdout;
    const rules = listed.split('\n').filter((l) => /^\s+(ip|fib|meta|goto|numgen|update|jump|ct)\b/.test(l)).length;
    const script = `add table ip ${table}\ndelete table ip ${table}\n${listed}`;
    const raw: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const r = spawnSync('nft', ['-f', '-'], { input: script });
      if (r.status !== 0) throw new Error(`nft: ${r.stderr.toString()}`);
      raw.push(performance.now() - t);
    }

    const trivial: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      spawnSync('nft', ['-f', '-'], { input: `add table ip ${table}\n` });
      trivial.push(performance.now() - t);
    }

    console.log(`service proxy: ${serviceCount + 1} NodePort Services, ${rules} rules in table ${table}`);
    console.log(summary('EndpointSlice update → rule in kernel', latency));
    console.log(summary('  of which the API update request', apiLatency));
    console.log(summary('baseline: bare nft -f of the table', raw));
    console.log(summary('baseline: nft -f of one no-op', trivial));
    console.log(`ratio (p50): ${(pct(latency, 50) / pct(raw, 50)).toFixed(2)}x the bare nft apply; goal p95 < 100 ms: ${pct(latency, 95) < 100 ? 'met' : 'NOT met'}`);
  } finally {
    monitor.kill();
    await server.stop();
    await server.cleanup();
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
