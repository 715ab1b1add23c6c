#!/usr/bin/env bash
# Builds Podyard's offline test images from Debian packages (no Docker Hub).
#
#   test/images/build.sh [--out DIR] [--jobs N] [--force] [--verbose] [IMAGE...]
#
# Each image is written as <out>/<image>.docker.tar (docker-archive, every
# reference name as a RepoTag) and <out>/<image>.oci.tar (OCI layout tar, one
# index entry per reference name). <out>/manifest.json lists what the cache
# holds. An image is rebuilt only when the hash of its recipe inputs changed.
# See README.md next to this script.
set -euo pipefail
shopt -s inherit_errexit globstar
export LC_ALL=C
umask 022

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly HERE

# Bump to invalidate every cached image (e.g. after a change in the output
# layout that the per-image hashes cannot see).
readonly FORMAT=1
# Fixed timestamps make layers and configs (mostly) reproducible.
readonly EPOCH=1747699200 # 2025-05-20T00:00:00Z
readonly CREATED=2025-05-20T00:00:00Z
readonly SUITE=bookworm
readonly MIRRORS=(
	"deb http://deb.debian.org/debian $SUITE main"
	"deb http://deb.debian.org/debian $SUITE-updates main"
	"deb http://deb.debian.org/debian-security $SUITE-security main"
)
readonly PATH_ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Every image, in build order (bases before the images derived from them).
readonly IMAGES=(busybox debian nginx python ipc busybox-multi)

usage() {
	cat <<EOF
usage: $0 [--out DIR] [--jobs N] [--force] [--verbose] [IMAGE...]

Builds the offline test images (default: all of ${IMAGES[*]}) and the
images they are based on.
  --out DIR   output directory (default \$PODYARD_IMAGE_CACHE or
              <repo>/.cache/images)
  --jobs N    build up to N images at once (default: number of CPUs)
  --force     rebuild the named images even when their recipe is unchanged
  --verbose   print each build log (<out>/logs/IMAGE.log) when it finishes
EOF
}

die() {
	printf 'build.sh: %s\n' "$*" >&2
	exit 1
}

# ---------------------------------------------------------------------------
# Image definitions. meta_<image> sets BASE (the image it extends, or empty),
# NAMES (reference names; the first is the canonical one) and DOCKER (whether
# a docker-archive can hold it). build_<image> LAYOUT WORK RECIPE turns the
# OCI layout's "build" tag (an empty image, or the base image) into the image.
# ---------------------------------------------------------------------------

meta_busybox() {
	BASE=
	NAMES=(localhost/podyard/busybox:latest docker.io/library/busybox:latest)
	DOCKER=1
}
build_busybox() {
	local layout=$1 work=$2 recipe=$3 applet
	fetch_debs "$work/debs" busybox-static
	dpkg-deb -x "$work"/debs/busybox-static_*.deb "$work/pkg"
	local root=$work/rootfs
	install -d -m 0755 "$root"/{bin,dev,etc,home,proc,sys,usr/sbin,var/spool/mail,var/www}
	install -d -m 0700 "$root/root"
	install -d -m 1777 "$root/tmp"
	install -m 0755 "$work/pkg/bin/busybox" "$root/bin/busybox"
	while read -r applet; do
		[[ $applet == busybox ]] || ln -s busybox "$root/bin/$applet"
	done < <("$root/bin/busybox" --list)
	install -m 0644 "$recipe/passwd" "$recipe/group" "$root/etc/"
	add_layer "$layout" "$root" "busybox-static $(dpkg-deb -f "$work"/debs/busybox-static_*.deb Version)"
	set_config "$layout" --config.env "$PATH_ENV" --config.cmd sh
}

