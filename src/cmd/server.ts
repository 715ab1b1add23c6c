import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../base/index.js';
import { errorMessage, systemClock } from '../base/index.js';
import { ApiHandler, ApiServer, ensurePki, OpenApi, serverVersion } from '../apiserver/index.js';
import { renderKubeconfig } from '../cli/index.js';
import { ApiClient, HttpTransport, type ResourceRef } from '../client/index.js';
import {
  EndpointsController,
  GarbageCollector,
  NamespaceController,
  SchedulerController,
  ServiceAccountsController,
} from '../controllers/index.js';
import { Dashboard, DashboardSessions } from '../dashboard/index.js';
import { ImageStore, RegistryPuller } from '../images/index.js';
import { ContainerLogManager, ImageGarbageCollector, Kubelet, MetricsCollector, nodeInternalIP, NodeStatusReporter, StreamingServer } from '../node/index.js';
import { CniNetwork } from '../net/cni/index.js';
import { ClusterDns } from '../net/dns/index.js';
import { ServiceProxy } from '../net/proxy/index.js';
import { RuncRuntime } from '../runtime/index.js';
import { buildRegistries, ensureBootstrapObjects } from '../registry/index.js';
import { SqliteStore } from '../store/index.js';
import type { ServerConfig } from './flags.js';
import { kubeletImagePuller, loadNodeCredentials, registryAuthFile, writeRegistrySettings } from './image.js';
import { cgroupParentFor, instanceIdFor } from './reset.js';

/** A running server; `close()` stops it cleanly. */
export interface RunningServer {
  /** `https://host:port` */
  url: string;
  kubeconfigPath: string;
  close(): Promise<void>;
}

/**
 * Starts Podyard: the store, the API server, then (once requests are accepted) writes
 * `<dataDir>/kubeconfig` with admin credentials.
 */
