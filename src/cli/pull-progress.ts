/**
 * Image pull progress for `podyard up`: which images the manifests' pods use (with the pull
 * policy Kubernetes defaults), the state of each pull as the puller reports it, and how that
 * state is drawn — a bar per image on a terminal, one plain line per finished image otherwise.
 * The pulling itself lives in `src/cmd` (the CLI may not import `images`) and reaches `up`
 * through {@link CliIo.pullImages}.
 */
import type { KubeObject, PodSpec } from '../apis/index.js';
import { imageTag } from '../apis/index.js';
import type { CliIo, Output } from './io.js';

/** One image `up` wants in the data dir's store before it applies. */
export interface ImagePullRequest {
  /** The image as the manifest writes it (`nginx`, `docker.io/library/nginx:1.27`). */
  image: string;
  pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
}

/** The state of one image's pull, reported on every change. */
export interface ImagePullState {
  image: string;
  /**
   * `skipped`: policy Never, or IfNotPresent and already in the store; `resolving`: looking up
   * the manifest; `pulling`: layers downloading; `pulled` / `failed`: finished.
   */
  phase: 'skipped' | 'resolving' | 'pulling' | 'pulled' | 'failed';
  /** Compressed bytes of the layers present or downloaded so far / in all. */
  bytes: number;
  totalBytes: number;
  /** Layers finished (present or downloaded) / in all. */
  layers: number;
  totalLayers: number;
  /** Milliseconds since the pull started (final once pulled or failed). */
  elapsedMs: number;
  /** The error message when failed. */
  error?: string;
}

/** Pulls `requests` into the image store of `dataDir`, reporting each change of each image's state; never throws for one image's failure. */
export type PullImagesFn = (dataDir: string, requests: ImagePullRequest[], onUpdate: (state: ImagePullState) => void) => Promise<void>;

/** The `imagePullPolicy` Kubernetes defaults (core/v1 defaults.go): Always for `:latest` or no tag and no digest, else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The pod spec of an object: a Pod's, a workload's template's, a CronJob's job template's. */
function podSpecOf(object: KubeObject): PodSpec | undefined {
  const o = object as KubeObject & { spec?: Record<string, unknown> };
  if (o.kind === 'Pod') return o.spec as PodSpec | undefined;
  const template = o.spec?.template as { spec?: PodSpec } | undefined;
  if (template?.spec) return template.spec;
  const job = o.spec?.jobTemplate as { spec?: { template?: { spec?: PodSpec } } } | undefined;
  return job?.spec?.template?.spec;
}

/**
 * The images of the pods (and pod templates) of `objects`, containers and initContainers, once
 * each (the first policy wins, except that any non-Never use makes an image wanted). Pods with
 * imagePullSecrets are left to the node agent, which has their credentials.
 */
export function imagesToPull(objects: KubeObject[]): ImagePullRequest[] {
  const out = new Map<string, ImagePullRequest>();
  for (const object of objects) {
    const spec = podSpecOf(object);
    if (!spec || spec.imagePullSecrets?.length) continue;
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      if (!c.image) continue;
      const pullPolicy = c.imagePullPolicy ?? defaultPullPolicy(c.image);
      const seen = out.get(c.image);
      if (!seen || (seen.pullPolicy === 'Never' && pullPolicy !== 'Never') || (seen.pullPolicy === 'IfNotPresent' && pullPolicy === 'Always')) {
        out.set(c.image, { image: c.image, pullPolicy });
      }
    }
  }
  return [...out.values()];
}

/** Bytes as docker prints them: `35.9 MB`, `812 kB`, `0 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} B`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** The plain line of a finished pull (no terminal): `Pulled nginx (35.9 MB, 2/2 layers, 1.2s)`. */
export function renderPullDone(s: ImagePullState): string {
  if (s.phase === 'failed') return `Failed to pull ${s.image}: ${s.error ?? 'unknown error'}`;
  return `Pulled ${s.image} (${formatBytes(s.totalBytes)}, ${s.layers}/${s.totalLayers} layers, ${seconds(s.elapsedMs)})`;
}

/**
 * One terminal line for an image's pull, at most `columns` wide:
 * `nginx  [=========>          ]  12.3 MB/35.9 MB  1/2 layers`, the name padded to `nameWidth`.
 */
