import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mirrorStorage } from './mirror.js';
import { podyardBin, repoRoot } from './podyard.js';

const run = promisify(execFile);

/** Where `test/images/build.sh` puts the offline test images. */
export const imageCache = process.env.PODYARD_IMAGE_CACHE ?? join(repoRoot, '.cache/images');

/** The archive of a built test image (`busybox`, `debian`, `nginx`, `python`, `ipc`), or undefined. */
export function testImageArchive(name: string): string | undefined {
  const manifest = join(imageCache, 'manifest.json');
  if (!existsSync(manifest)) return undefined;
  const doc = JSON.parse(readFileSync(manifest, 'utf8')) as { images: { name: string; dockerArchive: string | null }[] };
  const path = doc.images.find((i) => i.name === name)?.dockerArchive;
  return path && existsSync(path) ? path : undefined;
}

/**
 * Why end-to-end container tests cannot run here, or undefined when they can. Under CI
 * (`CI=true`) it never answers with a reason: there the tests must run, and a missing
 * precondition fails them loudly instead of skipping them quietly.
 */
export function containerTestsUnavailable(images: string[]): string | undefined {
  if (process.env.CI === 'true') return undefined;
  if (process.getuid?.() !== 0) return 'needs root';
  if (!existsSync('/usr/sbin/runc') && !existsSync('/usr/bin/runc')) return 'needs runc';
  const missing = images.filter((i) => !testImageArchive(i));
  if (missing.length) return `test images not built (${missing.join(', ')}): run test/images/build.sh`;
  if (!mirrorStorage(repoRoot)) return 'docker.io test mirror not filled: run test/images/mirror.sh';
  return undefined;
}

/** Loads test images into a data dir's store with `podyard image load` (the user's way). */
export async function loadTestImages(dataDir: string, images: string[]): Promise<void> {
  const files = images.map((i) => testImageArchive(i)!);
  await run(process.execPath, [podyardBin, 'image', 'load', '--data-dir', dataDir, ...files]);
}
