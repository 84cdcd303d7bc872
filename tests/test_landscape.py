"""The loss landscape: surface grids against the raw data, contour lines on their levels, framing
that grows in jumps but never without bound, tangents with the engine's slopes, picking a start
by clicking, a diverging run that leaves nothing non-finite on screen, and the 2-D functions."""
from __future__ import annotations

import math
import subprocess
import sys
import tracemalloc

import numpy as np
import pytest

from gdviz.engine import LiveSettings, ModelKind, Run, RunConfig, Status
from gdviz.engine.functions import FUNCTIONS, FunctionObjective
from gdviz.engine.surface import (BOUND, Framing, clamp_to_box, contour_levels, contour_lines,
                                  initial_framing, loss_curve, loss_grid, sublevel_box, surface_axes)

LINE_CONFIGS = {
    "linear": RunConfig(),
    "house": RunConfig(data="house"),
    "standardised": RunConfig(standardise=True),
    "bad feature": RunConfig(bad_feature=True),
    "sum": RunConfig(reduction="sum"),
}
TWO_D = [name for name, spec in FUNCTIONS.items() if len(spec.param_names) == 2]


# ----- references ---------------------------------------------------------------------------
def direct_loss(run: Run, w: float, b: float) -> float:
    """c·Σ(w·x' + b − y)² on the raw training data, x' the model's feature (numpy, no sums)."""
    obj, ds = run.objective, run.dataset
    x = (ds.x_train - obj.shift) / obj.scale_x
    r = w * x + b - ds.y_train
    c = {"mean": 1.0 / len(x), "sum": 1.0, "half-sum": 0.5}[obj.reduction.value]
    return c * float(r @ r)


def grid_for(run: Run, n: int = 121):
    framing = initial_framing(run.objective, run.initial_params[None], surface_axes(run.objective))
    h = np.linspace(framing.lo[0], framing.hi[0], n)
    v = np.linspace(framing.lo[1], framing.hi[1], n + 8)  # not square: rows and columns differ
    return h, v


# ----- the surface --------------------------------------------------------------------------
def test_surface_axes_put_b_across_and_w_up_for_the_line() -> None:
    assert surface_axes(Run().objective) == (1, 0)
    assert surface_axes(FunctionObjective("rosenbrock")) == (0, 1)
    with pytest.raises(ValueError, match="two parameters"):
        surface_axes(FunctionObjective("parabola"))


@pytest.mark.parametrize("name", LINE_CONFIGS)
def test_surface_equals_the_loss_computed_directly_from_the_data(name: str) -> None:
    run = Run(LINE_CONFIGS[name])
    h, v = grid_for(run)
    z = loss_grid(run.objective, h, v)
    assert z.shape == (len(v), len(h))
    rng = np.random.default_rng(3)
    for i, j in zip(rng.integers(0, len(v), 40), rng.integers(0, len(h), 40)):
        expected = direct_loss(run, w=v[i], b=h[j])
        assert z[i, j] == pytest.approx(expected, rel=1e-9, abs=1e-12 * max(1.0, expected))


@pytest.mark.parametrize("name", LINE_CONFIGS)
def test_surface_minimum_lies_at_the_closed_form_optimum(name: str) -> None:
    run = Run(LINE_CONFIGS[name])
    w_opt, b_opt = run.objective.optimum()
    h, v = grid_for(run, 201)
    for _ in range(3):  # the argmin cell contains the optimum; zoom onto it and look again
        z = loss_grid(run.objective, h, v)
        i, j = np.unravel_index(np.argmin(z), z.shape)
        dh, dv = h[1] - h[0], v[1] - v[0]
        assert abs(h[j] - b_opt) <= dh and abs(v[i] - w_opt) <= dv
        h = np.linspace(h[j] - 2 * dh, h[j] + 2 * dh, 41)
        v = np.linspace(v[i] - 2 * dv, v[i] + 2 * dv, 41)
    assert abs(h[20] - b_opt) <= 4 * (h[1] - h[0]) and abs(v[20] - w_opt) <= 4 * (v[1] - v[0])


