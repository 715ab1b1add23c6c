// A small overview: pods by STATUS, counts of the other kinds, the nodes, and recent warnings.
import { h, replace } from '../dom.js';
import { api, collectionPath, liveList } from '../api.js';
import { age, cell, tone } from '../format.js';
import type { Event, KubeObject, List, Node, TableRow } from '../types.js';
import type { View } from '../context.js';
import { statusBadge } from './pods.js';

export const overviewView: View = (root, ctx) => {
  const ns = ctx.ns || undefined;
  const podsCard = h('article.card#overview-pods', { 'aria-labelledby': 'ov-pods' });
  const countsCard = h('article.card', { 'aria-labelledby': 'ov-objects' });
  const nodesCard = h('article.card', { 'aria-labelledby': 'ov-nodes' });
  const warnCard = h('article.card.span-2', { 'aria-labelledby': 'ov-warn' });
  replace(
    root,
    h('div.page-head', null, h('h1', null, 'Overview'), h('span.subtle', null, ns ? `namespace ${ns}` : 'all namespaces')),
    h('div.cards.overview', null, podsCard, countsCard, nodesCard, warnCard),
  );

  let pods = new Map<string, TableRow>();
  const counts: Record<string, number> = {};
  let nodes: Node[] = [];
  let warnings: Event[] = [];

  const renderPods = () => {
    const by = new Map<string, number>();
    for (const r of pods.values()) by.set(cell(r, 'Status'), (by.get(cell(r, 'Status')) ?? 0) + 1);
    const order = ['bad', 'warn', 'ok', 'neutral'];
    const groups = [...by.entries()].sort((a, b) => order.indexOf(tone(a[0])) - order.indexOf(tone(b[0])) || b[1] - a[1]);
    replace(
      podsCard,
      h('h2#ov-pods', null, h('a', { href: '#/pods' }, 'Pods'), ' ', h('span.big', null, String(pods.size))),
      groups.length ? h('ul.status-counts', null, groups.map(([s, n]) => h('li', null, statusBadge(s), ` ${n}`))) : h('p.empty', null, 'No pods yet. ', h('a', { href: '#/apply' }, 'Apply a manifest'), ' — for instance examples/mc1-shared-volume.yaml.'),
    );
  };
  const renderCounts = () =>
    replace(
      countsCard,
      h('h2#ov-objects', null, 'Objects'),
      h(
        'ul.count-list',
        null,
        ['services', 'configmaps', 'secrets'].map((r) => h('li', null, h('a', { href: `#/${r}` }, { services: 'Services', configmaps: 'ConfigMaps', secrets: 'Secrets' }[r]), h('span.big', null, String(counts[r] ?? '…')))),
      ),
    );
  const renderNodes = () =>
    replace(
      nodesCard,
      h('h2#ov-nodes', null, h('a', { href: '#/nodes' }, 'Nodes')),
      h(
        'ul.count-list',
        null,
        nodes.map((n) => {
          const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
          return h('li', null, h('a', { href: `#/nodes/${encodeURIComponent(n.metadata.name)}` }, n.metadata.name), statusBadge(ready ? 'Ready' : 'NotReady'), h('span.subtle', null, ` cpu ${n.status?.allocatable?.cpu ?? '?'} · memory ${n.status?.allocatable?.memory ?? '?'}`));
        }),
      ),
    );
  const renderWarnings = () => {
    const when = (e: Event) => e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
    const recent = warnings.sort((a, b) => (when(a) > when(b) ? -1 : 1)).slice(0, 8);
    replace(
      warnCard,
      h('h2#ov-warn', null, 'Recent warnings'),
      recent.length
        ? h(
            'ul.warnings',
            null,
            recent.map((e) =>
              h(
                'li',
                null,
                h('strong', null, e.reason ?? ''),
                ' ',
                e.involvedObject.kind === 'Pod'
                  ? h('a', { href: `#/pods/${encodeURIComponent(e.involvedObject.namespace ?? '')}/${encodeURIComponent(e.involvedObject.name ?? '')}/events` }, `${e.involvedObject.namespace}/${e.involvedObject.name}`)
                  : `${e.involvedObject.kind ?? ''} ${e.involvedObject.name ?? ''}`,
                h('span.subtle', null, ` ${age(when(e))} ago`),
                h('div.message', null, e.message ?? ''),
              ),
            ),
          )
        : h('p.empty', null, 'None. All quiet.'),
    );
  };
  renderPods();
  renderCounts();
  renderNodes();
  renderWarnings();

  const stops = [
    liveList<TableRow>(collectionPath('pods', ns), { table: true, onChange: (i) => ((pods = i), renderPods()) }),

    liveList<Node>('/api/v1/nodes', { onChange: (i) => ((nodes = [...i.values()]), renderNodes()) }),
    liveList<Event>(collectionPath('events', ns), { query: { fieldSelector: 'type=Warning' }, onChange: (i) => ((warnings = [...i.values()]), renderWarnings()) }),
  ];
  // Counts are polled, not watched: a browser opens at most six HTTP/1.1 connections to one
  // server, and every watch holds one.
  const abort = new AbortController();
  const poll = () =>
    Promise.all(
      ['services', 'configmaps', 'secrets'].map(async (r) => {
        const list = await api<List<KubeObject>>(`${collectionPath(r, ns)}?limit=500`, { signal: abort.signal });
        counts[r] = list.items.length;
      }),
    ).then(renderCounts, () => undefined);
  void poll();
  const timer = setInterval(() => void poll(), 5000);
  return () => {
    abort.abort();
    clearInterval(timer);
    stops.forEach((s) => s.stop());
  };
};
