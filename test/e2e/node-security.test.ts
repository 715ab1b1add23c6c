/**
 * What a container is allowed to be, end to end (issue #4): securityContext (runAsUser/Group,
 * runAsNonRoot, readOnlyRootFilesystem, capabilities, allowPrivilegeEscalation, the
 * RuntimeDefault seccomp default, privileged), terminationMessagePath/Policy, `$(VAR)` expansion
 * and resourceFieldRef, and volumes: emptyDir on tmpfs with its sizeLimit, hostPath with its
 * type checks, subPath of a ConfigMap key, and subPaths that try to leave their volume.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPodyard, type TestPodyard } from '../helpers/podyard.js';
import { kubectl, kubectlOk } from '../helpers/kubectl.js';
import { eventually } from '../helpers/eventually.js';
import { containerTestsUnavailable, loadTestImages } from '../helpers/images.js';

const skip = containerTestsUnavailable(['busybox']) ?? false;

/** A run-to-completion busybox pod; `container` is YAML indented under `- name: c`. */
const pod = (name: string, script: string, container = '', spec = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 1
${spec}  containers:
    - name: c
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", ${JSON.stringify(script)}]
${container}`;

/** One more busybox container of a pod (after the first, `c`). */
const more = (name: string, script: string, extra = '') => `    - name: ${name}
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", ${JSON.stringify(script)}]
${extra}`;

const status = 'grep -E "^(CapEff|NoNewPrivs|Seccomp):" /proc/self/status; echo "devs=$(ls /dev | wc -l)"';

describe('security context, environment and volumes on real containers', { skip }, () => {
  let server: TestPodyard;
  let hostDir: string;
  const k = (...args: string[]) => kubectlOk(server, args);
  const apply = async (manifest: string) => {
    const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: manifest });
    assert.equal(r.code, 0, `${r.stderr}\n${manifest}`);
  };
  const jp = (name: string, path: string) => k('get', 'pod', name, '-o', `jsonpath={${path}}`);
  /** Waits for a run-to-completion pod to end and returns its log. */
  const finished = async (name: string, phase = 'Succeeded') => {
    await eventually(async () => assert.equal(await jp(name, '.status.phase'), phase), { timeoutMs: 90_000, intervalMs: 500 });
    return k('logs', name);
  };
  const waiting = (name: string, reason: string, index = 0) =>
    eventually(
      async () => {
        assert.equal(await jp(name, `.status.containerStatuses[${index}].state.waiting.reason`), reason);
        return jp(name, `.status.containerStatuses[${index}].state.waiting.message`);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
  const field = (log: string, key: string) => new RegExp(`^${key}:\\s*(\\S+)$`, 'm').exec(log)?.[1];

  before(async () => {
    hostDir = mkdtempSync(join(tmpdir(), 'podyard-hostpath-'));
    writeFileSync(join(hostDir, 'from-host.txt'), 'written on the host\n');
    server = await startPodyard();
    await loadTestImages(server.dataDir, ['busybox']);
    // Every pod at once: they run concurrently and each test reads its own.
    await apply(
      [
        pod('sec-user', 'id', `      securityContext:
        runAsUser: 1000
        runAsGroup: 3000
        runAsNonRoot: true
`, `  securityContext:
    supplementalGroups: [4000]
`),
        pod('sec-nonroot', 'id', `      securityContext:
        runAsNonRoot: true
`),
        pod('sec-ro', 'touch /in-rootfs; echo "rootfs=$?"; echo ok > /scratch/f && echo "scratch=$(cat /scratch/f)"', `      securityContext:
        readOnlyRootFilesystem: true
      volumeMounts:
        - name: scratch
          mountPath: /scratch
`, `  volumes:
    - name: scratch
      emptyDir: {}
`),
        pod('sec-caps', status, `      securityContext:
        allowPrivilegeEscalation: false
        capabilities:
          drop: ["ALL"]
          add: ["NET_BIND_SERVICE"]
${more('plain', status)}${more('priv', status, `      securityContext:
        privileged: true
`)}`),
        pod('sec-term', 'printf bye-file > /dev/termination-log', more('path', 'printf custom-path > /tmp/custom-msg; exit 2', `      terminationMessagePath: /tmp/custom-msg
`) + more('fallback', 'echo some output; echo last words; exit 1', `      terminationMessagePolicy: FallbackToLogsOnError
`) + more('nofallback', 'echo only in the log; exit 1')),
        pod('sec-env', 'echo "B=$B"; echo "C=$C"; echo "D=$D"; echo "MEM=$MEM"; echo "MEMMI=$MEMMI"; echo "CPUM=$CPUM"; echo "arg=$0"', `      args: ["$(B)"]
      env:
        - { name: A, value: alpha }
        - { name: B, value: "$(A)-beta" }
        - { name: C, value: "$$(A)" }
        - { name: D, value: "$(NOPE)" }
        - name: MEM
          valueFrom: { resourceFieldRef: { resource: limits.memory } }
        - name: MEMMI
          valueFrom: { resourceFieldRef: { resource: limits.memory, divisor: 1Mi } }
        - name: CPUM
          valueFrom: { resourceFieldRef: { resource: limits.cpu, divisor: 1m } }
      resources:
        limits: { memory: 64Mi, cpu: 250m }
`),
        pod('sec-mem', 'grep " /cache " /proc/mounts; df -k /cache | tail -1; dd if=/dev/zero of=/cache/big bs=1M count=20 2>&1; echo "dd=$?"', `      volumeMounts:
        - name: cache
          mountPath: /cache
`, `  volumes:
    - name: cache
      emptyDir:
        medium: Memory
        sizeLimit: 16Mi
`),
        pod('sec-host', 'cat /host-dir/from-host.txt && echo from-pod > /made/from-pod.txt && echo done', `      volumeMounts:
        - { name: dir, mountPath: /host-dir }
        - { name: made, mountPath: /made }
`, `  volumes:
    - name: dir
      hostPath: { path: ${hostDir}, type: Directory }
    - name: made
      hostPath: { path: ${hostDir}/created/by/kubelet, type: DirectoryOrCreate }
`),
        pod('sec-host-missing', 'true', `      volumeMounts:
        - { name: dir, mountPath: /host-dir }
`, `  volumes:
    - name: dir
      hostPath: { path: ${hostDir}/missing, type: Directory }
`),
        `apiVersion: v1
kind: ConfigMap
metadata:
  name: sec-cm
data:
  app.conf: "setting=42\\n"
  other.conf: "other\\n"
`,
        pod('sec-subpath-cm', 'cat /etc/app.conf; ls /etc/passwd; ls /etc/other.conf 2>/dev/null; echo "other=$?"', `      volumeMounts:
        - { name: cm, mountPath: /etc/app.conf, subPath: app.conf }
`, `  volumes:
    - name: cm
      configMap: { name: sec-cm }
`),
        pod('sec-subpath-expr', 'true', `      env:
        - { name: ESCAPE, value: "../../../etc" }
      volumeMounts:
        - { name: vol, mountPath: /mnt, subPathExpr: "$(ESCAPE)" }
`, `  volumes:
    - name: vol
      emptyDir: {}
`),
        pod('sec-subpath-link', 'ls /mnt', `      volumeMounts:
        - { name: vol, mountPath: /mnt, subPath: escape }
`, `  initContainers:
    - name: plant
      image: busybox
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", "ln -s /etc /vol/escape && ls -l /vol"]
      volumeMounts:
        - { name: vol, mountPath: /vol }
  volumes:
    - name: vol
      emptyDir: {}
`),
      ].join('---\n'),
    );
  });
  after(async () => {
    await kubectl(server.kubeconfig, ['delete', 'pods', '--all', '--grace-period=0', '--force']);
    await server.stop();
    await server.cleanup();
    rmSync(hostDir, { recursive: true, force: true });
  });

  it('runAsUser, runAsGroup and supplementalGroups set the process identity; runAsNonRoot accepts a non-root uid', async () => {
    const out = (await finished('sec-user')).trim();
    assert.match(out, /^uid=1000 gid=3000 groups=/, out);
    const groups = /groups=(\S+)/.exec(out)![1]!.split(',').map((g) => g.replace(/\(.*\)/, ''));
    assert.deepEqual(groups.sort(), ['3000', '4000']);
  });

  it('runAsNonRoot with an image that runs as root is a CreateContainerConfigError with the kubelet message', async () => {
    const uid = await jp('sec-nonroot', '.metadata.uid');
    const message = await waiting('sec-nonroot', 'CreateContainerConfigError');
    assert.equal(message, `container has runAsNonRoot and image will run as root (pod: "sec-nonroot_default(${uid})", container: c)`);
    assert.equal(await jp('sec-nonroot', '.status.phase'), 'Pending');
    const events = await k('get', 'events', '--field-selector', 'involvedObject.name=sec-nonroot', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}');
    assert.match(events, /^Failed: Error: container has runAsNonRoot and image will run as root/m);
  });

  it('readOnlyRootFilesystem refuses writes to the root filesystem but not to an emptyDir', async () => {
    const out = await finished('sec-ro');
    assert.match(out, /Read-only file system/);
    assert.match(out, /^rootfs=1$/m);
    assert.match(out, /^scratch=ok$/m);
  });

  it('capabilities drop ALL + add NET_BIND_SERVICE and allowPrivilegeEscalation: false', async () => {
    const out = await finished('sec-caps');
    assert.equal(field(out, 'CapEff'), '0000000000000400', out);
    assert.equal(field(out, 'NoNewPrivs'), '1', out);
    assert.equal(field(out, 'Seccomp'), '2', out);
  });

  it('by default: the runtime\'s default capabilities, privilege escalation allowed, seccomp RuntimeDefault', async () => {
    await finished('sec-caps');
    const out = await k('logs', 'sec-caps', '-c', 'plain');
    // CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP
    assert.equal(field(out, 'CapEff'), '00000000a80425fb', out);
    assert.equal(field(out, 'NoNewPrivs'), '0', out);
    assert.equal(field(out, 'Seccomp'), '2', out);
  });

  it('privileged: every capability, no seccomp filter, the host\'s devices', async () => {
    await finished('sec-caps');
    const [priv, plain] = [await k('logs', 'sec-caps', '-c', 'priv'), await k('logs', 'sec-caps', '-c', 'plain')];
    const hostCapEff = field(readFileSync('/proc/self/status', 'utf8'), 'CapEff');
    assert.equal(field(priv, 'CapEff'), hostCapEff, priv);
    assert.equal(field(priv, 'Seccomp'), '0', priv);
    const devs = (log: string) => Number(/^devs=(\d+)$/m.exec(log)?.[1]);
    assert.ok(devs(priv) > devs(plain) + 10, `privileged /dev has ${devs(priv)} entries, a plain one ${devs(plain)}`);
  });

  it('terminationMessagePath and terminationMessagePolicy fill state.terminated.message', async () => {
    await finished('sec-term', 'Failed');
    const terminated = (c: string, f: string) => jp('sec-term', `.status.containerStatuses[?(@.name=="${c}")].state.terminated.${f}`);
    assert.equal(await terminated('c', 'message'), 'bye-file');
    assert.equal(await terminated('c', 'reason'), 'Completed');
    assert.equal(await terminated('path', 'message'), 'custom-path');
    assert.equal(await terminated('path', 'exitCode'), '2');
    assert.equal(await terminated('fallback', 'message'), 'some output\nlast words\n');
    assert.equal(await terminated('fallback', 'reason'), 'Error');
    assert.equal(await terminated('nofallback', 'reason'), 'Error');
    assert.equal(await terminated('nofallback', 'message'), '');
  });

  it('$(VAR) expansion in env and args, and resourceFieldRef with divisors', async () => {
    const out = await finished('sec-env');
    assert.match(out, /^B=alpha-beta$/m);
    assert.match(out, /^C=\$\(A\)$/m);
    assert.match(out, /^D=\$\(NOPE\)$/m);
    assert.match(out, /^MEM=67108864$/m);
    assert.match(out, /^MEMMI=64$/m);
    assert.match(out, /^CPUM=250$/m);
    assert.match(out, /^arg=alpha-beta$/m);
  });

  it('emptyDir medium: Memory is a tmpfs of sizeLimit', async () => {
    const out = await finished('sec-mem');
    assert.match(out, /^tmpfs \/cache tmpfs rw,.*size=16384k/m, out);
    assert.match(out, /^tmpfs\s+16384\s/m, out);
    assert.match(out, /No space left on device/, out);
    assert.match(out, /^dd=1$/m, out);
  });

  it('hostPath: an existing Directory, a DirectoryOrCreate made on the host, a missing Directory is FailedMount', async () => {
    const out = await finished('sec-host');
    assert.equal(out, 'written on the host\ndone\n');
    assert.equal(readFileSync(join(hostDir, 'created/by/kubelet/from-pod.txt'), 'utf8'), 'from-pod\n');
    await eventually(async () => {
      const events = await k('get', 'events', '--field-selector', 'involvedObject.name=sec-host-missing', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}');
      assert.ok(events.includes(`FailedMount: MountVolume.SetUp failed for volume "dir" : hostPath type check failed: ${hostDir}/missing is not a directory`), events);
    }, { timeoutMs: 60_000, intervalMs: 1000 });
    assert.equal(await jp('sec-host-missing', '.status.phase'), 'Pending');
    assert.equal(await jp('sec-host-missing', '.status.containerStatuses[0].state.waiting.reason'), 'ContainerCreating');
    assert.equal(existsSync(join(hostDir, 'missing')), false, 'type Directory never creates');
    mkdirSync(join(hostDir, 'missing'));
    await finished('sec-host-missing');
  });

  it('subPath mounts one ConfigMap key as a file without hiding the rest of the directory', async () => {
    assert.equal(await finished('sec-subpath-cm'), 'setting=42\n/etc/passwd\nother=1\n');
  });

  it('a subPath never leaves its volume: `..` from subPathExpr and a symlink planted by an init container', async () => {
    assert.equal(await waiting('sec-subpath-expr', 'CreateContainerConfigError'), "unable to provision SubPath `../../../etc`: must not contain '..'");
    assert.equal(await waiting('sec-subpath-link', 'CreateContainerConfigError'), 'failed to prepare subPath for volumeMount "vol" of container "c"');
    assert.equal(await jp('sec-subpath-link', '.status.initContainerStatuses[0].state.terminated.reason'), 'Completed');
    const events = await k('get', 'events', '--field-selector', 'involvedObject.name=sec-subpath-link', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}');
    assert.match(events, /^Failed: Error: failed to prepare subPath for volumeMount "vol" of container "c"$/m);
    // A literal `..` in subPath is refused by the API server already.
    const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], {
      input: pod('sec-subpath-dots', 'true', `      volumeMounts:
        - { name: vol, mountPath: /mnt, subPath: ../up }
`, `  volumes:
    - name: vol
      emptyDir: {}
`),
    });
    assert.equal(r.code, 1);
    // (The path lacks the index, as upstream's ValidateVolumeMounts words it: fldPath.Child("subPath").)
    assert.match(r.stderr, /The Pod "sec-subpath-dots" is invalid: spec\.containers\[0\]\.volumeMounts\.subPath: Invalid value: "\.\.\/up": must not contain '\.\.'/);
  });
});