meta_debian() {
	BASE=
	NAMES=(localhost/podyard/debian:latest docker.io/library/debian:latest docker.io/library/debian:"$SUITE")
	DOCKER=1
}
build_debian() {
	local layout=$1 work=$2 recipe=$3 hook
	# shellcheck disable=SC2016 # "$1" is for mmdebstrap's hook shell
	printf -v hook 'sh %q "$1" %q' "$recipe/customize.sh" "$recipe/dpkg-excludes"
	# mmdebstrap mounts /proc, /dev... in the chroot: keep that private.
	SOURCE_DATE_EPOCH=$EPOCH unshare --mount --propagation private -- \
		mmdebstrap --mode=root --variant=minbase --format=tar \
		--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
		--hook-dir=/usr/share/mmdebstrap/hooks/eatmydata \
		--skip=output/dev --customize-hook="$hook" \
		"$SUITE" "$work/rootfs.tar" "${MIRRORS[@]}"
	# output/dev dropped the device nodes and /dev itself: add an empty /dev.
	install -d -m 0755 "$work/empty/dev"
	tar -C "$work/empty" --append --file "$work/rootfs.tar" --numeric-owner \
		--owner=0 --group=0 --mtime="@$EPOCH" ./dev
	umoci raw add-layer --image "$layout:build" --history.created "$CREATED" \
		--history.created_by "mmdebstrap --variant=minbase $SUITE" "$work/rootfs.tar"
	set_config "$layout" --config.env "$PATH_ENV" --config.cmd bash
}

meta_nginx() {
	BASE=debian
	NAMES=(localhost/podyard/nginx:latest docker.io/library/nginx:latest docker.io/library/nginx:alpine)
	DOCKER=1
}
build_nginx() {
	local layout=$1 work=$2 recipe=$3
	chroot_layer "$layout" "$work" "$recipe" "apt-get install nginx"
	set_config "$layout" --clear config.cmd --config.cmd nginx --config.cmd -g \
		--config.cmd "daemon off;" --config.stopsignal SIGQUIT --config.exposedports 80/tcp
}

meta_python() {
	BASE=debian
	NAMES=(localhost/podyard/python:latest docker.io/training/webapp:latest)
	DOCKER=1
}
build_python() {
	local layout=$1 work=$2 recipe=$3
	chroot_layer "$layout" "$work" "$recipe" "apt-get install python3-minimal; /app/app.py"
	set_config "$layout" --clear config.cmd --config.cmd python3 --config.cmd app.py \
		--config.workingdir /app --config.env PYTHONUNBUFFERED=1 --config.exposedports 5000/tcp
}

meta_ipc() {
	BASE=busybox
	NAMES=(localhost/podyard/ipc:latest docker.io/allingeek/ch6_ipc:latest)
	DOCKER=1
}
build_ipc() {
	local layout=$1 work=$2 recipe=$3
	install -d -m 0755 "$work/rootfs"
	gcc -O2 -static -s -Wall -Wextra -Werror -o "$work/rootfs/ipc" "$recipe/ipc.c"
	add_layer "$layout" "$work/rootfs" "gcc -O2 -static ipc.c -o /ipc"
	set_config "$layout" --clear config.cmd --config.cmd /ipc --config.cmd -producer \
		--config.workingdir /
}

# busybox as a two-platform OCI image index: the linux/amd64 image plus a
# linux/arm64 entry whose config says arm64 but reuses the same (amd64!)
# layer. For registry/puller tests of platform selection, not for running.
meta_busybox-multi() {
	BASE=busybox
	NAMES=(localhost/podyard/busybox:multi docker.io/library/busybox:multi)
	DOCKER=0
}
build_busybox-multi() {
	local layout=$1 work=$2
	local amd64 arm64 config index
	amd64=$(jq -c '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == "build")
		| {mediaType, digest, size, platform: {architecture: "amd64", os: "linux"}}' "$layout/index.json")
	config=$(jq -c '.architecture = "arm64" | .variant = "v8"' \
		"$(blob_path "$layout" "$(manifest_of "$layout" | jq -r .config.digest)")")
	config=$(put_blob "$layout" application/vnd.oci.image.config.v1+json "$config")
	arm64=$(manifest_of "$layout" | jq -c --argjson c "$config" '.config = $c')
	arm64=$(put_blob "$layout" application/vnd.oci.image.manifest.v1+json "$arm64")
	arm64=$(jq -c '. + {platform: {architecture: "arm64", os: "linux", variant: "v8"}}' <<<"$arm64")
	index=$(jq -nc --argjson a "$amd64" --argjson b "$arm64" \
		'{schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: [$a, $b]}')
	index=$(put_blob "$layout" application/vnd.oci.image.index.v1+json "$index")
	set_build_ref "$layout" "$index"
}

# ---------------------------------------------------------------------------
# Build helpers (their text is part of every image's cache key).
# ---------------------------------------------------------------------------

# fetch_debs DIR PACKAGE...: downloads .debs (no dependencies) into DIR, with
# the host's package lists or, when those fail (stale, other suite), with
# private lists of MIRRORS.
fetch_debs() {
	local dir=$1
	shift
	install -d -m 0755 "$dir"
	if ! (cd "$dir" && apt-get download -q -o APT::Sandbox::User=root "$@"); then
		local apt=$dir/.apt
		local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=$apt/none"
			-o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root)
		install -d -m 0755 "$apt/lists/partial" "$apt/cache/archives/partial"
		printf '%s\n' "${MIRRORS[@]}" >"$apt/sources.list"
		apt-get "${opts[@]}" update -q
		(cd "$dir" && apt-get "${opts[@]}" download -q "$@")
	fi
}

