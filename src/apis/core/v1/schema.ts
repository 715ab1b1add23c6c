/**
 * OpenAPI-shaped {@link ObjectSchema}s for core v1.
 * @module
 */
// Generated from the Kubernetes OpenAPI definitions (field lists, descriptions, required lists)
// plus the k8s.io/api struct tags (patchMergeKey/patchStrategy, +listType/+listMapKey).
// Edit by hand with care: strict field validation, `kubectl explain` and strategic merge patch read these.

import type { ObjectSchema } from '../../schema.js';
import { conditionSchema, deleteOptionsSchema, labelSelectorSchema, listMetaSchema, objectMetaSchema } from '../../meta/v1/index.js';

/** `io.k8s.api.core.v1.NodeSelectorRequirement` */
export const nodeSelectorRequirementSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeSelectorRequirement',
  description: 'A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values.',
  properties: {
    key: { type: 'string', description: 'The label key that the selector applies to.' },
    operator: { type: 'string', enum: ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'], description: 'Represents a key\'s relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.' },
    values: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'An array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. If the operator is Gt or Lt, the values array must have a single element, which will be interpreted as an integer. This array is replaced during a strategic merge patch.' },
  },
  required: ['key','operator'],
};

/** `io.k8s.api.core.v1.NodeSelectorTerm` */
export const nodeSelectorTermSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeSelectorTerm',
  description: 'A null or empty node selector term matches no objects. The requirements of them are ANDed. The TopologySelectorTerm type implements a subset of the NodeSelectorTerm.',
  properties: {
    matchExpressions: { type: 'array', items: nodeSelectorRequirementSchema, listType: 'atomic', description: 'A list of node selector requirements by node\'s labels.' },
    matchFields: { type: 'array', items: nodeSelectorRequirementSchema, listType: 'atomic', description: 'A list of node selector requirements by node\'s fields.' },
  },
};

/** `io.k8s.api.core.v1.PreferredSchedulingTerm` */
export const preferredSchedulingTermSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PreferredSchedulingTerm',
  description: 'An empty preferred scheduling term matches all objects with implicit weight 0 (i.e. it\'s a no-op). A null preferred scheduling term matches no objects (i.e. is also a no-op).',
  properties: {
    preference: { ...nodeSelectorTermSchema, description: 'A node selector term, associated with the corresponding weight.' },
    weight: { type: 'integer', format: 'int32', description: 'Weight associated with matching the corresponding nodeSelectorTerm, in the range 1-100.' },
  },
  required: ['preference','weight'],
};

/** `io.k8s.api.core.v1.NodeSelector` */
export const nodeSelectorSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeSelector',
  description: 'A node selector represents the union of the results of one or more label queries over a set of nodes; that is, it represents the OR of the selectors represented by the node selector terms.',
  properties: {
    nodeSelectorTerms: { type: 'array', items: nodeSelectorTermSchema, listType: 'atomic', description: 'Required. A list of node selector terms. The terms are ORed.' },
  },
  required: ['nodeSelectorTerms'],
};

/** `io.k8s.api.core.v1.NodeAffinity` */
export const nodeAffinitySchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeAffinity',
  description: 'Node affinity is a group of node affinity scheduling rules.',
  properties: {
    preferredDuringSchedulingIgnoredDuringExecution: { type: 'array', items: preferredSchedulingTermSchema, listType: 'atomic', description: 'The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding "weight" to the sum if the node matches the corresponding matchExpressions; the node(s) with the highest sum are the most preferred.' },
    requiredDuringSchedulingIgnoredDuringExecution: { ...nodeSelectorSchema, description: 'If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to an update), the system may or may not try to eventually evict the pod from its node.' },
  },
};

/** `io.k8s.api.core.v1.PodAffinityTerm` */
export const podAffinityTermSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodAffinityTerm',
  description: 'Defines a set of pods (namely those matching the labelSelector relative to the given namespace(s)) that this pod should be co-located (affinity) or not co-located (anti-affinity) with, where co-located is defined as running on a node whose value of the label with key <topologyKey> matches that of any node on which a pod of the set of pods is running',
  properties: {
    labelSelector: { ...labelSelectorSchema, description: 'A label query over a set of resources, in this case pods. If it\'s null, this PodAffinityTerm matches with no Pods.' },
    matchLabelKeys: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with `labelSelector` as `key in (value)` to select the group of existing pods which pods will be taken into consideration for the incoming pod\'s pod (anti) affinity. Keys that don\'t exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both matchLabelKeys and labelSelector. Also, matchLabelKeys cannot be set when labelSelector isn\'t set.' },
    mismatchLabelKeys: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with `labelSelector` as `key notin (value)` to select the group of existing pods which pods will be taken into consideration for the incoming pod\'s pod (anti) affinity. Keys that don\'t exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both mismatchLabelKeys and labelSelector. Also, mismatchLabelKeys cannot be set when labelSelector isn\'t set.' },
    namespaceSelector: { ...labelSelectorSchema, description: 'A label query over the set of namespaces that the term applies to. The term is applied to the union of the namespaces selected by this field and the ones listed in the namespaces field. null selector and null or empty namespaces list means "this pod\'s namespace". An empty selector ({}) matches all namespaces.' },
    namespaces: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'namespaces specifies a static list of namespace names that the term applies to. The term is applied to the union of the namespaces listed in this field and the ones selected by namespaceSelector. null or empty namespaces list and null namespaceSelector means "this pod\'s namespace".' },
    topologyKey: { type: 'string', description: 'This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running. Empty topologyKey is not allowed.' },
  },
  required: ['topologyKey'],
};

/** `io.k8s.api.core.v1.WeightedPodAffinityTerm` */
export const weightedPodAffinityTermSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.WeightedPodAffinityTerm',
  description: 'The weights of all of the matched WeightedPodAffinityTerm fields are added per-node to find the most preferred node(s)',
  properties: {
    podAffinityTerm: { ...podAffinityTermSchema, description: 'Required. A pod affinity term, associated with the corresponding weight.' },
    weight: { type: 'integer', format: 'int32', description: 'weight associated with matching the corresponding podAffinityTerm, in the range 1-100.' },
  },
  required: ['podAffinityTerm','weight'],
};

/** `io.k8s.api.core.v1.PodAffinity` */
export const podAffinitySchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodAffinity',
  description: 'Pod affinity is a group of inter pod affinity scheduling rules.',
  properties: {
    preferredDuringSchedulingIgnoredDuringExecution: { type: 'array', items: weightedPodAffinityTermSchema, listType: 'atomic', description: 'The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding "weight" to the sum if the node has pods which matches the corresponding podAffinityTerm; the node(s) with the highest sum are the most preferred.' },
    requiredDuringSchedulingIgnoredDuringExecution: { type: 'array', items: podAffinityTermSchema, listType: 'atomic', description: 'If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to a pod label update), the system may or may not try to eventually evict the pod from its node. When there are multiple elements, the lists of nodes corresponding to each podAffinityTerm are intersected, i.e. all terms must be satisfied.' },
  },
};

/** `io.k8s.api.core.v1.PodAntiAffinity` */
export const podAntiAffinitySchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodAntiAffinity',
  description: 'Pod anti affinity is a group of inter pod anti affinity scheduling rules.',
  properties: {
    preferredDuringSchedulingIgnoredDuringExecution: { type: 'array', items: weightedPodAffinityTermSchema, listType: 'atomic', description: 'The scheduler will prefer to schedule pods to nodes that satisfy the anti-affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling anti-affinity expressions, etc.), compute a sum by iterating through the elements of this field and subtracting "weight" from the sum if the node has pods which matches the corresponding podAffinityTerm; the node(s) with the highest sum are the most preferred.' },
    requiredDuringSchedulingIgnoredDuringExecution: { type: 'array', items: podAffinityTermSchema, listType: 'atomic', description: 'If the anti-affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the anti-affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to a pod label update), the system may or may not try to eventually evict the pod from its node. When there are multiple elements, the lists of nodes corresponding to each podAffinityTerm are intersected, i.e. all terms must be satisfied.' },
  },
};

/** `io.k8s.api.core.v1.Affinity` */
export const affinitySchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Affinity',
  description: 'Affinity is a group of affinity scheduling rules.',
  properties: {
    nodeAffinity: { ...nodeAffinitySchema, description: 'Describes node affinity scheduling rules for the pod.' },
    podAffinity: { ...podAffinitySchema, description: 'Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s)).' },
    podAntiAffinity: { ...podAntiAffinitySchema, description: 'Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s)).' },
  },
};

/** `io.k8s.api.core.v1.ConfigMapKeySelector` */
export const configMapKeySelectorSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ConfigMapKeySelector',
  description: 'Selects a key from a ConfigMap.',
  properties: {
    key: { type: 'string', description: 'The key to select.' },
    name: { type: 'string', description: 'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names' },
    optional: { type: 'boolean', description: 'Specify whether the ConfigMap or its key must be defined' },
  },
  required: ['key'],
};

/** `io.k8s.api.core.v1.ObjectFieldSelector` */
export const objectFieldSelectorSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ObjectFieldSelector',
  description: 'ObjectFieldSelector selects an APIVersioned field of an object.',
  properties: {
    apiVersion: { type: 'string', description: 'Version of the schema the FieldPath is written in terms of, defaults to "v1".' },
    fieldPath: { type: 'string', description: 'Path of the field to select in the specified API version.' },
  },
  required: ['fieldPath'],
};

/** `io.k8s.api.core.v1.FileKeySelector` */
export const fileKeySelectorSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.FileKeySelector',
  description: 'FileKeySelector selects a key of the env file.',
  properties: {
    key: { type: 'string', description: 'The key within the env file. An invalid key will prevent the pod from starting. The keys defined within a source may consist of any printable ASCII characters except \'=\'. During Alpha stage of the EnvFiles feature gate, the key size is limited to 128 characters.' },
    optional: { type: 'boolean', description: 'Specify whether the file or its key must be defined. If the file or key does not exist, then the env var is not published. If optional is set to true and the specified key does not exist, the environment variable will not be set in the Pod\'s containers.' },
    path: { type: 'string', description: 'The path within the volume from which to select the file. Must be relative and may not contain the \'..\' path or start with \'..\'.' },
    volumeName: { type: 'string', description: 'The name of the volume mount containing the env file.' },
  },
  required: ['key','path','volumeName'],
};

/** `io.k8s.api.core.v1.ResourceFieldSelector` */
export const resourceFieldSelectorSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ResourceFieldSelector',
  description: 'ResourceFieldSelector represents container resources (cpu, memory) and their output format',
  properties: {
    containerName: { type: 'string', description: 'Container name: required for volumes, optional for env vars' },
    divisor: { type: 'int-or-string', format: 'quantity', description: 'Specifies the output format of the exposed resources, defaults to "1"' },
    resource: { type: 'string', description: 'Required: resource to select' },
  },
  required: ['resource'],
};

/** `io.k8s.api.core.v1.SecretKeySelector` */
export const secretKeySelectorSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.SecretKeySelector',
  description: 'SecretKeySelector selects a key of a Secret.',
  properties: {
    key: { type: 'string', description: 'The key of the secret to select from.  Must be a valid secret key.' },
    name: { type: 'string', description: 'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names' },
    optional: { type: 'boolean', description: 'Specify whether the Secret or its key must be defined' },
  },
  required: ['key'],
};

/** `io.k8s.api.core.v1.EnvVarSource` */
export const envVarSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EnvVarSource',
  description: 'EnvVarSource represents a source for the value of an EnvVar.',
  properties: {
    configMapKeyRef: { ...configMapKeySelectorSchema, description: 'Selects a key of a ConfigMap.' },
    fieldRef: { ...objectFieldSelectorSchema, description: 'Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels[\'<KEY>\']`, `metadata.annotations[\'<KEY>\']`, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.' },
    fileKeyRef: { ...fileKeySelectorSchema, description: 'FileKeyRef selects a key of the env file. Requires the EnvFiles feature gate to be enabled.' },
    resourceFieldRef: { ...resourceFieldSelectorSchema, description: 'Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.' },
    secretKeyRef: { ...secretKeySelectorSchema, description: 'Selects a key of a secret in the pod\'s namespace' },
  },
};

/** `io.k8s.api.core.v1.EnvVar` */
export const envVarSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EnvVar',
  description: 'EnvVar represents an environment variable present in a Container.',
  properties: {
    name: { type: 'string', description: 'Name of the environment variable. May consist of any printable ASCII characters except \'=\'.' },
    value: { type: 'string', description: 'Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Defaults to "".' },
    valueFrom: { ...envVarSourceSchema, description: 'Source for the environment variable\'s value. Cannot be used if value is not empty.' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.ConfigMapEnvSource` */
export const configMapEnvSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ConfigMapEnvSource',
  description: 'ConfigMapEnvSource selects a ConfigMap to populate the environment variables with.',
  properties: {
    name: { type: 'string', description: 'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names' },
    optional: { type: 'boolean', description: 'Specify whether the ConfigMap must be defined' },
  },
};

/** `io.k8s.api.core.v1.SecretEnvSource` */
export const secretEnvSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.SecretEnvSource',
  description: 'SecretEnvSource selects a Secret to populate the environment variables with.',
  properties: {
    name: { type: 'string', description: 'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names' },
    optional: { type: 'boolean', description: 'Specify whether the Secret must be defined' },
  },
};

/** `io.k8s.api.core.v1.EnvFromSource` */
export const envFromSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EnvFromSource',
  description: 'EnvFromSource represents the source of a set of ConfigMaps or Secrets',
  properties: {
    configMapRef: { ...configMapEnvSourceSchema, description: 'The ConfigMap to select from' },
    prefix: { type: 'string', description: 'Optional text to prepend to the name of each environment variable. May consist of any printable ASCII characters except \'=\'.' },
    secretRef: { ...secretEnvSourceSchema, description: 'The Secret to select from' },
  },
};

/** `io.k8s.api.core.v1.ExecAction` */
export const execActionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ExecAction',
  description: 'ExecAction describes a "run in container" action.',
  properties: {
    command: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'Command is the command line to execute inside the container, the working directory for the command  is root (\'/\') in the container\'s filesystem. The command is simply exec\'d, it is not run inside a shell, so traditional shell instructions (\'|\', etc) won\'t work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.' },
  },
};

/** `io.k8s.api.core.v1.HTTPHeader` */
export const httpHeaderSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.HTTPHeader',
  description: 'HTTPHeader describes a custom header to be used in HTTP probes',
  properties: {
    name: { type: 'string', description: 'The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.' },
    value: { type: 'string', description: 'The header field value' },
  },
  required: ['name','value'],
};

/** `io.k8s.api.core.v1.HTTPGetAction` */
export const httpGetActionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.HTTPGetAction',
  description: 'HTTPGetAction describes an action based on HTTP Get requests.',
  properties: {
    host: { type: 'string', description: 'Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.' },
    httpHeaders: { type: 'array', items: httpHeaderSchema, listType: 'atomic', description: 'Custom headers to set in the request. HTTP allows repeated headers.' },
    path: { type: 'string', description: 'Path to access on the HTTP server.' },
    port: { type: 'int-or-string', format: 'int-or-string', description: 'Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.' },
    scheme: { type: 'string', enum: ['HTTP', 'HTTPS'], description: 'Scheme to use for connecting to the host. Defaults to HTTP.' },
  },
  required: ['port'],
};

/** `io.k8s.api.core.v1.SleepAction` */
export const sleepActionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.SleepAction',
  description: 'SleepAction describes a "sleep" action.',
  properties: {
    seconds: { type: 'integer', format: 'int64', description: 'Seconds is the number of seconds to sleep.' },
  },
  required: ['seconds'],
};

/** `io.k8s.api.core.v1.TCPSocketAction` */
export const tcpSocketActionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.TCPSocketAction',
  description: 'TCPSocketAction describes an action based on opening a socket',
  properties: {
    host: { type: 'string', description: 'Optional: Host name to connect to, defaults to the pod IP.' },
    port: { type: 'int-or-string', format: 'int-or-string', description: 'Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.' },
  },
  required: ['port'],
};

/** `io.k8s.api.core.v1.LifecycleHandler` */
export const lifecycleHandlerSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.LifecycleHandler',
  description: 'LifecycleHandler defines a specific action that should be taken in a lifecycle hook. One and only one of the fields, except TCPSocket must be specified.',
  properties: {
    exec: { ...execActionSchema, description: 'Exec specifies a command to execute in the container.' },
    httpGet: { ...httpGetActionSchema, description: 'HTTPGet specifies an HTTP GET request to perform.' },
    sleep: { ...sleepActionSchema, description: 'Sleep represents a duration that the container should sleep.' },
    tcpSocket: { ...tcpSocketActionSchema, description: 'Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept for backward compatibility. There is no validation of this field and lifecycle hooks will fail at runtime when it is specified.' },
  },
};

/** `io.k8s.api.core.v1.Lifecycle` */
export const lifecycleSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Lifecycle',
  description: 'Lifecycle describes actions that the management system should take in response to container lifecycle events. For the PostStart and PreStop lifecycle handlers, management of the container blocks until the action is complete, unless the container process fails, in which case the handler is aborted.',
  properties: {
    postStart: { ...lifecycleHandlerSchema, description: 'PostStart is called immediately after a container is created. If the handler fails, the container is terminated and restarted according to its restart policy. Other management of the container blocks until the hook completes. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks' },
    preStop: { ...lifecycleHandlerSchema, description: 'PreStop is called immediately before a container is terminated due to an API request or management event such as liveness/startup probe failure, preemption, resource contention, etc. The handler is not called if the container crashes or exits. The Pod\'s termination grace period countdown begins before the PreStop hook is executed. Regardless of the outcome of the handler, the container will eventually terminate within the Pod\'s termination grace period (unless delayed by finalizers). Other management of the container blocks until the hook completes or until the termination grace period is reached. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks' },
    stopSignal: { type: 'string', enum: ['SIGABRT', 'SIGALRM', 'SIGBUS', 'SIGCHLD', 'SIGCLD', 'SIGCONT', 'SIGFPE', 'SIGHUP', 'SIGILL', 'SIGINT', 'SIGIO', 'SIGIOT', 'SIGKILL', 'SIGPIPE', 'SIGPOLL', 'SIGPROF', 'SIGPWR', 'SIGQUIT', 'SIGRTMAX', 'SIGRTMAX-1', 'SIGRTMAX-10', 'SIGRTMAX-11', 'SIGRTMAX-12', 'SIGRTMAX-13', 'SIGRTMAX-14', 'SIGRTMAX-2', 'SIGRTMAX-3', 'SIGRTMAX-4', 'SIGRTMAX-5', 'SIGRTMAX-6', 'SIGRTMAX-7', 'SIGRTMAX-8', 'SIGRTMAX-9', 'SIGRTMIN', 'SIGRTMIN+1', 'SIGRTMIN+10', 'SIGRTMIN+11', 'SIGRTMIN+12', 'SIGRTMIN+13', 'SIGRTMIN+14', 'SIGRTMIN+15', 'SIGRTMIN+2', 'SIGRTMIN+3', 'SIGRTMIN+4', 'SIGRTMIN+5', 'SIGRTMIN+6', 'SIGRTMIN+7', 'SIGRTMIN+8', 'SIGRTMIN+9', 'SIGSEGV', 'SIGSTKFLT', 'SIGSTOP', 'SIGSYS', 'SIGTERM', 'SIGTRAP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGUSR1', 'SIGUSR2', 'SIGVTALRM', 'SIGWINCH', 'SIGXCPU', 'SIGXFSZ'], description: 'StopSignal defines which signal will be sent to a container when it is being stopped. If not specified, the default is defined by the container runtime in use. StopSignal can only be set for Pods with a non-empty .spec.os.name' },
  },
};

/** `io.k8s.api.core.v1.GRPCAction` */
export const grpcActionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.GRPCAction',
  description: 'GRPCAction specifies an action involving a GRPC service.',
  properties: {
    port: { type: 'integer', format: 'int32', description: 'Port number of the gRPC service. Number must be in the range 1 to 65535.' },
    service: { type: 'string', description: 'Service is the name of the service to place in the gRPC HealthCheckRequest (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).' },
  },
  required: ['port'],
};

/** `io.k8s.api.core.v1.Probe` */
export const probeSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Probe',
  description: 'Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.',
  properties: {
    exec: { ...execActionSchema, description: 'Exec specifies a command to execute in the container.' },
    failureThreshold: { type: 'integer', format: 'int32', description: 'Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.' },
    grpc: { ...grpcActionSchema, description: 'GRPC specifies a GRPC HealthCheckRequest.' },
    httpGet: { ...httpGetActionSchema, description: 'HTTPGet specifies an HTTP GET request to perform.' },
    initialDelaySeconds: { type: 'integer', format: 'int32', description: 'Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes' },
    periodSeconds: { type: 'integer', format: 'int32', description: 'How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.' },
    successThreshold: { type: 'integer', format: 'int32', description: 'Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.' },
    tcpSocket: { ...tcpSocketActionSchema, description: 'TCPSocket specifies a connection to a TCP port.' },
    terminationGracePeriodSeconds: { type: 'integer', format: 'int64', description: 'Optional duration in seconds the pod needs to terminate gracefully upon probe failure. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. If this value is nil, the pod\'s terminationGracePeriodSeconds will be used. Otherwise, this value overrides the value provided by the pod spec. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate. Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.' },
    timeoutSeconds: { type: 'integer', format: 'int32', description: 'Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes' },
  },
};

/** `io.k8s.api.core.v1.ContainerPort` */
export const containerPortSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerPort',
  description: 'ContainerPort represents a network port in a single container.',
  properties: {
    containerPort: { type: 'integer', format: 'int32', description: 'Number of port to expose on the pod\'s IP address. This must be a valid port number, 0 < x < 65536.' },
    hostIP: { type: 'string', description: 'What host IP to bind the external port to.' },
    hostPort: { type: 'integer', format: 'int32', description: 'Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.' },
    name: { type: 'string', description: 'If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.' },
    protocol: { type: 'string', enum: ['SCTP', 'TCP', 'UDP'], description: 'Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".' },
  },
  required: ['containerPort'],
};

/** `io.k8s.api.core.v1.ContainerResizePolicy` */
export const containerResizePolicySchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerResizePolicy',
  description: 'ContainerResizePolicy represents resource resize policy for the container.',
  properties: {
    resourceName: { type: 'string', description: 'Name of the resource to which this resource resize policy applies. Supported values: cpu, memory.' },
    restartPolicy: { type: 'string', description: 'Restart policy to apply when specified resource is resized. If not specified, it defaults to NotRequired.' },
  },
  required: ['resourceName','restartPolicy'],
};

/** `io.k8s.api.core.v1.ResourceClaim` */
export const resourceClaimSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ResourceClaim',
  description: 'ResourceClaim references one entry in PodSpec.ResourceClaims.',
  properties: {
    name: { type: 'string', description: 'Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.' },
    request: { type: 'string', description: 'Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request.' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.ResourceRequirements` */
export const resourceRequirementsSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ResourceRequirements',
  description: 'ResourceRequirements describes the compute resource requirements.',
  properties: {
    claims: { type: 'array', items: resourceClaimSchema, listType: 'map', listMapKeys: ['name'], description: 'Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.' },
    limits: { type: 'map', values: { type: 'int-or-string', format: 'quantity' }, description: 'Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
    requests: { type: 'map', values: { type: 'int-or-string', format: 'quantity' }, description: 'Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
  },
};

/** `io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes` */
export const containerRestartRuleOnExitCodesSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes',
  description: 'ContainerRestartRuleOnExitCodes describes the condition for handling an exited container based on its exit codes.',
  properties: {
    operator: { type: 'string', description: 'Represents the relationship between the container exit code(s) and the specified values. Possible values are: - In: the requirement is satisfied if the container exit code is in the   set of specified values. - NotIn: the requirement is satisfied if the container exit code is   not in the set of specified values.' },
    values: { type: 'array', items: { type: 'integer', format: 'int32' }, description: 'Specifies the set of values to check for container exit codes. At most 255 elements are allowed.' },
  },
  required: ['operator'],
};

/** `io.k8s.api.core.v1.ContainerRestartRule` */
export const containerRestartRuleSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerRestartRule',
  description: 'ContainerRestartRule describes how a container exit is handled.',
  properties: {
    action: { type: 'string', description: 'Specifies the action taken on a container exit if the requirements are satisfied. The only possible value is "Restart" to restart the container.' },
    exitCodes: { ...containerRestartRuleOnExitCodesSchema, description: 'Represents the exit codes to check on container exits.' },
  },
  required: ['action'],
};

/** `io.k8s.api.core.v1.AppArmorProfile` */
export const appArmorProfileSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.AppArmorProfile',
  description: 'AppArmorProfile defines a pod or container\'s AppArmor settings.',
  properties: {
    localhostProfile: { type: 'string', description: 'localhostProfile indicates a profile loaded on the node that should be used. The profile must be preconfigured on the node to work. Must match the loaded name of the profile. Must be set if and only if type is "Localhost".' },
    type: { type: 'string', enum: ['Localhost', 'RuntimeDefault', 'Unconfined'], description: 'type indicates which kind of AppArmor profile will be applied. Valid options are:   Localhost - a profile pre-loaded on the node.   RuntimeDefault - the container runtime\'s default profile.   Unconfined - no AppArmor enforcement.' },
  },
  required: ['type'],
};

