// Services, ConfigMaps, Secrets and Nodes: live Table lists (the server's kubectl columns) and
// a detail page for each (Secret values stay hidden until asked).
import { h, replace } from '../dom.js';
import { api, ApiError, collectionPath, liveList, objectPath } from '../api.js';
import { age, cell, decodeBase64 } from '../format.js';
import type { KubeObject, Node, Pod, Service, TableRow } from '../types.js';
import type { View } from '../context.js';
import { eventsPanel } from './pod-detail.js';
import { statusBadge } from './pods.js';
import { confirmDialog, errorBox, yamlPanel } from './common.js';

const clusterScoped = new Set(['nodes']);

/** A live list of any resource as the server's Table prints it. */
function tableView(resource: string, title: string, hiddenColumns: string[] = []): View {
  return (root, ctx) => {
    const ns = clusterScoped.has(resource) ? undefined : ctx.ns || undefined;
    const thead = h('thead');
    const tbody = h('tbody');
    const count = h('span.count');
    const empty = h('p.empty', { hidden: true }, `No ${title} here.`);
    replace(
      root,
      h('div.page-head', null, h('h1', null, title), h('span.subtle', null, clusterScoped.has(resource) ? 'cluster-wide' : ns ? `namespace ${ns}` : 'all namespaces'), count),
      h('div.table-wrap', null, h('table.data', { id: `${resource}-table`, 'aria-label': title }, thead, tbody)),
      empty,
    );
    const list = liveList<TableRow>(collectionPath(resource, ns), {
      table: true,
      onChange: (items) => {
        const rows = [...items.values()].sort((a, b) => {
          const ka = `${a.object?.metadata.namespace ?? ''}/${a.object?.metadata.name ?? ''}`;
          const kb = `${b.object?.metadata.namespace ?? ''}/${b.object?.metadata.name ?? ''}`;
          return ka < kb ? -1 : ka > kb ? 1 : 0;
        });
        const cols = (rows[0]?.columns ?? []).map((c, i) => ({ ...c, i })).filter((c) => c.priority === 0 && !hiddenColumns.includes(c.name));
        const showNs = !ns && !clusterScoped.has(resource);
        replace(thead, h('tr', null, showNs ? h('th', { scope: 'col' }, 'Namespace') : null, cols.map((c) => h('th', { scope: 'col' }, c.name))));
        replace(
          tbody,
          rows.map((r) => {
            const meta = r.object?.metadata;
            return h(
              'tr',
              null,
              showNs ? h('td', null, meta?.namespace ?? '') : null,
              cols.map((c) => {
                const v = c.name === 'Age' ? age(meta?.creationTimestamp) : cell(r, c.name);
                if (c.name === 'Name') {
                  const href = clusterScoped.has(resource) ? `#/${resource}/${encodeURIComponent(v)}` : `#/${resource}/${encodeURIComponent(meta?.namespace ?? '')}/${encodeURIComponent(v)}`;
                  return h('th', { scope: 'row' }, h('a', { href }, v));
                }
                if (c.name === 'Status') return h('td', null, statusBadge(v));
                return h('td', null, v);
              }),
            );
          }),
        );
        count.textContent = `${rows.length}`;
        empty.hidden = rows.length > 0;
      },
    });
    return () => list.stop();
  };
}

export const servicesView = tableView('services', 'Services');
export const configMapsView = tableView('configmaps', 'ConfigMaps');
export const secretsView = tableView('secrets', 'Secrets');

/** Nodes as cards: capacity, allocatable and the pods bound to each. */
export const nodesView: View = (root) => {
  const cards = h('div.cards');
  replace(root, h('div.page-head', null, h('h1', null, 'Nodes'), h('span.subtle', null, 'cluster-wide')), cards);
  let nodes: Node[] = [];
  let pods: Pod[] = [];
  const render = () => replace(cards, nodes.map((n) => nodeCard(n, pods)));
  const n = liveList<Node>('/api/v1/nodes', { onChange: (items) => ((nodes = [...items.values()]), render()) });
  const p = liveList<Pod>('/api/v1/pods', { onChange: (items) => ((pods = [...items.values()]), render()) });
  return () => {
    n.stop();
    p.stop();
  };
};