export function renderPullBar(s: ImagePullState, nameWidth: number, columns: number): string {
  const name = s.image.padEnd(nameWidth);
  let line: string;
  if (s.phase === 'resolving') line = `${name}  Resolving`;
  else if (s.phase === 'pulled') line = `${name}  Pulled (${formatBytes(s.totalBytes)}, ${s.layers}/${s.totalLayers} layers, ${seconds(s.elapsedMs)})`;
  else if (s.phase === 'failed') line = `${name}  Failed: ${s.error ?? 'unknown error'}`;
  else if (s.phase === 'skipped') line = `${name}  Present`;
  else {
    const counts = `  ${formatBytes(s.bytes)}/${formatBytes(s.totalBytes)}  ${s.layers}/${s.totalLayers} layers`;
    const barWidth = Math.max(10, Math.min(40, columns - name.length - counts.length - 4));
    const fraction = s.totalBytes > 0 ? Math.min(1, s.bytes / s.totalBytes) : s.totalLayers > 0 ? s.layers / s.totalLayers : 0;
    const filled = Math.floor(fraction * barWidth);
    const bar = filled >= barWidth ? '='.repeat(barWidth) : '='.repeat(filled) + '>' + ' '.repeat(barWidth - filled - 1);
    line = `${name}  [${bar}]${counts}`;
  }
  return columns > 0 && line.length > columns ? line.slice(0, columns) : line;
}

/**
 * Shows the pulls' states on `out`: on a terminal, one bar line per image redrawn in place
 * (cursor up, clear line) at most every 100 ms; otherwise one plain line per image when it
 * finishes. Skipped images are not shown.
 */
export class PullDisplay {
  private readonly states = new Map<string, ImagePullState>();
  private drawnLines = 0;
  private lastDraw = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly tty: boolean;

  constructor(private readonly out: Output) {
    this.tty = out.isTTY === true;
  }

  /** Records a state change (from the puller). */
  update(s: ImagePullState): void {
    if (s.phase === 'skipped') return;
    this.states.set(s.image, { ...s });
    if (!this.tty) {
      if (s.phase === 'pulled' || s.phase === 'failed') this.out.write(renderPullDone(s) + '\n');
      return;
    }
    const final = s.phase === 'pulled' || s.phase === 'failed';
    if (final || Date.now() - this.lastDraw >= 100) this.draw();
    else this.timer ??= setTimeout(() => this.draw(), 100);
  }

  /** Draws the final state (terminal) once every pull has ended. */
  finish(): void {
    if (this.tty && this.states.size) this.draw();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private draw(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastDraw = Date.now();
    const columns = (this.out.columns ?? 80) - 1;
    const nameWidth = Math.min(40, Math.max(0, ...[...this.states.keys()].map((k) => k.length)));
    let text = this.drawnLines ? `\x1b[${this.drawnLines}A` : '';
    for (const s of this.states.values()) text += `\r\x1b[2K${renderPullBar(s, nameWidth, columns)}\n`;
    this.drawnLines = this.states.size;
    this.out.write(text);
  }
}

/**
 * Pulls the images `up` is about to run into the data dir's store, showing progress on
 * `io.stdout`; resolves when every pull has ended (failures are shown, not thrown) or `signal` aborts.
 */
export async function prePullImages(io: CliIo, dataDir: string, objects: KubeObject[], signal: AbortSignal): Promise<void> {
  const pull = io.pullImages;
  const requests = imagesToPull(objects).filter((r) => r.pullPolicy !== 'Never');
  if (!pull || !requests.length) return;
  const display = new PullDisplay(io.stdout);
  const done = pull(dataDir, requests, (s) => {
    if (!signal.aborted) display.update(s);
  }).catch((err: unknown) => {
    io.stderr.write(`warning: could not pull images before applying: ${err instanceof Error ? err.message : String(err)}\n`);
  });
  let onAbort: (() => void) | undefined;
  await Promise.race([done, new Promise<void>((r) => signal.addEventListener('abort', (onAbort = () => r()), { once: true }))]);
  if (onAbort) signal.removeEventListener('abort', onAbort);
  display.finish();
}
