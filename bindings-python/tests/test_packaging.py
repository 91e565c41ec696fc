"""Packaging quality: stubs match the module, mypy --strict passes on the README quickstart
and the examples, the quickstart runs, the async resources are in sync with the sync ones,
and every public name has a docstring."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import spotdraft

PACKAGE = Path(__file__).resolve().parents[1]


def quickstart() -> str:
    readme = (PACKAGE / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "README has no python quickstart"
    return blocks[0]


def test_stubs_match_the_native_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "spotdraft", "--ignore-missing-stub"],
        capture_output=True,
        text=True,
        cwd=PACKAGE,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_package_quickstart_and_examples(tmp_path: Path) -> None:
    (tmp_path / "quickstart.py").write_text(quickstart())
    targets = [str(tmp_path / "quickstart.py"), *map(str, sorted((PACKAGE / "examples").glob("*.py")))]
    for args in (["-p", "spotdraft"], targets):
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_readme_quickstart_runs(tmp_path: Path) -> None:
    (tmp_path / "quickstart.py").write_text(quickstart())
    result = subprocess.run([sys.executable, "quickstart.py"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "no such contract: not_found" in result.stdout


def test_examples_run() -> None:
    for example in sorted((PACKAGE / "examples").glob("*.py")):
        result = subprocess.run([sys.executable, str(example)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"{example.name}: {result.stderr}"


def test_async_resources_are_generated_from_the_sync_ones() -> None:
    result = subprocess.run([sys.executable, str(PACKAGE / "tools" / "gen_async.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_wheel_ships_stubs_and_py_typed() -> None:
    root = Path(spotdraft.__file__).parent
    assert (root / "py.typed").exists() and (root / "_native.pyi").exists()


def _public(obj: object) -> list:
    return [(n, getattr(obj, n)) for n in dir(obj) if not n.startswith("_")]


@pytest.mark.parametrize("name", spotdraft.__all__)
def test_every_public_name_has_a_docstring(name: str) -> None:
    value = getattr(spotdraft, name)
    assert inspect.getdoc(value), f"spotdraft.{name} has no docstring"
    if inspect.isclass(value) and not issubclass(value, BaseException):
        for attr, member in _public(value):
            if callable(member) or isinstance(member, property):
                assert inspect.getdoc(member), f"spotdraft.{name}.{attr} has no docstring"


def test_importing_spotdraft_leaves_asyncio_unloaded() -> None:
    # asyncio (and the ssl it loads) was most of the import time; a blocking script never
    # needs it, so only the first await of an AsyncClient call imports it.
    code = "import sys, spotdraft; print(sorted(m for m in ('asyncio', 'ssl') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout
