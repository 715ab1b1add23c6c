/** apiserver: the Kubernetes API over HTTPS — discovery, OpenAPI, REST verbs, watch, tables. */
export { ApiHandler, registryKey, serverVersion, type HandlerDeps, type PodSubresourceHandler } from './handler.js';
export { ApiServer, rejectUpgrade, type MountedApp, type TokenAuthenticator, type UserInfo } from './server.js';
export { OpenApi } from './openapi.js';
export type { MetricsProvider } from './metrics.js';
export { ensurePki, type Pki } from './pki.js';
