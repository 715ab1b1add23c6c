/**
 * hostPath volumes (`pkg/volume/hostpath/host_path.go`): the path is used as it is, after the
 * `..` check and the `type` check, with the kubelet's messages. `DirectoryOrCreate` makes the
 * directory (0755, like kubelet's `MkdirAll(path, 0755)` under its umask), `FileOrCreate` an
 * empty file (0644); `""` checks nothing. Types are tested with stat (symlinks followed), and
 * like upstream a "file" is anything that exists and is not a directory.
 * @module
 */
import { open, mkdir, stat } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import type { HostPathVolumeSource } from '../../apis/index.js';

/** volume/validation `ValidatePathNoBacksteps`. */
export function validatePathNoBacksteps(targetPath: string): void {
  if (targetPath.split('/').includes('..')) throw new Error("must not contain '..'");
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

/**
 * hostPath `SetUp`: validates and type-checks `source.path`, creating it for the `…OrCreate`
 * types. Throws the kubelet's message (`hostPath type check failed: /x is not a directory`).
 */
export async function setUpHostPath(source: HostPathVolumeSource): Promise<string> {
  const path = source.path;
  try {
    validatePathNoBacksteps(path);
  } catch (err) {
    throw new Error(`invalid HostPath \`${path}\`: ${(err as Error).message}`);
  }
  const type = source.type ?? '';
  if (type === '') return path;
  await checkHostPathType(path, type);
  return path;
}

/** hostpath `checkTypeInternal`. */
export async function checkHostPathType(path: string, type: string): Promise<void> {
  const st = await statOrUndefined(path);
  switch (type) {
    case 'DirectoryOrCreate':
    case 'Directory':
      if (!st && type === 'DirectoryOrCreate') {
        await mkdir(path, { recursive: true, mode: 0o755 });
        return;
      }
      if (!st?.isDirectory()) throw new Error(`hostPath type check failed: ${path} is not a directory`);
      return;
    case 'FileOrCreate':
    case 'File':
      if (!st && type === 'FileOrCreate') {
        // os.OpenFile(path, O_CREATE, 0644): an existing file or directory is fine.
        const fh = await open(path, constants.O_RDONLY | constants.O_CREAT, 0o644).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'EISDIR' || err.code === 'EEXIST') return undefined;
          throw err;
        });
        await fh?.close();
        return;
      }
      if (!st || st.isDirectory()) throw new Error(`hostPath type check failed: ${path} is not a file`);
      return;
    case 'Socket':
      if (!st?.isSocket()) throw new Error(`hostPath type check failed: ${path} is not a socket file`);
      return;
    case 'CharDevice':
      if (!st?.isCharacterDevice()) throw new Error(`hostPath type check failed: ${path} is not a character device`);
      return;
    case 'BlockDevice':
      if (!st?.isBlockDevice()) throw new Error(`hostPath type check failed: ${path} is not a block device`);
      return;
    default:
      throw new Error(`${type} is an invalid volume type`);
  }
}