# add_layer LAYOUT DIR COMMENT: appends DIR's contents as one layer.
add_layer() {
	local layout=$1 dir=$2 comment=$3 tarball
	tarball=$dir.tar
	(cd "$dir" && find . -mindepth 1 -printf '%P\n' | sort) |
		tar -C "$dir" --create --file "$tarball" --no-recursion --files-from - \
			--numeric-owner --owner=0 --group=0 --mtime="@$EPOCH"
	umoci raw add-layer --image "$layout:build" --history.created "$CREATED" \
		--history.created_by "$comment" "$tarball"
	rm -f "$tarball"
}

# chroot_layer LAYOUT WORK RECIPE COMMENT: runs the recipe's setup.sh in a
# chroot of the image after `apt-get update` (private mount and PID
# namespaces, /proc, /dev and resolv.conf from the host, services disabled by
# policy-rc.d), cleans apt state and appends what changed as one layer.
chroot_layer() {
	local layout=$1 work=$2 recipe=$3 comment=$4
	local root=$work/rootfs marker=$work/marker
	extract_rootfs "$layout" "$root"
	(cd "$root" && find . -mindepth 1 -printf '%P\n' | sort) >"$work/before"
	# Everything whose ctime is newer than the marker goes into the layer.
	# Timestamps are tick-granular: make sure later changes are strictly newer.
	touch "$marker"
	sleep 0.05
	cp -a "$recipe" "$root/tmp/podyard-recipe"
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod 0755 "$root/usr/sbin/policy-rc.d"
	[[ ! -e $root/etc/resolv.conf && ! -L $root/etc/resolv.conf ]] ||
		die "base image has /etc/resolv.conf"
	: >"$root/etc/resolv.conf"
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare --mount --pid --fork --propagation private -- bash -euc '
		mount -t proc proc "$1/proc"
		mount --rbind /dev "$1/dev"
		mount --bind /etc/resolv.conf "$1/etc/resolv.conf"
		exec chroot "$1" /usr/bin/env -i HOME=/root LC_ALL=C.UTF-8 \
			DEBIAN_FRONTEND=noninteractive "$2" /bin/sh -euc "$3"
	' chroot-build "$root" "$PATH_ENV" \
		'apt-get update -q; cd /tmp/podyard-recipe; sh ./setup.sh; apt-get clean'
	find "$root/var/lib/apt/lists" -mindepth 1 -maxdepth 1 -name '*_*' -delete
	rm -rf "$root/tmp/podyard-recipe" "$root/usr/sbin/policy-rc.d" "$root/etc/resolv.conf" \
		"$root/var/lib/apt/lists/auxfiles" "$root"/var/cache/debconf/*-old "$root"/var/lib/dpkg/*-old \
		"$root/var/cache/ldconfig/aux-cache"
	find "$root/var/log" -type f -delete
	diff_layer "$layout" "$root" "$work/before" "$marker" "$comment"
}

# extract_rootfs LAYOUT DIR: applies the layers of the "build" image to DIR
# (no whiteout handling: the bases here are single-layer images).
extract_rootfs() {
	local layout=$1 root=$2 digest media_type
	install -d -m 0755 "$root"
	while read -r media_type digest; do
		case $media_type in
		*+gzip) tar -C "$root" -xzf "$(blob_path "$layout" "$digest")" --numeric-owner ;;
		*.tar) tar -C "$root" -xf "$(blob_path "$layout" "$digest")" --numeric-owner ;;
		*) die "unsupported layer type $media_type" ;;
		esac
	done < <(manifest_of "$layout" | jq -r '.layers[] | "\(.mediaType) \(.digest)"')
	if [[ -n $(find "$root" -name '.wh.*' -print -quit) ]]; then
		die "base image has whiteouts; extract_rootfs cannot apply them"
	fi
}

# diff_layer LAYOUT ROOT BEFORE MARKER COMMENT: appends a layer with what
# changed in ROOT since MARKER was touched (new or changed entries by ctime)
# and whiteouts for the topmost paths of BEFORE (a sorted path list) that no
# longer exist.
diff_layer() {
	local layout=$1 root=$2 before=$3 marker=$4 comment=$5
	local list=$root.changes path parent
	local -A deleted=()
	(cd "$root" && find . -mindepth 1 -cnewer "$marker" -printf '%P\n') >"$list"
	while IFS= read -r path; do
		deleted[$path]=1
		# One whiteout for a deleted directory covers what was below it.
		parent=$path
		while [[ $parent == */* ]]; do
			parent=${parent%/*}
			[[ -z ${deleted[$parent]:-} ]] || continue 2
		done
		if [[ $path == */* ]]; then
			parent=${path%/*}/
		else
			parent=
		fi
		: >"$root/$parent.wh.${path##*/}"
		printf '%s\n' "$parent.wh.${path##*/}" >>"$list"
	done < <(comm -23 "$before" <(cd "$root" && find . -mindepth 1 -printf '%P\n' | sort))
	sort -o "$list" "$list"
	tar -C "$root" --create --file "$root.tar" --no-recursion --files-from "$list" --numeric-owner \
		--mtime="@$EPOCH" --clamp-mtime
	umoci raw add-layer --image "$layout:build" --history.created "$CREATED" \
		--history.created_by "$comment" "$root.tar"
	rm -f "$root.tar" "$list"
}

