import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from '../../apis/index.js';
import { computeEtcHosts, computeResolvConf, writeEtcHosts, writeResolvConf } from './etc-files.js';

/** The tutorial's shared-volume pod (examples/mc1-shared-volume.yaml) as the API defaults it. */
const mc1: Pod = {
  metadata: { name: 'mc1', namespace: 'default', uid: 'a1b2' },
  spec: {
    dnsPolicy: 'ClusterFirst',
    volumes: [{ name: 'html', emptyDir: {} }],
    containers: [
      { name: '1st', image: 'nginx', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] },
      { name: '2nd', image: 'debian', volumeMounts: [{ name: 'html', mountPath: '/html' }] },
    ],
  },
};
const withSpec = (spec: Partial<NonNullable<Pod['spec']>>): Pod => ({ ...mc1, spec: { ...mc1.spec!, ...spec } });
const hostResolvConf = '# generated\nnameserver 192.0.2.1\nnameserver 192.0.2.53\nsearch example.com. corp.example.com\noptions timeout:2 attempts:3\n';

describe('/etc/hosts', () => {
  it('is the kubelet managed hosts file for the tutorial pod', () => {
    assert.equal(
      computeEtcHosts(mc1, { podIPs: ['10.88.0.5'] }),
      '# Kubernetes-managed hosts file.\n' +
        '127.0.0.1\tlocalhost\n' +
        '::1\tlocalhost ip6-localhost ip6-loopback\n' +
        'fe00::0\tip6-localnet\n' +
        'fe00::0\tip6-mcastprefix\n' +
        'fe00::1\tip6-allnodes\n' +
        'fe00::2\tip6-allrouters\n' +
        '10.88.0.5\tmc1\n',
    );
  });

  it('uses spec.hostname, the subdomain FQDN and the HostAliases section', () => {
    const pod = withSpec({ hostname: 'web-0', subdomain: 'web', hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }, { ip: '10.1.2.3', hostnames: ['foo.remote'] }] });
    const text = computeEtcHosts(pod, { podIPs: ['10.88.0.5', 'fd00::5'] });
    assert.ok(
      text.endsWith(
        'fe00::2\tip6-allrouters\n' +
          '10.88.0.5\tweb-0.web.default.svc.cluster.local\tweb-0\n' +
          'fd00::5\tweb-0.web.default.svc.cluster.local\tweb-0\n' +
          '\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n10.1.2.3\tfoo.remote\n',
      ),
      text,
    );
  });

  it('copies the node file for host-network pods', () => {
    const text = computeEtcHosts(withSpec({ hostNetwork: true }), { podIPs: ['192.0.2.2'], hostHostsFile: '127.0.0.1 localhost\n' });
    assert.equal(text, '# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost\n');
  });

  it('has no pod line before the pod has an IP', () => {
    assert.ok(computeEtcHosts(mc1, { podIPs: [] }).endsWith('fe00::2\tip6-allrouters\n'));
  });
});

describe('resolv.conf', () => {
  const opts = { clusterDns: ['10.43.0.10'], clusterDomain: 'cluster.local', hostResolvConf };

  it('ClusterFirst: cluster DNS, cluster searches then the host searches, ndots:5', () => {
    const { content, warnings } = computeResolvConf(mc1, opts);
    assert.equal(content, 'search default.svc.cluster.local svc.cluster.local cluster.local example.com corp.example.com\nnameserver 10.43.0.10\noptions ndots:5\n');
    assert.deepEqual(warnings, []);
  });

  it('Default and host-network ClusterFirst use the node resolv.conf', () => {
    const expected = 'search example.com corp.example.com\nnameserver 192.0.2.1\nnameserver 192.0.2.53\noptions timeout:2 attempts:3\n';
    assert.equal(computeResolvConf(withSpec({ dnsPolicy: 'Default' }), opts).content, expected);
    assert.equal(computeResolvConf(withSpec({ hostNetwork: true }), opts).content, expected);
  });

  it('ClusterFirstWithHostNet keeps cluster DNS for host-network pods', () => {
    assert.match(computeResolvConf(withSpec({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), opts).content, /^search default\.svc\.cluster\.local .*\nnameserver 10\.43\.0\.10\n/);
  });

  it('None takes only dnsConfig; dnsConfig is merged into other policies', () => {
    const none = withSpec({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } });
    assert.equal(computeResolvConf(none, opts).content, 'search my.dns.search.suffix\nnameserver 1.1.1.1\noptions ndots:2 edns0\n');
    const merged = withSpec({ dnsConfig: { nameservers: ['10.43.0.10', '1.1.1.1'], searches: ['cluster.local', 'extra.example'], options: [{ name: 'ndots', value: '1' }, { name: 'single-request' }] } });
    assert.equal(
      computeResolvConf(merged, opts).content,
      'search default.svc.cluster.local svc.cluster.local cluster.local example.com corp.example.com extra.example\nnameserver 10.43.0.10\nnameserver 1.1.1.1\noptions ndots:1 single-request\n',
    );
  });

  it('without cluster DNS, ClusterFirst falls back to Default with a MissingClusterDNS warning', () => {
    const { content, warnings } = computeResolvConf(mc1, { ...opts, clusterDns: [] });
    assert.equal(content, 'search example.com corp.example.com\nnameserver 192.0.2.1\nnameserver 192.0.2.53\noptions timeout:2 attempts:3\n');
    assert.deepEqual(warnings.map((w) => w.reason), ['MissingClusterDNS']);
    assert.match(warnings[0]!.message, /^pod: "mc1_default\(a1b2\)"\. kubelet does not have ClusterDNS IP configured/);
  });

  it('applies the nameserver limit with a DNSConfigForming warning', () => {
    const pod = withSpec({ dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9'] } });
    const { content, warnings } = computeResolvConf(pod, opts);
    assert.match(content, /nameserver 10\.43\.0\.10\nnameserver 1\.1\.1\.1\nnameserver 8\.8\.8\.8\n/);
    assert.deepEqual(warnings, [
      { reason: 'DNSConfigForming', message: 'Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.43.0.10 1.1.1.1 8.8.8.8' },
    ]);
  });
});

describe('writing the files', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'podyard-etc-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes etc-hosts and resolv.conf under the pod directory, mode 0644, and returns their paths', async () => {
    const podDir = join(dir, 'a1b2');
    const hosts = await writeEtcHosts(mc1, podDir, { podIPs: [] });
    assert.equal(hosts, join(podDir, 'etc-hosts'));
    assert.equal((await stat(hosts)).mode & 0o777, 0o644);
    await writeEtcHosts(mc1, podDir, { podIPs: ['10.88.0.7'] });
    assert.match(await readFile(hosts, 'utf8'), /10\.88\.0\.7\tmc1\n$/);
    const seen: string[] = [];
    const resolv = await writeResolvConf(mc1, podDir, { clusterDns: [], clusterDomain: 'cluster.local', hostResolvConf: '', onWarning: (w) => seen.push(w.reason) });
    assert.equal(resolv, join(podDir, 'resolv.conf'));
    assert.equal(await readFile(resolv, 'utf8'), '');
    assert.deepEqual(seen, ['MissingClusterDNS']);
  });
});
