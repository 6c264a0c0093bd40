#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, test and run (idempotent; needs root).
#   bash scripts/install-deps.sh          build + run
#   bash scripts/install-deps.sh --test   also what the tests use
set -euo pipefail
pkgs=(build-essential cmake pkg-config git ca-certificates
      libxapian-dev libpoppler-cpp-dev libcurl4-openssl-dev libsqlite3-dev nlohmann-json3-dev
      libssl-dev zlib1g-dev)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev qpdf
        poppler-utils clang-format curl)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
