// The picture of a pod: its containers as boxes inside the pod's boundary, the namespaces they
// share (network: one IP and every container's ports, with the Services that expose them; IPC;
// UTS: the hostname), init containers and sidecars in start order, and the volumes as a shelf
// with a line to every container that mounts them. HTML for the boxes, an SVG overlay for lines.
import { h, svg } from '../dom.js';
import { age } from '../format.js';
import type { Container, ContainerState, ContainerStatus, Pod, Service, Volume } from '../types.js';

/** How one Service reaches one container port. */
interface Exposure {
  service: string;
  type: string;
  port: number;
  nodePort?: number;
}

/** The Services whose selector matches the pod, and through which of their ports each container port is reached. */
export function exposures(pod: Pod, services: Service[], container: Container): Map<number, Exposure[]> {
  const out = new Map<number, Exposure[]>();
  const labels = pod.metadata.labels ?? {};
  for (const svc of services) {
    const sel = svc.spec.selector;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (!Object.entries(sel).every(([k, v]) => labels[k] === v)) continue;
    for (const sp of svc.spec.ports ?? []) {
      const target = sp.targetPort ?? sp.port;
      for (const cp of container.ports ?? []) {
        const hit = typeof target === 'number' ? target === cp.containerPort : target === cp.name || String(cp.containerPort) === target;
        if (!hit || (sp.protocol ?? 'TCP') !== (cp.protocol ?? 'TCP')) continue;
        const list = out.get(cp.containerPort) ?? [];
        list.push({ service: svc.metadata.name, type: svc.spec.type ?? 'ClusterIP', port: sp.port, ...(sp.nodePort ? { nodePort: sp.nodePort } : {}) });
        out.set(cp.containerPort, list);
      }
    }
  }
  return out;
}

/** One line describing a container state, as `kubectl describe` words it. */
export function stateText(state: ContainerState | undefined): { word: string; detail: string } {
  if (state?.running) return { word: 'Running', detail: state.running.startedAt ? `for ${age(state.running.startedAt)}` : '' };
  if (state?.terminated) {
    const t = state.terminated;
    return { word: t.reason ?? 'Terminated', detail: `exit code ${t.exitCode ?? '?'}${t.finishedAt ? `, ${age(t.finishedAt)} ago` : ''}` };
  }
  if (state?.waiting) return { word: state.waiting.reason ?? 'Waiting', detail: state.waiting.message ?? '' };
  return { word: 'Not created', detail: '' };
}

function stateTone(word: string): string {
  if (word === 'Running') return 'ok';
  if (word === 'Completed') return 'neutral';
  if (/Error|BackOff|OOMKilled|Err/.test(word)) return 'bad';
  return 'warn';
}

function volumeSource(v: Volume): string {
  const kind = Object.keys(v).find((k) => k !== 'name') ?? 'emptyDir';
  const src = v[kind] as Record<string, unknown> | undefined;
  const ref = (src?.name ?? src?.secretName ?? src?.claimName ?? src?.path) as string | undefined;
  const medium = kind === 'emptyDir' && src?.medium === 'Memory' ? ' (tmpfs)' : '';
  return ref ? `${kind}: ${ref}` : `${kind}${medium}`;
}

function yesNo(label: string, value: boolean | undefined): HTMLElement {
  const known = value !== undefined;
  return h(
    'span.probe',
    { class: known ? (value ? 'yes' : 'no') : 'unknown' },
    h('span.probe-mark', { 'aria-hidden': 'true' }, known ? (value ? '✓' : '✗') : '–'),
    `${label}: ${known ? (value ? 'yes' : 'no') : 'unknown'}`,
  );
}

function probeList(c: Container): string[] {
  const out: string[] = [];
  const describe = (name: string, p: Container['readinessProbe']) => {
    if (!p) return;
    const how = p.httpGet ? `HTTP GET :${p.httpGet.port}${p.httpGet.path ?? '/'}` : p.tcpSocket ? `TCP :${p.tcpSocket.port}` : p.exec ? `exec ${(p.exec.command ?? []).join(' ')}` : p.grpc ? `gRPC :${p.grpc.port}` : '';
    out.push(`${name}: ${how}`);
  };
  describe('startup', c.startupProbe);
  describe('liveness', c.livenessProbe);
  describe('readiness', c.readinessProbe);
  return out;
}