/** `io.k8s.api.core.v1.Capabilities` */
export const capabilitiesSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Capabilities',
  description: 'Adds and removes POSIX capabilities from running containers.',
  properties: {
    add: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'Added capabilities' },
    drop: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'Removed capabilities' },
  },
};

/** `io.k8s.api.core.v1.SELinuxOptions` */
export const seLinuxOptionsSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.SELinuxOptions',
  description: 'SELinuxOptions are the labels to be applied to the container',
  properties: {
    level: { type: 'string', description: 'Level is SELinux level label that applies to the container.' },
    role: { type: 'string', description: 'Role is a SELinux role label that applies to the container.' },
    type: { type: 'string', description: 'Type is a SELinux type label that applies to the container.' },
    user: { type: 'string', description: 'User is a SELinux user label that applies to the container.' },
  },
};

/** `io.k8s.api.core.v1.SeccompProfile` */
export const seccompProfileSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.SeccompProfile',
  description: 'SeccompProfile defines a pod/container\'s seccomp profile settings. Only one profile source may be set.',
  properties: {
    localhostProfile: { type: 'string', description: 'localhostProfile indicates a profile defined in a file on the node should be used. The profile must be preconfigured on the node to work. Must be a descending path, relative to the kubelet\'s configured seccomp profile location. Must be set if type is "Localhost". Must NOT be set for any other type.' },
    type: { type: 'string', enum: ['Localhost', 'RuntimeDefault', 'Unconfined'], description: 'type indicates which kind of seccomp profile will be applied. Valid options are:' },
  },
  required: ['type'],
};

/** `io.k8s.api.core.v1.WindowsSecurityContextOptions` */
export const windowsSecurityContextOptionsSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.WindowsSecurityContextOptions',
  description: 'WindowsSecurityContextOptions contain Windows-specific options and credentials.',
  properties: {
    gmsaCredentialSpec: { type: 'string', description: 'GMSACredentialSpec is where the GMSA admission webhook (https://github.com/kubernetes-sigs/windows-gmsa) inlines the contents of the GMSA credential spec named by the GMSACredentialSpecName field.' },
    gmsaCredentialSpecName: { type: 'string', description: 'GMSACredentialSpecName is the name of the GMSA credential spec to use.' },
    hostProcess: { type: 'boolean', description: 'HostProcess determines if a container should be run as a \'Host Process\' container. All of a Pod\'s containers must have the same effective HostProcess value (it is not allowed to have a mix of HostProcess containers and non-HostProcess containers). In addition, if HostProcess is true then HostNetwork must also be set to true.' },
    runAsUserName: { type: 'string', description: 'The UserName in Windows to run the entrypoint of the container process. Defaults to the user specified in image metadata if unspecified. May also be set in PodSecurityContext. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.' },
  },
};

/** `io.k8s.api.core.v1.SecurityContext` */
export const securityContextSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.SecurityContext',
  description: 'SecurityContext holds security configuration that will be applied to a container. Some fields are present in both SecurityContext and PodSecurityContext.  When both are set, the values in SecurityContext take precedence.',
  properties: {
    allowPrivilegeEscalation: { type: 'boolean', description: 'AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process. This bool directly controls if the no_new_privs flag will be set on the container process. AllowPrivilegeEscalation is true always when the container is: 1) run as Privileged 2) has CAP_SYS_ADMIN Note that this field cannot be set when spec.os.name is windows.' },
    appArmorProfile: { ...appArmorProfileSchema, description: 'appArmorProfile is the AppArmor options to use by this container. If set, this profile overrides the pod\'s appArmorProfile. Note that this field cannot be set when spec.os.name is windows.' },
    capabilities: { ...capabilitiesSchema, description: 'The capabilities to add/drop when running containers. Defaults to the default set of capabilities granted by the container runtime. Note that this field cannot be set when spec.os.name is windows.' },
    privileged: { type: 'boolean', description: 'Run container in privileged mode. Processes in privileged containers are essentially equivalent to root on the host. Defaults to false. Note that this field cannot be set when spec.os.name is windows.' },
    procMount: { type: 'string', enum: ['Default', 'Unmasked'], description: 'procMount denotes the type of proc mount to use for the containers. The default value is Default which uses the container runtime defaults for readonly paths and masked paths. Note that this field cannot be set when spec.os.name is windows.' },
    readOnlyRootFilesystem: { type: 'boolean', description: 'Whether this container has a read-only root filesystem. Default is false. Note that this field cannot be set when spec.os.name is windows.' },
    runAsGroup: { type: 'integer', format: 'int64', description: 'The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.' },
    runAsNonRoot: { type: 'boolean', description: 'Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.' },
    runAsUser: { type: 'integer', format: 'int64', description: 'The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.' },
    seLinuxOptions: { ...seLinuxOptionsSchema, description: 'The SELinux context to be applied to the container. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.' },
    seccompProfile: { ...seccompProfileSchema, description: 'The seccomp options to use by this container. If seccomp options are provided at both the pod & container level, the container options override the pod options. Note that this field cannot be set when spec.os.name is windows.' },
    windowsOptions: { ...windowsSecurityContextOptionsSchema, description: 'The Windows specific settings applied to all containers. If unspecified, the options from the PodSecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux.' },
  },
};

/** `io.k8s.api.core.v1.VolumeDevice` */
export const volumeDeviceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.VolumeDevice',
  description: 'volumeDevice describes a mapping of a raw block device within a container.',
  properties: {
    devicePath: { type: 'string', description: 'devicePath is the path inside of the container that the device will be mapped to.' },
    name: { type: 'string', description: 'name must match the name of a persistentVolumeClaim in the pod' },
  },
  required: ['devicePath','name'],
};

/** `io.k8s.api.core.v1.VolumeMount` */
export const volumeMountSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.VolumeMount',
  description: 'VolumeMount describes a mounting of a Volume within a container.',
  properties: {
    mountPath: { type: 'string', description: 'Path within the container at which the volume should be mounted.  Must not contain \':\'.' },
    mountPropagation: { type: 'string', enum: ['Bidirectional', 'HostToContainer', 'None'], description: 'mountPropagation determines how mounts are propagated from the host to container and the other way around. When not set, MountPropagationNone is used. This field is beta in 1.10. When RecursiveReadOnly is set to IfPossible or to Enabled, MountPropagation must be None or unspecified (which defaults to None).' },
    name: { type: 'string', description: 'This must match the Name of a Volume.' },
    readOnly: { type: 'boolean', description: 'Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.' },
    recursiveReadOnly: { type: 'string', description: 'RecursiveReadOnly specifies whether read-only mounts should be handled recursively.' },
    subPath: { type: 'string', description: 'Path within the volume from which the container\'s volume should be mounted. Defaults to "" (volume\'s root).' },
    subPathExpr: { type: 'string', description: 'Expanded path within the volume from which the container\'s volume should be mounted. Behaves similarly to SubPath but environment variable references $(VAR_NAME) are expanded using the container\'s environment. Defaults to "" (volume\'s root). SubPathExpr and SubPath are mutually exclusive.' },
  },
  required: ['mountPath','name'],
};

