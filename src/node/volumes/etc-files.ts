/**
 * The pod's managed `/etc/hosts` (kubelet `kubelet_pods.go` `managedHostsFileContent`,
 * `nodeHostsFileContent`, `GeneratePodHostNameAndDomain`) and `/etc/resolv.conf` (kubelet
 * `pkg/kubelet/network/dns/dns.go` `GetPodDNS`, written in the format containerd and CRI-O use).
 * The `compute*` functions are pure; the `write*` functions put the file under the pod directory
 * and return its path.
 * @module
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { HostAlias, Pod } from '../../apis/index.js';
import { etcHostsPath, resolvConfPath } from './paths.js';

/** kubelet `truncatePodHostnameIfNeeded`: at most 63 characters, not ending in `-` or `.`. */
export function truncatePodHostname(hostname: string): string {
  if (hostname.length <= 63) return hostname;
  return hostname.slice(0, 63).replace(/[-.]+$/, '');
}

/**
 * kubelet `GeneratePodHostNameAndDomain`: the hostname is `spec.hostname` or the pod name
 * (truncated to 63); with `spec.subdomain` the domain is `<subdomain>.<ns>.svc.<clusterDomain>`.
 */
export function podHostnameAndDomain(pod: Pod, clusterDomain = 'cluster.local'): { hostname: string; domain: string } {
  const hostname = truncatePodHostname(pod.spec?.hostname || pod.metadata.name || '');
  const domain = pod.spec?.subdomain ? `${pod.spec.subdomain}.${pod.metadata.namespace}.svc.${clusterDomain}` : '';
  return { hostname, domain };
}

/** kubelet `hostsEntriesFromHostAliases`. */
function hostAliasEntries(hostAliases: readonly HostAlias[] | undefined): string {
  if (!hostAliases?.length) return '';
  let out = '\n# Entries added by HostAliases.\n';
  for (const a of hostAliases) out += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  return out;
}

/** Options of {@link computeEtcHosts} / {@link writeEtcHosts}. */
export interface EtcHostsOptions {
  /** The pod's IPs; one line each. Empty before the sandbox has an address. */
  podIPs: readonly string[];
  /** Defaults to `pod.spec.hostAliases`. */
  hostAliases?: readonly HostAlias[];
  /** For `spec.subdomain` FQDNs. Default `cluster.local`. */
  clusterDomain?: string;
  /** For host-network pods: the node's hosts file content. {@link writeEtcHosts} reads `/etc/hosts` when absent. */
  hostHostsFile?: string;
}

/**
 * The content of the pod's `/etc/hosts`, byte for byte what the kubelet writes: the managed
 * header, localhost and the IPv6 names, `<podIP>\t<hostname>` (with
 * `<hostname>.<subdomain>.<ns>.svc.<domain>` first when the pod has a subdomain), then the
 * HostAliases section. A host-network pod gets the node's file under its own header.
 */
export function computeEtcHosts(pod: Pod, options: EtcHostsOptions): string {
  const aliases = hostAliasEntries(options.hostAliases ?? pod.spec?.hostAliases);
  if (pod.spec?.hostNetwork) {
    return '# Kubernetes-managed hosts file (host network).\n' + (options.hostHostsFile ?? '') + aliases;
  }
  const { hostname, domain } = podHostnameAndDomain(pod, options.clusterDomain);
  let out = '# Kubernetes-managed hosts file.\n';
  out += '127.0.0.1\tlocalhost\n';
  out += '::1\tlocalhost ip6-localhost ip6-loopback\n';
  out += 'fe00::0\tip6-localnet\n';
  out += 'fe00::0\tip6-mcastprefix\n';
  out += 'fe00::1\tip6-allnodes\n';
  out += 'fe00::2\tip6-allrouters\n';
  for (const ip of options.podIPs) out += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  return out + aliases;
}

/**
 * Writes `<podDir>/etc-hosts` (mode 0644, kubelet `ensureHostsFile`) and returns its path, to
 * be bind-mounted at `/etc/hosts` ({@link makeMounts}'s `hostsFilePath`). Rewritten on every
 * call, so calling it again once the pod has its IPs updates the file in place.
 */
