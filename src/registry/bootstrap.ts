import { isAlreadyExists, type KubeObject } from '../apis/index.js';
import type { GenericRegistry } from './rest.js';

/** Namespaces every cluster has from the start. */
export const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/**
 * Creates the objects kube-apiserver's bootstrap controllers maintain: the system namespaces,
 * their `default` ServiceAccounts and the `kubernetes` Service. Idempotent.
 */
export async function ensureBootstrapObjects(
  registries: Map<string, GenericRegistry>,
  options: { kubernetesServiceIp: string; apiPort: number },
): Promise<void> {
  const ensure = async (key: string, ns: string | undefined, obj: KubeObject) => {
    try {
      await registries.get(key)!.create(ns, obj);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  };
  for (const name of systemNamespaces) await ensure('/v1/namespaces', undefined, { metadata: { name } });
  for (const ns of systemNamespaces) await ensure('/v1/serviceaccounts', ns, { metadata: { name: 'default', namespace: ns } });
  await ensure('/v1/services', 'default', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: options.kubernetesServiceIp,
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: options.apiPort }],
      sessionAffinity: 'None',
    },
  } as KubeObject);
}
