#!/usr/bin/env bash
# The main job: installs everything (scripts/setup.sh), starts Podyard in the background on the
# default data dir, applies the tutorial's multi-container pod and tells you how to look at it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

data_dir=${PODYARD_DATA_DIR:-/var/lib/podyard}
listen=${PODYARD_LISTEN:-127.0.0.1:6443}
kubeconfig="$data_dir/kubeconfig"
mkdir -p "$data_dir"

if [ -f "$data_dir/server.pid" ] && kill -0 "$(cat "$data_dir/server.pid")" 2>/dev/null; then
  echo "Podyard is already running (pid $(cat "$data_dir/server.pid"))."
else
  rm -f "$kubeconfig"
  # These machines reach no image registry: a local registry holding the offline-built images
  # under their Docker Hub names stands in for docker.io, so the tutorial's YAML runs unmodified
  # (`image: nginx` pulls, as on a cluster). Online, drop the two --registry-mirror flags.
  mirror_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  nohup bash test/images/mirror.sh --serve "$PWD/.cache/mirror" "127.0.0.1:$mirror_port" >"$data_dir/mirror.log" 2>&1 &
  echo $! >"$data_dir/mirror.pid"
  nohup node bin/podyard.js server --data-dir "$data_dir" --listen "$listen" \
    --registry-mirror "docker.io=http://127.0.0.1:$mirror_port" --registry-mirror-fallback false \
    >"$data_dir/server.log" 2>&1 &
  echo $! >"$data_dir/server.pid"
  for _ in $(seq 1 300); do
    [ -f "$kubeconfig" ] && break
    sleep 0.1
  done
  [ -f "$kubeconfig" ] || { echo "Podyard did not start; see $data_dir/server.log" >&2; exit 1; }
  echo "Podyard started (pid $(cat "$data_dir/server.pid")), log in $data_dir/server.log."
fi

kubectl --kubeconfig "$kubeconfig" apply -f examples/mc1-shared-volume.yaml
kubectl --kubeconfig "$kubeconfig" wait --for=condition=Ready pod/mc1 --timeout=120s
kubectl --kubeconfig "$kubeconfig" get pods -o wide
echo
echo "What nginx serves from the shared emptyDir, written by the debian container:"
sleep 2
kubectl --kubeconfig "$kubeconfig" exec mc1 -c 1st -- /bin/cat /usr/share/nginx/html/index.html

cat <<TXT

Look at it:
  export KUBECONFIG=$kubeconfig
  kubectl get pods -w
  kubectl describe pod mc1
  kubectl exec mc1 -c 1st -- /bin/cat /usr/share/nginx/html/index.html
  kubectl logs mc1 -c 1st
Stop Podyard (containers keep running until you delete the pods or run "podyard reset"):
  kill \$(cat $data_dir/server.pid) \$(cat $data_dir/mirror.pid)
TXT
