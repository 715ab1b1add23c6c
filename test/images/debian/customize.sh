#!/bin/sh
# mmdebstrap --customize-hook for the debian image: slim the rootfs like
# Docker's debian images and install the dpkg path-excludes so that layers
# built on top stay slim too. Usage: customize.sh ROOTFS EXCLUDES_FILE
set -eu
root=$1
excludes=$2

install -D -m 0644 "$excludes" "$root/etc/dpkg/dpkg.cfg.d/podyard-excludes"

# Keep copyright files, drop the rest of the docs.
find "$root/usr/share/doc" -depth -mindepth 1 \
	\( -type d -empty -o ! -type d ! -name copyright \) -delete
for d in man groff info lintian linda; do
	rm -rf "${root:?}/usr/share/$d"
done
find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias \
	-exec rm -rf {} +

# No caches or logs in an image.
rm -rf "$root"/var/cache/apt/*.bin "$root"/var/cache/debconf/*-old \
	"$root"/var/lib/dpkg/*-old "$root"/var/cache/ldconfig/aux-cache
find "$root/var/log" -type f -delete
# mmdebstrap copied these from the build host; the runtime provides them.
rm -f "$root/etc/resolv.conf" "$root/etc/hostname"
