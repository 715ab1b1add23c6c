import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../apis/index.js';
import { ExitError } from './io.js';

/** One object read from a manifest, with where it came from. */
export interface Manifest {
  object: KubeObject;
  /** The file (or `STDIN`) it came from. */
  source: string;
}

const manifestExtensions = new Set(['.yaml', '.yml', '.json']);

/**
 * Reads every object from `-f` arguments like kubectl's resource builder: files, directories
 * (their .yaml/.yml/.json files in name order, `-R` recursing), or `-` for stdin. Multi-document
 * YAML and `kind: List` are expanded. A YAML error names the file and line.
 */
export async function readManifests(paths: string[], options: { cwd: string; stdin: Readable; recursive?: boolean }): Promise<Manifest[]> {
  const out: Manifest[] = [];
  for (const p of paths) {
    if (p === '-') {
      const chunks: Buffer[] = [];
      for await (const c of options.stdin as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
      out.push(...parseManifests(Buffer.concat(chunks).toString('utf8'), 'STDIN'));
      continue;
    }
    const abs = resolve(options.cwd, p);
    let st;
    try {
      st = await stat(abs);
    } catch {
      throw new ExitError(`error: the path "${p}" does not exist`);
    }
    if (st.isDirectory()) {
      for (const f of await listDir(abs, options.recursive ?? false)) out.push(...parseManifests(await readFile(f, 'utf8'), f));
    } else {
      out.push(...parseManifests(await readFile(abs, 'utf8'), p));
    }
  }
  return out;
}

async function listDir(dir: string, recursive: boolean): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  const files: string[] = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive) files.push(...(await listDir(full, true)));
    } else if (manifestExtensions.has(extname(e.name))) {
      files.push(full);
    }
  }
  return files;
}

/** Parses one manifest text; throws kubectl-style errors naming `source` and the line. */
export function parseManifests(text: string, source: string): Manifest[] {
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const out: Manifest[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line ?? 1;
      const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new ExitError(`error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${msg}`);
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ExitError(`error: error parsing ${source}: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}`);
    }
    const obj = value as KubeObject & { items?: KubeObject[] };
    if (!obj.kind) throw new ExitError(`error: error validating "${source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`);
    if (!obj.apiVersion) throw new ExitError(`error: error validating "${source}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`);
    if (obj.kind.endsWith('List') && Array.isArray(obj.items)) {
      for (const item of obj.items) out.push({ object: item, source });
    } else {
      obj.metadata ??= {} as KubeObject['metadata'];
      out.push({ object: obj, source });
    }
  }
  return out;
}
