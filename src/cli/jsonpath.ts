/**
 * kubectl's JSONPath templates (`-o jsonpath=…`, client-go `util/jsonpath`), the parts
 * tutorials use: `{.a.b}`, `[n]`, `[*]`, `['key']`, `..name` not included, filters
 * `[?(@.name=="x")]`, `{range …}{end}`, string literals `{"\n"}`. Several results of one
 * expression are joined by a space; strings print raw, other values as JSON.
 */
import { ExitError } from './io.js';

type Node = { text: string } | { expr: string } | { range: string; body: Node[] };

/** Evaluates `template` against `data`. */
export function evaluateJsonPath(template: string, data: unknown): string {
  const src = template.includes('{') ? template : `{${template}}`;
  const nodes = parseTemplate(src);
  return render(nodes, data);
}

function parseTemplate(src: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1]!.push({ text: src.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1]!.push({ text: src.slice(i, open) });
    const close = findClose(src, open);
    const inner = src.slice(open + 1, close).trim();
    i = close + 1;
    if (inner.startsWith('range ')) {
      const node = { range: inner.slice(6).trim(), body: [] as Node[] };
      stack[stack.length - 1]!.push(node);
      stack.push(node.body);
    } else if (inner === 'end') {
      if (stack.length === 1) throw new ExitError('error: error parsing jsonpath: not in range, nothing to end');
      stack.pop();
    } else {
      stack[stack.length - 1]!.push({ expr: inner });
    }
  }
  if (stack.length > 1) throw new ExitError('error: error parsing jsonpath: unclosed action');
  return root;
}

function findClose(src: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
  }
  throw new ExitError(`error: error parsing jsonpath ${src}: unclosed action`);
}

function render(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if ('text' in n) out += n.text;
    else if ('range' in n) for (const item of evalPath(n.range, data)) out += render(n.body, item);
    else {
      const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(n.expr) ?? /^'((?:[^'\\]|\\.)*)'$/.exec(n.expr);
      if (lit) out += JSON.parse(`"${lit[1]!.replace(/\\'/g, "'")}"`) as string;
      else out += evalPath(n.expr, data).map(format).join(' ');
    }
  }
  return out;
}

function format(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return JSON.stringify(v) ?? '';
}

/** Evaluates one path like `.items[*].metadata.name` against `data`, returning every match. */
export function evalPath(path: string, data: unknown): unknown[] {
  let nodes: unknown[] = [data];
  let i = 0;
  const p = path.trim().replace(/^\$/, '');
  while (i < p.length) {
    const c = p[i]!;
    if (c === '@') {
      i++;
    } else if (c === '.') {
      const m = /^\.([^.[\s]*)/.exec(p.slice(i))!;
      i += m[0].length;
      if (m[1]) nodes = nodes.flatMap((n) => child(n, m[1]!));
    } else if (c === '[') {
      const end = findBracket(p, i);
      const inner = p.slice(i + 1, end).trim();
      i = end + 1;
      nodes = nodes.flatMap((n) => subscript(n, inner));
    } else {
      const m = /^[^.[]+/.exec(p.slice(i))!;
      i += m[0].length;
      nodes = nodes.flatMap((n) => child(n, m[0]));
    }
  }
  return nodes;
}

function findBracket(p: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < p.length; i++) {
    const c = p[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  throw new ExitError(`error: error parsing jsonpath: unterminated array in ${p}`);
}

function child(n: unknown, key: string): unknown[] {
  if (n && typeof n === 'object' && !Array.isArray(n) && key in n) return [(n as Record<string, unknown>)[key]];
  return [];
}

function subscript(n: unknown, inner: string): unknown[] {
  if (inner === '*') return Array.isArray(n) ? n : n && typeof n === 'object' ? Object.values(n) : [];
  const quoted = /^['"](.*)['"]$/.exec(inner);
  if (quoted) return child(n, quoted[1]!);
  if (inner.startsWith('?(') && inner.endsWith(')')) {
    const cond = inner.slice(2, -1).trim();
    const m = /^(@[^\s=!<>]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(cond);
    const items = Array.isArray(n) ? n : [];
    if (!m) return items.filter((item) => evalPath(cond, item).length > 0);
    const literal = m[3]!.trim();
    const want: unknown = /^['"]/.test(literal) ? literal.slice(1, -1) : Number(literal);
    return items.filter((item) => {
      const got = evalPath(m[1]!, item)[0];
      switch (m[2]) {
        case '==':
          return got === want;
        case '!=':
          return got !== want;
        case '<':
          return (got as number) < (want as number);
        case '>':
          return (got as number) > (want as number);
        case '<=':
          return (got as number) <= (want as number);
        default:
          return (got as number) >= (want as number);
      }
    });
  }
  if (!Array.isArray(n)) return [];
  const slice = /^(-?\d*):(-?\d*)$/.exec(inner);
  if (slice) {
    const norm = (s: string, d: number) => (s === '' ? d : Number(s) < 0 ? n.length + Number(s) : Number(s));
    return n.slice(norm(slice[1]!, 0), norm(slice[2]!, n.length));
  }
  const idx = Number(inner);
  if (!Number.isInteger(idx)) throw new ExitError(`error: error parsing jsonpath: invalid array index ${inner}`);
  const at = idx < 0 ? n.length + idx : idx;
  if (at < 0 || at >= n.length) throw new ExitError('error: error executing jsonpath: array index out of bounds');
  return [n[at]];
}