# set_config LAYOUT UMOCI_CONFIG_ARGS...: edits the image configuration.
set_config() {
	local layout=$1
	shift
	umoci config --image "$layout:build" --no-history --created "$CREATED" \
		--architecture amd64 --os linux "$@"
}

# blob_path LAYOUT DIGEST
blob_path() {
	printf '%s/blobs/%s/%s\n' "$1" "${2%%:*}" "${2#*:}"
}

# manifest_of LAYOUT: prints the manifest the "build" tag points at.
manifest_of() {
	cat "$(blob_path "$1" "$(jq -r '.manifests[]
		| select(.annotations["org.opencontainers.image.ref.name"] == "build") | .digest' "$1/index.json")")"
}

# put_blob LAYOUT MEDIA_TYPE JSON: stores JSON, prints its descriptor.
put_blob() {
	local layout=$1 media_type=$2 json=$3 digest
	digest=sha256:$(printf '%s' "$json" | sha256sum | cut -d' ' -f1)
	printf '%s' "$json" >"$(blob_path "$layout" "$digest")"
	jq -nc --arg m "$media_type" --arg d "$digest" --argjson s "${#json}" \
		'{mediaType: $m, digest: $d, size: $s}'
}

# set_build_ref LAYOUT DESCRIPTOR: points the "build" tag at DESCRIPTOR.
set_build_ref() {
	local layout=$1 desc=$2
	jq -c --argjson d "$desc" '.manifests = [.manifests[]
		| select(.annotations["org.opencontainers.image.ref.name"] != "build")]
		+ [$d + {annotations: {"org.opencontainers.image.ref.name": "build"}}]' \
		"$layout/index.json" >"$layout/index.json.new"
	mv "$layout/index.json.new" "$layout/index.json"
}

