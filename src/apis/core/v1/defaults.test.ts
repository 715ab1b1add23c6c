import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDefaultTolerationSeconds, addServiceAccountDefaults, defaultNamespace, defaultNode, defaultPod, defaultSecret,
  defaultService, imageTag, normalizePodStatusIPs,
} from './defaults.js';
import { computeQOSClass } from './qos.js';
import type { Namespace, Pod, Secret, Service } from './types.js';

/** The pod of the "Pods" concept page (nginx:1.14.2, port 80). */
function tutorialPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx', namespace: 'default' },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
  };
}

describe('defaultPod', () => {
  it('matches what a real cluster returns for the tutorial pod (minus the token volume)', () => {
    const pod = tutorialPod();
    defaultPod(pod);
    addServiceAccountDefaults(pod);
    addDefaultTolerationSeconds(pod);
    // `kubectl get pod nginx -o yaml` on a 1.32 cluster, right after create, without the
    // kube-api-access projected volume and its mount.
    assert.deepEqual(pod, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx', namespace: 'default' },
      spec: {
        containers: [{
          image: 'nginx:1.14.2',
          imagePullPolicy: 'IfNotPresent',
          name: 'nginx',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        }],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: true,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        serviceAccount: 'default',
        serviceAccountName: 'default',
        terminationGracePeriodSeconds: 30,
        tolerations: [
          { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
          { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
        ],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
  });

  it('defaults probes, env fieldRef, volumes and requests from limits', () => {
    const pod: Pod = {
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        containers: [{
          name: 'app',
          image: 'busybox',
          resources: { limits: { cpu: '500m', memory: '128Mi' } },
          env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          livenessProbe: { httpGet: { port: 8080 } },
          readinessProbe: { grpc: { port: 9090 }, periodSeconds: 5 },
        }],
        initContainers: [{ name: 'init', image: 'busybox@sha256:' + 'a'.repeat(64), restartPolicy: 'Always' }],
        volumes: [
          { name: 'cfg', configMap: { name: 'cfg' } },
          { name: 'sec', secret: { secretName: 's' } },
          { name: 'host', hostPath: { path: '/tmp' } },
          { name: 'scratch' },
          { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        ],
      },
    };
    defaultPod(pod);
    const c = pod.spec!.containers[0]!;
    assert.equal(c.imagePullPolicy, 'Always');
    assert.deepEqual(c.resources, { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } });
    assert.deepEqual(c.env![0]!.valueFrom!.fieldRef, { apiVersion: 'v1', fieldPath: 'metadata.name' });
    assert.deepEqual(c.livenessProbe, {
      httpGet: { path: '/', port: 8080, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3,
    });
    assert.deepEqual(c.readinessProbe, {
      grpc: { port: 9090, service: '' }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3,
    });
    assert.equal(pod.spec!.initContainers![0]!.imagePullPolicy, 'IfNotPresent');
    const v = pod.spec!.volumes!;
    assert.deepEqual(v[0], { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } });
    assert.deepEqual(v[1], { name: 'sec', secret: { secretName: 's', defaultMode: 420 } });
    assert.deepEqual(v[2], { name: 'host', hostPath: { path: '/tmp', type: '' } });
    assert.deepEqual(v[3], { name: 'scratch', emptyDir: {} });
    assert.deepEqual(v[4]!.downwardAPI, { defaultMode: 420, items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] });
    // The init container has no limits, so the pod is not Guaranteed.
    assert.deepEqual(pod.status, { phase: 'Pending', qosClass: 'Burstable' });
  });

  it('stores quantities in canonical form, rounded up to milli', () => {
    const p = tutorialPod();
    p.spec!.containers[0]!.resources = { limits: { cpu: '0.5', memory: '1024Mi' }, requests: { cpu: '1n', memory: 134217728 } };
    defaultPod(p);
    assert.deepEqual(p.spec!.containers[0]!.resources, { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '1m', memory: '134217728' } });
  });

  it('copies containerPort into hostPort with hostNetwork', () => {
    const pod: Pod = { metadata: {}, spec: { hostNetwork: true, containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 53, protocol: 'UDP' }] }] } };
    defaultPod(pod);
    assert.deepEqual(pod.spec!.containers[0]!.ports, [{ containerPort: 53, protocol: 'UDP', hostPort: 53 }]);
  });

  it('marks gated pods unscheduled and expands matchLabelKeys', () => {
    const p = tutorialPod();
    p.metadata.labels = { app: 'web', track: 'canary' };
    p.spec!.schedulingGates = [{ name: 'example.com/gate' }];
    p.spec!.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [
      { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['track'] },
    ] } };
    defaultPod(p);
    assert.deepEqual(p.status!.conditions, [{
      type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates',
      lastProbeTime: null, lastTransitionTime: null,
    }]);
    assert.deepEqual(p.spec!.affinity.podAntiAffinity!.requiredDuringSchedulingIgnoredDuringExecution![0]!.labelSelector,
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: 'In', values: ['canary'] }] });
  });

  it('mirrors serviceAccount and status IPs like the v1 conversion', () => {
    const p = tutorialPod();
    p.spec!.serviceAccount = 'builder';
    defaultPod(p);
    assert.equal(p.spec!.serviceAccountName, 'builder');
    assert.equal(p.spec!.serviceAccount, 'builder');
    p.status = { podIP: '10.42.0.7', hostIPs: [{ ip: '192.168.1.10' }] };
    normalizePodStatusIPs(p);
    assert.deepEqual(p.status, { podIP: '10.42.0.7', podIPs: [{ ip: '10.42.0.7' }], hostIP: '192.168.1.10', hostIPs: [{ ip: '192.168.1.10' }] });
  });

  it('keeps an existing toleration for not-ready', () => {
    const pod = tutorialPod();
    pod.spec!.tolerations = [{ operator: 'Exists' }];
    addDefaultTolerationSeconds(pod);
    assert.deepEqual(pod.spec!.tolerations, [{ operator: 'Exists' }]);
  });
});

