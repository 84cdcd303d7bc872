"""No display, or a Qt platform that cannot start: one line and exit 1, before Qt can abort the
process with exit 134 (issue 9, item 7)."""

import os
import socket
import subprocess
import sys
import types
from pathlib import Path

import pytest

from gdviz.cli import main
from gdviz.cli.display import NO_DISPLAY, display_problem

REPO = Path(__file__).resolve().parents[1]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland checks are for Linux")
HIDDEN = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_PLUGIN_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH")


def gdviz(*args: str, **env: str) -> subprocess.CompletedProcess:
    """`python -m gdviz ARGS` with no display variables but those given."""
    clean = {k: v for k, v in os.environ.items() if k not in HIDDEN}
    return subprocess.run([sys.executable, "-m", "gdviz", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env={**clean, **env})


@linux_only
def test_no_display_is_one_line_and_exit_1() -> None:
    """`env -u DISPLAY -u WAYLAND_DISPLAY gdviz`: Qt aborted with exit 134 and five lines."""
    done = gdviz()
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"gdviz: {NO_DISPLAY}\n"
    assert "`gdviz run`" in done.stderr


@linux_only
def test_bad_flags_are_still_reported_first_without_a_display() -> None:
    done = gdviz("--lr", "-1")
    assert done.returncode == 2 and done.stderr.startswith("gdviz: error: argument --lr")
    assert gdviz("gui", "--data", "beans").returncode == 1


@linux_only
def test_a_platform_qt_does_not_have_is_named_with_the_ones_it_has() -> None:
    done = gdviz(QT_QPA_PLATFORM="nosuchplatform")
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("gdviz: Qt has no platform plugin 'nosuchplatform'")
    assert "offscreen" in done.stderr and "xcb" in done.stderr


@linux_only
def test_the_window_command_stops_before_importing_the_window(monkeypatch, capsys) -> None:
    fake = types.ModuleType("gdviz.ui.app")
    fake.run_gui = lambda args: pytest.fail("the window opened")
    monkeypatch.setitem(sys.modules, "gdviz.ui.app", fake)
    for name in HIDDEN:
        monkeypatch.delenv(name, raising=False)
    assert main(["--data", "beans"]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"gdviz: {NO_DISPLAY}\n")


def test_other_systems_and_screenless_platforms_need_no_display(tmp_path) -> None:
    assert display_problem({}, "darwin") is None
    assert display_problem({}, "win32") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", plugin_dir=tmp_path) is None
    assert display_problem({}, "linux", plugin_dir=tmp_path) == NO_DISPLAY
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux", plugin_dir=tmp_path) == NO_DISPLAY


@linux_only
def test_an_x_display_that_does_not_answer(tmp_path) -> None:
    problem = display_problem({"DISPLAY": ":987"}, "linux", plugin_dir=tmp_path)
    assert problem.startswith("no display: cannot connect to the X display ':987'")


@linux_only
def test_an_x_display_that_answers_is_accepted(tmp_path) -> None:
    """A listening socket where X would be (abstract unix socket, or TCP 6000 + N) counts as a display."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind("\0/tmp/.X11-unix/X986")
        server.listen(1)
        assert display_problem({"DISPLAY": ":986.0"}, "linux", plugin_dir=tmp_path) is None
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        number = server.getsockname()[1] - 6000
        assert display_problem({"DISPLAY": f"127.0.0.1:{number}"}, "linux", plugin_dir=tmp_path) is None


@linux_only
def test_a_plugin_whose_libraries_cannot_load(tmp_path) -> None:
    (tmp_path / "libqbroken.so").write_bytes(b"not a shared library")
    (tmp_path / "libqoffscreen.so").write_bytes(b"")
    problem = display_problem({"QT_QPA_PLATFORM": "broken"}, "linux", plugin_dir=tmp_path)
    assert problem.startswith("the Qt platform plugin 'broken' cannot load:")
    assert len(problem.splitlines()) == 1
    assert display_problem({"QT_QPA_PLATFORM": "broken;minimal"}, "linux", plugin_dir=tmp_path) == problem


@linux_only
def test_one_working_platform_of_a_list_is_enough() -> None:
    """Qt tries each platform of QT_QPA_PLATFORM in turn (here PySide6's own plugins)."""
    assert display_problem({"QT_QPA_PLATFORM": "nosuchplatform;offscreen"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "nosuchplatform"}, "linux").startswith("Qt has no platform plugin")


@linux_only
def test_a_wayland_display_that_does_not_answer(tmp_path) -> None:
    env = {"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-99", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert display_problem(env, "linux", plugin_dir=tmp_path).startswith(
        "no display: cannot connect to the Wayland display 'wayland-99'")
