import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { KubeObject } from '../../apis/index.js';
import type { Command, CommandContext } from '../command.js';
import { flagBool, flagString, flagStrings } from '../command.js';
import { manifestNamespace, withSource } from '../apply.js';
import { formatError } from '../errors.js';
import { ExitError } from '../io.js';
import { readManifests } from '../manifests.js';
import { parseOutput, printObjects } from '../printers.js';
import { typePrefix } from '../resources.js';

/** `podyard create -f FILE`, `create namespace NAME`, `create configmap NAME --from-…`. */
export const createCommand: Command = {
  name: 'create',
  summary: 'Create a resource from a file or from stdin',
  usage: 'podyard create -f FILENAME | podyard create namespace NAME | podyard create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1]',
  description: 'Create a resource from a file or from stdin. JSON and YAML formats are accepted.\n\nAlso: "create namespace NAME" and "create configmap NAME --from-file/--from-literal".',
  examples: `  # Create a pod using the data in pod.yaml
  podyard create -f ./pod.yaml

  # Create a namespace named dev
  podyard create namespace dev

  # Create a config map from a file, with the file name as key
  podyard create configmap nginx-conf --from-file=nginx.conf`,
  flags: [
    { name: 'filename', short: 'f', type: 'strings', help: 'Filename, directory, or URL to files to use to create the resource.' },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name).' },
    { name: 'from-file', type: 'strings', help: 'configmap: key file can be specified using its file path, in which case file basename will be used as configmap key.' },
    { name: 'from-literal', type: 'strings', help: 'configmap: specify a key and literal value to insert in configmap (i.e. mykey=somevalue).' },
    { name: 'validate', type: 'string', help: 'Accepted for kubectl compatibility.', hidden: true },
    { name: 'save-config', type: 'bool', help: 'Accepted for kubectl compatibility.', hidden: true },
  ],
  run: runCreate,
};

async function runCreate(ctx: CommandContext): Promise<number> {
  const files = flagStrings(ctx.args, 'filename');
  const output = flagString(ctx.args, 'output');
  const format = output ? parseOutput(output) : undefined;
  const session = await ctx.session();
  const [sub, name] = ctx.args.positionals;
  if (files.length === 0) {
    if (!sub) throw new ExitError('error: must specify one of -f and -k');
    if (!name) throw new ExitError(`error: exactly one NAME is required, got 0`);
    let obj: KubeObject;
    let resource;
    if (sub === 'namespace' || sub === 'ns') {
      obj = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
      resource = await session.resources.resolve('namespaces');
    } else if (sub === 'configmap' || sub === 'cm') {
      const data: Record<string, string> = {};
      for (const lit of flagStrings(ctx.args, 'from-literal')) {
        const eq = lit.indexOf('=');
        if (eq <= 0) throw new ExitError(`error: invalid literal source ${lit}, expected key=value`);
        data[lit.slice(0, eq)] = lit.slice(eq + 1);
      }
      for (const f of flagStrings(ctx.args, 'from-file')) {
        const eq = f.indexOf('=');
        const key = eq > 0 ? f.slice(0, eq) : basename(f);
        data[key] = await readFile(resolve(ctx.io.cwd, eq > 0 ? f.slice(eq + 1) : f), 'utf8');
      }
      obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: session.namespace }, data } as KubeObject;
      resource = await session.resources.resolve('configmaps');
    } else {
      throw new ExitError(`error: unknown command "${sub}" for "podyard create"`);
    }
    const created = await session.client.create(resource, resource.namespaced ? session.namespace : undefined, obj, 'kubectl-create');
    ctx.out(format ? printObjects([created], format, () => resource, true) : `${typePrefix(resource)}/${name} created\n`);
    return 0;
  }
  const manifests = await readManifests(files, { cwd: ctx.io.cwd, stdin: ctx.io.stdin, recursive: flagBool(ctx.args, 'recursive') });
  let failed = false;
  for (const m of manifests) {
    try {
      const r = await session.resources.forKind(m.object.apiVersion!, m.object.kind!);
      const ns = manifestNamespace(m, r, session);
      let created: KubeObject;
      try {
        created = await session.client.create(r, ns, m.object, 'kubectl-create');
      } catch (err) {
        throw withSource(err, 'creating', m.source);
      }
      ctx.out(format ? printObjects([created], format, () => r, true) : `${typePrefix(r)}/${m.object.metadata.name} created\n`);
    } catch (err) {
      if (err instanceof ExitError) throw err;
      ctx.err(formatError(err) + '\n');
      failed = true;
    }
  }
  return failed ? 1 : 0;
}
