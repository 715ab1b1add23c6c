import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createLogger, FakeClock } from '../base/index.js';
import { FakeRuntime } from '../runtime/index.js';
import { ContainerLogManager } from './container-log-manager.js';

async function setup(maxFiles = 3) {
  const dir = await mkdtemp(join(tmpdir(), 'podyard-logrotate-'));
  const clock = new FakeClock(Date.parse('2026-11-24T10:00:00Z'));
  const runtime = new FakeRuntime({ clock });
  const sid = await runtime.runPodSandbox({ metadata: { name: 'p', namespace: 'd', uid: 'u', attempt: 0 }, logDirectory: dir });
  const id = await runtime.createContainer(sid, { metadata: { name: 'app', attempt: 0 }, image: { image: 'x' }, rootfs: { lowerDirs: [] }, logPath: 'app/0.log' });
  await runtime.startContainer(id);
  await mkdir(join(dir, 'app'));
  const log = join(dir, 'app', '0.log');
  const manager = new ContainerLogManager({ runtime, clock, logger: createLogger({ level: 'error' }) }, { maxSizeBytes: 100, maxFiles });
  const files = async () => (await readdir(join(dir, 'app'))).sort();
  return { clock, runtime, manager, log, files, id };
}

describe('ContainerLogManager (kubelet container log rotation)', () => {
  it('leaves logs under the size alone', async () => {
    const { manager, log, files } = await setup();
    await writeFile(log, 'x'.repeat(99));
    await manager.rotateLogs();
    assert.deepEqual(await files(), ['0.log']);
  });

  it('renames a full log with a timestamp, reopens it, compresses older ones and keeps maxFiles', async () => {
    const { clock, runtime, manager, log, files } = await setup(3);
    for (let i = 0; i < 4; i++) {
      await writeFile(log, `${i}`.repeat(150));
      await manager.rotateLogs();
      clock.advance(61_000);
    }
    assert.equal(runtime.calls.filter((c) => c === 'reopenContainerLog').length, 4);
    // Three files at most: the live log (reopened by the runtime; absent here) plus two rotated.
    assert.deepEqual(await files(), ['0.log.20261124-100202.gz', '0.log.20261124-100303']);
    assert.equal(gunzipSync(await readFile(`${log}.20261124-100202.gz`)).toString(), '2'.repeat(150));
    assert.equal(await readFile(`${log}.20261124-100303`, 'utf8'), '3'.repeat(150));
  });

  it('puts the log back when the runtime cannot reopen it', async () => {
    const { runtime, manager, log, files } = await setup();
    await writeFile(log, 'y'.repeat(200));
    runtime.injectError('reopenContainerLog', new Error('conmon gone'), { once: true });
    await manager.rotateLogs();
    assert.deepEqual(await files(), ['0.log']);
  });

  it('refuses fewer than two files', () => {
    assert.throws(() => new ContainerLogManager({} as never, { maxSizeBytes: 1, maxFiles: 1 }), /at least 2/);
  });
});