def test_surface_is_computed_from_the_sums_without_samples_times_grid_memory() -> None:
    from gdviz.ui.bench_landscape import line_data

    run = Run(RunConfig(), dataset=line_data(200_000))
    h, v = np.linspace(-2, 4, 200), np.linspace(-1, 5, 200)
    loss_grid(run.objective, h, v)
    tracemalloc.start()
    loss_grid(run.objective, h, v)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak <= 4 * 200 * 200 * 8, f"{peak / 1e6:.1f} MB for a 200×200 grid"


def test_huge_ranges_give_finite_values_without_warnings() -> None:
    run = Run()
    h = np.linspace(-1e160, 1e160, 50)
    z = loss_grid(run.objective, h, h)  # filterwarnings=error: an overflow warning fails here
    assert np.isfinite(z).all() and z.max() <= BOUND
    assert np.isfinite(loss_curve(run.objective, h, 0, run.params)).all()


@pytest.mark.parametrize("name", TWO_D)
def test_surface_of_every_function_is_finite(name: str) -> None:
    obj = FunctionObjective(name)
    (x0, x1), (y0, y1) = obj.spec.view
    for scale in (1.0, 1e3, 1e90):
        z = loss_grid(obj, np.linspace(x0, x1, 80) * scale, np.linspace(y0, y1, 60) * scale)
        assert z.shape == (60, 80) and np.isfinite(z).all()
    z = loss_grid(obj, np.linspace(x0, x1, 80), np.linspace(y0, y1, 60))
    x, y = np.meshgrid(np.linspace(x0, x1, 80), np.linspace(y0, y1, 60))
    np.testing.assert_allclose(z, obj.spec.f(np.stack([x, y], -1)), rtol=1e-12)


def test_parabola_curve_is_finite_and_exact() -> None:
    obj = FunctionObjective("parabola")
    xs = np.linspace(-10, 10, 101)
    np.testing.assert_allclose(loss_curve(obj, xs), xs ** 2 + 5)
    assert np.isfinite(loss_curve(obj, xs * 1e200)).all()


@pytest.mark.parametrize("name", TWO_D)
def test_function_gradient_matches_central_differences(name: str) -> None:
    spec = FUNCTIONS[name]
    rng = np.random.default_rng(7)
    (x0, x1), (y0, y1) = spec.view
    for p in np.column_stack([rng.uniform(x0, x1, 25), rng.uniform(y0, y1, 25)]):
        g = spec.grad(p)
        for k in range(2):
            e = np.zeros(2)
            e[k] = 1e-6 * max(1.0, abs(p[k]))
            fd = (spec.f(p + e) - spec.f(p - e)) / (2 * e[k])
            assert g[k] == pytest.approx(fd, rel=1e-5, abs=1e-5)


# ----- contours -----------------------------------------------------------------------------
def curvature_bound(z: np.ndarray) -> np.ndarray:
    """Largest |second difference| (≈ f''·Δ²) along either axis around each grid node."""
    d2 = np.zeros_like(z)
    d2[1:-1, :] = np.abs(z[2:] - 2 * z[1:-1] + z[:-2])
    d2[:, 1:-1] = np.maximum(d2[:, 1:-1], np.abs(z[:, 2:] - 2 * z[:, 1:-1] + z[:, :-2]))
    out = d2.copy()
    for di in (-2, -1, 1, 2):  # the neighbouring cells too
        out = np.maximum(out, np.roll(d2, di, axis=0))
        out = np.maximum(out, np.roll(d2, di, axis=1))
    return out


def test_contour_levels_span_the_surface_linear_or_log() -> None:
    z = np.array([[1.0, 2.0], [5.0, 101.0]])
    lin = contour_levels(z, 4)
    np.testing.assert_allclose(lin, [21, 41, 61, 81])
    log = contour_levels(z, 12, log=True)
    assert len(log) == 12 and np.all(np.diff(log) > 0) and 1.0 < log[0] and log[-1] < 101.0
    ratios = np.diff(np.log(log - 1.0))
    np.testing.assert_allclose(ratios, ratios[0])  # geometric above the minimum
    assert len(contour_levels(np.ones((3, 3)))) == 0


