#!/usr/bin/env bash
# Smoke-tests the images built by build.sh: checks archive metadata and runs
# each image with runc (root needed). Network traffic stays on the loopback
# of the containers' own network namespace.
#
#   test/images/smoke.sh [--out DIR] [IMAGE...]
# shellcheck disable=SC2016 # single-quoted jq programs use jq variables
set -euo pipefail
shopt -s inherit_errexit
export LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly HERE
readonly ALL=(busybox debian nginx python ipc busybox-multi)
readonly PATH_ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

OUT=${PODYARD_IMAGE_CACHE:-$(cd "$HERE/../.." && pwd)/.cache/images}
TMP=
CONTAINERS=()
FAILURES=0

cleanup() {
	local id
	for id in "${CONTAINERS[@]}"; do
		runc delete --force "$id" >/dev/null 2>&1 || true
	done
	[[ -z $TMP ]] || rm -rf --one-file-system "$TMP"
}

pass() { printf '  ok    %s\n' "$*"; }
fail() {
	printf '  FAIL  %s\n' "$*"
	FAILURES=$((FAILURES + 1))
}
# check DESCRIPTION COMMAND...: runs COMMAND, reports pass/fail.
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

entry() { jq -e --arg n "$1" '.images[] | select(.name == $n)' "$OUT/manifest.json"; }

# config IMAGE: the OCI image config of IMAGE's first reference name.
config() {
	local dir=$TMP/$1.oci manifest
	manifest=$(jq -r '.manifests[0].digest' "$dir/index.json")
	manifest=$dir/blobs/sha256/${manifest#sha256:}
	cat "$dir/blobs/sha256/$(jq -r '.config.digest | sub("sha256:"; "")' "$manifest")"
}

# unpack IMAGE: OCI archive -> runc bundle at $TMP/IMAGE.bundle.
unpack() {
	local image=$1 ref
	ref=$(entry "$image" | jq -r '.names[0]')
	mkdir -p "$TMP/$image.oci"
	tar -C "$TMP/$image.oci" -xf "$OUT/$image.oci.tar"
	umoci unpack --image "$TMP/$image.oci:$ref" "$TMP/$image.bundle" >/dev/null
	cp "$TMP/$image.bundle/config.json" "$TMP/$image.bundle/config.json.image"
}

# The capabilities container runtimes give by default (umoci's runtime config
# has only three; nginx needs SETUID/SETGID to drop to its user).
readonly DEFAULT_CAPS='["CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_FSETID","CAP_FOWNER","CAP_MKNOD",
"CAP_NET_RAW","CAP_SETGID","CAP_SETUID","CAP_SETFCAP","CAP_SETPCAP","CAP_NET_BIND_SERVICE",
"CAP_SYS_CHROOT","CAP_KILL","CAP_AUDIT_WRITE"]'

# edit_bundle BUNDLE JQ_FILTER [JQ_ARGS...]: writes config.json as the
# image's runtime config (from umoci unpack) edited by JQ_FILTER.
edit_bundle() {
	local bundle=$1 filter=$2
	shift 2
	jq --argjson caps "$DEFAULT_CAPS" ".process.terminal = false
		| .process.capabilities = {bounding: \$caps, effective: \$caps, permitted: \$caps}
		| $filter" "$bundle/config.json.image" "$@" >"$bundle/config.json"
}

# json_array STRING...: prints the strings as a JSON array.
json_array() {
	local arg json='[]'
	for arg in "$@"; do
		json=$(jq -c --arg a "$arg" '. + [$a]' <<<"$json")
	done
	printf '%s\n' "$json"
}

# run IMAGE ARG...: runs ARGs in a fresh container of IMAGE, prints output.
run() {
	local image=$1 id
	shift
	id=podyard-smoke-$image-$$-$RANDOM
	edit_bundle "$TMP/$image.bundle" '.process.args = $args' --argjson args "$(json_array "$@")"
	runc run --bundle "$TMP/$image.bundle" "$id" </dev/null 2>&1
}

