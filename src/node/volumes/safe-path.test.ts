import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, fstatSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { safeMakeDir, safeOpen } from './safe-path.js';

describe('safeOpen and safeMakeDir', () => {
  let base: string;
  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'podyard-safe-'));
    await mkdir(join(base, 'a', 'b'), { recursive: true });
    await writeFile(join(base, 'a', 'b', 'f'), 'x');
    await symlink('a', join(base, 'link'));
    await symlink('/etc', join(base, 'out'));
  });
  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('opens a path inside the base component by component', () => {
    const fd = safeOpen(join(base, 'a', 'b', 'f'), base);
    try {
      assert.ok(fstatSync(fd).isFile());
    } finally {
      closeSync(fd);
    }
  });

  it('refuses any symlink on the way (a swapped component cannot redirect it) and paths outside', () => {
    assert.throws(() => safeOpen(join(base, 'link', 'b'), base), { message: `unexpected symlink found ${join(base, 'link')}` });
    assert.throws(() => safeOpen(join(base, 'out'), base), { message: `unexpected symlink found ${join(base, 'out')}` });
    assert.throws(() => safeOpen('/etc/passwd', base), { message: `path /etc/passwd is outside of allowed base ${base}` });
  });

  it('makes missing directories with the exact mode, through inside symlinks only', async () => {
    await safeMakeDir('link/b/c/d', base, 0o751);
    assert.equal((await stat(join(base, 'a', 'b', 'c', 'd'))).mode & 0o7777, 0o751);
    await assert.rejects(safeMakeDir('out/podyard-never', base, 0o777), { message: `path /etc is outside of allowed base ${base}` });
    await assert.rejects(stat('/etc/podyard-never'));
  });
});