export async function writeEtcHosts(pod: Pod, podDir: string, options: EtcHostsOptions): Promise<string> {
  let hostHostsFile = options.hostHostsFile;
  if (pod.spec?.hostNetwork && hostHostsFile === undefined) hostHostsFile = await readFile('/etc/hosts', 'utf8');
  const content = computeEtcHosts(pod, { ...options, ...(hostHostsFile !== undefined ? { hostHostsFile } : {}) });
  const path = etcHostsPath(podDir);
  await mkdir(podDir, { recursive: true, mode: 0o750 });
  await writeFile(path, content, { mode: 0o644 });
  await chmod(path, 0o644);
  return path;
}

/** The resolver settings of a pod (CRI `DNSConfig`). */
export interface PodDnsConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

/** Options of {@link computeResolvConf} / {@link writeResolvConf}. */
export interface ResolvConfOptions {
  /** The cluster DNS server IPs (kubelet `--cluster-dns`). Empty: ClusterFirst falls back to Default. */
  clusterDns: readonly string[];
  /** kubelet `--cluster-domain`, `cluster.local` by default. */
  clusterDomain: string;
  /**
   * The content of the node's resolv.conf (kubelet `--resolv-conf`). Undefined means that
   * flag is empty: host-DNS pods get `nameserver 127.0.0.1` and `search .`, as upstream.
   */
  hostResolvConf?: string;
  /** The node's IPs, for the `--resolv-conf=""` fallback (`::1` for IPv6 nodes). */
  nodeIPs?: readonly string[];
}

/** A kubelet DNS warning, as the event it would record (`reason`: `DNSConfigForming`, `MissingClusterDNS`). */
export interface DnsWarning {
  reason: string;
  message: string;
}

/** dns `parseResolvConf`: nameservers accumulate; the last `search` and `options` lines win. */
export function parseResolvConf(text: string): PodDnsConfig {
  const servers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) continue;
    const fields = trimmed.split(/\s+/).filter(Boolean);
    if (!fields.length) continue;
    if (fields[0] === 'nameserver' && fields.length >= 2) servers.push(fields[1]!);
    if (fields[0] === 'search') searches = fields.slice(1).map((s) => s.replace(/\.$/, ''));
    if (fields[0] === 'options') options = fields.slice(1);
  }
  return { servers, searches, options };
}

function omitDuplicates(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** dns `mergeDNSOptions`: `name[:value]`, the pod's entries overriding by name (order kept; upstream's is a Go map's). */
function mergeDnsOptions(existing: readonly string[], podOptions: readonly { name?: string; value?: string }[]): string[] {
  const merged = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    if (i >= 0) merged.set(op.slice(0, i), op.slice(i + 1));
    else merged.set(op, '');
  }
  for (const op of podOptions) merged.set(op.name ?? '', op.value ?? '');
  return [...merged].map(([name, value]) => (value !== '' ? `${name}:${value}` : name));
}

const maxDnsNameservers = 3;
const maxDnsSearchPaths = 32;
const maxDnsSearchListChars = 2048;

/**
 * kubelet `GetPodDNS`: the pod's DNS settings by `dnsPolicy` — `ClusterFirst` (the default; the
 * cluster DNS servers, searches `<ns>.svc.<domain> svc.<domain> <domain>` followed by the
 * host's, `options ndots:5`; host-network pods fall back to `Default`), `ClusterFirstWithHostNet`
 * (the same, also for host-network pods), `Default` (the node's resolv.conf), `None` (nothing)
 * — then `dnsConfig` appended (nameservers and searches deduplicated, options merged by name),
 * and the kubelet's limits (3 nameservers, 32 searches, 2048 characters) applied with warnings.
 */