function nodeCard(node: Node, pods: Pod[]): HTMLElement {
  const st = node.status ?? {};
  const ready = st.conditions?.find((c) => c.type === 'Ready');
  const mine = pods.filter((p) => p.spec.nodeName === node.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const keys = ['cpu', 'memory', 'pods', 'ephemeral-storage'];
  return h(
    'article.card.node-card',
    { 'aria-label': `Node ${node.metadata.name}` },
    h('h2', null, h('a', { href: `#/nodes/${encodeURIComponent(node.metadata.name)}` }, node.metadata.name), ' ', statusBadge(ready?.status === 'True' ? 'Ready' : 'NotReady')),
    h('p.subtle', null, [st.nodeInfo?.osImage, st.nodeInfo?.kubeletVersion, st.addresses?.find((a) => a.type === 'InternalIP')?.address].filter(Boolean).join(' · ')),
    h(
      'table.kv',
      null,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Resource'), h('th', { scope: 'col' }, 'Capacity'), h('th', { scope: 'col' }, 'Allocatable'))),
      h('tbody', null, keys.map((k) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, quantity(st.capacity?.[k])), h('td', null, quantity(st.allocatable?.[k]))))),
    ),
    h('p', null, h('strong', null, `${mine.length}`), ` pod${mine.length === 1 ? '' : 's'} running here`, st.allocatable?.pods ? ` (of ${st.allocatable.pods} allowed)` : ''),
    mine.length
      ? h('ul.pill-list', { 'aria-label': 'Pods on this node' }, mine.slice(0, 60).map((p) => h('li', null, h('a', { href: `#/pods/${encodeURIComponent(p.metadata.namespace ?? '')}/${encodeURIComponent(p.metadata.name)}` }, `${p.metadata.namespace}/${p.metadata.name}`))))
      : null,
  );
}

/** A quantity as the API gives it, with a binary-unit reading for big Ki values. */
function quantity(q: string | undefined): string {
  if (!q) return '–';
  const m = /^(\d+)Ki$/.exec(q);
  if (!m) return q;
  const gib = Number(m[1]) / 1024 / 1024;
  return gib >= 1 ? `${q} (${gib.toFixed(1)} GiB)` : q;
}

/** The detail page of one Service, ConfigMap, Secret or Node. */
export function resourceDetailView(resource: string): View {
  return (root, ctx) => {
    const cluster = clusterScoped.has(resource);
    const ns = cluster ? undefined : ctx.params[0];
    const name = (cluster ? ctx.params[0] : ctx.params[1]) ?? '';
    const path = objectPath(resource, ns, name);
    const body = h('div.detail-body');
    const yaml = h('section.detail-yaml', { 'aria-label': 'YAML' });
    const events = h('section', { 'aria-label': 'Events' });
    const del = cluster ? null : h('button.danger', { type: 'button', onclick: () => void remove() }, 'Delete');
    const titles: Record<string, string> = { services: 'Services', configmaps: 'ConfigMaps', secrets: 'Secrets', nodes: 'Nodes' };
    replace(
      root,
      h('nav.crumbs', { 'aria-label': 'Breadcrumb' }, h('a', { href: `#/${resource}` }, titles[resource] ?? resource), ns ? ` / ${ns} /` : ' /'),
      h('div.page-head', null, h('h1', null, name), h('span.spacer'), del),
      body,
      h('h2', null, 'Events'),
      events,
      h('h2', null, 'YAML'),
      yaml,
    );
    const stops: (() => void)[] = [];
    const abort = new AbortController();
    api<KubeObject>(path, { signal: abort.signal }).then(
      (obj) => {
        if (resource === 'secrets') replace(body, dataTable(obj.data as Record<string, string> | undefined, true, `type ${String(obj.type)}`));
        else if (resource === 'configmaps') replace(body, dataTable(obj.data as Record<string, string> | undefined, false, ''));
        else if (resource === 'services') stops.push(serviceBody(body, obj as Service));
        else if (resource === 'nodes') stops.push(nodeBody(body, obj));
      },
      (err: unknown) => {
        if (!abort.signal.aborted) replace(body, errorBox(err instanceof ApiError ? err.message : String(err)));
      },
    );
    stops.push(eventsPanel(events, ns ?? 'default', name, { services: 'Service', configmaps: 'ConfigMap', secrets: 'Secret', nodes: 'Node' }[resource] ?? ''));
    if (resource !== 'secrets') stops.push(yamlPanel(yaml, path));
    else replace(yaml, h('p.subtle', null, 'Not shown for Secrets: it would reveal every value.'));

    async function remove(): Promise<void> {
      if (!(await confirmDialog(`Delete ${resource.replace(/s$/, '')} ${name}?`, 'This cannot be undone.', 'Delete'))) return;
      try {
        await api(path, { method: 'DELETE' });
        ctx.navigate(`#/${resource}`);
      } catch (err) {
        replace(body, errorBox(err instanceof ApiError ? err.message : String(err)));
      }
    }
    return () => {
      abort.abort();
      for (const s of stops) s();
    };
  };
}

