"""Window benchmarks for `python -m gdviz.bench --only gui` (offscreen, at the window's first-start
size 1600×950; GDVIZ_BENCH_SIZE=WxH measures another)."""
from __future__ import annotations

import os
import statistics
import time
from functools import lru_cache

SIZE = tuple(int(v) for v in os.environ.get("GDVIZ_BENCH_SIZE", "1600x950").split("x"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402

from ..bench import Bench, Measure  # noqa: E402
from ..engine import (BatchMode, LiveSettings, ModelKind, Race, RaceEntry, Reduction, Run, RunConfig,  # noqa: E402
                      UpdateRule)
from ..engine.datasets import Dataset, Preset  # noqa: E402


def dataset(n: int) -> Dataset:
    """n points of y = 1 + 2x + noise with 20 % held out for validation."""
    rng = np.random.default_rng(1)
    x = rng.random(n)
    y = 1 + 2 * x + 0.1 * rng.standard_normal(n)
    cut = int(n * 0.8)
    preset = Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(learning_rate=0.01), {"w": 0.0, "b": 0.0})
    return Dataset(f"bench {n:g}", "x", "y", x[:cut], y[:cut], x[cut:], y[cut:], preset)


@lru_cache(maxsize=1)
def _app():
    from .app import make_app, quiet_offscreen_notes
    quiet_offscreen_notes()
    return make_app()


@lru_cache(maxsize=None)
def _window(n: int):
    """A shown window on n points (kept for the repeats)."""
    app = _app()
    from .main_window import MainWindow
    run = Run(RunConfig(grad_tol=0), LiveSettings(learning_rate=0.01), dataset=dataset(int(n)))
    window = MainWindow(run)
    window.resize(*SIZE)
    window.show()
    for _ in range(3):
        app.processEvents()
    return window


def frame_ms(window, frames: int, steps_per_frame: int = 1, widget=None) -> float:
    """Median ms of one timer frame: advance, emit to every view, and paint what changed (as the
    event loop does after a timer tick; `widget` forces one view's full repaint as well)."""
    return statistics.median(frame_times(window, frames, steps_per_frame, widget))


def frame_times(window, frames: int, steps_per_frame: int = 1, widget=None) -> list[float]:
    """ms of each of `frames` timer frames (see frame_ms). The window is the only one shown, as a
    user has it (the other benches' windows stay alive in this process)."""
    app = _app()
    for other in app.topLevelWidgets():
        if other is not window and other.isVisible():
            other.hide()
        if other is not window and getattr(other, "_rate_limited", False):
            other._set_rate_limited(False)  # a window benched before stops "playing": its speed timer too
    if not window.isVisible():
        window.show()
        app.processEvents()
    window.controller.steps_per_frame = steps_per_frame
    window._set_rate_limited(True)  # as while playing
    times = []
    for _ in range(frames):
        t = time.perf_counter()
        window.controller._tick()
        if widget is not None:
            widget.viewport().repaint()
        app.processEvents()
        times.append(1000 * (time.perf_counter() - t))
    return times


def _frame_bench(n: float, landscape: bool, target: float) -> Bench:
    """A timer frame of the window: data + loss views (issue 2), or with the landscape and the
    cross-sections too (issue 3)."""
    def bench(quick: bool) -> Measure:
        window = _window(n)
        window.panel.landscape.setChecked(landscape)
        window.panel.sections.setChecked(landscape)
        window.controller.reset()
        frame_ms(window, 10)
        return Measure(frame_ms(window, 60 if quick else 200), target, higher_is_better=False, decimals=2)
    return bench


def loss_view_at_1e6(quick: bool) -> Measure:
    """One more step appended to a 1e6-step history: the loss view's update and a full repaint."""
    window = _window(1e3)
    run, view = window.controller.run, window.loss_view
    if run.step < 1_000_000:
        window.controller.reset()
        run.advance(1_000_000, stop_on_converged=False)
        window.controller.refresh()
    times = []
    for _ in range(40 if quick else 150):
        run.advance(1, stop_on_converged=False)
        snap = run.snapshot(preview=False)
        t = time.perf_counter()
        view.on_snapshot(snap)
        view.viewport().repaint()
        times.append(time.perf_counter() - t)
    return Measure(1000 * statistics.median(times), 10.0, higher_is_better=False, decimals=2)


RACE_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3)


def race(n: int, rates: tuple[float, ...] = RACE_RATES) -> Race:
    """Six Adam runners, mini-batch 32, at different learning rates on n synthetic points (the first
    is the primary, whose cross-sections and maths the window shows)."""
    entries = [RaceEntry(f"η = {lr:g}", i, LiveSettings(learning_rate=lr, rule=UpdateRule.ADAM,
                                                         batch_mode=BatchMode.MINI, batch_size=32))
               for i, lr in enumerate(rates)]
    return Race(RunConfig(grad_tol=0), entries, dataset=dataset(n))