@pytest.mark.parametrize("which", ["linear", "rosenbrock", "himmelblau"])
def test_contour_lines_lie_on_their_levels(which: str) -> None:
    run = Run(RunConfig(function=None if which == "linear" else which))
    obj = run.objective
    h, v = grid_for(run, 200)
    z = loss_grid(obj, h, v)
    ih, iv = surface_axes(obj)
    levels = contour_levels(z, 12, log=True)
    bend = curvature_bound(z)
    for level in levels:
        x, y, connect = contour_lines(h, v, z, [level])
        assert len(x) > 1 and np.isfinite(x).all() and np.isfinite(y).all()
        params = np.empty((len(x), 2))
        params[:, ih], params[:, iv] = x, y
        on_line = obj.loss(params)
        # points lie on cell edges, interpolated linearly: error ≤ f''·Δ²/8 along the edge
        i = np.clip(np.searchsorted(v, y), 0, len(v) - 1)
        j = np.clip(np.searchsorted(h, x), 0, len(h) - 1)
        assert np.all(np.abs(on_line - level) <= 1.5 * bend[i, j] / 8 + 1e-12 * level)
        assert not connect[-1]
    x, y, connect = contour_lines(h, v, z, levels)
    assert len(x) == len(y) == len(connect) and (~connect).sum() >= len(levels)


def test_contour_lines_of_an_empty_level_list_are_empty() -> None:
    x, y, connect = contour_lines(np.arange(3.0), np.arange(3.0), np.eye(3), [])
    assert len(x) == len(y) == len(connect) == 0


# ----- framing ------------------------------------------------------------------------------
def test_fit_covers_start_path_and_optimum_with_margin() -> None:
    f = Framing.fit([[0.0, 0.0], [1.0, 4.0]], optimum=[2.0, -1.0], margin=0.25)
    np.testing.assert_allclose(f.lo, [-0.5, -2.25])
    np.testing.assert_allclose(f.hi, [2.5, 5.25])
    single = Framing.fit([[3.0, 3.0]])
    assert np.all(single.span > 0) and single.contains([[3.0, 3.0]])[0]


def test_update_grows_in_jumps_only_when_a_point_leaves() -> None:
    f = Framing([0.0, 0.0], [1.0, 1.0])
    assert not f.update([[0.5, 0.5], [1.0, 0.0]])
    assert f.update([[1.01, 0.5]])
    assert f.hi[0] >= 1.5 and f.lo[0] == 0.0 and (f.lo[1], f.hi[1]) == (0.0, 1.0)
    assert not f.update([[1.02, 0.5]])  # inside the grown range: no change
    assert f.update([[-3.0, 0.5]]) and f.lo[0] <= -3.0


def test_update_never_grows_beyond_a_thousand_initial_spans_or_when_locked() -> None:
    f = Framing([0.0, 0.0], [2.0, 1.0])
    assert f.update([[1e300, -1e300]])
    assert np.all(f.span <= 1e3 * np.array([2.0, 1.0]) * (1 + 1e-12)) and np.isfinite(f.span).all()
    assert not f.update([[1e300, -1e300]])  # at the cap: points beyond simply stay outside
    g = Framing([0.0], [1.0])
    g.locked = True
    assert not g.update([[5.0]]) and (g.lo[0], g.hi[0]) == (0.0, 1.0)
    assert not g.update([[np.nan]])


