/**
 * Pod start benchmark (issue #4): how fast a two-container pod (busybox httpd + a date writer
 * sharing an emptyDir, podman-baseline.md's pod) is running under Podyard, against podman
 * `kube play` of the same manifest and bare runc, all measured in this run; plus how fast the
 * server answers after it starts and its idle memory.
 *
 *   npm run build && node dist/bench/pods.js [--runs 10]
 *
 * Baselines: `runc run` of one trivial container (the floor of any container start), three
 * detached `runc run -d` (a pause and two containers: the floor of a pod, without namespaces
 * shared, volumes, logs or status), and podman `kube play` (skipped with a note when podman is
 * not installed: `apt-get install podman`). Run as root on an otherwise idle machine.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Pod } from '../src/apis/index.js';
import { ApiClient, HttpTransport, loadKubeconfig, Resources } from '../src/client/index.js';
import { ensureBusyboxRootfs } from '../src/runtime/index.js';
import { startPodyard } from '../test/helpers/podyard.js';
import { median, run, timed } from './measure.js';
import { imageCache, loadTestImages } from '../test/helpers/images.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);

function manifest(i: number): Pod {
  const mount = [{ name: `html-${i}`, mountPath: '/html' }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `bench-${i}` },
    spec: {
      terminationGracePeriodSeconds: 0,
      containers: [
        { name: 'web', image: 'docker.io/library/busybox:latest', imagePullPolicy: 'IfNotPresent', command: ['httpd', '-f', '-p', '8080', '-h', '/html'], volumeMounts: mount },
        {
          name: 'writer',
          image: 'docker.io/library/busybox:latest',
          imagePullPolicy: 'IfNotPresent',
          command: ['sh', '-c', 'while true; do date >> /html/index.html; sleep 1; done'],
          volumeMounts: mount,
        },
      ],
      volumes: [{ name: `html-${i}`, emptyDir: {} }],
    },
  };
}

/** Bare runc: one `runc run` of `true`, and three `runc run -d` (pause + two containers). */
async function runcFloor(scratch: string): Promise<{ single: number[]; pod: number[] }> {
  const rootfs = await ensureBusyboxRootfs();
  if ('skip' in rootfs) throw new Error(`runc baseline: ${rootfs.skip}`);
  const root = join(scratch, 'runc-state');
  const bundle = async (name: string, args: string[]) => {
    const dir = join(scratch, 'bundles', name);
    await mkdir(dir, { recursive: true });
    await run('runc', ['spec', '--bundle', dir]);
    const spec = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { root: { path: string; readonly: boolean }; process: { terminal: boolean; args: string[] } };
    spec.root = { path: rootfs.rootfs, readonly: true };
    spec.process.terminal = false;
    spec.process.args = args;
    await writeFile(join(dir, 'config.json'), JSON.stringify(spec));
    return dir;
  };
  const once = await bundle('true', ['true']);
  const sleeper = await bundle('sleep', ['sleep', '3600']);
  const single: number[] = [];
  const pod: number[] = [];
  for (let i = 0; i < runs; i++) {
    single.push(await timed(() => run('runc', ['--root', root, 'run', '--bundle', once, `floor-${i}`])));
    const ids = ['pause', 'web', 'writer'].map((n) => `pod-${i}-${n}`);
    pod.push(await timed(async () => {
      for (const id of ids) await run('runc', ['--root', root, 'run', '-d', '--bundle', sleeper, id]);
    }));
    for (const id of ids) await run('runc', ['--root', root, 'kill', id, 'KILL']);
    for (const id of ids) {
      while (!(await run('runc', ['--root', root, 'state', id])).includes('"stopped"')) await new Promise((r) => setTimeout(r, 10));
      await run('runc', ['--root', root, 'delete', id]);
    }
  }
  return { single, pod };
}

/** podman `kube play` of the same pod (podman-baseline.md's configuration), or why not. */
async function podmanBaseline(scratch: string): Promise<{ start: number[]; down: number[] } | string> {
  try {
    await run('podman', ['--version']);
  } catch {
    return 'podman is not installed (apt-get install podman)';
  }
  const dir = join(scratch, 'podman');
  await mkdir(dir, { recursive: true });
  const nofile = (await run('sh', ['-c', 'ulimit -Hn'])).trim();
  const pidMax = (await readFile('/proc/sys/kernel/pid_max', 'utf8')).trim();
  const conf = join(dir, 'containers.conf');
  await writeFile(
    conf,
    `[containers]\ndefault_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${pidMax}:${pidMax}"]\n[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n`,
  );
  const env = { ...process.env, CONTAINERS_CONF: conf };
  const podman = (args: string[]) => run('podman', ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), ...args], env);
  await podman(['load', '-i', join(imageCache, 'busybox.docker.tar')]);
  const start: number[] = [];
  const down: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const file = join(dir, `pod-${i}.json`);
      await writeFile(file, JSON.stringify(manifest(i)));
      start.push(await timed(() => podman(['kube', 'play', file])));
      const ps = await podman(['ps', '--filter', `pod=bench-${i}`, '--format', '{{.Names}} {{.Status}}']);
      if ((ps.match(/ Up /g) ?? []).length < 3) throw new Error(`podman pod bench-${i} not running:\n${ps}`);
      down.push(await timed(() => podman(['kube', 'down', file])));
    }
  } finally {
    await podman(['pod', 'rm', '-af']).catch(() => undefined);
    await podman(['volume', 'prune', '-f']).catch(() => undefined);
    await podman(['rmi', '-af']).catch(() => undefined);
    await run('umount', ['-R', join(dir, 'root', 'overlay')]).catch(() => undefined);
  }
  return { start, down };
}

