import type { Pod } from '../../apis/index.js';
import type { Command, CommandContext } from '../command.js';
import { bashCompletion, zshCompletion } from '../completion.js';
import { ExitError } from '../io.js';

/** Commands `podyard` has besides the client commands (they live in src/cmd). */
export const daemonCommands = ['server', 'image', 'reset', 'dashboard', 'version'];

/** `podyard completion bash|zsh`. */
export function completionCommand(all: () => Command[]): Command {
  return {
    name: 'completion',
    summary: 'Output shell completion code for the specified shell (bash or zsh)',
    usage: 'podyard completion SHELL',
    description: 'Output shell completion code for bash or zsh. Commands, flags, files, and names of resources on the server (pods, namespaces, containers of a pod) complete.',
    examples: `  # Load completion into the current bash shell
  source <(podyard completion bash)

  # Install it for every new bash
  podyard completion bash > /etc/bash_completion.d/podyard

  # Load completion into the current zsh
  source <(podyard completion zsh)`,
    flags: [],
    client: false,
    run: (ctx: CommandContext) => {
      const shell = ctx.args.positionals[0];
      if (shell === 'bash') ctx.out(bashCompletion(all(), daemonCommands));
      else if (shell === 'zsh') ctx.out(zshCompletion(all(), daemonCommands));
      else return Promise.reject(new ExitError(shell ? `error: Unsupported shell type "${shell}".` : 'error: Shell not specified.\nSee \'podyard completion -h\' for help and examples'));
      return Promise.resolve(0);
    },
  };
}

/** Hidden `podyard __complete TYPE` / `__complete containers POD`: names, one per line. */
export const completeCommand: Command = {
  name: '__complete',
  summary: 'Print resource names for shell completion',
  usage: 'podyard __complete TYPE | podyard __complete containers POD',
  description: 'Print the names of a resource type (or the containers of a pod), one per line, for the completion scripts.',
  examples: `  podyard __complete pods`,
  flags: [],
  run: async (ctx) => {
    const [type, pod] = ctx.args.positionals;
    if (!type) return 1;
    const session = await ctx.session();
    if (type === 'containers') {
      if (!pod) return 1;
      const p = await session.client.get<Pod>({ group: '', version: 'v1', resource: 'pods', namespaced: true }, session.namespace, pod);
      for (const c of [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? [])]) ctx.out(`${c.name}\n`);
      return 0;
    }
    const r = await session.resources.resolve(type);
    const list = await session.client.list(r, r.namespaced ? session.namespace : undefined);
    for (const o of list.items) ctx.out(`${o.metadata.name}\n`);
    return 0;
  },
};
