import { createSocket, type Socket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { Clock, Logger } from '../../base/index.js';
import { errorMessage } from '../../base/index.js';
import type { EndpointSlice, Service } from '../../apis/index.js';
import { type ApiClient, Informer, Resources } from '../../client/index.js';
import { DnsRecords, type DnsRecord } from './records.js';

/** Configuration of {@link ClusterDns}. */
export interface ClusterDnsConfig {
  /** Address to serve on (UDP and TCP): the pod bridge's gateway, which every pod reaches. */
  host: string;
  /** Default 53. */
  port?: number;
  clusterDomain?: string;
  /** Upstream resolvers for other names; default: the `nameserver` lines of /etc/resolv.conf. */
  upstreams?: string[];
  /** Upstream timeout per try (default 2000 ms). */
  upstreamTimeoutMs?: number;
}

const RCODE_NXDOMAIN = 3;
const RCODE_SERVFAIL = 2;
const RCODE_NOTIMP = 4;

/**
 * The cluster DNS server (CoreDNS's `kubernetes` plugin in small): answers names in the cluster
 * domain from {@link DnsRecords} kept in step with Services and EndpointSlices through
 * informers, and forwards every other name to the host's resolvers (CoreDNS `forward . /etc/resolv.conf`).
 * Serves UDP and TCP on the same address.
 */
export class ClusterDns {
  readonly records: DnsRecords;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private udp: Socket | undefined;
  private tcp: Server | undefined;
  private readonly tcpSockets = new Set<TcpSocket>();
  private dirty = true;
  private upstreams: string[] = [];
  private readonly log: Logger;

  constructor(
    deps: { client: ApiClient; clock: Clock; logger: Logger },
    private readonly config: ClusterDnsConfig,
  ) {
    this.log = deps.logger.child({ component: 'cluster-dns' });
    this.records = new DnsRecords(config.clusterDomain);
    const changed = () => (this.dirty = true);
    const handlers = { onAdd: changed, onUpdate: changed, onDelete: changed };
    this.services = new Informer<Service>({ ...deps, logger: this.log }, Resources.services, handlers);
    this.slices = new Informer<EndpointSlice>({ ...deps, logger: this.log }, Resources.endpointslices, handlers);
  }

  /** Starts the informers and listens; resolves once both sockets are bound. */
  async start(): Promise<{ host: string; port: number }> {
    this.upstreams = this.config.upstreams ?? (await hostNameservers());
    this.services.start();
    this.slices.start();
    const port = this.config.port ?? 53;
    const udp = createSocket({ type: this.config.host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
    this.udp = udp;
    udp.on('message', (msg, rinfo) => {
      void this.handle(msg, 'udp').then(
        (reply) => {
          if (reply) udp.send(reply, rinfo.port, rinfo.address);
        },
        (err: unknown) => this.log.warn('DNS query failed', { err: errorMessage(err) }),
      );
    });
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, this.config.host, () => {
        udp.off('error', reject);
        udp.on('error', (err) => this.log.warn('DNS UDP socket error', { err: errorMessage(err) }));
        resolve();
      });
    });
    const boundPort = udp.address().port;
    this.tcp = createServer((sock) => this.serveTcp(sock));
    await new Promise<void>((resolve, reject) => {
      this.tcp!.once('error', reject);
      this.tcp!.listen(boundPort, this.config.host, () => resolve());
    });
    this.log.info('cluster DNS serving', { host: this.config.host, port: boundPort, upstreams: this.upstreams });
    return { host: this.config.host, port: boundPort };
  }

  /** Stops serving and watching. */
  async close(): Promise<void> {
    this.services.stop();
    this.slices.stop();
    for (const s of this.tcpSockets) s.destroy();
    await Promise.all([
      new Promise<void>((r) => (this.udp ? this.udp.close(() => r()) : r())),
      new Promise<void>((r) => (this.tcp ? this.tcp.close(() => r()) : r())),
    ]);
  }

  private serveTcp(sock: TcpSocket): void {
    this.tcpSockets.add(sock);
    sock.on('close', () => this.tcpSockets.delete(sock));
    sock.on('error', () => sock.destroy());
    sock.setTimeout(10_000, () => sock.destroy());
    let buf = Buffer.alloc(0);
    sock.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0);
        if (buf.length < 2 + len) break;
        const msg = buf.subarray(2, 2 + len);
        buf = buf.subarray(2 + len);
        void this.handle(msg, 'tcp').then(
          (reply) => {
            if (!reply || sock.destroyed) return;
            const head = Buffer.alloc(2);
            head.writeUInt16BE(reply.length);
            sock.write(Buffer.concat([head, reply]));
          },
          () => sock.destroy(),
        );
      }
    });
  }

  /** One DNS message in, one out (undefined: drop it). */
  async handle(msg: Buffer, transport: 'udp' | 'tcp' = 'udp'): Promise<Buffer | undefined> {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return undefined;
    }
    if (query.type !== 'query') return undefined;
    const question = query.questions?.[0];
    const base = { type: 'response' as const, id: query.id ?? 0, questions: query.questions ?? [] };
    const rd = query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0;
    if (!question || (query.questions?.length ?? 0) > 1) return dnsPacket.encode({ ...base, flags: rd | dnsPacket.RECURSION_AVAILABLE | RCODE_NOTIMP });
    if (this.dirty) {
      this.dirty = false;
      this.records.rebuild(this.services.list(), this.slices.list());
    }
    const result = this.records.lookup(question.name, question.type);
    if (result.kind === 'forward') return this.forward(msg, query.id ?? 0);
    const flags = dnsPacket.AUTHORITATIVE_ANSWER | rd | dnsPacket.RECURSION_AVAILABLE;
    const soa = this.soa();
    if (result.kind === 'nxdomain') return dnsPacket.encode({ ...base, flags: flags | RCODE_NXDOMAIN, authorities: [soa] });
    const answers = result.records.map(toAnswer);
    // A CNAME to a cluster name is followed (as CoreDNS does for ExternalName targets in the zone).
    const cname = result.records.find((r) => r.type === 'CNAME');
    if (cname && question.type !== 'CNAME') {
      const target = this.records.lookup(cname.data, question.type);
      if (target.kind === 'answer') answers.push(...target.records.map(toAnswer));
    }
    const reply = dnsPacket.encode({ ...base, flags, answers, ...(answers.length ? {} : { authorities: [soa] }) });
    const opt = query.additionals?.find((a) => a.type === 'OPT');
    return transport === 'udp' ? truncateForUdp(reply, Math.max(512, opt?.udpPayloadSize ?? 512)) : reply;
  }

  private soa(): dnsPacket.Answer {
    const d = this.records.domain;
    return {
      type: 'SOA',
      name: d,
      ttl: 5,
      data: { mname: `ns.dns.${d}`, rname: `hostmaster.${d}`, serial: Math.floor(Date.now() / 1000), refresh: 7200, retry: 1800, expire: 86400, minimum: 5 },
    };
  }

  /** Sends the query to each upstream in turn over UDP; SERVFAIL when none answers. */
  private async forward(msg: Buffer, id: number): Promise<Buffer> {
    for (const upstream of this.upstreams) {
      const reply = await udpExchange(msg, upstream, this.config.upstreamTimeoutMs ?? 2_000).catch(() => undefined);
      if (reply) return reply;
    }
    const q = dnsPacket.decode(msg);
    return dnsPacket.encode({ type: 'response', id, flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | RCODE_SERVFAIL, questions: q.questions ?? [] });
  }
}

