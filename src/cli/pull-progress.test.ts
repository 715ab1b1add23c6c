import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { KubeObject } from '../apis/index.js';
import { defaultPullPolicy, formatBytes, imagesToPull, PullDisplay, renderPullBar, renderPullDone, type ImagePullState } from './pull-progress.js';

const state = (over: Partial<ImagePullState>): ImagePullState => ({
  image: 'nginx',
  phase: 'pulling',
  bytes: 0,
  totalBytes: 0,
  layers: 0,
  totalLayers: 0,
  elapsedMs: 0,
  ...over,
});

describe('defaultPullPolicy', () => {
  it('is Always for latest or no tag and no digest, as core/v1 defaults', () => {
    assert.equal(defaultPullPolicy('nginx'), 'Always');
    assert.equal(defaultPullPolicy('nginx:latest'), 'Always');
    assert.equal(defaultPullPolicy('localhost:5000/app'), 'Always');
    assert.equal(defaultPullPolicy('nginx:latest@sha256:' + 'a'.repeat(64)), 'Always');
    assert.equal(defaultPullPolicy('nginx:1.27'), 'IfNotPresent');
    assert.equal(defaultPullPolicy('localhost:5000/app:v1'), 'IfNotPresent');
    assert.equal(defaultPullPolicy('nginx@sha256:' + 'a'.repeat(64)), 'IfNotPresent');
  });
});

describe('imagesToPull', () => {
  it('collects containers and initContainers of pods and templates once, honouring imagePullPolicy', () => {
    const objects = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { initContainers: [{ name: 'i', image: 'busybox:1.36' }], containers: [{ name: 'c', image: 'nginx' }, { name: 'd', image: 'local/app:v1', imagePullPolicy: 'Never' }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', imagePullPolicy: 'Always' }] } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'redis:7' }] } } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { imagePullSecrets: [{ name: 's' }], containers: [{ name: 'c', image: 'private/app' }] } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: {} },
    ] as unknown as KubeObject[];
    assert.deepEqual(imagesToPull(objects), [
      { image: 'busybox:1.36', pullPolicy: 'Always' },
      { image: 'nginx', pullPolicy: 'Always' },
      { image: 'local/app:v1', pullPolicy: 'Never' },
      { image: 'redis:7', pullPolicy: 'IfNotPresent' },
    ]);
  });
});

describe('renderPullBar', () => {
  it('draws a bar proportional to the bytes, with bytes and layers', () => {
    const line = renderPullBar(state({ bytes: 18_000_000, totalBytes: 35_900_000, layers: 1, totalLayers: 2 }), 8, 200);
    assert.equal(line, `nginx     [${'='.repeat(20)}>${' '.repeat(19)}]  18.0 MB/35.9 MB  1/2 layers`);
  });
  it('is full when done, empty at the start, and fits the terminal width', () => {
    assert.match(renderPullBar(state({ bytes: 10, totalBytes: 10, layers: 1, totalLayers: 1 }), 5, 200), /\[={40}\] {2}10 B\/10 B {2}1\/1 layers$/);
    assert.match(renderPullBar(state({ totalBytes: 10, totalLayers: 1 }), 5, 200), /\[> {39}\]/);
    const narrow = renderPullBar(state({ bytes: 5, totalBytes: 10, layers: 0, totalLayers: 1 }), 5, 50);
    assert.ok(narrow.length <= 50, narrow);
    assert.match(narrow, /^nginx {2}\[=+>? *\]/);
  });
  it('names the other phases', () => {
    assert.equal(renderPullBar(state({ phase: 'resolving' }), 6, 80), 'nginx   Resolving');
    assert.equal(renderPullBar(state({ phase: 'pulled', totalBytes: 35_900_000, layers: 2, totalLayers: 2, elapsedMs: 1234 }), 5, 80), 'nginx  Pulled (35.9 MB, 2/2 layers, 1.2s)');
    assert.equal(renderPullBar(state({ phase: 'failed', error: 'not found' }), 5, 80), 'nginx  Failed: not found');
  });
});

describe('renderPullDone', () => {
  it('is the plain line of a finished pull', () => {
    assert.equal(renderPullDone(state({ phase: 'pulled', totalBytes: 35_900_000, layers: 2, totalLayers: 2, elapsedMs: 1200 })), 'Pulled nginx (35.9 MB, 2/2 layers, 1.2s)');
    assert.equal(renderPullDone(state({ phase: 'failed', error: 'boom' })), 'Failed to pull nginx: boom');
    assert.equal(formatBytes(812_000), '812 kB');
  });
});

describe('PullDisplay', () => {
  const capture = (tty: boolean) => {
    const out = Object.assign(new PassThrough(), { isTTY: tty, columns: 120 });
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    return { out, text: () => text };
  };
  it('prints one line per finished image without a terminal', () => {
    const c = capture(false);
    const d = new PullDisplay(c.out);
    d.update(state({ phase: 'resolving' }));
    d.update(state({ phase: 'pulling', totalBytes: 100, totalLayers: 2 }));
    d.update(state({ image: 'old', phase: 'skipped' }));
    d.update(state({ phase: 'pulled', totalBytes: 100, layers: 2, totalLayers: 2, elapsedMs: 500 }));
    d.finish();
    assert.equal(c.text(), 'Pulled nginx (100 B, 2/2 layers, 0.5s)\n');
  });
  it('redraws a line per image in place on a terminal', () => {
    const c = capture(true);
    const d = new PullDisplay(c.out);
    d.update(state({ phase: 'resolving' }));
    d.update(state({ image: 'redis:7', phase: 'failed', error: 'nope' }));
    d.update(state({ phase: 'pulled', totalBytes: 100, layers: 2, totalLayers: 2, elapsedMs: 500 }));
    d.finish();
    const text = c.text();
    assert.ok(text.includes('\x1b[2A'), 'moves the cursor back over both lines');
    const last = text.slice(text.lastIndexOf('\x1b[2A'));
    assert.equal(last, '\x1b[2A\r\x1b[2Knginx    Pulled (100 B, 2/2 layers, 0.5s)\n\r\x1b[2Kredis:7  Failed: nope\n');
  });
});
