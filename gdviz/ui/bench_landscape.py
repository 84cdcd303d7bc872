"""Measured costs of the landscape views (medians of repeats, in ms): `run(quick)` returns rows of
(label, value, target, unit). Offscreen Qt when no application exists yet."""
from __future__ import annotations

import os
import time
from typing import Callable

import numpy as np

from ..engine import DataObjective, LiveSettings, ModelKind, Reduction, Run, RunConfig
from ..engine.datasets import Dataset, Preset
from ..engine.surface import contour_levels, contour_lines, loss_grid

Row = tuple[str, float, float, str]
GRID = 200


def line_data(n: int, seed: int = 0) -> Dataset:
    """n training points of y = 1 + 2x + 0.1·ε (tutorial 002's recipe at any size)."""
    rng = np.random.default_rng(seed)
    x = rng.random(n)
    y = 1 + 2 * x + 0.1 * rng.standard_normal(n)
    preset = Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(learning_rate=0.1), {"w": -0.14, "b": 0.5})
    return Dataset(f"line {n:g}", "x", "y", x, y, x[:0], y[:0], preset)


def median_ms(fn: Callable[[], object], repeats: int, warmup: int = 2) -> float:
    """Median wall time of fn() in milliseconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1e3 * float(np.median(times))


def surface_costs(n: int, repeats: int) -> list[Row]:
    """Loss grid when the data change and when only the range changes; contour lines."""
    data = line_data(n)
    h, v = np.linspace(-2.0, 4.0, GRID), np.linspace(-1.0, 5.0, GRID)
    obj = DataObjective(data, ModelKind.LINE, Reduction.MEAN)
    new_data = median_ms(lambda: loss_grid(DataObjective(data, ModelKind.LINE, Reduction.MEAN), h, v), repeats)
    objective = median_ms(lambda: DataObjective(data, ModelKind.LINE, Reduction.MEAN), repeats)
    grid_only = median_ms(lambda: loss_grid(obj, h, v), 5 * repeats)
    z = loss_grid(obj, h, v)
    levels = contour_levels(z, 12, log=True)
    lines = median_ms(lambda: contour_lines(h, v, z, levels), repeats)
    return [(f"surface {GRID}×{GRID}, new data, N = {n:.0e} (objective + grid)", new_data, 3.0, "ms"),
            (f"  of which DataObjective construction (engine), N = {n:.0e}", objective, 3.0, "ms"),
            (f"surface {GRID}×{GRID}, new range only", grid_only, 0.5, "ms"),
            (f"contour lines, 12 levels on {GRID}×{GRID}", lines, 10.0, "ms")]


def frame_cost(n: int, frames: int) -> list[Row]:
    """SurfaceView + SectionsView: a frame of one step (on_snapshot, then the event loop paints the
    changed regions, as in the app) and, separately, a forced synchronous repaint of everything."""
    from PySide6.QtWidgets import QApplication, QGraphicsView

    from . import theme
    from .landscape_view import SectionsView, SurfaceView

    app = QApplication.instance() or QApplication([])
    theme.configure()
    run = Run(RunConfig(), LiveSettings(learning_rate=0.05), dataset=line_data(n))
    views = ((SurfaceView(), (900, 700)), (SectionsView(), (560, 700)))
    for view, size in views:
        view.resize(*size)
        view.show()
        view.set_run(run)
        view.on_snapshot(run.snapshot())
    app.processEvents()
    viewports = [gv.viewport() for view, _size in views
                 for gv in (view, *view.findChildren(QGraphicsView)) if isinstance(gv, QGraphicsView)]

    def frame() -> float:
        run.advance(1, stop_on_converged=False)
        snap = run.snapshot()
        start = time.perf_counter()
        for view, _size in views:
            view.on_snapshot(snap)
        app.processEvents()  # the scene hands its changed regions to the views, which paint them
        return time.perf_counter() - start

    def repaint_all() -> float:
        start = time.perf_counter()
        for viewport in viewports:  # QGraphicsView.repaint() alone leaves painting to the event loop
            viewport.repaint()
        return time.perf_counter() - start

    step_times = [frame() for _ in range(frames)]
    paint_times = [repaint_all() for _ in range(frames)]
    rows = [(f"SurfaceView + SectionsView frame, 1 step, N = {n:.0e}", 1e3 * float(np.median(step_times[2:])),
             16.7, "ms"),
            ("SurfaceView + SectionsView full repaint (900×700 + 560×700)",
             1e3 * float(np.median(paint_times[2:])), 16.7, "ms")]
    for view, _size in views:
        view.close()
        view.deleteLater()
    app.processEvents()
    return rows


def run(quick: bool = False) -> list[tuple[str, float, float, str]]:
    """All landscape figures: (label, measured median, target, unit)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    repeats = 5 if quick else 25
    return surface_costs(10 ** 6, repeats) + frame_cost(10 ** 5, 20 if quick else 120)


if __name__ == "__main__":  # python -m gdviz.ui.bench_landscape
    for label, value, target, unit in run():
        print(f"{'ok  ' if value <= target else 'SLOW'} {label}: {value:.3f} {unit} (target ≤ {target:g})")