describe('imageTag', () => {
  it('parses references like ParseImageName', () => {
    assert.equal(imageTag('nginx'), 'latest');
    assert.equal(imageTag('nginx:1.25'), '1.25');
    assert.equal(imageTag('localhost:5000/app'), 'latest');
    assert.equal(imageTag('localhost:5000/app:v2'), 'v2');
    assert.equal(imageTag('app@sha256:abc'), '');
    assert.equal(imageTag('app:latest@sha256:abc'), 'latest');
  });
});

describe('computeQOSClass', () => {
  const pod = (resources: object[]): Pod => ({ metadata: {}, spec: { containers: resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r })) } });
  it('classifies like pkg/apis/core/helper/qos', () => {
    assert.equal(computeQOSClass(pod([{}])), 'BestEffort');
    assert.equal(computeQOSClass(pod([{ requests: { cpu: '0' } }])), 'BestEffort');
    assert.equal(computeQOSClass(pod([{ requests: { cpu: '100m' } }])), 'Burstable');
    assert.equal(computeQOSClass(pod([{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }])), 'Guaranteed');
    assert.equal(computeQOSClass(pod([{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } }])), 'Burstable');
    assert.equal(computeQOSClass(pod([{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, {}])), 'Burstable');
    assert.equal(computeQOSClass(pod([{ limits: { cpu: '1' }, requests: { cpu: '1' } }])), 'Burstable');
    assert.equal(computeQOSClass(pod([{ limits: { 'example.com/gpu': '1' } }])), 'BestEffort');
  });
});

describe('defaultService', () => {
  it('matches a ClusterIP service as stored (before IP allocation)', () => {
    const svc: Service = { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    defaultService(svc);
    assert.deepEqual(svc.spec, {
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    assert.deepEqual(svc.status, { loadBalancer: {} });
  });

  it('adds externalTrafficPolicy for NodePort and LoadBalancer', () => {
    const np: Service = { metadata: {}, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] } };
    defaultService(np);
    assert.equal(np.spec!.externalTrafficPolicy, 'Cluster');
    assert.equal(np.spec!.ports![0]!.targetPort, 'http');
    const ext: Service = { metadata: {}, spec: { externalIPs: ['192.0.2.10'], ports: [{ port: 80 }] } };
    defaultService(ext);
    assert.equal(ext.spec!.externalTrafficPolicy, 'Cluster');
    const lb: Service = { metadata: {}, spec: { type: 'LoadBalancer', ports: [{ port: 443 }] } };
    defaultService(lb);
    assert.equal(lb.spec!.allocateLoadBalancerNodePorts, true);
  });

  it('handles headless, ExternalName and ClientIP affinity', () => {
    const headless: Service = { metadata: {}, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } };
    defaultService(headless);
    assert.deepEqual(headless.spec!.clusterIPs, ['None']);
    assert.equal(headless.spec!.ipFamilyPolicy, 'SingleStack');
    const noSel: Service = { metadata: {}, spec: { clusterIP: 'None' } };
    defaultService(noSel);
    assert.equal(noSel.spec!.ipFamilyPolicy, 'RequireDualStack');
    const ext: Service = { metadata: {}, spec: { type: 'ExternalName', externalName: 'example.com' } };
    defaultService(ext);
    assert.equal(ext.spec!.ipFamilies, undefined);
    assert.equal(ext.spec!.internalTrafficPolicy, undefined);
    const aff: Service = { metadata: {}, spec: { sessionAffinity: 'ClientIP', ports: [{ port: 1 }] } };
    defaultService(aff);
    assert.deepEqual(aff.spec!.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
  });
});

describe('other kinds', () => {
  it('defaults secrets (type, stringData)', () => {
    const s: Secret = { metadata: {}, stringData: { password: 'hunter2' } };
    defaultSecret(s);
    assert.deepEqual(s, { metadata: {}, data: { password: Buffer.from('hunter2').toString('base64') }, type: 'Opaque' });
  });

  it('defaults namespaces', () => {
    const ns: Namespace = { metadata: { name: 'team-a' } };
    defaultNamespace(ns);
    assert.deepEqual(ns, {
      metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('defaults node allocatable from capacity', () => {
    const node = { metadata: {}, status: { capacity: { cpu: '2', memory: '4Gi' } } };
    defaultNode(node);
    assert.deepEqual(node.status, { capacity: { cpu: '2', memory: '4Gi' }, allocatable: { cpu: '2', memory: '4Gi' } });
  });
});
