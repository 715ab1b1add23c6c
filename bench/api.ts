/**
 * API server benchmark (issue #3): create, get and list latency percentiles with 1,000 pods,
 * watch-delivery latency and write throughput against a real `podyard server`, with raw
 * better-sqlite3 write throughput on the same disk, measured in the same run, as the ceiling.
 *
 *   npm run build && node dist/bench/api.js [--pods 1000] [--concurrency 16]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ApiClient, HttpTransport, loadKubeconfig, Resources } from '../src/client/index.js';
import { startPodyard } from '../test/helpers/podyard.js';
import { pct } from './measure.js';

const { values } = parseArgs({ options: { pods: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '16' } } });
const podCount = Number(values.pods);
const concurrency = Number(values.concurrency);

function summary(name: string, samples: number[]): string {
  const f = (n: number) => n.toFixed(2).padStart(8);
  return `${name.padEnd(28)} p50 ${f(pct(samples, 50))} ms  p95 ${f(pct(samples, 95))} ms  p99 ${f(pct(samples, 99))} ms  (n=${samples.length})`;
}

function pod(i: number): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `bench-${i}`, labels: { app: 'bench', shard: String(i % 10) } },
    spec: {
      // Bound to a node that does not exist: this measures the API, not the node agent starting pods.
      nodeName: 'api-bench-no-node',
      containers: [
        { name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] },
        { name: 'writer', image: 'debian', command: ['/bin/sh', '-c'], args: ['while true; do date >> /html/index.html; sleep 1; done'] },
      ],
      volumes: [{ name: 'html', emptyDir: {} }],
    },
  };
}

function rawSqliteWritesPerSecond(dir: string, n: number): number {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE kv (id INTEGER PRIMARY KEY, name TEXT, value BLOB)');
  const insert = db.prepare('INSERT INTO kv (name, value) VALUES (?, ?)');
  const value = JSON.stringify(pod(0)).repeat(2);
  const start = performance.now();
  for (let i = 0; i < n; i++) insert.run(`/registry/pods/default/raw-${i}`, value);
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return n / seconds;
}

async function main(): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'podyard-bench-'));
  const server = await startPodyard({ dataDir: join(scratch, 'data') });
  const client = new ApiClient(new HttpTransport(await loadKubeconfig(server.kubeconfig)));
  try {
    // Watch delivery: time from the start of a create to the ADDED event arriving.
    const abort = new AbortController();
    const sentAt = new Map<string, number>();
    const delivery: number[] = [];
    const list0 = await client.list(Resources.pods, 'default');
    const watching = (async () => {
      for await (const ev of client.watch(Resources.pods, 'default', { resourceVersion: list0.metadata.resourceVersion }, abort.signal)) {
        const t = sentAt.get(ev.object.metadata.name!);
        if (ev.type === 'ADDED' && t !== undefined) delivery.push(performance.now() - t);
      }
    })();

    const createLatency: number[] = [];
    const startAll = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < podCount) {
          const i = next++;
          const t0 = performance.now();
          sentAt.set(`bench-${i}`, t0);
          await client.create(Resources.pods, 'default', pod(i) as never);
          createLatency.push(performance.now() - t0);
        }
      }),
    );
    const createSeconds = (performance.now() - startAll) / 1000;
    while (delivery.length < podCount) await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    await watching;

    const getLatency: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await client.get(Resources.pods, 'default', `bench-${(i * 7) % podCount}`);
      getLatency.push(performance.now() - t0);
    }
    const listLatency: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const l = await client.list(Resources.pods, 'default');
      if (l.items.length !== podCount) throw new Error(`listed ${l.items.length} pods`);
      listLatency.push(performance.now() - t0);
    }
    const rawRate = rawSqliteWritesPerSecond(scratch, podCount);
    const apiRate = podCount / createSeconds;

    console.log(`Podyard API benchmark: ${podCount} two-container pods, ${concurrency} concurrent clients`);
    console.log(summary('create', createLatency));
    console.log(summary('get', getLatency));
    console.log(summary(`list (${podCount} pods)`, listLatency));
    console.log(summary('watch delivery', delivery));
    console.log(`write throughput              API ${apiRate.toFixed(0)} creates/s; raw better-sqlite3 ${rawRate.toFixed(0)} inserts/s (same disk, WAL, synchronous=NORMAL as the store)`);
    console.log(`ratio                         API / raw sqlite = ${(apiRate / rawRate).toFixed(3)}`);
  } finally {
    client.transport.close();
    await server.stop();
    await server.cleanup();
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
