import { parseArgs } from 'node:util';
import { PodyardError } from '../base/index.js';
import { parseQuantity, toValue } from '../apis/index.js';
import { RegistryHosts } from '../images/index.js';

/**
 * Every flag of `podyard server`, declared once: the config field it fills, its environment
 * alias and its default (the k3s `cmds/server.go` shape).
 */
export const serverFlags = {
  'data-dir': { field: 'dataDir', env: 'PODYARD_DATA_DIR', default: '/var/lib/podyard', help: 'Directory for state, certificates, images and logs' },
  listen: { field: 'listen', env: 'PODYARD_LISTEN', default: '127.0.0.1:6443', help: 'HOST:PORT the HTTPS API listens on' },
  'node-name': { field: 'nodeName', env: 'PODYARD_NODE_NAME', default: '', help: 'Name of this machine\'s Node (default: the host name)' },
  'service-cidr': { field: 'serviceCidr', env: 'PODYARD_SERVICE_CIDR', default: '10.43.0.0/16', help: 'Range ClusterIPs are allocated from' },
  'pod-cidr': {
    field: 'podCidr',
    env: 'PODYARD_POD_CIDR',
    default: '10.42.0.0/16',
    help: 'Pod addresses: this node takes a free /24 of a wider range (kept in the data dir), or uses a /24 or narrower range as given',
  },
  'node-port-range': { field: 'nodePortRange', env: 'PODYARD_NODE_PORT_RANGE', default: '30000-32767', help: 'Range NodePorts are allocated from' },
  'container-log-max-size': { field: 'containerLogMaxSize', env: 'PODYARD_CONTAINER_LOG_MAX_SIZE', default: '10Mi', help: 'Rotate a container\'s log when it reaches this size' },
  'container-log-max-files': { field: 'containerLogMaxFiles', env: 'PODYARD_CONTAINER_LOG_MAX_FILES', default: '5', help: 'Log files kept per container, the live one included' },
  'log-level': { field: 'logLevel', env: 'PODYARD_LOG_LEVEL', default: 'info', help: 'debug, info, warn or error' },
  'registry-mirror': {
    field: 'registryMirrors',
    env: 'PODYARD_REGISTRY_MIRROR',
    default: '',
    multiple: true,
    help: 'HOST=URL: pull HOST\'s images (e.g. docker.io) from the mirror URL first, then HOST itself; repeatable, tried in order; comma-separated in the env',
  },
  'registry-mirror-fallback': {
    field: 'registryMirrorFallback',
    env: 'PODYARD_REGISTRY_MIRROR_FALLBACK',
    default: 'true',
    help: 'false: never contact a mirrored host itself when its mirrors fail (air-gapped machines)',
  },
  'insecure-registry': {
    field: 'insecureRegistries',
    env: 'PODYARD_INSECURE_REGISTRY',
    default: '',
    multiple: true,
    help: 'HOST[:PORT] allowed plain HTTP and unverified TLS (loopback registries always are); repeatable; comma-separated in the env',
  },
  'registry-auth-file': {
    field: 'registryAuthFile',
    env: 'PODYARD_REGISTRY_AUTH_FILE',
    default: '',
    help: 'Docker config.json with registry credentials for every pull, after a pod\'s imagePullSecrets (default: DATA_DIR/config.json when present)',
  },
} as const;

/** Validated, frozen configuration of one server process. */
export interface ServerConfig {
  readonly dataDir: string;
  readonly listenHost: string;
  readonly listenPort: number;
  readonly nodeName: string;
  readonly serviceCidr: string;
  /** `--pod-cidr`: the pod address range (net/cni picks this node's /24 of it). */
  readonly podCidr: string;
  readonly nodePortRange: { readonly min: number; readonly max: number };
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly containerLogMaxSizeBytes: number;
  readonly containerLogMaxFiles: number;
  /** `--registry-mirror`: registry host → mirror URLs, in order. */
  readonly registryMirrors: Readonly<Record<string, readonly string[]>>;
  /** `--registry-mirror-fallback`: whether a mirrored host is asked itself after its mirrors fail. */
  readonly registryMirrorFallback: boolean;
  /** `--insecure-registry` hosts. */
  readonly insecureRegistries: readonly string[];
  /** `--registry-auth-file`, or '' for DATA_DIR/config.json when present. */
  readonly registryAuthFile: string;
}

/** Configuration error codes. */
export type ConfigErrorCode =
  | 'InvalidFlag' // a flag's value does not parse
  | 'UnknownFlag'; // a flag that does not exist

/** A start-up configuration error; the process prints it and exits 2. */
export class ConfigError extends PodyardError<ConfigErrorCode> {}