def test_data_runs_start_framed_on_the_bowl_around_start_and_optimum() -> None:
    run = Run()
    f = initial_framing(run.objective, run.initial_params[None], surface_axes(run.objective))
    w, b = run.initial_params
    w_opt, b_opt = run.objective.optimum()
    assert f.contains([[b, w], [b_opt, w_opt]]).all()
    x = run.dataset.x_train
    hess = 2 / len(x) * np.array([[x @ x, x.sum()], [x.sum(), len(x)]])
    inv = np.linalg.inv(hess)
    rise = run.objective.loss(run.initial_params) - run.objective.loss(np.array([w_opt, b_opt]))
    lo, hi = sublevel_box(run.objective, run.initial_params)
    for k in range(2):  # the box touches the bowl {L ≤ L(start)} at its widest points
        top = np.array([w_opt, b_opt]) + math.sqrt(2 * rise / inv[k, k]) * inv[:, k]
        assert top[k] == pytest.approx(hi[k]) and 2 * [w_opt, b_opt][k] - top[k] == pytest.approx(lo[k])
        assert run.objective.loss(top) == pytest.approx(run.objective.loss(run.initial_params))
    quarter = sublevel_box(run.objective, run.initial_params, 0.25)
    np.testing.assert_allclose(quarter[1] - [w_opt, b_opt], 0.5 * (hi - [w_opt, b_opt]))


def test_clamped_points_keep_their_direction_from_the_centre() -> None:
    lo, hi = np.array([-1.0, -1.0]), np.array([1.0, 1.0])
    out = clamp_to_box([[0.5, 0.5], [1e100, 2e100], [np.inf, 0.0]], lo, hi, factor=10)
    assert np.isfinite(out).all()
    np.testing.assert_allclose(out[0], [0.5, 0.5])
    np.testing.assert_allclose(out[1], [5.0, 10.0])


def test_the_surface_module_does_not_import_qt() -> None:
    code = ("import sys, gdviz.engine.surface; bad = [m for m in sys.modules if m.startswith(('PySide6',"
            " 'pyqtgraph'))]; print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


# ----- the views ----------------------------------------------------------------------------
@pytest.fixture
def show(qtbot):
    from gdviz.ui import theme

    theme.configure()

    def _show(view, run: Run, size=(800, 600)):
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
        view.set_run(run)
        view.on_snapshot(run.snapshot())
        qtbot.waitExposed(view)
        return view

    return _show


def slope_of(item) -> float:
    x, y = item.getData()
    return (y[1] - y[0]) / (x[1] - x[0])


@pytest.mark.parametrize("config", [RunConfig(function="parabola"),
                                    RunConfig(data="house", model=ModelKind.CONSTANT),
                                    RunConfig(data="beans")])
def test_curve_tangent_has_the_engine_gradient_as_slope(show, config: RunConfig) -> None:
    from gdviz.ui.landscape_view import CurveView

    run = Run(config)
    view = show(CurveView(), run)
    for _ in range(4):
        run.advance(1)
        snap = run.snapshot()
        view.on_snapshot(snap)
        assert slope_of(view.tangent) == pytest.approx(snap.grad[0], rel=1e-9)
        x, y = view.tangent.getData()
        assert np.mean(x) == pytest.approx(snap.params[0]) and np.mean(y) == pytest.approx(snap.train_loss)
        nx, ny = view.next_point.getData()
        assert nx[0] == pytest.approx(snap.next_update.params_after[0])
        assert ny[0] == pytest.approx(float(run.objective.loss(np.array(snap.next_update.params_after))))


@pytest.mark.parametrize("function", [None, "rosenbrock", "saddle"])
def test_section_tangents_have_the_partial_derivatives_as_slopes(show, function) -> None:
    from gdviz.ui.landscape_view import SectionsView

    run = Run(RunConfig(function=function))
    view = show(SectionsView(), run, (500, 700))
    for _ in range(3):
        run.advance(2)
        snap = run.snapshot()
        view.on_snapshot(snap)
        for axis, plot in enumerate(view.plots):
            assert slope_of(plot.tangent) == pytest.approx(snap.grad[axis], rel=1e-9, abs=1e-12)
            after = np.array(snap.params)
            after[axis] = snap.next_update.params_after[axis]  # the next value on this section
            nx, ny = plot.next_point.getData()
            assert (nx[0], ny[0]) == pytest.approx((after[axis], float(run.objective.loss(after))))
            cx, cy = plot.curve.getData()
            fixed = np.array(snap.params)
            assert cy[7] == pytest.approx(float(run.objective.loss(np.where(np.arange(2) == axis, cx[7], fixed))))


def click_point(view, b: float, w: float):
    from PySide6.QtCore import QPointF

    vb = view.getPlotItem().getViewBox()
    return view.mapFromScene(vb.mapViewToScene(QPointF(b, w)))


def test_a_click_on_the_surface_picks_exactly_those_parameters(show, qtbot) -> None:
    from PySide6.QtCore import Qt

    from gdviz.ui.landscape_view import SurfaceView

    view = show(SurfaceView(), Run())
    view.set_pick_mode(True)
    vb = view.getPlotItem().getViewBox()
    px_b, px_w = vb.viewPixelSize()
    (b0, b1), (w0, w1) = view.view_range
    for w, b in ((1.5, 0.25), (w0 + 0.3 * (w1 - w0), b0 + 0.8 * (b1 - b0))):
        with qtbot.waitSignal(view.start_picked, timeout=1000) as blocker:
            qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=click_point(view, b, w))
        got_w, got_b = blocker.args  # parameter order: (w, b)
        assert abs(got_w - w) <= px_w and abs(got_b - b) <= px_b
    assert view.view_range == ((b0, b1), (w0, w1))  # the click did not pan or zoom