# start IMAGE ID LOG [JQ_FILTER [JQ_ARGS...]]: starts a detached container.
start() {
	local image=$1 id=$2 log=$3 filter=${4:-.}
	shift $(($# < 4 ? $# : 4))
	edit_bundle "$TMP/$image.bundle" "$filter" "$@"
	CONTAINERS+=("$id")
	runc run --detach --bundle "$TMP/$image.bundle" "$id" </dev/null >"$log" 2>&1
}

pid_of() { runc state "$1" | jq -r .pid; }
status_of() { runc state "$1" 2>/dev/null | jq -r .status; }

# wait_for SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds.
wait_for() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		((SECONDS < deadline)) || return 1
		sleep 0.1
	done
}

stopped() { [[ $(status_of "$1") == stopped ]]; }
http_in() { nsenter --net="/proc/$1/ns/net" curl -fsS --max-time 1 "http://127.0.0.1:$2/"; }

check_archives() {
	local image=$1 names docker tags
	names=$(entry "$image" | jq -c .names)
	check "oci index names = $names" \
		test "$(tar -xOf "$OUT/$image.oci.tar" index.json |
			jq -c '[.manifests[].annotations["org.opencontainers.image.ref.name"]]')" = "$names"
	docker=$(entry "$image" | jq -r '.dockerArchive // ""')
	if [[ -n $docker ]]; then
		tags=$(tar -xOf "$docker" manifest.json | jq -c '.[0].RepoTags')
		check "docker-archive RepoTags = $names" test "$tags" = "$names"
	fi
}

check_config() {
	local image=$1 filter=$2
	check "config: $filter" jq -e --arg path "$PATH_ENV" \
		"(.architecture == \"amd64\") and (.os == \"linux\") and (.config.Env | index(\$path) != null) and ($filter)" \
		<(config "$image") >/dev/null
}

smoke_busybox() {
	check_config busybox '.config.Cmd == ["sh"]'
	check "busybox echo" test "$(run busybox echo hello)" = hello
	check "/tmp is 1777, passwd has nobody" test \
		"$(run busybox sh -c 'stat -c %a /tmp; grep -c "^nobody:" /etc/passwd')" = $'1777\n1'
}

smoke_debian() {
	check_config debian '.config.Cmd == ["bash"]'
	check "debian bookworm" grep -q '^12\.' <(run debian cat /etc/debian_version)
	check "slim: no man pages, dpkg excludes installed" test \
		"$(run debian sh -c 'test ! -e /usr/share/man && test -f /etc/dpkg/dpkg.cfg.d/podyard-excludes && echo yes')" = yes
}

smoke_nginx() {
	check_config nginx '.config.Cmd == ["nginx","-g","daemon off;"] and .config.StopSignal == "SIGQUIT"
		and (.config.ExposedPorts | has("80/tcp"))'
	check "nginx -t (image config)" grep -q 'test is successful' <(run nginx nginx -t)
	check "nginx user uid/gid 101, logs to stdout/stderr" test \
		"$(run nginx sh -c 'id -u nginx; id -g nginx; readlink /var/log/nginx/access.log /var/log/nginx/error.log')" \
		= $'101\n101\n/dev/stdout\n/dev/stderr'
	local id=podyard-smoke-nginx-$$ pid body
	start nginx "$id" "$TMP/nginx.log"
	pid=$(pid_of "$id")
	if wait_for 5 http_in "$pid" 80 >/dev/null 2>&1; then
		body=$(http_in "$pid" 80)
		check "nginx serves /usr/share/nginx/html on :80" grep -q 'Welcome to nginx' <<<"$body"
		check "access log on stdout" grep -q '"GET / HTTP/1.1" 200' "$TMP/nginx.log"
	else
		fail "nginx did not answer on :80"
		cat "$TMP/nginx.log"
	fi
	runc kill "$id" QUIT
	check "nginx stops on SIGQUIT" wait_for 5 stopped "$id"
}

smoke_python() {
	check_config python '.config.Cmd == ["python3","app.py"] and .config.WorkingDir == "/app"
		and (.config.ExposedPorts | has("5000/tcp"))'
	local id=podyard-smoke-python-$$ pid
	start python "$id" "$TMP/python.log"
	pid=$(pid_of "$id")
	if wait_for 5 http_in "$pid" 5000 >/dev/null 2>&1; then
		check "webapp answers 'Hello world!' on :5000" test "$(http_in "$pid" 5000)" = "Hello world!"
		if [[ -f $TMP/nginx.bundle/config.json ]]; then
			smoke_tutorial_proxy "$pid"
		fi
	else
		fail "webapp did not answer on :5000"
		cat "$TMP/python.log"
	fi
	runc kill "$id" TERM
	check "webapp exits on SIGTERM" wait_for 5 stopped "$id"
}

