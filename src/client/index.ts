/** client: typed API client, informers and kubeconfig loading, used by every API consumer. */
export {
  ApiClient,
  hasCode,
  Resources,
  type ListQuery,
  type ObjectList,
  type PatchType,
  type ResourceRef,
  type WatchEvent,
} from './api-client.js';
export { Informer, objectKey, type InformerHandlers } from './informer.js';
export { EventRecorder, microNow, type EventSource, type InvolvedObject } from './event-recorder.js';
export { KubeconfigError, loadKubeconfig, type ClusterConnection, type KubeconfigErrorCode } from './kubeconfig.js';
export { HttpTransport, type ApiRequest } from './transport.js';
