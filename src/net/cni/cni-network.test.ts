import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CniNetwork } from './cni-network.js';
import { parseCidr } from './ipv4.js';

const run = promisify(execFile);

// Under CI (CI=true) nothing skips: a missing precondition fails the test instead.
const unavailable = process.env.CI === 'true' ? undefined : process.getuid?.() !== 0 ? 'needs root' : !existsSync('/usr/lib/cni/bridge') ? 'needs containernetworking-plugins' : undefined;

function sh(cmd: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { code: r.status ?? -1, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

/** A pinned network namespace file, like the runtime's. */
function pinNetns(path: string): void {
  writeFileSync(path, '');
  assert.equal(sh('unshare', [`--net=${path}`, 'true']).code, 0);
}

describe('CniNetwork (real CNI plugins)', { skip: unavailable }, () => {
  it('ADD wires a namespace to the bridge idempotently, DEL releases everything, destroy removes the bridge', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cni-test-'));
    const id = Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0') + 'ee';
    const net = await CniNetwork.open({}, { dataDir: dir, instanceId: id, podCidr: '10.42.0.0/16', seed: dir });
    const ns = join(dir, 'netns');
    try {
      assert.match(net.podCidr, /^10\.42\.\d+\.0\/24$/);
      assert.equal(net.bridgeName, `podyard${id}`);
      assert.match(sh('ip', ['-br', 'addr', 'show', 'dev', net.bridgeName]).out, new RegExp(`${net.gateway.replace(/\./g, '\\.')}/24`));
      const conf = JSON.parse(readFileSync(join(dir, 'cni', 'podyard.conflist'), 'utf8')) as { plugins: { type: string; ipam?: { dataDir: string } }[] };
      assert.deepEqual(conf.plugins.map((p) => p.type), ['bridge', 'portmap']);
      assert.equal(conf.plugins[0]!.ipam!.dataDir, join(dir, 'ipam'));

      pinNetns(ns);
      const req = { podSandboxId: 'sb' + id, netnsPath: ns, name: 'p', namespace: 'default', uid: 'u1' };
      const first = await net.setUpPod(req);
      assert.ok(first.ip, 'an IP');
      const range = parseCidr(net.podCidr)!;
      assert.equal(parseCidr(`${first.ip}/24`)!.network, range.network);
      assert.deepEqual(await net.setUpPod(req), first, 'a second ADD returns the same result');
      assert.deepEqual(await net.allocatedIps(), [first.ip]);
      const inside = sh('nsenter', [`--net=${ns}`, 'ip', '-br', 'addr']).out;
      assert.match(inside, new RegExp(`eth0@\\S+\\s+UP\\s+${first.ip.replace(/\./g, '\\.')}/24`));
      assert.match(inside, /lo\s+UNKNOWN\s+127\.0\.0\.1\/8/);
      assert.match(sh('nsenter', [`--net=${ns}`, 'ip', 'route']).out, new RegExp(`default via ${net.gateway.replace(/\./g, '\\.')}`));
      // The pod reaches the host at its gateway and gets the answer back (our own bridge only).
      const server = createServer((sock) => sock.end('hello from the host\n'));
      await new Promise<void>((r) => server.listen(0, net.gateway, r));
      try {
        const port = (server.address() as AddressInfo).port;
        const { stdout } = await run('nsenter', [`--net=${ns}`, 'socat', '-T5', '-', `TCP:${net.gateway}:${port}`]);
        assert.equal(stdout, 'hello from the host\n');
      } finally {
        server.close();
      }

      await net.tearDownPod(req);
      await net.tearDownPod(req);
      assert.deepEqual(await net.allocatedIps(), []);
      assert.doesNotMatch(sh('nsenter', [`--net=${ns}`, 'ip', '-br', 'addr']).out, /eth0/);
      assert.doesNotMatch(sh('ip', ['-br', 'link']).out, new RegExp(`master ${net.bridgeName}`));
      // DEL of a sandbox whose namespace is already gone still succeeds.
      await net.tearDownPod({ ...req, podSandboxId: 'gone' + id, netnsPath: join(dir, 'nope') });
    } finally {
      sh('umount', [ns]);
      await net.destroy();
      assert.notEqual(sh('ip', ['link', 'show', 'dev', net.bridgeName]).code, 0, 'bridge removed');
      assert.equal(existsSync(join(dir, 'ipam')), false);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the chosen range across restarts and rejects a bad CIDR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cni-test-'));
    const id = Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0') + 'ef';
    try {
      const a = await CniNetwork.open({}, { dataDir: dir, instanceId: id, podCidr: '10.42.0.0/16' });
      const b = await CniNetwork.open({}, { dataDir: dir, instanceId: id, podCidr: '10.42.0.0/16' });
      assert.equal(b.podCidr, a.podCidr);
      const existing = await CniNetwork.existing({}, { dataDir: dir, instanceId: id });
      assert.equal(existing?.podCidr, a.podCidr);
      await a.destroy();
      await assert.rejects(CniNetwork.open({}, { dataDir: dir, instanceId: id, podCidr: '10.42.0.0' }), /want an IPv4 prefix/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
