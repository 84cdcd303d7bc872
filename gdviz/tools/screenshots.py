"""Render the README's screenshots offscreen: `python -m gdviz.tools.screenshots [OUT_DIR]`."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ..engine import LiveSettings, RunConfig  # noqa: E402

SIZE = (1600, 950)


def _settle(app, n: int = 5) -> None:
    for _ in range(n):
        app.processEvents()


def main_window(window, app) -> None:
    """Tutorial 002's data after 6 steps at η = 0.1, residuals on."""
    window.controller.load(RunConfig(data="linear"), LiveSettings(learning_rate=0.1))
    window.panel.residuals.setChecked(True)
    window.controller.step_forward(6)


def trail(window, app) -> None:
    """Tutorial 003's overlay: lines pinned at 10, 20, 30, 100 and 1000 steps, fading trail."""
    window.controller.load(RunConfig(data="linear", standardise=False), LiveSettings(learning_rate=0.05))
    window.data_view.set_pinned_steps([10, 20, 30, 100, 1000])
    window.data_view.set_trail_length(0)
    window.controller.step_forward(1000)
    window.panel.log_scale.setChecked(True)


def _landscape(learning_rate: float, steps: int, equal: bool = False, **config) -> Callable:
    def scene(window, app) -> None:
        window.controller.load(RunConfig(**config), LiveSettings(learning_rate=learning_rate))
        window.panel.equal_scales.setChecked(equal)
        window.controller.step_forward(steps)
    scene.__doc__ = f"η = {learning_rate} after {steps} steps on {config}"
    return scene


def tangent(window, app) -> None:
    """Tutorial 000: f(x) = x² + 5, its tangent and the path of x."""
    window.controller.load(RunConfig(function="parabola"), LiveSettings(learning_rate=0.1))
    window.controller.step_forward(6)


def _race(preset: str, steps: int, log: bool = False) -> Callable:
    def scene(window, app) -> None:
        window.controller.start_preset(preset)
        window.panel.log_scale.setChecked(log)
        window.controller.step_forward(steps)
    scene.__doc__ = f"the ready-made race {preset} after {steps} steps"
    return scene


def projector(window, app) -> None:
    """A 1280×720 projector: tutorial 002 after 6 steps, settings and maths as tabs of one dock."""
    main_window(window, app)


def presentation(window, app) -> None:
    """Presentation mode (F5) at zoom 1.5: docks and menus hidden, the slim status line."""
    window.controller.load(RunConfig(data="linear"), LiveSettings(learning_rate=0.1))
    window.set_presentation(True)
    window.showNormal()  # offscreen full screen is the virtual screen's size: keep the scene's size
    window.resize(*SIZES["presentation"])
    window.set_zoom(1.5)
    window.controller.step_forward(8)


def keys_sheet(window, app) -> None:
    """The keys sheet (F1)."""
    window.toggle_keys()


def graph_step(window, app) -> None:
    """The computational graph (F8) in graph-step mode (G), half-way through the backward pass."""
    window.controller.load(RunConfig(data="linear"), LiveSettings(learning_rate=0.1))
    window.controller.step_forward(3)
    window.graph_dock.show()
    _settle(app)
    window.toggle_graph_step()
    for _ in range(len(window.graph_mode.steps) * 2 // 3):
        window.graph_mode.forward()


def chinese(window, app) -> None:
    """The window in 简体中文: tutorial 002 after 6 steps (the language is installed before the window)."""
    main_window(window, app)


LANGUAGE = {"chinese": "zh_CN"}  # scenes shown in another language

SIZES = {"projector-1280x720": (1280, 720), "presentation": (1920, 1080), "keys": (1280, 720),
         "graph-step": (1600, 950)}

SCENES: dict[str, Callable] = {
    "chinese": chinese,
    "projector-1280x720": projector,
    "presentation": presentation,
    "keys": keys_sheet,
    "graph-step": graph_step,
    "main-window": main_window,
    "pinned-lines": trail,
    "landscape-lr-0.2": _landscape(0.2, 12, data="linear"),
    "landscape-lr-0.8": _landscape(0.8, 12, data="linear"),
    "landscape-lr-1.1": _landscape(1.1, 40, data="linear"),
    "bad-feature": _landscape(0.02, 60, equal=True, data="linear", bad_feature=True),
    "bad-feature-standardised": _landscape(0.1, 30, equal=True, data="linear", bad_feature=True,
                                           standardise=True),
    "tangent": tangent,
    "rosenbrock": _landscape(0.001, 3000, function="rosenbrock"),
    "race-valley": _race("valley-optimizers", 150, log=True),
    "race-learning-rates": _race("learning-rates", 40),
    "race-search": _race("search-vs-gradient", 300, log=True),
}


def render(out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Render the scenes to PNG files; returns their paths."""
    import tempfile

    from PySide6.QtCore import QSettings

    from ..ui.app import make_app
    from ..ui.main_window import MainWindow
    app = make_app()
    app.setOrganizationName("gdviz-screenshots")  # never the user's zoom, theme or layout
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp(prefix="gdviz-shots-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, scene in SCENES.items():
        if names and name not in names:
            continue
        language = LANGUAGE.get(name)
        if language:
            from ..ui import i18n
            i18n.install(app, language)
        window = MainWindow()
        window.resize(*SIZES.get(name, SIZE))
        if name == "projector-1280x720":
            window.set_docks_tabbed(True)
        window.show()
        _settle(app)
        scene(window, app)
        _settle(app)
        window.equations._render()
        _settle(app)
        path = out_dir / f"{name}.png"
        window.grab().save(str(path))
        written.append(path)
        if language:
            from ..ui import i18n
            i18n.remove(app)
        window._handing_over = True  # a scene's window is thrown away, not rebuilt in another language
        window.close()
        window.deleteLater()
        _settle(app)
    return written


if __name__ == "__main__":
    args = sys.argv[1:]
    out = Path(args[0]) if args else Path("docs/screenshots")
    for p in render(out, args[1:] or None):
        print(p)
