import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { PodyardError } from '../base/index.js';

/** How to reach and authenticate to an API server. */
export interface ClusterConnection {
  /** `https://127.0.0.1:6443` */
  server: string;
  caPem?: string;
  certPem?: string;
  keyPem?: string;
  token?: string;
  /** The context's namespace (default `default`). */
  namespace: string;
  insecureSkipTlsVerify?: boolean;
}

/** Kubeconfig error codes. */
export type KubeconfigErrorCode =
  | 'KubeconfigUnreadable' // the file cannot be read or parsed
  | 'KubeconfigIncomplete'; // the current context names a missing cluster or user

/** A kubeconfig that cannot be used. */
export class KubeconfigError extends PodyardError<KubeconfigErrorCode> {}

interface Named<T> {
  name: string;
  [k: string]: unknown;
  cluster?: T;
  user?: T;
  context?: T;
}

/** Reads a kubeconfig file and resolves its current (or the named) context. */
export async function loadKubeconfig(path: string, contextName?: string): Promise<ClusterConnection> {
  let doc: Record<string, unknown>;
  try {
    doc = parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new KubeconfigError('KubeconfigUnreadable', `cannot read kubeconfig ${path}`, { cause: err });
  }
  const find = <T>(list: unknown, name: unknown): T | undefined =>
    (Array.isArray(list) ? (list as Named<T>[]) : []).find((e) => e.name === name) as T | undefined;
  const ctxName = contextName ?? (doc['current-context'] as string | undefined);
  const ctx = find<Named<Record<string, string>>>(doc.contexts, ctxName)?.context;
  const cluster = find<Named<Record<string, unknown>>>(doc.clusters, ctx?.cluster)?.cluster;
  const user = find<Named<Record<string, string>>>(doc.users, ctx?.user)?.user ?? {};
  if (!ctx || !cluster || typeof cluster.server !== 'string') {
    throw new KubeconfigError('KubeconfigIncomplete', `kubeconfig ${path}: context "${String(ctxName)}" is incomplete`);
  }
  const data = async (inline: unknown, file: unknown): Promise<string | undefined> => {
    if (typeof inline === 'string') return Buffer.from(inline, 'base64').toString('utf8');
    if (typeof file === 'string') return readFile(file, 'utf8');
    return undefined;
  };
  const conn: ClusterConnection = { server: cluster.server, namespace: ctx.namespace ?? 'default' };
  const ca = await data(cluster['certificate-authority-data'], cluster['certificate-authority']);
  const cert = await data(user['client-certificate-data'], user['client-certificate']);
  const key = await data(user['client-key-data'], user['client-key']);
  if (ca) conn.caPem = ca;
  if (cert) conn.certPem = cert;
  if (key) conn.keyPem = key;
  if (user.token) conn.token = user.token;
  if (cluster['insecure-skip-tls-verify'] === true) conn.insecureSkipTlsVerify = true;
  return conn;
}
