/** Every `podyard` command's --help exits 0 and shows an example (issue #8). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { clientCommands, runCommand, type CliIo } from '../../src/cli/index.js';
import { podyardBin } from '../helpers/podyard.js';

const run = promisify(execFile);

function captureIo(): { io: CliIo; out: () => string } {
  let text = '';
  const stdout = new PassThrough();
  stdout.on('data', (d: Buffer) => (text += d.toString()));
  const io: CliIo = {
    stdout,
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: {},
    cwd: process.cwd(),
    defaultDataDir: '/nonexistent',
    self: [process.execPath, podyardBin],
    onSignal: () => () => undefined,
  };
  return { io, out: () => text };
}

describe('podyard --help', () => {
  for (const cmd of clientCommands) {
    it(`podyard ${cmd.name} --help`, async () => {
      const { io, out } = captureIo();
      assert.equal(await runCommand(cmd, ['--help'], io), 0);
      assert.match(out(), /Example/);
      assert.match(out(), new RegExp(`podyard ${cmd.name}`));
      assert.match(out(), /Usage:/);
    });
  }
  it('the binary: podyard --help lists every command, and server, image, reset have examples', async () => {
    const { stdout } = await run(process.execPath, [podyardBin, '--help']);
    for (const c of clientCommands.filter((x) => !x.name.startsWith('__'))) assert.match(stdout, new RegExp(`^  ${c.name} `, 'm'));
    for (const name of ['server', 'image', 'reset', 'get', 'up']) {
      const help = await run(process.execPath, [podyardBin, name, '--help']);
      assert.match(help.stdout, /Example/, name);
    }
  });
});
