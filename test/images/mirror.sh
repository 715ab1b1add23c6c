#!/usr/bin/env bash
# Fills a docker-registry storage directory with every test image under its Docker Hub path
# (library/nginx:latest, training/webapp:latest, …), so that a registry serving it stands in for
# docker.io: `podyard server --registry-mirror docker.io=http://127.0.0.1:PORT`. This is how the
# example and the tests run unmodified manifests (`image: nginx`, pull policy Always) offline.
# Redone only when the test images change.
#
#   test/images/mirror.sh [--out IMAGES_DIR] [STORAGE_DIR]    (default <repo>/.cache/mirror)
#   test/images/mirror.sh --serve STORAGE_DIR HOST:PORT       (runs a registry over it, in the foreground)
set -euo pipefail
shopt -s inherit_errexit
export LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
readonly HERE ROOT

die() {
	printf 'mirror.sh: %s\n' "$*" >&2
	exit 1
}

serve() {
	local storage=$1 addr=$2 config
	config=$(mktemp)
	printf 'version: 0.1\nlog: {level: warn, accesslog: {disabled: true}}\nstorage:\n  filesystem: {rootdirectory: %s}\nhttp: {addr: %s}\n' \
		"$storage" "$addr" >"$config"
	exec /usr/bin/docker-registry serve "$config"
}

main() {
	local out=${PODYARD_IMAGE_CACHE:-$ROOT/.cache/images} storage=$ROOT/.cache/mirror
	while (($#)); do
		case $1 in
		--out) out=$2 && shift 2 ;;
		--serve) (($# == 3)) || die "--serve STORAGE_DIR HOST:PORT" && serve "$2" "$3" ;;
		-h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
		-*) die "unknown option $1 (see --help)" ;;
		*) storage=$1 && shift ;;
		esac
	done
	"$HERE/build.sh" --out "$out" >&2
	local key
	key=$(sha256sum "$out/manifest.json" | cut -d' ' -f1)
	if [[ -f $storage/.podyard-key && $(cat "$storage/.podyard-key") == "$key" ]]; then
		echo "mirror: $storage is up to date" >&2
		return
	fi
	rm -rf "$storage"
	mkdir -p "$storage"
	local port pid
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	("$0" --serve "$storage" "127.0.0.1:$port" >/dev/null 2>&1) &
	pid=$!
	trap 'kill $pid 2>/dev/null || true' EXIT
	for _ in $(seq 1 100); do
		curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null && break
		sleep 0.1
	done
	"$HERE/push.sh" --out "$out" "127.0.0.1:$port" >&2
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	trap - EXIT
	echo "$key" >"$storage/.podyard-key"
	echo "mirror: filled $storage" >&2
}

main "$@"
