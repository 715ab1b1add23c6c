/** base: pure utilities shared by every module. Node built-ins only. */
export { type Clock, type TimerHandle, systemClock, FakeClock, rfc3339, rfc3339Micro } from './clock.js';
export { PodyardError, errorMessage } from './errors.js';
export { type Logger, type LogLevel, createLogger, silentLogger } from './logger.js';
export { Deferred } from './deferred.js';
export { WorkQueue } from './work-queue.js';
export { isDeepEqual } from './json-equal.js';
