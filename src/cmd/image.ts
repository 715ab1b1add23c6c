import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from '../base/index.js';
import { errorMessage } from '../base/index.js';
import type { Secret } from '../apis/index.js';
import { hasCode, Resources, type ApiClient } from '../client/index.js';
import {
  credentialKeyHost,
  ImageStore,
  parseDockerConfig,
  parseReference,
  RegistryPuller,
  type PullProgress,
  type RegistryCredential,
  type RegistryHostsConfig,
} from '../images/index.js';
import { registryImagePuller, type ImagePuller } from '../node/index.js';
import { serverFlags } from './flags.js';

const help = `Manage the images of a Podyard data dir (whether or not its server is running).

Usage:
  podyard image load  [--data-dir DIR] FILE...      Load docker-archive or OCI archive tarballs
  podyard image pull  [--data-dir DIR] [flags] IMAGE...
                                                    Pull images from their registries
  podyard image ls    [--data-dir DIR] [-q]         List images with their sizes
  podyard image rm    [--data-dir DIR] IMAGE...     Remove image names (and images left unnamed)
  podyard image prune [--data-dir DIR] [--all]      Delete unnamed images (--all: every image no
                                                    container uses) and content nothing needs

Flags:
  --data-dir DIR                The server's data dir (env PODYARD_DATA_DIR, default "/var/lib/podyard")
  --creds USER:PASSWORD         (pull) Credentials for the image's registry
  --registry-mirror HOST=URL    (pull) Mirror for a registry host, tried first (repeatable)
  --insecure-registry HOST      (pull) Allow plain HTTP and unverified TLS for HOST (repeatable)
  --registry-auth-file FILE     (pull) Docker config.json with registry credentials
  --quiet                       (pull) Print only the image ID
  --all                         (prune) Every image no container uses, not only unnamed ones

Pulls use the registry settings the server last started with (mirrors, insecure registries,
credentials file), recorded in DIR/images/registries.json; flags given here add to them.
Images used by containers of the data dir (running or not) are never deleted.

Example:
  podman save -o nginx.tar docker.io/library/nginx:latest
  podyard image load --data-dir /tmp/p1 nginx.tar
  podyard image pull --data-dir /tmp/p1 --registry-mirror docker.io=http://127.0.0.1:5000 busybox
`;

/** What `podyard server` records for `podyard image pull`: its registry settings. */
export interface RegistrySettings {
  hosts: RegistryHostsConfig;
  /** Docker config.json with node-level credentials, if any. */
  authFile?: string;
}

const settingsFile = (dataDir: string) => join(dataDir, 'images', 'registries.json');

