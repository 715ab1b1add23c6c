/**
 * net/dns: the cluster DNS server — `<svc>.<ns>.svc.<domain>`, headless per-endpoint records,
 * SRV for named ports, ExternalName CNAMEs, `<ip>.<ns>.pod.<domain>`, NXDOMAIN for the rest of
 * the cluster domain, and forwarding of other names to the host's resolvers. Imports `client`,
 * `apis` and `base`.
 */
export { ClusterDns, hostNameservers, type ClusterDnsConfig } from './cluster-dns.js';
export { DnsRecords, type DnsLookup, type DnsRecord } from './records.js';
