// Pods, live: a Table list then a Table watch, so STATUS, READY and RESTARTS are the server's
// own kubectl columns. Rows are patched in place, so a page of 110 pods stays cheap to update.
import { h, replace } from '../dom.js';
import { collectionPath, liveList } from '../api.js';
import { age, cell, tone } from '../format.js';
import type { TableRow } from '../types.js';
import type { View } from '../context.js';

interface RowView {
  tr: HTMLTableRowElement;
  cells: HTMLTableCellElement[];
  values: string[];
}

/** A status word in a coloured pill (text carries the meaning; colour only helps). */
export function statusBadge(status: string): HTMLElement {
  return h('span.badge', { class: `tone-${tone(status)}` }, status);
}

export const podsView: View = (root, ctx) => {
  const all = ctx.ns === '';
  const filter = h('input#pod-filter', { type: 'search', placeholder: 'Filter by name', 'aria-label': 'Filter pods by name', autocomplete: 'off' });
  const count = h('span.count', { 'aria-live': 'polite' });
  const headers = [...(all ? ['Namespace'] : []), 'Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node'];
  const tbody = h('tbody');
  const empty = h('p.empty', { hidden: true }, 'No pods here yet. Apply a manifest to create one.');
  replace(
    root,
    h('div.page-head', null, h('h1', null, 'Pods'), h('span.subtle', null, all ? 'all namespaces' : `namespace ${ctx.ns}`), count),
    h('div.toolbar', null, filter, h('a.button', { href: '#/apply' }, 'Apply YAML')),
    h('div.table-wrap', null, h('table.data#pods-table', { 'aria-label': 'Pods' }, h('thead', null, h('tr', null, headers.map((c) => h('th', { scope: 'col' }, c)))), tbody)),
    empty,
  );

  const rows = new Map<string, RowView>();
  let latest = new Map<string, TableRow>();

  function valuesOf(row: TableRow): string[] {
    const meta = row.object?.metadata;
    return [
      ...(all ? [meta?.namespace ?? ''] : []),
      meta?.name ?? cell(row, 'Name'),
      cell(row, 'Ready'),
      cell(row, 'Status'),
      cell(row, 'Restarts'),
      age(meta?.creationTimestamp),
      cell(row, 'IP'),
      cell(row, 'Node'),
    ];
  }

  function makeRow(row: TableRow): RowView {
    const meta = row.object?.metadata;
    const cells = headers.map((_, i) => h(i === (all ? 1 : 0) ? 'th' : 'td', i === (all ? 1 : 0) ? { scope: 'row' } : null));
    const tr = h('tr', { dataset: { pod: `${meta?.namespace ?? ''}/${meta?.name ?? ''}` } }, cells);
    return { tr, cells, values: [] };
  }

  function update(view: RowView, row: TableRow): void {
    const values = valuesOf(row);
    const meta = row.object?.metadata;
    values.forEach((v, i) => {
      if (view.values[i] === v) return;
      const name = headers[i];
      const c = view.cells[i]!;
      if (name === 'Name') replace(c, h('a', { href: `#/pods/${encodeURIComponent(meta?.namespace ?? '')}/${encodeURIComponent(v)}` }, v));
      else if (name === 'Status') replace(c, statusBadge(v));
      else c.textContent = v;
    });
    view.values = values;
  }

  function renderRows(): void {
    const q = filter.value.trim().toLowerCase();
    const sorted = [...latest.entries()]
      .filter(([, r]) => !q || (r.object?.metadata.name ?? '').toLowerCase().includes(q))
      .sort(([, a], [, b]) => {
        const ka = `${a.object?.metadata.namespace ?? ''}/${a.object?.metadata.name ?? ''}`;
        const kb = `${b.object?.metadata.namespace ?? ''}/${b.object?.metadata.name ?? ''}`;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
    for (const [key, view] of rows) {
      if (!latest.has(key)) {
        view.tr.remove();
        rows.delete(key);
      }
    }
    let prev: HTMLTableRowElement | null = null;
    const visible = new Set<string>();
    for (const [key, row] of sorted) {
      visible.add(key);
      let view = rows.get(key);
      if (!view) rows.set(key, (view = makeRow(row)));
      update(view, row);
      const want: ChildNode | null = prev ? prev.nextSibling : tbody.firstChild;
      if (want !== view.tr) tbody.insertBefore(view.tr, want);
      prev = view.tr;
    }
    for (const [key, view] of rows) if (!visible.has(key)) view.tr.remove();
    count.textContent = `${latest.size} pod${latest.size === 1 ? '' : 's'}`;
    empty.hidden = latest.size > 0;
  }

  filter.addEventListener('input', renderRows);
  const list = liveList<TableRow>(collectionPath('pods', ctx.ns || undefined), {
    table: true,
    onChange: (items) => {
      latest = items;
      renderRows();
    },
  });
  // Ages move on their own.
  const timer = setInterval(renderRows, 5000);
  return () => {
    list.stop();
    clearInterval(timer);
  };
};