export function computePodDns(pod: Pod, options: ResolvConfOptions): { config: PodDnsConfig; warnings: DnsWarning[] } {
  const warnings: DnsWarning[] = [];
  let config: PodDnsConfig =
    options.hostResolvConf !== undefined ? parseResolvConf(options.hostResolvConf) : { servers: [], searches: [], options: [] };
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  let type: 'cluster' | 'host' | 'none';
  if (policy === 'None') type = 'none';
  else if (policy === 'ClusterFirstWithHostNet') type = 'cluster';
  else if (policy === 'ClusterFirst') type = pod.spec?.hostNetwork ? 'host' : 'cluster';
  else if (policy === 'Default') type = 'host';
  else type = 'cluster';

  if (type === 'none') config = { servers: [], searches: [], options: [] };
  if (type === 'cluster') {
    if (options.clusterDns.length) {
      const domain = options.clusterDomain;
      config.servers = [...options.clusterDns];
      if (domain) config.searches = omitDuplicates([`${pod.metadata.namespace}.svc.${domain}`, `svc.${domain}`, domain, ...config.searches]);
      config.options = ['ndots:5'];
    } else {
      const message = 'kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.';
      warnings.push({ reason: 'MissingClusterDNS', message: `pod: "${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})". ${message}` });
      type = 'host';
    }
  }
  if (type === 'host' && options.hostResolvConf === undefined) {
    for (const ip of options.nodeIPs ?? []) config.servers.push(ip.includes(':') ? '::1' : '127.0.0.1');
    if (!config.servers.length) config.servers.push('127.0.0.1');
    config.searches = ['.'];
  }

  const dnsConfig = pod.spec?.dnsConfig;
  if (dnsConfig) {
    config.servers = omitDuplicates([...config.servers, ...(dnsConfig.nameservers ?? [])]);
    config.searches = omitDuplicates([...config.searches, ...(dnsConfig.searches ?? [])]);
    config.options = mergeDnsOptions(config.options, dnsConfig.options ?? []);
  }

  // formDNSConfigFitsLimits
  if (config.servers.length > maxDnsNameservers) {
    config.servers = config.servers.slice(0, maxDnsNameservers);
    warnings.push({ reason: 'DNSConfigForming', message: `Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${config.servers.join(' ')}` });
  }
  let exceeded = false;
  let searches = config.searches;
  if (searches.length > maxDnsSearchPaths) {
    searches = searches.slice(0, maxDnsSearchPaths);
    exceeded = true;
  }
  const fitting = searches.filter((s) => s.length <= 253);
  if (fitting.length !== searches.length) exceeded = true;
  searches = fitting;
  const lineLength = searches.join(' ').length;
  if (lineLength > maxDnsSearchListChars) {
    let cut = 0;
    let cutLen = 0;
    for (let i = searches.length - 1; i >= 0; i--) {
      cutLen += searches[i]!.length + 1;
      cut++;
      if (lineLength - cutLen <= maxDnsSearchListChars) break;
    }
    searches = searches.slice(0, searches.length - cut);
    exceeded = true;
  }
  if (exceeded) {
    warnings.push({ reason: 'DNSConfigForming', message: `Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${searches.join(' ')}` });
  }
  config.searches = searches;
  return { config, warnings };
}

/** The resolv.conf text of a DNS config, as containerd's and CRI-O's `parseDNSOptions` write it. */
export function formatResolvConf(config: PodDnsConfig): string {
  let out = '';
  if (config.searches.length) out += `search ${config.searches.join(' ')}\n`;
  if (config.servers.length) out += `nameserver ${config.servers.join('\nnameserver ')}\n`;
  if (config.options.length) out += `options ${config.options.join(' ')}\n`;
  return out;
}

/** {@link computePodDns} then {@link formatResolvConf}: the pod's resolv.conf content and the DNS warnings. */
export function computeResolvConf(pod: Pod, options: ResolvConfOptions): { content: string; warnings: DnsWarning[] } {
  const { config, warnings } = computePodDns(pod, options);
  return { content: formatResolvConf(config), warnings };
}

/**
 * Writes `<podDir>/resolv.conf` (mode 0644) and returns its path, for {@link makeMounts}'s
 * `resolvConfPath` (or read it back for a runtime that takes the content). Warnings are passed
 * to `onWarning` (the caller records them as events, as the kubelet does).
 */
export async function writeResolvConf(pod: Pod, podDir: string, options: ResolvConfOptions & { onWarning?: (w: DnsWarning) => void }): Promise<string> {
  const { content, warnings } = computeResolvConf(pod, options);
  for (const w of warnings) options.onWarning?.(w);
  const path = resolvConfPath(podDir);
  await mkdir(podDir, { recursive: true, mode: 0o750 });
  await writeFile(path, content, { mode: 0o644 });
  await chmod(path, 0o644);
  return path;
}
