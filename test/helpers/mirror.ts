/**
 * A docker.io mirror for tests: Debian's docker-registry serving the storage that
 * test/images/mirror.sh filled with every test image under its Docker Hub path. A server started
 * with `--registry-mirror docker.io=http://<host>` runs unmodified manifests (`image: nginx`,
 * pull policy Always) offline, the way an air-gapped user would.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { eventually } from './eventually.js';

/** A running mirror. */
export interface TestMirror {
  /** `127.0.0.1:PORT` */
  host: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

/** The filled mirror storage of this checkout, or undefined when mirror.sh has not run. */
export function mirrorStorage(repoRoot: string): string | undefined {
  const dir = join(repoRoot, '.cache', 'mirror');
  return existsSync(join(dir, '.podyard-key')) ? dir : undefined;
}

/** Starts a registry over `storage` on a free loopback port. */
export async function startMirror(repoRoot: string, storage: string): Promise<TestMirror> {
  const host = `127.0.0.1:${await freePort()}`;
  const child = spawn('/usr/bin/bash', [join(repoRoot, 'test/images/mirror.sh'), '--serve', storage, host], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`mirror registry exited: ${err}`);
      if ((await status(`http://${host}/v2/`)) !== 200) throw new Error('mirror not answering yet');
    },
    { timeoutMs: 15_000, intervalMs: 50 },
  );
  return {
    host,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
