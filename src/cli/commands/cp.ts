/**
 * `podyard cp`: kubectl cp (`pkg/cmd/cp`). A tar stream crosses the exec WebSocket: `tar cf -`
 * on the sending side, `tar -xmf - -C DIR` on the receiving side. Locally the `tar` binary runs
 * with an argument array (no shell); what it extracts lands in a staging directory first, from
 * which only entries inside the requested path are moved to the destination: symlinks and
 * entries escaping the destination (`..`) are skipped with kubectl's warnings.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readlink, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, posix, relative, resolve, sep } from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { Command, CommandContext } from '../command.js';
import { flagString } from '../command.js';
import type { Session } from '../connect.js';
import { ExitError } from '../io.js';
import { chooseContainer, podPath } from '../pods.js';
import { openWebSocket, runRemoteCommand } from '../streams.js';
import { Resources } from '../../client/index.js';
import { StatusError, type Pod } from '../../apis/index.js';

/** `podyard cp`: copies files and directories to and from containers. */
export const cpCommand: Command = {
  name: 'cp',
  summary: 'Copy files and directories to and from containers',
  usage: 'podyard cp <file-spec-src> <file-spec-dest> [options]',
  description:
    'Copy files and directories to and from containers.\n\n' +
    "A remote file spec is [namespace/]pod:path. Requires that the 'tar' binary is present in your container image and on this machine. If 'tar' is not present, 'podyard cp' will fail.\n\n" +
    'For advanced use cases, such as symlinks, wildcard expansion or file mode preservation, consider using \'podyard exec\'.',
  examples: `  # !!!Important Note!!!
  # Requires that the 'tar' binary is present in your container
  # image.  If 'tar' is not present, 'podyard cp' will fail.

  # Copy /tmp/foo_dir local directory to /tmp/bar_dir in a remote pod in the default namespace
  podyard cp /tmp/foo_dir <some-pod>:/tmp/bar_dir

  # Copy /tmp/foo local file to /tmp/bar in a remote pod in a specific container
  podyard cp /tmp/foo <some-pod>:/tmp/bar -c <specific-container>

  # Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
  podyard cp /tmp/foo <some-namespace>/<some-pod>:/tmp/bar

  # Copy /tmp/foo from a remote pod to /tmp/bar locally
  podyard cp <some-namespace>/<some-pod>:/tmp/foo /tmp/bar`,
  flags: [
    { name: 'container', short: 'c', type: 'string', help: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'no-preserve', type: 'bool', help: 'The copied file/directory\'s ownership and permissions will not be preserved in the container' },
    { name: 'retries', type: 'int', default: 0, help: 'Set number of retries to complete a copy operation from a container. Specify 0 to disable or any negative value for infinite retrying. The default is 0 (no retry).' },
  ],
  run: runCp,
};

/** A `[namespace/]pod:path` argument, or a local path. */
interface FileSpec {
  pod?: { namespace?: string; name: string };
  path: string;
}

/** kubectl's `extractFileSpec`. */
function parseSpec(arg: string): FileSpec {
  const colon = arg.indexOf(':');
  if (colon < 0) return { path: arg };
  const podPart = arg.slice(0, colon);
  const path = arg.slice(colon + 1);
  const parts = podPart.split('/');
  if (parts.length === 1 && parts[0]) return { pod: { name: parts[0] }, path };
  if (parts.length === 2 && parts[0] && parts[1]) return { pod: { namespace: parts[0], name: parts[1] }, path };
  throw new ExitError('error: filespec must match the canonical format: [[namespace/]pod:]file/path');
}

