/**
 * Small process helpers for the runc runtime: run a command and collect its output, check
 * whether a PID is still the process we started, and wait.
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** The outcome of {@link runCommand}. */
export interface CommandResult {
  code: number;
  /** The signal that killed the command, if any. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `cmd args…` to completion and collects its output (never throws for a non-zero exit;
 * rejects only when the command cannot be spawned or exceeds `timeoutMs`, after killing it).
 */
export function runCommand(
  cmd: string,
  args: readonly string[],
  options: { input?: string | Buffer; timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const spawnOptions: SpawnOptions = { stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd, env: options.env };
    const child = spawn(cmd, args, spawnOptions);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${cmd} ${args.join(' ')}: timed out after ${options.timeoutMs} ms`));
      }, options.timeoutMs);
    }
    child.once('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        code: code ?? -1,
        signal,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      });
    });
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input);
  });
}

/** The start time of a process (field 22 of /proc/PID/stat, in clock ticks since boot), or undefined if it is gone. */
export async function processStartTime(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state); field 22 is rest[19]. A zombie counts as gone.
    if (rest[0] === 'Z' || rest[0] === 'X') return undefined;
    return rest[19];
  } catch {
    return undefined;
  }
}

/** True if `pid` is alive and (when given) still has `startTime`, i.e. was not recycled. */
export async function isProcessAlive(pid: number | undefined, startTime?: string): Promise<boolean> {
  if (!pid || pid <= 0) return false;
  const st = await processStartTime(pid);
  if (st === undefined) return false;
  return startTime === undefined || st === startTime;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Quotes a string for a POSIX shell command line. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A per-key mutex: operations on one container or sandbox run one at a time. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `fn` once every earlier `run` for `key` has settled. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = prev.then(() => mine);
    this.tails.set(key, tail);
    await prev;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
