/**
 * The resource metrics API (`metrics.k8s.io/v1beta1`, what metrics-server serves and `kubectl
 * top` reads): PodMetrics and NodeMetrics, read-only, served from a provider the node agent
 * plugs in. Discovery lists the group always (one process holds both sides); until a provider is
 * set, requests get 503 as an unavailable aggregated API would.
 */
import type { ServerResponse } from 'node:http';
import { methodNotSupported, type NodeMetrics, notFound, parseFieldSelector, parseLabelSelector, type PodMetrics, serviceUnavailable } from '../apis/index.js';
import type { ResourceInfo } from '../registry/index.js';
import type { RequestInfo } from './request-info.js';
import { notFoundPath, writeJson } from './responses.js';

/** Where metrics come from (the node agent's collector). */
export interface MetricsProvider {
  podMetrics(): PodMetrics[];
  nodeMetrics(): NodeMetrics[];
}

export const metricsGroup = 'metrics.k8s.io';
const version = 'v1beta1';

/** Discovery entries of the metrics API. */
export const metricsResources: ResourceInfo[] = [
  { group: metricsGroup, version, resource: 'nodes', singular: '', kind: 'NodeMetrics', namespaced: false, verbs: ['get', 'list'], subresources: [] },
  { group: metricsGroup, version, resource: 'pods', singular: '', kind: 'PodMetrics', namespaced: true, verbs: ['get', 'list'], subresources: [] },
];

/**
 * Serves one `metrics.k8s.io` request: get/list of pods (namespaced or across namespaces) and
 * nodes, with label and `metadata.name`/`metadata.namespace` field selectors.
 */
export function serveMetrics(provider: MetricsProvider | undefined, info: RequestInfo, query: URLSearchParams, res: ServerResponse): void {
  const gr = { group: metricsGroup, resource: info.resource };
  const known = metricsResources.find((r) => r.resource === info.resource && r.version === info.version);
  if (!known || info.subresource || (!known.namespaced && info.namespace !== undefined)) {
    throw notFoundPath();
  }
  if (info.verb !== 'get' && info.verb !== 'list') throw methodNotSupported(gr, info.verb);
  if (!provider) throw serviceUnavailable('the server is currently unable to handle the request (the node agent is not running)');
  const items: (PodMetrics | NodeMetrics)[] = info.resource === 'pods' ? provider.podMetrics() : provider.nodeMetrics();
  const inScope = items.filter((m) => info.namespace === undefined || ('namespace' in m.metadata && m.metadata.namespace === info.namespace));
  if (info.verb === 'get') {
    const found = inScope.find((m) => m.metadata.name === info.name);
    if (!found) throw notFound(gr, info.name!);
    return writeJson(res, 200, found);
  }
  const labels = parseLabelSelector(query.get('labelSelector') ?? '');
  const fields = parseFieldSelector(query.get('fieldSelector') ?? '');
  const selected = inScope.filter(
    (m) =>
      labels.matches(m.metadata.labels ?? {}) &&
      fields.matches((f) => (f === 'metadata.name' ? m.metadata.name : f === 'metadata.namespace' && 'namespace' in m.metadata ? m.metadata.namespace : undefined)),
  );
  writeJson(res, 200, {
    kind: info.resource === 'pods' ? 'PodMetricsList' : 'NodeMetricsList',
    apiVersion: `${metricsGroup}/${version}`,
    metadata: {},
    items: selected,
  });
}
