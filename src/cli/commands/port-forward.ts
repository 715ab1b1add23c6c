/**
 * `podyard port-forward`: kubectl port-forward (`pkg/cmd/portforward`) over the WebSocket
 * port-forward protocol (`v4.channel.k8s.io`): every local connection opens one WebSocket to
 * `pods/NAME/portforward?ports=P`; channel 0 carries the data and channel 1 the errors, each
 * starting with the port as two little-endian bytes.
 */
import { createServer, type Server, type Socket } from 'node:net';
import WebSocket, { type RawData } from 'ws';
import type { Command, CommandContext } from '../command.js';
import { flagStrings, flagString, parseDuration } from '../command.js';
import type { Session } from '../connect.js';
import { ExitError } from '../io.js';
import { podPath } from '../pods.js';
import { openWebSocket } from '../streams.js';
import { Resources } from '../../client/index.js';
import { StatusError, type Pod, type Service } from '../../apis/index.js';

/** `podyard port-forward`: forwards local ports to a pod. */
export const portForwardCommand: Command = {
  name: 'port-forward',
  summary: 'Forward one or more local ports to a pod',
  usage: 'podyard port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  description:
    'Forward one or more local ports to a pod.\n\n' +
    'Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to \'pod\' if omitted.\n\n' +
    'If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.\n\n' +
    'A service port is forwarded to the targetPort of a pod the service selects. Runs until interrupted (Ctrl-C).',
  examples: `  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod
  podyard port-forward pod/mypod 5000 6000

  # Listen on port 8888 locally, forwarding to 5000 in the pod
  podyard port-forward pod/mypod 8888:5000

  # Listen on a random port locally, forwarding to 5000 in the pod
  podyard port-forward pod/mypod :5000

  # Listen on port 8443 locally, forwarding to the targetPort of the service's port named "https" in a pod selected by the service
  podyard port-forward service/myservice 8443:https

  # Listen on port 8888 on all addresses, forwarding to 5000 in the pod
  podyard port-forward --address 0.0.0.0 pod/mypod 8888:5000`,
  flags: [
    { name: 'address', type: 'strings', default: ['localhost'], help: 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, podyard will bind to 127.0.0.1.' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s', help: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  ],
  run: runPortForward,
};

/** One `[LOCAL:]REMOTE` argument, the remote side resolved to a pod port number. */
interface PortMapping {
  local: number;
  remote: number;
  /** What the user typed as the local side, for errors. */
  spec: string;
}

async function runPortForward(ctx: CommandContext): Promise<number> {
  const [target, ...portArgs] = ctx.args.positionals;
  if (!target || portArgs.length === 0) throw new ExitError('error: TYPE/NAME and list of ports are required for port-forward\nSee \'podyard port-forward -h\' for help and examples');
  const session = await ctx.session();
  const timeoutMs = parseDuration(flagString(ctx.args, 'pod-running-timeout') ?? '1m0s');
  if (timeoutMs === undefined || timeoutMs <= 0) throw new ExitError('error: --pod-running-timeout must be higher than zero');
  const { pod, ports } = await resolveTarget(session, target, portArgs, timeoutMs);
  const addresses = listenAddresses(flagStrings(ctx.args, 'address'));

  const servers: Server[] = [];
  /** The WebSockets of live connections (ended at once on exit, as kubectl's process exit does). */
  const open = new Set<WebSocket>();
  const sockets = new Set<Socket>();
  const closeAll = () => {
    for (const s of servers) s.close();
    for (const s of sockets) s.destroy();
    for (const ws of open) ws.terminate();
  };
  try {
    for (const mapping of ports) {
      let local = mapping.local;
      for (const address of addresses) {
        const server = createServer({ allowHalfOpen: true }, (socket) => {
          sockets.add(socket);
          socket.once('close', () => sockets.delete(socket));
          ctx.out(`Handling connection for ${local}\n`);
          forwardConnection(ctx, session, pod, mapping.remote, local, socket, open);
        });
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen({ host: address, port: local }, () => {
            server.off('error', reject);
            resolve();
          });
        }).catch((err: NodeJS.ErrnoException) => {
          throw new ExitError(`error: unable to listen on port ${mapping.spec}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 ${address}:${local}: bind: ${err.code === 'EADDRINUSE' ? 'address already in use' : err.message}]`);
        });
        servers.push(server);
        local = (server.address() as { port: number }).port;
        ctx.out(`Forwarding from ${address}:${local} -> ${mapping.remote}\n`);
      }
    }
  } catch (err) {
    closeAll();
    throw err;
  }
  // Runs until SIGINT/SIGTERM, or until the pod is gone.
  const offs: (() => void)[] = [];
  const stopped = { done: false };
  await new Promise<void>((resolve) => {
    offs.push(ctx.io.onSignal('SIGINT', resolve), ctx.io.onSignal('SIGTERM', resolve));
    void watchPodGone(session, pod, stopped).then((gone) => {
      if (!gone) return;
      ctx.err('error: lost connection to pod\n');
      resolve();
    });
  });
  stopped.done = true;
  for (const off of offs) off();
  closeAll();
  return 0;
}