@lru_cache(maxsize=None)
def _race_window(n: int, rates: tuple[float, ...] = RACE_RATES):
    """A shown window racing six runners on n points (kept for the repeats)."""
    app = _app()
    from .main_window import MainWindow
    window = MainWindow()
    window.controller.start_race(race(int(n), rates))
    window.resize(*SIZE)
    window.show()
    for _ in range(3):
        app.processEvents()
    return window


def _race_frames(rates: tuple[float, ...], quick: bool) -> list[float]:
    """ms of each timer frame of a six-runner race after a reset (every runner steps, every view
    draws every runner; nothing that moved less than half a pixel is redrawn)."""
    window = _race_window(1e5, rates)
    window.controller.reset()
    frame_ms(window, 10)
    return frame_times(window, 60 if quick else 200)


def race_frame(quick: bool) -> Measure:
    """The median race frame (the slowest runner is the primary: its cross-sections mostly stay put)."""
    return Measure(statistics.median(_race_frames(RACE_RATES, quick)), 6.0, higher_is_better=False, decimals=2)


def race_frame_fast_primary(quick: bool) -> Measure:
    """The median race frame with the fastest runner as the primary: its cross-sections move every frame."""
    return Measure(statistics.median(_race_frames(RACE_RATES[::-1], quick)), None, higher_is_better=False,
                   decimals=2)


def race_frame_p90(quick: bool) -> Measure:
    """The 90th percentile of the race frames: the frames that also compute a runner's next steps or
    redraw the settled paths (every 12 and 32 steps)."""
    return Measure(float(np.percentile(_race_frames(RACE_RATES, quick), 90)), 8.0, higher_is_better=False,
                   decimals=2)


PRESENTATION = (1920, 1080)


@lru_cache(maxsize=None)
def _presentation_window(race_window: bool):
    """A window in presentation mode at 1920×1080 and zoom 1.5 (docks, menus and toolbar hidden;
    offscreen full screen would take the virtual screen's size, so the size is set after)."""
    app = _app()
    from .main_window import MainWindow
    if race_window:
        window = MainWindow()
        window.controller.start_race(race(100_000))
    else:
        window = MainWindow(Run(RunConfig(grad_tol=0), LiveSettings(learning_rate=0.01), dataset=dataset(100_000)))
    window.show()
    window.set_presentation(True)
    window.set_zoom(1.5)
    window.showNormal()
    window.resize(*PRESENTATION)
    for _ in range(3):
        app.processEvents()
    return window


def _presentation_bench(race_window: bool, target: float) -> Bench:
    def bench(quick: bool) -> Measure:
        window = _presentation_window(race_window)
        window.controller.reset()
        frame_ms(window, 10)
        return Measure(frame_ms(window, 60 if quick else 200), target, higher_is_better=False, decimals=2)
    return bench


def _two_layer_data(n: int) -> Dataset:
    """n points of a smooth curve, for the two-layer model (issue 11's window figure)."""
    rng = np.random.default_rng(2)
    x = rng.normal(0, 1, n)
    y = 3 / (1 + np.exp(-2 * x)) + 0.1 * rng.standard_normal(n)
    preset = Preset(ModelKind.TWO_LAYER, Reduction.MEAN, LiveSettings(learning_rate=0.05),
                    {"k1": 1.0, "b1": 0.0, "k2": 1.0, "b2": 0.0})
    return Dataset(f"curve {n:g}", "x", "y", x, y, x[:0], y[:0], preset)


@lru_cache(maxsize=None)
def _graph_window():
    """The two-layer model on 1e5 points with the graph dock shown (following the run)."""
    app = _app()
    from .main_window import MainWindow
    run = Run(RunConfig(model=ModelKind.TWO_LAYER, grad_tol=0), LiveSettings(learning_rate=0.05),
              dataset=_two_layer_data(100_000))
    window = MainWindow(run)
    window.resize(*SIZE)
    window.show()
    window.graph_dock.show()
    for _ in range(3):
        app.processEvents()
    return window


def graph_window_frame(quick: bool) -> Measure:
    """A timer frame of the whole window with the graph shown (two-layer model, N = 1e5, one step)."""
    window = _graph_window()
    window.controller.reset()
    frame_ms(window, 10)
    return Measure(frame_ms(window, 60 if quick else 200), 5.0, higher_is_better=False, decimals=2)


def graph_substep(quick: bool) -> Measure:
    """One graph-step sub-step: the graph view shows the next node's value or gradient and repaints."""
    window = _graph_window()
    app = _app()
    mode = window.graph_mode
    if not mode.stepping:
        window.toggle_graph_step()
    times = []
    for _ in range(60 if quick else 200):
        if mode.index >= len(mode.steps) - 1:
            mode.index = -1
        t = time.perf_counter()
        mode.index += 1
        mode._show()
        window.graph_panel.view.viewport().repaint()
        app.processEvents()
        times.append(1000 * (time.perf_counter() - t))
    return Measure(statistics.median(times), 2.0, higher_is_better=False, decimals=2)


