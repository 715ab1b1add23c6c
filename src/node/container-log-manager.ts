import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Clock, Logger, TimerHandle } from '../base/index.js';
import { errorMessage } from '../base/index.js';
import type { RuntimeService } from '../runtime/index.js';

/** Log rotation settings (KubeletConfiguration `containerLogMaxSize`, `containerLogMaxFiles`). */
export interface ContainerLogConfig {
  /** Rotate a container's log once it reaches this many bytes (kubelet default 10 MiB). */
  maxSizeBytes: number;
  /** Files kept per container, the live one included (kubelet default 5, minimum 2). */
  maxFiles: number;
  /** How often logs are checked (kubelet: 10 s). */
  monitorPeriodMs?: number;
}

const compressSuffix = '.gz';
const tmpSuffix = '.tmp';

/** The rotation timestamp suffix, Go layout `20060102-150405` in UTC. */
function timestampSuffix(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/**
 * Rotates the CRI log files of running containers by size, as the kubelet's container log
 * manager does (pkg/kubelet/logs/container_log_manager.go): when a log reaches `maxSizeBytes` it
 * is renamed `<log>.<timestamp>` and the runtime is asked to reopen the log (conmon starts a new
 * file); older rotated files are gzip-compressed (all but the newest), and `maxFiles - 1` rotated
 * files are kept. `kubectl logs` reads the live file, as on a cluster.
 */
export class ContainerLogManager {
  private timer?: TimerHandle;
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    private readonly deps: { runtime: RuntimeService; clock: Clock; logger: Logger },
    private readonly config: ContainerLogConfig,
  ) {
    if (config.maxFiles < 2) throw new Error(`container log max files must be at least 2, got ${config.maxFiles}`);
  }

  start(): void {
    const tick = () => {
      void this.rotateLogs().then(() => {
        if (!this.stopped) this.timer = this.deps.clock.setTimeout(tick, this.config.monitorPeriodMs ?? 10_000);
      });
    };
    this.timer = this.deps.clock.setTimeout(tick, this.config.monitorPeriodMs ?? 10_000);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
  }

  /** One pass over every running container (concurrent calls share one pass). */
  rotateLogs(): Promise<void> {
    this.running ??= this.rotateAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async rotateAll(): Promise<void> {
    let containers;
    try {
      containers = await this.deps.runtime.listContainers({ state: 'CONTAINER_RUNNING' });
    } catch (err) {
      this.deps.logger.warn('log rotation: cannot list containers', { err: errorMessage(err) });
      return;
    }
    for (const c of containers) {
      try {
        const status = await this.deps.runtime.containerStatus(c.id);
        if (status.state !== 'CONTAINER_RUNNING' || !status.logPath) continue;
        const size = await stat(status.logPath).then((s) => s.size, () => 0);
        if (size < this.config.maxSizeBytes) continue;
        await this.rotateLog(c.id, status.logPath);
      } catch (err) {
        this.deps.logger.warn('log rotation failed', { containerId: c.id, err: errorMessage(err) });
      }
    }
  }

  /** Rotates one container's log: clean up, drop excess files, compress, rename, reopen. */
  private async rotateLog(id: string, logPath: string): Promise<void> {
    let rotated = await this.rotatedLogs(logPath);
    // Leftover temporary files of an interrupted compression.
    for (const f of rotated.filter((x) => x.endsWith(tmpSuffix))) await rm(f, { force: true });
    rotated = rotated.filter((x) => !x.endsWith(tmpSuffix)).sort();
    // Keep maxFiles - 2 old files, so that with the one rotated now and the live log there are maxFiles.
    const excess = rotated.length - (this.config.maxFiles - 2);
    for (const f of rotated.slice(0, Math.max(0, excess))) await rm(f, { force: true });
    rotated = rotated.slice(Math.max(0, excess));
    // Compress the older rotated files; only the one rotated now stays plain.
    for (const f of rotated) if (!f.endsWith(compressSuffix)) await this.compress(f);
    const target = `${logPath}.${timestampSuffix(this.deps.clock.now())}`;
    await rename(logPath, target);
    try {
      await this.deps.runtime.reopenContainerLog(id);
    } catch (err) {
      // Put the log back, or the container would write to a file nobody reads.
      await rename(target, logPath).catch(() => undefined);
      throw err;
    }
  }

  private async rotatedLogs(logPath: string): Promise<string[]> {
    const dir = dirname(logPath);
    const prefix = `${basename(logPath)}.`;
    const names = await readdir(dir).catch(() => [] as string[]);
    return names.filter((n) => n.startsWith(prefix)).map((n) => join(dir, n));
  }

  private async compress(path: string): Promise<void> {
    const tmp = `${path}${compressSuffix}${tmpSuffix}`;
    await pipeline(createReadStream(path), createGzip(), createWriteStream(tmp));
    await rename(tmp, `${path}${compressSuffix}`);
    await rm(path, { force: true });
  }
}