readonly BUILD_HELPERS=(fetch_debs add_layer chroot_layer extract_rootfs diff_layer set_config blob_path manifest_of put_blob set_build_ref)

# ---------------------------------------------------------------------------
# Driver: cache keys, outputs, manifest.
# ---------------------------------------------------------------------------

declare -A KEYS=()

# recipe_key IMAGE: hash of everything that determines the image.
recipe_key() {
	local image=$1 base file files=() key
	meta_"$image"
	base=$BASE
	if [[ -d $HERE/$image ]]; then
		cd "$HERE"
		for file in "$image"/**; do
			[[ ! -f $file ]] || files+=("$file")
		done
		cd - >/dev/null
	fi
	read -r key _ < <({
		printf 'format %s\n' "$FORMAT"
		declare -p EPOCH CREATED SUITE MIRRORS PATH_ENV
		declare -f "${BUILD_HELPERS[@]}" "meta_$image" "build_$image"
		((${#files[@]} == 0)) || (cd "$HERE" && sha256sum -- "${files[@]}")
		[[ -z $base ]] || printf 'base %s\n' "${KEYS[$base]:?base key missing}"
	} | sha256sum)
	printf '%s\n' "$key"
}

# finish_image IMAGE LAYOUT: writes the archives and <out>/<image>.json.
finish_image() {
	local image=$1 layout=$2 desc name tags=() oci_tar docker_tar
	desc=$(jq -c '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == "build")
		| del(.annotations)' "$layout/index.json")
	jq -c --argjson d "$desc" '.manifests = [$ARGS.positional[]
		| $d + {annotations: {"org.opencontainers.image.ref.name": ., "io.containerd.image.name": .}}]' \
		--args "${NAMES[@]}" <"$layout/index.json" >"$layout/index.json.new"
	mv "$layout/index.json.new" "$layout/index.json"
	prune_blobs "$layout"

	# Mark the image incomplete, then replace its archives atomically (readers
	# of an older manifest.json never find them missing).
	rm -f "$OUT/$image.key" "$OUT/$image.json"
	oci_tar=$OUT/$image.oci.tar
	docker_tar=$OUT/$image.docker.tar
	tar -C "$layout" --create --file "$oci_tar.new" --sort=name --numeric-owner \
		--owner=0 --group=0 --mtime="@$EPOCH" oci-layout index.json blobs
	if ((DOCKER)); then
		for name in "${NAMES[@]:1}"; do
			tags+=(--additional-tag "$name")
		done
		rm -f "$docker_tar.new"
		skopeo copy --quiet "oci:$layout:${NAMES[0]}" \
			"docker-archive:$docker_tar.new:${NAMES[0]}" "${tags[@]}"
		mv "$docker_tar.new" "$docker_tar"
	else
		rm -f "$docker_tar"
	fi
	mv "$oci_tar.new" "$oci_tar"
	jq -n --arg name "$image" --arg key "${KEYS[$image]}" --arg base "$BASE" \
		--argjson desc "$desc" --argjson docker "$DOCKER" \
		'{name: $name, names: $ARGS.positional, base: (if $base == "" then null else $base end),
		  key: $key, digest: $desc.digest, mediaType: $desc.mediaType,
		  ociArchive: ($name + ".oci.tar"),
		  dockerArchive: (if $docker == 1 then $name + ".docker.tar" else null end)}' \
		--args "${NAMES[@]}" >"$OUT/$image.json"
	# Written last: marks the image as complete.
	printf '%s\n' "${KEYS[$image]}" >"$OUT/$image.key"
}

# prune_blobs LAYOUT: deletes blobs the index does not reach (what `umoci gc`
# does, without re-hashing every blob).
prune_blobs() {
	local layout=$1 digest
	local -A keep=()
	local todo=()
	mapfile -t todo < <(jq -r '.manifests[].digest' "$layout/index.json")
	while ((${#todo[@]})); do
		digest=${todo[-1]}
		unset 'todo[-1]'
		[[ -z ${keep[$digest]:-} ]] || continue
		keep[$digest]=1
		# Manifests and indexes name more blobs; configs and layers do not.
		if [[ $(head -c 1 "$(blob_path "$layout" "$digest")") == "{" ]]; then
			mapfile -t -O "${#todo[@]}" todo < <(jq -r '(.manifests // [])[].digest,
				(.config.digest // empty), (.layers // [])[].digest' "$(blob_path "$layout" "$digest")" 2>/dev/null || true)
		fi
	done
	for digest in "$layout"/blobs/sha256/*; do
		[[ -n ${keep[sha256:${digest##*/}]:-} ]] || rm -f "$digest"
	done
}

