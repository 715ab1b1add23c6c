import type { Command, CommandContext } from '../command.js';
import { flagBool, flagString, flagStrings } from '../command.js';
import { applyOne } from '../apply.js';
import { formatError } from '../errors.js';
import { ExitError } from '../io.js';
import { readManifests } from '../manifests.js';
import { parseOutput, printObjects } from '../printers.js';

/** `podyard apply -f`: kubectl's client-side apply. */
export const applyCommand: Command = {
  name: 'apply',
  summary: 'Apply a configuration to a resource by file name or stdin',
  usage: 'podyard apply (-f FILENAME) [flags]',
  description:
    'Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn\'t exist yet. JSON and YAML formats are accepted.\n\nLike kubectl, the applied manifest is kept in the kubectl.kubernetes.io/last-applied-configuration annotation, so kubectl and podyard can apply the same objects in turn.',
  examples: `  # Apply the configuration in pod.yaml to a pod
  podyard apply -f ./pod.yaml

  # Apply every manifest of a directory
  podyard apply -f examples/

  # Apply the JSON passed into stdin to a pod
  cat pod.json | podyard apply -f -`,
  flags: [
    { name: 'filename', short: 'f', type: 'strings', help: 'The files that contain the configurations to apply.' },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name).' },
    { name: 'validate', type: 'string', help: 'Accepted for kubectl compatibility; the server always validates.', hidden: true },
  ],
  run: runApply,
};

async function runApply(ctx: CommandContext): Promise<number> {
  const files = flagStrings(ctx.args, 'filename');
  if (files.length === 0) throw new ExitError('error: must specify one of -f and -k');
  const output = flagString(ctx.args, 'output');
  const format = output ? parseOutput(output) : undefined;
  const manifests = await readManifests(files, { cwd: ctx.io.cwd, stdin: ctx.io.stdin, recursive: flagBool(ctx.args, 'recursive') });
  const session = await ctx.session();
  let failed = false;
  for (const m of manifests) {
    try {
      const { result, name, object } = await applyOne(session, m);
      if (format) ctx.out(printObjects([object], format, () => undefined, true));
      else ctx.out(`${name} ${result}\n`);
    } catch (err) {
      if (err instanceof ExitError) throw err;
      ctx.err(formatError(err) + '\n');
      failed = true;
    }
  }
  return failed ? 1 : 0;
}
