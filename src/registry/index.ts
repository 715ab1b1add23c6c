/** registry: per-resource strategies and generic REST storage over the Store. */
export type { ResourceInfo, Strategy, SubresourceInfo, SubresourceStrategy, WriteContext } from './types.js';
export {
  GenericRegistry,
  type ListOptions,
  type ListResult,
  type RegistryWatchEvent,
  type UpdateOptions,
  type WatchOptions,
  type WriteOptions,
} from './rest.js';
export { buildRegistries, type RegistryConfig } from './resources.js';
export { ensureBootstrapObjects, systemNamespaces } from './bootstrap.js';
