import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage, isDNS1123Label, isDNS1035Label, type FieldError } from '../../meta/v1/index.js';
import { defaultPod, defaultService, defaultSecret } from './defaults.js';
import {
  validateBinding, validateConfigMap, validateConfigMapUpdate, validateEndpoints, validateEvent, validateNamespace, validateNode,
  validatePod, validatePodStatusUpdate, validatePodUpdate, validateSecret, validateSecretUpdate, validateService,
  validateServiceAccount, validateServiceUpdate, updatablePodSpecFields,
} from './validation.js';
import type { Container, Pod, Service } from './types.js';

const msgs = (errs: FieldError[]): string[] => errs.map(fieldErrorMessage);
const dnsLabelMsg = (v: string): string => isDNS1123Label(v)[0]!;

function pod(mutate: (p: Pod) => void = () => {}): Pod {
  const p: Pod = {
    metadata: { name: 'web', namespace: 'default', resourceVersion: '1' },
    spec: {
      containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', emptyDir: {} }],
    },
  };
  mutate(p);
  defaultPod(p);
  return p;
}
const c0 = (p: Pod): Container => p.spec!.containers[0]!;

describe('validatePod', () => {
  it('accepts a defaulted pod', () => {
    assert.deepEqual(msgs(validatePod(pod())), []);
  });

  it('checks container names, duplicates and images', () => {
    const p = pod((p) => {
      p.spec!.containers.push({ name: 'Bad_Name', image: '' }, { name: 'nginx', image: 'x' });
      p.spec!.initContainers = [{ name: 'nginx', image: ' busybox' }];
    });
    assert.deepEqual(msgs(validatePod(p)), [
      `spec.containers[1].name: Invalid value: "Bad_Name": ${dnsLabelMsg('Bad_Name')}`,
      'spec.containers[1].image: Required value',
      'spec.containers[2].name: Duplicate value: "nginx"',
      'spec.initContainers[0].name: Duplicate value: "nginx"',
      'spec.initContainers[0].image: Invalid value: " busybox": must not have leading or trailing whitespace',
    ]);
  });

  it('requires at least one container', () => {
    const p = pod((p) => { p.spec!.containers = []; });
    assert.ok(msgs(validatePod(p)).includes('spec.containers: Required value'));
  });

  it('checks volumes and mounts', () => {
    const p = pod((p) => {
      p.spec!.volumes!.push({ name: 'data', emptyDir: {} }, { name: 'two', emptyDir: {}, hostPath: { path: '/x' } }, { name: 'Bad' , emptyDir: {} });
      c0(p).volumeMounts!.push({ name: 'missing', mountPath: '/data' }, { name: 'data', mountPath: '' });
    });
    assert.deepEqual(msgs(validatePod(p)), [
      'spec.volumes[1].name: Duplicate value: "data"',
      'spec.volumes[2].hostPath: Forbidden: may not specify more than 1 volume type',
      `spec.volumes[3].name: Invalid value: "Bad": ${dnsLabelMsg('Bad')}`,
      'spec.containers[0].volumeMounts[1].name: Not found: "missing"',
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
      'spec.containers[0].volumeMounts[2].mountPath: Required value',
    ]);
  });

  it('checks restartPolicy, dnsPolicy, hostname and activeDeadlineSeconds', () => {
    const p = pod((p) => {
      p.spec!.restartPolicy = 'Sometimes' as never;
      p.spec!.dnsPolicy = 'Google' as never;
      p.spec!.hostname = 'My_Host';
      p.spec!.activeDeadlineSeconds = 0;
    });
    assert.deepEqual(msgs(validatePod(p)), [
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
      `spec.hostname: Invalid value: "My_Host": ${dnsLabelMsg('My_Host')}`,
    ]);
  });

  it('checks ports', () => {
    const p = pod((p) => {
      c0(p).ports = [{ containerPort: 70000 }, { containerPort: 0, name: 'http' }, { containerPort: 8080, protocol: 'ICMP' as never, name: 'http' }];
    });
    assert.deepEqual(msgs(validatePod(p)), [
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].containerPort: Required value',
      'spec.containers[0].ports[2].name: Duplicate value: "http"',
      'spec.containers[0].ports[2].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('checks resources', () => {
    const p = pod((p) => {
      c0(p).resources = { limits: { cpu: '500m', memory: 'lots' }, requests: { cpu: '1', 'foo': '1' } };
    });
    assert.deepEqual(msgs(validatePod(p)), [
      `spec.containers[0].resources.limits[memory]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
      'spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource for containers',
      // Defaulting copied the bad limit into requests.
      `spec.containers[0].resources.requests[memory]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
  });

  it('checks probes and lifecycle handlers', () => {
    const p = pod((p) => {
      c0(p).livenessProbe = {};
      c0(p).readinessProbe = { exec: { command: ['true'] }, tcpSocket: { port: 80 } };
      c0(p).startupProbe = { httpGet: { port: 'http-port-name-too-long' }, successThreshold: 2 };
      c0(p).lifecycle = { preStop: { sleep: { seconds: 60 } } };
    });
    assert.deepEqual(msgs(validatePod(p)), [
      'spec.containers[0].lifecycle.preStop.sleep: Invalid value: 60: must be non-negative and less than terminationGracePeriodSeconds (30)',
      'spec.containers[0].livenessProbe: Required value: must specify a handler type',
      'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
      'spec.containers[0].startupProbe.httpGet.port: Invalid value: "http-port-name-too-long": must be no more than 15 characters',
      'spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1',
    ]);
  });

  it('forbids probes on plain init containers but allows them on sidecars', () => {
    const p = pod((p) => {
      p.spec!.initContainers = [
        { name: 'init', image: 'busybox', readinessProbe: { exec: { command: ['true'] } } },
        { name: 'sidecar', image: 'busybox', restartPolicy: 'Always', readinessProbe: { exec: { command: ['true'] } } },
        { name: 'bad', image: 'busybox', restartPolicy: 'OnFailure' },
      ];
    });
    assert.deepEqual(msgs(validatePod(p)), [
      'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
      'spec.initContainers[2].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
  });

  it('checks env names and sources', () => {
    const p = pod((p) => {
      c0(p).env = [
        { name: '' },
        { name: 'A=B' },
        { name: 'X', valueFrom: {} },
        { name: 'Y', value: 'v', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'Z', valueFrom: { fieldRef: { fieldPath: 'spec.bogus' } } },
        { name: 'K', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'bad key' } } },
      ];
    });
    assert.deepEqual(msgs(validatePod(p)), [
      'spec.containers[0].env[0].name: Required value',
      `spec.containers[0].env[1].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
      'spec.containers[0].env[2].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      'spec.containers[0].env[3].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
      'spec.containers[0].env[4].valueFrom.fieldRef.fieldPath: Invalid value: "spec.bogus": error converting fieldPath: field label not supported: spec.bogus',
      `spec.containers[0].env[5].valueFrom.configMapKeyRef.key: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    ]);
  });

  it('checks tolerations and dnsConfig', () => {
    const p = pod((p) => {
      p.spec!.tolerations = [{ key: '', operator: 'Equal' }, { key: 'a', operator: 'Exists', value: 'v', tolerationSeconds: 5, effect: 'NoSchedule' }];
      p.spec!.dnsPolicy = 'None';
    });
    assert.deepEqual(msgs(validatePod(p)), [
      'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      `spec.tolerations[1].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when \`tolerationSeconds\` is set`,
      `spec.tolerations[1].operator: Invalid value: "v": value must be empty when \`operator\` is 'Exists'`,
    ]);
  });

  it('requires terminationGracePeriodSeconds (set by defaulting)', () => {
    const p = pod();
    delete p.spec!.terminationGracePeriodSeconds;
    assert.deepEqual(msgs(validatePod(p)), ['spec.terminationGracePeriodSeconds: Required value']);
  });
});

describe('validatePodUpdate', () => {
  it('allows image, activeDeadlineSeconds and toleration additions', () => {
    const old = pod();
    const next = structuredClone(old);
    c0(next).image = 'nginx:1.26';
    next.spec!.activeDeadlineSeconds = 100;
    next.spec!.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }];
    assert.deepEqual(msgs(validatePodUpdate(next, old)), []);
  });

  it('forbids other spec changes with the upstream message', () => {
    const old = pod();
    const next = structuredClone(old);
    next.spec!.restartPolicy = 'Never';
    const errs = validatePodUpdate(next, old);
    assert.equal(errs.length, 1);
    assert.equal(errs[0]!.field, 'spec');
    assert.equal(errs[0]!.type, 'FieldValueForbidden');
    assert.ok(errs[0]!.detail.startsWith(`pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n`));
    assert.ok(fieldErrorMessage(errs[0]!).startsWith('spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n'));
  });

  it('forbids adding containers and raising activeDeadlineSeconds', () => {
    const old = pod((p) => { p.spec!.activeDeadlineSeconds = 10; });
    const next = structuredClone(old);
    next.spec!.activeDeadlineSeconds = 20;
    assert.deepEqual(msgs(validatePodUpdate(next, old)), ['spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value']);
    const more = structuredClone(old);
    more.spec!.containers.push({ ...c0(old), name: 'two', volumeMounts: [] });
    assert.deepEqual(msgs(validatePodUpdate(more, old)), ['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });

  it('forbids modifying existing tolerations', () => {
    const old = pod((p) => { p.spec!.tolerations = [{ key: 'a', operator: 'Exists' }]; });
    const next = structuredClone(old);
    next.spec!.tolerations = [{ key: 'b', operator: 'Exists' }];
    assert.deepEqual(msgs(validatePodUpdate(next, old)), ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']);
  });
});

describe('validatePodStatusUpdate', () => {
  it('forbids nodeName changes, qosClass changes and un-terminating containers', () => {
    const old = pod((p) => { p.spec!.restartPolicy = 'Never'; });
    old.status!.containerStatuses = [{ name: 'nginx', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0 } } }];
    const next = structuredClone(old);
    next.spec!.nodeName = 'node-1';
    next.status!.qosClass = 'Guaranteed';
    next.status!.containerStatuses = [{ name: 'nginx', image: 'nginx', imageID: '', ready: true, restartCount: 1, state: { running: {} } }];
    next.status!.podIPs = [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }];
    const out = msgs(validatePodStatusUpdate(next, old));
    assert.deepEqual(out.slice(0, 3), [
      'status.nodeName: Forbidden: may not be changed directly',
      'status.qosClass: Invalid value: "Guaranteed": field is immutable',
      'status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state',
    ]);
    assert.equal(out.length, 4);
    assert.match(out[3]!, /^status\.podIPs: Invalid value: .*: may specify no more than one IP for each IP family$/);
  });
});

function svc(mutate: (s: Service) => void = () => {}): Service {
  const s: Service = { metadata: { name: 'web', namespace: 'default', resourceVersion: '1' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
  mutate(s);
  defaultService(s);
  return s;
}

describe('validateService', () => {
  it('accepts a defaulted service', () => {
    assert.deepEqual(msgs(validateService(svc())), []);
    assert.deepEqual(msgs(validateService(svc((s) => { s.spec!.type = 'NodePort'; s.spec!.ports![0]!.nodePort = 30080; }))), []);
    assert.deepEqual(msgs(validateService(svc((s) => { s.spec!.clusterIP = 'None'; s.spec!.ports = []; }))), []);
  });

  it('checks name, ports, names and nodePort', () => {
    const s = svc((s) => {
      s.metadata.name = '1web';
      s.spec!.ports = [{ port: 80, nodePort: 30001 }, { port: 80, targetPort: 0, name: 'Http' }, { port: 0, name: 'x' }];
    });
    assert.deepEqual(msgs(validateService(s)), [
      `metadata.name: Invalid value: "1web": ${isDNS1035Label('1web')[0]!}`,
      'spec.ports[0].name: Required value',
      `spec.ports[1].name: Invalid value: "Http": ${dnsLabelMsg('Http')}`,
      'spec.ports[2].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[2].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
      'spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}',
    ]);
  });

  it('requires ports unless headless or ExternalName', () => {
    assert.deepEqual(msgs(validateService(svc((s) => { s.spec!.ports = []; }))), ['spec.ports: Required value']);
    const ext = svc((s) => { s.spec!.type = 'ExternalName'; s.spec!.externalName = 'example.com'; s.spec!.ports = []; });
    assert.deepEqual(msgs(validateService(ext)), []);
  });

  it('checks type, sessionAffinity, clusterIP and selector', () => {
    const s = svc((s) => {
      s.spec!.clusterIP = '10.0.0.300';
      s.spec!.selector = { 'bad key!': 'v' };
    });
    s.spec!.type = 'Magic' as never;
    s.spec!.sessionAffinity = 'Sticky' as never;
    const out = msgs(validateService(s));
    assert.ok(out.includes('spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"'));
    assert.ok(out.includes('spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    assert.ok(out.includes('spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'));
    assert.ok(out.some((m) => m.startsWith('spec.selector: Invalid value: "bad key!": ')));
  });

  it('forbids changing clusterIP on update', () => {
    const old = svc((s) => { s.spec!.clusterIP = '10.96.0.10'; });
    const next = structuredClone(old);
    next.spec!.clusterIP = '10.96.0.11';
    next.spec!.clusterIPs = ['10.96.0.11'];
    assert.deepEqual(msgs(validateServiceUpdate(next, old)), ['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set']);
  });
});

describe('config and secrets', () => {
  it('checks configmap keys and size', () => {
    const errs = validateConfigMap({ metadata: { name: 'cfg', namespace: 'default' }, data: { 'ok.key': 'v', 'bad/key': 'v', big: 'x'.repeat(1024 * 1024) } });
    assert.deepEqual(msgs(errs), [
      `data[bad/key]: Invalid value: "bad/key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      msgs(errs)[1]!,
    ]);
    assert.equal(errs[1]!.type, 'FieldValueTooLong');
    // field.NewPath("") renders as "[]", so kubectl prints "[]: Too long: …".
    assert.equal(errs[1]!.field, '[]');
  });

  it('keeps immutable configmaps immutable', () => {
    const old = { metadata: { name: 'cfg', namespace: 'default', resourceVersion: '1' }, immutable: true, data: { a: '1' } };
    assert.deepEqual(msgs(validateConfigMapUpdate({ ...old, data: { a: '2' } }, old)), ['data: Forbidden: field is immutable when `immutable` is set']);
  });

  it('checks type-specific secret keys', () => {
    const base = { metadata: { name: 's', namespace: 'default' } };
    assert.deepEqual(msgs(validateSecret({ ...base, type: 'kubernetes.io/dockerconfigjson', data: {} })), ['data[.dockerconfigjson]: Required value']);
    assert.deepEqual(msgs(validateSecret({ ...base, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from('nope').toString('base64') } })),
      ['data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'n\' looking for beginning of value']);
    assert.deepEqual(msgs(validateSecret({ ...base, type: 'kubernetes.io/tls', data: { 'tls.crt': '' } })), ['data[tls.key]: Required value']);
    assert.deepEqual(msgs(validateSecret({ ...base, type: 'kubernetes.io/basic-auth', data: {} })), ['data[username]: Required value', 'data[password]: Required value']);
    assert.deepEqual(msgs(validateSecret({ ...base, type: 'kubernetes.io/service-account-token' })),
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value']);
    const s = { metadata: { ...base.metadata, resourceVersion: '1' }, stringData: { k: 'v' } };
    defaultSecret(s);
    assert.deepEqual(msgs(validateSecret(s)), []);
    assert.deepEqual(msgs(validateSecretUpdate({ ...s, type: 'kubernetes.io/tls' }, s)).slice(0, 1), ['type: Invalid value: "kubernetes.io/tls": field is immutable']);
  });
});

describe('other kinds', () => {
  it('validates namespaces', () => {
    assert.deepEqual(msgs(validateNamespace({ metadata: { name: 'team-a' }, spec: { finalizers: ['kubernetes'] } })), []);
    assert.deepEqual(msgs(validateNamespace({ metadata: { name: 'team-a' }, spec: { finalizers: ['custom'] } })),
      ['spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified']);
  });

  it('validates nodes', () => {
    assert.deepEqual(msgs(validateNode({ metadata: { name: 'node-1' }, status: { capacity: { cpu: '2', pods: '110' } } })), []);
    assert.deepEqual(msgs(validateNode({ metadata: { name: 'node-1' }, status: { capacity: { pods: '1.5' } } })),
      ['status.capacity.pods: Invalid value: "1500m": must be an integer']);
  });

  it('validates service accounts, endpoints and bindings', () => {
    assert.deepEqual(msgs(validateServiceAccount({ metadata: { name: 'default', namespace: 'default' } })), []);
    assert.deepEqual(msgs(validateEndpoints({ metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }] }] })),
      ['subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']);
    assert.deepEqual(msgs(validateBinding({ metadata: { name: 'web' }, target: { kind: 'Pod', name: '' } })),
      ['target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"', 'target.name: Required value']);
  });

  it('validates core events (legacy rules)', () => {
    const ev = { metadata: { name: 'web.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'other' } };
    assert.deepEqual(msgs(validateEvent(ev)), ['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
    const modern = { ...ev, involvedObject: { ...ev.involvedObject, namespace: 'default' }, eventTime: '2026-01-01T00:00:00.000000Z' };
    assert.deepEqual(msgs(validateEvent(modern)), [
      'reportingComponent: Required value',
      'reportingComponent: Invalid value: "": name part must be non-empty',
      msgs(validateEvent(modern))[2]!,
      'reportingInstance: Required value',
      'action: Required value',
      'reason: Required value',
    ]);
  });
});

describe('core ObjectMeta rules', () => {
  it('rejects non-standard unqualified finalizers', () => {
    const p = pod((p) => { p.metadata.finalizers = ['kubernetes', 'example.com/cleanup', 'cleanup']; });
    assert.deepEqual(msgs(validatePod(p)), ['metadata.finalizers[2]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified']);
  });
});
