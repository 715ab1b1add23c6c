/**
 * Image benchmark (issue #5): how long until an image's layers are unpacked and ready for a
 * container, Podyard against skopeo + umoci and podman, all measured in this run.
 *
 *   npm run build && node dist/bench/images.js [--runs 3] [--images nginx,python,debian]
 *
 * (a) pull: Debian's docker-registry on 127.0.0.1 (test/helpers/registry.ts) holds the test
 *     images. Podyard, twice: in process (what a pod waits for in a running server: the node
 *     agent's RegistryPuller, then the store unpacks the layers as the first container does,
 *     `ImageStore.layerPaths`), and as the `podyard image pull` command (a process like the
 *     baselines, so its start-up counts) followed by the same unpack. Baselines: `skopeo copy
 *     docker://… oci:DIR` + `umoci unpack`, and `podman pull` into a scratch `--root` (which
 *     extracts the layers into its overlay storage).
 * (b) load: Podyard's archive loader (in process, and `podyard image load`) of the docker
 *     archive, then the unpack, against `podman load` of the same archive into a scratch `--root`.
 * Every run starts from an empty store; the tools take turns within a run so a busy machine
 * slows them alike. Medians; ratios < 1 mean Podyard is faster. podman runs with
 * podman-baseline.md's containers.conf and is skipped with a note when not installed.
 * Run as root, ideally on an otherwise idle machine.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ImageStore, RegistryPuller } from '../src/images/index.js';
import { imageCache } from '../test/helpers/images.js';
import { podyardBin } from '../test/helpers/podyard.js';
import { pushTestImages, registryTestsUnavailable, startRegistry } from '../test/helpers/registry.js';
import { median, run, timed } from './measure.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, images: { type: 'string', default: 'nginx,python,debian' } } });
const runs = Number(values.runs);
const images = values.images.split(',').filter(Boolean);

interface Entry {
  name: string;
  /** The registry path pushed (`library/nginx:latest`). */
  path: string;
  /** The name inside the docker archive (`docker.io/library/nginx:latest`). */
  ref: string;
  dockerArchive: string;
  archiveBytes: number;
}

async function entries(): Promise<Entry[]> {
  const doc = JSON.parse(await readFile(join(imageCache, 'manifest.json'), 'utf8')) as { images: { name: string; names: string[]; dockerArchive: string | null }[] };
  const out: Entry[] = [];
  for (const name of images) {
    const e = doc.images.find((i) => i.name === name);
    if (!e?.dockerArchive) throw new Error(`test image ${name} has no docker archive: run test/images/build.sh`);
    const ref = e.names.find((n) => n.startsWith('docker.io/'))!;
    out.push({ name, ref, path: ref.slice('docker.io/'.length), dockerArchive: e.dockerArchive, archiveBytes: (await stat(e.dockerArchive)).size });
  }
  return out;
}

/** Timings of one tool on one image: the fetch/load step and the unpack step (0 when the tool does both at once). */
interface Timing {
  fetch: number;
  unpack: number;
}

