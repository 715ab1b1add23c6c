/** What a CLI command may touch of its process: streams, environment and identity. */
import type { Readable, Writable } from 'node:stream';
import type { PullImagesFn } from './pull-progress.js';

/** A terminal-capable output stream (process.stdout). */
export type Output = Writable & { isTTY?: boolean; columns?: number; rows?: number };

/** A terminal-capable input stream (process.stdin). */
export type Input = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/**
 * The process-facing dependencies of every command. `src/cmd` fills it from `process`; tests
 * may fill it with their own streams.
 */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  stdin: Input;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The data dir `podyard server` uses when given none (flags.ts), e.g. `/var/lib/podyard`. */
  defaultDataDir: string;
  /** How to run this binary again: `[node, /path/to/podyard.js]` (for `up`'s embedded server). */
  self: string[];
  /** Registers a signal handler; returns the function that removes it. */
  onSignal(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGWINCH', handler: () => void): () => void;
  /** Pulls images into a data dir's image store (`up` shows the progress); `src/cmd` wires it, tests may leave it out. */
  pullImages?: PullImagesFn;
}

/** A command's failure with the exit code to return (kubectl: 1, usage errors too). */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