@lru_cache(maxsize=None)
def _rooms_two_layer_window():
    """Tutorial 004's two-layer model on rooms → price (N = 506): the surface is a (k1, b1) slice."""
    app = _app()
    from .main_window import MainWindow
    from .slice_worker import process_ready
    init = (("k1", 1.0), ("b1", 0.0), ("k2", 1.0), ("b2", 0.0))
    run = Run(RunConfig(data="rooms", model=ModelKind.TWO_LAYER, init=init, grad_tol=0), LiveSettings(learning_rate=1e-3))
    window = MainWindow(run)
    window.resize(*SIZE)
    window.show()
    for _ in range(3):
        app.processEvents()
    window.surface.slicer.wait()
    process_ready()  # the first slices are computed in this process while the slice process starts
    return window


def frames_while_slicing(quick: bool) -> Measure:
    """The slowest timer frame while a 200 × 200 slice of the two-layer model is computed afresh in the
    slice process (no row of it known before), one step a frame."""
    from ..engine.surface import forget_rows
    window = _rooms_two_layer_window()
    surface, objective = window.surface, window.controller.run.objective
    frame_times(window, 5)
    worst = 0.0
    for _ in range(3 if quick else 8):
        forget_rows(objective)
        surface._ask_slice()  # the slice through the current point, as when the held parameters move
        deadline = time.monotonic() + 30
        while surface.slicer.busy and time.monotonic() < deadline:
            worst = max(worst, max(frame_times(window, 1)))
    return Measure(worst, 16.0, higher_is_better=False, decimals=1)


def race_headless(quick: bool) -> Measure:
    """Steps a second of each runner when Race.advance steps six mini-batch Adam runners together."""
    steps = 10_000 if quick else 50_000
    contest = race(100_000)
    start = time.perf_counter()
    contest.advance(steps)
    elapsed = time.perf_counter() - start
    if any(run.step != steps for run in contest.runs):
        raise RuntimeError(f"bench race stopped early: {[run.status_message() for run in contest.runs]}")
    return Measure(steps / elapsed, 10_000)


def _surface_bench(index: int) -> Bench:
    """One row of the landscape module's surface figures (new data, new range, contours)."""
    def bench(quick: bool) -> Measure:
        from .bench_landscape import surface_costs
        _label, value, target, _unit = surface_costs(10 ** 6, 5 if quick else 20)[index]
        return Measure(value, target, higher_is_better=False, decimals=2)
    return bench


def contour_ms(quick: bool) -> Measure:
    """Contour lines for 12 levels on a 200×200 grid (contourpy)."""
    from .bench_landscape import surface_costs
    rows = surface_costs(10 ** 6, 5 if quick else 20)
    value = next(v for label, v, _t, _u in rows if label.startswith("contour"))
    return Measure(value, 10.0, higher_is_better=False, decimals=2)


BENCHES: dict[str, Bench] = {
    **{f"data + loss views frame, N={n:.0e}, 1 step/frame, ms": _frame_bench(n, False, 4.0)
       for n in (1e2, 1e4, 1e5, 1e6)},
    "whole window (surface + sections) frame, N=1e5, ms": _frame_bench(1e5, True, 5.0),
    "loss view append+redraw, 1e6-step history, ms": loss_view_at_1e6,
    "race window frame, 6 runs mini-batch Adam, N=1e5, ms": race_frame,
    "  the same, 90th percentile frame, ms": race_frame_p90,
    "  the same, fastest runner as the primary, ms": race_frame_fast_primary,
    "presentation 1920×1080 zoom 1.5: whole window frame, N=1e5, ms": _presentation_bench(False, 5.0),
    "presentation 1920×1080 zoom 1.5: race window frame, N=1e5, ms": _presentation_bench(True, 6.0),
    "window with the graph shown, two-layer, N=1e5, 1 step/frame, ms": graph_window_frame,
    "graph-step: one sub-step shown and repainted, ms": graph_substep,
    "slowest frame while a two-layer slice computes, rooms N=506, ms": frames_while_slicing,
    "race headless, 6 runs mini-batch Adam, N=1e5, steps/s per run": race_headless,
    "surface 200×200 at N=1e6, data changed, ms": _surface_bench(0),
    "surface 200×200, range changed, ms": _surface_bench(2),
    "contour lines, 12 levels, ms": contour_ms,
}


try:  # the recording figures (issue 12) live beside the window's
    from .bench_record import BENCHES as _RECORD_BENCHES
except ImportError:  # pragma: no cover - recorder not available
    _RECORD_BENCHES = {}
BENCHES.update(_RECORD_BENCHES)
