import { stringify } from 'yaml';

/** What a kubeconfig for one Podyard server needs. */
export interface KubeconfigParams {
  /** `https://127.0.0.1:6443` */
  server: string;
  caCertPem: string;
  clientCertPem: string;
  clientKeyPem: string;
  /** Name of the cluster, context and user entries. */
  name?: string;
  namespace?: string;
}

/** Renders an admin kubeconfig (client certificate auth) as YAML, the format kubectl reads. */
export function renderKubeconfig(params: KubeconfigParams): string {
  const name = params.name ?? 'podyard';
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: params.server, 'certificate-authority-data': b64(params.caCertPem) } }],
    users: [
      {
        name: `${name}-admin`,
        user: { 'client-certificate-data': b64(params.clientCertPem), 'client-key-data': b64(params.clientKeyPem) },
      },
    ],
    contexts: [
      { name, context: { cluster: name, user: `${name}-admin`, namespace: params.namespace ?? 'default' } },
    ],
    'current-context': name,
    preferences: {},
  });
}
