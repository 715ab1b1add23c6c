/**
 * `GET pods/{name}/log` (kubectl-compat.md §8): the API server's checks (`LogREST.Get`,
 * `LogLocation`), then the kubelet's (`GetKubeletContainerLogs`), then the CRI log file through
 * `readContainerLog` as `text/plain` — streamed and flushed as it grows with `follow=true`.
 */
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import {
  aggregateFieldErrors,
  badRequest,
  decodePodLogOptions,
  goQuote,
  invalid,
  validatePodLogOptions,
  type Pod,
  type PodLogOptions,
} from '../../apis/index.js';
import type { Clock, Logger } from '../../base/index.js';
import { readContainerLog, type ReadLogOptions, type RuntimeService } from '../../runtime/index.js';
import { resolveLogInstance, runtimeContainerId, validateContainer } from './pod-containers.js';
import type { PodLocator } from './streaming-server.js';

/** What serving a log needs. */
export interface ContainerLogDeps {
  runtime: Pick<RuntimeService, 'containerStatus'>;
  locate: PodLocator;
  clock: Clock;
  logger: Logger;
}

/** The log file (and container id) a request resolves to. */
export interface LogSource {
  path: string;
  containerId: string;
  /** Whether this is the container's latest instance (which may still be running). */
  latest: boolean;
}

/**
 * Decodes and validates the query: 400 for undecodable parameters, 422 `PodLogOptions "web" is
 * invalid: …` for invalid ones (apiserver `LogREST.Get`).
 */
export function parseLogOptions(pod: Pod, query: URLSearchParams): PodLogOptions {
  const decoded = decodePodLogOptions(query);
  if (!decoded.ok) throw badRequest(aggregateFieldErrors(decoded.errors));
  const errs = validatePodLogOptions(decoded.value);
  if (errs.length > 0) throw invalid({ group: '', kind: 'PodLogOptions' }, pod.metadata.name ?? '', errs);
  return decoded.value;
}

/**
 * Finds the log file for `container` of `pod`: the instance named by the pod's status
 * (kubelet's rules, {@link resolveLogInstance}), located through the kubelet.
 */
export async function resolveLogSource(deps: Pick<ContainerLogDeps, 'locate'>, pod: Pod, container: string, previous: boolean): Promise<LogSource> {
  const { instance, containerId } = resolveLogInstance(pod, container, previous);
  const location = await deps.locate(pod);
  const entry = location?.containers.get(container);
  const c = goQuote(container);
  const p = goQuote(pod.metadata.name ?? '');
  if (!entry) throw badRequest(`container ${c} in pod ${p} is not available`);
  const wanted = runtimeContainerId(containerId);
  // The status may lag behind the runtime: the instance it names may be the latest one.
  if (instance === 'current' || wanted === entry.id) {
    if (!entry.logPath) throw badRequest(`container ${c} in pod ${p} is not available`);
    return { path: entry.logPath, containerId: entry.id, latest: true };
  }
  if (!entry.previousLogPath) {
    if (previous) throw badRequest(`previous terminated container ${c} in pod ${p} not found`);
    throw badRequest(`container ${c} in pod ${p} is terminated`);
  }
  return { path: entry.previousLogPath, containerId: wanted, latest: false };
}

/** Serves `pods/{name}/log`. Resolves when the response ended (or the client went away). */
export async function serveContainerLogs(deps: ContainerLogDeps, pod: Pod, res: ServerResponse, query: URLSearchParams): Promise<void> {
  // 1. API server: options and container.
  const options = parseLogOptions(pod, query);
  const container = validateContainer(pod, options.container);
  if (!pod.spec?.nodeName) {
    // LogLocation: a pod not assigned to a node has an empty log.
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end();
    return;
  }
  // 2. Kubelet: which instance, and where its file is.
  const source = await resolveLogSource(deps, pod, container, options.previous === true);
  try {
    await stat(source.path);
  } catch {
    throw badRequest(`failed to try resolving symlinks in path ${goQuote(source.path)}: lstat ${source.path}: no such file or directory`);
  }
  // 3. The bytes.
  const follow = options.follow === true;
  const readOptions: ReadLogOptions = { follow };
  if (options.tailLines !== undefined) readOptions.tailLines = options.tailLines;
  if (options.limitBytes !== undefined) readOptions.limitBytes = options.limitBytes;
  if (options.timestamps) readOptions.timestamps = true;
  if (options.sinceSeconds !== undefined) readOptions.sinceTimeMs = deps.clock.now() - options.sinceSeconds * 1000;
  else if (options.sinceTime !== undefined) readOptions.sinceTimeMs = Date.parse(options.sinceTime);
  if (options.stream === 'Stdout') readOptions.streams = ['stdout'];
  else if (options.stream === 'Stderr') readOptions.streams = ['stderr'];
  if (follow) {
    readOptions.isRunning = source.latest
      ? () =>
          deps.runtime.containerStatus(source.containerId).then(
            (s) => s.state === 'CONTAINER_RUNNING',
            () => false,
          )
      : () => false;
  }
  const reader = readContainerLog(source.path, readOptions);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  if (follow) res.flushHeaders();
  await new Promise<void>((resolve) => {
    const done = (): void => {
      reader.destroy();
      resolve();
    };
    res.once('close', done);
    res.once('finish', done);
    reader.once('error', (err) => {
      deps.logger.warn('reading a container log failed', { path: source.path, err: err.message });
      res.end();
    });
    reader.pipe(res);
  });
}
