import { request } from 'node:https';
import { loadKubeconfig, type ClusterConnection } from '../../src/client/index.js';

/** A raw HTTPS answer. */
export interface RawResponse {
  code: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

/** Sends one raw request with the admin credentials of a kubeconfig (for exact Status checks). */
export async function rawRequest(
  kubeconfig: string | ClusterConnection,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const conn = typeof kubeconfig === 'string' ? await loadKubeconfig(kubeconfig) : kubeconfig;
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, conn.server),
      {
        method,
        ca: conn.caPem,
        cert: conn.certPem,
        key: conn.keyPem,
        headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ code: res.statusCode ?? 0, headers: res.headers, body: text, json: <T>() => JSON.parse(text) as T });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