function dataTable(data: Record<string, string> | undefined, secret: boolean, note: string): HTMLElement {
  const entries = Object.entries(data ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!entries.length) return h('p.empty', null, 'No data.');
  return h(
    'div',
    null,
    note ? h('p.subtle', null, note) : null,
    h(
      'dl.data-list',
      null,
      entries.map(([k, v]) => {
        const value = h('pre.value', { hidden: secret }, secret ? '' : v);
        const masked = h('span.masked', { hidden: !secret, 'aria-label': 'hidden value' }, '••••••••');
        const toggle = secret
          ? h('button.small', {
              type: 'button',
              'aria-expanded': 'false',
              'aria-label': `Show value of ${k}`,
              onclick: (e: MouseEvent) => {
                const b = e.currentTarget as HTMLButtonElement;
                const show = value.hidden;
                value.textContent = show ? decodeBase64(v) : '';
                value.hidden = !show;
                masked.hidden = show;
                b.textContent = show ? 'Hide' : 'Show';
                b.setAttribute('aria-expanded', String(show));
                b.setAttribute('aria-label', `${show ? 'Hide' : 'Show'} value of ${k}`);
              },
            }, 'Show')
          : null;
        return [h('dt', null, h('code', null, k), ' ', toggle), h('dd', null, masked, value)];
      }),
    ),
  );
}

function serviceBody(root: HTMLElement, svc: Service): () => void {
  const podsList = h('ul.pill-list', { 'aria-label': 'Selected pods' });
  const selector = Object.entries(svc.spec.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  replace(
    root,
    h(
      'dl.facts.wide',
      null,
      h('dt', null, 'Type'),
      h('dd', null, svc.spec.type ?? 'ClusterIP'),
      h('dt', null, 'Cluster IP'),
      h('dd', null, svc.spec.clusterIP ?? ''),
      h('dt', null, 'Selector'),
      h('dd', null, selector || '(none)'),
      h('dt', null, 'Ports'),
      h('dd', null, (svc.spec.ports ?? []).map((p) => `${p.name ? `${p.name} ` : ''}${p.port}→${String(p.targetPort ?? p.port)}/${p.protocol ?? 'TCP'}${p.nodePort ? ` (NodePort ${p.nodePort})` : ''}`).join(', ')),
    ),
    h('h2', null, 'Pods it selects'),
    podsList,
  );
  if (!selector) return () => undefined;
  const list = liveList<Pod>(collectionPath('pods', svc.metadata.namespace), {
    query: { labelSelector: selector },
    onChange: (items) =>
      replace(
        podsList,
        [...items.values()].map((p) => h('li', null, h('a', { href: `#/pods/${encodeURIComponent(p.metadata.namespace ?? '')}/${encodeURIComponent(p.metadata.name)}` }, p.metadata.name), ` ${p.status?.podIP ?? ''}`)),
      ),
  });
  return () => list.stop();
}

function nodeBody(root: HTMLElement, node: Node): () => void {
  let pods: Pod[] = [];
  const render = () => replace(root, nodeCard(node, pods));
  render();
  const list = liveList<Pod>('/api/v1/pods', { query: { fieldSelector: `spec.nodeName=${node.metadata.name}` }, onChange: (items) => ((pods = [...items.values()]), render()) });
  return () => list.stop();
}
