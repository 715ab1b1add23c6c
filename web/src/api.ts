// The Kubernetes API from the browser: same origin, authenticated by the HttpOnly session cookie
// the server set at login (browsers cannot send client certificates or bearer headers here).
import type { KubeObject, List, Status, Table, WatchEvent } from './types.js';

/** The Accept header that makes the server print rows as `kubectl get` does. */
export const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io, application/json';

/** A failed API call, carrying the server's Status. */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? `HTTP ${status.code}`);
  }
  get code(): number {
    return this.status.code ?? 0;
  }
}

/** Sends a request; parses JSON answers; throws {@link ApiError} on non-2xx. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: string; contentType?: string; accept?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: {
      Accept: init.accept ?? 'application/json',
      ...(init.body !== undefined ? { 'Content-Type': init.contentType ?? 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new ApiError(parseStatus(text, res.status));
  return (text ? JSON.parse(text) : undefined) as T;
}

function parseStatus(text: string, code: number): Status {
  try {
    const s = JSON.parse(text) as Status;
    if (s.kind === 'Status') return s;
  } catch {
    // not JSON
  }
  return { kind: 'Status', status: 'Failure', message: text.trim() || `HTTP ${code}`, code };
}

/**
 * Streams a response body line by line (watch events, followed logs) until it ends or `signal`
 * aborts. Throws {@link ApiError} when the server refuses.
 */
export async function streamLines(path: string, onLine: (line: string) => void, signal: AbortSignal, accept = 'application/json'): Promise<void> {
  const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: accept }, signal });
  if (!res.ok || !res.body) throw new ApiError(parseStatus(await res.text(), res.status));
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buf += value;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        onLine(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
      }
    }
    if (buf) onLine(buf);
  } finally {
    reader.releaseLock();
  }
}

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
  return u.pathname + u.search;
}

/** A list kept current by a watch: `items` by key, `onChange` after every batch of events. */
export interface LiveList<T> {
  readonly items: Map<string, T>;
  /** Set once the first list arrived. */
  readonly synced: boolean;
  stop(): void;
}

/**
 * Lists `path` and then watches it from the list's resourceVersion, reconnecting when the server
 * ends the watch (it does every few minutes) and listing again after 410 Expired. With
 * `table`, items are Table rows (kubectl's columns; `row.object` holds the metadata).
 */
export function liveList<T>(
  path: string,
  options: { table?: boolean; query?: Record<string, string | undefined>; onChange: (items: Map<string, T>) => void; onError?: (err: ApiError) => void },
): LiveList<T> {
  const abort = new AbortController();
  const items = new Map<string, T>();
  const accept = options.table ? tableAccept : 'application/json';
  const keyOf = (o: unknown): string => {
    const meta = options.table ? (o as { object?: KubeObject }).object?.metadata : (o as KubeObject).metadata;
    return meta?.uid ?? `${meta?.namespace ?? ''}/${meta?.name ?? ''}`;
  };
  const state = { synced: false };
  let columns: Table['columnDefinitions'];
  let pending: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    // Coalesce bursts (a relist of 110 pods) into one render.
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      if (!abort.signal.aborted) options.onChange(items);
    }, 16);
  };

  async function run(): Promise<void> {
    let rv: string | undefined;
    while (!abort.signal.aborted) {
      try {
        if (rv === undefined) {
          const list = await api<List<T> | Table>(withQuery(path, options.query ?? {}), { accept, signal: abort.signal });
          items.clear();
          if (options.table) {
            const t = list as Table;
            columns = t.columnDefinitions;
            for (const row of t.rows ?? []) items.set(keyOf(row), { ...row, columns } as T);
          } else {
            for (const o of (list as List<T>).items) items.set(keyOf(o), o);
          }
          rv = list.metadata.resourceVersion;
          state.synced = true;
          changed();
        }
        let expired = false;
        await streamLines(
          withQuery(path, { ...options.query, watch: 'true', resourceVersion: rv, allowWatchBookmarks: 'true' }),
          (line) => {
            if (!line.trim()) return;
            const ev = JSON.parse(line) as WatchEvent<unknown>;
            if (ev.type === 'ERROR') {
              const st = ev.object as Status;
              if (st.code === 410) expired = true;
              else options.onError?.(new ApiError(st));
              return;
            }
            const meta = (ev.object as KubeObject).metadata;
            if (meta?.resourceVersion) rv = meta.resourceVersion;
            if (ev.type === 'BOOKMARK') return;
            if (options.table) {
              const t = ev.object as Table;
              if (t.columnDefinitions?.length) columns = t.columnDefinitions;
              for (const row of t.rows ?? []) {
                if (ev.type === 'DELETED') items.delete(keyOf(row));
                else items.set(keyOf(row), { ...row, columns } as T);
              }
            } else if (ev.type === 'DELETED') items.delete(keyOf(ev.object));
            else items.set(keyOf(ev.object), ev.object as T);
            changed();
          },
          abort.signal,
          accept,
        );
        if (expired) rv = undefined;
      } catch (err) {
        if (abort.signal.aborted) return;
        if (err instanceof ApiError) {
          options.onError?.(err);
          if (err.code === 410) rv = undefined;
        }
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }
  void run();
  return {
    items,
    get synced() {
      return state.synced;
    },
    stop: () => {
      abort.abort();
      if (pending) clearTimeout(pending);
    },
  };
}

/** The REST path of a collection: `/api/v1/namespaces/ns/pods`, or cluster-wide when `ns` is undefined. */
export function collectionPath(resource: string, ns?: string, group = ''): string {
  const base = group ? `/apis/${group}` : '/api/v1';
  return ns ? `${base}/namespaces/${encodeURIComponent(ns)}/${resource}` : `${base}/${resource}`;
}

/** The REST path of one object. */
export function objectPath(resource: string, ns: string | undefined, name: string, group = ''): string {
  return `${collectionPath(resource, ns, group)}/${encodeURIComponent(name)}`;
}
