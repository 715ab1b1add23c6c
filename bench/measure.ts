/** What every benchmark measures with: percentiles, medians, timing, running a tool. */
import { spawn } from 'node:child_process';

/** The p-th percentile (nearest rank) of the samples. */
export function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** The median of the samples. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Milliseconds `fn` takes. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Runs a command to completion (arguments as an array, never a shell string) and resolves with
 * its stdout. A detached container (`runc run -d`) would hold piped stdio open, so it gets none.
 */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const detached = args.includes('-d');
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: detached ? 'ignore' : ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`))));
  });
}