function containerBox(pod: Pod, c: Container, status: ContainerStatus | undefined, services: Service[], role: string, order?: number): HTMLElement {
  const { word, detail } = stateText(status?.state);
  const exposed = exposures(pod, services, c);
  const last = status?.lastState?.terminated;
  return h(
    'article.container-box',
    { dataset: { container: c.name, role }, 'aria-label': `${role} ${c.name}` },
    h(
      'header.container-head',
      null,
      order !== undefined ? h('span.order', { title: `starts ${ordinal(order)}` }, String(order)) : null,
      h('h3.container-name', null, c.name),
      h('span.role', null, role),
    ),
    h('div.image', { title: c.image ?? '' }, c.image ?? ''),
    c.command?.length || c.args?.length
      ? h('div.cmd', { title: [...(c.command ?? []), ...(c.args ?? [])].join(' ') }, h('span.subtle', null, 'runs '), [...(c.command ?? []), ...(c.args ?? [])].join(' '))
      : null,
    h(
      'div.state-line',
      null,
      h('span.badge', { class: `tone-${stateTone(word)}`, dataset: { state: word } }, word),
      detail ? h('span.subtle', null, ` ${detail}`) : null,
    ),
    h(
      'dl.facts',
      null,
      h('dt', null, 'Restarts'),
      h('dd', { dataset: { restarts: String(status?.restartCount ?? 0) } }, String(status?.restartCount ?? 0), last ? h('span.subtle', null, ` (last: ${last.reason ?? 'exited'}, code ${last.exitCode ?? '?'})`) : null),
    ),
    role === 'init container' ? null : h('div.probes', null, yesNo('started', status?.started), yesNo('ready', status?.ready)),
    probeList(c).length ? h('ul.probe-specs', { 'aria-label': 'Probes' }, probeList(c).map((p) => h('li', null, p))) : null,
    c.ports?.length
      ? h(
          'ul.ports',
          { 'aria-label': 'Ports' },
          c.ports.map((p) =>
            h(
              'li.port',
              { dataset: { port: String(p.containerPort) } },
              h('span.port-num', null, `${p.containerPort}/${p.protocol ?? 'TCP'}`),
              p.name ? h('span.subtle', null, ` ${p.name}`) : null,
              (exposed.get(p.containerPort) ?? []).map((e) =>
                h(
                  'span.exposure',
                  { dataset: { service: e.service } },
                  `← Service ${e.service}:${e.port}`,
                  e.nodePort ? ` · NodePort ${e.nodePort}` : '',
                  e.type !== 'ClusterIP' && !e.nodePort ? ` (${e.type})` : '',
                ),
              ),
            ),
          ),
        )
      : h('p.subtle.no-ports', null, 'No declared ports'),
    c.volumeMounts?.length
      ? h(
          'ul.mounts',
          { 'aria-label': 'Volume mounts' },
          c.volumeMounts.map((m) =>
            h(
              'li.mount',
              { dataset: { volume: m.name, mountPath: m.mountPath } },
              h('span.mount-path', null, m.mountPath),
              h('span.subtle', null, ` ← ${m.name}`),
              m.subPath ? h('span.tag', null, `subPath ${m.subPath}`) : null,
              m.subPathExpr ? h('span.tag', null, `subPathExpr ${m.subPathExpr}`) : null,
              h('span.tag', { class: m.readOnly ? 'ro' : 'rw' }, m.readOnly ? 'read-only' : 'read-write'),
            ),
          ),
        )
      : null,
  );
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}