/** `podyard image pull|load` (the CLI, a process like the others), then the store's unpack of every layer. */
async function podyard(scratch: string, args: string[], ref: string): Promise<Timing> {
  const dataDir = await mkdtemp(join(scratch, 'podyard-'));
  try {
    const fetch = await timed(() => run(process.execPath, [podyardBin, 'image', ...args, '--data-dir', dataDir]));
    const store = await ImageStore.open(join(dataDir, 'images'));
    try {
      const record = store.get(ref);
      const unpack = await timed(() => store.layerPaths(record));
      return { fetch, unpack };
    } finally {
      store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The same in process: `fetch` is RegistryPuller.pull (`pull`) or ImageStore.load (`load`). */
async function podyardInProcess(scratch: string, how: { pull: string } | { load: string; ref: string }): Promise<Timing> {
  const dir = await mkdtemp(join(scratch, 'podyard-'));
  const store = await ImageStore.open(join(dir, 'images'));
  try {
    let ref = '';
    const fetch = await timed(async () => {
      if ('pull' in how) ref = (await new RegistryPuller({ store }).pull(how.pull)).reference;
      else {
        await store.load(how.load);
        ref = how.ref;
      }
    });
    const unpack = await timed(() => store.layerPaths(store.get(ref)));
    return { fetch, unpack };
  } finally {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** `skopeo copy docker://… oci:DIR:TAG` then `umoci unpack` into a bundle. */
async function skopeoUmoci(scratch: string, host: string, path: string): Promise<Timing> {
  const dir = await mkdtemp(join(scratch, 'skopeo-'));
  try {
    const fetch = await timed(() => run('skopeo', ['copy', '--quiet', '--src-tls-verify=false', `docker://${host}/${path}`, `oci:${join(dir, 'layout')}:bench`]));
    const unpack = await timed(() => run('umoci', ['unpack', '--image', `${join(dir, 'layout')}:bench`, join(dir, 'bundle')]));
    return { fetch, unpack };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** podman with a scratch store and podman-baseline.md's containers.conf. */
async function podmanIn(scratch: string, fn: (podman: (args: string[]) => Promise<string>) => Promise<number>): Promise<Timing> {
  const dir = await mkdtemp(join(scratch, 'podman-'));
  const nofile = (await run('sh', ['-c', 'ulimit -Hn'])).trim();
  const pidMax = (await readFile('/proc/sys/kernel/pid_max', 'utf8')).trim();
  const conf = join(dir, 'containers.conf');
  await writeFile(conf, `[containers]\ndefault_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${pidMax}:${pidMax}"]\n[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n`);
  const env = { ...process.env, CONTAINERS_CONF: conf };
  const podman = (args: string[]) => run('podman', ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), ...args], env);
  try {
    return { fetch: await fn(podman), unpack: 0 };
  } finally {
    await podman(['rmi', '-af']).catch(() => undefined);
    await run('umount', ['-R', join(dir, 'root', 'overlay')]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

async function podmanAvailable(): Promise<string | undefined> {
  try {
    await run('podman', ['--version']);
    return undefined;
  } catch {
    return 'podman is not installed (apt-get install podman)';
  }
}

const total = (t: Timing) => t.fetch + t.unpack;
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

function summary(ts: Timing[]): { fetch: number; unpack: number; total: number } {
  return { fetch: median(ts.map((t) => t.fetch)), unpack: median(ts.map((t) => t.unpack)), total: median(ts.map(total)) };
}

async function main(): Promise<void> {
  const unavailable = registryTestsUnavailable(images);
  if (unavailable) throw new Error(unavailable);
  for (const tool of ['skopeo', 'umoci']) await run(tool, ['--version']);
  const noPodman = await podmanAvailable();
  const list = await entries();
  const scratch = await mkdtemp(join(tmpdir(), 'podyard-bench-images-'));
  const load0 = loadavg()[0]!;
  console.error('starting docker-registry and pushing the test images …');
  const registry = await startRegistry({ storageDir: join(scratch, 'registry') });
  try {
    await pushTestImages(registry.host, images);
    const pull = new Map<string, { inProcess: Timing[]; podyard: Timing[]; skopeo: Timing[]; podman: Timing[] }>();
    const load = new Map<string, { inProcess: Timing[]; podyard: Timing[]; podman: Timing[] }>();
    for (const e of list) {
      pull.set(e.name, { inProcess: [], podyard: [], skopeo: [], podman: [] });
      load.set(e.name, { inProcess: [], podyard: [], podman: [] });
    }
    // One unmeasured round warms the page cache (archives, registry storage) for every tool.
    for (let round = -1; round < runs; round++) {
      console.error(round < 0 ? 'warm-up round …' : `round ${round + 1}/${runs} …`);
      for (const e of list) {
        const ref = `${registry.host}/${e.path}`;
        const p = pull.get(e.name)!;
        const l = load.get(e.name)!;
        const ip = await podyardInProcess(scratch, { pull: ref });
        const py = await podyard(scratch, ['pull', '-q', ref], ref);
        const sk = await skopeoUmoci(scratch, registry.host, e.path);
        const pm = noPodman ? undefined : await podmanIn(scratch, (podman) => timed(() => podman(['pull', '-q', '--tls-verify=false', `docker://${ref}`])));
        const ipLoad = await podyardInProcess(scratch, { load: e.dockerArchive, ref: e.ref });
        const pyLoad = await podyard(scratch, ['load', e.dockerArchive], e.ref);
        const pmLoad = noPodman ? undefined : await podmanIn(scratch, (podman) => timed(() => podman(['load', '-q', '-i', e.dockerArchive])));
        if (round < 0) continue;
        p.inProcess.push(ip);
        p.podyard.push(py);
        p.skopeo.push(sk);
        if (pm) p.podman.push(pm);
        l.inProcess.push(ipLoad);
        l.podyard.push(pyLoad);
        if (pmLoad) l.podman.push(pmLoad);
      }
    }
    const load1 = loadavg()[0]!;
    console.log(`Image benchmark: medians of ${runs} runs, each from an empty store; load average ${load0.toFixed(1)} → ${load1.toFixed(1)}`);
    console.log('');
    console.log('(a) pull from docker-registry on 127.0.0.1 → layers unpacked, ready for a container');
    for (const e of list) {
      const p = pull.get(e.name)!;
      const ip = summary(p.inProcess);
      const py = summary(p.podyard);
      const sk = summary(p.skopeo);
      console.log(`${e.name} (${mb(e.archiveBytes)} uncompressed)`);
      console.log(`  Podyard in process  ${ms(ip.fetch)} + unpack       ${ms(ip.unpack)} = ${ms(ip.total)}`);
      console.log(`  podyard image pull  ${ms(py.fetch)} + unpack       ${ms(py.unpack)} = ${ms(py.total)}`);
      console.log(`  skopeo copy         ${ms(sk.fetch)} + umoci unpack ${ms(sk.unpack)} = ${ms(sk.total)}`);
      if (noPodman) console.log(`  podman pull         skipped: ${noPodman}`);
      else console.log(`  podman pull (fetch and extract)                      = ${ms(summary(p.podman).total)}`);
      const ratios = [`in process / skopeo+umoci ${(ip.total / sk.total).toFixed(2)}`, `command / skopeo+umoci ${(py.total / sk.total).toFixed(2)}`];
      if (!noPodman) ratios.push(`in process / podman pull ${(ip.total / summary(p.podman).total).toFixed(2)}`, `command / podman pull ${(py.total / summary(p.podman).total).toFixed(2)}`);
      console.log(`  ratios: ${ratios.join(', ')}`);
    }
    console.log('');
    console.log('(b) load the docker archive → layers unpacked');
    for (const e of list) {
      const l = load.get(e.name)!;
      const ip = summary(l.inProcess);
      const py = summary(l.podyard);
      console.log(`${e.name} (${mb(e.archiveBytes)})`);
      console.log(`  Podyard in process  ${ms(ip.fetch)} + unpack       ${ms(ip.unpack)} = ${ms(ip.total)}`);
      console.log(`  podyard image load  ${ms(py.fetch)} + unpack       ${ms(py.unpack)} = ${ms(py.total)}`);
      if (noPodman) console.log(`  podman load         skipped: ${noPodman}`);
      else {
        const pm = summary(l.podman);
        console.log(`  podman load (load and extract)                       = ${ms(pm.total)}`);
        console.log(`  ratios: in process / podman load ${(ip.total / pm.total).toFixed(2)}, command / podman load ${(py.total / pm.total).toFixed(2)} (load step alone ${(py.fetch / pm.total).toFixed(2)})`);
      }
    }
  } finally {
    await registry.stop();
    await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}

await main();
