"""Platform and packaging checks: the PySide6 None-refcount crash, resources, the wheel."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CALLS = 2000
SKIP_WHEN_COPYING = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache")


def test_qt_calls_keep_none_references(qtbot) -> None:
    """PySide6 6.12 on Python < 3.12 drops a None reference per call and aborts the app."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")
    for _ in range(CALLS):
        label.update()
    lost = before - sys.getrefcount(None)
    assert lost < 100, f"{lost} references to None lost in {2 * CALLS} Qt calls"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on 3.12+")
def test_pyside6_is_not_612_on_old_python() -> None:
    """The environment markers in pyproject.toml must keep 6.12 off Python < 3.12."""
    import PySide6

    assert PySide6.__version_info__[:2] != (6, 12), (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} leaks references"
        " to None and the app dies with 'none_dealloc'; install PySide6-Essentials<6.12"
    )


def test_icon_resource_exists() -> None:
    from gdviz.resources import resource_path

    assert resource_path("gdviz.svg").is_file()


def test_missing_resource_names_the_file() -> None:
    from gdviz.resources import resource_path

    with pytest.raises(FileNotFoundError, match="no-such-file.png"):
        resource_path("no-such-file.png")


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.mark.slow
def test_wheel_ships_resources(tmp_path: Path) -> None:
    """A wheel installed outside the repo still finds resources/ (as gdviz._resources)."""
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check")
    wheels, target, elsewhere = tmp_path / "wheels", tmp_path / "site", tmp_path / "cwd"
    elsewhere.mkdir()
    # Build from a copy so no build/ or egg-info lands in (or stale files leak from) the repo.
    source = tmp_path / "src"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(*SKIP_WHEN_COPYING))
    # Needs setuptools (and wheel for setuptools < 70.1) in the venv: `make venv`.
    _run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(source),
         cwd=elsewhere)
    (wheel,) = wheels.glob("gdviz-*.whl")
    _run(*pip, "install", "--no-deps", "-q", "--target", str(target), str(wheel), cwd=elsewhere)
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = "from gdviz.resources import resource_path; print(resource_path('gdviz.svg'))"
    printed = Path(_run(sys.executable, "-c", code, cwd=elsewhere, env=env).strip())
    assert printed.is_file()
    assert printed.resolve().is_relative_to(target.resolve())
