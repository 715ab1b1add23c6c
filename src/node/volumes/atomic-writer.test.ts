import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock, silentLogger } from '../../base/index.js';
import { AtomicWriter, validatePayloadPath, type Payload } from './atomic-writer.js';

const file = (s: string, mode = 0o644) => ({ data: Buffer.from(s), mode });
const payloadOf = (entries: Record<string, string>): Payload => new Map(Object.entries(entries).map(([k, v]) => [k, file(v)]));

describe('AtomicWriter', () => {
  let root: string;
  let n = 0;
  const clock = new FakeClock(Date.UTC(2026, 10, 24, 15, 20, 0));
  const newTarget = async () => {
    const dir = join(root, `t${n++}`);
    await mkdir(dir);
    return { dir, writer: new AtomicWriter(dir, { clock, logger: silentLogger }) };
  };
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'podyard-atomic-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('projects files through ..data into a timestamped directory, with their modes', async () => {
    const { dir, writer } = await newTarget();
    assert.equal(await writer.write(new Map([['a', file('A', 0o600)], ['sub/b', file('B', 0o400)]])), true);
    const ts = await readlink(join(dir, '..data'));
    assert.match(ts, /^\.\.2026_11_24_15_20_00\.\w+$/);
    assert.equal((await stat(join(dir, ts))).mode & 0o777, 0o755);
    assert.equal(await readlink(join(dir, 'a')), '..data/a');
    assert.equal(await readlink(join(dir, 'sub')), '..data/sub');
    assert.equal(await readFile(join(dir, 'a'), 'utf8'), 'A');
    assert.equal(await readFile(join(dir, 'sub', 'b'), 'utf8'), 'B');
    assert.equal((await stat(join(dir, 'a'))).mode & 0o777, 0o600);
    assert.equal((await stat(join(dir, 'sub', 'b'))).mode & 0o777, 0o400);
    assert.deepEqual((await readdir(dir)).sort(), ['..data', ts, 'a', 'sub'].sort());
  });

  it('does nothing when the payload is unchanged', async () => {
    const { dir, writer } = await newTarget();
    await writer.write(payloadOf({ a: '1' }));
    const ts = await readlink(join(dir, '..data'));
    assert.equal(await writer.write(payloadOf({ a: '1' })), false);
    assert.equal(await readlink(join(dir, '..data')), ts);
  });

  it('swaps ..data atomically: until the rename, readers see only the old payload', async () => {
    const { dir, writer } = await newTarget();
    await writer.write(payloadOf({ a: 'old-a', b: 'old-b' }));
    const oldTs = await readlink(join(dir, '..data'));
    clock.advance(1000);
    let seenDuringWrite: string[] = [];
    await writer.write(payloadOf({ a: 'new-a', b: 'new-b', c: 'new-c' }), async (tsDirName) => {
      // Step 7 runs after the new data is complete and before the swap.
      assert.equal(await readFile(join(dir, tsDirName, 'a'), 'utf8'), 'new-a');
      seenDuringWrite = [await readFile(join(dir, 'a'), 'utf8'), await readFile(join(dir, 'b'), 'utf8')];
      await assert.rejects(lstat(join(dir, 'c')));
    });
    assert.deepEqual(seenDuringWrite, ['old-a', 'old-b']);
    const newTs = await readlink(join(dir, '..data'));
    assert.notEqual(newTs, oldTs);
    assert.match(newTs, /^\.\.2026_11_24_15_20_01\./);
    await assert.rejects(stat(join(dir, oldTs)), 'the previous timestamped directory is removed');
    assert.equal(await readFile(join(dir, 'a'), 'utf8'), 'new-a');
    assert.equal(await readFile(join(dir, 'c'), 'utf8'), 'new-c');
  });

  it('removes user-visible names the payload no longer has', async () => {
    const { dir, writer } = await newTarget();
    await writer.write(payloadOf({ a: '1', 'd/x': '2' }));
    await writer.write(payloadOf({ a: '1' }));
    assert.deepEqual((await readdir(dir)).filter((e) => !e.startsWith('..')), ['a']);
  });

  it('refuses reserved, absolute and escaping paths with the kubelet messages', async () => {
    assert.throws(() => validatePayloadPath(''), { message: 'invalid path: must not be empty: ""' });
    assert.throws(() => validatePayloadPath('/etc/x'), { message: 'invalid path: must be relative path: /etc/x' });
    assert.throws(() => validatePayloadPath('a/../../x'), { message: "invalid path: must not contain '..': a/../../x" });
    assert.throws(() => validatePayloadPath('..data'), { message: "invalid path: must not start with '..': ..data" });
    assert.throws(() => validatePayloadPath('x'.repeat(256)), { message: 'invalid path: filenames must be less than or equal to 255 characters' });
    const { dir, writer } = await newTarget();
    await assert.rejects(writer.write(payloadOf({ '..data': 'x' })));
    assert.deepEqual(await readdir(dir), []);
  });
});