# build_image IMAGE: builds IMAGE into $OUT (its base must be up to date).
build_image() {
	local image=$1 work layout
	meta_"$image"
	work=$WORK/$image
	layout=$work/layout
	install -d -m 0755 "$work"
	if [[ -n $BASE ]]; then
		install -d -m 0755 "$layout"
		tar -C "$layout" -xf "$OUT/$BASE.oci.tar"
		local desc
		desc=$(jq -c '.manifests[0] | del(.annotations)' "$layout/index.json")
		set_build_ref "$layout" "$desc"
	else
		umoci init --layout "$layout"
		umoci new --image "$layout:build"
	fi
	"build_$image" "$layout" "$work" "$HERE/$image"
	finish_image "$image" "$layout"
	rm -rf --one-file-system "$work"
}

# is_current IMAGE: the cache holds IMAGE built from the current recipe.
is_current() {
	local image=$1 key
	[[ -f $OUT/$image.key && -f $OUT/$image.json && -f $OUT/$image.oci.tar ]] || return 1
	read -r key <"$OUT/$image.key"
	[[ $key == "${KEYS[$image]}" ]] || return 1
	meta_"$image"
	((DOCKER == 0)) || [[ -f $OUT/$image.docker.tar ]]
}

# write_manifest: <out>/manifest.json from every <out>/<image>.json present.
write_manifest() {
	local image states=()
	for image in "${IMAGES[@]}"; do
		[[ -f $OUT/$image.json ]] && states+=("$OUT/$image.json")
	done
	jq -s --arg out "$OUT" '{schemaVersion: 1, dir: $out, images: [.[]
		| .ociArchive = ($out + "/" + .ociArchive)
		| .dockerArchive = (if .dockerArchive then $out + "/" + .dockerArchive else null end)]}' \
		"${states[@]}" </dev/null >"$OUT/manifest.json.new"
	mv "$OUT/manifest.json.new" "$OUT/manifest.json"
}

now_us() {
	printf '%s\n' "${EPOCHREALTIME/./}"
}

# seconds SINCE_US: elapsed seconds with one decimal.
seconds() {
	local us=$(($(now_us) - $1))
	printf '%d.%02d' $((us / 1000000)) $((us % 1000000 / 10000))
}

OUT=
WORK=
declare -A JOB_PIDS=() # image -> pid of its running build job

# kill_jobs: ends the running build jobs (each is its own process group).
kill_jobs() {
	local image
	for image in "${!JOB_PIDS[@]}"; do
		kill -TERM -- "-${JOB_PIDS[$image]}" 2>/dev/null || true
	done
	for image in "${!JOB_PIDS[@]}"; do
		wait "${JOB_PIDS[$image]}" 2>/dev/null || true
	done
	JOB_PIDS=()
}

on_exit() {
	kill_jobs
	[[ -z $WORK ]] || rm -rf --one-file-system "$WORK"
}

# job_main OUT WORK IMAGE KEY: the body of one build job (see launch).
job_main() {
	OUT=$1
	WORK=$2
	KEYS[$3]=$4
	build_image "$3"
}

# launch IMAGE: builds IMAGE in the background, in a new session (so that
# the whole job can be ended) and with its output in <out>/logs/IMAGE.log.
# The job re-runs this script: errexit then works as usual in build_image.
launch() {
	local image=$1
	setsid "$HERE/build.sh" --job "$OUT" "$WORK" "$image" "${KEYS[$image]}" \
		</dev/null >"$OUT/logs/$image.log" 2>&1 &
	JOB_PIDS[$image]=$!
}

