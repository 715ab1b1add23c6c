// Apply: paste or upload YAML (one or more documents) → server-side apply of each object, or
// create. Validation errors (422 Status details.causes) are shown at their field: the line of
// the document where the field (or its nearest parent) is, marked in the gutter.
import { parseAllDocuments, type Document } from 'yaml';
import { announce, h, replace } from '../dom.js';
import { api, ApiError, collectionPath, objectPath } from '../api.js';
import type { KubeObject, StatusCause } from '../types.js';
import type { View } from '../context.js';

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

let discovery: Promise<Map<string, ApiResource>> | undefined;

/** kind@apiVersion → resource, from discovery (`/api/v1`, `/apis`), fetched once. */
function resources(): Promise<Map<string, ApiResource>> {
  discovery ??= (async () => {
    const out = new Map<string, ApiResource>();
    const add = (gv: string, list: { resources: ApiResource[] }) => {
      for (const r of list.resources) if (!r.name.includes('/')) out.set(`${r.kind}@${gv}`, r);
    };
    add('v1', await api<{ resources: ApiResource[] }>('/api/v1'));
    const groups = await api<{ groups: { versions: { groupVersion: string }[] }[] }>('/apis');
    await Promise.all(
      groups.groups.flatMap((g) => g.versions.map(async (v) => add(v.groupVersion, await api<{ resources: ApiResource[] }>(`/apis/${v.groupVersion}`).catch(() => ({ resources: [] }))))),
    );
    return out;
  })();
  return discovery;
}

/** `spec.containers[0].image` → ['spec', 'containers', 0, 'image']. */
export function fieldPathSegments(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

/** The 1-based line of a field in a document (or of its nearest parent that exists). */
function lineOf(doc: Document, text: string, field: string): number | undefined {
  const path = fieldPathSegments(field);
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    const at = n === 0 ? (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] : node?.range?.[0];
    if (at !== undefined) {
      // A scalar's range starts at its value: the key sits on the same line.
      return text.slice(0, at).split('\n').length;
    }
  }
  return undefined;
}

