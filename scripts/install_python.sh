#!/usr/bin/env bash
# Install a hash-locked requirements file into .venv, independent of the pip that the system's
# Python bundles. Called by the Makefile as: scripts/install_python.sh PYTHON VENV LOCK
#
# 1. The system's Python must be 3.11 and able to make a virtual environment.
# 2. The installer is bootstrapped first: requirements/bootstrap.lock pins pip itself, with its
#    hashes, so the pip that installs the project is always the same one whatever Python shipped.
# 3. The lock is installed with --require-hashes --no-deps: the lock is the complete set, so pip
#    never asks the index about a dependency (or an extra, such as fonttools[woff]) that the lock
#    already names, and a release upstream cannot change what installs. `pip check` then proves
#    the set is consistent.
# Whatever fails is said in one line; pip's own output goes to var/log/install.log.
set -uo pipefail
python=$1 venv=$2 lock=$3
root=$(cd "$(dirname "$0")/.." && pwd)
log="$root/var/log/install.log"
mkdir -p "$root/var/log"

fail() { echo "intl_portal: $*" >&2; exit 1; }

if [ ! -x "$venv/bin/python" ]; then
  command -v "$python" >/dev/null 2>&1 \
    || fail "no '$python' on this machine: install Python 3.11 (Debian: apt-get install python3 python3-venv), or name one with 'make PYTHON=/path/to/python3.11'."
  version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
  [ "$version" = "3.11" ] \
    || fail "'$python' is Python ${version:-of unknown version}; intl_portal needs Python 3.11 (Django 5.2 LTS): name one with 'make PYTHON=/path/to/python3.11'."
  "$python" -c 'import ensurepip, venv' >/dev/null 2>&1 \
    || fail "'$python' cannot make a virtual environment: install Debian's python3-venv (apt-get install python3-venv)."
  "$python" -m venv "$venv" >>"$log" 2>&1 || fail "'$python -m venv $venv' failed; see $log."
fi

pip_install() {
  "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --require-hashes \
    --no-deps "$@" >>"$log" 2>&1
}

explain_failure() {
  # One line: the network, or the first error pip gave.
  if ! "$venv/bin/python" - >/dev/null 2>&1 <<'PY'
import os, subprocess, sys, urllib.request
url = os.environ.get("PIP_INDEX_URL") or subprocess.run(
    [sys.executable, "-m", "pip", "config", "get", "global.index-url"],
    capture_output=True, text=True).stdout.strip() or "https://pypi.org/simple/"
if url.startswith("file:"):
    sys.exit(0)
urllib.request.urlopen(url.rstrip("/") + "/pip/", timeout=15)
PY
  then
    fail "cannot reach the Python package index (pip's index-url, https://pypi.org/simple/ by default) to install $1: check the network or proxy (HTTPS_PROXY, PIP_INDEX_URL); details in $log."
  fi
  error=$(grep -m1 -E '^(ERROR|error):' "$log" | cut -c1-300)
  fail "pip could not install $1: ${error:-see the log}; details in $log."
}

bootstrap="$root/requirements/bootstrap.lock"
wanted=$(sed -n 's/^pip==\([^ ]*\).*/\1/p' "$bootstrap")
have=$("$venv/bin/python" -c 'import pip; print(pip.__version__)' 2>/dev/null)
if [ "$have" != "$wanted" ]; then
  : >"$log"
  pip_install -r "$bootstrap" || explain_failure requirements/bootstrap.lock
fi

: >"$log"
pip_install -r "$lock" || explain_failure "$(basename "$(dirname "$lock")")/$(basename "$lock")"
"$venv/bin/python" -m pip check --disable-pip-version-check >>"$log" 2>&1 \
  || fail "the packages in $lock do not fit together ($(tail -n1 "$log")): refresh the locks with 'make lock'."
exit 0
