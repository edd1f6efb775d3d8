"""`make run` run again and again: the port check, the Python finder, the runtime-only install,
and the rerun of its manage.py steps (the server itself is left out)."""

import os
import re
import shlex
import shutil
import socket
import stat
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.api_keys import api_key_authenticate
from fantasy.models import League
from insights.management.commands import demo_credentials

ROOT = Path(settings.BASE_DIR)
DEV_TOOLS = ("pytest", "pytest-django", "pytest-xdist", "ruff", "schemathesis", "factory-boy")


def make(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [shutil.which("make"), "--no-print-directory", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )


def test_a_busy_port_is_reported_before_anything_changes():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]

        checked = make("-s", "port-free", f"PORT={port}")
        planned = make("-n", "run", f"PORT={port}", f"VENV={ROOT / 'no-such-venv'}")

    assert checked.returncode != 0
    assert checked.stderr.strip().startswith(f"Port {port} on 127.0.0.1 is already in use")
    assert f"make run PORT={port + 1}" in checked.stderr
    # The check is the first step: nothing is installed, migrated or keyed before it.
    steps = planned.stdout.splitlines()
    first_change = next(i for i, step in enumerate(steps) if " -m venv " in step)
    assert any("PORT_FREE" in step for step in steps[:first_change])


def test_a_free_port_passes_and_run_serves_on_host_and_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    assert make("-s", "port-free", f"PORT={port}").returncode == 0
    planned = make("-n", "run", f"PORT={port}", "HOST=0.0.0.0").stdout
    assert f"runserver 0.0.0.0:{port}" in planned
    assert f"--base-url http://0.0.0.0:{port}" in planned


def fake_python(directory: Path, name: str, script: str) -> None:
    path = directory / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_the_first_python_from_3_11_is_used(tmp_path):
    fake_python(tmp_path, "python3.13", "echo 'pyenv: python3.13: command not found' >&2; exit 127")
    fake_python(tmp_path, "python3.12", f'exec {sys.executable} "$@"')
    planned = make("-n", "port-free", env={"PATH": str(tmp_path)})

    assert re.search(r"^python3\.12 -c ", planned.stdout, re.MULTILINE), planned.stdout


def test_without_a_python_from_3_11_it_says_which_it_needs(tmp_path):
    fake_python(tmp_path, "python3", "exit 1")  # e.g. a Python 3.10
    done = make("-s", "python", env={"PATH": str(tmp_path)})

    assert done.returncode != 0
    assert done.stderr.splitlines()[0] == (
        "Fantasy Edge needs Python 3.11 or newer: none of python3.13 python3.12 python3.11 "
        "python3 runs one here (or set PYTHON=/path/to/python3.11)"
    )


def requirement_names(path: Path) -> set[str]:
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return {re.split(r"[=<>\[]", line)[0].lower() for line in lines if line and line[0] != "-"}


def test_runtime_requirements_hold_no_dev_tools_and_make_run_installs_only_them(tmp_path):
    runtime = requirement_names(ROOT / "requirements.txt")
    dev = requirement_names(ROOT / "requirements-dev.txt")

    assert not runtime & set(DEV_TOOLS)
    assert set(DEV_TOOLS) <= dev
    fresh = f"VENV={tmp_path / 'venv'}"
    assert "requirements-dev.txt" not in make("-n", "run", fresh).stdout
    assert "-r requirements.txt" in make("-n", "run", fresh).stdout
    assert "-r requirements-dev.txt" in make("-n", "test", fresh).stdout


def run_steps() -> list[list[str]]:
    """`make run`'s manage.py commands, in order, the server excepted."""
    planned = make("-n", "run").stdout.splitlines()
    steps = [shlex.split(line)[2:] for line in planned if " manage.py " in line]
    assert steps[-1][0] == "runserver"
    return steps[:-1]


@pytest.mark.django_db
def test_make_run_twice_keeps_the_demo_and_its_key(tmp_path, monkeypatch):
    monkeypatch.setattr(demo_credentials, "DEMO_KEY_FILE", tmp_path / "key")

    def run_once() -> str:
        out = StringIO()
        for name, *args in run_steps():
            call_command(name, *args, stdout=out, stderr=StringIO())
        return out.getvalue()

    first, second = run_once(), run_once()

    key = re.search(r"API key\s+(fe_\S+)", first).group(1)
    assert re.search(r"API key\s+(fe_\S+)", second).group(1) == key
    assert League.objects.count() == 2  # the two demo leagues, seeded once
    assert api_key_authenticate(raw_key=key) is not None