/** The pod picture; call {@link drawPictureLines} once it is in the document (and on resize). */
export function podPicture(pod: Pod, services: Service[]): HTMLElement {
  const spec = pod.spec;
  const st = pod.status ?? {};
  const statusOf = (list: ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
  const inits = spec.initContainers ?? [];
  const hostname = spec.hostname ?? pod.metadata.name;
  const ip = st.podIPs?.map((p) => p.ip).join(', ') || st.podIP || 'not assigned yet';

  const shared = h(
    'ul.shared',
    { 'aria-label': 'What the containers share' },
    h('li.ns-net', null, h('strong', null, 'Network'), spec.hostNetwork ? ' the host’s network namespace' : ' one namespace', ' · IP ', h('code', { dataset: { podIp: ip } }, ip), ' · containers reach each other on localhost'),
    h('li.ns-ipc', null, h('strong', null, 'IPC'), spec.hostIPC ? ' the host’s IPC namespace' : ' one namespace (SysV queues, shared memory)'),
    h('li.ns-uts', null, h('strong', null, 'Hostname'), ' ', h('code', { dataset: { hostname } }, hostname)),
    h('li.ns-pid', null, h('strong', null, 'Processes'), spec.hostPID ? ' the host’s PID namespace' : spec.shareProcessNamespace ? ' one PID namespace (shareProcessNamespace)' : ' separate per container'),
  );

  const initRow = inits.length
    ? h(
        'section.init-row',
        { 'aria-label': 'Init containers, in start order' },
        h('h3.row-title', null, 'Init containers', h('span.subtle', null, ' · run in order before the app containers; sidecars keep running')),
        h(
          'ol.boxes.init-boxes',
          null,
          inits.map((c, i) =>
            h('li', null, containerBox(pod, c, statusOf(st.initContainerStatuses, c.name), services, c.restartPolicy === 'Always' ? 'sidecar' : 'init container', i + 1)),
          ),
        ),
      )
    : null;

  const appRow = h(
    'section.app-row',
    { 'aria-label': 'Containers' },
    h('h3.row-title', null, 'Containers', inits.length ? h('span.subtle', null, ' · start after the init containers') : null),
    h(
      'ul.boxes.app-boxes',
      null,
      spec.containers.map((c) => h('li', null, containerBox(pod, c, statusOf(st.containerStatuses, c.name), services, 'container'))),
    ),
  );

  const all = [...inits, ...spec.containers];
  const shelf = spec.volumes?.length
    ? h(
        'section.shelf',
        { 'aria-label': 'Volumes' },
        h('h3.row-title', null, 'Volumes', h('span.subtle', null, ' · shared by the containers that mount them')),
        h(
          'ul.volumes',
          null,
          (spec.volumes ?? []).map((v) => {
            const users = all.flatMap((c) => (c.volumeMounts ?? []).filter((m) => m.name === v.name).map((m) => ({ c: c.name, m })));
            return h(
              'li.volume',
              { dataset: { volume: v.name } },
              h('div.volume-name', null, v.name),
              h('div.subtle', null, volumeSource(v)),
              users.length
                ? h('ul.volume-users', { 'aria-label': `Mounted by` }, users.map((u) => h('li', null, `${u.c}: ${u.m.mountPath}${u.m.readOnly ? ' (read-only)' : ''}${u.m.subPath ? ` (subPath ${u.m.subPath})` : ''}`)))
                : h('div.subtle', null, 'not mounted'),
            );
          }),
        ),
      )
    : null;

  return h(
    'figure.pod-picture',
    { 'aria-label': `Pod ${pod.metadata.name}` },
    svg('svg', { class: 'lines', 'aria-hidden': 'true', focusable: 'false' }),
    h('figcaption.pod-title', null, h('span.pod-kind', null, 'Pod'), ' ', h('span.pod-name', null, pod.metadata.name), h('span.subtle', null, ` · phase ${st.phase ?? 'Pending'} · restartPolicy ${spec.restartPolicy ?? 'Always'}`)),
    shared,
    initRow,
    appRow,
    shelf,
  );
}

/** Draws a line from every container mounting a volume to that volume on the shelf. */
export function drawPictureLines(figure: HTMLElement): void {
  const overlay = figure.querySelector('svg.lines');
  const shelf = figure.querySelector('section.shelf');
  if (!overlay) return;
  overlay.replaceChildren();
  if (!shelf) return;
  const box = figure.getBoundingClientRect();
  overlay.setAttribute('width', String(box.width));
  overlay.setAttribute('height', String(box.height));
  overlay.setAttribute('viewBox', `0 0 ${box.width} ${box.height}`);
  const shelfTop = shelf.getBoundingClientRect().top - box.top;
  const volumes = new Map<string, { el: Element; users: number; drawn: number }>();
  for (const v of figure.querySelectorAll<HTMLElement>('.shelf li.volume')) volumes.set(v.dataset.volume ?? '', { el: v, users: 0, drawn: 0 });
  const mounts = [...figure.querySelectorAll<HTMLElement>('li.mount')];
  for (const m of mounts) {
    const v = volumes.get(m.dataset.volume ?? '');
    if (v) v.users++;
  }
  // Each container's mounts leave from points spread along its bottom edge; each volume's lines
  // land at points spread along its top, so no two lines share an end.
  const byContainer = new Map<Element, HTMLElement[]>();
  for (const m of mounts) {
    const c = m.closest('.container-box');
    if (c) byContainer.set(c, [...(byContainer.get(c) ?? []), m]);
  }
  for (const [container, list] of byContainer) {
    const a = container.getBoundingClientRect();
    list.forEach((mount, k) => {
      const vol = volumes.get(mount.dataset.volume ?? '');
      if (!vol) return;
      const b = vol.el.getBoundingClientRect();
      const x1 = a.left + ((k + 1) * a.width) / (list.length + 1) - box.left;
      const y1 = a.bottom - box.top;
      vol.drawn++;
      const x2 = b.left + (vol.drawn * b.width) / (vol.users + 1) - box.left;
      const y2 = shelfTop;
      const dy = Math.max(20, (y2 - y1) / 2);
      const d = `M ${x1} ${y1} C ${x1} ${y1 + dy}, ${x2} ${y2 - dy}, ${x2} ${y2}`;
      const ro = mount.querySelector('.tag.ro') !== null;
      overlay.appendChild(svg('path', { d, class: `mount-line${ro ? ' ro' : ''}`, 'data-volume': mount.dataset.volume ?? '' }));
      overlay.appendChild(svg('circle', { cx: x1, cy: y1, r: 4, class: 'mount-dot' }));
      overlay.appendChild(svg('circle', { cx: x2, cy: y2, r: 4, class: 'mount-dot' }));
    });
  }
}