async function runCp(ctx: CommandContext): Promise<number> {
  const [srcArg, destArg, ...extra] = ctx.args.positionals;
  if (!srcArg || !destArg || extra.length) throw new ExitError("error: source and destination are required\nSee 'podyard cp -h' for help and examples.");
  const src = parseSpec(srcArg);
  const dest = parseSpec(destArg);
  if (!src.pod && !dest.pod) throw new ExitError('error: one of src or dest must be a remote file specification');
  if (src.pod && dest.pod) throw new ExitError('error: one of src or dest must be a local file specification');
  if (!src.path || !dest.path) throw new ExitError('error: filepath can not be empty');
  if (!src.pod) {
    try {
      await stat(resolve(ctx.io.cwd, src.path));
    } catch {
      throw new ExitError(`error: ${src.path} doesn't exist in local filesystem`);
    }
  }
  const session = await ctx.session();
  const remote = (src.pod ?? dest.pod)!;
  const pod = await session.client.get<Pod>(Resources.pods, remote.namespace ?? session.namespace, remote.name);
  const container = chooseContainer(ctx, pod, flagString(ctx.args, 'container'));
  const target = { session, pod, container };
  if (dest.pod) await copyToPod(ctx, target, src.path, dest.path);
  else await copyFromPod(ctx, target, src.path, dest.path);
  return 0;
}

interface RemoteTarget {
  session: Session;
  pod: Pod;
  container: string;
}

/** Runs a command in the container; resolves with its exit code. */
async function remoteExec(t: RemoteTarget, command: string[], io: { stdin?: Readable; stdout: Writable; stderr: Writable }): Promise<number> {
  const q = new URLSearchParams();
  for (const c of command) q.append('command', c);
  q.set('container', t.container);
  if (io.stdin) q.set('stdin', 'true');
  q.set('stdout', 'true');
  q.set('stderr', 'true');
  try {
    const ws = await openWebSocket(t.session, podPath(t.pod.metadata.namespace!, t.pod.metadata.name!, 'exec'), q, ['v5.channel.k8s.io']);
    return await runRemoteCommand(ws, { ...(io.stdin ? { stdin: io.stdin } : {}), stdout: io.stdout, stderr: io.stderr, tty: false });
  } catch (err) {
    const status = (err as { status?: StatusError['status'] }).status;
    if (status?.kind === 'Status') throw new StatusError(status);
    throw err;
  }
}

/** Spawns the local tar (argument array, no shell); resolves with its exit code and stderr. */
function localTar(args: string[], mode: 'create' | 'extract'): { child: ChildProcessByStdio<Writable | null, Readable | null, Readable>; done: Promise<{ code: number; stderr: string }> } {
  const child = spawn('tar', args, { stdio: mode === 'create' ? ['ignore', 'pipe', 'pipe'] : ['pipe', 'ignore', 'pipe'] }) as ChildProcessByStdio<Writable | null, Readable | null, Readable>;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number; stderr: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
  return { child, done };
}

/** GNU tar `--transform` expression replacing the leading `from` member name by `to`. */
function transformExpr(from: string, to: string): string {
  const re = from.replace(/[\\^$.*[\]|]/g, (c) => `\\${c}`);
  const repl = to.replace(/[\\&|]/g, (c) => `\\${c}`);
  return `s|^${re}|${repl}|S`;
}

/** kubectl's `copyToPod`. */
async function copyToPod(ctx: CommandContext, t: RemoteTarget, srcPath: string, destPath: string): Promise<void> {
  const local = resolve(ctx.io.cwd, srcPath);
  let destFile = posix.normalize(destPath);
  // checkDestinationIsDir: copying into an existing directory keeps the source's name.
  const sink = new PassThrough();
  sink.resume();
  if ((await remoteExec(t, ['test', '-d', destPath], { stdout: sink, stderr: sink })) === 0) destFile = posix.join(destFile, basename(local));
  const destDir = posix.dirname(destFile);
  const destBase = posix.basename(destFile);
  const srcBase = basename(local);
  const args = ['cf', '-', '-C', dirname(local)];
  if (destBase !== srcBase) args.push(`--transform=${transformExpr(srcBase, destBase)}`);
  args.push('--', srcBase);
  const tar = localTar(args, 'create');
  const extract = ctx.args.values['no-preserve'] === true ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
  if (destDir) extract.push('-C', destDir);
  // Read the archive at once: Node discards a child's unread output when it exits.
  const archive = tar.child.stdout!.pipe(new PassThrough({ highWaterMark: 1 << 20 }));
  const [code, local2] = await Promise.all([remoteExec(t, extract, { stdin: archive, stdout: ctx.io.stdout, stderr: ctx.io.stderr }), tar.done]);
  if (local2.code !== 0) throw new ExitError(`error: ${local2.stderr.trim() || `tar exited with ${local2.code}`}`);
  if (code !== 0) throw new ExitError(`error: command terminated with exit code ${code}`);
}

