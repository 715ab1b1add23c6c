import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The real kubectl these machines have. */
export const kubectlPath = '/usr/bin/kubectl';

/** Result of one kubectl run. */
export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh discovery/HTTP cache per test process, so no run sees another's cached discovery. */
const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));

/** Runs the real kubectl against a kubeconfig, optionally feeding stdin. Never throws on exit codes. */
export function kubectl(kubeconfig: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectlPath, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, HOME: cacheDir, KUBECONFIG: kubeconfig },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Runs kubectl and asserts it succeeded; a failure's message carries kubectl's stderr and the
 * end of the server's log. Resolves with stdout.
 */
export async function kubectlOk(server: { kubeconfig: string; output(): string }, args: string[], input?: string): Promise<string> {
  const r = await kubectl(server.kubeconfig, args, input !== undefined ? { input } : {});
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}\n--- server log ---\n${server.output().slice(-3000)}`);
  return r.stdout;
}