def test_outside_pick_mode_only_a_shift_click_picks_a_start(show, qtbot) -> None:
    from PySide6.QtCore import Qt

    from gdviz.ui.landscape_view import SurfaceView

    view = show(SurfaceView(), Run())
    picked = []
    view.start_picked.connect(lambda w, b: picked.append((w, b)))
    at = click_point(view, 0.5, 2.0)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=at)
    assert picked == []  # a stray click changes nothing
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.ShiftModifier, pos=at)
    assert len(picked) == 1 and picked[0] == pytest.approx((2.0, 0.5), abs=0.05)
    view.set_pick_mode(True)
    view.set_pick_mode(False)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=at)
    assert len(picked) == 1


def test_dragging_on_the_surface_follows_the_mouse_and_clicks_off_it_pick_nothing(show, qtbot) -> None:
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from gdviz.ui.landscape_view import SurfaceView

    view = show(SurfaceView(), Run())
    view.set_pick_mode(True)
    picked = []
    view.start_picked.connect(lambda w, b: picked.append((w, b)))
    start, end = click_point(view, 0.0, 1.0), click_point(view, 1.0, 3.0)

    def send(kind, pos, button, buttons):
        p = QPointF(pos)
        QApplication.sendEvent(view.viewport(), QMouseEvent(kind, p, view.viewport().mapToGlobal(p), button,
                                                             buttons, Qt.NoModifier))

    send(QEvent.MouseButtonPress, start, Qt.LeftButton, Qt.LeftButton)
    send(QEvent.MouseMove, end, Qt.NoButton, Qt.LeftButton)
    send(QEvent.MouseButtonRelease, end, Qt.LeftButton, Qt.NoButton)
    assert len(picked) == 2 and picked[-1] == pytest.approx((3.0, 1.0), abs=0.05)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(
        view.getPlotItem().getAxis("bottom").sceneBoundingRect().center()))
    assert len(picked) == 2


def finite_items(view) -> None:
    """Every plot item's data (and every placed item's position) is finite."""
    import pyqtgraph as pg

    from gdviz.ui.items import Curve

    for item in view.getPlotItem().items:
        if isinstance(item, (pg.PlotDataItem, pg.ScatterPlotItem, Curve)):
            x, y = item.getData()
            for arr in (x, y):
                assert arr is None or np.isfinite(np.asarray(arr, float)).all(), item
        elif isinstance(item, pg.ImageItem) and item.image is not None:
            assert np.isfinite(item.image).all()
        pos = item.pos()
        assert math.isfinite(pos.x()) and math.isfinite(pos.y()), item


