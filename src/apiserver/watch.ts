import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, Logger } from '../base/index.js';
import { statusOf } from '../apis/index.js';
import type { GenericRegistry, RegistryWatchEvent } from '../registry/index.js';
import { listOptions } from './query.js';
import { printTable } from './printers/index.js';

/** kube-apiserver's `--min-request-timeout`: watches without timeoutSeconds last 1–2 times this. */
const minRequestTimeoutSeconds = 1800;
/** Interval between BOOKMARK events when the client allows them. */
const bookmarkIntervalMs = 60_000;

/**
 * Streams a watch as newline-delimited JSON (`{"type":…,"object":…}`), flushing headers at once
 * (kubectl waits for them) and each event as it happens. With a Table Accept header each event's
 * object is a one-row Table, column definitions only on the first.
 */
export async function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  registry: GenericRegistry,
  namespace: string | undefined,
  query: URLSearchParams,
  name: string | undefined,
  options: { clock: Clock; logger: Logger; table: boolean },
): Promise<void> {
  const abort = new AbortController();
  const opts = listOptions(query);
  if (name) opts.fieldSelector = [opts.fieldSelector, `metadata.name=${name}`].filter(Boolean).join(',');
  const rv = opts.resourceVersion;
  const sendInitialEvents =
    query.get('sendInitialEvents') === 'true' || rv === undefined || rv === '' || rv === '0';
  const allowWatchBookmarks = query.get('allowWatchBookmarks') === 'true';
  // Validate selectors and the resource version before committing to a 200.
  const events = registry.watch(namespace, { ...opts, sendInitialEvents, allowWatchBookmarks, signal: abort.signal });
  let first: IteratorResult<RegistryWatchEvent> | undefined;
  const firstPromise = events.next();
  const settled = await Promise.race([
    firstPromise.then(
      (r) => ({ r, e: undefined }),
      (e: unknown) => ({ r: undefined, e: e instanceof Error ? e : new Error(String(e)) }),
    ),
    new Promise<undefined>((r) => setImmediate(() => r(undefined))),
  ]);
  if (settled?.e !== undefined) throw settled.e;
  if (settled) first = settled.r;

  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);
  const timeoutMs = (timeoutSeconds > 0 ? timeoutSeconds : minRequestTimeoutSeconds * (1 + Math.random())) * 1000;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const bookmarks = allowWatchBookmarks
    ? setInterval(() => {
        write({
          type: 'BOOKMARK',
          object: {
            kind: registry.info.kind,
            apiVersion: registry.info.group ? `${registry.info.group}/${registry.info.version}` : registry.info.version,
            metadata: { resourceVersion: registry.currentResourceVersion() },
          },
        });
      }, bookmarkIntervalMs)
    : undefined;
  const onClose = () => abort.abort();
  req.on('close', onClose);
  res.on('close', onClose);

  let headerSent = false;
  function write(ev: RegistryWatchEvent): void {
    let object: unknown = ev.object;
    if (options.table && (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED')) {
      const table = printTable(registry.info.resource, [ev.object], {
        now: options.clock.now(),
        includeObject: 'Metadata',
        noHeaders: headerSent,
      }) as unknown as { metadata: Record<string, unknown>; columnDefinitions?: unknown };
      table.metadata = { resourceVersion: ev.object.metadata.resourceVersion };
      headerSent = true;
      object = table;
    }
    res.write(JSON.stringify({ type: ev.type, object }) + '\n');
  }

  try {
    if (first === undefined) first = await firstPromise;
    if (!first.done) write(first.value);
    if (!first.done) {
      for (;;) {
        const next = await events.next();
        if (next.done) break;
        write(next.value);
      }
    }
  } catch (err) {
    if (!abort.signal.aborted) {
      const status = statusOf(err);
      if (status.code === 500) options.logger.error('watch failed', { url: req.url, err });
      write({ type: 'ERROR', object: status });
    }
  } finally {
    clearTimeout(timer);
    if (bookmarks) clearInterval(bookmarks);
    req.off('close', onClose);
    res.off('close', onClose);
    abort.abort();
    await events.return(undefined);
    res.end();
  }
}