function rssMiB(pid: number): Promise<number> {
  return readFile(`/proc/${pid}/status`, 'utf8').then((s) => Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) / 1024);
}

/** Podyard: server start → answers, idle memory, then pods one after another: create → both containers running. */
async function podyard(scratch: string): Promise<{ answerMs: number; idleRss: number; start: number[]; down: number[]; loadedRss: number }> {
  const t0 = performance.now();
  const server = await startPodyard({ dataDir: join(scratch, 'podyard') });
  const client = new ApiClient(new HttpTransport(await loadKubeconfig(server.kubeconfig)));
  try {
    (await client.transport.open({ method: 'GET', path: '/readyz' })).resume();
    const answerMs = performance.now() - t0;
    await loadTestImages(server.dataDir, ['busybox']);
    await new Promise((r) => setTimeout(r, 5_000));
    const idleRss = await rssMiB(server.process.pid!);
    const start: number[] = [];
    const down: number[] = [];
    for (let i = 0; i < runs; i++) {
      const begin = performance.now();
      const created = await client.create(Resources.pods, 'default', manifest(i));
      const abort = new AbortController();
      for await (const ev of client.watch<Pod>(Resources.pods, 'default', { resourceVersion: created.metadata.resourceVersion!, fieldSelector: `metadata.name=bench-${i}` }, abort.signal)) {
        const cs = ev.object.status?.containerStatuses ?? [];
        if (cs.length === 2 && cs.every((c) => c.state?.running)) {
          abort.abort();
          break;
        }
      }
      start.push(performance.now() - begin);
    }
    const loadedRss = await rssMiB(server.process.pid!);
    for (let i = 0; i < runs; i++) {
      down.push(
        await timed(async () => {
          await client.delete(Resources.pods, 'default', `bench-${i}`, { gracePeriodSeconds: 0 });
          for (;;) {
            try {
              await client.get(Resources.pods, 'default', `bench-${i}`);
            } catch {
              return;
            }
            await new Promise((r) => setTimeout(r, 20));
          }
        }),
      );
    }
    return { answerMs, idleRss, start, down, loadedRss };
  } finally {
    client.transport.close();
    await server.stop();
    await server.cleanup();
  }
}

async function main(): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'podyard-bench-pods-'));
  const f = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
  try {
    console.error('measuring bare runc …');
    const floor = await runcFloor(scratch);
    console.error('measuring podman kube play …');
    const podman = await podmanBaseline(scratch);
    console.error('measuring Podyard …');
    const py = await podyard(scratch);
    const pyStart = median(py.start);
    console.log(`Pod start benchmark: busybox httpd + date writer sharing an emptyDir, ${runs} pods one after another (medians)`);
    console.log(`runc run (one container, create+start+exit+delete)   ${f(median(floor.single))}`);
    console.log(`runc run -d × 3 (pause + two containers, no sharing) ${f(median(floor.pod))}`);
    if (typeof podman === 'string') console.log(`podman kube play                                     skipped: ${podman}`);
    else {
      console.log(`podman kube play (until it returns, all running)     ${f(median(podman.start))}`);
      console.log(`podman kube down                                     ${f(median(podman.down))}`);
    }
    console.log(`Podyard create → both containers Running (watch)     ${f(pyStart)}`);
    console.log(`Podyard delete (grace 0) → gone from the API         ${f(median(py.down))}`);
    console.log(`Podyard server start → answers /readyz               ${f(py.answerMs)}`);
    console.log(`Podyard server RSS idle / with ${runs} pods              ${py.idleRss.toFixed(1)} MiB / ${py.loadedRss.toFixed(1)} MiB`);
    console.log('ratios');
    if (typeof podman !== 'string') console.log(`  Podyard / podman pod start                         ${(pyStart / median(podman.start)).toFixed(2)}`);
    console.log(`  Podyard pod start / runc 3-container floor         ${(pyStart / median(floor.pod)).toFixed(2)}`);
  } finally {
    await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}

await main();
