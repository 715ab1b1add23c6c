/**
 * net/proxy: the service proxy (kube-proxy's nftables mode) — ClusterIP and NodePort rules for
 * Services from their EndpointSlices, in an nftables table each instance owns and replaces
 * whole. Privileged (nftables, sysctls). Imports `client`, `apis` and `base`.
 */
export { ServiceProxy, ProxyError, proxyTableName, removeProxyTable, type ProxyErrorCode, type ProxySyncInfo, type ServiceProxyConfig } from './service-proxy.js';
export { computeRuleset, computeServicePorts, computeTable, renderFullSync, renderPartialSync, type RulesetInput, type ServicePortRule, type TableModel } from './rules.js';
