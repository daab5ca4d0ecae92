"""The README's install on a fresh machine: the Makefile's own targets in a clean copy.

Each test copies the repository's files (what git tracks, and new files git does not ignore)
into an empty folder and runs the Makefile there with the system's own Python, whose
`python3 -m venv` gives the virtual environment the pip bundled with that Python (23.x on
Debian 12's Python 3.11, which cannot install a hash-locked dependency that asks for an extra).
Nothing is upgraded by hand: the Makefile must bootstrap the installer it needs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
# The system's own interpreter (the one this suite's .venv was made from), not the .venv's.
SYSTEM_PYTHON = Path(sys.base_prefix) / "bin" / "python3"


def _clean_copy(target: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=BASE_DIR,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (raw.decode() for raw in listed)):
        source = BASE_DIR / name
        if not source.is_file() or source.is_symlink():
            continue  # deleted in the work tree, or a link such as a worktree's .venv
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(source.read_bytes())
        destination.chmod(source.stat().st_mode)
    return target


def _environment(**extra: str) -> dict[str, str]:
    """The caller's environment without this suite's virtual environment."""
    venv_bin = str(BASE_DIR / ".venv" / "bin")
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != venv_bin)
    env.update(extra)
    return env


def _make(copy: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=copy,
        env=_environment(**env),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _pinned_pip() -> str:
    lock = (BASE_DIR / "requirements" / "bootstrap.lock").read_text()
    found = re.search(r"^pip==(\S+) \\$", lock, re.MULTILINE)
    assert found, "requirements/bootstrap.lock pins no pip"
    return found[1]


def _bundled_pip() -> str:
    return subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import ensurepip; print(ensurepip.version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_makefile_installs_both_locks_into_a_new_venv_with_the_bundled_pip(tmp_path: Path) -> None:
    copy = _clean_copy(tmp_path / "repo")
    assert not (copy / ".venv").exists()
    venv_python = copy / ".venv" / "bin" / "python"
    steps = (
        ("python-base", "base.lock", "django, weasyprint, celery, docx, pikepdf, rdflib"),
        ("python-dev", "dev.lock", "pytest, playwright, frictionless, outloud, mypy, uv"),
    )
    for target, lock, imports in steps:
        result = _make(copy, target, f"PYTHON={SYSTEM_PYTHON}")

        assert result.returncode == 0, f"make {target}: {result.stdout}{result.stderr}"
        home = (copy / ".venv" / "pyvenv.cfg").read_text()
        assert f"home = {SYSTEM_PYTHON.parent}" in home, "the venv is not the system Python's"
        # The venv came with the bundled pip; the Makefile put the pinned one in its place.
        version = subprocess.run(
            [str(venv_python), "-m", "pip", "--version"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert version.startswith(f"pip {_pinned_pip()} "), version
        # What the lock names is installed, at the locked versions, and fits together.
        subprocess.run([str(venv_python), "-c", f"import {imports}"], check=True)
        _assert_installed_as_locked(venv_python, copy / "requirements" / lock)


def _assert_installed_as_locked(venv_python: Path, lock: Path) -> None:
    frozen = subprocess.run(
        [str(venv_python), "-m", "pip", "freeze", "--all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    locked = re.findall(r"^([A-Za-z0-9_.-]+==\S+) \\$", lock.read_text(), re.MULTILINE)
    assert locked, f"no pins read from {lock}"
    installed = {line.lower().replace("_", "-") for line in frozen.splitlines()}
    missing = [pin for pin in locked if pin.lower().replace("_", "-") not in installed]
    assert not missing, f"locked but not installed as locked: {missing}"
    check = subprocess.run(
        [str(venv_python), "-m", "pip", "check"], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout


def test_the_bundled_pip_is_older_than_the_pinned_one() -> None:
    """The case the bootstrap exists for is the one this machine's Python has."""
    bundled = tuple(int(part) for part in _bundled_pip().split(".")[:2])
    pinned = tuple(int(part) for part in _pinned_pip().split(".")[:2])
    assert bundled < pinned


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert lines[0].startswith("intl_portal: ")
    return lines[0]


def test_without_python_311_make_says_so_in_one_line(tmp_path: Path) -> None:
    copy = _clean_copy(tmp_path / "repo")
    line = _one_line_error(_make(copy, "python-base", "PYTHON=python3.11-is-not-here"))
    assert "no 'python3.11-is-not-here' on this machine" in line
    assert "Python 3.11" in line


def test_without_the_package_index_make_says_so_in_one_line(tmp_path: Path) -> None:
    copy = _clean_copy(tmp_path / "repo")
    # No pip configuration file, no cache, and an index nobody answers on.
    result = _make(
        copy,
        "python-base",
        f"PYTHON={SYSTEM_PYTHON}",
        PIP_CONFIG_FILE=os.devnull,
        PIP_NO_CACHE_DIR="1",
        PIP_INDEX_URL="http://127.0.0.1:9/simple/",
        PIP_RETRIES="0",
        PIP_TIMEOUT="3",
    )
    line = _one_line_error(result)
    assert "cannot reach the Python package index" in line


def test_without_sudo_the_debian_packages_are_named_in_one_line() -> None:
    script = (BASE_DIR / "scripts" / "install_debs.sh").read_text()
    command = ["bash", "-s", "--", "intl-portal-no-such-package"]
    if os.geteuid() == 0:
        # As root apt-get would simply run: try as a user without sudo rights.
        command = ["runuser", "-u", "nobody", "--", *command]
    result = subprocess.run(
        command, input=script, cwd="/", capture_output=True, text=True, check=False
    )
    line = _one_line_error(result)
    assert "intl-portal-no-such-package" in line
    assert "sudo" in line or "apt-get could not install" in line
