/**
 * Enforces the dependency rules of ARCHITECTURE.md (STYLE.md §2.2): which module may import
 * which, and that modules import each other only through their index.ts. Layering that is not
 * enforced erodes within a month.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const srcRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** module → the modules it may import (besides itself and Node built-ins / npm packages). */
const allowed: Record<string, string[]> = {
  base: [],
  apis: ['base'],
  store: ['base'],
  registry: ['apis', 'store', 'base'],
  apiserver: ['registry', 'apis', 'base'],
  client: ['apis', 'base'],
  controllers: ['client', 'apis', 'base'],
  'net/proxy': ['client', 'apis', 'base'],
  'net/dns': ['client', 'apis', 'base'],
  images: ['base'],
  'net/cni': ['base'],
  runtime: ['images', 'base'],
  node: ['client', 'runtime', 'images', 'net/cni', 'apis', 'base'],
  cli: ['client', 'apis', 'base'],
  web: ['apis', 'base'],
  dashboard: ['client', 'apis', 'base'],
  cmd: ['*'],
};

function moduleOf(root: string, file: string): string {
  const parts = relative(root, file).split(sep);
  if ((parts[0] === 'net' || parts[0] === 'web') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(p);
    else if (entry.name.endsWith('.ts')) yield p;
  }
}

/** Every relative import of a file, resolved to a path under src/ (without extension change). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out.map((spec) => resolve(dirname(file), spec));
}

/** The violations of the layering rules in the tree under `root`. */
function violations(root: string): string[] {
  const out: string[] = [];
  for (const file of sources(root)) {
    const from = moduleOf(root, file);
    const rules = allowed[from];
    const rel = relative(root, file);
    if (!rules) {
      out.push(`${rel}: module "${from}" is not in the layering table`);
      continue;
    }
    for (const target of imports(file)) {
      if (!target.startsWith(root + sep)) continue;
      const to = moduleOf(root, target);
      if (to === from) continue;
      if (!rules.includes('*') && !rules.includes(to)) {
        out.push(`Bad layering: ${from} may not import ${to} (${rel})`);
        continue;
      }
      const within = relative(join(root, to), target);
      if (within !== 'index.js' && !within.startsWith(`testing${sep}`)) {
        out.push(`Bad import: ${rel} reaches into ${to}/${within}; import ${to}/index.js instead`);
      }
      if (within.startsWith(`testing${sep}`) && !file.endsWith('.test.ts')) {
        out.push(`Bad import: ${rel} uses test helpers from ${to}/${within} outside a test`);
      }
    }
  }
  return out;
}

describe('layering', () => {
  it('every import follows ARCHITECTURE.md', () => {
    assert.ok([...sources(srcRoot)].length > 10, `expected sources under ${srcRoot}`);
    assert.deepEqual(violations(srcRoot), []);
  });

  it('reports forbidden and deep imports', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'layering-'));
    try {
      mkdirSync(join(tmp, 'node'));
      mkdirSync(join(tmp, 'store'));
      mkdirSync(join(tmp, 'apis'));
      writeFileSync(join(tmp, 'store', 'index.ts'), 'export const x = 1;\n');
      writeFileSync(join(tmp, 'apis', 'pod.ts'), 'export const y = 1;\n');
      writeFileSync(
        join(tmp, 'node', 'agent.ts'),
        "import { x } from '../store/index.js';\nimport type { y } from '../apis/pod.js';\n",
      );
      assert.deepEqual(violations(tmp), [
        `Bad layering: node may not import store (${join('node', 'agent.ts')})`,
        `Bad import: ${join('node', 'agent.ts')} reaches into apis/pod.js; import apis/index.js instead`,
      ]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