/** Records the server's registry settings for the CLI (`<dataDir>/images/registries.json`). */
export async function writeRegistrySettings(dataDir: string, settings: RegistrySettings): Promise<void> {
  const path = settingsFile(dataDir);
  await writeFile(`${path}.tmp`, JSON.stringify(settings, null, 1) + '\n', { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}

/** The registry settings `podyard server` last recorded for `dataDir` (none when it never ran). */
export async function readRegistrySettings(dataDir: string): Promise<RegistrySettings> {
  try {
    return JSON.parse(await readFile(settingsFile(dataDir), 'utf8')) as RegistrySettings;
  } catch {
    return { hosts: {} };
  }
}

/** The node-level credentials file: the one given, else `<dataDir>/config.json` when present. */
export function registryAuthFile(dataDir: string, given: string): string | undefined {
  if (given) return given;
  const fallback = join(dataDir, 'config.json');
  return existsSync(fallback) ? fallback : undefined;
}

/** Reads a Docker config.json of node-level credentials (none when `path` is undefined). */
export async function loadNodeCredentials(path: string | undefined): Promise<Map<string, RegistryCredential>> {
  if (!path) return new Map();
  return parseDockerConfig(await readFile(path));
}

/**
 * The puller `podyard server` gives its node agent: the registry puller over the server's
 * image store, reading pods' imagePullSecrets through the API.
 */
export function kubeletImagePuller(deps: { puller: RegistryPuller; client: ApiClient; logger: Logger }): ImagePuller {
  return registryImagePuller({
    puller: deps.puller,
    logger: deps.logger,
    getSecret: async (namespace, name) => {
      try {
        return await deps.client.get<Secret>(Resources.secrets, namespace, name);
      } catch (err) {
        if (hasCode(err, 404)) return undefined;
        throw err;
      }
    },
  });
}

/**
 * Images the containers of a data dir use, from the runtime's records
 * (`<dataDir>/runtime/containers/<id>/record.json`): every container the runtime still has,
 * running or not, as the kubelet's image GC counts them.
 */
async function imagesInUse(dataDir: string): Promise<Set<string>> {
  const out = new Set<string>();
  const dir = join(dataDir, 'runtime', 'containers');
  for (const id of await readdir(dir).catch(() => [] as string[])) {
    try {
      const rec = JSON.parse(await readFile(join(dir, id, 'record.json'), 'utf8')) as { config?: { image?: { image?: string; imageRef?: string } } };
      if (rec.config?.image?.image) out.add(rec.config.image.image);
      if (rec.config?.image?.imageRef) out.add(rec.config.image.imageRef);
    } catch {
      // a half-created container: nothing recorded yet
    }
  }
  return out;
}

/** `podyard image …`: returns the exit code. */
export async function runImage(argv: string[], env: NodeJS.ProcessEnv, logger: Logger): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h' || rest.includes('--help')) {
    process.stdout.write(help);
    return sub ? 0 : 1;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        'data-dir': { type: 'string' },
        creds: { type: 'string' },
        'registry-mirror': { type: 'string', multiple: true },
        'insecure-registry': { type: 'string', multiple: true },
        'registry-auth-file': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        all: { type: 'boolean', short: 'a' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    process.stderr.write(`error: ${errorMessage(err)}\n`);
    return 2;
  }
  const dataDir = parsed.values['data-dir'] ?? env[serverFlags['data-dir'].env] ?? serverFlags['data-dir'].default;
  const store = await ImageStore.open(join(dataDir, 'images'), { logger });
  try {
    switch (sub) {
      case 'load': {
        if (parsed.positionals.length === 0) {
          process.stderr.write('error: image load needs at least one archive file\n');
          return 2;
        }
        for (const file of parsed.positionals) {
          const results = await store.load(file);
          for (const r of results) {
            process.stdout.write(
              `Loaded image ${r.references.join(', ') || r.id} (${r.newLayers} new, ${r.reusedLayers} existing layers)\n`,
            );
          }
        }
        return 0;
      }
      case 'pull': {
        if (parsed.positionals.length === 0) {
          process.stderr.write('error: image pull needs at least one image\n');
          return 2;
        }
        const settings = await readRegistrySettings(dataDir);
        const mirrors: Record<string, string[]> = {};
        for (const [host, urls] of Object.entries(settings.hosts.mirrors ?? {})) mirrors[host] = [...urls];
        for (const m of parsed.values['registry-mirror'] ?? []) {
          const eq = m.indexOf('=');
          if (eq <= 0) {
            process.stderr.write(`error: --registry-mirror: want HOST=URL, got "${m}"\n`);
            return 2;
          }
          (mirrors[m.slice(0, eq)] ??= []).unshift(m.slice(eq + 1));
        }
        const hosts: RegistryHostsConfig = {
          ...settings.hosts,
          mirrors,
          insecure: [...(settings.hosts.insecure ?? []), ...(parsed.values['insecure-registry'] ?? [])],
        };
        const authFile = parsed.values['registry-auth-file'] ?? settings.authFile ?? registryAuthFile(dataDir, '');
        const nodeCredentials = await loadNodeCredentials(authFile);
        const puller = new RegistryPuller({ store, logger }, { hosts, nodeCredentials });
        for (const image of parsed.positionals) {
          const credentials = new Map<string, RegistryCredential>();
          if (parsed.values.creds !== undefined) {
            const colon = parsed.values.creds.indexOf(':');
            const cred = colon < 0 ? { username: parsed.values.creds, password: '' } : { username: parsed.values.creds.slice(0, colon), password: parsed.values.creds.slice(colon + 1) };
            credentials.set(credentialKeyHost(parseReference(image).domain), cred);
          }
          const progress = parsed.values.quiet ? undefined : new PullProgressPrinter(image, process.stdout);
          const started = Date.now();
          const result = await puller.pull(image, { credentials, ...(progress ? { onProgress: (e) => progress.update(e) } : {}) });
          progress?.done();
          if (parsed.values.quiet) process.stdout.write(`${result.record.id}\n`);
          else {
            process.stdout.write(
              `Pulled ${result.reference} (image ID ${result.record.id}, ${formatSize(result.size)}; ${formatSize(result.bytesDownloaded)} downloaded, ${result.newLayers} new and ${result.reusedLayers} existing layers, ${((Date.now() - started) / 1000).toFixed(1)}s)\n`,
            );
          }
        }
        return 0;
      }
      case 'ls': {
        if (parsed.values.quiet) {
          for (const img of store.list()) process.stdout.write(`${img.id}\n`);
          return 0;
        }
        const rows = store.list().flatMap((img) =>
          (img.references.length ? img.references : ['<none>']).map((ref) => [ref, img.id.replace('sha256:', '').slice(0, 12), formatSize(img.size)]),
        );
        const widths = [0, 1, 2].map((i) => Math.max(...[['IMAGE', 'ID', 'SIZE'], ...rows].map((r) => r[i]!.length)));
        for (const r of [['IMAGE', 'ID', 'SIZE'], ...rows]) process.stdout.write(r.map((c, i) => c.padEnd(widths[i]! + 3)).join('').trimEnd() + '\n');
        return 0;
      }
      case 'rm': {
        if (parsed.positionals.length === 0) {
          process.stderr.write('error: image rm needs at least one image\n');
          return 2;
        }
        const inUse = await imagesInUse(dataDir);
        let code = 0;
        for (const ref of parsed.positionals) {
          try {
            const id = store.get(ref).id;
            const r = await store.remove(ref, { inUse });
            for (const name of r.untagged) process.stdout.write(`Untagged: ${name}\n`);
            for (const deleted of r.deleted) process.stdout.write(`Deleted: ${deleted}\n`);
            const left = store.resolve(id);
            if (left && left.references.length === 0) process.stdout.write(`Kept ${id}: a container uses it\n`);
          } catch (err) {
            process.stderr.write(`error: ${errorMessage(err)}\n`);
            code = 1;
          }
        }
        return code;
      }
      case 'prune': {
        const r = await store.prune(await imagesInUse(dataDir), { all: parsed.values.all ?? false });
        for (const id of r.deletedImages) process.stdout.write(`Deleted: ${id}\n`);
        process.stdout.write(`Total reclaimed space: ${formatSize(r.reclaimedBytes)}\n`);
        return 0;
      }
      default:
        process.stderr.write(`error: unknown command "image ${sub}"\n${help}`);
        return 2;
    }
  } catch (err) {
    process.stderr.write(`error: ${errorMessage(err)}\n`);
    return 1;
  } finally {
    store.close();
  }
}

/**
 * Pull progress: on a terminal one line rewritten in place (layers done, bytes); otherwise a
 * plain line per step (resolved, each layer finished), so logs stay readable.
 */
class PullProgressPrinter {
  private layers = new Map<string, { size: number; bytes: number; done: boolean }>();
  private lastDraw = 0;
  private readonly tty: boolean;

  constructor(
    private readonly image: string,
    private readonly out: NodeJS.WriteStream,
  ) {
    this.tty = out.isTTY === true;
  }

  update(e: PullProgress): void {
    switch (e.type) {
      case 'resolved':
        for (const l of e.layers) this.layers.set(l.digest, { size: l.size, bytes: l.present ? l.size : 0, done: false });
        if (!this.tty) {
          const total = e.layers.reduce((n, l) => n + l.size, 0);
          this.out.write(`Resolved ${e.reference} to ${e.digest} at ${e.endpoint} (${e.layers.length} layers, ${formatSize(total)})\n`);
        }
        break;
      case 'layer': {
        const l = this.layers.get(e.digest);
        if (l) l.bytes = e.bytes;
        break;
      }
      case 'layer-done': {
        const l = this.layers.get(e.digest);
        if (l) {
          l.done = true;
          l.bytes = l.size;
        }
        if (!this.tty) this.out.write(`Layer ${e.digest.slice(0, 19)}: ${e.downloaded ? `downloaded ${formatSize(e.size)}` : 'already present'}\n`);
        break;
      }
    }
    if (this.tty && (e.type !== 'layer' || Date.now() - this.lastDraw > 100)) this.draw();
  }

  private draw(): void {
    this.lastDraw = Date.now();
    const all = [...this.layers.values()];
    const done = all.filter((l) => l.done).length;
    const bytes = all.reduce((n, l) => n + l.bytes, 0);
    const total = all.reduce((n, l) => n + l.size, 0);
    this.out.write(`\r\x1b[2KPulling ${this.image}: ${done}/${all.length} layers, ${formatSize(bytes)}/${formatSize(total)}`);
  }

  done(): void {
    if (this.tty) this.out.write('\r\x1b[2K');
  }
}

function formatSize(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)}GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)}MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)}kB`;
  return `${bytes}B`;
}