export async function startServer(config: ServerConfig, logger: Logger): Promise<RunningServer> {
  const started = Date.now();
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const hosts = [config.listenHost].filter((h) => h !== '0.0.0.0' && h !== '::');
  const pki = await ensurePki(join(config.dataDir, 'pki'), hosts);
  const store = await SqliteStore.open(join(config.dataDir, 'state.db'), { clock: systemClock, logger, compactIntervalMs: 5 * 60_000 });
  const registries = buildRegistries({ store, clock: systemClock, logger }, config);
  const openapi = new OpenApi([...registries.values()].map((r) => r.info), serverVersion.gitVersion);
  const host = config.listenHost.includes(':') ? `[${config.listenHost}]` : config.listenHost;
  const handler = new ApiHandler({
    registries,
    openapi,
    clock: systemClock,
    logger,
    serverAddress: `${host}:${config.listenPort}`,
  });
  // The web dashboard at /ui/, behind the same authentication (plus its session cookie).
  const dashboard = new Dashboard({ sessions: new DashboardSessions({ clock: systemClock }), logger });
  const api = new ApiServer({ handler, pki, logger, mounts: [dashboard] }, { host: config.listenHost, port: config.listenPort });
  const address = await api.listen();
  await ensureBootstrapObjects(registries, { kubernetesServiceIp: firstServiceIp(config.serviceCidr), apiPort: address.port });
  const url = `https://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  const kubeconfigPath = join(config.dataDir, 'kubeconfig');
  const tmp = `${kubeconfigPath}.tmp`;
  await writeFile(
    tmp,
    renderKubeconfig({ server: url, caCertPem: pki.caCertPem, clientCertPem: pki.adminCertPem, clientKeyPem: pki.adminKeyPem }),
    { mode: 0o600 },
  );
  await rename(tmp, kubeconfigPath);
  logger.info('podyard is serving', { url, kubeconfig: kubeconfigPath, startupMs: Date.now() - started });

  // Everything below talks to the API like any other client would, over loopback HTTPS.
  const transport = new HttpTransport({
    server: url,
    caPem: pki.caCertPem,
    certPem: pki.adminCertPem,
    keyPem: pki.adminKeyPem,
    namespace: 'default',
  });
  const client = new ApiClient(transport);
  const deps = { client, clock: systemClock, logger };
  const namespaced: ResourceRef[] = [...registries.values()]
    .map((r) => r.info)
    .filter((i) => i.namespaced)
    .map((i) => ({ group: i.group, version: i.version, resource: i.resource, namespaced: true }));
  const collected = [...registries.values()]
    .map((r) => r.info)
    .filter((i) => i.resource !== 'events')
    .map((i) => ({ group: i.group, version: i.version, resource: i.resource, namespaced: i.namespaced, kind: i.kind }));
  const controllers = [
    new SchedulerController(deps),
    new ServiceAccountsController(deps),
    new NamespaceController(deps, namespaced),
    new EndpointsController(deps),
    new GarbageCollector(deps, collected, { intervalMs: 10_000 }),
  ];
  for (const c of controllers) c.start();
  const node = new NodeStatusReporter(deps, {
    nodeName: config.nodeName,
    containerRuntimeVersion: 'runc://1.1.5',
    kubeletVersion: 'v1.32.4',
    dataDir: config.dataDir,
  });
  await node.start();

  // The pod network (CNI bridge), the service proxy (nftables) and the cluster DNS server on the
  // bridge's gateway address. Without root (no bridge) the server still serves the API.
  const instanceId = instanceIdFor(config.dataDir);
  let network: CniNetwork | undefined;
  let proxy: ServiceProxy | undefined;
  let dns: ClusterDns | undefined;
  try {
    network = await CniNetwork.open({ logger }, { dataDir: join(config.dataDir, 'network'), instanceId, podCidr: config.podCidr, seed: config.dataDir });
    proxy = new ServiceProxy(deps, { instanceId, podCidr: network.podCidr });
    await proxy.start();
    dns = new ClusterDns(deps, { host: network.gateway, clusterDomain: 'cluster.local' });
    await dns.start();
  } catch (err) {
    logger.error('pod network unavailable: pods get no IP, Services and cluster DNS do not work', { err: errorMessage(err) });
  }

  // The node agent: runc + conmon containers for the pods bound to this node.
  const runtime = new RuncRuntime({ logger, clock: systemClock, ...(network ? { network } : {}) }, { stateDir: join(config.dataDir, 'runtime'), cgroupParent: cgroupParentFor(config.dataDir) });
  const images = await ImageStore.open(join(config.dataDir, 'images'), { logger });
  // Registry pulls (issue #5): mirrors, insecure hosts and node credentials; recorded for `podyard image pull`.
  const registryHosts = { mirrors: config.registryMirrors, insecure: config.insecureRegistries, fallback: config.registryMirrorFallback };
  const authFile = registryAuthFile(config.dataDir, config.registryAuthFile);
  const puller = new RegistryPuller({ store: images, logger }, { hosts: registryHosts, nodeCredentials: await loadNodeCredentials(authFile) });
  await writeRegistrySettings(config.dataDir, { hosts: registryHosts, ...(authFile ? { authFile } : {}) });
  const imageGc = new ImageGarbageCollector({ images, runtime, clock: systemClock, logger });
  const kubelet = new Kubelet(
    { client, runtime, images, clock: systemClock, logger, pull: kubeletImagePuller({ puller, client, logger }) },
    {
      nodeName: config.nodeName,
      podsDir: join(config.dataDir, 'pods'),
      logsDir: join(config.dataDir, 'logs', 'pods'),
      clusterDns: dns && network ? [network.gateway] : [],
      clusterDomain: 'cluster.local',
      hostIP: nodeInternalIP(),
    },
  );
  handler.setPodSubresourceHandler(new StreamingServer({ runtime, logger, clock: systemClock, locate: (pod) => kubelet.locate(pod) }));
  await kubelet.start();
  imageGc.start();
  const metrics = new MetricsCollector({ runtime, clock: systemClock, logger }, { nodeName: config.nodeName });
  metrics.start();
  handler.setMetricsProvider(metrics);
  const logRotation = new ContainerLogManager({ runtime, clock: systemClock, logger }, { maxSizeBytes: config.containerLogMaxSizeBytes, maxFiles: config.containerLogMaxFiles });
  logRotation.start();

  return {
    url,
    kubeconfigPath,
    async close() {
      metrics.stop();
      logRotation.stop();
      imageGc.stop();
      kubelet.stop();
      await runtime.close();
      // Rules and the bridge stay while pods run (they keep serving across a restart, as with
      // kube-proxy); once no pod is left, a clean stop leaves nothing behind.
      await dns?.close();
      const idle = network ? !(await network.hasPods()) : true;
      await proxy?.close({ removeRules: idle }).catch((err: unknown) => logger.warn('removing service rules failed', { err: errorMessage(err) }));
      if (idle) await network?.destroy().catch((err: unknown) => logger.warn('removing the pod network failed', { err: errorMessage(err) }));
      images.close();
      node.stop();
      for (const c of controllers) c.stop();
      transport.close();
      await api.close();
      await store.close();
    },
  };
}

function firstServiceIp(cidr: string): string {
  const [ip, bits] = cidr.split('/');
  const n = ip!.split('.').reduce((acc, o) => (acc << 8) + Number(o), 0) >>> 0;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  const first = ((n & mask) >>> 0) + 1;
  return [24, 16, 8, 0].map((s) => (first >>> s) & 255).join('.');
}
