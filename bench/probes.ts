/**
 * Probe cost benchmark (issue #7): the CPU time the prober costs the daemon process for 110 pods
 * with three probes each, measured against the same process idle in the same run.
 *
 * What is measured, honestly: the real ProbeManager, workers, Prober, HTTP/TCP handlers and the
 * direct dialer, with the real clock, probing 110 real HTTP servers on loopback. The servers run
 * in a child process, so their CPU is not counted; `process.cpuUsage()` of this process over the
 * window is. Runc containers, the API server and status writes are not part of it (a result
 * change triggers a sync, but steady healthy probes change nothing, which is the common case).
 * Per pod: liveness httpGet `/healthz`, readiness httpGet `/ready`, startup tcpSocket (which
 * idles once started, as in the kubelet). Each worker keeps its one timer.
 *
 *   npx tsc … && node dist/bench/probes.js [--pods 110] [--period 10] [--window 30]
 */
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { Pod, PodStatus } from '../src/apis/index.js';
import { rfc3339, silentLogger, systemClock } from '../src/base/index.js';
import { PodDialer, Prober, ProbeManager } from '../src/node/prober/index.js';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '110' },
    period: { type: 'string', default: '10' },
    window: { type: 'string', default: '30' },
    server: { type: 'boolean', default: false },
  },
});

if (values.server) {
  // Child: one HTTP server per pod on 127.0.0.1, ports reported to the parent.
  const { createServer } = await import('node:http');
  const ports: number[] = [];
  for (let i = 0; i < Number(values.pods); i++) {
    const srv = createServer((req, res) => res.end(req.url === '/healthz' ? 'ok' : 'ready'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    ports.push((srv.address() as { port: number }).port);
  }
  process.send!(ports);
} else {
  const podCount = Number(values.pods);
  const periodSeconds = Number(values.period);
  const windowMs = Number(values.window) * 1000;

  const child = fork(new URL(import.meta.url).pathname, ['--server', '--pods', String(podCount)], { stdio: 'inherit' });
  const ports = await new Promise<number[]>((r) => child.once('message', (m) => r(m as number[])));

  const measure = async (label: string): Promise<number> => {
    const before = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, windowMs));
    const used = process.cpuUsage(before);
    const ms = (used.user + used.system) / 1000;
    const elapsed = performance.now() - t0;
    console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms CPU in ${(elapsed / 1000).toFixed(1)} s  = ${((100 * ms) / elapsed).toFixed(2)}% of one core`);
    return ms / elapsed;
  };

  const idle = await measure('idle (no probes)');

  const dialer = new PodDialer();
  let probes = 0;
  const prober = new Prober({
    runtime: { execSync: () => Promise.reject(new Error('no exec in this bench')) },
    dialer,
    record: () => undefined,
  });
  const counting = { probe: (...a: Parameters<Prober['probe']>) => (probes++, prober.probe(...a)) };
  let changes = 0;
  const manager = new ProbeManager({ clock: systemClock, logger: silentLogger, prober: counting, onResultChange: () => changes++ });
  for (let i = 0; i < podCount; i++) {
    const probe = { periodSeconds, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };
    const pod = {
      metadata: { name: `p${i}`, namespace: 'bench', uid: `uid-${i}` },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'x',
            livenessProbe: { ...probe, httpGet: { path: '/healthz', port: ports[i]! } },
            readinessProbe: { ...probe, httpGet: { path: '/ready', port: ports[i]! } },
            startupProbe: { ...probe, tcpSocket: { port: ports[i]! } },
          },
        ],
      },
    } as unknown as Pod;
    manager.addPod(pod);
    const status = (started: boolean, ready: boolean): PodStatus =>
      ({
        phase: 'Running',
        containerStatuses: [{ name: 'app', containerID: `cri-o://c${i}`, started, ready, restartCount: 0, image: 'x', imageID: '', state: { running: { startedAt: rfc3339(Date.now()) } } }],
      });
    manager.updatePodStatus(pod, status(false, false), { podIP: '127.0.0.1' });
    // Stand-in for the kubelet's status generation: started once the startup probe passed.
    const started = () => manager.startup(`c${i}`) === 'Success';
    const follow = setInterval(() => {
      if (started()) {
        clearInterval(follow);
        manager.updatePodStatus(pod, status(true, manager.readiness(`c${i}`) === 'Success'), { podIP: '127.0.0.1' });
      }
    }, 500);
  }
  console.log(`${podCount} pods, ${manager.workerList().length} probe workers, periodSeconds ${periodSeconds}`);
  // Let every startup probe pass and readiness settle before measuring the steady state.
  await new Promise((r) => setTimeout(r, (periodSeconds + 2) * 1000));
  const probesBefore = probes;
  const busy = await measure(`with ${manager.workerList().length} probes`);
  const rate = (probes - probesBefore) / (windowMs / 1000);
  console.log(`probes run: ${rate.toFixed(1)}/s; result changes so far: ${changes}`);
  console.log(`cost of probing: ${(100 * (busy - idle)).toFixed(2)}% of one core (${(((busy - idle) * 1000) / Math.max(rate, 1e-9)).toFixed(3)} ms CPU per probe)`);
  manager.close();
  dialer.close();
  child.kill();
}
