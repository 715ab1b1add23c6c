import type { ListOptions } from '../registry/index.js';

/** Parses list/watch query parameters. */
export function listOptions(query: URLSearchParams): ListOptions {
  const limit = query.get('limit');
  return {
    ...(query.get('labelSelector') ? { labelSelector: query.get('labelSelector')! } : {}),
    ...(query.get('fieldSelector') ? { fieldSelector: query.get('fieldSelector')! } : {}),
    ...(limit && Number(limit) > 0 ? { limit: Number(limit) } : {}),
    ...(query.get('continue') ? { continue: query.get('continue')! } : {}),
    ...(query.get('resourceVersion') !== null ? { resourceVersion: query.get('resourceVersion')! } : {}),
  };
}

/** Whether an Accept header asks for a server-side Table. */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept);
}