function toAnswer(r: DnsRecord): dnsPacket.Answer {
  return { type: r.type, name: r.name, ttl: r.ttl, class: 'IN', data: r.data } as dnsPacket.Answer;
}

/** Replies longer than the client's UDP size over UDP carry the TC bit and no records, so clients retry over TCP. */
function truncateForUdp(reply: Buffer, limit: number): Buffer {
  if (reply.length <= limit) return reply;
  const p = dnsPacket.decode(reply);
  return dnsPacket.encode({ type: 'response', id: p.id ?? 0, flags: (p.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE, questions: p.questions ?? [] });
}

/** The `nameserver` addresses of the host's /etc/resolv.conf (systemd's stub excluded). */
export async function hostNameservers(path = '/etc/resolv.conf'): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .map((l) => /^\s*nameserver\s+(\S+)/.exec(l)?.[1])
    .filter((ip): ip is string => !!ip && !ip.includes(':') && ip !== '127.0.0.53');
}

function udpExchange(msg: Buffer, host: string, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = createSocket('udp4');
    const timer = setTimeout(() => {
      sock.close();
      reject(new Error('upstream timeout'));
    }, timeoutMs);
    sock.on('message', (reply) => {
      clearTimeout(timer);
      sock.close();
      resolve(reply);
    });
    sock.on('error', (err) => {
      clearTimeout(timer);
      sock.close();
      reject(err);
    });
    sock.send(msg, 53, host);
  });
}