/** `localhost` → 127.0.0.1; anything else must be an IP address. */
function listenAddresses(given: string[]): string[] {
  const out: string[] = [];
  for (const a of given.length ? given : ['localhost']) {
    const ip = a === 'localhost' ? '127.0.0.1' : a;
    if (!/^[\d.]+$/.test(ip) && !ip.includes(':')) throw new ExitError(`error: ${a} is not a valid IP`);
    if (!out.includes(ip)) out.push(ip);
  }
  return out;
}

/** Resolves the TYPE/NAME argument to a running pod and the ports to pod container ports. */
async function resolveTarget(session: Session, target: string, portArgs: string[], timeoutMs: number): Promise<{ pod: Pod; ports: PortMapping[] }> {
  const slash = target.indexOf('/');
  const resource = slash < 0 ? await session.resources.resolve('pods') : await session.resources.resolve(target.slice(0, slash));
  const name = slash < 0 ? target : target.slice(slash + 1);
  const ns = session.namespace;
  let pod: Pod;
  let service: Service | undefined;
  if (resource.resource === 'pods' && resource.group === '') {
    pod = await session.client.get<Pod>(Resources.pods, ns, name);
  } else {
    const obj = await session.client.get<{ kind: string; metadata: { name?: string }; spec?: { selector?: unknown } }>(resource, ns, name);
    const selector = obj.spec?.selector as Record<string, unknown> | undefined;
    const matchLabels = (resource.resource === 'services' ? selector : selector?.matchLabels) as Record<string, string> | undefined;
    if (!matchLabels || Object.keys(matchLabels).length === 0) throw new ExitError(`error: cannot attach to ${resource.kind}: selector for ${resource.kind} not implemented`);
    if (resource.resource === 'services') service = obj as unknown as Service;
    pod = await firstPod(session, ns, matchLabels, timeoutMs, `${resource.resource}/${name}`);
  }
  requireRunning(pod);
  const ports = portArgs.map((arg) => parsePort(arg, pod, service));
  return { pod, ports };
}