export const applyView: View = (root, ctx) => {
  const initial = sessionStorage.getItem('podyard.apply') ?? '';
  sessionStorage.removeItem('podyard.apply');
  const gutter = h('div.gutter', { 'aria-hidden': 'true' });
  const editor = h('textarea#apply-yaml', {
    spellcheck: false,
    autocomplete: 'off',
    wrap: 'off',
    value: initial,
    'aria-label': 'YAML to apply',
    'aria-describedby': 'apply-help',
    placeholder: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: example\nspec:\n  containers:\n  - name: web\n    image: nginx',
  });
  const file = h('input#apply-file', { type: 'file', accept: '.yaml,.yml,.json,text/yaml,application/json' });
  const mode = h('select#apply-mode', null, h('option', { value: 'apply' }, 'Server-side apply'), h('option', { value: 'create' }, 'Create'));
  const dry = h('input#apply-dry', { type: 'checkbox' });
  const results = h('div.apply-results#apply-results', { 'aria-live': 'polite' });
  const errorLines = new Map<number, string>();

  const renderGutter = () => {
    const n = editor.value.split('\n').length;
    const frag = document.createDocumentFragment();
    for (let i = 1; i <= n; i++) frag.append(h('div', { class: errorLines.has(i) ? 'err' : undefined, title: errorLines.get(i) }, String(i)));
    gutter.replaceChildren(frag);
    gutter.scrollTop = editor.scrollTop;
  };
  editor.addEventListener('input', () => {
    errorLines.clear();
    renderGutter();
  });
  editor.addEventListener('scroll', () => (gutter.scrollTop = editor.scrollTop));
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    void f.text().then((t) => {
      editor.value = t;
      errorLines.clear();
      renderGutter();
    });
  });

  replace(
    root,
    h('div.page-head', null, h('h1', null, 'Apply YAML')),
    h('p.subtle#apply-help', null, 'Paste or upload manifests (several documents separated by ---). Each object is sent with server-side apply (field manager podyard-dashboard) or created; namespaced objects without a namespace go to ', h('strong', null, ctx.ns || 'default'), '.'),
    h(
      'form.apply-form',
      { onsubmit: (e: Event) => (e.preventDefault(), void submit()) },
      h('div.editor', null, gutter, editor),
      h(
        'div.toolbar',
        null,
        h('label', null, 'Upload ', file),
        h('label', null, 'Mode ', mode),
        h('label.check', null, dry, ' Dry run (validate only)'),
        h('button.primary#apply-submit', { type: 'submit' }, 'Apply'),
      ),
    ),
    results,
  );
  renderGutter();

  function selectLine(line: number): void {
    const lines = editor.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    editor.focus();
    editor.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 20;
    editor.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  async function submit(): Promise<void> {
    const text = editor.value;
    errorLines.clear();
    results.replaceChildren();
    const docs = parseAllDocuments(text);
    const items: HTMLElement[] = [];
    const syntax = docs.flatMap((d) => ('errors' in d ? d.errors : []));
    if (syntax.length) {
      for (const e of syntax) {
        const line = e.linePos?.[0]?.line;
        if (line) errorLines.set(line, e.message);
        items.push(h('li.result.bad', null, line ? h('button.link', { type: 'button', onclick: () => selectLine(line) }, `Line ${line}`) : null, ` ${e.message}`));
      }
      renderGutter();
      replace(results, h('h2', null, 'The YAML does not parse'), h('ul.results', null, items));
      return;
    }
    let map: Map<string, ApiResource>;
    try {
      map = await resources();
    } catch (err) {
      replace(results, h('p.error-text', null, `Discovery failed: ${String(err)}`));
      return;
    }
    for (const doc of docs as Document[]) {
      const obj = doc.toJS() as KubeObject | null;
      if (!obj) continue;
      const label = `${obj.kind ?? '?'} ${obj.metadata?.name ?? '?'}`;
      const res = map.get(`${obj.kind ?? ''}@${obj.apiVersion ?? ''}`);
      if (!res || !obj.metadata?.name) {
        const line = lineOf(doc, text, res ? 'metadata.name' : 'kind');
        if (line) errorLines.set(line, res ? 'metadata.name is required' : 'kind not served');
        items.push(h('li.result.bad', null, h('strong', null, label), res ? ': metadata.name is required' : `: the server does not serve kind "${obj.kind ?? ''}" in "${obj.apiVersion ?? ''}"`));
        continue;
      }
      const ns = res.namespaced ? (obj.metadata.namespace ?? (ctx.ns || 'default')) : undefined;
      const group = obj.apiVersion === 'v1' ? '' : (obj.apiVersion ?? '');
      const q = new URLSearchParams({ fieldManager: 'podyard-dashboard', fieldValidation: 'Strict' });
      if (dry.checked) q.set('dryRun', 'All');
      try {
        if (mode.value === 'create') {
          await api(`${collectionPath(res.name, ns, group)}?${q.toString()}`, { method: 'POST', body: JSON.stringify(obj) });
        } else {
          q.set('force', 'true');
          await api(`${objectPath(res.name, ns, obj.metadata.name, group)}?${q.toString()}`, { method: 'PATCH', body: JSON.stringify(obj), contentType: 'application/apply-patch+yaml' });
        }
        items.push(h('li.result.ok', null, h('strong', null, label), ` ${dry.checked ? 'is valid (dry run)' : mode.value === 'create' ? 'created' : 'applied'}`));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const causes: StatusCause[] = err.status.details?.causes ?? [];
        items.push(
          h(
            'li.result.bad',
            null,
            h('strong', null, label),
            `: ${err.message}`,
            causes.length
              ? h(
                  'ul.causes',
                  null,
                  causes.map((c) => {
                    const line = c.field ? lineOf(doc, text, c.field) : undefined;
                    if (line) errorLines.set(line, `${c.field ?? ''}: ${c.message ?? c.reason ?? ''}`);
                    return h(
                      'li.cause',
                      { dataset: { field: c.field ?? '' } },
                      line ? h('button.link', { type: 'button', onclick: () => selectLine(line) }, `Line ${line}`) : null,
                      ' ',
                      h('code', null, c.field ?? ''),
                      `: ${c.message ?? c.reason ?? ''}`,
                    );
                  }),
                )
              : null,
          ),
        );
      }
    }
    renderGutter();
    replace(results, h('ul.results', null, items));
    announce(`${items.filter((i) => i.classList.contains('ok')).length} of ${items.length} objects ${dry.checked ? 'valid' : 'applied'}`);
  }
  return undefined;
};
