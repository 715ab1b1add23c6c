/** node: the node agent (kubelet) — for now, Node registration and heartbeats. */
export { NodeStatusReporter } from './node-status.js';
