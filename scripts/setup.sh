#!/usr/bin/env bash
# Installs everything Podyard needs on a fresh Debian 12 machine, as root, then builds Podyard and
# its offline test images. Idempotent: a second run only checks and exits within seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
  echo "setup: run as root (Podyard creates containers, mounts and network namespaces)" >&2
  exit 1
fi

# 1. Debian packages: the container runtime, CNI plugins, firewall, image tools, test peers.
packages=(
  ca-certificates git
  runc conmon catatonit socat python3-minimal util-linux
  containernetworking-plugins iproute2 nftables iptables
  mmdebstrap umoci skopeo attr zstd
  docker-registry apache2-utils tmux chromium
  gcc libc6-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Node.js 20+ and npm come with the machine; check rather than guess.
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<15)) { console.error("setup: Node.js >= 20.15 required, found "+process.versions.node); process.exit(1) }'

# 3. npm packages, only when the lockfile changed since the last install.
stamp=node_modules/.podyard-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

# 4. Build (incremental).
npm run --silent build

# 5. Test images, built from Debian packages and cached by recipe, and a registry storage holding
#    them under their Docker Hub names (the offline docker.io mirror of the example and tests).
bash test/images/mirror.sh
