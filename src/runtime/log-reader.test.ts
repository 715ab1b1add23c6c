import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { formatTimestampOut, parseCriLogLine, parseRfc3339Ms, readContainerLog } from './log-reader.js';

const LOG = [
  '2026-11-24T14:23:42.100000000+00:00 stdout F line 1',
  '2026-11-24T14:23:43.200000000+00:00 stderr F oops',
  '2026-11-24T14:23:44.300000000+00:00 stdout P par',
  '2026-11-24T14:23:44.300000001+00:00 stdout P ti',
  '2026-11-24T14:23:44.400000000+00:00 stdout F al',
  '2026-11-24T14:23:45.500000000+00:00 stdout F line 3',
].join('\n') + '\n';

async function collect(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

function tick(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe('parseCriLogLine', () => {
  it('parses full and partial lines', () => {
    const full = parseCriLogLine(Buffer.from('2026-11-24T14:23:42.485328545+00:00 stdout F hello world\n'));
    assert.equal(full?.stream, 'stdout');
    assert.equal(full?.partial, false);
    assert.equal(full?.content.toString(), 'hello world\n');
    const partial = parseCriLogLine(Buffer.from('2026-11-24T14:23:42.485328545+00:00 stderr P abc\n'));
    assert.equal(partial?.partial, true);
    assert.equal(partial?.content.toString(), 'abc');
    assert.equal(partial?.timeMs, Date.UTC(2026, 10, 24, 14, 23, 42, 485));
  });

  it('rejects malformed lines', () => {
    assert.equal(parseCriLogLine(Buffer.from('garbage\n')), undefined);
    assert.equal(parseCriLogLine(Buffer.from('2026-11-24T14:23:42Z stdin F x\n')), undefined);
    assert.equal(parseCriLogLine(Buffer.from('yesterday stdout F x\n')), undefined);
  });

  it('formats timestamps as kubelet does (UTC, nine digits)', () => {
    assert.equal(formatTimestampOut('2026-11-24T14:23:42.4853+00:00'), '2026-11-24T14:23:42.485300000Z');
    assert.equal(formatTimestampOut('2026-11-24T15:23:42.485328545+01:00'), '2026-11-24T14:23:42.485328545Z');
    assert.equal(parseRfc3339Ms('2026-11-24T14:23:42Z'), Date.UTC(2026, 10, 24, 14, 23, 42));
  });
});

describe('readContainerLog', () => {
  let dir: string;
  let path: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'podyard-logs-'));
    path = join(dir, '0.log');
    await writeFile(path, LOG);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('joins partial lines and keeps both streams in order', async () => {
    assert.equal(await collect(readContainerLog(path)), 'line 1\noops\npartial\nline 3\n');
  });

  it('prefixes timestamps only at the start of a line', async () => {
    const out = await collect(readContainerLog(path, { timestamps: true }));
    assert.equal(
      out,
      '2026-11-24T14:23:42.100000000Z line 1\n' +
        '2026-11-24T14:23:43.200000000Z oops\n' +
        '2026-11-24T14:23:44.300000000Z partial\n' +
        '2026-11-24T14:23:45.500000000Z line 3\n',
    );
  });

  it('tails raw lines', async () => {
    assert.equal(await collect(readContainerLog(path, { tailLines: 1 })), 'line 3\n');
    assert.equal(await collect(readContainerLog(path, { tailLines: 2 })), 'al\nline 3\n');
    assert.equal(await collect(readContainerLog(path, { tailLines: 0 })), '');
    assert.equal(await collect(readContainerLog(path, { tailLines: 100 })), 'line 1\noops\npartial\nline 3\n');
  });

  it('filters by time, stream and byte limit', async () => {
    const since = Date.UTC(2026, 10, 24, 14, 23, 43, 0);
    assert.equal(await collect(readContainerLog(path, { sinceTimeMs: since })), 'oops\npartial\nline 3\n');
    assert.equal(await collect(readContainerLog(path, { streams: ['stderr'] })), 'oops\n');
    assert.equal(await collect(readContainerLog(path, { limitBytes: 9 })), 'line 1\noo');
  });

  it('errors when the file is missing', async () => {
    await assert.rejects(collect(readContainerLog(join(dir, 'missing.log'))), { code: 'ENOENT' });
  });

  it('follows appends and ends once the container stopped', async () => {
    const p = join(dir, 'follow.log');
    await writeFile(p, '2026-11-24T14:23:42.100000000+00:00 stdout F first\n');
    let running = true;
    const stream = readContainerLog(p, { follow: true, isRunning: () => running, pollIntervalMs: 50 });
    const done = collect(stream);
    await tick(100);
    await appendFile(p, '2026-11-24T14:23:42.200000000+00:00 stdout P sec');
    await tick(50);
    await appendFile(p, 'ond\n2026-11-24T14:23:42.300000000+00:00 stdout F \n');
    await tick(100);
    await appendFile(p, '2026-11-24T14:23:42.400000000+00:00 stdout F last\n');
    running = false;
    assert.equal(await done, 'first\nsecond\nlast\n');
  });

  it('follows into a rotated file', async () => {
    const p = join(dir, 'rotate.log');
    await writeFile(p, '2026-11-24T14:23:42.100000000+00:00 stdout F before\n');
    let running = true;
    const done = collect(readContainerLog(p, { follow: true, isRunning: () => running, pollIntervalMs: 50 }));
    await tick(100);
    await rename(p, p + '.20261124-142342');
    await writeFile(p, '2026-11-24T14:23:43.100000000+00:00 stdout F after\n');
    await tick(200);
    running = false;
    assert.equal(await done, 'before\nafter\n');
  });

  it('ends a follow when the stream is destroyed', async () => {
    const p = join(dir, 'destroy.log');
    await writeFile(p, '2026-11-24T14:23:42.100000000+00:00 stdout F x\n');
    const stream = readContainerLog(p, { follow: true, pollIntervalMs: 60_000 });
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    assert.equal(first.toString(), 'x\n');
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.destroy();
    await closed;
  });
});
