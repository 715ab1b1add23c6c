#!/bin/sh
# Runs inside the chroot (cwd = this recipe directory) after `apt-get update`.
set -eu
groupadd --system --gid 101 nginx
useradd --system --uid 101 --gid nginx --no-create-home --home-dir /nonexistent \
	--shell /usr/sbin/nologin --comment "nginx user" nginx
apt-get install -y --no-install-recommends nginx

install -m 0644 nginx.conf /etc/nginx/nginx.conf
install -d -m 0755 /etc/nginx/conf.d
install -m 0644 default.conf /etc/nginx/conf.d/default.conf
rm -f /etc/nginx/sites-enabled/default
install -d -m 0755 /usr/share/nginx/html
install -m 0644 index.html 50x.html /usr/share/nginx/html/

# Logs go to the container's stdout/stderr.
install -d -m 0755 /var/log/nginx
ln -sf /dev/stdout /var/log/nginx/access.log
ln -sf /dev/stderr /var/log/nginx/error.log
nginx -t
rm -f /run/nginx.pid
