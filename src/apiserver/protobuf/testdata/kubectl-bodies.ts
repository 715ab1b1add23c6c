/**
 * Request bodies captured from the real kubectl v1.32.4 on 127.0.0.1 (a throwaway HTTP server logging raw
 * POST bodies), with the JSON the same command prints under `--dry-run=client -o json`: the decoder must
 * turn each body into exactly that object. Test data only.
 */

/** One captured `kubectl create …` request. */
export interface KubectlBody {
  command: string;
  /** Request path and query. */
  path: string;
  /** The raw body, base64. */
  body: string;
  /** What `<command> --dry-run=client -o json` printed. */
  json: unknown;
}

export const kubectlBodies: readonly KubectlBody[] = [
  {
    command: "kubectl create secret docker-registry reg --docker-server=r.example --docker-username=u --docker-password=p",
    path: "/api/v1/namespaces/default/secrets?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoMCgJ2MRIGU2VjcmV0EpEBChMKA3JlZxIAGgAiACoAMgA4AEIAEloKES5kb2NrZXJjb25maWdqc29uEkV7ImF1dGhzIjp7InIuZXhhbXBsZSI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAiLCJhdXRoIjoiZFRwdyJ9fX0aHmt1YmVybmV0ZXMuaW8vZG9ja2VyY29uZmlnanNvbhoAIgA=",
    json: {"kind":"Secret","apiVersion":"v1","metadata":{"name":"reg","creationTimestamp":null},"data":{".dockerconfigjson":"eyJhdXRocyI6eyJyLmV4YW1wbGUiOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19"},"type":"kubernetes.io/dockerconfigjson"},
  },
  {
    command: "kubectl create deployment web --image=nginx --replicas=2 --port=80",
    path: "/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50ErgBCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEoYBCAISDAoKCgNhcHASA3dlYhpsChwKABIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEkwSLgoFbmdpbngSBW5naW54KgAyCgoAEAAYUCIAKgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAIgIKACgAOAAaDAgAEAAYACAAKAA4ABoAIgA=",
    json: {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80}],"resources":{}}]}},"strategy":{}},"status":{}},
  },
  {
    command: "kubectl create configmap imm --from-literal=k=v -n other",
    path: "/api/v1/namespaces/other/configmaps?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEiIKGAoDaW1tEgAaBW90aGVyIgAqADIAOABCABIGCgFrEgF2GgAiAA==",
    json: {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"imm","namespace":"other","creationTimestamp":null},"data":{"k":"v"}},
  },
  {
    command: "kubectl create configmap cfg --from-literal=a=b --from-file=app.properties --from-file=blob.bin",
    path: "/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEloKEwoDY2ZnEgAaACIAKgAyADgAQgASBgoBYRIBYhIlCg5hcHAucHJvcGVydGllcxITY29sb3I9Ymx1ZQpzaXplPTEwChoUCghibG9iLmJpbhIIAAEC//5iaW4aACIA",
    json: {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cfg","creationTimestamp":null},"data":{"a":"b","app.properties":"color=blue\nsize=10\n"},"binaryData":{"blob.bin":"AAEC//5iaW4="}},
  },
  {
    command: "kubectl create secret generic s --from-literal=user=admin --from-literal=pass=s3cr3t",
    path: "/api/v1/namespaces/default/secrets?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoMCgJ2MRIGU2VjcmV0EjQKEQoBcxIAGgAiACoAMgA4AEIAEg4KBHBhc3MSBnMzY3IzdBINCgR1c2VyEgVhZG1pbhoAGgAiAA==",
    json: {"kind":"Secret","apiVersion":"v1","metadata":{"name":"s","creationTimestamp":null},"data":{"pass":"czNjcjN0","user":"YWRtaW4="}},
  },
  {
    command: "kubectl create namespace team-a",
    path: "/api/v1/namespaces?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEh4KFgoGdGVhbS1hEgAaACIAKgAyADgAQgASABoCCgAaACIA",
    json: {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-a","creationTimestamp":null},"spec":{},"status":{}},
  },
  {
    command: "kubectl create serviceaccount builder",
    path: "/api/v1/namespaces/default/serviceaccounts?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSGQoXCgdidWlsZGVyEgAaACIAKgAyADgAQgAaACIA",
    json: {"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"builder","creationTimestamp":null}},
  },
  {
    command: "kubectl create service nodeport x --tcp=80:8080",
    path: "/api/v1/namespaces/default/services?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoNCgJ2MRIHU2VydmljZRJiChsKAXgSABoAIgAqADIAOABCAFoICgNhcHASAXgSPwobCgc4MC04MDgwEgNUQ1AYUCIHCAAQkD8aACgAEggKA2FwcBIBeBoAIghOb2RlUG9ydDoAQgBSAFoAYABoABoCCgAaACIA",
    json: {"kind":"Service","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null,"labels":{"app":"x"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"x"},"type":"NodePort"},"status":{"loadBalancer":{}}},
  },
  {
    command: "kubectl create service clusterip web --tcp=80:8080 --tcp=443:8443",
    path: "/api/v1/namespaces/default/services?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoNCgJ2MRIHU2VydmljZRKIAQofCgN3ZWISABoAIgAqADIAOABCAFoKCgNhcHASA3dlYhJhChsKBzgwLTgwODASA1RDUBhQIgcIABCQPxoAKAAKHQoINDQzLTg0NDMSA1RDUBi7AyIHCAAQ+0EaACgAEgoKA2FwcBIDd2ViGgAiCUNsdXN0ZXJJUDoAQgBSAFoAYABoABoCCgAaACIA",
    json: {"kind":"Service","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080},{"name":"443-8443","protocol":"TCP","port":443,"targetPort":8443}],"selector":{"app":"web"},"type":"ClusterIP"},"status":{"loadBalancer":{}}},
  },
  {
    command: "kubectl create service clusterip headless --clusterip=None",
    path: "/api/v1/namespaces/default/services?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoNCgJ2MRIHU2VydmljZRJfCikKCGhlYWRsZXNzEgAaACIAKgAyADgAQgBaDwoDYXBwEghoZWFkbGVzcxIuEg8KA2FwcBIIaGVhZGxlc3MaBE5vbmUiCUNsdXN0ZXJJUDoAQgBSAFoAYABoABoCCgAaACIA",
    json: {"kind":"Service","apiVersion":"v1","metadata":{"name":"headless","creationTimestamp":null,"labels":{"app":"headless"}},"spec":{"selector":{"app":"headless"},"clusterIP":"None","type":"ClusterIP"},"status":{"loadBalancer":{}}},
  },
  {
    command: "kubectl create service externalname ext --external-name=example.com",
    path: "/api/v1/namespaces/default/services?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoNCgJ2MRIHU2VydmljZRJaCh8KA2V4dBIAGgAiACoAMgA4AEIAWgoKA2FwcBIDZXh0EjMSCgoDYXBwEgNleHQaACIMRXh0ZXJuYWxOYW1lOgBCAFILZXhhbXBsZS5jb21aAGAAaAAaAgoAGgAiAA==",
    json: {"kind":"Service","apiVersion":"v1","metadata":{"name":"ext","creationTimestamp":null,"labels":{"app":"ext"}},"spec":{"selector":{"app":"ext"},"type":"ExternalName","externalName":"example.com"},"status":{"loadBalancer":{}}},
  },
  {
    command: "kubectl create service loadbalancer lb --tcp=5678:8080",
    path: "/api/v1/namespaces/default/services?fieldManager=kubectl-create&fieldValidation=Strict",
    body: "azhzAAoNCgJ2MRIHU2VydmljZRJsCh0KAmxiEgAaACIAKgAyADgAQgBaCQoDYXBwEgJsYhJHCh4KCTU2NzgtODA4MBIDVENQGK4sIgcIABCQPxoAKAASCQoDYXBwEgJsYhoAIgxMb2FkQmFsYW5jZXI6AEIAUgBaAGAAaAAaAgoAGgAiAA==",
    json: {"kind":"Service","apiVersion":"v1","metadata":{"name":"lb","creationTimestamp":null,"labels":{"app":"lb"}},"spec":{"ports":[{"name":"5678-8080","protocol":"TCP","port":5678,"targetPort":8080}],"selector":{"app":"lb"},"type":"LoadBalancer"},"status":{"loadBalancer":{}}},
  },
];
