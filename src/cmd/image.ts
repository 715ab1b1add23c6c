import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from '../base/index.js';
import { errorMessage } from '../base/index.js';
import { ImageStore } from '../images/index.js';
import { serverFlags } from './flags.js';

const help = `Manage the images of a Podyard data dir (whether or not its server is running).

Usage:
  podyard image load [--data-dir DIR] FILE...   Load docker-archive or OCI archive tarballs
  podyard image ls   [--data-dir DIR]           List images with their sizes

Flags:
  --data-dir DIR   The server's data dir (env PODYARD_DATA_DIR, default "/var/lib/podyard")

Example:
  podman save -o nginx.tar docker.io/library/nginx:latest
  podyard image load --data-dir /tmp/p1 nginx.tar
`;

/** `podyard image …`: returns the exit code. */
export async function runImage(argv: string[], env: NodeJS.ProcessEnv, logger: Logger): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h' || rest.includes('--help')) {
    process.stdout.write(help);
    return sub ? 0 : 1;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { 'data-dir': { type: 'string' } }, allowPositionals: true, strict: true });
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
      case 'ls': {
        const rows = store.list().flatMap((img) =>
          (img.references.length ? img.references : ['<none>']).map((ref) => [ref, img.id.replace('sha256:', '').slice(0, 12), formatSize(img.size)]),
        );
        const widths = [0, 1, 2].map((i) => Math.max(...[['IMAGE', 'ID', 'SIZE'], ...rows].map((r) => r[i]!.length)));
        for (const r of [['IMAGE', 'ID', 'SIZE'], ...rows]) process.stdout.write(r.map((c, i) => c.padEnd(widths[i]! + 3)).join('').trimEnd() + '\n');
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

function formatSize(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)}GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)}MB`;
  return `${(bytes / 1e3).toFixed(1)}kB`;
}
