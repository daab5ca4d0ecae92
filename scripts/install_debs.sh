#!/usr/bin/env bash
# Install the Debian packages named on the command line that are missing, or say in one line
# why that cannot be done here. Called by the Makefile (debs, test-debs).
set -uo pipefail
missing=()
for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0

fail() { echo "intl_portal: $*" >&2; exit 1; }
command -v apt-get >/dev/null 2>&1 \
  || fail "missing system packages (${missing[*]}) and no apt-get: install their equivalents by hand."
if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  fail "missing Debian packages and no sudo here: ask an administrator to run 'apt-get install ${missing[*]}', then run make again."
fi
mkdir -p var/log
echo "Installing Debian packages: ${missing[*]}"
{ "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"; } \
  >var/log/apt.log 2>&1 \
  || fail "apt-get could not install ${missing[*]} (no network to the Debian mirror, or a held package?); details in var/log/apt.log."