/** Parses `podyard server` arguments and environment into a frozen {@link ServerConfig}. */
export function parseServerConfig(argv: string[], env: NodeJS.ProcessEnv, hostname: string): ServerConfig {
  const options = Object.fromEntries(Object.entries(serverFlags).map(([k, f]) => [k, { type: 'string' as const, ...('multiple' in f ? { multiple: true } : {}) }]));
  let values: Record<string, string | string[] | undefined>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new ConfigError('UnknownFlag', (err as Error).message, { cause: err });
  }
  const raw = (name: keyof typeof serverFlags): string => {
    const flag = serverFlags[name];
    const v = values[name];
    return (Array.isArray(v) ? v.at(-1) : v) ?? env[flag.env] ?? flag.default;
  };
  /** A repeatable flag: every value given, else the env alias split on commas. */
  const list = (name: keyof typeof serverFlags): string[] => {
    const v = values[name];
    if (Array.isArray(v)) return v;
    return (env[serverFlags[name].env] ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  };

  const listen = raw('listen');
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(listen);
  const port = m ? Number(m[3]) : NaN;
  if (!m || !(port >= 0 && port < 65536)) throw new ConfigError('InvalidFlag', `--listen: want HOST:PORT, got "${listen}"`);

  const range = /^(\d+)-(\d+)$/.exec(raw('node-port-range'));
  const min = Number(range?.[1]);
  const max = Number(range?.[2]);
  if (!range || !(min > 0 && max < 65536 && min <= max)) {
    throw new ConfigError('InvalidFlag', `--node-port-range: want MIN-MAX, got "${raw('node-port-range')}"`);
  }
  const cidr = raw('service-cidr');
  if (!/^\d{1,3}(\.\d{1,3}){3}\/(\d|[12]\d|3[0-2])$/.test(cidr)) {
    throw new ConfigError('InvalidFlag', `--service-cidr: want an IPv4 CIDR, got "${cidr}"`);
  }
  const podCidr = raw('pod-cidr');
  if (!/^\d{1,3}(\.\d{1,3}){3}\/(\d|[12]\d|30)$/.test(podCidr)) {
    throw new ConfigError('InvalidFlag', `--pod-cidr: want an IPv4 CIDR of at most /30, got "${podCidr}"`);
  }
  const logLevel = raw('log-level');
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new ConfigError('InvalidFlag', `--log-level: want debug, info, warn or error, got "${logLevel}"`);
  }
  let containerLogMaxSizeBytes: number;
  try {
    containerLogMaxSizeBytes = Number(toValue(parseQuantity(raw('container-log-max-size'))));
  } catch {
    containerLogMaxSizeBytes = NaN;
  }
  if (!(containerLogMaxSizeBytes > 0)) {
    throw new ConfigError('InvalidFlag', `--container-log-max-size: want a positive quantity like 10Mi, got "${raw('container-log-max-size')}"`);
  }
  const containerLogMaxFiles = Number(raw('container-log-max-files'));
  if (!Number.isInteger(containerLogMaxFiles) || containerLogMaxFiles < 2) {
    throw new ConfigError('InvalidFlag', `--container-log-max-files: want an integer of at least 2, got "${raw('container-log-max-files')}"`);
  }
  const registryMirrors: Record<string, string[]> = {};
  for (const m of list('registry-mirror')) {
    const eq = m.indexOf('=');
    if (eq <= 0 || !/^https?:\/\/[^/]/.test(m.slice(eq + 1))) throw new ConfigError('InvalidFlag', `--registry-mirror: want HOST=http(s)://MIRROR, got "${m}"`);
    (registryMirrors[m.slice(0, eq)] ??= []).push(m.slice(eq + 1));
  }
  const insecureRegistries = list('insecure-registry');
  try {
    new RegistryHosts({ mirrors: registryMirrors, insecure: insecureRegistries });
  } catch (err) {
    throw new ConfigError('InvalidFlag', `--registry-mirror: ${(err as Error).message}`, { cause: err });
  }
  const fallback = raw('registry-mirror-fallback');
  if (fallback !== 'true' && fallback !== 'false') throw new ConfigError('InvalidFlag', `--registry-mirror-fallback: want true or false, got "${fallback}"`);
  return Object.freeze({
    registryMirrors: Object.freeze(registryMirrors),
    registryMirrorFallback: fallback === 'true',
    insecureRegistries: Object.freeze(insecureRegistries),
    registryAuthFile: raw('registry-auth-file'),
    dataDir: raw('data-dir'),
    listenHost: (m[1] ?? m[2])!,
    listenPort: port,
    nodeName: (raw('node-name') || hostname).toLowerCase(),
    serviceCidr: cidr,
    podCidr,
    nodePortRange: Object.freeze({ min, max }),
    logLevel: logLevel as ServerConfig['logLevel'],
    containerLogMaxSizeBytes,
    containerLogMaxFiles,
  });
}

/** The `--help` text of `podyard server`, generated from {@link serverFlags}. */
export function serverHelp(): string {
  const lines = Object.entries(serverFlags).map(
    ([name, f]) => `  --${name.padEnd(18)} ${f.help} (env ${f.env}${f.default !== '' || !('multiple' in f) ? `, default "${f.default}"` : ''})`,
  );
  return [
    'Run the Podyard server: the Kubernetes API, its controllers and this machine\'s node agent.',
    '',
    'Usage: podyard server [flags]',
    '',
    'Flags:',
    ...lines,
    '',
    'Example:',
    '  podyard server --data-dir /tmp/p1 --listen 127.0.0.1:7443',
    '  kubectl --kubeconfig /tmp/p1/kubeconfig get pods',
    '',
  ].join('\n');
}
