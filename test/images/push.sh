#!/usr/bin/env bash
# Pushes the test images built by build.sh into a (local, plain-HTTP)
# registry under their Docker Hub paths, e.g. library/nginx:latest,
# training/webapp:latest, allingeek/ch6_ipc:latest and the two-platform
# index library/busybox:multi.
#
#   test/images/push.sh [--out DIR] [--oci] REGISTRY_HOST:PORT [IMAGE...]
#
# Images are pushed from their docker-archives (Docker schema 2 manifests,
# like Docker Hub serves) unless --oci is given (OCI manifests, from the OCI
# archives). busybox-multi is always an OCI image index. Missing or stale
# images are built first (build.sh's cache makes that cheap).
set -euo pipefail
shopt -s inherit_errexit
export LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly HERE

die() {
	printf 'push.sh: %s\n' "$*" >&2
	exit 1
}

usage() {
	sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
}

main() {
	local out=${PODYARD_IMAGE_CACHE:-$(cd "$HERE/../.." && pwd)/.cache/images} oci=0 registry=
	local images=() image
	while (($#)); do
		case $1 in
		--out)
			(($# >= 2)) || die "--out needs a directory"
			out=$2
			shift 2
			;;
		--out=*) out=${1#--out=} && shift ;;
		--oci) oci=1 && shift ;;
		-h | --help) usage && exit 0 ;;
		-*) die "unknown option $1 (see --help)" ;;
		*)
			if [[ -z $registry ]]; then registry=$1; else images+=("$1"); fi
			shift
			;;
		esac
	done
	[[ -n $registry ]] || die "missing REGISTRY_HOST:PORT (see --help)"
	[[ $registry =~ ^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:[0-9]+)?$ ]] ||
		die "bad registry '$registry' (want HOST:PORT)"
	if ((${#images[@]} == 0)); then
		images=(busybox debian nginx python ipc busybox-multi)
	else
		# busybox brings its multi-platform index along.
		for image in "${images[@]}"; do
			[[ $image != busybox ]] || images+=(busybox-multi)
		done
	fi

	"$HERE/build.sh" --out "$out" "${images[@]}" >&2
	local manifest
	manifest=$(cd "$out" && pwd)/manifest.json

	local seen=" " entry name path src all start
	for image in "${images[@]}"; do
		[[ $seen != *" $image "* ]] || continue
		seen+="$image "
		entry=$(jq -ce --arg n "$image" '.images[] | select(.name == $n)' "$manifest") ||
			die "image '$image' is not in $manifest"
		all=()
		if [[ $(jq -r .mediaType <<<"$entry") == application/vnd.oci.image.index.v1+json ]]; then
			all=(--all)
		fi
		while read -r name; do
			path=${name#docker.io/}
			if ((oci)) || [[ $(jq -r '.dockerArchive // ""' <<<"$entry") == "" ]]; then
				src=oci-archive:$(jq -r .ociArchive <<<"$entry"):$name
			else
				src=docker-archive:$(jq -r .dockerArchive <<<"$entry"):$name
			fi
			start=$SECONDS
			skopeo copy --quiet --dest-tls-verify=false "${all[@]}" "$src" "docker://$registry/$path"
			printf 'pushed %-34s -> %s/%s (%ds)\n' "$name" "$registry" "$path" $((SECONDS - start))
		done < <(jq -r '.names[] | select(startswith("docker.io/"))' <<<"$entry")
	done
}

main "$@"
