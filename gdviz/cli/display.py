"""Can a window open here? Checked before Qt starts, because Qt aborts the process (exit 134) when
it finds no display or cannot load its platform plugin, and an abort cannot be caught.

Only Linux and the other X11/Wayland systems are checked; macOS and Windows always have a screen.
"""
from __future__ import annotations

import ctypes
import importlib.util
import os
import socket
import sys
from pathlib import Path
from typing import Mapping

from .lang import QT_TRANSLATE_NOOP, translate

NO_DISPLAY = QT_TRANSLATE_NOOP("Cli", "no display: set DISPLAY, or use `gdviz run` for the command line")


def display_problem(env: Mapping[str, str] = os.environ, platform: str = sys.platform,
                    plugin_dir: Path | None = None) -> str | None:
    """Why Qt could not open a window here (one line), or None when it should."""
    if platform.startswith(("win", "cygwin", "darwin")):
        return None
    names = [n.split(":")[0].strip() for n in env.get("QT_QPA_PLATFORM", "").split(";") if n.strip()]
    if not names:
        if env.get("WAYLAND_DISPLAY"):
            return None  # a Wayland session: Qt picks wayland or xcb itself
        names = ["xcb"]
    if plugin_dir is None and not (env.get("QT_PLUGIN_PATH") or env.get("QT_QPA_PLATFORM_PLUGIN_PATH")):
        plugin_dir = _pyside_platforms()
    problems = [_platform_problem(name, env, plugin_dir) for name in names]
    return None if None in problems else problems[0]  # Qt tries each name in turn


def _platform_problem(name: str, env: Mapping[str, str], plugin_dir: Path | None) -> str | None:
    if name == "xcb":
        problem = _x_problem(env.get("DISPLAY", ""))
    elif name.startswith("wayland"):
        problem = _wayland_problem(env)
    else:
        problem = None
    return problem or _plugin_problem(name, plugin_dir)


def _x_problem(display: str) -> str | None:
    """Whether an X server answers at DISPLAY (":0", "unix:1", "host:10.0")."""
    if not display:
        return translate("Cli", NO_DISPLAY)
    host, _, number = display.rpartition(":")
    number = number.split(".")[0]
    if not number.isdigit() or "/" in host:
        return None  # a form we do not know: let Qt try
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        reachable = _connects(socket.AF_UNIX, "\0" + path) or _connects(socket.AF_UNIX, path)
    else:
        reachable = _connects(socket.AF_INET, (host, 6000 + int(number)))
    if reachable:
        return None
    return translate("Cli", "no display: cannot connect to the X display '{0}' (is it running?); use `gdviz run` for "
                     "the command line").format(display)


def _wayland_problem(env: Mapping[str, str]) -> str | None:
    name = env.get("WAYLAND_DISPLAY") or "wayland-0"
    path = name if name.startswith("/") else os.path.join(env.get("XDG_RUNTIME_DIR", ""), name)
    if _connects(socket.AF_UNIX, path):
        return None
    return translate("Cli", "no display: cannot connect to the Wayland display '{0}'; set WAYLAND_DISPLAY, "
                     "or use `gdviz run` for the command line").format(name)


def _connects(family: int, address) -> bool:
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.settimeout(2.0)
            s.connect(address)
        return True
    except (OSError, ValueError):
        return False


def _pyside_platforms() -> Path | None:
    """PySide6's folder of Qt platform plugins (found without importing Qt), or None."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "Qt" / "plugins" / "platforms"
    return folder if folder.is_dir() else None


def _plugin_problem(name: str, plugin_dir: Path | None) -> str | None:
    """Whether Qt's platform plugin `name` exists and its libraries load (a missing one aborts Qt)."""
    if plugin_dir is None:
        return None
    stem = "wayland" if name.startswith("wayland") else name
    plugin = plugin_dir / f"libq{stem}.so"
    if not plugin.exists():
        known = sorted(p.name[4:-3] for p in plugin_dir.glob("libq*.so"))
        if not known:
            return None
        return translate("Cli", "Qt has no platform plugin '{0}' (QT_QPA_PLATFORM; available: {1})").format(
            name, ", ".join(known))
    try:
        ctypes.CDLL(str(plugin))  # the dynamic loader names the first missing library
    except OSError as exc:
        reason = str(exc).replace(str(plugin) + ": ", "")
        return translate("Cli", "the Qt platform plugin '{0}' cannot load: {1} (install the missing library; "
                         "`gdviz run` works without a window)").format(name, reason)
    return None