async function firstPod(session: Session, ns: string, labels: Record<string, string>, timeoutMs: number, what: string): Promise<Pod> {
  const labelSelector = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pods = (await session.client.list<Pod>(Resources.pods, ns, { labelSelector })).items.filter((p) => !p.metadata.deletionTimestamp);
    // kubectl's ActivePods order: running (and ready) pods first, then the newest.
    const rank = (p: Pod) => (p.status?.phase === 'Running' ? 0 : p.status?.phase === 'Pending' ? 1 : 2);
    pods.sort((a, b) => rank(a) - rank(b) || (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''));
    if (pods[0]) return pods[0];
    if (Date.now() > deadline) throw new ExitError(`error: timed out waiting for the condition (no pod selected by ${what})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** kubectl's check before forwarding: the pod must be running. */
function requireRunning(pod: Pod): Pod {
  const phase = pod.status?.phase ?? 'Pending';
  if (phase !== 'Running') throw new ExitError(`error: unable to forward port because pod is not running. Current status=${phase}`);
  return pod;
}

/** kubectl's `translateServicePortToTargetPort` and named container ports. */
function parsePort(arg: string, pod: Pod, service: Service | undefined): PortMapping {
  const colon = arg.indexOf(':');
  const localText = colon < 0 ? undefined : arg.slice(0, colon);
  const remoteText = colon < 0 ? arg : arg.slice(colon + 1);
  const containerPort = (named: string): number => {
    for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === named) return p.containerPort;
    throw new ExitError(`error: Pod '${pod.metadata.name}' does not have a named port '${named}'`);
  };
  let remote: number;
  let defaultLocal: number;
  if (service) {
    const sp = service.spec?.ports?.find((p) => (/^\d+$/.test(remoteText) ? p.port === Number(remoteText) : p.name === remoteText));
    if (!sp) throw new ExitError(`error: Service ${service.metadata.name} does not have a service port ${remoteText}`);
    const tp = sp.targetPort;
    remote = tp === undefined || tp === '' || tp === 0 ? sp.port : typeof tp === 'number' ? tp : /^\d+$/.test(tp) ? Number(tp) : containerPort(tp);
    defaultLocal = sp.port;
  } else {
    remote = /^\d+$/.test(remoteText) ? Number(remoteText) : containerPort(remoteText);
    defaultLocal = remote;
  }
  if (!(remote > 0 && remote < 65536)) throw new ExitError(`error: Error parsing remote port '${remoteText}': port must be between 1 and 65535`);
  let local: number;
  if (localText === undefined) local = /^\d+$/.test(remoteText) ? Number(remoteText) : defaultLocal;
  else if (localText === '') local = 0;
  else if (/^\d+$/.test(localText) && Number(localText) < 65536) local = Number(localText);
  else throw new ExitError(`error: Error parsing local port '${localText}': strconv.ParseUint: parsing "${localText}": invalid syntax`);
  return { local, remote, spec: localText ?? String(local) };
}

/** Resolves true when the pod is deleted or stops running (polled), false once `stopped`. */
async function watchPodGone(session: Session, pod: Pod, stopped: { done: boolean }): Promise<boolean> {
  while (!stopped.done) {
    await new Promise((r) => setTimeout(r, 2000).unref());
    if (stopped.done) break;
    try {
      const p = await session.client.get<Pod>(Resources.pods, pod.metadata.namespace, pod.metadata.name!);
      if (p.metadata.uid !== pod.metadata.uid || p.status?.phase !== 'Running') return true;
    } catch (err) {
      if (err instanceof StatusError && err.status.code === 404) return true;
    }
  }
  return false;
}

/** Forwards one accepted connection through its own WebSocket. */
function forwardConnection(ctx: CommandContext, session: Session, pod: Pod, remote: number, local: number, socket: Socket, open: Set<WebSocket>): void {
  const q = new URLSearchParams({ ports: String(remote) });
  const pending: Buffer[] = [];
  const queue = (d: Buffer) => pending.push(d);
  socket.on('data', queue);
  socket.on('error', () => undefined);
  openWebSocket(session, podPath(pod.metadata.namespace!, pod.metadata.name!, 'portforward'), q, ['v4.channel.k8s.io']).then(
    (ws) => {
      open.add(ws);
      ws.once('close', () => open.delete(ws));
      pipe(ctx, ws, socket, pending, queue, remote, local);
    },
    (err: Error) => {
      ctx.err(`error: an error occurred forwarding ${local} -> ${remote}: ${err.message}\n`);
      socket.destroy();
    },
  );
}

function pipe(ctx: CommandContext, ws: WebSocket, socket: Socket, pending: Buffer[], queue: (d: Buffer) => void, remote: number, local: number): void {
  const send = (data: Buffer) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(Buffer.concat([Buffer.from([0]), data]));
  };
  // Each channel starts with the two port bytes; skip them.
  const skip = [2, 2];
  let errorText = '';
  socket.off('data', queue);
  if (socket.destroyed) {
    ws.close(1000);
    return;
  }
  for (const d of pending.splice(0)) send(d);
  socket.on('data', send);
  ws.on('message', (raw: RawData) => {
    let data = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    if (data.length < 1) return;
    const channel = data[0]!;
    data = data.subarray(1);
    if (channel > 1) return;
    const n = Math.min(skip[channel]!, data.length);
    skip[channel]! -= n;
    data = data.subarray(n);
    if (data.length === 0) return;
    if (channel === 0) socket.write(data);
    else errorText += data.toString('utf8');
  });
  // The local side half-closed: keep reading until the pod side ends. Fully closed: stop.
  socket.once('close', () => {
    ws.close(1000);
    // Do not wait long for the server's close frame.
    setTimeout(() => ws.terminate(), 2000).unref();
  });
  ws.once('close', () => {
    if (errorText) ctx.err(`error: an error occurred forwarding ${local} -> ${remote}: ${errorText}\n`);
    socket.end();
  });
  ws.once('error', () => socket.destroy());
}
