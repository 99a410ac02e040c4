#!/usr/bin/env bash
# Install what the project needs into .venv, on Debian (or Ubuntu), as root or as a user.
#
#   bash tools/install.sh          # the site: Python venv + requirements.txt
#   bash tools/install.sh --dev    # the tests too: Debian's Chromium, git, requirements-dev.txt
#
# System packages come from apt, run directly as root and through sudo otherwise, and only when
# missing: python3, its venv module, and with --dev chromium (the browser tests use /usr/bin/chromium;
# never `playwright install`) and git (the "Last update" test makes a scratch repository).
# An existing .venv is reused. README.md and .ci/run both call this script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dev=false
case "${1:-}" in
  --dev) dev=true ;;
  "") ;;
  *) echo "usage: bash tools/install.sh [--dev]" >&2; exit 2 ;;
esac

export PIP_DISABLE_PIP_VERSION_CHECK=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "error: '$*' needs root: run this script as root, or install sudo" >&2
    return 1
  fi
}

missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ! -x .venv/bin/python ] && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
if $dev; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v git >/dev/null 2>&1 || missing+=(git)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install.sh: apt-get install ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
requirements=requirements.txt
$dev && requirements=requirements-dev.txt
.venv/bin/python -m pip install --progress-bar off -r "$requirements"
echo "install.sh: .venv is ready ($(.venv/bin/python --version), $requirements)"