@pytest.mark.parametrize("steps_per_frame", [10, 1000])
def test_a_diverging_run_keeps_every_view_finite_and_bounded(show, steps_per_frame: int) -> None:
    from gdviz.ui.landscape_view import SectionsView, SurfaceView

    run = Run(RunConfig(), LiveSettings(learning_rate=1.1))
    surface = show(SurfaceView(), run)
    sections = show(SectionsView(), run, (500, 700))
    (b0, b1), (w0, w1) = surface.view_range
    initial = np.array([b1 - b0, w1 - w0])
    for _ in range(1000 // steps_per_frame):
        run.advance(steps_per_frame)
        snap = run.snapshot()
        surface.on_snapshot(snap)
        sections.on_snapshot(snap)
    assert run.status is Status.DIVERGED and snap.next_update is None
    (b0, b1), (w0, w1) = surface.view_range
    span = np.array([b1 - b0, w1 - w0])
    assert np.isfinite(span).all() and np.all(span <= 1e3 * initial * (1 + 1e-9))
    assert np.all(span > 1.5 * initial)  # it did grow while the path left
    for view in (surface, *sections.plots):
        finite_items(view)
        assert view.diverged.isVisible() and f"step {run.diverged_at}" in view.diverged.toPlainText()
    assert not surface.arrow_head.isVisible()


def test_a_diverging_curve_stays_finite(show) -> None:
    from gdviz.ui.landscape_view import CurveView

    run = Run(RunConfig(function="parabola"), LiveSettings(learning_rate=1.1))
    view = show(CurveView(), run)
    initial = view.getPlotItem().getViewBox().viewRange()[0]
    run.advance(1000)
    view.on_snapshot(run.snapshot())
    assert run.status is Status.DIVERGED
    x0, x1 = view.getPlotItem().getViewBox().viewRange()[0]
    assert x1 - x0 <= 1e3 * (initial[1] - initial[0]) * (1 + 1e-9)
    finite_items(view)


def test_the_arrow_points_along_the_next_step_on_screen(show) -> None:
    from gdviz.ui.landscape_view import SurfaceView

    run = Run()
    view = show(SurfaceView(), run)
    snap = run.snapshot()
    vb = view.getPlotItem().getViewBox()
    from PySide6.QtCore import QPointF

    ih, iv = 1, 0
    before, after = snap.next_update.params_before, snap.next_update.params_after
    tail = vb.mapViewToScene(QPointF(before[ih], before[iv]))
    tip = vb.mapViewToScene(QPointF(after[ih], after[iv]))
    assert view.arrow_head.isVisible()
    angle = math.radians(view.arrow_head.opts["angle"])
    pointing = (-math.cos(angle), -math.sin(angle))  # angle 0 points left; screen y points down
    d = (tip.x() - tail.x(), tip.y() - tail.y())
    assert math.atan2(pointing[1], pointing[0]) == pytest.approx(math.atan2(d[1], d[0]), abs=1e-6)
    x, y = view.arrow_line.getData()
    assert (x[1], y[1]) == pytest.approx((after[ih], after[iv]))


def test_functions_mark_every_minimum_and_the_saddle_none(show) -> None:
    from gdviz.ui.landscape_view import SurfaceView

    view = show(SurfaceView(), Run(RunConfig(function="himmelblau")))
    x, y = view.optimum.getData()
    assert sorted(zip(x, y)) == sorted(FUNCTIONS["himmelblau"].minima)
    view.set_run(Run(RunConfig(function="saddle")))
    assert len(view.optimum.getData()[0]) == 0
    line = show(SurfaceView(), Run())
    x, y = line.optimum.getData()
    w, b = Run().objective.optimum()
    assert (x[0], y[0]) == pytest.approx((b, w))


def test_hidden_views_skip_work_and_catch_up_when_shown(qtbot) -> None:
    from gdviz.ui.landscape_view import SurfaceView

    view = SurfaceView()
    qtbot.addWidget(view)
    run = Run()
    view.set_run(run)
    run.advance(5)
    view.on_snapshot(run.snapshot())
    assert view._z is None and len(view.path_points.getData()[0]) == 0
    view.show()
    qtbot.waitExposed(view)
    assert view._z is not None and len(view.path_points.getData()[0]) == 6


def test_long_paths_are_sampled_but_keep_the_last_point(show) -> None:
    from gdviz.ui.landscape_view import MAX_PATH_POINTS, SurfaceView, sample_rows

    rows = sample_rows(100_000)
    assert len(rows) <= MAX_PATH_POINTS and rows[0] == 0 and rows[-1] == 99_999
    run = Run(RunConfig(), LiveSettings(learning_rate=0.01))
    view = show(SurfaceView(), run)
    run.advance(5000, stop_on_converged=False)
    snap = run.snapshot()
    view.on_snapshot(snap)
    x, y = view.path_points.getData()
    assert len(x) <= MAX_PATH_POINTS and (x[-1], y[-1]) == pytest.approx((snap.params[1], snap.params[0]))


def test_range_changes_only_when_the_path_leaves_and_lock_keeps_it(show) -> None:
    from gdviz.ui.landscape_view import SurfaceView

    run = Run(RunConfig(), LiveSettings(learning_rate=0.1))
    view = show(SurfaceView(), run)
    first, grid = view.view_range, view._z
    run.advance(30)
    view.on_snapshot(run.snapshot())
    assert view.view_range == first and view._z is grid  # no recompute while the path stays inside
    view.lock_range(True)
    run.set_live(LiveSettings(learning_rate=1.1))
    run.advance(40)
    view.on_snapshot(run.snapshot())
    assert view.view_range == first
    view.lock_range(False)
    view.on_snapshot(run.snapshot())
    assert view.view_range != first and view._z is not grid


def test_options_switch_levels_and_contours(show) -> None:
    from gdviz.ui.landscape_view import SurfaceView

    view = show(SurfaceView(), Run())
    log_x = view.contours.getData()[0]
    view.set_log_levels(False)
    assert not np.array_equal(view.contours.getData()[0], log_x)
    view.set_show_contours(False)
    assert not view.contours.isVisible()


def test_views_for_the_wrong_number_of_parameters_show_nothing(show) -> None:
    from gdviz.ui.landscape_view import CurveView, SectionsView, SurfaceView

    surface = show(SurfaceView(), Run(RunConfig(function="parabola")))
    assert len(surface.path_points.getData()[0]) == 0
    def points(item) -> int:
        x = item.getData()[0]
        return 0 if x is None else len(x)

    curve = show(CurveView(), Run())
    assert points(curve.curve) == 0
    sections = show(SectionsView(), Run(RunConfig(data="beans")))
    assert all(points(p.curve) == 0 for p in sections.plots)


def test_a_new_start_on_the_same_objective_keeps_the_picture_still(show) -> None:
    from dataclasses import replace

    from gdviz.ui.landscape_view import SectionsView, SurfaceView

    run = Run()
    surface = show(SurfaceView(), run)
    sections = show(SectionsView(), run, (500, 700))
    first, grid = surface.view_range, surface._z
    section_ranges = [p.getPlotItem().getViewBox().viewRange()[0] for p in sections.plots]
    moved = Run(replace(run.config, init=(("w", 2.5), ("b", 0.0))))
    for view in (surface, sections):
        view.set_run(moved)
        view.on_snapshot(moved.snapshot())
    assert surface.view_range == first and surface._z is grid
    assert [p.getPlotItem().getViewBox().viewRange()[0] for p in sections.plots] == section_ranges
    x, y = surface.current.getData()
    assert (x[0], y[0]) == pytest.approx((0.0, 2.5))
    other = Run(RunConfig(data="house"))
    surface.set_run(other)
    surface.on_snapshot(other.snapshot())
    assert surface.view_range != first


def test_the_benchmark_returns_labelled_figures(qtbot) -> None:
    from gdviz.ui.bench_landscape import frame_cost, surface_costs

    rows = surface_costs(10_000, 1) + frame_cost(1_000, 4)
    assert len(rows) == 6
    for label, value, target, unit in rows:
        assert isinstance(label, str) and unit == "ms" and value > 0 and target > 0
