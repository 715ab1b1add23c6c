import { translateTimestampSince } from '../../apis/index.js';
import type { TableRowCondition } from './table.js';

// Loose views of the JSON a Pod has: printing must never throw on a partial object.
interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string };
}
interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}
interface PodView {
  metadata?: { name?: string; creationTimestamp?: string; deletionTimestamp?: string };
  spec?: {
    containers?: unknown[];
    initContainers?: { name?: string; restartPolicy?: string }[];
    nodeName?: string;
    readinessGates?: { conditionType?: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: { type?: string; status?: string; reason?: string }[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
    nominatedNodeName?: string;
    podIP?: string;
    podIPs?: { ip?: string }[];
  };
}

/** `node.NodeUnreachablePodReason`. */
const nodeUnreachablePodReason = 'NodeLost';

const podSuccessConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const podFailedConditions: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

/** The cells and row conditions of one pod, as printers.go `printPod` computes them (always wide). */
export function printPod(obj: unknown, now: number): { cells: unknown[]; conditions?: TableRowCondition[] } {
  const pod = (obj ?? {}) as PodView;
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const initSpecs = spec.initContainers ?? [];

  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate = 0;
  let lastRestartableInitContainerRestartDate = 0;

  const podPhase = status.phase ?? '';
  let reason = status.reason ? status.reason : podPhase;

  // 1. {type: PodScheduled, reason: SchedulingGated} wins over the phase.
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  let conditions: TableRowCondition[] | undefined;
  if (podPhase === 'Succeeded') conditions = podSuccessConditions;
  else if (podPhase === 'Failed') conditions = podFailedConditions;

  // 2. Restartable init containers (sidecars) count as containers.
  const initByName = new Map<string, { restartPolicy?: string }>();
  for (const c of initSpecs) {
    initByName.set(c.name ?? '', c);
    if (c.restartPolicy === 'Always') totalContainers++;
  }
  const isRestartable = (name: string | undefined): boolean => initByName.get(name ?? '')?.restartPolicy === 'Always';

  // 3. Init containers: the first one not done decides an `Init:` status.
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    const finished = time(c.lastState?.terminated?.finishedAt);
    if (c.lastState?.terminated && lastRestartDate < finished) lastRestartDate = finished;
    if (isRestartable(c.name)) {
      restartableInitContainerRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated && lastRestartableInitContainerRestartDate < finished) {
        lastRestartableInitContainerRestartDate = finished;
      }
    }
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (isRestartable(c.name) && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) {
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      } else {
        reason = `Init:${term.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  // 4. App containers, last to first: the first listed container's reason wins.
  if (!initializing || isPodInitialized(status.conditions)) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      const finished = time(c.lastState?.terminated?.finishedAt);
      if (c.lastState?.terminated && lastRestartDate < finished) lastRestartDate = finished;
      const waiting = c.state?.waiting;
      const term = c.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (term && term.reason) {
        reason = term.reason;
      } else if (term) {
        reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose containers completed but one still runs is Running (or NotReady).
    if (reason === 'Completed' && hasRunning) {
      reason = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  // 5. Deletion.
  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === nodeUnreachablePodReason) reason = 'Unknown';
  else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== 0) {
    restartsStr = `${restarts} (${translateTimestampSince(new Date(lastRestartDate).toISOString(), now)} ago)`;
  }

  // 6. Wide columns.
  const podIP = status.podIPs?.[0]?.ip || status.podIP || '<none>';
  let readinessGates = '<none>';
  const gates = spec.readinessGates ?? [];
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const cond = (status.conditions ?? []).find((c) => c.type === gate.conditionType);
      if (cond?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }

  const cells = [
    pod.metadata?.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsStr,
    translateTimestampSince(pod.metadata?.creationTimestamp, now),
    podIP,
    spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    readinessGates,
  ];
  return conditions ? { cells, conditions } : { cells };
}

function isPodInitialized(conditions: { type?: string; status?: string }[] | undefined): boolean {
  const c = (conditions ?? []).find((x) => x.type === 'Initialized');
  return c?.status === 'True';
}

/** Milliseconds of an RFC 3339 time, 0 for Go's zero time. */
function time(ts: string | undefined): number {
  if (!ts) return 0;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? 0 : t;
}
