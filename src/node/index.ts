/** node: the node agent (kubelet): pods as runc containers, status, streaming, Node registration. */
export { Kubelet, type KubeletConfig, type KubeletDeps, type PodLocation } from './kubelet.js';
export { ContainerLogManager, type ContainerLogConfig } from './container-log-manager.js';
export { MetricsCollector } from './metrics-collector.js';
export { NodeStatusReporter, nodeInternalIP } from './node-status.js';
export { StreamingServer } from './streaming/index.js';
export { VolumeManager } from './volumes/index.js';
export { ImageGarbageCollector, registryImagePuller, credentialsFromSecrets, goDuration, type ImagePuller, type ImageGcPolicy } from './image-manager.js';