# The tutorial's mc3 pod: nginx with the tutorial's nginx.conf proxies :80 to
# the webapp on 127.0.0.1:5000 in the same network namespace.
smoke_tutorial_proxy() {
	local webapp_pid=$1 id=podyard-smoke-proxy-$$ pid
	cp "$HERE/testdata/tutorial-nginx.conf" "$TMP/tutorial-nginx.conf"
	cp "$HERE/testdata/tutorial-nginx.conf" "$TMP/nginx.bundle/rootfs/tmp/"
	check "nginx -t with the tutorial's nginx.conf" grep -q 'test is successful' \
		<(run nginx nginx -t -c /tmp/tutorial-nginx.conf)
	start nginx "$id" "$TMP/proxy.log" \
		'.linux.namespaces |= map(if .type == "network" then .path = $netns else . end)
		| .mounts += [{destination: "/etc/nginx/nginx.conf", type: "bind", source: $conf, options: ["rbind", "ro"]}]' \
		--arg netns "/proc/$webapp_pid/ns/net" --arg conf "$TMP/tutorial-nginx.conf"
	pid=$(pid_of "$id")
	if wait_for 5 http_in "$pid" 80 >/dev/null 2>&1; then
		check "tutorial mc3: :80 proxies to the webapp" test "$(http_in "$pid" 80)" = "Hello world!"
	else
		fail "tutorial proxy did not answer on :80"
		cat "$TMP/proxy.log"
	fi
	runc kill "$id" QUIT
	wait_for 5 stopped "$id" || true
}

smoke_ipc() {
	check_config ipc '.config.WorkingDir == "/"'
	check "/ipc is a static binary" test "$(run ipc sh -c 'test -x /ipc && echo yes')" = yes
	# Like the tutorial's mc2 pod: two containers, one IPC namespace; the
	# consumer starts first (and creates the queue itself).
	local consumer=podyard-smoke-consumer-$$ producer=podyard-smoke-producer-$$ pid
	start ipc "$consumer" "$TMP/consumer.log" '.process.args = ["./ipc", "-consumer"]'
	pid=$(pid_of "$consumer")
	start ipc "$producer" "$TMP/producer.log" \
		'.process.args = ["./ipc", "-producer"] | .linux.namespaces |= map(if .type == "ipc" then .path = $ipc else . end)' \
		--arg ipc "/proc/$pid/ns/ipc"
	check "consumer finishes" wait_for 5 stopped "$consumer"
	check "producer finishes" wait_for 5 stopped "$producer"
	check "producer printed 10 messages" test "$(grep -cE '^Produced: [0-9a-f]{2}$' "$TMP/producer.log")" = 10
	check "consumer got them all, then done" test \
		"$(sed 's/Consumed/Produced/' "$TMP/consumer.log")" = "$(cat "$TMP/producer.log"; echo 'Produced: done')"
}

smoke_busybox-multi() {
	local index
	index=$(tar -xOf "$OUT/busybox-multi.oci.tar" index.json)
	check "index entries are image indexes" test \
		"$(jq -r '[.manifests[].mediaType] | unique | .[]' <<<"$index")" = application/vnd.oci.image.index.v1+json
	mkdir -p "$TMP/busybox-multi.oci"
	tar -C "$TMP/busybox-multi.oci" -xf "$OUT/busybox-multi.oci.tar"
	local digest
	digest=$(jq -r '.manifests[0].digest | sub("sha256:"; "")' <<<"$index")
	check "platforms linux/amd64 + linux/arm64" test \
		"$(jq -c '[.manifests[].platform | .os + "/" + .architecture]' "$TMP/busybox-multi.oci/blobs/sha256/$digest")" \
		= '["linux/amd64","linux/arm64"]'
}

main() {
	local images=() image
	while (($#)); do
		case $1 in
		--out) OUT=${2:?--out needs a directory} && shift 2 ;;
		--out=*) OUT=${1#--out=} && shift ;;
		-h | --help) sed -n '2,6p' "$0" && exit 0 ;;
		*) images+=("$1") && shift ;;
		esac
	done
	((${#images[@]})) || images=("${ALL[@]}")
	[[ -f $OUT/manifest.json ]] || {
		echo "smoke.sh: no $OUT/manifest.json; run build.sh first" >&2
		exit 1
	}
	trap cleanup EXIT
	TMP=$(mktemp -d /tmp/podyard-smoke.XXXXXX)
	# python's check also exercises nginx with the tutorial config.
	for image in "${images[@]}"; do
		if [[ $image != busybox-multi ]]; then unpack "$image"; fi
	done
	for image in "${images[@]}"; do
		printf '%s\n' "$image"
		check_archives "$image"
		"smoke_$image"
	done
	if ((FAILURES)); then
		printf '%d check(s) failed\n' "$FAILURES"
		exit 1
	fi
	echo "all checks passed"
}

main "$@"
