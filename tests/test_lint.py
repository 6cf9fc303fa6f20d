"""The code is linted and formatted by ruff, configured in pyproject.toml, notebooks included."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
# pinned in requirements-test.txt
RUFF = pathlib.Path(sys.executable).with_name("ruff")


def _ruff(*args):
    return subprocess.run(
        [str(RUFF), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ruff_finds_nothing_to_fix():
    result = _ruff("check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_every_file_is_formatted():
    result = _ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_ruff_sees_the_notebooks_and_the_packages():
    # A configuration that silently skipped the notebooks (or everything) would pass the above.
    listed = _ruff("check", "--show-files", ".").stdout
    for path in [
        "book/sigmoid.ipynb",
        "acts/plotting.py",
        "tests/test_lint.py",
        "benchmarks/plotting.py",
    ]:
        assert str(ROOT / path) in listed, path
    assert "vendor/" not in listed and "/_build/" not in listed
