import type { ConnectionFlags, Session } from './connect.js';
import { connect } from './connect.js';
import type { FlagSpec, ParsedArgs } from './flags.js';
import type { CliIo } from './io.js';

/** What a command's `run` gets. */
export interface CommandContext {
  io: CliIo;
  args: ParsedArgs;
  connection: ConnectionFlags;
  /** Connects on first use (commands like `completion` never do). */
  session(): Promise<Session>;
  out(text: string): void;
  err(text: string): void;
  /** Closes the session's connections if one was opened. */
  dispose(): Promise<void>;
}

/** One `podyard` verb. */
export interface Command {
  name: string;
  /** One line for `podyard --help`. */
  summary: string;
  /** `podyard get [(-o|--output=)json|yaml|name|wide|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]` */
  usage: string;
  /** Longer description, paragraphs. */
  description: string;
  /** Lines of the Examples section (kubectl's layout: `  # comment` then `  podyard …`). */
  examples: string;
  flags: FlagSpec[];
  /** Whether the command talks to a server (gets the connection flags). Default true. */
  client?: boolean;
  run(ctx: CommandContext): Promise<number>;
}

/** The connection flags of client commands (kubectl's global flags, plus `--data-dir`). */
export const connectionFlags: FlagSpec[] = [
  { name: 'kubeconfig', type: 'string', help: 'Path to the kubeconfig file to use (default: <data-dir>/kubeconfig).' },
  { name: 'data-dir', type: 'string', help: 'The Podyard server\'s data dir whose kubeconfig to use (env PODYARD_DATA_DIR).' },
  { name: 'context', type: 'string', help: 'The name of the kubeconfig context to use.' },
  { name: 'namespace', short: 'n', type: 'string', help: 'If present, the namespace scope for this CLI request.' },
  { name: 'v', short: 'v', type: 'string', help: 'Log level (accepted for kubectl compatibility, ignored).', hidden: true },
  { name: 'request-timeout', type: 'string', help: 'Accepted for kubectl compatibility, ignored.', hidden: true },
  { name: 'cache-dir', type: 'string', help: 'Accepted for kubectl compatibility, ignored.', hidden: true },
];

/** Builds the context of one command run. */
export function makeContext(io: CliIo, args: ParsedArgs): CommandContext {
  const str = (k: string) => (typeof args.values[k] === 'string' ? (args.values[k]) : undefined);
  const connection: ConnectionFlags = {};
  const kubeconfig = str('kubeconfig');
  const dataDir = str('data-dir');
  const context = str('context');
  const namespace = str('namespace');
  if (kubeconfig) connection.kubeconfig = kubeconfig;
  if (dataDir) connection.dataDir = dataDir;
  if (context) connection.context = context;
  if (namespace) connection.namespace = namespace;
  let session: Promise<Session> | undefined;
  return {
    io,
    args,
    connection,
    session: () => (session ??= connect(connection, io)),
    out: (t) => io.stdout.write(t),
    err: (t) => io.stderr.write(t),
    dispose: async () => {
      if (session) await session.then((s) => s.close()).catch(() => undefined);
    },
  };
}

/** Typed accessors over parsed flag values. */
export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
/** A boolean flag's value. */
export function flagBool(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
/** An int flag's value. */
export function flagInt(args: ParsedArgs, name: string): number | undefined {
  const v = args.values[name];
  return typeof v === 'number' ? v : undefined;
}
/** A string-array flag's value. */
export function flagStrings(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v : [];
}

/** Parses a Go duration (`30s`, `1m30s`, `2h`, `500ms`) in milliseconds; undefined when invalid. */
export function parseDuration(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
    consumed += m[0].length;
  }
  return consumed === s.length && s.length > 0 ? total : undefined;
}
