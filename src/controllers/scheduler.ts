import type { Clock, Logger } from '../base/index.js';
import { WorkQueue } from '../base/index.js';
import { EventReasons, type Node, type Pod } from '../apis/index.js';
import type { ApiClient} from '../client/index.js';
import { EventRecorder, hasCode, Informer, objectKey, Resources } from '../client/index.js';

/**
 * Scheduling for a one-node cluster: binds every unscheduled pod (`spec.nodeName` empty, our
 * `schedulerName`) to this machine's Node once that Node is Ready, through `pods/binding`, and
 * records the `Scheduled` event as kube-scheduler does. Without a Ready node the pod stays
 * Pending with a `FailedScheduling` event.
 */
export class SchedulerController {
  private readonly queue: WorkQueue;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly events: EventRecorder;

  constructor(private readonly deps: { client: ApiClient; clock: Clock; logger: Logger }) {
    const log = deps.logger.child({ controller: 'scheduler' });
    this.queue = new WorkQueue((key) => this.sync(key), { clock: deps.clock, logger: log });
    this.events = new EventRecorder(deps, { component: 'default-scheduler' });
    this.pods = new Informer<Pod>(
      { ...deps, logger: log },
      Resources.pods,
      { onAdd: (p) => this.queue.add(objectKey(p)), onUpdate: (p) => this.queue.add(objectKey(p)) },
      { query: { fieldSelector: 'spec.nodeName=' } },
    );
    this.nodes = new Informer<Node>({ ...deps, logger: log }, Resources.nodes, {
      onAdd: () => this.requeueAll(),
      onUpdate: () => this.requeueAll(),
    });
  }

  start(): void {
    this.nodes.start();
    this.pods.start();
  }

  stop(): void {
    this.queue.close();
    this.pods.stop();
    this.nodes.stop();
  }

  private requeueAll(): void {
    for (const p of this.pods.list()) this.queue.add(objectKey(p));
  }

  private async sync(key: string): Promise<void> {
    await this.nodes.synced;
    const pod = this.pods.get(key);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
    if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
    const ready = this.nodes.list().filter((n) => isReady(n) && !n.spec?.unschedulable);
    const ref = { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! };
    if (ready.length === 0) {
      const total = this.nodes.list().length;
      const msg =
        total === 0
          ? 'no nodes available to schedule pods'
          : `0/${total} nodes are available: ${total} node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
      await this.events.record(ref, 'Warning', EventReasons.FailedScheduling, msg);
      return;
    }
    const node = ready[0]!;
    try {
      await this.deps.client.transport.request({
        method: 'POST',
        path: this.deps.client.path(Resources.pods, pod.metadata.namespace, pod.metadata.name, 'binding'),
        body: {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
          target: { apiVersion: 'v1', kind: 'Node', name: node.metadata.name },
        },
      });
    } catch (err) {
      if (hasCode(err, 404) || hasCode(err, 409)) return;
      throw err;
    }
    await this.events.record(
      ref,
      'Normal',
      EventReasons.Scheduled,
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.metadata.name}`,
    );
  }
}

function isReady(node: Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}
