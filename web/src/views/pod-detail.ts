// One pod: its picture, logs, a terminal, events and YAML, with delete. Tabs switch in place
// (the address follows with replaceState) so watches are not restarted for nothing.
import { announce, h, replace } from '../dom.js';
import { api, ApiError, collectionPath, liveList, objectPath, tableAccept } from '../api.js';
import { age, cell } from '../format.js';
import type { Event, Pod, Service, Table, TableRow } from '../types.js';
import type { View } from '../context.js';
import { statusBadge } from './pods.js';
import { drawPictureLines, podPicture } from './pod-picture.js';
import { logsPanel } from './logs.js';
import { execPanel } from './exec.js';
import { confirmDialog, errorBox, yamlPanel } from './common.js';

const tabs = [
  { id: 'picture', label: 'Picture' },
  { id: 'logs', label: 'Logs' },
  { id: 'exec', label: 'Terminal' },
  { id: 'events', label: 'Events' },
  { id: 'yaml', label: 'YAML' },
] as const;
type TabId = (typeof tabs)[number]['id'];

export const podDetailView: View = (root, ctx) => {
  const [ns = 'default', name = ''] = ctx.params;
  let tab: TabId = (tabs.find((t) => t.id === ctx.params[2])?.id ?? 'picture');
  const badge = h('span.head-status');
  const deleteButton = h('button.danger#delete-pod', { type: 'button', onclick: () => void remove() }, 'Delete');
  const tabButtons = tabs.map((t) =>
    h('button.tab', { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': 'tab-panel', onclick: () => select(t.id), onkeydown: (e: KeyboardEvent) => keyNav(e) }, t.label),
  );
  const panel = h('section.tab-panel#tab-panel', { role: 'tabpanel', tabindex: '0' });
  const gone = h('div.notice', { hidden: true, role: 'alert' });
  replace(
    root,
    h('nav.crumbs', { 'aria-label': 'Breadcrumb' }, h('a', { href: '#/pods' }, 'Pods'), ' / ', h('span', null, ns), ' / '),
    h('div.page-head', null, h('h1', null, name), badge, h('span.spacer'), deleteButton),
    gone,
    h('div.tabs', { role: 'tablist', 'aria-label': 'Pod views' }, tabButtons),
    panel,
  );

  let pod: Pod | undefined;
  let services: Service[] = [];
  let stopPanel: (() => void) | undefined;
  let resizeObserver: ResizeObserver | undefined;
  let podSeen = false;

  // The STATUS words come from the server's Table printer (kubectl's exact column), fetched
  // again whenever the watched pod changes rather than watched: each watch holds one of the
  // browser's six connections to this server.
  let statusAbort: AbortController | undefined;
  function refreshStatus(): void {
    statusAbort?.abort();
    const abort = (statusAbort = new AbortController());
    api<Table>(objectPath('pods', ns, name), { accept: tableAccept, signal: abort.signal }).then(
      (t) => {
        const row = t.rows?.[0];
        if (row) {
          const r: TableRow = { ...row, columns: t.columnDefinitions };
          replace(badge, statusBadge(cell(r, 'Status')), h('span.subtle', null, ` ${cell(r, 'Ready')} ready · ${age(row.object?.metadata.creationTimestamp)} old`));
        }
      },
      () => undefined,
    );
  }
  const podWatch = liveList<Pod>(collectionPath('pods', ns), {
    query: { fieldSelector: `metadata.name=${name}` },
    onChange: (items) => {
      const next = [...items.values()][0];
      if (!next) {
        if (podWatch.synced) {
          gone.hidden = false;
          replace(gone, podSeen ? 'This pod has been deleted. ' : 'No pod by this name. ', h('a', { href: '#/pods' }, 'Back to the pods'));
          deleteButton.disabled = true;
        }
        pod = undefined;
        return;
      }
      const first = !pod;
      podSeen = true;
      refreshStatus();
      pod = next;
      gone.hidden = true;
      deleteButton.disabled = false;
      if (first || tab === 'picture') renderPanel(first);
    },
  });
  const svcWatch = liveList<Service>(collectionPath('services', ns), {
    onChange: (items) => {
      services = [...items.values()];
      if (tab === 'picture' && pod) renderPanel(false);
    },
  });

  function keyNav(e: KeyboardEvent): void {
    const i = tabs.findIndex((t) => t.id === tab);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    select(tabs[next]!.id);
    tabButtons[next]!.focus();
  }

  function select(id: TabId): void {
    if (id === tab) return;
    tab = id;
    history.replaceState(null, '', `#/pods/${encodeURIComponent(ns)}/${encodeURIComponent(name)}/${id}`);
    renderPanel(true);
  }

  function renderPanel(fresh: boolean): void {
    tabButtons.forEach((b, i) => {
      const on = tabs[i]!.id === tab;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    });
    panel.setAttribute('aria-labelledby', `tab-${tab}`);
    if (!pod) return;
    if (tab === 'picture') {
      if (fresh) {
        stopPanel?.();
        stopPanel = undefined;
      }
      const figure = podPicture(pod, services);
      const scroll = window.scrollY;
      replace(panel, figure);
      window.scrollTo({ top: scroll });
      requestAnimationFrame(() => drawPictureLines(figure));
      resizeObserver?.disconnect();
      resizeObserver = new ResizeObserver(() => drawPictureLines(figure));
      resizeObserver.observe(figure);
      return;
    }
    if (!fresh) return;
    resizeObserver?.disconnect();
    stopPanel?.();
    stopPanel = undefined;
    panel.replaceChildren();
    if (tab === 'logs') stopPanel = logsPanel(panel, pod);
    else if (tab === 'exec') stopPanel = execPanel(panel, pod);
    else if (tab === 'events') stopPanel = eventsPanel(panel, ns, name, 'Pod', pod.metadata.uid);
    else if (tab === 'yaml') stopPanel = yamlPanel(panel, objectPath('pods', ns, name));
  }

  async function remove(): Promise<void> {
    const ok = await confirmDialog(`Delete pod ${name}?`, 'Its containers are stopped (within the grace period) and the pod is removed.', 'Delete');
    if (!ok) return;
    try {
      await api(objectPath('pods', ns, name), { method: 'DELETE', body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1' }) });
      announce(`Pod ${name} is being deleted`);
      ctx.navigate('#/pods');
    } catch (err) {
      gone.hidden = false;
      replace(gone, errorBox(err instanceof ApiError ? err.message : String(err)));
    }
  }

  renderPanel(true);
  return () => {
    statusAbort?.abort();
    podWatch.stop();
    svcWatch.stop();
    resizeObserver?.disconnect();
    stopPanel?.();
  };
};

/** The Events about one object, newest last, live. */
export function eventsPanel(root: HTMLElement, ns: string, name: string, kind = 'Pod', uid?: string): () => void {
  const tbody = h('tbody');
  const empty = h('p.empty', null, 'No events yet.');
  const wrap = h(
      'div.table-wrap',
      { hidden: true },
      h('table.data#events-table', { 'aria-label': 'Events' }, h('thead', null, h('tr', null, ['Type', 'Reason', 'Age', 'From', 'Message'].map((c) => h('th', { scope: 'col' }, c)))), tbody),
    );
  replace(root, wrap, empty);
  const when = (e: Event) => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';
  const list = liveList<Event>(collectionPath('events', ns), {
    // Only this incarnation's events when the uid is known (a re-created pod keeps its name).
    query: { fieldSelector: `involvedObject.name=${name},involvedObject.kind=${kind}${uid ? `,involvedObject.uid=${uid}` : ''}` },
    onChange: (items) => {
      const events = [...items.values()].sort((a, b) => (when(a) < when(b) ? -1 : 1));
      empty.hidden = events.length > 0;
      wrap.hidden = events.length === 0;
      replace(
        tbody,
        events.map((e) =>
          h(
            'tr',
            { class: e.type === 'Warning' ? 'warning-row' : undefined },
            h('td', null, e.type ?? ''),
            h('td', null, e.reason ?? ''),
            h('td', null, `${age(when(e))}${e.count && e.count > 1 ? ` (x${e.count})` : ''}`),
            h('td', null, e.source?.component ?? ''),
            h('td.message', null, e.message ?? ''),
          ),
        ),
      );
    },
  });
  return () => list.stop();
}
