import { FakeClock } from '../../base/index.js';
import { runStoreConformance } from '../testing/conformance.js';
import { MemoryStore } from './memory-store.js';

runStoreConformance('MemoryStore', () => {
  const clock = new FakeClock(1_700_000_000_000);
  const store = new MemoryStore({ clock });
  return Promise.resolve({ store, clock, cleanup: () => store.close() });
});
