#!/bin/sh
# Runs inside the chroot (cwd = this recipe directory) after `apt-get update`.
set -eu
apt-get install -y --no-install-recommends python3-minimal
install -d -m 0755 /app
install -m 0644 app.py /app/app.py
# The original image ran `python app.py`.
ln -sf /usr/bin/python3 /usr/local/bin/python
