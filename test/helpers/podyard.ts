import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.js';
import { mirrorStorage, startMirror } from './mirror.js';

/** The repository root (tests run from dist/test/…). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The `podyard` entry point of the build this file belongs to (dist or a helper build), never another build's. */
export const podyardBin = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/cmd/entry.js');

/** A Podyard server started by a test. */
export interface TestPodyard {
  dataDir: string;
  kubeconfig: string;
  /** `https://127.0.0.1:PORT` */
  url: string;
  /** What the server printed (for failure dumps). */
  output(): string;
  /** SIGTERM, wait for exit; returns the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (a crash), wait for exit. */
  kill(): Promise<void>;
  /** Removes the data dir (after stop). */
  cleanup(): Promise<void>;
  process: ChildProcess;
}

/**
 * Starts `podyard server` on a free loopback port with a fresh (or the given) data dir and waits
 * until it has written its kubeconfig. Unless `mirror: false`, docker.io is mirrored by a local
 * registry holding the test images (test/images/mirror.sh), with no fallback to the internet, so
 * unmodified manifests run offline.
 */
export async function startPodyard(options: { dataDir?: string; args?: string[]; mirror?: boolean } = {}): Promise<TestPodyard> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'podyard-test-')));
  const kubeconfig = join(dataDir, 'kubeconfig');
  await rm(kubeconfig, { force: true });
  const storage = options.mirror === false ? undefined : mirrorStorage(repoRoot);
  const mirror = storage ? await startMirror(repoRoot, storage) : undefined;
  const mirrorArgs = mirror ? ['--registry-mirror', `docker.io=http://${mirror.host}`, '--registry-mirror-fallback', 'false'] : [];
  const child = spawn(process.execPath, [podyardBin, 'server', '--data-dir', dataDir, '--listen', '127.0.0.1:0', ...mirrorArgs, ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => void mirror?.stop());
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  await Promise.race([
    eventually(
      () => {
        if (!existsSync(kubeconfig)) throw new Error(`podyard wrote no kubeconfig:\n${out}`);
      },
      { timeoutMs: 20_000, intervalMs: 25 },
    ),
    exited.then((code) => {
      throw new Error(`podyard exited with ${code}:\n${out}`);
    }),
  ]);
  const url = /server: (\S+)/.exec(await readFile(kubeconfig, 'utf8'))![1]!;
  return {
    dataDir,
    kubeconfig,
    url,
    process: child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    async cleanup() {
      // Containers, mounts and cgroups outlive the server by design: remove them first.
      await new Promise<void>((resolve) => {
        const r = spawn(process.execPath, [podyardBin, 'reset', '--data-dir', dataDir], { stdio: 'ignore' });
        r.on('exit', () => resolve());
      });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
