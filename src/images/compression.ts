/**
 * Layer decompression. gzip uses Node's zlib. Node 20 has no zstd (zlib gained it in 22.15), so
 * zstd layers go through Debian's `zstd` binary (package `zstd`) as a streaming filter.
 */
import { spawn } from 'node:child_process';
import type { Hash } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ImageError } from './errors.js';
import type { Compression } from './oci.js';

/** Options for {@link decompress}. */
export interface DecompressOptions {
  /** The `zstd` executable (default: `zstd` on PATH). */
  zstdPath?: string;
}

/** The uncompressed bytes of `source`. */
export function decompress(source: AsyncIterable<Buffer>, compression: Compression, options: DecompressOptions = {}): AsyncIterable<Buffer> {
  switch (compression) {
    case 'none':
      return source;
    case 'gzip': {
      const gunzip = createGunzip();
      pipeline(Readable.from(source, { objectMode: false }), gunzip, () => {});
      return wrapErrors(gunzip, 'gzip');
    }
    case 'zstd':
      return zstd(source, options.zstdPath ?? 'zstd');
  }
}

async function* wrapErrors(stream: AsyncIterable<Buffer>, what: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (err) {
    if (err instanceof ImageError) throw err;
    throw new ImageError('InvalidLayer', `${what} decompression failed`, { cause: err });
  }
}

async function* zstd(source: AsyncIterable<Buffer>, zstdPath: string): AsyncGenerator<Buffer> {
  const child = spawn(zstdPath, ['-d', '-c', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-2000)));
  const exited = new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.on('error', (error) => resolve({ code: null, error }));
    child.on('close', (code) => resolve({ code }));
  });
  // Feed stdin; a failure there shows up as a bad exit or a spawn error below.
  pipeline(Readable.from(source, { objectMode: false }), child.stdin, () => {});
  let complete = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) yield chunk;
    complete = true;
  } finally {
    // Only a consumer that stopped early (an error downstream) leaves zstd running: stop it.
    if (!complete && child.exitCode === null) child.kill();
  }
  const { code, error } = await exited;
  if (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ImageError(missing ? 'ToolMissing' : 'InvalidLayer', missing ? `zstd layers need the "zstd" program (Debian package zstd)` : 'zstd failed', { cause: error });
  }
  if (code !== 0) throw new ImageError('InvalidLayer', `zstd decompression failed: ${stderr.trim() || `exit ${code}`}`);
}

/** Passes `source` through, feeding every chunk to `hash` and counting bytes into `counter`. */
export async function* tap(source: AsyncIterable<Buffer>, hash: Hash, counter?: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    hash.update(chunk);
    if (counter) counter.bytes += chunk.length;
    yield chunk;
  }
}
