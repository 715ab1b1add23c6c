/**
 * A tiny tar writer for tests: builds layers and archives byte by byte, including ones no sane
 * tool would write (`../evil`, absolute paths, links pointing out), plus OCI layout and
 * docker-archive tarballs around them.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** One entry to write. */
export interface TestTarEntry {
  name: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'blockdev' | 'fifo';
  data?: Buffer | string;
  mode?: number;
  uid?: number;
  gid?: number;
  /** Seconds since the epoch. */
  mtime?: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  /** Written as pax `SCHILY.xattr.<name>` records. */
  xattrs?: Record<string, string | Buffer>;
}

const typeflag = { file: '0', hardlink: '1', symlink: '2', chardev: '3', blockdev: '4', dir: '5', fifo: '6' } as const;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, type: string, size: number, e: Partial<TestTarEntry>): Buffer {
  const block = Buffer.alloc(512);
  block.write(name.slice(0, 100), 0, 'latin1');
  block.write(octal(e.mode ?? (type === '5' ? 0o755 : 0o644), 8), 100, 'latin1');
  block.write(octal(e.uid ?? 0, 8), 108, 'latin1');
  block.write(octal(e.gid ?? 0, 8), 116, 'latin1');
  block.write(octal(size, 12), 124, 'latin1');
  block.write(octal(e.mtime ?? 1_700_000_000, 12), 136, 'latin1');
  block.write('        ', 148, 'latin1');
  block.write(type, 156, 'latin1');
  block.write((e.linkname ?? '').slice(0, 100), 157, 'latin1');
  block.write('ustar\0', 257, 'latin1');
  block.write('00', 263, 'latin1');
  block.write(octal(e.devmajor ?? 0, 8), 329, 'latin1');
  block.write(octal(e.devminor ?? 0, 8), 337, 'latin1');
  let sum = 0;
  for (const b of block) sum += b;
  block.write(octal(sum, 7) + ' ', 148, 'latin1');
  return block;
}

function pad(data: Buffer): Buffer {
  const rest = data.length % 512;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(512 - rest)]);
}

function paxRecord(key: string, value: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
  let len = body.length + 1;
  while (String(len).length + body.length !== len) len = String(len).length + body.length;
  return Buffer.concat([Buffer.from(String(len)), body]);
}

/** An uncompressed tar of `entries` (pax headers for long names, long link targets and xattrs). */
export function tarBuffer(entries: readonly TestTarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const type = typeflag[e.type ?? 'file'];
    const data = e.type === undefined || e.type === 'file' ? Buffer.from(e.data ?? '') : Buffer.alloc(0);
    const pax: Buffer[] = [];
    if (Buffer.byteLength(e.name) > 100) pax.push(paxRecord('path', Buffer.from(e.name)));
    if (e.linkname !== undefined && Buffer.byteLength(e.linkname) > 100) pax.push(paxRecord('linkpath', Buffer.from(e.linkname)));
    for (const [k, v] of Object.entries(e.xattrs ?? {})) pax.push(paxRecord(`SCHILY.xattr.${k}`, Buffer.from(v)));
    if (pax.length > 0) {
      const body = Buffer.concat(pax);
      parts.push(header('PaxHeader', 'x', body.length, {}), pad(body));
    }
    parts.push(header(e.name, type, data.length, e), pad(data));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** sha256 digest of `data`. */
export function digestOf(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A layer of a test image. */
export interface TestLayer {
  entries: TestTarEntry[];
  gzip?: boolean;
}

/** A test image: layers plus config fields. */
export interface TestImage {
  names: string[];
  layers: TestLayer[];
  config?: Record<string, unknown>;
}

function buildImage(image: TestImage): { config: Buffer; layers: { tar: Buffer; blob: Buffer; gzip: boolean }[] } {
  const layers = image.layers.map((l) => {
    const tar = tarBuffer(l.entries);
    return { tar, blob: l.gzip ? gzipSync(tar) : tar, gzip: l.gzip ?? false };
  });
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: image.config ?? { Cmd: ['sh'] },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => digestOf(l.tar)) },
    }),
  );
  return { config, layers };
}

/** An OCI layout tar (`oci-layout`, `index.json`, `blobs/sha256/…`) holding `images`. */
export function ociArchive(images: readonly TestImage[]): Buffer {
  const blobs = new Map<string, Buffer>();
  const put = (data: Buffer) => {
    const d = digestOf(data);
    blobs.set(d, data);
    return d;
  };
  const manifests: unknown[] = [];
  for (const image of images) {
    const built = buildImage(image);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: put(built.config), size: built.config.length },
        layers: built.layers.map((l) => ({
          mediaType: l.gzip ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar',
          digest: put(l.blob),
          size: l.blob.length,
        })),
      }),
    );
    const digest = put(manifest);
    for (const name of image.names.length > 0 ? image.names : [undefined]) {
      manifests.push({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest,
        size: manifest.length,
        ...(name !== undefined ? { annotations: { 'org.opencontainers.image.ref.name': name } } : {}),
      });
    }
  }
  const index = JSON.stringify({ schemaVersion: 2, manifests });
  return tarBuffer([
    { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
    { name: 'index.json', data: index },
    { name: 'blobs/', type: 'dir' },
    { name: 'blobs/sha256/', type: 'dir' },
    ...[...blobs].map(([d, data]) => ({ name: `blobs/sha256/${d.slice(7)}`, data })),
  ]);
}

/** A docker-archive tar (`manifest.json`, `<hex>.json`, `<hex>/layer.tar`) holding `images`. */
export function dockerArchive(images: readonly TestImage[]): Buffer {
  const files: TestTarEntry[] = [];
  const seen = new Set<string>();
  const manifest: unknown[] = [];
  for (const image of images) {
    const built = buildImage(image);
    const configName = `${digestOf(built.config).slice(7)}.json`;
    const layerNames = built.layers.map((l) => `${digestOf(l.blob).slice(7)}/layer.tar`);
    if (!seen.has(configName)) files.push({ name: configName, data: built.config });
    seen.add(configName);
    built.layers.forEach((l, i) => {
      if (!seen.has(layerNames[i]!)) files.push({ name: layerNames[i]!, data: l.blob });
      seen.add(layerNames[i]!);
    });
    manifest.push({ Config: configName, RepoTags: image.names, Layers: layerNames });
  }
  return tarBuffer([{ name: 'manifest.json', data: JSON.stringify(manifest) }, ...files]);
}