/** kubectl's `stripPathShortcuts`: drops leading `../` and `./` (and a lone `..`/`.`). */
function stripPathShortcuts(p: string): string {
  let s = p;
  while (s.startsWith('../') || s.startsWith('./')) s = s.startsWith('../') ? s.slice(3) : s.slice(2);
  return s === '..' || s === '.' ? '' : s;
}

/** kubectl's `copyFromPod` and `untarAll`. */
async function copyFromPod(ctx: CommandContext, t: RemoteTarget, srcPath: string, destPath: string): Promise<void> {
  const prefix = stripPathShortcuts(posix.normalize(srcPath.replace(/^\/+/, '')));
  const dest = resolve(ctx.io.cwd, destPath);
  const parent = dirname(dest);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, '.podyard-cp-'));
  try {
    const tar = localTar(['xf', '-', '-C', staging, '--no-same-owner', '--delay-directory-restore'], 'extract');
    tar.child.stdin!.on('error', () => undefined);
    const [code, local] = await Promise.all([remoteExec(t, ['tar', 'cf', '-', srcPath], { stdout: tar.child.stdin!, stderr: ctx.io.stderr }).finally(() => tar.child.stdin!.end()), tar.done]);
    if (code !== 0) throw new ExitError(`error: command terminated with exit code ${code}`);
    if (local.code !== 0) throw new ExitError(`error: ${local.stderr.trim() || `tar exited with ${local.code}`}`);
    const root = join(staging, prefix);
    const rootStat = await lstat(root).catch(() => undefined);
    if (!rootStat) {
      if ((await readdir(staging)).length === 0) return; // nothing was sent (empty archive)
      throw new ExitError('error: tar contents corrupted');
    }
    // Entries tar placed outside the requested path (names with `..`): kubectl skips them.
    await warnOutside(ctx, staging, root, destPath);
    await moveInto(ctx, root, dest, destPath, rootStat.isDirectory());
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Warns about extracted entries that are not under `root` (kubectl: outside the destination). */
async function warnOutside(ctx: CommandContext, staging: string, root: string, dest: string): Promise<void> {
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (p === root) continue;
      if (root.startsWith(p + sep) && e.isDirectory()) {
        await walk(p);
        continue;
      }
      ctx.err(`warning: file ${JSON.stringify(join(dest, relative(root, p)))} is outside target destination, skipping\n`);
    }
  };
  await walk(staging);
}

/** Moves the extracted tree at `from` to `to`, merging directories; symlinks are skipped. */
async function moveInto(ctx: CommandContext, from: string, to: string, shown: string, isDir: boolean): Promise<void> {
  const st = await lstat(from);
  if (st.isSymbolicLink()) {
    ctx.err(`warning: skipping symlink: ${JSON.stringify(shown)} -> ${JSON.stringify(await readlink(from))}\n`);
    return;
  }
  if (!isDir) {
    const existing = await lstat(to).catch(() => undefined);
    if (existing?.isDirectory()) throw new ExitError(`error: open ${shown}: is a directory`);
    await rename(from, to);
    return;
  }
  const existing = await lstat(to).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new ExitError(`error: mkdir ${shown}: not a directory`);
  if (!existing) await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) await moveInto(ctx, join(from, e.name), join(to, e.name), join(shown, e.name), e.isDirectory());
}
