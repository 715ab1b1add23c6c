/** cli: the `podyard` client-side commands, printers and kubeconfig handling. */
export { type KubeconfigParams, renderKubeconfig } from './kubeconfig.js';
