/**
 * What a request addresses, parsed from its path the way kube-apiserver's RequestInfoFactory does:
 * `/api/v1/namespaces/default/pods/web/log` → core/v1 pods "web" in "default", subresource "log".
 */
export interface RequestInfo {
  /** false for /version, /openapi, /healthz …; true for /api and /apis paths. */
  isResourceRequest: boolean;
  path: string;
  /** The kube verb: get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
  apiPrefix?: 'api' | 'apis';
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  /** Path segments after /api or /apis (for discovery of partial paths). */
  parts: string[];
}

/** Parses `method` + URL path into a {@link RequestInfo}. `watch` comes from the query. */
export function parseRequestInfo(method: string, pathname: string, query: URLSearchParams): RequestInfo {
  const path = pathname.replace(/\/+$/, '') || '/';
  const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
  const base: RequestInfo = { isResourceRequest: false, path, verb: method.toLowerCase(), group: '', version: '', resource: '', parts: [] };
  const prefix = segs[0];
  if (prefix !== 'api' && prefix !== 'apis') return base;
  let rest = segs.slice(1);
  const info: RequestInfo = { ...base, apiPrefix: prefix, parts: rest };
  if (prefix === 'api') {
    if (rest.length < 1) return info;
    info.version = rest[0]!;
    rest = rest.slice(1);
  } else {
    if (rest.length < 2) {
      info.group = rest[0] ?? '';
      return info;
    }
    info.group = rest[0]!;
    info.version = rest[1]!;
    rest = rest.slice(2);
  }
  if (rest.length === 0) return info;
  info.isResourceRequest = true;
  // requestinfo.go: `namespaces/{ns}/{resource}/…` is a namespaced request, but
  // `namespaces/{name}[/status|/finalize]` addresses the namespace itself.
  if (rest[0] === 'namespaces' && rest.length > 1) {
    if (rest.length > 2 && rest[2] !== 'status' && rest[2] !== 'finalize') {
      info.namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  info.resource = rest[0]!;
  info.name = rest[1];
  if (rest.length > 2) info.subresource = rest.slice(2).join('/');

  const watch = query.get('watch');
  const isWatch = watch === 'true' || watch === '1';
  switch (method) {
    case 'GET':
    case 'HEAD':
      info.verb = isWatch ? 'watch' : info.name ? 'get' : 'list';
      break;
    case 'POST':
      info.verb = 'create';
      break;
    case 'PUT':
      info.verb = 'update';
      break;
    case 'PATCH':
      info.verb = 'patch';
      break;
    case 'DELETE':
      info.verb = info.name ? 'delete' : 'deletecollection';
      break;
    default:
      info.verb = method.toLowerCase();
  }
  return info;
}