/** `io.k8s.api.core.v1.Container` */
export const containerSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Container',
  description: 'A single application container that you want to run within a pod.',
  properties: {
    args: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'Arguments to the entrypoint. The container image\'s CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell' },
    command: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'Entrypoint array. Not executed within a shell. The container image\'s ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell' },
    env: { type: 'array', items: envVarSchema, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'List of environment variables to set in the container. Cannot be updated.' },
    envFrom: { type: 'array', items: envFromSourceSchema, listType: 'atomic', description: 'List of sources to populate environment variables in the container. The keys defined within a source may consist of any printable ASCII characters except \'=\'. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated.' },
    image: { type: 'string', description: 'Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.' },
    imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'], description: 'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images' },
    lifecycle: { ...lifecycleSchema, description: 'Actions that the management system should take in response to container lifecycle events. Cannot be updated.' },
    livenessProbe: { ...probeSchema, description: 'Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes' },
    name: { type: 'string', description: 'Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.' },
    ports: { type: 'array', items: containerPortSchema, patchMergeKey: 'containerPort', patchStrategy: 'merge', listType: 'map', listMapKeys: ['containerPort','protocol'], description: 'List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.' },
    readinessProbe: { ...probeSchema, description: 'Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes' },
    resizePolicy: { type: 'array', items: containerResizePolicySchema, listType: 'atomic', description: 'Resources resize policy for the container. This field cannot be set on ephemeral containers.' },
    resources: { ...resourceRequirementsSchema, description: 'Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
    restartPolicy: { type: 'string', description: 'RestartPolicy defines the restart behavior of individual containers in a pod. This overrides the pod-level restart policy. When this field is not specified, the restart behavior is defined by the Pod\'s restart policy and the container type. Additionally, setting the RestartPolicy as "Always" for the init container will have the following effect: this init container will be continually restarted on exit until all regular containers have terminated. Once all regular containers have completed, all init containers with restartPolicy "Always" will be shut down. This lifecycle differs from normal init containers and is often referred to as a "sidecar" container. Although this init container still starts in the init container sequence, it does not wait for the container to complete before proceeding to the next init container. Instead, the next init container starts immediately after this init container is started, or after any startupProbe has successfully completed.' },
    restartPolicyRules: { type: 'array', items: containerRestartRuleSchema, listType: 'atomic', description: 'Represents a list of rules to be checked to determine if the container should be restarted on exit. The rules are evaluated in order. Once a rule matches a container exit condition, the remaining rules are ignored. If no rule matches the container exit condition, the Container-level restart policy determines the whether the container is restarted or not. Constraints on the rules: - At most 20 rules are allowed. - Rules can have the same action. - Identical rules are not forbidden in validations. When rules are specified, container MUST set RestartPolicy explicitly even it if matches the Pod\'s RestartPolicy.' },
    securityContext: { ...securityContextSchema, description: 'SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
    startupProbe: { ...probeSchema, description: 'StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod\'s lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes' },
    stdin: { type: 'boolean', description: 'Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false.' },
    stdinOnce: { type: 'boolean', description: 'Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the first client attaches to stdin, and then remains open and accepts data until the client disconnects, at which time stdin is closed and remains closed until the container is restarted. If this flag is false, a container processes that reads from stdin will never receive an EOF. Default is false' },
    terminationMessagePath: { type: 'string', description: 'Optional: Path at which the file to which the container\'s termination message will be written is mounted into the container\'s filesystem. Message written is intended to be brief final status, such as an assertion failure message. Will be truncated by the node if greater than 4096 bytes. The total message length across all containers will be limited to 12kb. Defaults to /dev/termination-log. Cannot be updated.' },
    terminationMessagePolicy: { type: 'string', enum: ['FallbackToLogsOnError', 'File'], description: 'Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. The log output is limited to 2048 bytes or 80 lines, whichever is smaller. Defaults to File. Cannot be updated.' },
    tty: { type: 'boolean', description: 'Whether this container should allocate a TTY for itself, also requires \'stdin\' to be true. Default is false.' },
    volumeDevices: { type: 'array', items: volumeDeviceSchema, patchMergeKey: 'devicePath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['devicePath'], description: 'volumeDevices is the list of block devices to be used by the container.' },
    volumeMounts: { type: 'array', items: volumeMountSchema, patchMergeKey: 'mountPath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['mountPath'], description: 'Pod volumes to mount into the container\'s filesystem. Cannot be updated.' },
    workingDir: { type: 'string', description: 'Container\'s working directory. If not specified, the container runtime\'s default will be used, which might be configured in the container image. Cannot be updated.' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.PodDNSConfigOption` */
export const podDNSConfigOptionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodDNSConfigOption',
  description: 'PodDNSConfigOption defines DNS resolver options of a pod.',
  properties: {
    name: { type: 'string', description: 'Name is this DNS resolver option\'s name. Required.' },
    value: { type: 'string', description: 'Value is this DNS resolver option\'s value.' },
  },
};

/** `io.k8s.api.core.v1.PodDNSConfig` */
export const podDNSConfigSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodDNSConfig',
  description: 'PodDNSConfig defines the DNS parameters of a pod in addition to those generated from DNSPolicy.',
  properties: {
    nameservers: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'A list of DNS name server IP addresses. This will be appended to the base nameservers generated from DNSPolicy. Duplicated nameservers will be removed.' },
    options: { type: 'array', items: podDNSConfigOptionSchema, listType: 'atomic', description: 'A list of DNS resolver options. This will be merged with the base options generated from DNSPolicy. Duplicated entries will be removed. Resolution options given in Options will override those that appear in the base DNSPolicy.' },
    searches: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'A list of DNS search domains for host-name lookup. This will be appended to the base search paths generated from DNSPolicy. Duplicated search paths will be removed.' },
  },
};

/** `io.k8s.api.core.v1.EphemeralContainer` */
export const ephemeralContainerSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EphemeralContainer',
  description: 'An EphemeralContainer is a temporary container that you may add to an existing Pod for user-initiated activities such as debugging. Ephemeral containers have no resource or scheduling guarantees, and they will not be restarted when they exit or when a Pod is removed or restarted. The kubelet may evict a Pod if an ephemeral container causes the Pod to exceed its resource allocation.',
  properties: {
    args: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'Arguments to the entrypoint. The image\'s CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell' },
    command: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'Entrypoint array. Not executed within a shell. The image\'s ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell' },
    env: { type: 'array', items: envVarSchema, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'List of environment variables to set in the container. Cannot be updated.' },
    envFrom: { type: 'array', items: envFromSourceSchema, listType: 'atomic', description: 'List of sources to populate environment variables in the container. The keys defined within a source may consist of any printable ASCII characters except \'=\'. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated.' },
    image: { type: 'string', description: 'Container image name. More info: https://kubernetes.io/docs/concepts/containers/images' },
    imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'], description: 'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images' },
    lifecycle: { ...lifecycleSchema, description: 'Lifecycle is not allowed for ephemeral containers.' },
    livenessProbe: { ...probeSchema, description: 'Probes are not allowed for ephemeral containers.' },
    name: { type: 'string', description: 'Name of the ephemeral container specified as a DNS_LABEL. This name must be unique among all containers, init containers and ephemeral containers.' },
    ports: { type: 'array', items: containerPortSchema, patchMergeKey: 'containerPort', patchStrategy: 'merge', listType: 'map', listMapKeys: ['containerPort','protocol'], description: 'Ports are not allowed for ephemeral containers.' },
    readinessProbe: { ...probeSchema, description: 'Probes are not allowed for ephemeral containers.' },
    resizePolicy: { type: 'array', items: containerResizePolicySchema, listType: 'atomic', description: 'Resources resize policy for the container.' },
    resources: { ...resourceRequirementsSchema, description: 'Resources are not allowed for ephemeral containers. Ephemeral containers use spare resources already allocated to the pod.' },
    restartPolicy: { type: 'string', description: 'Restart policy for the container to manage the restart behavior of each container within a pod. You cannot set this field on ephemeral containers.' },
    restartPolicyRules: { type: 'array', items: containerRestartRuleSchema, listType: 'atomic', description: 'Represents a list of rules to be checked to determine if the container should be restarted on exit. You cannot set this field on ephemeral containers.' },
    securityContext: { ...securityContextSchema, description: 'Optional: SecurityContext defines the security options the ephemeral container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext.' },
    startupProbe: { ...probeSchema, description: 'Probes are not allowed for ephemeral containers.' },
    stdin: { type: 'boolean', description: 'Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false.' },
    stdinOnce: { type: 'boolean', description: 'Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the first client attaches to stdin, and then remains open and accepts data until the client disconnects, at which time stdin is closed and remains closed until the container is restarted. If this flag is false, a container processes that reads from stdin will never receive an EOF. Default is false' },
    targetContainerName: { type: 'string', description: 'If set, the name of the container from PodSpec that this ephemeral container targets. The ephemeral container will be run in the namespaces (IPC, PID, etc) of this container. If not set then the ephemeral container uses the namespaces configured in the Pod spec.' },
    terminationMessagePath: { type: 'string', description: 'Optional: Path at which the file to which the container\'s termination message will be written is mounted into the container\'s filesystem. Message written is intended to be brief final status, such as an assertion failure message. Will be truncated by the node if greater than 4096 bytes. The total message length across all containers will be limited to 12kb. Defaults to /dev/termination-log. Cannot be updated.' },
    terminationMessagePolicy: { type: 'string', enum: ['FallbackToLogsOnError', 'File'], description: 'Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. The log output is limited to 2048 bytes or 80 lines, whichever is smaller. Defaults to File. Cannot be updated.' },
    tty: { type: 'boolean', description: 'Whether this container should allocate a TTY for itself, also requires \'stdin\' to be true. Default is false.' },
    volumeDevices: { type: 'array', items: volumeDeviceSchema, patchMergeKey: 'devicePath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['devicePath'], description: 'volumeDevices is the list of block devices to be used by the container.' },
    volumeMounts: { type: 'array', items: volumeMountSchema, patchMergeKey: 'mountPath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['mountPath'], description: 'Pod volumes to mount into the container\'s filesystem. Subpath mounts are not allowed for ephemeral containers. Cannot be updated.' },
    workingDir: { type: 'string', description: 'Container\'s working directory. If not specified, the container runtime\'s default will be used, which might be configured in the container image. Cannot be updated.' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.HostAlias` */
export const hostAliasSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.HostAlias',
  description: 'HostAlias holds the mapping between IP and hostnames that will be injected as an entry in the pod\'s hosts file.',
  properties: {
    hostnames: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'Hostnames for the above IP address.' },
    ip: { type: 'string', description: 'IP address of the host file entry.' },
  },
  required: ['ip'],
};

/** `io.k8s.api.core.v1.LocalObjectReference` */
export const localObjectReferenceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.LocalObjectReference',
  description: 'LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.',
  properties: {
    name: { type: 'string', description: 'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names' },
  },
};

/** `io.k8s.api.core.v1.PodOS` */
export const podOSSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodOS',
  description: 'PodOS defines the OS parameters of a pod.',
  properties: {
    name: { type: 'string', description: 'Name is the name of the operating system. The currently supported values are linux and windows. Additional value may be defined in future and can be one of: https://github.com/opencontainers/runtime-spec/blob/master/config.md#platform-specific-configuration Clients should expect to handle additional values and treat unrecognized values in this field as os: null' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.PodReadinessGate` */
export const podReadinessGateSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodReadinessGate',
  description: 'PodReadinessGate contains the reference to a pod condition',
  properties: {
    conditionType: { type: 'string', description: 'ConditionType refers to a condition in the pod\'s condition list with matching type.' },
  },
  required: ['conditionType'],
};

/** `io.k8s.api.core.v1.PodResourceClaim` */
export const podResourceClaimSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodResourceClaim',
  description: 'PodResourceClaim references exactly one ResourceClaim, either directly or by naming a ResourceClaimTemplate which is then turned into a ResourceClaim for the pod.',
  properties: {
    name: { type: 'string', description: 'Name uniquely identifies this resource claim inside the pod. This must be a DNS_LABEL.' },
    resourceClaimName: { type: 'string', description: 'ResourceClaimName is the name of a ResourceClaim object in the same namespace as this pod.' },
    resourceClaimTemplateName: { type: 'string', description: 'ResourceClaimTemplateName is the name of a ResourceClaimTemplate object in the same namespace as this pod.' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.PodSchedulingGate` */
export const podSchedulingGateSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodSchedulingGate',
  description: 'PodSchedulingGate is associated to a Pod to guard its scheduling.',
  properties: {
    name: { type: 'string', description: 'Name of the scheduling gate. Each scheduling gate must have a unique name field.' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.PodSchedulingGroup` */
export const podSchedulingGroupSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodSchedulingGroup',
  description: 'PodSchedulingGroup identifies the runtime scheduling group instance that a Pod belongs to. The scheduler uses this information to apply workload-aware scheduling semantics. Exactly one field must be specified.',
  properties: {
    podGroupName: { type: 'string', description: 'PodGroupName specifies the name of the standalone PodGroup object that represents the runtime instance of this group. Must be a DNS subdomain.' },
  },
};

/** `io.k8s.api.core.v1.Sysctl` */
export const sysctlSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Sysctl',
  description: 'Sysctl defines a kernel parameter to be set',
  properties: {
    name: { type: 'string', description: 'Name of a property to set' },
    value: { type: 'string', description: 'Value of a property to set' },
  },
  required: ['name','value'],
};

/** `io.k8s.api.core.v1.PodSecurityContext` */
export const podSecurityContextSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodSecurityContext',
  description: 'PodSecurityContext holds pod-level security attributes and common container settings. Some fields are also present in container.securityContext.  Field values of container.securityContext take precedence over field values of PodSecurityContext.',
  properties: {
    appArmorProfile: { ...appArmorProfileSchema, description: 'appArmorProfile is the AppArmor options to use by the containers in this pod. Note that this field cannot be set when spec.os.name is windows.' },
    fsGroup: { type: 'integer', format: 'int64', description: 'A special supplemental group that applies to all containers in a pod. Some volume types allow the Kubelet to change the ownership of that volume to be owned by the pod:' },
    fsGroupChangePolicy: { type: 'string', enum: ['Always', 'OnRootMismatch'], description: 'fsGroupChangePolicy defines behavior of changing ownership and permission of the volume before being exposed inside Pod. This field will only apply to volume types which support fsGroup based ownership(and permissions). It will have no effect on ephemeral volume types such as: secret, configmaps and emptydir. Valid values are "OnRootMismatch" and "Always". If not specified, "Always" is used. Note that this field cannot be set when spec.os.name is windows.' },
    runAsGroup: { type: 'integer', format: 'int64', description: 'The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows.' },
    runAsNonRoot: { type: 'boolean', description: 'Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.' },
    runAsUser: { type: 'integer', format: 'int64', description: 'The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows.' },
    seLinuxChangePolicy: { type: 'string', description: 'seLinuxChangePolicy defines how the container\'s SELinux label is applied to all volumes used by the Pod. It has no effect on nodes that do not support SELinux or to volumes does not support SELinux. Valid values are "MountOption" and "Recursive".' },
    seLinuxOptions: { ...seLinuxOptionsSchema, description: 'The SELinux context to be applied to all containers. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows.' },
    seccompProfile: { ...seccompProfileSchema, description: 'The seccomp options to use by the containers in this pod. Note that this field cannot be set when spec.os.name is windows.' },
    supplementalGroups: { type: 'array', items: { type: 'integer', format: 'int64' }, listType: 'atomic', description: 'A list of groups applied to the first process run in each container, in addition to the container\'s primary GID and fsGroup (if specified).  If the SupplementalGroupsPolicy feature is enabled, the supplementalGroupsPolicy field determines whether these are in addition to or instead of any group memberships defined in the container image. If unspecified, no additional groups are added, though group memberships defined in the container image may still be used, depending on the supplementalGroupsPolicy field. Note that this field cannot be set when spec.os.name is windows.' },
    supplementalGroupsPolicy: { type: 'string', enum: ['Merge', 'Strict'], description: 'Defines how supplemental groups of the first container processes are calculated. Valid values are "Merge" and "Strict". If not specified, "Merge" is used. (Alpha) Using the field requires the SupplementalGroupsPolicy feature gate to be enabled and the container runtime must implement support for this feature. Note that this field cannot be set when spec.os.name is windows.' },
    sysctls: { type: 'array', items: sysctlSchema, listType: 'atomic', description: 'Sysctls hold a list of namespaced sysctls used for the pod. Pods with unsupported sysctls (by the container runtime) might fail to launch. Note that this field cannot be set when spec.os.name is windows.' },
    windowsOptions: { ...windowsSecurityContextOptionsSchema, description: 'The Windows specific settings applied to all containers. If unspecified, the options within a container\'s SecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux.' },
  },
};

/** `io.k8s.api.core.v1.Toleration` */
export const tolerationSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Toleration',
  description: 'The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.',
  properties: {
    effect: { type: 'string', enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'], description: 'Effect indicates the taint effect to match. Empty means match all taint effects. When specified, allowed values are NoSchedule, PreferNoSchedule and NoExecute.' },
    key: { type: 'string', description: 'Key is the taint key that the toleration applies to. Empty means match all taint keys. If the key is empty, operator must be Exists; this combination means to match all values and all keys.' },
    operator: { type: 'string', enum: ['Equal', 'Exists', 'Gt', 'Lt'], description: 'Operator represents a key\'s relationship to the value. Valid operators are Exists, Equal, Lt, and Gt. Defaults to Equal. Exists is equivalent to wildcard for value, so that a pod can tolerate all taints of a particular category. Lt and Gt perform numeric comparisons (requires feature gate TaintTolerationComparisonOperators).' },
    tolerationSeconds: { type: 'integer', format: 'int64', description: 'TolerationSeconds represents the period of time the toleration (which must be of effect NoExecute, otherwise this field is ignored) tolerates the taint. By default, it is not set, which means tolerate the taint forever (do not evict). Zero and negative values will be treated as 0 (evict immediately) by the system.' },
    value: { type: 'string', description: 'Value is the taint value the toleration matches to. If the operator is Exists, the value should be empty, otherwise just a regular string.' },
  },
};

/** `io.k8s.api.core.v1.TopologySpreadConstraint` */
export const topologySpreadConstraintSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.TopologySpreadConstraint',
  description: 'TopologySpreadConstraint specifies how to spread matching pods among the given topology.',
  properties: {
    labelSelector: { ...labelSelectorSchema, description: 'LabelSelector is used to find matching pods. Pods that match this label selector are counted to determine the number of pods in their corresponding topology domain.' },
    matchLabelKeys: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'MatchLabelKeys is a set of pod label keys to select the pods over which spreading will be calculated. The keys are used to lookup values from the incoming pod labels, those key-value labels are ANDed with labelSelector to select the group of existing pods over which spreading will be calculated for the incoming pod. The same key is forbidden to exist in both MatchLabelKeys and LabelSelector. MatchLabelKeys cannot be set when LabelSelector isn\'t set. Keys that don\'t exist in the incoming pod labels will be ignored. A null or empty list means only match against labelSelector.' },
    maxSkew: { type: 'integer', format: 'int32', description: 'MaxSkew describes the degree to which pods may be unevenly distributed. When `whenUnsatisfiable=DoNotSchedule`, it is the maximum permitted difference between the number of matching pods in the target topology and the global minimum. The global minimum is the minimum number of matching pods in an eligible domain or zero if the number of eligible domains is less than MinDomains. For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same labelSelector spread as 2/2/1: In this case, the global minimum is 1. | zone1 | zone2 | zone3 | |  P P  |  P P  |   P   | - if MaxSkew is 1, incoming pod can only be scheduled to zone3 to become 2/2/2; scheduling it onto zone1(zone2) would make the ActualSkew(3-1) on zone1(zone2) violate MaxSkew(1). - if MaxSkew is 2, incoming pod can be scheduled onto any zone. When `whenUnsatisfiable=ScheduleAnyway`, it is used to give higher precedence to topologies that satisfy it. It\'s a required field. Default value is 1 and 0 is not allowed.' },
    minDomains: { type: 'integer', format: 'int32', description: 'MinDomains indicates a minimum number of eligible domains. When the number of eligible domains with matching topology keys is less than minDomains, Pod Topology Spread treats "global minimum" as 0, and then the calculation of Skew is performed. And when the number of eligible domains with matching topology keys equals or greater than minDomains, this value has no effect on scheduling. As a result, when the number of eligible domains is less than minDomains, scheduler won\'t schedule more than maxSkew Pods to those domains. If value is nil, the constraint behaves as if MinDomains is equal to 1. Valid values are integers greater than 0. When value is not nil, WhenUnsatisfiable must be DoNotSchedule.' },
    nodeAffinityPolicy: { type: 'string', enum: ['Honor', 'Ignore'], description: 'NodeAffinityPolicy indicates how we will treat Pod\'s nodeAffinity/nodeSelector when calculating pod topology spread skew. Options are: - Honor: only nodes matching nodeAffinity/nodeSelector are included in the calculations. - Ignore: nodeAffinity/nodeSelector are ignored. All nodes are included in the calculations.' },
    nodeTaintsPolicy: { type: 'string', enum: ['Honor', 'Ignore'], description: 'NodeTaintsPolicy indicates how we will treat node taints when calculating pod topology spread skew. Options are: - Honor: nodes without taints, along with tainted nodes for which the incoming pod has a toleration, are included. - Ignore: node taints are ignored. All nodes are included.' },
    topologyKey: { type: 'string', description: 'TopologyKey is the key of node labels. Nodes that have a label with this key and identical values are considered to be in the same topology. We consider each <key, value> as a "bucket", and try to put balanced number of pods into each bucket. We define a domain as a particular instance of a topology. Also, we define an eligible domain as a domain whose nodes meet the requirements of nodeAffinityPolicy and nodeTaintsPolicy. e.g. If TopologyKey is "kubernetes.io/hostname", each Node is a domain of that topology. And, if TopologyKey is "topology.kubernetes.io/zone", each zone is a domain of that topology. It\'s a required field.' },
    whenUnsatisfiable: { type: 'string', enum: ['DoNotSchedule', 'ScheduleAnyway'], description: 'WhenUnsatisfiable indicates how to deal with a pod if it doesn\'t satisfy the spread constraint. - DoNotSchedule (default) tells the scheduler not to schedule it. - ScheduleAnyway tells the scheduler to schedule the pod in any location,   but giving higher precedence to topologies that would help reduce the   skew. A constraint is considered "Unsatisfiable" for an incoming pod if and only if every possible node assignment for that pod would violate "MaxSkew" on some topology. For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same labelSelector spread as 3/1/1: | zone1 | zone2 | zone3 | | P P P |   P   |   P   | If WhenUnsatisfiable is set to DoNotSchedule, incoming pod can only be scheduled to zone2(zone3) to become 3/2/1(3/1/2) as ActualSkew(2-1) on zone2(zone3) satisfies MaxSkew(1). In other words, the cluster can still be imbalanced, but scheduler won\'t make it \\*more\\* imbalanced. It\'s a required field.' },
  },
  required: ['maxSkew','topologyKey','whenUnsatisfiable'],
};

/** `io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource` */
export const awsElasticBlockStoreVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource',
  description: 'Represents a Persistent Disk resource in AWS.',
  properties: {
    fsType: { type: 'string', description: 'fsType is the filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore' },
    partition: { type: 'integer', format: 'int32', description: 'partition is the partition in the volume that you want to mount. If omitted, the default is to mount by volume name. Examples: For volume /dev/sda1, you specify the partition as "1". Similarly, the volume partition for /dev/sda is "0" (or you can leave the property empty).' },
    readOnly: { type: 'boolean', description: 'readOnly value true will force the readOnly setting in VolumeMounts. More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore' },
    volumeID: { type: 'string', description: 'volumeID is unique ID of the persistent disk resource in AWS (Amazon EBS volume). More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore' },
  },
  required: ['volumeID'],
};

/** `io.k8s.api.core.v1.AzureDiskVolumeSource` */
export const azureDiskVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.AzureDiskVolumeSource',
  description: 'AzureDisk represents an Azure Data Disk mount on the host and bind mount to the pod.',
  properties: {
    cachingMode: { type: 'string', enum: ['None', 'ReadOnly', 'ReadWrite'], description: 'cachingMode is the Host Caching mode: None, Read Only, Read Write.' },
    diskName: { type: 'string', description: 'diskName is the Name of the data disk in the blob storage' },
    diskURI: { type: 'string', description: 'diskURI is the URI of data disk in the blob storage' },
    fsType: { type: 'string', description: 'fsType is Filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified.' },
    kind: { type: 'string', enum: ['Dedicated', 'Managed', 'Shared'], description: 'kind expected values are Shared: multiple blob disks per storage account  Dedicated: single blob disk per storage account  Managed: azure managed data disk (only in managed availability set). defaults to shared' },
    readOnly: { type: 'boolean', description: 'readOnly Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.' },
  },
  required: ['diskName','diskURI'],
};

/** `io.k8s.api.core.v1.AzureFileVolumeSource` */
export const azureFileVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.AzureFileVolumeSource',
  description: 'AzureFile represents an Azure File Service mount on the host and bind mount to the pod.',
  properties: {
    readOnly: { type: 'boolean', description: 'readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.' },
    secretName: { type: 'string', description: 'secretName is the  name of secret that contains Azure Storage Account Name and Key' },
    shareName: { type: 'string', description: 'shareName is the azure share Name' },
  },
  required: ['secretName','shareName'],
};

/** `io.k8s.api.core.v1.CephFSVolumeSource` */
export const cephFSVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.CephFSVolumeSource',
  description: 'Represents a Ceph Filesystem mount that lasts the lifetime of a pod Cephfs volumes do not support ownership management or SELinux relabeling.',
  properties: {
    monitors: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'monitors is Required: Monitors is a collection of Ceph monitors More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it' },
    path: { type: 'string', description: 'path is Optional: Used as the mounted root, rather than the full Ceph tree, default is /' },
    readOnly: { type: 'boolean', description: 'readOnly is Optional: Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts. More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it' },
    secretFile: { type: 'string', description: 'secretFile is Optional: SecretFile is the path to key ring for User, default is /etc/ceph/user.secret More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it' },
    secretRef: { ...localObjectReferenceSchema, description: 'secretRef is Optional: SecretRef is reference to the authentication secret for User, default is empty. More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it' },
    user: { type: 'string', description: 'user is optional: User is the rados user name, default is admin More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it' },
  },
  required: ['monitors'],
};

/** `io.k8s.api.core.v1.CinderVolumeSource` */
export const cinderVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.CinderVolumeSource',
  description: 'Represents a cinder volume resource in Openstack. A Cinder volume must exist before mounting to a container. The volume must also be in the same region as the kubelet. Cinder volumes support ownership management and SELinux relabeling.',
  properties: {
    fsType: { type: 'string', description: 'fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Examples: "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified. More info: https://examples.k8s.io/mysql-cinder-pd/README.md' },
    readOnly: { type: 'boolean', description: 'readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts. More info: https://examples.k8s.io/mysql-cinder-pd/README.md' },
    secretRef: { ...localObjectReferenceSchema, description: 'secretRef is optional: points to a secret object containing parameters used to connect to OpenStack.' },
    volumeID: { type: 'string', description: 'volumeID used to identify the volume in cinder. More info: https://examples.k8s.io/mysql-cinder-pd/README.md' },
  },
  required: ['volumeID'],
};

/** `io.k8s.api.core.v1.KeyToPath` */
export const keyToPathSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.KeyToPath',
  description: 'Maps a string key to a path within a volume.',
  properties: {
    key: { type: 'string', description: 'key is the key to project.' },
    mode: { type: 'integer', format: 'int32', description: 'mode is Optional: mode bits used to set permissions on this file. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.' },
    path: { type: 'string', description: 'path is the relative path of the file to map the key to. May not be an absolute path. May not contain the path element \'..\'. May not start with the string \'..\'.' },
  },
  required: ['key','path'],
};

/** `io.k8s.api.core.v1.ConfigMapVolumeSource` */
export const configMapVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ConfigMapVolumeSource',
  description: 'Adapts a ConfigMap into a volume.',
  properties: {
    defaultMode: { type: 'integer', format: 'int32', description: 'defaultMode is optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.' },
    items: { type: 'array', items: keyToPathSchema, listType: 'atomic', description: 'items if unspecified, each key-value pair in the Data field of the referenced ConfigMap will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the ConfigMap, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the \'..\' path or start with \'..\'.' },
    name: { type: 'string', description: 'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names' },
    optional: { type: 'boolean', description: 'optional specify whether the ConfigMap or its keys must be defined' },
  },
};

/** `io.k8s.api.core.v1.CSIVolumeSource` */
export const csiVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.CSIVolumeSource',
  description: 'Represents a source location of a volume to mount, managed by an external CSI driver',
  properties: {
    driver: { type: 'string', description: 'driver is the name of the CSI driver that handles this volume. Consult with your admin for the correct name as registered in the cluster.' },
    fsType: { type: 'string', description: 'fsType to mount. Ex. "ext4", "xfs", "ntfs". If not provided, the empty value is passed to the associated CSI driver which will determine the default filesystem to apply.' },
    nodePublishSecretRef: { ...localObjectReferenceSchema, description: 'nodePublishSecretRef is a reference to the secret object containing sensitive information to pass to the CSI driver to complete the CSI NodePublishVolume and NodeUnpublishVolume calls. This field is optional, and  may be empty if no secret is required. If the secret object contains more than one secret, all secret references are passed.' },
    readOnly: { type: 'boolean', description: 'readOnly specifies a read-only configuration for the volume. Defaults to false (read/write).' },
    volumeAttributes: { type: 'map', values: { type: 'string' }, description: 'volumeAttributes stores driver-specific properties that are passed to the CSI driver. Consult your driver\'s documentation for supported values.' },
  },
  required: ['driver'],
};

/** `io.k8s.api.core.v1.DownwardAPIVolumeFile` */
export const downwardAPIVolumeFileSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.DownwardAPIVolumeFile',
  description: 'DownwardAPIVolumeFile represents information to create the file containing the pod field',
  properties: {
    fieldRef: { ...objectFieldSelectorSchema, description: 'Required: Selects a field of the pod: only annotations, labels, name, namespace and uid are supported.' },
    mode: { type: 'integer', format: 'int32', description: 'Optional: mode bits used to set permissions on this file, must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.' },
    path: { type: 'string', description: 'Required: Path is  the relative path name of the file to be created. Must not be absolute or contain the \'..\' path. Must be utf-8 encoded. The first item of the relative path must not start with \'..\'' },
    resourceFieldRef: { ...resourceFieldSelectorSchema, description: 'Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, requests.cpu and requests.memory) are currently supported.' },
  },
  required: ['path'],
};

/** `io.k8s.api.core.v1.DownwardAPIVolumeSource` */
export const downwardAPIVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.DownwardAPIVolumeSource',
  description: 'DownwardAPIVolumeSource represents a volume containing downward API info. Downward API volumes support ownership management and SELinux relabeling.',
  properties: {
    defaultMode: { type: 'integer', format: 'int32', description: 'Optional: mode bits to use on created files by default. Must be a Optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.' },
    items: { type: 'array', items: downwardAPIVolumeFileSchema, listType: 'atomic', description: 'Items is a list of downward API volume file' },
  },
};

/** `io.k8s.api.core.v1.EmptyDirVolumeSource` */
export const emptyDirVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EmptyDirVolumeSource',
  description: 'Represents an empty directory for a pod. Empty directory volumes support ownership management and SELinux relabeling.',
  properties: {
    medium: { type: 'string', description: 'medium represents what type of storage medium should back this directory. The default is "" which means to use the node\'s default medium. Must be an empty string (default) or Memory. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir' },
    sizeLimit: { type: 'int-or-string', format: 'quantity', description: 'sizeLimit is the total amount of local storage required for this EmptyDir volume. The size limit is also applicable for memory medium. The maximum usage on memory medium EmptyDir would be the minimum value between the SizeLimit specified here and the sum of memory limits of all containers in a pod. The default is nil which means that the limit is undefined. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir' },
  },
};

/** `io.k8s.api.core.v1.TypedLocalObjectReference` */
export const typedLocalObjectReferenceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.TypedLocalObjectReference',
  description: 'TypedLocalObjectReference contains enough information to let you locate the typed referenced object inside the same namespace.',
  properties: {
    apiGroup: { type: 'string', description: 'APIGroup is the group for the resource being referenced. If APIGroup is not specified, the specified Kind must be in the core API group. For any other third-party types, APIGroup is required.' },
    kind: { type: 'string', description: 'Kind is the type of resource being referenced' },
    name: { type: 'string', description: 'Name is the name of resource being referenced' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.TypedObjectReference` */
export const typedObjectReferenceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.TypedObjectReference',
  description: 'TypedObjectReference contains enough information to let you locate the typed referenced object',
  properties: {
    apiGroup: { type: 'string', description: 'APIGroup is the group for the resource being referenced. If APIGroup is not specified, the specified Kind must be in the core API group. For any other third-party types, APIGroup is required.' },
    kind: { type: 'string', description: 'Kind is the type of resource being referenced' },
    name: { type: 'string', description: 'Name is the name of resource being referenced' },
    namespace: { type: 'string', description: 'Namespace is the namespace of resource being referenced Note that when a namespace is specified, a gateway.networking.k8s.io/ReferenceGrant object is required in the referent namespace to allow that namespace\'s owner to accept the reference. See the ReferenceGrant documentation for details. (Alpha) This field requires the CrossNamespaceVolumeDataSource feature gate to be enabled.' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.VolumeResourceRequirements` */
export const volumeResourceRequirementsSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.VolumeResourceRequirements',
  description: 'VolumeResourceRequirements describes the storage resource requirements for a volume.',
  properties: {
    limits: { type: 'map', values: { type: 'int-or-string', format: 'quantity' }, description: 'Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
    requests: { type: 'map', values: { type: 'int-or-string', format: 'quantity' }, description: 'Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
  },
};

/** `io.k8s.api.core.v1.PersistentVolumeClaimSpec` */
export const persistentVolumeClaimSpecSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PersistentVolumeClaimSpec',
  description: 'PersistentVolumeClaimSpec describes the common attributes of storage devices and allows a Source for provider-specific attributes',
  properties: {
    accessModes: { type: 'array', items: { type: 'string', enum: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] }, listType: 'atomic', description: 'accessModes contains the desired access modes the volume should have. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1' },
    dataSource: { ...typedLocalObjectReferenceSchema, description: 'dataSource field can be used to specify either: \\* An existing VolumeSnapshot object (snapshot.storage.k8s.io/VolumeSnapshot) \\* An existing PVC (PersistentVolumeClaim) If the provisioner or an external controller can support the specified data source, it will create a new volume based on the contents of the specified data source. When the AnyVolumeDataSource feature gate is enabled, dataSource contents will be copied to dataSourceRef, and dataSourceRef contents will be copied to dataSource when dataSourceRef.namespace is not specified. If the namespace is specified, then dataSourceRef will not be copied to dataSource.' },
    dataSourceRef: { ...typedObjectReferenceSchema, description: 'dataSourceRef specifies the object from which to populate the volume with data, if a non-empty volume is desired. This may be any object from a non-empty API group (non core object) or a PersistentVolumeClaim object. When this field is specified, volume binding will only succeed if the type of the specified object matches some installed volume populator or dynamic provisioner. This field will replace the functionality of the dataSource field and as such if both fields are non-empty, they must have the same value. For backwards compatibility, when namespace isn\'t specified in dataSourceRef, both fields (dataSource and dataSourceRef) will be set to the same value automatically if one of them is empty and the other is non-empty. When namespace is specified in dataSourceRef, dataSource isn\'t set to the same value and must be empty. There are three important differences between dataSource and dataSourceRef: \\* While dataSource only allows two specific types of objects, dataSourceRef   allows any non-core object, as well as PersistentVolumeClaim objects. \\* While dataSource ignores disallowed values (dropping them), dataSourceRef   preserves all values, and generates an error if a disallowed value is   specified. \\* While dataSource only allows local objects, dataSourceRef allows objects   in any namespaces. (Beta) Using this field requires the AnyVolumeDataSource feature gate to be enabled. (Alpha) Using the namespace field of dataSourceRef requires the CrossNamespaceVolumeDataSource feature gate to be enabled.' },
    resources: { ...volumeResourceRequirementsSchema, description: 'resources represents the minimum resources the volume should have. Users are allowed to specify resource requirements that are lower than previous value but must still be higher than capacity recorded in the status field of the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#resources' },
    selector: { ...labelSelectorSchema, description: 'selector is a label query over volumes to consider for binding.' },
    storageClassName: { type: 'string', description: 'storageClassName is the name of the StorageClass required by the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#class-1' },
    volumeAttributesClassName: { type: 'string', description: 'volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim. If specified, the CSI driver will create or update the volume with the attributes defined in the corresponding VolumeAttributesClass. This has a different purpose than storageClassName, it can be changed after the claim is created. An empty string or nil value indicates that no VolumeAttributesClass will be applied to the claim. If the claim enters an Infeasible error state, this field can be reset to its previous value (including nil) to cancel the modification. If the resource referred to by volumeAttributesClass does not exist, this PersistentVolumeClaim will be set to a Pending state, as reflected by the modifyVolumeStatus field, until such as a resource exists. More info: https://kubernetes.io/docs/concepts/storage/volume-attributes-classes/' },
    volumeMode: { type: 'string', enum: ['Block', 'Filesystem'], description: 'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.' },
    volumeName: { type: 'string', description: 'volumeName is the binding reference to the PersistentVolume backing this claim.' },
  },
};

/** `io.k8s.api.core.v1.PersistentVolumeClaimTemplate` */
export const persistentVolumeClaimTemplateSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PersistentVolumeClaimTemplate',
  description: 'PersistentVolumeClaimTemplate is used to produce PersistentVolumeClaim objects as part of an EphemeralVolumeSource.',
  properties: {
    metadata: { ...objectMetaSchema, description: 'May contain labels and annotations that will be copied into the PVC when creating it. No other fields are allowed and will be rejected during validation.' },
    spec: { ...persistentVolumeClaimSpecSchema, description: 'The specification for the PersistentVolumeClaim. The entire content is copied unchanged into the PVC that gets created from this template. The same fields as in a PersistentVolumeClaim are also valid here.' },
  },
  required: ['spec'],
};

/** `io.k8s.api.core.v1.EphemeralVolumeSource` */
export const ephemeralVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EphemeralVolumeSource',
  description: 'Represents an ephemeral volume that is handled by a normal storage driver.',
  properties: {
    volumeClaimTemplate: { ...persistentVolumeClaimTemplateSchema, description: 'Will be used to create a stand-alone PVC to provision the volume. The pod in which this EphemeralVolumeSource is embedded will be the owner of the PVC, i.e. the PVC will be deleted together with the pod.  The name of the PVC will be `<pod name>-<volume name>` where `<volume name>` is the name from the `PodSpec.Volumes` array entry. Pod validation will reject the pod if the concatenated name is not valid for a PVC (for example, too long).' },
  },
};

/** `io.k8s.api.core.v1.FCVolumeSource` */
export const fcVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.FCVolumeSource',
  description: 'Represents a Fibre Channel volume. Fibre Channel volumes can only be mounted as read/write once. Fibre Channel volumes support ownership management and SELinux relabeling.',
  properties: {
    fsType: { type: 'string', description: 'fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified.' },
    lun: { type: 'integer', format: 'int32', description: 'lun is Optional: FC target lun number' },
    readOnly: { type: 'boolean', description: 'readOnly is Optional: Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.' },
    targetWWNs: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'targetWWNs is Optional: FC target worldwide names (WWNs)' },
    wwids: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'wwids Optional: FC volume world wide identifiers (wwids) Either wwids or combination of targetWWNs and lun must be set, but not both simultaneously.' },
  },
};

/** `io.k8s.api.core.v1.FlexVolumeSource` */
export const flexVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.FlexVolumeSource',
  description: 'FlexVolume represents a generic volume resource that is provisioned/attached using an exec based plugin.',
  properties: {
    driver: { type: 'string', description: 'driver is the name of the driver to use for this volume.' },
    fsType: { type: 'string', description: 'fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". The default filesystem depends on FlexVolume script.' },
    options: { type: 'map', values: { type: 'string' }, description: 'options is Optional: this field holds extra command options if any.' },
    readOnly: { type: 'boolean', description: 'readOnly is Optional: defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.' },
    secretRef: { ...localObjectReferenceSchema, description: 'secretRef is Optional: secretRef is reference to the secret object containing sensitive information to pass to the plugin scripts. This may be empty if no secret object is specified. If the secret object contains more than one secret, all secrets are passed to the plugin scripts.' },
  },
  required: ['driver'],
};

/** `io.k8s.api.core.v1.FlockerVolumeSource` */
export const flockerVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.FlockerVolumeSource',
  description: 'Represents a Flocker volume mounted by the Flocker agent. One and only one of datasetName and datasetUUID should be set. Flocker volumes do not support ownership management or SELinux relabeling.',
  properties: {
    datasetName: { type: 'string', description: 'datasetName is Name of the dataset stored as metadata -> name on the dataset for Flocker should be considered as deprecated' },
    datasetUUID: { type: 'string', description: 'datasetUUID is the UUID of the dataset. This is unique identifier of a Flocker dataset' },
  },
};

/** `io.k8s.api.core.v1.GCEPersistentDiskVolumeSource` */
export const gcePersistentDiskVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.GCEPersistentDiskVolumeSource',
  description: 'Represents a Persistent Disk resource in Google Compute Engine.',
  properties: {
    fsType: { type: 'string', description: 'fsType is filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk' },
    partition: { type: 'integer', format: 'int32', description: 'partition is the partition in the volume that you want to mount. If omitted, the default is to mount by volume name. Examples: For volume /dev/sda1, you specify the partition as "1". Similarly, the volume partition for /dev/sda is "0" (or you can leave the property empty). More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk' },
    pdName: { type: 'string', description: 'pdName is unique name of the PD resource in GCE. Used to identify the disk in GCE. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk' },
    readOnly: { type: 'boolean', description: 'readOnly here will force the ReadOnly setting in VolumeMounts. Defaults to false. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk' },
  },
  required: ['pdName'],
};

/** `io.k8s.api.core.v1.GitRepoVolumeSource` */
export const gitRepoVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.GitRepoVolumeSource',
  description: 'Represents a volume that is populated with the contents of a git repository. Git repo volumes do not support ownership management. Git repo volumes support SELinux relabeling.',
  properties: {
    directory: { type: 'string', description: 'directory is the target directory name. Must not contain or start with \'..\'.  If \'.\' is supplied, the volume directory will be the git repository.  Otherwise, if specified, the volume will contain the git repository in the subdirectory with the given name.' },
    repository: { type: 'string', description: 'repository is the URL' },
    revision: { type: 'string', description: 'revision is the commit hash for the specified revision.' },
  },
  required: ['repository'],
};

/** `io.k8s.api.core.v1.GlusterfsVolumeSource` */
export const glusterfsVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.GlusterfsVolumeSource',
  description: 'Represents a Glusterfs mount that lasts the lifetime of a pod. Glusterfs volumes do not support ownership management or SELinux relabeling.',
  properties: {
    endpoints: { type: 'string', description: 'endpoints is the endpoint name that details Glusterfs topology.' },
    path: { type: 'string', description: 'path is the Glusterfs volume path. More info: https://examples.k8s.io/volumes/glusterfs/README.md#create-a-pod' },
    readOnly: { type: 'boolean', description: 'readOnly here will force the Glusterfs volume to be mounted with read-only permissions. Defaults to false. More info: https://examples.k8s.io/volumes/glusterfs/README.md#create-a-pod' },
  },
  required: ['endpoints','path'],
};

/** `io.k8s.api.core.v1.HostPathVolumeSource` */
export const hostPathVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.HostPathVolumeSource',
  description: 'Represents a host path mapped into a pod. Host path volumes do not support ownership management or SELinux relabeling.',
  properties: {
    path: { type: 'string', description: 'path of the directory on the host. If the path is a symlink, it will follow the link to the real path. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath' },
    type: { type: 'string', enum: ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'], description: 'type for HostPath Volume Defaults to "" More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath' },
  },
  required: ['path'],
};

/** `io.k8s.api.core.v1.ImageVolumeSource` */
export const imageVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ImageVolumeSource',
  description: 'ImageVolumeSource represents a image volume resource.',
  properties: {
    pullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'], description: 'Policy for pulling OCI objects. Possible values are: Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn\'t present. IfNotPresent: the kubelet pulls if the reference isn\'t already present on disk. Container creation will fail if the reference isn\'t present and the pull fails. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.' },
    reference: { type: 'string', description: 'Required: Image or artifact reference to be used. Behaves in the same way as pod.spec.containers[\\*].image. Pull secrets will be assembled in the same way as for the container image by looking up node credentials, SA image pull secrets, and pod spec image pull secrets. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.' },
  },
};

/** `io.k8s.api.core.v1.ISCSIVolumeSource` */
export const iscsiVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ISCSIVolumeSource',
  description: 'Represents an ISCSI disk. ISCSI volumes can only be mounted as read/write once. ISCSI volumes support ownership management and SELinux relabeling.',
  properties: {
    chapAuthDiscovery: { type: 'boolean', description: 'chapAuthDiscovery defines whether support iSCSI Discovery CHAP authentication' },
    chapAuthSession: { type: 'boolean', description: 'chapAuthSession defines whether support iSCSI Session CHAP authentication' },
    fsType: { type: 'string', description: 'fsType is the filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#iscsi' },
    initiatorName: { type: 'string', description: 'initiatorName is the custom iSCSI Initiator Name. If initiatorName is specified with iscsiInterface simultaneously, new iSCSI interface <target portal>:<volume name> will be created for the connection.' },
    iqn: { type: 'string', description: 'iqn is the target iSCSI Qualified Name.' },
    iscsiInterface: { type: 'string', description: 'iscsiInterface is the interface Name that uses an iSCSI transport. Defaults to \'default\' (tcp).' },
    lun: { type: 'integer', format: 'int32', description: 'lun represents iSCSI Target Lun number.' },
    portals: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'portals is the iSCSI Target Portal List. The portal is either an IP or ip_addr:port if the port is other than default (typically TCP ports 860 and 3260).' },
    readOnly: { type: 'boolean', description: 'readOnly here will force the ReadOnly setting in VolumeMounts. Defaults to false.' },
    secretRef: { ...localObjectReferenceSchema, description: 'secretRef is the CHAP Secret for iSCSI target and initiator authentication' },
    targetPortal: { type: 'string', description: 'targetPortal is iSCSI Target Portal. The Portal is either an IP or ip_addr:port if the port is other than default (typically TCP ports 860 and 3260).' },
  },
  required: ['iqn','lun','targetPortal'],
};

/** `io.k8s.api.core.v1.NFSVolumeSource` */
export const nfsVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NFSVolumeSource',
  description: 'Represents an NFS mount that lasts the lifetime of a pod. NFS volumes do not support ownership management or SELinux relabeling.',
  properties: {
    path: { type: 'string', description: 'path that is exported by the NFS server. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs' },
    readOnly: { type: 'boolean', description: 'readOnly here will force the NFS export to be mounted with read-only permissions. Defaults to false. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs' },
    server: { type: 'string', description: 'server is the hostname or IP address of the NFS server. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs' },
  },
  required: ['path','server'],
};

/** `io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource` */
export const persistentVolumeClaimVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource',
  description: 'PersistentVolumeClaimVolumeSource references the user\'s PVC in the same namespace. This volume finds the bound PV and mounts that volume for the pod. A PersistentVolumeClaimVolumeSource is, essentially, a wrapper around another type of volume that is owned by someone else (the system).',
  properties: {
    claimName: { type: 'string', description: 'claimName is the name of a PersistentVolumeClaim in the same namespace as the pod using this volume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims' },
    readOnly: { type: 'boolean', description: 'readOnly Will force the ReadOnly setting in VolumeMounts. Default false.' },
  },
  required: ['claimName'],
};

/** `io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource` */
export const photonPersistentDiskVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource',
  description: 'Represents a Photon Controller persistent disk resource.',
  properties: {
    fsType: { type: 'string', description: 'fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified.' },
    pdID: { type: 'string', description: 'pdID is the ID that identifies Photon Controller persistent disk' },
  },
  required: ['pdID'],
};

/** `io.k8s.api.core.v1.PortworxVolumeSource` */
export const portworxVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PortworxVolumeSource',
  description: 'PortworxVolumeSource represents a Portworx volume resource.',
  properties: {
    fsType: { type: 'string', description: 'fSType represents the filesystem type to mount Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs". Implicitly inferred to be "ext4" if unspecified.' },
    readOnly: { type: 'boolean', description: 'readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.' },
    volumeID: { type: 'string', description: 'volumeID uniquely identifies a Portworx volume' },
  },
  required: ['volumeID'],
};

/** `io.k8s.api.core.v1.ClusterTrustBundleProjection` */
export const clusterTrustBundleProjectionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ClusterTrustBundleProjection',
  description: 'ClusterTrustBundleProjection describes how to select a set of ClusterTrustBundle objects and project their contents into the pod filesystem.',
  properties: {
    labelSelector: { ...labelSelectorSchema, description: 'Select all ClusterTrustBundles that match this label selector.  Only has effect if signerName is set.  Mutually-exclusive with name.  If unset, interpreted as "match nothing".  If set but empty, interpreted as "match everything".' },
    name: { type: 'string', description: 'Select a single ClusterTrustBundle by object name.  Mutually-exclusive with signerName and labelSelector.' },
    optional: { type: 'boolean', description: 'If true, don\'t block pod startup if the referenced ClusterTrustBundle(s) aren\'t available.  If using name, then the named ClusterTrustBundle is allowed not to exist.  If using signerName, then the combination of signerName and labelSelector is allowed to match zero ClusterTrustBundles.' },
    path: { type: 'string', description: 'Relative path from the volume root to write the bundle.' },
    signerName: { type: 'string', description: 'Select all ClusterTrustBundles that match this signer name. Mutually-exclusive with name.  The contents of all selected ClusterTrustBundles will be unified and deduplicated.' },
  },
  required: ['path'],
};

/** `io.k8s.api.core.v1.ConfigMapProjection` */
export const configMapProjectionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ConfigMapProjection',
  description: 'Adapts a ConfigMap into a projected volume.',
  properties: {
    items: { type: 'array', items: keyToPathSchema, listType: 'atomic', description: 'items if unspecified, each key-value pair in the Data field of the referenced ConfigMap will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the ConfigMap, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the \'..\' path or start with \'..\'.' },
    name: { type: 'string', description: 'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names' },
    optional: { type: 'boolean', description: 'optional specify whether the ConfigMap or its keys must be defined' },
  },
};

/** `io.k8s.api.core.v1.DownwardAPIProjection` */
export const downwardAPIProjectionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.DownwardAPIProjection',
  description: 'Represents downward API info for projecting into a projected volume. Note that this is identical to a downwardAPI volume source without the default mode.',
  properties: {
    items: { type: 'array', items: downwardAPIVolumeFileSchema, listType: 'atomic', description: 'Items is a list of DownwardAPIVolume file' },
  },
};

/** `io.k8s.api.core.v1.PodCertificateProjection` */
export const podCertificateProjectionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodCertificateProjection',
  description: 'PodCertificateProjection provides a private key and X.509 certificate in the pod filesystem.',
  properties: {
    certificateChainPath: { type: 'string', description: 'Write the certificate chain at this path in the projected volume.' },
    credentialBundlePath: { type: 'string', description: 'Write the credential bundle at this path in the projected volume.' },
    keyPath: { type: 'string', description: 'Write the key at this path in the projected volume.' },
    keyType: { type: 'string', description: 'The type of keypair Kubelet will generate for the pod.' },
    maxExpirationSeconds: { type: 'integer', format: 'int32', description: 'maxExpirationSeconds is the maximum lifetime permitted for the certificate.' },
    signerName: { type: 'string', description: 'Kubelet\'s generated CSRs will be addressed to this signer.' },
    userAnnotations: { type: 'map', values: { type: 'string' }, description: 'userAnnotations allow pod authors to pass additional information to the signer implementation.  Kubernetes does not restrict or validate this metadata in any way.' },
  },
  required: ['keyType','signerName'],
};

/** `io.k8s.api.core.v1.SecretProjection` */
export const secretProjectionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.SecretProjection',
  description: 'Adapts a secret into a projected volume.',
  properties: {
    items: { type: 'array', items: keyToPathSchema, listType: 'atomic', description: 'items if unspecified, each key-value pair in the Data field of the referenced Secret will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the Secret, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the \'..\' path or start with \'..\'.' },
    name: { type: 'string', description: 'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names' },
    optional: { type: 'boolean', description: 'optional field specify whether the Secret or its key must be defined' },
  },
};

/** `io.k8s.api.core.v1.ServiceAccountTokenProjection` */
export const serviceAccountTokenProjectionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ServiceAccountTokenProjection',
  description: 'ServiceAccountTokenProjection represents a projected service account token volume. This projection can be used to insert a service account token into the pods runtime filesystem for use against APIs (Kubernetes API Server or otherwise).',
  properties: {
    audience: { type: 'string', description: 'audience is the intended audience of the token. A recipient of a token must identify itself with an identifier specified in the audience of the token, and otherwise should reject the token. The audience defaults to the identifier of the apiserver.' },
    expirationSeconds: { type: 'integer', format: 'int64', description: 'expirationSeconds is the requested duration of validity of the service account token. As the token approaches expiration, the kubelet volume plugin will proactively rotate the service account token. The kubelet will start trying to rotate the token if the token is older than 80 percent of its time to live or if the token is older than 24 hours.Defaults to 1 hour and must be at least 10 minutes.' },
    path: { type: 'string', description: 'path is the path relative to the mount point of the file to project the token into.' },
  },
  required: ['path'],
};

/** `io.k8s.api.core.v1.VolumeProjection` */
export const volumeProjectionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.VolumeProjection',
  description: 'Projection that may be projected along with other supported volume types. Exactly one of these fields must be set.',
  properties: {
    clusterTrustBundle: { ...clusterTrustBundleProjectionSchema, description: 'ClusterTrustBundle allows a pod to access the `.spec.trustBundle` field of ClusterTrustBundle objects in an auto-updating file.' },
    configMap: { ...configMapProjectionSchema, description: 'configMap information about the configMap data to project' },
    downwardAPI: { ...downwardAPIProjectionSchema, description: 'downwardAPI information about the downwardAPI data to project' },
    podCertificate: { ...podCertificateProjectionSchema, description: 'Projects an auto-rotating credential bundle (private key and certificate chain) that the pod can use either as a TLS client or server.' },
    secret: { ...secretProjectionSchema, description: 'secret information about the secret data to project' },
    serviceAccountToken: { ...serviceAccountTokenProjectionSchema, description: 'serviceAccountToken is information about the serviceAccountToken data to project' },
  },
};

/** `io.k8s.api.core.v1.ProjectedVolumeSource` */
export const projectedVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ProjectedVolumeSource',
  description: 'Represents a projected volume source',
  properties: {
    defaultMode: { type: 'integer', format: 'int32', description: 'defaultMode are the mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.' },
    sources: { type: 'array', items: volumeProjectionSchema, listType: 'atomic', description: 'sources is the list of volume projections. Each entry in this list handles one source.' },
  },
};

/** `io.k8s.api.core.v1.QuobyteVolumeSource` */
export const quobyteVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.QuobyteVolumeSource',
  description: 'Represents a Quobyte mount that lasts the lifetime of a pod. Quobyte volumes do not support ownership management or SELinux relabeling.',
  properties: {
    group: { type: 'string', description: 'group to map volume access to Default is no group' },
    readOnly: { type: 'boolean', description: 'readOnly here will force the Quobyte volume to be mounted with read-only permissions. Defaults to false.' },
    registry: { type: 'string', description: 'registry represents a single or multiple Quobyte Registry services specified as a string as host:port pair (multiple entries are separated with commas) which acts as the central registry for volumes' },
    tenant: { type: 'string', description: 'tenant owning the given Quobyte volume in the Backend Used with dynamically provisioned Quobyte volumes, value is set by the plugin' },
    user: { type: 'string', description: 'user to map volume access to Defaults to serivceaccount user' },
    volume: { type: 'string', description: 'volume is a string that references an already created Quobyte volume by name.' },
  },
  required: ['registry','volume'],
};

/** `io.k8s.api.core.v1.RBDVolumeSource` */
export const rbdVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.RBDVolumeSource',
  description: 'Represents a Rados Block Device mount that lasts the lifetime of a pod. RBD volumes support ownership management and SELinux relabeling.',
  properties: {
    fsType: { type: 'string', description: 'fsType is the filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#rbd' },
    image: { type: 'string', description: 'image is the rados image name. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it' },
    keyring: { type: 'string', description: 'keyring is the path to key ring for RBDUser. Default is /etc/ceph/keyring. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it' },
    monitors: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'monitors is a collection of Ceph monitors. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it' },
    pool: { type: 'string', description: 'pool is the rados pool name. Default is rbd. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it' },
    readOnly: { type: 'boolean', description: 'readOnly here will force the ReadOnly setting in VolumeMounts. Defaults to false. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it' },
    secretRef: { ...localObjectReferenceSchema, description: 'secretRef is name of the authentication secret for RBDUser. If provided overrides keyring. Default is nil. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it' },
    user: { type: 'string', description: 'user is the rados user name. Default is admin. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it' },
  },
  required: ['image','monitors'],
};

/** `io.k8s.api.core.v1.ScaleIOVolumeSource` */
export const scaleIOVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ScaleIOVolumeSource',
  description: 'ScaleIOVolumeSource represents a persistent ScaleIO volume',
  properties: {
    fsType: { type: 'string', description: 'fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Default is "xfs".' },
    gateway: { type: 'string', description: 'gateway is the host address of the ScaleIO API Gateway.' },
    protectionDomain: { type: 'string', description: 'protectionDomain is the name of the ScaleIO Protection Domain for the configured storage.' },
    readOnly: { type: 'boolean', description: 'readOnly Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.' },
    secretRef: { ...localObjectReferenceSchema, description: 'secretRef references to the secret for ScaleIO user and other sensitive information. If this is not provided, Login operation will fail.' },
    sslEnabled: { type: 'boolean', description: 'sslEnabled Flag enable/disable SSL communication with Gateway, default false' },
    storageMode: { type: 'string', description: 'storageMode indicates whether the storage for a volume should be ThickProvisioned or ThinProvisioned. Default is ThinProvisioned.' },
    storagePool: { type: 'string', description: 'storagePool is the ScaleIO Storage Pool associated with the protection domain.' },
    system: { type: 'string', description: 'system is the name of the storage system as configured in ScaleIO.' },
    volumeName: { type: 'string', description: 'volumeName is the name of a volume already created in the ScaleIO system that is associated with this volume source.' },
  },
  required: ['gateway','secretRef','system'],
};

/** `io.k8s.api.core.v1.SecretVolumeSource` */
export const secretVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.SecretVolumeSource',
  description: 'Adapts a Secret into a volume.',
  properties: {
    defaultMode: { type: 'integer', format: 'int32', description: 'defaultMode is Optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.' },
    items: { type: 'array', items: keyToPathSchema, listType: 'atomic', description: 'items If unspecified, each key-value pair in the Data field of the referenced Secret will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the Secret, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the \'..\' path or start with \'..\'.' },
    optional: { type: 'boolean', description: 'optional field specify whether the Secret or its keys must be defined' },
    secretName: { type: 'string', description: 'secretName is the name of the secret in the pod\'s namespace to use. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret' },
  },
};

/** `io.k8s.api.core.v1.StorageOSVolumeSource` */
export const storageOSVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.StorageOSVolumeSource',
  description: 'Represents a StorageOS persistent volume resource.',
  properties: {
    fsType: { type: 'string', description: 'fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified.' },
    readOnly: { type: 'boolean', description: 'readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.' },
    secretRef: { ...localObjectReferenceSchema, description: 'secretRef specifies the secret to use for obtaining the StorageOS API credentials.  If not specified, default values will be attempted.' },
    volumeName: { type: 'string', description: 'volumeName is the human-readable name of the StorageOS volume.  Volume names are only unique within a namespace.' },
    volumeNamespace: { type: 'string', description: 'volumeNamespace specifies the scope of the volume within StorageOS.  If no namespace is specified then the Pod\'s namespace will be used.  This allows the Kubernetes name scoping to be mirrored within StorageOS for tighter integration. Set VolumeName to any name to override the default behaviour. Set to "default" if you are not using namespaces within StorageOS. Namespaces that do not pre-exist within StorageOS will be created.' },
  },
};

/** `io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource` */
export const vsphereVirtualDiskVolumeSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource',
  description: 'Represents a vSphere volume resource.',
  properties: {
    fsType: { type: 'string', description: 'fsType is filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified.' },
    storagePolicyID: { type: 'string', description: 'storagePolicyID is the storage Policy Based Management (SPBM) profile ID associated with the StoragePolicyName.' },
    storagePolicyName: { type: 'string', description: 'storagePolicyName is the storage Policy Based Management (SPBM) profile name.' },
    volumePath: { type: 'string', description: 'volumePath is the path that identifies vSphere volume vmdk' },
  },
  required: ['volumePath'],
};

/** `io.k8s.api.core.v1.Volume` */
export const volumeSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Volume',
  description: 'Volume represents a named volume in a pod that may be accessed by any container in the pod.',
  properties: {
    awsElasticBlockStore: { ...awsElasticBlockStoreVolumeSourceSchema, description: 'awsElasticBlockStore represents an AWS Disk resource that is attached to a kubelet\'s host machine and then exposed to the pod. Deprecated: AWSElasticBlockStore is deprecated. All operations for the in-tree awsElasticBlockStore type are redirected to the ebs.csi.aws.com CSI driver. More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore' },
    azureDisk: { ...azureDiskVolumeSourceSchema, description: 'azureDisk represents an Azure Data Disk mount on the host and bind mount to the pod. Deprecated: AzureDisk is deprecated. All operations for the in-tree azureDisk type are redirected to the disk.csi.azure.com CSI driver.' },
    azureFile: { ...azureFileVolumeSourceSchema, description: 'azureFile represents an Azure File Service mount on the host and bind mount to the pod. Deprecated: AzureFile is deprecated. All operations for the in-tree azureFile type are redirected to the file.csi.azure.com CSI driver.' },
    cephfs: { ...cephFSVolumeSourceSchema, description: 'cephFS represents a Ceph FS mount on the host that shares a pod\'s lifetime. Deprecated: CephFS is deprecated and the in-tree cephfs type is no longer supported.' },
    cinder: { ...cinderVolumeSourceSchema, description: 'cinder represents a cinder volume attached and mounted on kubelets host machine. Deprecated: Cinder is deprecated. All operations for the in-tree cinder type are redirected to the cinder.csi.openstack.org CSI driver. More info: https://examples.k8s.io/mysql-cinder-pd/README.md' },
    configMap: { ...configMapVolumeSourceSchema, description: 'configMap represents a configMap that should populate this volume' },
    csi: { ...csiVolumeSourceSchema, description: 'csi (Container Storage Interface) represents ephemeral storage that is handled by certain external CSI drivers.' },
    downwardAPI: { ...downwardAPIVolumeSourceSchema, description: 'downwardAPI represents downward API about the pod that should populate this volume' },
    emptyDir: { ...emptyDirVolumeSourceSchema, description: 'emptyDir represents a temporary directory that shares a pod\'s lifetime. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir' },
    ephemeral: { ...ephemeralVolumeSourceSchema, description: 'ephemeral represents a volume that is handled by a cluster storage driver. The volume\'s lifecycle is tied to the pod that defines it - it will be created before the pod starts, and deleted when the pod is removed.' },
    fc: { ...fcVolumeSourceSchema, description: 'fc represents a Fibre Channel resource that is attached to a kubelet\'s host machine and then exposed to the pod.' },
    flexVolume: { ...flexVolumeSourceSchema, description: 'flexVolume represents a generic volume resource that is provisioned/attached using an exec based plugin. Deprecated: FlexVolume is deprecated. Consider using a CSIDriver instead.' },
    flocker: { ...flockerVolumeSourceSchema, description: 'flocker represents a Flocker volume attached to a kubelet\'s host machine. This depends on the Flocker control service being running. Deprecated: Flocker is deprecated and the in-tree flocker type is no longer supported.' },
    gcePersistentDisk: { ...gcePersistentDiskVolumeSourceSchema, description: 'gcePersistentDisk represents a GCE Disk resource that is attached to a kubelet\'s host machine and then exposed to the pod. Deprecated: GCEPersistentDisk is deprecated. All operations for the in-tree gcePersistentDisk type are redirected to the pd.csi.storage.gke.io CSI driver. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk' },
    gitRepo: { ...gitRepoVolumeSourceSchema, description: 'gitRepo represents a git repository at a particular revision. Deprecated: GitRepo is deprecated. To provision a container with a git repo, mount an EmptyDir into an InitContainer that clones the repo using git, then mount the EmptyDir into the Pod\'s container.' },
    glusterfs: { ...glusterfsVolumeSourceSchema, description: 'glusterfs represents a Glusterfs mount on the host that shares a pod\'s lifetime. Deprecated: Glusterfs is deprecated and the in-tree glusterfs type is no longer supported.' },
    hostPath: { ...hostPathVolumeSourceSchema, description: 'hostPath represents a pre-existing file or directory on the host machine that is directly exposed to the container. This is generally used for system agents or other privileged things that are allowed to see the host machine. Most containers will NOT need this. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath' },
    image: { ...imageVolumeSourceSchema, description: 'image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet\'s host machine. The volume is resolved at pod startup depending on which PullPolicy value is provided:' },
    iscsi: { ...iscsiVolumeSourceSchema, description: 'iscsi represents an ISCSI Disk resource that is attached to a kubelet\'s host machine and then exposed to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes/#iscsi' },
    name: { type: 'string', description: 'name of the volume. Must be a DNS_LABEL and unique within the pod. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names' },
    nfs: { ...nfsVolumeSourceSchema, description: 'nfs represents an NFS mount on the host that shares a pod\'s lifetime More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs' },
    persistentVolumeClaim: { ...persistentVolumeClaimVolumeSourceSchema, description: 'persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims' },
    photonPersistentDisk: { ...photonPersistentDiskVolumeSourceSchema, description: 'photonPersistentDisk represents a PhotonController persistent disk attached and mounted on kubelets host machine. Deprecated: PhotonPersistentDisk is deprecated and the in-tree photonPersistentDisk type is no longer supported.' },
    portworxVolume: { ...portworxVolumeSourceSchema, description: 'portworxVolume represents a portworx volume attached and mounted on kubelets host machine. Deprecated: PortworxVolume is deprecated. All operations for the in-tree portworxVolume type are redirected to the pxd.portworx.com CSI driver.' },
    projected: { ...projectedVolumeSourceSchema, description: 'projected items for all in one resources secrets, configmaps, and downward API' },
    quobyte: { ...quobyteVolumeSourceSchema, description: 'quobyte represents a Quobyte mount on the host that shares a pod\'s lifetime. Deprecated: Quobyte is deprecated and the in-tree quobyte type is no longer supported.' },
    rbd: { ...rbdVolumeSourceSchema, description: 'rbd represents a Rados Block Device mount on the host that shares a pod\'s lifetime. Deprecated: RBD is deprecated and the in-tree rbd type is no longer supported.' },
    scaleIO: { ...scaleIOVolumeSourceSchema, description: 'scaleIO represents a ScaleIO persistent volume attached and mounted on Kubernetes nodes. Deprecated: ScaleIO is deprecated and the in-tree scaleIO type is no longer supported.' },
    secret: { ...secretVolumeSourceSchema, description: 'secret represents a secret that should populate this volume. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret' },
    storageos: { ...storageOSVolumeSourceSchema, description: 'storageOS represents a StorageOS volume attached and mounted on Kubernetes nodes. Deprecated: StorageOS is deprecated and the in-tree storageos type is no longer supported.' },
    vsphereVolume: { ...vsphereVirtualDiskVolumeSourceSchema, description: 'vsphereVolume represents a vSphere volume attached and mounted on kubelets host machine. Deprecated: VsphereVolume is deprecated. All operations for the in-tree vsphereVolume type are redirected to the csi.vsphere.vmware.com CSI driver.' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.PodSpec` */
export const podSpecSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodSpec',
  description: 'PodSpec is a description of a pod.',
  properties: {
    activeDeadlineSeconds: { type: 'integer', format: 'int64', description: 'Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers. Value must be a positive integer.' },
    affinity: { ...affinitySchema, description: 'If specified, the pod\'s scheduling constraints' },
    automountServiceAccountToken: { type: 'boolean', description: 'AutomountServiceAccountToken indicates whether a service account token should be automatically mounted.' },
    containers: { type: 'array', items: containerSchema, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.' },
    dnsConfig: { ...podDNSConfigSchema, description: 'Specifies the DNS parameters of a pod. Parameters specified here will be merged to the generated DNS configuration based on DNSPolicy.' },
    dnsPolicy: { type: 'string', enum: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'], description: 'Set DNS policy for the pod. Defaults to "ClusterFirst". Valid values are \'ClusterFirstWithHostNet\', \'ClusterFirst\', \'Default\' or \'None\'. DNS parameters given in DNSConfig will be merged with the policy selected with DNSPolicy. To have DNS options set along with hostNetwork, you have to specify DNS policy explicitly to \'ClusterFirstWithHostNet\'.' },
    enableServiceLinks: { type: 'boolean', description: 'EnableServiceLinks indicates whether information about services should be injected into pod\'s environment variables, matching the syntax of Docker links. Optional: Defaults to true.' },
    ephemeralContainers: { type: 'array', items: ephemeralContainerSchema, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'List of ephemeral containers run in this pod. Ephemeral containers may be run in an existing pod to perform user-initiated actions such as debugging. This list cannot be specified when creating a pod, and it cannot be modified by updating the pod spec. In order to add an ephemeral container to an existing pod, use the pod\'s ephemeralcontainers subresource.' },
    hostAliases: { type: 'array', items: hostAliasSchema, patchMergeKey: 'ip', patchStrategy: 'merge', listType: 'map', listMapKeys: ['ip'], description: 'HostAliases is an optional list of hosts and IPs that will be injected into the pod\'s hosts file if specified.' },
    hostIPC: { type: 'boolean', description: 'Use the host\'s ipc namespace. Optional: Default to false.' },
    hostNetwork: { type: 'boolean', description: 'Host networking requested for this pod. Use the host\'s network namespace. When using HostNetwork you should specify ports so the scheduler is aware. When `hostNetwork` is true, specified `hostPort` fields in port definitions must match `containerPort`, and unspecified `hostPort` fields in port definitions are defaulted to match `containerPort`. Default to false.' },
    hostPID: { type: 'boolean', description: 'Use the host\'s pid namespace. Optional: Default to false.' },
    hostUsers: { type: 'boolean', description: 'Use the host\'s user namespace. Optional: Default to true. If set to true or not present, the pod will be run in the host user namespace, useful for when the pod needs a feature only available to the host user namespace, such as loading a kernel module with CAP_SYS_MODULE. When set to false, a new userns is created for the pod. Setting false is useful for mitigating container breakout vulnerabilities even allowing users to run their containers as root without actually having root privileges on the host.' },
    hostname: { type: 'string', description: 'Specifies the hostname of the Pod If not specified, the pod\'s hostname will be set to a system-defined value.' },
    hostnameOverride: { type: 'string', description: 'HostnameOverride specifies an explicit override for the pod\'s hostname as perceived by the pod. This field only specifies the pod\'s hostname and does not affect its DNS records. When this field is set to a non-empty string: - It takes precedence over the values set in `hostname` and `subdomain`. - The Pod\'s hostname will be set to this value. - `setHostnameAsFQDN` must be nil or set to false. - `hostNetwork` must be set to false.' },
    imagePullSecrets: { type: 'array', items: localObjectReferenceSchema, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec. If specified, these secrets will be passed to individual puller implementations for them to use. More info: https://kubernetes.io/docs/concepts/containers/images#specifying-imagepullsecrets-on-a-pod' },
    initContainers: { type: 'array', items: containerSchema, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'List of initialization containers belonging to the pod. Init containers are executed in order prior to containers being started. If any init container fails, the pod is considered to have failed and is handled according to its restartPolicy. The name for an init container or normal container must be unique among all containers. Init containers may not have Lifecycle actions, Readiness probes, Liveness probes, or Startup probes. The resourceRequirements of an init container are taken into account during scheduling by finding the highest request/limit for each resource type, and then using the max of that value or the sum of the normal containers. Limits are applied to init containers in a similar fashion. Init containers cannot currently be added or removed. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/' },
    nodeName: { type: 'string', description: 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename' },
    nodeSelector: { type: 'map', values: { type: 'string' }, description: 'NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node\'s labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/' },
    os: { ...podOSSchema, description: 'Specifies the OS of the containers in the pod. Some pod and container fields are restricted if this is set.' },
    overhead: { type: 'map', values: { type: 'int-or-string', format: 'quantity' }, description: 'Overhead represents the resource overhead associated with running a pod for a given RuntimeClass. This field will be autopopulated at admission time by the RuntimeClass admission controller. If the RuntimeClass admission controller is enabled, overhead must not be set in Pod create requests. The RuntimeClass admission controller will reject Pod create requests which have the overhead already set. If RuntimeClass is configured and selected in the PodSpec, Overhead will be set to the value defined in the corresponding RuntimeClass, otherwise it will remain unset and treated as zero. More info: https://git.k8s.io/enhancements/keps/sig-node/688-pod-overhead/README.md' },
    preemptionPolicy: { type: 'string', enum: ['Never', 'PreemptLowerPriority'], description: 'PreemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.' },
    priority: { type: 'integer', format: 'int32', description: 'The priority value. Various system components use this field to find the priority of the pod. When Priority Admission Controller is enabled, it prevents users from setting this field. The admission controller populates this field from PriorityClassName. The higher the value, the higher the priority.' },
    priorityClassName: { type: 'string', description: 'If specified, indicates the pod\'s priority. "system-node-critical" and "system-cluster-critical" are two special keywords which indicate the highest priorities with the former being the highest priority. Any other name must be defined by creating a PriorityClass object with that name. If not specified, the pod priority will be default or zero if there is no default.' },
    readinessGates: { type: 'array', items: podReadinessGateSchema, listType: 'atomic', description: 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates' },
    resourceClaims: { type: 'array', items: podResourceClaimSchema, patchMergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'], description: 'ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start. The resources will be made available to those containers which consume them by name.' },
    resources: { ...resourceRequirementsSchema, description: 'Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for "cpu", "memory" and "hugepages-" resource names only. ResourceClaims are not supported.' },
    restartPolicy: { type: 'string', enum: ['Always', 'Never', 'OnFailure'], description: 'Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy' },
    runtimeClassName: { type: 'string', description: 'RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod.  If no RuntimeClass resource matches the named class, the pod will not be run. If unset or empty, the "legacy" RuntimeClass will be used, which is an implicit class with an empty definition that uses the default runtime handler. More info: https://git.k8s.io/enhancements/keps/sig-node/585-runtime-class' },
    schedulerName: { type: 'string', description: 'If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler.' },
    schedulingGates: { type: 'array', items: podSchedulingGateSchema, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'SchedulingGates is an opaque list of values that if specified will block scheduling the pod. If schedulingGates is not empty, the pod will stay in the SchedulingGated state and the scheduler will not attempt to schedule the pod.' },
    schedulingGroup: { ...podSchedulingGroupSchema, description: 'SchedulingGroup provides a reference to the immediate scheduling runtime grouping object that this Pod belongs to. This field is used by the scheduler to identify the group and apply the correct group scheduling policies. The association with a group also impacts other lifecycle aspects of a Pod that are relevant in a wider context of scheduling like preemption, resource attachment, etc. If not specified, the Pod is treated as a single unit in all of these aspects. The group object referenced by this field may not exist at the time the Pod is created. This field is immutable, but a group object with the same name may be recreated with different policies. Doing this during pod scheduling may result in the placement not conforming to the expected policies.' },
    securityContext: { ...podSecurityContextSchema, description: 'SecurityContext holds pod-level security attributes and common container settings. Optional: Defaults to empty.  See type description for default values of each field.' },
    serviceAccount: { type: 'string', description: 'DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead.' },
    serviceAccountName: { type: 'string', description: 'ServiceAccountName is the name of the ServiceAccount to use to run this pod. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/' },
    setHostnameAsFQDN: { type: 'boolean', description: 'If true the pod\'s hostname will be configured as the pod\'s FQDN, rather than the leaf name (the default). In Linux containers, this means setting the FQDN in the hostname field of the kernel (the nodename field of struct utsname). In Windows containers, this means setting the registry value of hostname for the registry key HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\Tcpip\\\\Parameters to FQDN. If a pod does not have FQDN, this has no effect. Default to false.' },
    shareProcessNamespace: { type: 'boolean', description: 'Share a single process namespace between all of the containers in a pod. When this is set containers will be able to view and signal processes from other containers in the same pod, and the first process in each container will not be assigned PID 1. HostPID and ShareProcessNamespace cannot both be set. Optional: Default to false.' },
    subdomain: { type: 'string', description: 'If specified, the fully qualified Pod hostname will be "<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>". If not specified, the pod will not have a domainname at all.' },
    terminationGracePeriodSeconds: { type: 'integer', format: 'int64', description: 'Optional duration in seconds the pod needs to terminate gracefully. May be decreased in delete request. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). If this value is nil, the default grace period will be used instead. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. Defaults to 30 seconds.' },
    tolerations: { type: 'array', items: tolerationSchema, listType: 'atomic', description: 'If specified, the pod\'s tolerations.' },
    topologySpreadConstraints: { type: 'array', items: topologySpreadConstraintSchema, patchMergeKey: 'topologyKey', patchStrategy: 'merge', listType: 'map', listMapKeys: ['topologyKey','whenUnsatisfiable'], description: 'TopologySpreadConstraints describes how a group of pods ought to spread across topology domains. Scheduler will schedule pods in a way which abides by the constraints. All topologySpreadConstraints are ANDed.' },
    volumes: { type: 'array', items: volumeSchema, patchMergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'], description: 'List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes' },
  },
  required: ['containers'],
};

/** `io.k8s.api.core.v1.PodCondition` */
export const podConditionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodCondition',
  description: 'PodCondition contains details for the current condition of this pod.',
  properties: {
    lastProbeTime: { type: 'string', format: 'date-time', description: 'Last time we probed the condition.' },
    lastTransitionTime: { type: 'string', format: 'date-time', description: 'Last time the condition transitioned from one status to another.' },
    message: { type: 'string', description: 'Human-readable message indicating details about last transition.' },
    observedGeneration: { type: 'integer', format: 'int64', description: 'If set, this represents the .metadata.generation that the pod condition was set based upon.' },
    reason: { type: 'string', description: 'Unique, one-word, CamelCase reason for the condition\'s last transition.' },
    status: { type: 'string', description: 'Status is the status of the condition. Can be True, False, Unknown. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-conditions' },
    type: { type: 'string', description: 'Type is the type of the condition. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-conditions' },
  },
  required: ['status','type'],
};

/** `io.k8s.api.core.v1.ResourceHealth` */
export const resourceHealthSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ResourceHealth',
  description: 'ResourceHealth represents the health of a resource. It has the latest device health information. This is a part of KEP https://kep.k8s.io/4680.',
  properties: {
    health: { type: 'string', description: 'Health of the resource. can be one of:  - Healthy: operates as normal  - Unhealthy: reported unhealthy. We consider this a temporary health issue               since we do not have a mechanism today to distinguish               temporary and permanent issues.  - Unknown: The status cannot be determined.             For example, Device Plugin got unregistered and hasn\'t been re-registered since.' },
    message: { type: 'string', description: 'Message provides human-readable context for Health (e.g. "ECC error count exceeded threshold"). This field is populated by the kubelet when ResourceHealthStatusMessage is enabled if the DRA plugin returns a message, and is null otherwise.' },
    resourceID: { type: 'string', description: 'ResourceID is the unique identifier of the resource. See the ResourceID type for more information.' },
  },
  required: ['resourceID'],
};

/** `io.k8s.api.core.v1.ResourceStatus` */
export const resourceStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ResourceStatus',
  description: 'ResourceStatus represents the status of a single resource allocated to a Pod.',
  properties: {
    name: { type: 'string', description: 'Name of the resource. Must be unique within the pod and in case of non-DRA resource, match one of the resources from the pod spec. For DRA resources, the value must be "claim:<claim_name>/<request>". When this status is reported about a container, the "claim_name" and "request" must match one of the claims of this container.' },
    resources: { type: 'array', items: resourceHealthSchema, listType: 'map', listMapKeys: ['resourceID'], description: 'List of unique resources health. Each element in the list contains an unique resource ID and its health. At a minimum, for the lifetime of a Pod, resource ID must uniquely identify the resource allocated to the Pod on the Node. If other Pod on the same Node reports the status with the same resource ID, it must be the same resource they share. See ResourceID type definition for a specific format it has in various use cases.' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.ContainerStateRunning` */
export const containerStateRunningSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerStateRunning',
  description: 'ContainerStateRunning is a running state of a container.',
  properties: {
    startedAt: { type: 'string', format: 'date-time', description: 'Time at which the container was last (re-)started' },
  },
};

/** `io.k8s.api.core.v1.ContainerStateTerminated` */
export const containerStateTerminatedSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerStateTerminated',
  description: 'ContainerStateTerminated is a terminated state of a container.',
  properties: {
    containerID: { type: 'string', description: 'Container\'s ID in the format \'<type>://<container_id>\'' },
    exitCode: { type: 'integer', format: 'int32', description: 'Exit status from the last termination of the container' },
    finishedAt: { type: 'string', format: 'date-time', description: 'Time at which the container last terminated' },
    message: { type: 'string', description: 'Message regarding the last termination of the container' },
    reason: { type: 'string', description: '(brief) reason from the last termination of the container' },
    signal: { type: 'integer', format: 'int32', description: 'Signal from the last termination of the container' },
    startedAt: { type: 'string', format: 'date-time', description: 'Time at which previous execution of the container started' },
  },
  required: ['exitCode'],
};

/** `io.k8s.api.core.v1.ContainerStateWaiting` */
export const containerStateWaitingSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerStateWaiting',
  description: 'ContainerStateWaiting is a waiting state of a container.',
  properties: {
    message: { type: 'string', description: 'Message regarding why the container is not yet running.' },
    reason: { type: 'string', description: '(brief) reason the container is not yet running.' },
  },
};

/** `io.k8s.api.core.v1.ContainerState` */
export const containerStateSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerState',
  description: 'ContainerState holds a possible state of container. Only one of its members may be specified. If none of them is specified, the default one is ContainerStateWaiting.',
  properties: {
    running: { ...containerStateRunningSchema, description: 'Details about a running container' },
    terminated: { ...containerStateTerminatedSchema, description: 'Details about a terminated container' },
    waiting: { ...containerStateWaitingSchema, description: 'Details about a waiting container' },
  },
};

/** `io.k8s.api.core.v1.LinuxContainerUser` */
export const linuxContainerUserSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.LinuxContainerUser',
  description: 'LinuxContainerUser represents user identity information in Linux containers',
  properties: {
    gid: { type: 'integer', format: 'int64', description: 'GID is the primary gid initially attached to the first process in the container' },
    supplementalGroups: { type: 'array', items: { type: 'integer', format: 'int64' }, listType: 'atomic', description: 'SupplementalGroups are the supplemental groups initially attached to the first process in the container' },
    uid: { type: 'integer', format: 'int64', description: 'UID is the primary uid initially attached to the first process in the container' },
  },
  required: ['gid','uid'],
};

/** `io.k8s.api.core.v1.ContainerUser` */
export const containerUserSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerUser',
  description: 'ContainerUser represents user identity information',
  properties: {
    linux: { ...linuxContainerUserSchema, description: 'Linux holds user identity information initially attached to the first process of the containers in Linux. Note that the actual running identity can be changed if the process has enough privilege to do so.' },
  },
};

/** `io.k8s.api.core.v1.ImageVolumeStatus` */
export const imageVolumeStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ImageVolumeStatus',
  description: 'ImageVolumeStatus represents the image-based volume status.',
  properties: {
    imageRef: { type: 'string', description: 'ImageRef is the digest of the image used for this volume. It should have a value that\'s similar to the pod\'s status.containerStatuses[i].imageID. The ImageRef length should not exceed 256 characters.' },
  },
  required: ['imageRef'],
};

/** `io.k8s.api.core.v1.VolumeStatus` */
export const volumeStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.VolumeStatus',
  description: 'VolumeStatus represents the status of a mounted volume. At most one of its members must be specified.',
  properties: {
    image: { ...imageVolumeStatusSchema, description: 'image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet\'s host machine.' },
  },
};

/** `io.k8s.api.core.v1.VolumeMountStatus` */
export const volumeMountStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.VolumeMountStatus',
  description: 'VolumeMountStatus shows status of volume mounts.',
  properties: {
    mountPath: { type: 'string', description: 'MountPath corresponds to the original VolumeMount.' },
    name: { type: 'string', description: 'Name corresponds to the name of the original VolumeMount.' },
    readOnly: { type: 'boolean', description: 'ReadOnly corresponds to the original VolumeMount.' },
    recursiveReadOnly: { type: 'string', description: 'RecursiveReadOnly must be set to Disabled, Enabled, or unspecified (for non-readonly mounts). An IfPossible value in the original VolumeMount must be translated to Disabled or Enabled, depending on the mount result.' },
    volumeStatus: { ...volumeStatusSchema, description: 'volumeStatus represents volume-type-specific status about the mounted volume.' },
  },
  required: ['mountPath','name'],
};

/** `io.k8s.api.core.v1.ContainerStatus` */
export const containerStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerStatus',
  description: 'ContainerStatus contains details for the current status of this container.',
  properties: {
    allocatedResources: { type: 'map', values: { type: 'int-or-string', format: 'quantity' }, description: 'AllocatedResources represents the compute resources allocated for this container by the node. Kubelet sets this value to Container.Resources.Requests upon successful pod admission and after successfully admitting desired pod resize.' },
    allocatedResourcesStatus: { type: 'array', items: resourceStatusSchema, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'AllocatedResourcesStatus represents the status of various resources allocated for this Pod.' },
    containerID: { type: 'string', description: 'ContainerID is the ID of the container in the format \'<type>://<container_id>\'. Where type is a container runtime identifier, returned from Version call of CRI API (for example "containerd").' },
    image: { type: 'string', description: 'Image is the name of container image that the container is running. The container image may not match the image used in the PodSpec, as it may have been resolved by the runtime. More info: https://kubernetes.io/docs/concepts/containers/images.' },
    imageID: { type: 'string', description: 'ImageID is the image ID of the container\'s image. The image ID may not match the image ID of the image used in the PodSpec, as it may have been resolved by the runtime.' },
    lastState: { ...containerStateSchema, description: 'LastTerminationState holds the last termination state of the container to help debug container crashes and restarts. This field is not populated if the container is still running and RestartCount is 0.' },
    name: { type: 'string', description: 'Name is a DNS_LABEL representing the unique name of the container. Each container in a pod must have a unique name across all container types. Cannot be updated.' },
    ready: { type: 'boolean', description: 'Ready specifies whether the container is currently passing its readiness check. The value will change as readiness probes keep executing. If no readiness probes are specified, this field defaults to true once the container is fully started (see Started field).' },
    resources: { ...resourceRequirementsSchema, description: 'Resources represents the compute resource requests and limits that have been successfully enacted on the running container after it has been started or has been successfully resized.' },
    restartCount: { type: 'integer', format: 'int32', description: 'RestartCount holds the number of times the container has been restarted. Kubelet makes an effort to always increment the value, but there are cases when the state may be lost due to node restarts and then the value may be reset to 0. The value is never negative.' },
    started: { type: 'boolean', description: 'Started indicates whether the container has finished its postStart lifecycle hook and passed its startup probe. Initialized as false, becomes true after startupProbe is considered successful. Resets to false when the container is restarted, or if kubelet loses state temporarily. In both cases, startup probes will run again. Is always true when no startupProbe is defined and container is running and has passed the postStart lifecycle hook. The null value must be treated the same as false.' },
    state: { ...containerStateSchema, description: 'State holds details about the container\'s current condition.' },
    stopSignal: { type: 'string', enum: ['SIGABRT', 'SIGALRM', 'SIGBUS', 'SIGCHLD', 'SIGCLD', 'SIGCONT', 'SIGFPE', 'SIGHUP', 'SIGILL', 'SIGINT', 'SIGIO', 'SIGIOT', 'SIGKILL', 'SIGPIPE', 'SIGPOLL', 'SIGPROF', 'SIGPWR', 'SIGQUIT', 'SIGRTMAX', 'SIGRTMAX-1', 'SIGRTMAX-10', 'SIGRTMAX-11', 'SIGRTMAX-12', 'SIGRTMAX-13', 'SIGRTMAX-14', 'SIGRTMAX-2', 'SIGRTMAX-3', 'SIGRTMAX-4', 'SIGRTMAX-5', 'SIGRTMAX-6', 'SIGRTMAX-7', 'SIGRTMAX-8', 'SIGRTMAX-9', 'SIGRTMIN', 'SIGRTMIN+1', 'SIGRTMIN+10', 'SIGRTMIN+11', 'SIGRTMIN+12', 'SIGRTMIN+13', 'SIGRTMIN+14', 'SIGRTMIN+15', 'SIGRTMIN+2', 'SIGRTMIN+3', 'SIGRTMIN+4', 'SIGRTMIN+5', 'SIGRTMIN+6', 'SIGRTMIN+7', 'SIGRTMIN+8', 'SIGRTMIN+9', 'SIGSEGV', 'SIGSTKFLT', 'SIGSTOP', 'SIGSYS', 'SIGTERM', 'SIGTRAP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGUSR1', 'SIGUSR2', 'SIGVTALRM', 'SIGWINCH', 'SIGXCPU', 'SIGXFSZ'], description: 'StopSignal reports the effective stop signal for this container' },
    user: { ...containerUserSchema, description: 'User represents user identity information initially attached to the first process of the container' },
    volumeMounts: { type: 'array', items: volumeMountStatusSchema, patchMergeKey: 'mountPath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['mountPath'], description: 'Status of volume mounts.' },
  },
  required: ['image','imageID','name','ready','restartCount'],
};

/** `io.k8s.api.core.v1.ContainerExtendedResourceRequest` */
export const containerExtendedResourceRequestSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerExtendedResourceRequest',
  description: 'ContainerExtendedResourceRequest has the mapping of container name, extended resource name to the device request name.',
  properties: {
    containerName: { type: 'string', description: 'The name of the container requesting resources.' },
    requestName: { type: 'string', description: 'The name of the request in the special ResourceClaim which corresponds to the extended resource.' },
    resourceName: { type: 'string', description: 'The name of the extended resource in that container which gets backed by DRA.' },
  },
  required: ['containerName','requestName','resourceName'],
};

/** `io.k8s.api.core.v1.PodExtendedResourceClaimStatus` */
export const podExtendedResourceClaimStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodExtendedResourceClaimStatus',
  description: 'PodExtendedResourceClaimStatus is stored in the PodStatus for the extended resource requests backed by DRA. It stores the generated name for the corresponding special ResourceClaim created by the scheduler.',
  properties: {
    requestMappings: { type: 'array', items: containerExtendedResourceRequestSchema, description: 'RequestMappings identifies the mapping of <container, extended resource backed by DRA> to  device request in the generated ResourceClaim.' },
    resourceClaimName: { type: 'string', description: 'ResourceClaimName is the name of the ResourceClaim that was generated for the Pod in the namespace of the Pod.' },
  },
  required: ['requestMappings','resourceClaimName'],
};

/** `io.k8s.api.core.v1.HostIP` */
export const hostIPSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.HostIP',
  description: 'HostIP represents a single IP address allocated to the host.',
  properties: {
    ip: { type: 'string', description: 'IP is the IP address assigned to the host' },
  },
  required: ['ip'],
};

/** `io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus` */
export const nodeAllocatableResourceClaimStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus',
  description: 'NodeAllocatableResourceClaimStatus describes the status of node allocatable resources allocated via DRA.',
  properties: {
    containers: { type: 'array', items: { type: 'string' }, description: 'Containers lists the names of all containers in this pod that reference the claim.' },
    resourceClaimName: { type: 'string', description: 'ResourceClaimName is the resource claim referenced by the pod that resulted in this node allocatable resource allocation.' },
    resources: { type: 'map', values: { type: 'int-or-string', format: 'quantity' }, description: 'Resources is a map of the node-allocatable resource name to the aggregate quantity allocated to the claim.' },
  },
  required: ['resourceClaimName','resources'],
};

/** `io.k8s.api.core.v1.PodIP` */
export const podIPSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodIP',
  description: 'PodIP represents a single IP address allocated to the pod.',
  properties: {
    ip: { type: 'string', description: 'IP is the IP address assigned to the pod' },
  },
  required: ['ip'],
};

/** `io.k8s.api.core.v1.PodResourceClaimStatus` */
export const podResourceClaimStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodResourceClaimStatus',
  description: 'PodResourceClaimStatus is stored in the PodStatus for each PodResourceClaim which references a ResourceClaimTemplate. It stores the generated name for the corresponding ResourceClaim.',
  properties: {
    name: { type: 'string', description: 'Name uniquely identifies this resource claim inside the pod. This must match the name of an entry in pod.spec.resourceClaims, which implies that the string must be a DNS_LABEL.' },
    resourceClaimName: { type: 'string', description: 'ResourceClaimName is the name of the ResourceClaim that was generated for the Pod in the namespace of the Pod.' },
  },
  required: ['name'],
};

/** `io.k8s.api.core.v1.PodStatus` */
export const podStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodStatus',
  description: 'PodStatus represents information about the status of a pod. Status may trail the actual state of a system, especially if the node that hosts the pod cannot contact the control plane.',
  properties: {
    allocatedResources: { type: 'map', values: { type: 'int-or-string', format: 'quantity' }, description: 'AllocatedResources is the total requests allocated for this pod by the node. If pod-level requests are not set, this will be the total requests aggregated across containers in the pod.' },
    conditions: { type: 'array', items: podConditionSchema, patchMergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'], description: 'Current service state of pod. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-conditions' },
    containerStatuses: { type: 'array', items: containerStatusSchema, listType: 'atomic', description: 'Statuses of containers in this pod. Each container in the pod should have at most one status in this list, and all statuses should be for containers in the pod. However this is not enforced. If a status for a non-existent container is present in the list, or the list has duplicate names, the behavior of various Kubernetes components is not defined and those statuses might be ignored. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-and-container-status' },
    ephemeralContainerStatuses: { type: 'array', items: containerStatusSchema, listType: 'atomic', description: 'Statuses for any ephemeral containers that have run in this pod. Each ephemeral container in the pod should have at most one status in this list, and all statuses should be for containers in the pod. However this is not enforced. If a status for a non-existent container is present in the list, or the list has duplicate names, the behavior of various Kubernetes components is not defined and those statuses might be ignored. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-and-container-status' },
    extendedResourceClaimStatus: { ...podExtendedResourceClaimStatusSchema, description: 'Status of extended resource claim backed by DRA.' },
    hostIP: { type: 'string', description: 'hostIP holds the IP address of the host to which the pod is assigned. Empty if the pod has not started yet. A pod can be assigned to a node that has a problem in kubelet which in turns mean that HostIP will not be updated even if there is a node is assigned to pod' },
    hostIPs: { type: 'array', items: hostIPSchema, patchMergeKey: 'ip', patchStrategy: 'merge', listType: 'atomic', description: 'hostIPs holds the IP addresses allocated to the host. If this field is specified, the first entry must match the hostIP field. This list is empty if the pod has not started yet. A pod can be assigned to a node that has a problem in kubelet which in turns means that HostIPs will not be updated even if there is a node is assigned to this pod.' },
    initContainerStatuses: { type: 'array', items: containerStatusSchema, listType: 'atomic', description: 'Statuses of init containers in this pod. The most recent successful non-restartable init container will have ready = true, the most recently started container will have startTime set. Each init container in the pod should have at most one status in this list, and all statuses should be for containers in the pod. However this is not enforced. If a status for a non-existent container is present in the list, or the list has duplicate names, the behavior of various Kubernetes components is not defined and those statuses might be ignored. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-and-container-status' },
    message: { type: 'string', description: 'A human readable message indicating details about why the pod is in this condition.' },
    nodeAllocatableResourceClaimStatuses: { type: 'array', items: nodeAllocatableResourceClaimStatusSchema, description: 'NodeAllocatableResourceClaimStatuses contains the status of node-allocatable resources that were allocated for this pod through DRA claims. This includes resources currently reported in v1.Node `status.allocatable` that are not extended resources (see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources). Examples include "cpu", "memory", "ephemeral-storage", and hugepages.' },
    nominatedNodeName: { type: 'string', description: 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.' },
    observedGeneration: { type: 'integer', format: 'int64', description: 'If set, this represents the .metadata.generation that the pod status was set based upon. The PodObservedGenerationTracking feature gate must be enabled to use this field.' },
    phase: { type: 'string', enum: ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'], description: 'The phase of a Pod is a simple, high-level summary of where the Pod is in its lifecycle. The conditions array, the reason and message fields, and the individual container status arrays contain more detail about the pod\'s status. There are five possible phase values:' },
    podIP: { type: 'string', description: 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.' },
    podIPs: { type: 'array', items: podIPSchema, patchMergeKey: 'ip', patchStrategy: 'merge', listType: 'map', listMapKeys: ['ip'], description: 'podIPs holds the IP addresses allocated to the pod. If this field is specified, the 0th entry must match the podIP field. Pods may be allocated at most 1 value for each of IPv4 and IPv6. This list is empty if no IPs have been allocated yet.' },
    qosClass: { type: 'string', enum: ['BestEffort', 'Burstable', 'Guaranteed'], description: 'The Quality of Service (QOS) classification assigned to the pod based on resource requirements See PodQOSClass type for available QOS classes More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/#quality-of-service-classes' },
    reason: { type: 'string', description: 'A brief CamelCase message indicating details about why the pod is in this state. e.g. \'Evicted\'' },
    resize: { type: 'string', description: 'Status of resources resize desired for pod\'s containers. It is empty if no resources resize is pending. Any changes to container resources will automatically set this to "Proposed" Deprecated: Resize status is moved to two pod conditions PodResizePending and PodResizeInProgress. PodResizePending will track states where the spec has been resized, but the Kubelet has not yet allocated the resources. PodResizeInProgress will track in-progress resizes, and should be present whenever allocated resources != acknowledged resources.' },
    resourceClaimStatuses: { type: 'array', items: podResourceClaimStatusSchema, patchMergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'], description: 'Status of resource claims.' },
    resources: { ...resourceRequirementsSchema, description: 'Resources represents the compute resource requests and limits that have been applied at the pod level if pod-level requests or limits are set in PodSpec.Resources' },
    startTime: { type: 'string', format: 'date-time', description: 'RFC 3339 date and time at which the object was acknowledged by the Kubelet. This is before the Kubelet pulled the container image(s) for the pod.' },
  },
};

/** `io.k8s.api.core.v1.Pod` */
export const podSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Pod',
  description: 'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    spec: { ...podSpecSchema, description: 'Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status' },
    status: { ...podStatusSchema, description: 'Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status' },
  },
};

/** `io.k8s.api.core.v1.PodList` */
export const podListSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PodList',
  description: 'PodList is a list of Pods.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    items: { type: 'array', items: podSchema, description: 'List of pods. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...listMetaSchema, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
  },
  required: ['items'],
};

/** `io.k8s.api.core.v1.ServicePort` */
export const servicePortSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ServicePort',
  description: 'ServicePort contains information on service\'s port.',
  properties: {
    appProtocol: { type: 'string', description: 'The application protocol for this port. This is used as a hint for implementations to offer richer behavior for protocols that they understand. This field follows standard Kubernetes label syntax. Valid values are either:' },
    name: { type: 'string', description: 'The name of this port within the service. This must be a DNS_LABEL. All ports within a ServiceSpec must have unique names. When considering the endpoints for a Service, this must match the \'name\' field in the EndpointPort. Optional if only one ServicePort is defined on this service.' },
    nodePort: { type: 'integer', format: 'int32', description: 'The port on each node on which this service is exposed when type is NodePort or LoadBalancer.  Usually assigned by the system. If a value is specified, in-range, and not in use it will be used, otherwise the operation will fail.  If not specified, a port will be allocated if this Service requires one.  If this field is specified when creating a Service which does not need it, creation will fail. This field will be wiped when updating a Service to no longer need it (e.g. changing type from NodePort to ClusterIP). More info: https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport' },
    port: { type: 'integer', format: 'int32', description: 'The port that will be exposed by this service.' },
    protocol: { type: 'string', enum: ['SCTP', 'TCP', 'UDP'], description: 'The IP protocol for this port. Supports "TCP", "UDP", and "SCTP". Default is TCP.' },
    targetPort: { type: 'int-or-string', format: 'int-or-string', description: 'Number or name of the port to access on the pods targeted by the service. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If this is a string, it will be looked up as a named port in the target Pod\'s container ports. If this is not specified, the value of the \'port\' field is used (an identity map). This field is ignored for services with clusterIP=None, and should be omitted or set equal to the \'port\' field. More info: https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service' },
  },
  required: ['port'],
};

/** `io.k8s.api.core.v1.ClientIPConfig` */
export const clientIPConfigSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ClientIPConfig',
  description: 'ClientIPConfig represents the configurations of Client IP based session affinity.',
  properties: {
    timeoutSeconds: { type: 'integer', format: 'int32', description: 'timeoutSeconds specifies the seconds of ClientIP type session sticky time. The value must be >0 && <=86400(for 1 day) if ServiceAffinity == "ClientIP". Default value is 10800(for 3 hours).' },
  },
};

/** `io.k8s.api.core.v1.SessionAffinityConfig` */
export const sessionAffinityConfigSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.SessionAffinityConfig',
  description: 'SessionAffinityConfig represents the configurations of session affinity.',
  properties: {
    clientIP: { ...clientIPConfigSchema, description: 'clientIP contains the configurations of Client IP based session affinity.' },
  },
};

/** `io.k8s.api.core.v1.ServiceSpec` */
export const serviceSpecSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ServiceSpec',
  description: 'ServiceSpec describes the attributes that a user creates on a service.',
  properties: {
    allocateLoadBalancerNodePorts: { type: 'boolean', description: 'allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated for services with type LoadBalancer.  Default is "true". It may be set to "false" if the cluster load-balancer does not rely on NodePorts.  If the caller requests specific NodePorts (by specifying a value), those requests will be respected, regardless of this field. This field may only be set for services with type LoadBalancer and will be cleared if the type is changed to any other type.' },
    clusterIP: { type: 'string', description: 'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies' },
    clusterIPs: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'ClusterIPs is a list of IP addresses assigned to this service, and are usually assigned randomly.  If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be empty) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address.  Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName.  If this field is not specified, it will be initialized from the clusterIP field.  If this field is specified, clients must ensure that clusterIPs[0] and clusterIP have the same value.' },
    externalIPs: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.' },
    externalName: { type: 'string', description: 'externalName is the external reference that discovery mechanisms will return as an alias for this service (e.g. a DNS CNAME record). No proxying will be involved.  Must be a lowercase RFC-1123 hostname (https://tools.ietf.org/html/rfc1123) and requires `type` to be "ExternalName".' },
    externalTrafficPolicy: { type: 'string', enum: ['Cluster', 'Local'], description: 'externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service\'s "externally-facing" addresses (NodePorts, ExternalIPs, and LoadBalancer IPs). If set to "Local", the proxy will configure the service in a way that assumes that external load balancers will take care of balancing the service traffic between nodes, and so each node will deliver traffic only to the node-local endpoints of the service, without masquerading the client source IP. (Traffic mistakenly sent to a node with no endpoints will be dropped.) The default value, "Cluster", uses the standard behavior of routing to all endpoints evenly (possibly modified by topology and other features). Note that traffic sent to an External IP or LoadBalancer IP from within the cluster will always get "Cluster" semantics, but clients sending to a NodePort from within the cluster may need to take traffic policy into account when picking a node.' },
    healthCheckNodePort: { type: 'integer', format: 'int32', description: 'healthCheckNodePort specifies the healthcheck nodePort for the service. This only applies when type is set to LoadBalancer and externalTrafficPolicy is set to Local. If a value is specified, is in-range, and is not in use, it will be used.  If not specified, a value will be automatically allocated.  External systems (e.g. load-balancers) can use this port to determine if a given node holds endpoints for this service or not.  If this field is specified when creating a Service which does not need it, creation will fail. This field will be wiped when updating a Service to no longer need it (e.g. changing type). This field cannot be updated once set.' },
    internalTrafficPolicy: { type: 'string', enum: ['Cluster', 'Local'], description: 'InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP. If set to "Local", the proxy will assume that pods only want to talk to endpoints of the service on the same node as the pod, dropping the traffic if there are no local endpoints. The default value, "Cluster", uses the standard behavior of routing to all endpoints evenly (possibly modified by topology and other features).' },
    ipFamilies: { type: 'array', items: { type: 'string', enum: ['', 'IPv4', 'IPv6'] }, listType: 'atomic', description: 'IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service. This field is usually assigned automatically based on cluster configuration and the ipFamilyPolicy field. If this field is specified manually, the requested family is available in the cluster, and ipFamilyPolicy allows it, it will be used; otherwise creation of the service will fail. This field is conditionally mutable: it allows for adding or removing a secondary IP family, but it does not allow changing the primary IP family of the Service. Valid values are "IPv4" and "IPv6".  This field only applies to Services of types ClusterIP, NodePort, and LoadBalancer, and does apply to "headless" services. This field will be wiped when updating a Service to type ExternalName.' },
    ipFamilyPolicy: { type: 'string', enum: ['PreferDualStack', 'RequireDualStack', 'SingleStack'], description: 'IPFamilyPolicy represents the dual-stack-ness requested or required by this Service. If there is no value provided, then this field will be set to SingleStack. Services can be "SingleStack" (a single IP family), "PreferDualStack" (two IP families on dual-stack configured clusters or a single IP family on single-stack clusters), or "RequireDualStack" (two IP families on dual-stack configured clusters, otherwise fail). The ipFamilies and clusterIPs fields depend on the value of this field. This field will be wiped when updating a service to type ExternalName.' },
    loadBalancerClass: { type: 'string', description: 'loadBalancerClass is the class of the load balancer implementation this Service belongs to. If specified, the value of this field must be a label-style identifier, with an optional prefix, e.g. "internal-vip" or "example.com/internal-vip". Unprefixed names are reserved for end-users. This field can only be set when the Service type is \'LoadBalancer\'. If not set, the default load balancer implementation is used, today this is typically done through the cloud provider integration, but should apply for any default implementation. If set, it is assumed that a load balancer implementation is watching for Services with a matching class. Any default load balancer implementation (e.g. cloud providers) should ignore Services that set this field. This field can only be set when creating or updating a Service to type \'LoadBalancer\'. Once set, it can not be changed. This field will be wiped when a service is updated to a non \'LoadBalancer\' type.' },
    loadBalancerIP: { type: 'string', description: 'Only applies to Service Type: LoadBalancer. This feature depends on whether the underlying cloud-provider supports specifying the loadBalancerIP when a load balancer is created. This field will be ignored if the cloud-provider does not support the feature. Deprecated: This field was under-specified and its meaning varies across implementations. Using it is non-portable and it may not support dual-stack. Users are encouraged to use implementation-specific annotations when available.' },
    loadBalancerSourceRanges: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'If specified and supported by the platform, this will restrict traffic through the cloud-provider load-balancer will be restricted to the specified client IPs. This field will be ignored if the cloud-provider does not support the feature." More info: https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/' },
    ports: { type: 'array', items: servicePortSchema, patchMergeKey: 'port', patchStrategy: 'merge', listType: 'map', listMapKeys: ['port','protocol'], description: 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies' },
    publishNotReadyAddresses: { type: 'boolean', description: 'publishNotReadyAddresses indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready. The primary use case for setting this field is for a StatefulSet\'s Headless Service to propagate SRV DNS records for its Pods for the purpose of peer discovery. The Kubernetes controllers that generate Endpoints and EndpointSlice resources for Services interpret this to mean that all endpoints are considered "ready" even if the Pods themselves are not. Agents which consume only Kubernetes generated endpoints through the Endpoints or EndpointSlice resources can safely assume this behavior.' },
    selector: { type: 'map', values: { type: 'string' }, description: 'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/' },
    sessionAffinity: { type: 'string', enum: ['ClientIP', 'None'], description: 'Supports "ClientIP" and "None". Used to maintain session affinity. Enable client IP based session affinity. Must be ClientIP or None. Defaults to None. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies' },
    sessionAffinityConfig: { ...sessionAffinityConfigSchema, description: 'sessionAffinityConfig contains the configurations of session affinity.' },
    trafficDistribution: { type: 'string', description: 'TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints. Implementations can use this field as a hint, but are not required to guarantee strict adherence. If the field is not set, the implementation will apply its default routing strategy. If set to "PreferClose", implementations should prioritize endpoints that are in the same zone.' },
    type: { type: 'string', enum: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'], description: 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types' },
  },
};

/** `io.k8s.api.core.v1.PortStatus` */
export const portStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.PortStatus',
  description: 'PortStatus represents the error condition of a service port',
  properties: {
    error: { type: 'string', description: 'Error is to record the problem with the service port The format of the error shall comply with the following rules: - built-in error values shall be specified in this file and those shall use   CamelCase names - cloud provider specific error values must have names that comply with the   format foo.example.com/CamelCase.' },
    port: { type: 'integer', format: 'int32', description: 'Port is the port number of the service port of which status is recorded here' },
    protocol: { type: 'string', enum: ['SCTP', 'TCP', 'UDP'], description: 'Protocol is the protocol of the service port of which status is recorded here The supported values are: "TCP", "UDP", "SCTP"' },
  },
  required: ['port','protocol'],
};

/** `io.k8s.api.core.v1.LoadBalancerIngress` */
export const loadBalancerIngressSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.LoadBalancerIngress',
  description: 'LoadBalancerIngress represents the status of a load-balancer ingress point: traffic intended for the service should be sent to an ingress point.',
  properties: {
    hostname: { type: 'string', description: 'Hostname is set for load-balancer ingress points that are DNS based (typically AWS load-balancers)' },
    ip: { type: 'string', description: 'IP is set for load-balancer ingress points that are IP based (typically GCE or OpenStack load-balancers)' },
    ipMode: { type: 'string', description: 'IPMode specifies how the load-balancer IP behaves, and may only be specified when the ip field is specified. Setting this to "VIP" indicates that traffic is delivered to the node with the destination set to the load-balancer\'s IP and port. Setting this to "Proxy" indicates that traffic is delivered to the node or pod with the destination set to the node\'s IP and node port or the pod\'s IP and port. Service implementations may use this information to adjust traffic routing.' },
    ports: { type: 'array', items: portStatusSchema, listType: 'atomic', description: 'Ports is a list of records of service ports If used, every port defined in the service should have an entry in it' },
  },
};

/** `io.k8s.api.core.v1.LoadBalancerStatus` */
export const loadBalancerStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.LoadBalancerStatus',
  description: 'LoadBalancerStatus represents the status of a load-balancer.',
  properties: {
    ingress: { type: 'array', items: loadBalancerIngressSchema, listType: 'atomic', description: 'Ingress is a list containing ingress points for the load-balancer. Traffic intended for the service should be sent to these ingress points.' },
  },
};

/** `io.k8s.api.core.v1.ServiceStatus` */
export const serviceStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ServiceStatus',
  description: 'ServiceStatus represents the current status of a service.',
  properties: {
    conditions: { type: 'array', items: conditionSchema, patchMergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'], description: 'Current service state' },
    loadBalancer: { ...loadBalancerStatusSchema, description: 'LoadBalancer contains the current status of the load-balancer, if one is present.' },
  },
};

/** `io.k8s.api.core.v1.Service` */
export const serviceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Service',
  description: 'Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    spec: { ...serviceSpecSchema, description: 'Spec defines the behavior of a service. https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status' },
    status: { ...serviceStatusSchema, description: 'Most recently observed status of the service. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status' },
  },
};

/** `io.k8s.api.core.v1.ServiceList` */
export const serviceListSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ServiceList',
  description: 'ServiceList holds a list of services.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    items: { type: 'array', items: serviceSchema, description: 'List of services' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...listMetaSchema, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
  },
  required: ['items'],
};

/** `io.k8s.api.core.v1.ObjectReference` */
export const objectReferenceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ObjectReference',
  description: 'ObjectReference contains enough information to let you inspect or modify the referred object.',
  properties: {
    apiVersion: { type: 'string', description: 'API version of the referent.' },
    fieldPath: { type: 'string', description: 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.' },
    kind: { type: 'string', description: 'Kind of the referent. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    name: { type: 'string', description: 'Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names' },
    namespace: { type: 'string', description: 'Namespace of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/' },
    resourceVersion: { type: 'string', description: 'Specific resourceVersion to which this reference is made, if any. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency' },
    uid: { type: 'string', description: 'UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#uids' },
  },
};

/** `io.k8s.api.core.v1.EndpointAddress` */
export const endpointAddressSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EndpointAddress',
  description: 'EndpointAddress is a tuple that describes single IP address. Deprecated: This API is deprecated in v1.33+. @deprecated',
  properties: {
    hostname: { type: 'string', description: 'The Hostname of this endpoint' },
    ip: { type: 'string', description: 'The IP of this endpoint. May not be loopback (127.0.0.0/8 or ::1), link-local (169.254.0.0/16 or fe80::/10), or link-local multicast (224.0.0.0/24 or ff02::/16).' },
    nodeName: { type: 'string', description: 'Optional: Node hosting this endpoint. This can be used to determine endpoints local to a node.' },
    targetRef: { ...objectReferenceSchema, description: 'Reference to object providing the endpoint.' },
  },
  required: ['ip'],
};

/** `io.k8s.api.core.v1.EndpointPort` */
export const endpointPortSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EndpointPort',
  description: 'EndpointPort is a tuple that describes a single port. Deprecated: This API is deprecated in v1.33+. @deprecated',
  properties: {
    appProtocol: { type: 'string', description: 'The application protocol for this port. This is used as a hint for implementations to offer richer behavior for protocols that they understand. This field follows standard Kubernetes label syntax. Valid values are either:' },
    name: { type: 'string', description: 'The name of this port.  This must match the \'name\' field in the corresponding ServicePort. Must be a DNS_LABEL. Optional only if one port is defined.' },
    port: { type: 'integer', format: 'int32', description: 'The port number of the endpoint.' },
    protocol: { type: 'string', enum: ['SCTP', 'TCP', 'UDP'], description: 'The IP protocol for this port. Must be UDP, TCP, or SCTP. Default is TCP.' },
  },
  required: ['port'],
};

/** `io.k8s.api.core.v1.EndpointSubset` */
export const endpointSubsetSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EndpointSubset',
  description: 'EndpointSubset is a group of addresses with a common set of ports. The expanded set of endpoints is the Cartesian product of Addresses x Ports. For example, given:',
  properties: {
    addresses: { type: 'array', items: endpointAddressSchema, listType: 'atomic', description: 'IP addresses which offer the related ports that are marked as ready. These endpoints should be considered safe for load balancers and clients to utilize.' },
    notReadyAddresses: { type: 'array', items: endpointAddressSchema, listType: 'atomic', description: 'IP addresses which offer the related ports but are not currently marked as ready because they have not yet finished starting, have recently failed a readiness check, or have recently failed a liveness check.' },
    ports: { type: 'array', items: endpointPortSchema, listType: 'atomic', description: 'Port numbers available on the related IP addresses.' },
  },
};

/** `io.k8s.api.core.v1.Endpoints` */
export const endpointsSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Endpoints',
  description: 'Endpoints is a collection of endpoints that implement the actual service. Example:',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    subsets: { type: 'array', items: endpointSubsetSchema, listType: 'atomic', description: 'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.' },
  },
};

/** `io.k8s.api.core.v1.EndpointsList` */
export const endpointsListSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EndpointsList',
  description: 'EndpointsList is a list of endpoints. Deprecated: This API is deprecated in v1.33+. @deprecated',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    items: { type: 'array', items: endpointsSchema, description: 'List of endpoints.' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...listMetaSchema, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
  },
  required: ['items'],
};

/** `io.k8s.api.core.v1.ConfigMap` */
export const configMapSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ConfigMap',
  description: 'ConfigMap holds configuration data for pods to consume.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    binaryData: { type: 'map', values: { type: 'string', format: 'byte' }, description: 'BinaryData contains the binary data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. BinaryData can contain byte sequences that are not in the UTF-8 range. The keys stored in BinaryData must not overlap with the ones in the Data field, this is enforced during validation process. Using this field will require 1.10+ apiserver and kubelet.' },
    data: { type: 'map', values: { type: 'string' }, description: 'Data contains the configuration data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.' },
    immutable: { type: 'boolean', description: 'Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil.' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
  },
};

/** `io.k8s.api.core.v1.ConfigMapList` */
export const configMapListSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ConfigMapList',
  description: 'ConfigMapList is a resource containing a list of ConfigMap objects.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    items: { type: 'array', items: configMapSchema, description: 'Items is the list of ConfigMaps.' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...listMetaSchema, description: 'More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
  },
  required: ['items'],
};

/** `io.k8s.api.core.v1.Secret` */
export const secretSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Secret',
  description: 'Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    data: { type: 'map', values: { type: 'string', format: 'byte' }, description: 'Data contains the secret data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4' },
    immutable: { type: 'boolean', description: 'Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil.' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    stringData: { type: 'map', values: { type: 'string' }, description: 'stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience. All keys and values are merged into the data field on write, overwriting any existing values. The stringData field is never output when reading from the API.' },
    type: { type: 'string', description: 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types' },
  },
};

/** `io.k8s.api.core.v1.SecretList` */
export const secretListSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.SecretList',
  description: 'SecretList is a list of Secret.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    items: { type: 'array', items: secretSchema, description: 'Items is a list of secret objects. More info: https://kubernetes.io/docs/concepts/configuration/secret' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...listMetaSchema, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
  },
  required: ['items'],
};

/** `io.k8s.api.core.v1.NamespaceSpec` */
export const namespaceSpecSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NamespaceSpec',
  description: 'NamespaceSpec describes the attributes on a Namespace.',
  properties: {
    finalizers: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'Finalizers is an opaque list of values that must be empty to permanently remove object from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/' },
  },
};

/** `io.k8s.api.core.v1.NamespaceCondition` */
export const namespaceConditionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NamespaceCondition',
  description: 'NamespaceCondition contains details about state of namespace.',
  properties: {
    lastTransitionTime: { type: 'string', format: 'date-time', description: 'Last time the condition transitioned from one status to another.' },
    message: { type: 'string', description: 'Human-readable message indicating details about last transition.' },
    reason: { type: 'string', description: 'Unique, one-word, CamelCase reason for the condition\'s last transition.' },
    status: { type: 'string', description: 'Status of the condition, one of True, False, Unknown.' },
    type: { type: 'string', description: 'Type of namespace controller condition.' },
  },
  required: ['status','type'],
};

/** `io.k8s.api.core.v1.NamespaceStatus` */
export const namespaceStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NamespaceStatus',
  description: 'NamespaceStatus is information about the current status of a Namespace.',
  properties: {
    conditions: { type: 'array', items: namespaceConditionSchema, patchMergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'], description: 'Represents the latest available observations of a namespace\'s current state.' },
    phase: { type: 'string', enum: ['Active', 'Terminating'], description: 'Phase is the current lifecycle phase of the namespace. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/' },
  },
};

/** `io.k8s.api.core.v1.Namespace` */
export const namespaceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Namespace',
  description: 'Namespace provides a scope for Names. Use of multiple namespaces is optional.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    spec: { ...namespaceSpecSchema, description: 'Spec defines the behavior of the Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status' },
    status: { ...namespaceStatusSchema, description: 'Status describes the current status of a Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status' },
  },
};

/** `io.k8s.api.core.v1.NamespaceList` */
export const namespaceListSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NamespaceList',
  description: 'NamespaceList is a list of Namespaces.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    items: { type: 'array', items: namespaceSchema, description: 'Items is the list of Namespace objects in the list. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...listMetaSchema, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
  },
  required: ['items'],
};

/** `io.k8s.api.core.v1.ConfigMapNodeConfigSource` */
export const configMapNodeConfigSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ConfigMapNodeConfigSource',
  description: 'ConfigMapNodeConfigSource contains the information to reference a ConfigMap as a config source for the Node. This API is deprecated since 1.22: https://git.k8s.io/enhancements/keps/sig-node/281-dynamic-kubelet-configuration @deprecated',
  properties: {
    kubeletConfigKey: { type: 'string', description: 'KubeletConfigKey declares which key of the referenced ConfigMap corresponds to the KubeletConfiguration structure This field is required in all cases.' },
    name: { type: 'string', description: 'Name is the metadata.name of the referenced ConfigMap. This field is required in all cases.' },
    namespace: { type: 'string', description: 'Namespace is the metadata.namespace of the referenced ConfigMap. This field is required in all cases.' },
    resourceVersion: { type: 'string', description: 'ResourceVersion is the metadata.ResourceVersion of the referenced ConfigMap. This field is forbidden in Node.Spec, and required in Node.Status.' },
    uid: { type: 'string', description: 'UID is the metadata.UID of the referenced ConfigMap. This field is forbidden in Node.Spec, and required in Node.Status.' },
  },
  required: ['kubeletConfigKey','name','namespace'],
};

/** `io.k8s.api.core.v1.NodeConfigSource` */
export const nodeConfigSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeConfigSource',
  description: 'NodeConfigSource specifies a source of node configuration. Exactly one subfield (excluding metadata) must be non-nil. This API is deprecated since 1.22 @deprecated',
  properties: {
    configMap: { ...configMapNodeConfigSourceSchema, description: 'ConfigMap is a reference to a Node\'s ConfigMap' },
  },
};

/** `io.k8s.api.core.v1.Taint` */
export const taintSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Taint',
  description: 'The node this Taint is attached to has the "effect" on any pod that does not tolerate the Taint.',
  properties: {
    effect: { type: 'string', enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'], description: 'Required. The effect of the taint on pods that do not tolerate the taint. Valid effects are NoSchedule, PreferNoSchedule and NoExecute.' },
    key: { type: 'string', description: 'Required. The taint key to be applied to a node.' },
    timeAdded: { type: 'string', format: 'date-time', description: 'TimeAdded represents the time at which the taint was added.' },
    value: { type: 'string', description: 'The taint value corresponding to the taint key.' },
  },
  required: ['effect','key'],
};

/** `io.k8s.api.core.v1.NodeSpec` */
export const nodeSpecSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeSpec',
  description: 'NodeSpec describes the attributes that a node is created with.',
  properties: {
    configSource: { ...nodeConfigSourceSchema, description: 'Deprecated: Previously used to specify the source of the node\'s configuration for the DynamicKubeletConfig feature. This feature is removed.' },
    externalID: { type: 'string', description: 'Deprecated. Not all kubelets will set this field. Remove field after 1.13. see: https://issues.k8s.io/61966' },
    podCIDR: { type: 'string', description: 'PodCIDR represents the pod IP range assigned to the node.' },
    podCIDRs: { type: 'array', items: { type: 'string' }, patchStrategy: 'merge', listType: 'set', description: 'podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node. If this field is specified, the 0th entry must match the podCIDR field. It may contain at most 1 value for each of IPv4 and IPv6.' },
    providerID: { type: 'string', description: 'ID of the node assigned by the cloud provider in the format: <ProviderName>://<ProviderSpecificNodeID>' },
    taints: { type: 'array', items: taintSchema, listType: 'atomic', description: 'If specified, the node\'s taints.' },
    unschedulable: { type: 'boolean', description: 'Unschedulable controls node schedulability of new pods. By default, node is schedulable. More info: https://kubernetes.io/docs/concepts/nodes/node/#manual-node-administration' },
  },
};

/** `io.k8s.api.core.v1.NodeAddress` */
export const nodeAddressSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeAddress',
  description: 'NodeAddress contains information for the node\'s address.',
  properties: {
    address: { type: 'string', description: 'The node address.' },
    type: { type: 'string', description: 'Node address type, one of Hostname, ExternalIP or InternalIP.' },
  },
  required: ['address','type'],
};

/** `io.k8s.api.core.v1.NodeCondition` */
export const nodeConditionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeCondition',
  description: 'NodeCondition contains condition information for a node.',
  properties: {
    lastHeartbeatTime: { type: 'string', format: 'date-time', description: 'Last time we got an update on a given condition.' },
    lastTransitionTime: { type: 'string', format: 'date-time', description: 'Last time the condition transit from one status to another.' },
    message: { type: 'string', description: 'Human readable message indicating details about last transition.' },
    reason: { type: 'string', description: '(brief) reason for the condition\'s last transition.' },
    status: { type: 'string', description: 'Status of the condition, one of True, False, Unknown.' },
    type: { type: 'string', description: 'Type of node condition.' },
  },
  required: ['status','type'],
};

/** `io.k8s.api.core.v1.NodeConfigStatus` */
export const nodeConfigStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeConfigStatus',
  description: 'NodeConfigStatus describes the status of the config assigned by Node.Spec.ConfigSource.',
  properties: {
    active: { ...nodeConfigSourceSchema, description: 'Active reports the checkpointed config the node is actively using. Active will represent either the current version of the Assigned config, or the current LastKnownGood config, depending on whether attempting to use the Assigned config results in an error.' },
    assigned: { ...nodeConfigSourceSchema, description: 'Assigned reports the checkpointed config the node will try to use. When Node.Spec.ConfigSource is updated, the node checkpoints the associated config payload to local disk, along with a record indicating intended config. The node refers to this record to choose its config checkpoint, and reports this record in Assigned. Assigned only updates in the status after the record has been checkpointed to disk. When the Kubelet is restarted, it tries to make the Assigned config the Active config by loading and validating the checkpointed payload identified by Assigned.' },
    error: { type: 'string', description: 'Error describes any problems reconciling the Spec.ConfigSource to the Active config. Errors may occur, for example, attempting to checkpoint Spec.ConfigSource to the local Assigned record, attempting to checkpoint the payload associated with Spec.ConfigSource, attempting to load or validate the Assigned config, etc. Errors may occur at different points while syncing config. Earlier errors (e.g. download or checkpointing errors) will not result in a rollback to LastKnownGood, and may resolve across Kubelet retries. Later errors (e.g. loading or validating a checkpointed config) will result in a rollback to LastKnownGood. In the latter case, it is usually possible to resolve the error by fixing the config assigned in Spec.ConfigSource. You can find additional information for debugging by searching the error message in the Kubelet log. Error is a human-readable description of the error state; machines can check whether or not Error is empty, but should not rely on the stability of the Error text across Kubelet versions.' },
    lastKnownGood: { ...nodeConfigSourceSchema, description: 'LastKnownGood reports the checkpointed config the node will fall back to when it encounters an error attempting to use the Assigned config. The Assigned config becomes the LastKnownGood config when the node determines that the Assigned config is stable and correct. This is currently implemented as a 10-minute soak period starting when the local record of Assigned config is updated. If the Assigned config is Active at the end of this period, it becomes the LastKnownGood. Note that if Spec.ConfigSource is reset to nil (use local defaults), the LastKnownGood is also immediately reset to nil, because the local default config is always assumed good. You should not make assumptions about the node\'s method of determining config stability and correctness, as this may change or become configurable in the future.' },
  },
};

/** `io.k8s.api.core.v1.DaemonEndpoint` */
export const daemonEndpointSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.DaemonEndpoint',
  description: 'DaemonEndpoint contains information about a single Daemon endpoint.',
  properties: {
    Port: { type: 'integer', format: 'int32', description: 'Port number of the given endpoint.' },
  },
  required: ['Port'],
};

/** `io.k8s.api.core.v1.NodeDaemonEndpoints` */
export const nodeDaemonEndpointsSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeDaemonEndpoints',
  description: 'NodeDaemonEndpoints lists ports opened by daemons running on the Node.',
  properties: {
    kubeletEndpoint: { ...daemonEndpointSchema, description: 'Endpoint on which Kubelet is listening.' },
  },
};

/** `io.k8s.api.core.v1.NodeFeatures` */
export const nodeFeaturesSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeFeatures',
  description: 'NodeFeatures describes the set of features implemented by the CRI implementation. The features contained in the NodeFeatures should depend only on the cri implementation independent of runtime handlers.',
  properties: {
    supplementalGroupsPolicy: { type: 'boolean', description: 'SupplementalGroupsPolicy is set to true if the runtime supports SupplementalGroupsPolicy and ContainerUser.' },
  },
};

/** `io.k8s.api.core.v1.ContainerImage` */
export const containerImageSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ContainerImage',
  description: 'Describe a container image',
  properties: {
    names: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'Names by which this image is known. e.g. ["kubernetes.example/hyperkube:v1.0.7", "cloud-vendor.registry.example/cloud-vendor/hyperkube:v1.0.7"]' },
    sizeBytes: { type: 'integer', format: 'int64', description: 'The size of the image in bytes.' },
  },
};

/** `io.k8s.api.core.v1.NodeSwapStatus` */
export const nodeSwapStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeSwapStatus',
  description: 'NodeSwapStatus represents swap memory information.',
  properties: {
    capacity: { type: 'integer', format: 'int64', description: 'Total amount of swap memory in bytes.' },
  },
};

/** `io.k8s.api.core.v1.NodeSystemInfo` */
export const nodeSystemInfoSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeSystemInfo',
  description: 'NodeSystemInfo is a set of ids/uuids to uniquely identify the node.',
  properties: {
    architecture: { type: 'string', description: 'The Architecture reported by the node' },
    bootID: { type: 'string', description: 'Boot ID reported by the node.' },
    containerRuntimeVersion: { type: 'string', description: 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).' },
    kernelVersion: { type: 'string', description: 'Kernel Version reported by the node from \'uname -r\' (e.g. 3.16.0-0.bpo.4-amd64).' },
    kubeProxyVersion: { type: 'string', description: 'Deprecated: KubeProxy Version reported by the node.' },
    kubeletVersion: { type: 'string', description: 'Kubelet Version reported by the node.' },
    machineID: { type: 'string', description: 'MachineID reported by the node. For unique machine identification in the cluster this field is preferred. Learn more from man(5) machine-id: http://man7.org/linux/man-pages/man5/machine-id.5.html' },
    operatingSystem: { type: 'string', description: 'The Operating System reported by the node' },
    osImage: { type: 'string', description: 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).' },
    swap: { ...nodeSwapStatusSchema, description: 'Swap Info reported by the node.' },
    systemUUID: { type: 'string', description: 'SystemUUID reported by the node. For unique machine identification MachineID is preferred. This field is specific to Red Hat hosts https://access.redhat.com/documentation/en-us/red_hat_subscription_management/1/html/rhsm/uuid' },
  },
  required: ['architecture','bootID','containerRuntimeVersion','kernelVersion','kubeProxyVersion','kubeletVersion','machineID','operatingSystem','osImage','systemUUID'],
};

/** `io.k8s.api.core.v1.NodeRuntimeHandlerFeatures` */
export const nodeRuntimeHandlerFeaturesSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeRuntimeHandlerFeatures',
  description: 'NodeRuntimeHandlerFeatures is a set of features implemented by the runtime handler.',
  properties: {
    recursiveReadOnlyMounts: { type: 'boolean', description: 'RecursiveReadOnlyMounts is set to true if the runtime handler supports RecursiveReadOnlyMounts.' },
    userNamespaces: { type: 'boolean', description: 'UserNamespaces is set to true if the runtime handler supports UserNamespaces, including for volumes.' },
  },
};

/** `io.k8s.api.core.v1.NodeRuntimeHandler` */
export const nodeRuntimeHandlerSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeRuntimeHandler',
  description: 'NodeRuntimeHandler is a set of runtime handler information.',
  properties: {
    features: { ...nodeRuntimeHandlerFeaturesSchema, description: 'Supported features.' },
    name: { type: 'string', description: 'Runtime handler name. Empty for the default runtime handler.' },
  },
};

/** `io.k8s.api.core.v1.AttachedVolume` */
export const attachedVolumeSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.AttachedVolume',
  description: 'AttachedVolume describes a volume attached to a node',
  properties: {
    devicePath: { type: 'string', description: 'DevicePath represents the device path where the volume should be available' },
    name: { type: 'string', description: 'Name of the attached volume' },
  },
  required: ['devicePath','name'],
};

/** `io.k8s.api.core.v1.NodeStatus` */
export const nodeStatusSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeStatus',
  description: 'NodeStatus is information about the current status of a node.',
  properties: {
    addresses: { type: 'array', items: nodeAddressSchema, patchMergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'], description: 'List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node\'s address in its own status or consumers of the downward API (status.hostIP).' },
    allocatable: { type: 'map', values: { type: 'int-or-string', format: 'quantity' }, description: 'Allocatable represents the resources of a node that are available for scheduling. Defaults to Capacity.' },
    capacity: { type: 'map', values: { type: 'int-or-string', format: 'quantity' }, description: 'Capacity represents the total resources of a node. More info: https://kubernetes.io/docs/reference/node/node-status/#capacity' },
    conditions: { type: 'array', items: nodeConditionSchema, patchMergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'], description: 'Conditions is an array of current observed node conditions. More info: https://kubernetes.io/docs/reference/node/node-status/#condition' },
    config: { ...nodeConfigStatusSchema, description: 'Status of the config assigned to the node via the dynamic Kubelet config feature.' },
    daemonEndpoints: { ...nodeDaemonEndpointsSchema, description: 'Endpoints of daemons running on the Node.' },
    declaredFeatures: { type: 'array', items: { type: 'string' }, description: 'DeclaredFeatures represents the features related to feature gates that are declared by the node.' },
    features: { ...nodeFeaturesSchema, description: 'Features describes the set of features implemented by the CRI implementation.' },
    images: { type: 'array', items: containerImageSchema, listType: 'atomic', description: 'List of container images on this node' },
    nodeInfo: { ...nodeSystemInfoSchema, description: 'Set of ids/uuids to uniquely identify the node. More info: https://kubernetes.io/docs/reference/node/node-status/#info' },
    phase: { type: 'string', enum: ['Pending', 'Running', 'Terminated'], description: 'NodePhase is the recently observed lifecycle phase of the node. More info: https://kubernetes.io/docs/concepts/nodes/node/#phase The field is never populated, and now is deprecated.' },
    runtimeHandlers: { type: 'array', items: nodeRuntimeHandlerSchema, listType: 'atomic', description: 'The available runtime handlers.' },
    volumesAttached: { type: 'array', items: attachedVolumeSchema, listType: 'atomic', description: 'List of volumes that are attached to the node.' },
    volumesInUse: { type: 'array', items: { type: 'string' }, listType: 'atomic', description: 'List of attachable volumes in use (mounted) by the node.' },
  },
};

/** `io.k8s.api.core.v1.Node` */
export const nodeSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Node',
  description: 'Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    spec: { ...nodeSpecSchema, description: 'Spec defines the behavior of a node. https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status' },
    status: { ...nodeStatusSchema, description: 'Most recently observed status of the node. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status' },
  },
};

/** `io.k8s.api.core.v1.NodeList` */
export const nodeListSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.NodeList',
  description: 'NodeList is the whole list of all Nodes which have been registered with master.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    items: { type: 'array', items: nodeSchema, description: 'List of nodes' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...listMetaSchema, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
  },
  required: ['items'],
};

/** `io.k8s.api.core.v1.EventSeries` */
export const eventSeriesSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EventSeries',
  description: 'EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time.',
  properties: {
    count: { type: 'integer', format: 'int32', description: 'Number of occurrences in this series up to the last heartbeat time' },
    lastObservedTime: { type: 'string', format: 'date-time', description: 'Time of the last occurrence observed' },
  },
};

/** `io.k8s.api.core.v1.EventSource` */
export const eventSourceSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EventSource',
  description: 'EventSource contains information for an event.',
  properties: {
    component: { type: 'string', description: 'Component from which the event is generated.' },
    host: { type: 'string', description: 'Node name on which the event is generated.' },
  },
};

/** `io.k8s.api.core.v1.Event` */
export const eventSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Event',
  description: 'Event is a report of an event somewhere in the cluster.  Events have a limited retention time and triggers and messages may evolve with time.  Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason.  Events should be treated as informative, best-effort, supplemental data.',
  properties: {
    action: { type: 'string', description: 'What action was taken/failed regarding to the Regarding object.' },
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    count: { type: 'integer', format: 'int32', description: 'The number of times this event has occurred.' },
    eventTime: { type: 'string', format: 'date-time', description: 'Time when this Event was first observed.' },
    firstTimestamp: { type: 'string', format: 'date-time', description: 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)' },
    involvedObject: { ...objectReferenceSchema, description: 'The object that this event is about.' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    lastTimestamp: { type: 'string', format: 'date-time', description: 'The time at which the most recent occurrence of this event was recorded.' },
    message: { type: 'string', description: 'A human-readable description of the status of this operation.' },
    metadata: { ...objectMetaSchema, description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    reason: { type: 'string', description: 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.' },
    related: { ...objectReferenceSchema, description: 'Optional secondary object for more complex actions.' },
    reportingComponent: { type: 'string', description: 'Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`.' },
    reportingInstance: { type: 'string', description: 'ID of the controller instance, e.g. `kubelet-xyzf`.' },
    series: { ...eventSeriesSchema, description: 'Data about the Event series this event represents or nil if it\'s a singleton Event.' },
    source: { ...eventSourceSchema, description: 'The component reporting this event. Should be a short machine understandable string.' },
    type: { type: 'string', description: 'Type of this event (Normal, Warning), new types could be added in the future' },
  },
  required: ['involvedObject','metadata'],
};

/** `io.k8s.api.core.v1.EventList` */
export const eventListSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.EventList',
  description: 'EventList is a list of events.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    items: { type: 'array', items: eventSchema, description: 'List of events' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...listMetaSchema, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
  },
  required: ['items'],
};

/** `io.k8s.api.core.v1.ServiceAccount` */
export const serviceAccountSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ServiceAccount',
  description: 'ServiceAccount binds together: \\* a name, understood by users, and perhaps by peripheral systems, for an identity \\* a principal that can be authenticated and authorized \\* a set of secrets',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    automountServiceAccountToken: { type: 'boolean', description: 'AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted. Can be overridden at the pod level.' },
    imagePullSecrets: { type: 'array', items: localObjectReferenceSchema, listType: 'atomic', description: 'ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount. ImagePullSecrets are distinct from Secrets because Secrets can be mounted in the pod, but ImagePullSecrets are only accessed by the kubelet. More info: https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    secrets: { type: 'array', items: objectReferenceSchema, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret' },
  },
};

/** `io.k8s.api.core.v1.ServiceAccountList` */
export const serviceAccountListSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.ServiceAccountList',
  description: 'ServiceAccountList is a list of ServiceAccount objects',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    items: { type: 'array', items: serviceAccountSchema, description: 'List of ServiceAccounts. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...listMetaSchema, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
  },
  required: ['items'],
};

/** `io.k8s.api.core.v1.Binding` */
export const bindingSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.core.v1.Binding',
  description: 'Binding ties one object to another; for example, a pod is bound to a node by a scheduler.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    target: { ...objectReferenceSchema, description: 'The target object that you want to bind to the standard object.' },
  },
  required: ['target'],
};

/** `io.k8s.api.policy.v1.Eviction` */
export const policyV1EvictionSchema: ObjectSchema = {
  type: 'object',
  name: 'io.k8s.api.policy.v1.Eviction',
  description: 'Eviction evicts a pod from its node subject to certain policies and safety constraints. This is a subresource of Pod.  A request to cause such an eviction is created by POSTing to .../pods/<pod name>/evictions.',
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
    deleteOptions: { ...deleteOptionsSchema, description: 'DeleteOptions may be provided' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    metadata: { ...objectMetaSchema, description: 'ObjectMeta describes the pod that is being evicted.' },
  },
};

/** Every kind of this package by `<apiVersion>/<kind>` (e.g. `v1/Pod`). */
export const kindSchemas: Record<string, ObjectSchema> = {
  'v1/Pod': podSchema,
  'v1/PodList': podListSchema,
  'v1/Service': serviceSchema,
  'v1/ServiceList': serviceListSchema,
  'v1/Endpoints': endpointsSchema,
  'v1/EndpointsList': endpointsListSchema,
  'v1/ConfigMap': configMapSchema,
  'v1/ConfigMapList': configMapListSchema,
  'v1/Secret': secretSchema,
  'v1/SecretList': secretListSchema,
  'v1/Namespace': namespaceSchema,
  'v1/NamespaceList': namespaceListSchema,
  'v1/Node': nodeSchema,
  'v1/NodeList': nodeListSchema,
  'v1/Event': eventSchema,
  'v1/EventList': eventListSchema,
  'v1/ServiceAccount': serviceAccountSchema,
  'v1/ServiceAccountList': serviceAccountListSchema,
  'v1/Binding': bindingSchema,
  'policy/v1/Eviction': policyV1EvictionSchema,
};
