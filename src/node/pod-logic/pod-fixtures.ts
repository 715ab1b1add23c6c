/**
 * Builders for pod-logic unit tests: pods and observed runtime state with readable defaults.
 * Not part of the module's public API.
 * @module
 */
import type { Container, ObjectMeta, Pod, PodSpec } from '../../apis/index.js';
import { hashContainer, type ObservedContainer, type ObservedSandbox } from './observed.js';

/** 2026-01-01T00:00:00Z: tests count from here. */
export const T0 = Date.UTC(2026, 0, 1);

/** A pod in namespace `default` with uid `uid-1`. */
export function makePod(spec: Partial<PodSpec> & { containers?: Container[] }, meta: Partial<ObjectMeta> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'uid-1', ...meta },
    spec: { restartPolicy: 'Always', containers: [], ...spec },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
}

/** A container spec `name` running `image` (default busybox). */
export function c(name: string, extra: Partial<Container> = {}): Container {
  return { name, image: 'busybox', ...extra };
}

/** A native sidecar (init container with restartPolicy Always). */
export function sidecar(name: string, extra: Partial<Container> = {}): Container {
  return c(name, { restartPolicy: 'Always', ...extra });
}

let nextId = 1;

/** Options of an observed container instance. */
export interface InstanceOptions {
  attempt?: number;
  createdAtMs?: number;
  startedAtMs?: number;
  finishedAtMs?: number;
  spec?: Container;
  id?: string;
  reason?: string;
  message?: string;
  sandboxId?: string;
  image?: string;
}

function instance(name: string, state: ObservedContainer['state'], o: InstanceOptions): ObservedContainer {
  const attempt = o.attempt ?? 0;
  const spec = o.spec ?? c(name);
  return {
    id: o.id ?? `${name}-${attempt}-${nextId++}`,
    name,
    attempt,
    state,
    createdAtMs: o.createdAtMs ?? T0 + attempt * 1000,
    ...(state !== 'CONTAINER_CREATED' ? { startedAtMs: o.startedAtMs ?? (o.createdAtMs ?? T0 + attempt * 1000) + 100 } : {}),
    image: o.image ?? spec.image ?? 'busybox',
    imageRef: `docker.io/library/${spec.image ?? 'busybox'}@sha256:abc`,
    specHash: hashContainer(spec),
    sandboxId: o.sandboxId ?? 'sb-1',
    ...(o.reason ? { reason: o.reason } : {}),
    ...(o.message ? { message: o.message } : {}),
    ...(o.finishedAtMs !== undefined ? { finishedAtMs: o.finishedAtMs } : {}),
  };
}

/** A running instance. */
export function running(name: string, o: InstanceOptions = {}): ObservedContainer {
  return instance(name, 'CONTAINER_RUNNING', o);
}

/** An exited instance (reason Completed/Error from the exit code unless given). */
export function exited(name: string, exitCode: number, o: InstanceOptions = {}): ObservedContainer {
  const created = o.createdAtMs ?? T0 + (o.attempt ?? 0) * 1000;
  return {
    ...instance(name, 'CONTAINER_EXITED', { finishedAtMs: created + 500, ...o, reason: o.reason ?? (exitCode === 0 ? 'Completed' : 'Error') }),
    exitCode,
  };
}

/** A created, never started instance. */
export function created(name: string, o: InstanceOptions = {}): ObservedContainer {
  return instance(name, 'CONTAINER_CREATED', o);
}

/** An instance in unknown state. */
export function unknown(name: string, o: InstanceOptions = {}): ObservedContainer {
  return instance(name, 'CONTAINER_UNKNOWN', o);
}

/** A sandbox (ready, attempt 0, IP 10.88.0.5 by default). */
export function sandbox(o: Partial<ObservedSandbox> = {}): ObservedSandbox {
  return { id: 'sb-1', state: 'SANDBOX_READY', createdAtMs: T0 - 1000, attempt: 0, ip: '10.88.0.5', ...o };
}
