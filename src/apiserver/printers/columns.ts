/** `meta.k8s.io/v1` `TableColumnDefinition`: every field is always serialised (no omitempty). */
export interface ColumnDefinition {
  name: string;
  /** OpenAPI type: `string`, `integer`, `number`, `boolean`, `date`. */
  type: string;
  format: string;
  description: string;
  /** 0: always shown; 1: `-o wide` only. */
  priority: number;
}

const col = (name: string, description: string, extra: Partial<ColumnDefinition> = {}): ColumnDefinition => ({
  name,
  type: 'string',
  format: '',
  description,
  priority: 0,
  ...extra,
});
const wide = { priority: 1 };

// Descriptions are the SwaggerDoc texts printers.go references (metav1.ObjectMeta{}.SwaggerDoc()[…] and friends).
const nameDoc =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const ageDoc =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';
const nameCol = (extra: Partial<ColumnDefinition> = {}): ColumnDefinition => col('Name', nameDoc, { format: 'name', ...extra });
const ageCol = (): ColumnDefinition => col('Age', ageDoc);

/** Column definitions per resource, in kubernetes `pkg/printers/internalversion/printers.go` `AddHandlers` order. */
export const resourceColumns: Readonly<Record<string, readonly ColumnDefinition[]>> = {
  pods: [
    nameCol(),
    col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageCol(),
    col('IP', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', wide),
    col(
      'Node',
      'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename',
      wide,
    ),
    col(
      'Nominated Node',
      'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
      wide,
    ),
    col(
      'Readiness Gates',
      'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
      wide,
    ),
  ],
  services: [
    nameCol(),
    col('Type', 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.'),
    col('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    col('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    col('Port(s)', 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies'),
    ageCol(),
    col('Selector', 'Route service traffic to pods with label keys and values matching this selector.', wide),
  ],
  endpoints: [
    nameCol(),
    col('Endpoints', 'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share.'),
    ageCol(),
  ],
  endpointslices: [
    nameCol(),
    col('AddressType', 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type.'),
    col('Ports', 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
    col('Endpoints', 'endpoints is a list of unique endpoints in this slice.'),
    ageCol(),
  ],
  events: [
    col('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col('Reason', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    col('Object', 'The object that this event is about.'),
    col(
      'Subobject',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
      wide,
    ),
    col('Source', 'The component reporting this event. Should be a short machine understandable string.', wide),
    col('Message', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', wide),
    col('Count', 'The number of times this event has occurred.', wide),
    nameCol(wide),
  ],
  configmaps: [nameCol(), col('Data', 'Data contains the configuration data.'), ageCol()],
  secrets: [
    nameCol(),
    col('Type', 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'),
    col('Data', 'Data contains the secret data.'),
    ageCol(),
  ],
  namespaces: [nameCol(), col('Status', 'The status of the namespace'), ageCol()],
  nodes: [
    nameCol(),
    col('Status', 'The status of the node'),
    col('Roles', 'The roles of the node'),
    ageCol(),
    col('Version', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'List of addresses reachable to the node.', wide),
    col('External-IP', 'List of addresses reachable to the node.', wide),
    col('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', wide),
    col('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", wide),
    col('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', wide),
  ],
  serviceaccounts: [
    nameCol(),
    col('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'),
    ageCol(),
  ],
  leases: [nameCol(), col('Holder', 'holderIdentity contains the identity of the holder of a current lease.'), ageCol()],
};

/** Columns for resources without a printer: Name and Age. */
export const defaultColumns: readonly ColumnDefinition[] = [nameCol(), ageCol()];
