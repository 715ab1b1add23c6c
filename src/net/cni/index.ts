/**
 * net/cni: the pod network — CNI plugin invocation (bridge + host-local + portmap, loopback)
 * from a conflist Podyard writes in its data dir, per-sandbox ADD/DEL with cached results.
 * Privileged (network namespaces, links, iptables through the plugins). Imports `base` only;
 * `cmd` injects it into the runtime, which calls it inside RunPodSandbox/StopPodSandbox.
 */
export {
  CniNetwork,
  NetworkError,
  bridgeNameFor,
  type CniNetworkConfig,
  type NetworkErrorCode,
  type PodNetworkRequest,
  type PodNetworkStatus,
} from './cni-network.js';
export { cidrsOverlap, formatCidr, formatIpv4, nthAddress, parseCidr, parseIpv4, type Ipv4Cidr } from './ipv4.js';
