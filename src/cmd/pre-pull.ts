/**
 * The image pulls of `podyard up` (issue #8): before applying, up pulls its pods' images into the
 * data dir's image store with the server's registry settings, so that it can show a progress bar
 * per image. The CLI may not import `images`; main.ts hands this function to it as
 * `CliIo.pullImages`. Pulls of the same blob by the server's node agent and by this process
 * coordinate through the store's lock files and SQLite index.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, silentLogger } from '../base/index.js';
import type { ImagePullRequest, ImagePullState } from '../cli/index.js';
import { ImageStore, normalizeReference, RegistryPuller } from '../images/index.js';
import { loadNodeCredentials, readRegistrySettings, registryAuthFile } from './image.js';

/** Pulls `requests` into `<dataDir>/images`, reporting every state change; one image's failure is reported, not thrown. */
export async function pullImagesForUp(dataDir: string, requests: ImagePullRequest[], onUpdate: (state: ImagePullState) => void): Promise<void> {
  await settingsWritten(dataDir);
  const store = await ImageStore.open(join(dataDir, 'images'), { logger: silentLogger });
  try {
    const settings = await readRegistrySettings(dataDir);
    const authFile = settings.authFile ?? registryAuthFile(dataDir, '');
    const nodeCredentials = await loadNodeCredentials(authFile).catch(() => new Map());
    const puller = new RegistryPuller({ store, logger: silentLogger }, { hosts: settings.hosts, nodeCredentials });
    await Promise.all(requests.map((r) => pullOne(store, puller, r, onUpdate)));
  } finally {
    store.close();
  }
}

/**
 * Waits (at most 20 s) until the running server has recorded its registry settings: a server
 * writes its kubeconfig first and `images/registries.json` a moment later, so a settings file
 * older than the kubeconfig is a previous run's (or absent) while the server is still starting.
 */
async function settingsWritten(dataDir: string): Promise<void> {
  const mtime = (path: string) => stat(path).then((s) => s.mtimeMs, () => undefined);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const kubeconfig = await mtime(join(dataDir, 'kubeconfig'));
    const settings = await mtime(join(dataDir, 'images', 'registries.json'));
    if (kubeconfig === undefined || (settings !== undefined && settings >= kubeconfig) || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function pullOne(store: ImageStore, puller: RegistryPuller, r: ImagePullRequest, onUpdate: (state: ImagePullState) => void): Promise<void> {
  const started = Date.now();
  const state: ImagePullState = { image: r.image, phase: 'resolving', bytes: 0, totalBytes: 0, layers: 0, totalLayers: 0, elapsedMs: 0 };
  const report = () => onUpdate({ ...state, elapsedMs: Date.now() - started });
  const layers = new Map<string, { size: number; bytes: number; done: boolean }>();
  const sum = () => {
    state.bytes = [...layers.values()].reduce((n, l) => n + l.bytes, 0);
    state.layers = [...layers.values()].filter((l) => l.done).length;
  };
  try {
    const ref = normalizeReference(r.image);
    if (r.pullPolicy === 'Never' || (r.pullPolicy === 'IfNotPresent' && store.resolve(ref))) {
      state.phase = 'skipped';
      report();
      return;
    }
    report();
    await puller.pull(ref, {
      onProgress: (e) => {
        if (e.type === 'resolved') {
          for (const l of e.layers) layers.set(l.digest, { size: l.size, bytes: l.present ? l.size : 0, done: l.present });
          state.phase = 'pulling';
          state.totalBytes = e.layers.reduce((n, l) => n + l.size, 0);
          state.totalLayers = e.layers.length;
        } else {
          const l = layers.get(e.digest);
          if (l) {
            l.bytes = e.type === 'layer' ? e.bytes : l.size;
            if (e.type === 'layer-done') l.done = true;
          }
        }
        sum();
        report();
      },
    });
    for (const l of layers.values()) {
      l.done = true;
      l.bytes = l.size;
    }
    sum();
    state.phase = 'pulled';
  } catch (err) {
    state.phase = 'failed';
    state.error = errorMessage(err);
  }
  report();
}
