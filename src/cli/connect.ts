import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, HttpTransport, loadKubeconfig, type ClusterConnection } from '../client/index.js';
import { ExitError, type CliIo } from './io.js';
import { ResourceResolver } from './resources.js';

/** Connection flags every client command accepts. */
export interface ConnectionFlags {
  kubeconfig?: string;
  dataDir?: string;
  context?: string;
  namespace?: string;
}

/** A connected client command: the API client, its namespace and the resource resolver. */
export interface Session {
  client: ApiClient;
  transport: HttpTransport;
  connection: ClusterConnection;
  /** `-n`, else the kubeconfig context's namespace. */
  namespace: string;
  /** Whether `-n` was given explicitly. */
  explicitNamespace: boolean;
  resources: ResourceResolver;
  kubeconfigPath: string;
  close(): void;
}

/** The data dir of the client: `--data-dir`, `$PODYARD_DATA_DIR`, else the server's default. */
export function dataDirOf(flags: ConnectionFlags, io: CliIo): string {
  return flags.dataDir ?? io.env.PODYARD_DATA_DIR ?? io.defaultDataDir;
}

/**
 * Which kubeconfig a client command uses, first match wins: `--kubeconfig`; `--data-dir`'s
 * kubeconfig; the default data dir's kubeconfig when that server has written one; `$KUBECONFIG`;
 * `~/.kube/config`. Undefined when none exists.
 */
export function resolveKubeconfigPath(flags: ConnectionFlags, io: CliIo): string | undefined {
  if (flags.kubeconfig) return flags.kubeconfig;
  const own = join(dataDirOf(flags, io), 'kubeconfig');
  if (flags.dataDir || io.env.PODYARD_DATA_DIR || existsSync(own)) return existsSync(own) || flags.dataDir ? own : undefined;
  const fromEnv = io.env.KUBECONFIG?.split(':').find((p) => p && existsSync(p));
  if (fromEnv) return fromEnv;
  const home = join(io.env.HOME ?? homedir(), '.kube', 'config');
  return existsSync(home) ? home : undefined;
}

/** Connects to the API server the flags select; throws an {@link ExitError} when none is found. */
export async function connect(flags: ConnectionFlags, io: CliIo): Promise<Session> {
  const path = resolveKubeconfigPath(flags, io);
  if (!path || !existsSync(path)) {
    const expected = path ?? join(dataDirOf(flags, io), 'kubeconfig');
    throw new ExitError(
      `error: no Podyard server found: ${expected} does not exist.\n` +
        'Start one with "podyard server" (or "podyard up -f FILE"), or pass --kubeconfig or --data-dir.',
    );
  }
  let connection: ClusterConnection;
  try {
    connection = await loadKubeconfig(path, flags.context);
  } catch (err) {
    throw new ExitError(`error: ${(err as Error).message}`);
  }
  const transport = new HttpTransport(connection);
  const client = new ApiClient(transport);
  return {
    client,
    transport,
    connection,
    namespace: flags.namespace ?? connection.namespace,
    explicitNamespace: flags.namespace !== undefined,
    resources: new ResourceResolver(transport),
    kubeconfigPath: path,
    close: () => transport.close(),
  };
}