main() {
	if [[ ${1:-} == --job ]]; then
		shift
		job_main "$@"
		return
	fi
	local out=${PODYARD_IMAGE_CACHE:-$(cd "$HERE/../.." && pwd)/.cache/images} force=0 verbose=0 jobs
	jobs=$(nproc)
	local requested=() image
	while (($#)); do
		case $1 in
		--out | --jobs | -j)
			(($# >= 2)) || die "$1 needs a value"
			if [[ $1 == --out ]]; then out=$2; else jobs=$2; fi
			shift 2
			;;
		--out=*) out=${1#--out=} && shift ;;
		--jobs=*) jobs=${1#--jobs=} && shift ;;
		--force) force=1 && shift ;;
		--verbose | -v) verbose=1 && shift ;;
		-h | --help) usage && exit 0 ;;
		-*) die "unknown option $1 (see --help)" ;;
		*) requested+=("$1") && shift ;;
		esac
	done
	[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "--jobs wants a positive number"
	((${#requested[@]})) || requested=("${IMAGES[@]}")

	local -A want=() forced=() state=() started=()
	add_wanted() {
		local known
		for known in "${IMAGES[@]}"; do
			if [[ $known == "$1" ]]; then
				meta_"$1"
				[[ -z $BASE ]] || add_wanted "$BASE"
				want[$1]=1
				return 0
			fi
		done
		die "unknown image '$1' (known: ${IMAGES[*]})"
	}
	for image in "${requested[@]}"; do
		add_wanted "$image"
		((force == 0)) || forced[$image]=1
	done

	trap on_exit EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	install -d -m 0755 "$out"
	OUT=$(cd "$out" && pwd)
	readonly OUT
	# skopeo's oci:/docker-archive: references end the path at the first colon.
	[[ $OUT != *:* ]] || die "the output directory must not contain ':'"
	local lock_fd
	exec {lock_fd}>"$OUT/.lock"
	if ! flock --nonblock "$lock_fd"; then
		echo "build.sh: waiting for another build in $OUT" >&2
		flock "$lock_fd"
	fi

	# Keys first (a derived image's key includes its base's), then what to build.
	local pending=() start
	for image in "${IMAGES[@]}"; do
		[[ -n ${want[$image]:-} ]] || continue
		start=$(now_us)
		KEYS[$image]=$(recipe_key "$image")
		if [[ -z ${forced[$image]:-} ]] && is_current "$image"; then
			state[$image]=ready
			printf '%-14s skipped %6ss  (cached, key %.12s)\n' "$image" "$(seconds "$start")" "${KEYS[$image]}"
		else
			state[$image]=pending
			pending+=("$image")
		fi
	done

	if ((${#pending[@]})); then
		((EUID == 0)) || die "building images needs root (chroot, mounts)"
		WORK=$(mktemp -d "$OUT/.work.XXXXXX")
		install -d -m 0755 "$OUT/logs"
	fi
	local pid rc
	while :; do
		for image in "${pending[@]}"; do
			((${#JOB_PIDS[@]} < jobs)) || break
			[[ ${state[$image]} == pending ]] || continue
			meta_"$image"
			[[ -z $BASE || ${state[$BASE]:-ready} == ready ]] || continue
			state[$image]=running
			started[$image]=$(now_us)
			launch "$image"
		done
		((${#JOB_PIDS[@]})) || break
		rc=0
		wait -n -p pid "${JOB_PIDS[@]}" || rc=$?
		for image in "${!JOB_PIDS[@]}"; do
			[[ ${JOB_PIDS[$image]} == "$pid" ]] || continue
			unset 'JOB_PIDS[$image]'
			if ((rc != 0)); then
				printf '%-14s FAILED after %ss; last lines of %s:\n' "$image" \
					"$(seconds "${started[$image]}")" "$OUT/logs/$image.log" >&2
				tail -n 30 "$OUT/logs/$image.log" >&2
				kill_jobs
				write_manifest
				exit 1
			fi
			state[$image]=ready
			((verbose == 0)) || cat "$OUT/logs/$image.log"
			printf '%-14s built   %6ss  (key %.12s)\n' "$image" "$(seconds "${started[$image]}")" "${KEYS[$image]}"
		done
	done
	write_manifest
}

main "$@"
