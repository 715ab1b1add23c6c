import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Command, CommandContext } from '../command.js';
import { flagBool, flagString } from '../command.js';
import { dataDirOf } from '../connect.js';
import { ExitError } from '../io.js';

/** `podyard kubeconfig [--merge]`: print or merge the admin kubeconfig of the server. */
export const kubeconfigCommand: Command = {
  name: 'kubeconfig',
  summary: 'Print the admin kubeconfig, or merge it into ~/.kube/config as the "podyard" context',
  usage: 'podyard kubeconfig [--merge] [--context-name NAME] [--data-dir DIR]',
  description:
    'Print the admin kubeconfig the server wrote into its data dir. With --merge, add it to $KUBECONFIG (its first file) or ~/.kube/config under a "podyard" context and make that context current, so the real kubectl works with no flags. Entries of the same name are replaced; other clusters stay.',
  examples: `  # Use the real kubectl with the local Podyard server
  podyard kubeconfig --merge
  kubectl get pods

  # Print the kubeconfig of a server with another data dir
  podyard kubeconfig --data-dir /tmp/p1 > p1.kubeconfig`,
  flags: [
    { name: 'merge', type: 'bool', help: 'Merge into $KUBECONFIG or ~/.kube/config and make the context current.' },
    { name: 'context-name', type: 'string', default: 'podyard', help: 'Name of the cluster, user (NAME-admin) and context entries written by --merge.' },
    { name: 'data-dir', type: 'string', help: 'The server\'s data dir (env PODYARD_DATA_DIR).' },
  ],
  client: false,
  run: runKubeconfig,
};

type Named = { name: string; [k: string]: unknown };

async function runKubeconfig(ctx: CommandContext): Promise<number> {
  const dataDir = dataDirOf({ ...(flagString(ctx.args, 'data-dir') ? { dataDir: flagString(ctx.args, 'data-dir')! } : {}) }, ctx.io);
  const source = join(dataDir, 'kubeconfig');
  if (!existsSync(source)) throw new ExitError(`error: ${source} does not exist: start the server with "podyard server --data-dir ${dataDir}" first`);
  const text = await readFile(source, 'utf8');
  if (!flagBool(ctx.args, 'merge')) {
    ctx.out(text);
    return 0;
  }
  const name = flagString(ctx.args, 'context-name') ?? 'podyard';
  const ours = parse(text) as { clusters: Named[]; users: Named[]; contexts: Named[] };
  const cluster = { ...ours.clusters[0]!, name };
  const user = { ...ours.users[0]!, name: `${name}-admin` };
  const context = { name, context: { ...(ours.contexts[0]!.context as object), cluster: name, user: `${name}-admin` } };
  const target = ctx.io.env.KUBECONFIG?.split(':').find(Boolean) ?? join(ctx.io.env.HOME ?? homedir(), '.kube', 'config');
  const doc = (existsSync(target) ? (parse(await readFile(target, 'utf8')) as Record<string, unknown> | null) : null) ?? { apiVersion: 'v1', kind: 'Config', preferences: {} };
  const upsert = (key: string, entry: Named) => {
    const list = (Array.isArray(doc[key]) ? (doc[key] as Named[]) : []).filter((e) => e.name !== entry.name);
    doc[key] = [...list, entry];
  };
  upsert('clusters', cluster);
  upsert('users', user);
  upsert('contexts', context);
  doc['current-context'] = name;
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  await writeFile(`${target}.podyard-tmp`, stringify(doc), { mode: 0o600 });
  await rename(`${target}.podyard-tmp`, target);
  ctx.out(`Merged "${name}" as current context in ${target}\n`);
  return 0;
}
