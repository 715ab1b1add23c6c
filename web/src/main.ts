// The dashboard shell: header with navigation and the namespace picker, a hash router, and the
// views. Everything talks to the Kubernetes API of the server that served this page.
import '@xterm/xterm/css/xterm.css';
import './styles.css';
import { h, replace } from './dom.js';
import { liveList } from './api.js';
import type { KubeObject } from './types.js';
import type { View, ViewContext } from './context.js';
import { podsView } from './views/pods.js';
import { podDetailView } from './views/pod-detail.js';
import { configMapsView, secretsView, servicesView, nodesView, resourceDetailView } from './views/resources.js';
import { overviewView } from './views/overview.js';
import { applyView } from './views/apply.js';

const routes: Record<string, { title: string; list: View; detail?: View; nav: boolean }> = {
  overview: { title: 'Overview', list: overviewView, nav: true },
  pods: { title: 'Pods', list: podsView, detail: podDetailView, nav: true },
  services: { title: 'Services', list: servicesView, detail: resourceDetailView('services'), nav: true },
  configmaps: { title: 'ConfigMaps', list: configMapsView, detail: resourceDetailView('configmaps'), nav: true },
  secrets: { title: 'Secrets', list: secretsView, detail: resourceDetailView('secrets'), nav: true },
  nodes: { title: 'Nodes', list: nodesView, detail: resourceDetailView('nodes'), nav: true },
  apply: { title: 'Apply', list: applyView, nav: true },
};

let ns = localStorage.getItem('podyard.namespace') ?? 'default';
let cleanup: (() => void) | void;
let firstRender = true;

const nsSelect = h('select#namespace', { 'aria-label': 'Namespace', onchange: () => setNamespace(nsSelect.value) });
const navList = h('ul.nav-list');
const main = h('main#main', { tabindex: '-1' });
const shell = h(
  'div.shell',
  null,
  h(
    'header.topbar',
    null,
    h('a.brand', { href: '#/overview', 'aria-label': 'Podyard overview' }, h('span.brand-mark', { 'aria-hidden': 'true' }), 'Podyard'),
    h('nav', { 'aria-label': 'Main' }, navList),
    h('label.ns-picker', null, h('span', null, 'Namespace'), nsSelect),
    h('button.logout', { type: 'button', onclick: () => void logout() }, 'Log out'),
  ),
  main,
  h('div#announcer.visually-hidden', { 'aria-live': 'polite', role: 'status' }),
);
document.getElementById('app')!.replaceWith(shell);

function setNamespace(value: string): void {
  ns = value;
  localStorage.setItem('podyard.namespace', ns);
  render();
}

function renderNamespaces(items: Map<string, KubeObject>): void {
  const names = [...items.values()].map((n) => n.metadata.name).sort();
  if (ns && !names.includes(ns)) names.push(ns);
  replace(
    nsSelect,
    h('option', { value: '' }, 'All namespaces'),
    names.map((n) => h('option', { value: n, selected: n === ns }, n)),
  );
  nsSelect.value = ns;
}
liveList<KubeObject>('/api/v1/namespaces', { onChange: renderNamespaces });

function parseHash(): { view: string; params: string[] } {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { view: parts[0] ?? 'overview', params: parts.slice(1) };
}

function render(): void {
  const { view, params } = parseHash();
  const route = routes[view] ?? routes.overview!;
  if (typeof cleanup === 'function') cleanup();
  replace(
    navList,
    Object.entries(routes)
      .filter(([, r]) => r.nav)
      .map(([key, r]) => h('li', null, h('a', { href: `#/${key}`, 'aria-current': key === view ? 'page' : undefined }, r.title))),
  );
  main.replaceChildren();
  const ctx: ViewContext = { ns, params, navigate: (hash) => (location.hash = hash) };
  const render = params.length && route.detail ? route.detail : route.list;
  cleanup = render(main, ctx);
  const heading = main.querySelector('h1');
  document.title = `${heading?.textContent ?? route.title} · Podyard`;
  if (!firstRender) main.focus({ preventScroll: true });
  firstRender = false;
}

async function logout(): Promise<void> {
  await fetch('/ui/logout', { method: 'POST', credentials: 'same-origin' });
  location.reload();
}

window.addEventListener('hashchange', render);
render();
