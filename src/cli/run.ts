import type { Command } from './command.js';
import { connectionFlags, makeContext } from './command.js';
import { formatError } from './errors.js';
import { flagsHelp, parseFlags } from './flags.js';
import { ExitError, type CliIo } from './io.js';
import { clientCommands } from './commands/index.js';

/** The `--help` text of a command: description, examples, flags, usage (kubectl's layout). */
export function commandHelp(cmd: Command): string {
  const flags = cmd.client === false ? cmd.flags : [...cmd.flags, ...connectionFlags];
  return `${cmd.description}\n\nExamples:\n${cmd.examples}\n\nOptions:\n${flagsHelp(flags)}\nUsage:\n  ${cmd.usage}\n`;
}

/** Looks up a client command by name. */
export function findCommand(name: string): Command | undefined {
  return clientCommands.find((c) => c.name === name);
}

/**
 * Runs one client command (`get`, `apply`, `up`, …) and returns its exit code. Errors print
 * like kubectl's and exit 1.
 */
export async function runCommand(cmd: Command, argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    const dd = argv.indexOf('--');
    const helpAt = Math.max(argv.indexOf('--help'), argv.indexOf('-h'));
    if (dd < 0 || helpAt < dd) {
      io.stdout.write(commandHelp(cmd));
      return 0;
    }
  }
  try {
    const specs = cmd.client === false ? cmd.flags : [...cmd.flags, ...connectionFlags];
    const args = parseFlags(argv, specs);
    const ctx = makeContext(io, args);
    try {
      return await cmd.run(ctx);
    } finally {
      await ctx.dispose();
    }
  } catch (err) {
    io.stderr.write(formatError(err) + '\n');
    if (err instanceof ExitError) return err.exitCode;
    if (err && (err as Error).name === 'FlagError') io.stderr.write(`See 'podyard ${cmd.name} --help' for usage.\n`);
    return 1;
  }
}
