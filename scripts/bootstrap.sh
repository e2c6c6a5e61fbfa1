#!/usr/bin/env bash
# Set up a fresh Debian machine with Node 20 for mlp-lab: pnpm, dependencies, build.
#   bash scripts/bootstrap.sh          what `mlp train` needs (npm registry only)
#   bash scripts/bootstrap.sh --test   also the Debian packages the test suite uses
#                                      (Fashion-MNIST, Chromium for the viewer's e2e tests, fonts)
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
want_test_deps=false
[[ "${1:-}" == "--test" ]] && want_test_deps=true

if $want_test_deps; then
  packages=(dataset-fashion-mnist chromium fonts-dejavu-core redis-server libvulkan1)
  missing=()
  for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    echo "bootstrap: installing Debian packages: ${missing[*]}"
    sudo_cmd=""
    [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

if [[ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]]; then
  echo "bootstrap: installing pnpm $PNPM_VERSION"
  npm install -g --silent "pnpm@$PNPM_VERSION"
fi

export TURBO_TELEMETRY_DISABLED=1
pnpm install --frozen-lockfile
pnpm build
