"""Locate the files of the top-level resources/ folder, installed or not."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    # Installed wheel: setuptools ships resources/ as the package gdviz._resources.
    installed = files(__package__ or "gdviz") / "_resources" / name
    if isinstance(installed, Path):
        found.append(installed)
    # Source checkout or editable install: resources/ sits beside gdviz/. The
    # pyproject.toml check keeps a stray site-packages/resources from matching.
    root = _PACKAGE_DIR.parent
    if (root / "pyproject.toml").is_file():
        found.append(root / "resources" / name)
    return found


def resource_path(name: str) -> Path:
    """Return the path of `name` (e.g. "gdviz.svg") in gdviz's resources folder.

    Raises FileNotFoundError naming the file when no location holds it.
    """
    candidates = _candidates(name)
    for path in candidates:
        if path.is_file():
            return path
    searched = ", ".join(str(p.parent) for p in candidates) or "no location"
    raise FileNotFoundError(f"gdviz resource {name!r} not found (searched {searched})")
