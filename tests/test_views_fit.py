"""The views at projector sizes: titles, labels and legends fit and never cover data; readable ticks;
the theme's fonts, palette, zoom and schemes; framing of what is drawn; odd runs never break a view."""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from gdviz.engine import LiveSettings, ModelKind, Race, Reduction, Run, RunConfig
from gdviz.engine.race import PRESETS
from gdviz.ui import theme
from gdviz.ui.plot_base import TickAxis, finite_range, sci, tick_strings

@pytest.fixture(autouse=True)
def no_logged_errors(caplog):
    """The views' slots log what they catch (they never raise): any such log fails the test."""
    yield
    errors = [r for r in caplog.records if r.name == "gdviz.ui" and r.levelname == "ERROR"]
    assert not errors, errors[0].getMessage() + "\n" + str(errors[0].exc_text)


# per-view widget sizes the window gives at 1024×600 up to 3840×2160 at device pixel ratio 2
SIZES = [(300, 200), (420, 260), (1800, 1000)]  # and the whole window at dpr 2: see the 3840×2160 test


@pytest.fixture(autouse=True)
def standard_theme():
    theme.configure()
    yield
    theme.set_zoom(1.0)
    theme.set_scheme("standard")


def shown(qtbot, view, size, run: Run | None = None):
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    if run is not None:
        view.set_run(run)
        view.on_snapshot(run.snapshot())
    QApplication.processEvents()
    view.grab()  # lay out and paint once
    return view


def widget_rect(view, item) -> QRectF:
    """An item's rectangle in the view's widget coordinates (a text item's without its blank margin)."""
    rect = QRectF(view.mapFromScene(item.sceneBoundingRect()).boundingRect())
    if hasattr(item, "document"):
        m = item.document().documentMargin() - 1
        rect = rect.adjusted(m, m, -m, -m)
    return rect


def inside(view, rect: QRectF) -> bool:
    return QRectF(view.rect()).adjusted(-1, -1, 1, 1).contains(rect)


def data_pixels(view, items) -> list[QPointF]:
    """Every drawn point of the items (scatter points, line vertices) in widget coordinates."""
    vb = view.getPlotItem().getViewBox()
    (x0, x1), (y0, y1) = vb.viewRange()
    out = []
    for item in items:
        xs, ys = item.getData()
        for x, y in zip(np.asarray(xs, float), np.asarray(ys, float)):
            if math.isfinite(x) and math.isfinite(y) and x0 <= x <= x1 and y0 <= y <= y1:
                out.append(QPointF(view.mapFromScene(vb.mapViewToScene(QPointF(x, y)))))
    return out


def check_fits(view, data_items=()) -> None:
    plot = view.getPlotItem()
    title = plot.titleLabel
    assert title.isVisible() and inside(view, widget_rect(view, title.item)), view.title
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        assert inside(view, widget_rect(view, axis.label)), (name, axis.label.toPlainText())
    rects = [widget_rect(view, part) for pair in view.legend.items for part in (pair[0], pair[1].item)]
    for rect in rects:
        assert inside(view, rect), rect
    box = widget_rect(view, plot.getViewBox())
    for rect in rects:  # the legend is outside the plot area, so it covers no data
        assert not rect.intersects(box.adjusted(1, 1, -1, -1)), (rect, box)
    points = data_pixels(view, data_items)
    for p in points:
        assert not any(rect.contains(p) for rect in rects)


@pytest.mark.parametrize("size", SIZES)
def test_data_view_title_labels_and_legend_fit_and_cover_no_point(qtbot, size) -> None:
    from gdviz.ui.data_view import DataView

    run = Run(RunConfig(data="linear"))
    view = shown(qtbot, DataView(), size, run)
    assert len(view.legend.items) == 5  # train, validation, least squares, fitted line, batch
    check_fits(view, (view.train, view.val, view.line, view.optimum))
    if size[0] < 400:  # narrow: the legend wraps to more than one row
        tops = {round(widget_rect(view, sample).top()) for sample, _ in view.legend.items}
        assert len(tops) > 1


@pytest.mark.parametrize("size", SIZES)
def test_race_legends_fit_in_every_view(qtbot, size) -> None:
    from gdviz.ui.data_view import DataView
    from gdviz.ui.landscape_view import SurfaceView
    from gdviz.ui.loss_view import LossView

    preset = PRESETS["learning-rates"]
    race = Race(preset.config, preset.entries)
    race.advance(30)  # η = 1.1 diverges: its legend entry says so, in the legend's own colour
    for view in (DataView(), LossView(), SurfaceView()):
        shown(qtbot, view, size, race.runs[0])
        view.set_race(race)
        view.on_race_snapshots([(e, r, r.snapshot()) for e, r in zip(race.entries, race.runs)])
        view.grab()
        names = [label.text for _, label in view.legend.items][-len(race.entries):]
        assert [n.split(" ✕")[0] for n in names] == [e.name for e in race.entries]
        check_fits(view)


@pytest.mark.parametrize("size", SIZES)
def test_landscape_and_loss_titles_fit(qtbot, size) -> None:
    from gdviz.ui.landscape_view import CurveView, SectionsView, SurfaceView
    from gdviz.ui.loss_view import LossView

    run = Run(RunConfig(function="rosenbrock"))
    run.advance(30)
    for view in (SurfaceView(), LossView()):
        check_fits(shown(qtbot, view, size, run))
    sections = shown(qtbot, SectionsView(), (size[0], 2 * size[1]), run)
    for plot in sections.plots:
        check_fits(plot)
    check_fits(shown(qtbot, CurveView(), size, Run(RunConfig(data="house", model=ModelKind.CONSTANT))))


def test_a_long_title_shrinks_then_elides(qtbot) -> None:
    from gdviz.ui.landscape_view import SurfaceView

    view = shown(qtbot, SurfaceView(), (300, 200), Run(RunConfig(function="rosenbrock")))
    long = "A very long title that could never fit in three hundred pixels of width at this size"
    view.set_title(long)
    view.grab()
    text = view.getPlotItem().titleLabel.item.toPlainText()
    assert text.endswith("…") and long.startswith(text[:-1]) and view.title == long
    view.resize(1800, 400)
    view.grab()
    assert view.getPlotItem().titleLabel.item.toPlainText() == long


def test_titles_labels_and_legends_fit_on_a_3840x2160_screen_at_device_pixel_ratio_2() -> None:
    # the device pixel ratio is fixed when the application starts: a child process with QT_SCALE_FACTOR=2
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "tests.hidpi_fit"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]


# ----- ticks ------------------------------------------------------------------------------------
def test_tick_strings_have_only_the_decimals_the_spacing_needs() -> None:
    assert tick_strings([0.0, 0.25, 0.5], 1.0, 0.25) == ["0", "0.25", "0.50"]
    assert tick_strings([-2.0, 0.0, 2.0], 1.0, 2.0) == ["−2", "0", "2"]
    assert tick_strings([10000.0, 20000.0], 1.0, 10000.0) == ["10,000", "20,000"]


@pytest.mark.parametrize("lo, hi, words", [
    (-1.1907668e13 - 40, -1.1907668e13 + 40, "+ 1.1907668×10¹³"),  # the saddle's narrow window
    (0.0, 3e12, "(×10¹²)"),
    (0.0, 4e-6, "(×10⁻⁶)"),
])
def test_axis_ticks_stay_short_with_a_shared_power_or_offset(qtbot, lo, hi, words) -> None:
    import pyqtgraph as pg

    axis = TickAxis("left")
    plot = pg.PlotWidget(axisItems={"left": axis})
    qtbot.addWidget(plot)
    axis.set_text("f")
    plot.resize(500, 400)
    plot.show()
    plot.setYRange(lo, hi, padding=0)
    plot.grab()
    assert words in axis.label.toPlainText()
    spacing, values = axis.tickValues(lo, hi, 400)[0]  # the labelled (major) ticks
    strings = axis.tickStrings(values, axis.autoSIPrefixScale, spacing)
    assert len(values) >= 2 and all(len(s) <= 7 for s in strings), strings
    assert len(set(strings)) == len(strings)  # every tick readable apart


def test_finite_range_never_gives_inf_or_an_empty_span() -> None:
    for lo, hi in ((-math.inf, math.inf), (-1e308, 1e308), (5.0, 5.0), (math.nan, 1.0), (3.0, 1.0)):
        a, b = finite_range(lo, hi)
        assert math.isfinite(a) and math.isfinite(b) and b > a and math.isfinite(b - a)
    assert sci(-1.19076682e13, 5) == "−1.1908×10¹³"


# ----- theme ------------------------------------------------------------------------------------
def test_default_palette_is_okabe_ito_and_fitted_and_least_squares_differ_in_style(qtbot) -> None:
    from gdviz.ui.data_view import DataView

    assert theme.RUN_COLOURS == theme.OKABE_ITO
    view = shown(qtbot, DataView(), (600, 400), Run())
    fitted, ls = view.line.opts["pen"], view.optimum.opts["pen"]
    assert fitted.color().name() != ls.color().name()
    assert fitted.style() == Qt.SolidLine and ls.style() == Qt.DashLine


def test_every_label_uses_the_theme_font(qtbot) -> None:
    from gdviz.ui.data_view import DataView
    from gdviz.ui.landscape_view import SurfaceView
    from gdviz.ui.loss_view import LossView

    family = QGuiApplication.font().family()
    run = Run()
    run.advance(12)
    data = shown(qtbot, DataView(), (600, 400), run)
    data.set_pinned_steps([4, 8])
    assert data.pin_labels[0].isVisible()
    assert all(label.textItem.font().family() == family for label in data.pin_labels)
    surface = shown(qtbot, SurfaceView(), (600, 400), run)
    assert surface.diverged.textItem.font().family() == family
    loss = shown(qtbot, LossView(), (600, 400), run)
    assert all(label.textItem.font().family() == family for label in loss.race_labels)
    for view in (data, surface, loss):
        assert all(label.item.font().family() == family for _, label in view.legend.items)
        assert view.getPlotItem().titleLabel.item.font().family() == family


def test_zoom_scales_fonts_and_pens_without_recomputing_the_surface(qtbot) -> None:
    from gdviz.ui.data_view import DataView
    from gdviz.ui.landscape_view import SurfaceView

    run = Run()
    data = shown(qtbot, DataView(), (800, 500), run)
    surface = shown(qtbot, SurfaceView(), (800, 500), run)
    width, points = data.line.opts["pen"].widthF(), data.legend.items[0][1].item.font().pointSizeF()
    grid = surface._z
    theme.set_zoom(1.5)
    assert theme.zoom() == 1.5
    for view in (data, surface):
        view.restyle()
    assert data.line.opts["pen"].widthF() == pytest.approx(1.5 * width)
    assert data.legend.items[0][1].item.font().pointSizeF() == pytest.approx(1.5 * points)
    assert surface._z is grid and surface._run is run
    np.testing.assert_allclose(data.line.getData()[1], run.objective.predict(run.params, data.line.getData()[0]))
    theme.set_zoom(100)
    assert theme.zoom() == theme.ZOOM_RANGE[1]


def test_high_contrast_scheme_restyles_every_view(qtbot) -> None:
    from gdviz.ui.data_view import DataView
    from gdviz.ui.equation_panel import EquationPanel
    from gdviz.ui.landscape_view import CurveView, SectionsView, SurfaceView
    from gdviz.ui.loss_view import LossView

    assert {"standard", "high-contrast"} <= set(theme.SCHEMES)
    run = Run()
    views = [shown(qtbot, v, (500, 350), run) for v in (DataView(), LossView(), SurfaceView(), SectionsView())]
    curve = shown(qtbot, CurveView(), (500, 350), Run(RunConfig(data="beans")))
    panel = EquationPanel()
    qtbot.addWidget(panel)
    panel.set_run(run)
    panel.on_snapshot(run.snapshot())
    before = views[0].line.opts["pen"].widthF()
    theme.set_scheme("high-contrast")
    for view in (*views, curve, panel):
        view.restyle()
    assert views[0].line.opts["pen"].color().name() == theme.SCHEMES["high-contrast"].line
    assert views[0].line.opts["pen"].widthF() > before
    with pytest.raises(KeyError):
        theme.set_scheme("neon")


# ----- framing ----------------------------------------------------------------------------------
def test_data_view_frames_the_constant_model_s_starting_line(qtbot) -> None:
    from gdviz.ui.data_view import DataView

    run = Run(RunConfig(data="house", model=ModelKind.CONSTANT))
    view = shown(qtbot, DataView(), (600, 400), run)
    (_, _), (y0, y1) = view.getPlotItem().viewRange()
    start = float(view.line.getData()[1][0])
    assert start == pytest.approx(float(run.objective.predict(run.initial_params, np.zeros(1))[0]))
    assert y0 < start < y1 and y0 < 135 and 265 < y1


def test_a_new_data_set_resets_the_landscape_s_framing(qtbot) -> None:
    from gdviz.ui.landscape_view import SectionsView, SurfaceView

    config = RunConfig(data="linear")
    surface = shown(qtbot, SurfaceView(), (600, 400), Run(config))
    sections = shown(qtbot, SectionsView(), (500, 600), Run(config))
    first = surface.view_range
    first_sections = [p.getPlotItem().viewRange()[0] for p in sections.plots]
    wild = Run(config, LiveSettings(learning_rate=1.1))
    for view in (surface, sections):
        view.set_run(wild)
    for _ in range(20):
        wild.advance(1)
        for view in (surface, sections):
            view.on_snapshot(wild.snapshot())
    assert surface.view_range != first  # the diverging path grew the range
    again = Run(config)  # the same data imported again
    for view in (surface, sections):
        view.set_run(again)
        view.on_snapshot(again.snapshot())
    assert np.ravel(surface.view_range) == pytest.approx(np.ravel(first))
    assert np.ravel([p.getPlotItem().viewRange()[0] for p in sections.plots]) == pytest.approx(np.ravel(first_sections))


# ----- words ------------------------------------------------------------------------------------
@pytest.mark.parametrize("reduction, words", [(Reduction.MEAN, "mean squared error"),
                                              (Reduction.SUM, "sum of squared errors"),
                                              (Reduction.HALF_SUM, "½ sum of squared errors")])
def test_loss_names_say_what_they_are(qtbot, reduction, words) -> None:
    from gdviz.ui.equation_panel import EquationPanel
    from gdviz.ui.loss_view import LossView

    run = Run(RunConfig(data="linear", reduction=reduction))
    view = shown(qtbot, LossView(), (1200, 500), run)
    assert words in view.title
    panel = EquationPanel()
    qtbot.addWidget(panel)
    panel.set_run(run)
    text = panel.html(run.snapshot())
    assert words in text and "MSE" not in text


def test_function_mode_shows_no_data_words_and_steps_have_separators(qtbot) -> None:
    from gdviz.ui.equation_panel import EquationPanel, step_num
    from gdviz.ui.loss_view import LossView

    run = Run(RunConfig(function="parabola"))
    view = shown(qtbot, LossView(), (800, 400), run)
    words = " ".join([view.title, *(label.text for _, label in view.legend.items),
                      view.getPlotItem().getAxis("left").label.toPlainText()]).lower()
    panel = EquationPanel()
    qtbot.addWidget(panel)
    panel.set_run(run)
    text = panel.html(run.snapshot()).lower()
    for word in ("training", "epoch"):
        assert word not in words and word not in text
    assert step_num(127000) == "127,000"
    assert "(step 1,234)" in panel.html(replace(run.snapshot(), step=1234))


# ----- odd runs ---------------------------------------------------------------------------------
def test_a_run_without_an_optimum_draws_no_least_squares_line(qtbot, monkeypatch) -> None:
    from gdviz.ui.data_view import DataView
    from gdviz.ui.landscape_view import CurveView

    run = Run()

    def singular(_self):
        raise np.linalg.LinAlgError("Singular matrix")

    monkeypatch.setattr(type(run.objective), "optimum", singular)  # as today's engine does
    data = shown(qtbot, DataView(), (600, 400), run)
    assert not data.optimum.isVisible() and "least squares" not in [label.text for _, label in data.legend.items]
    monkeypatch.setattr(type(run.objective), "optimum", lambda _self: None)  # the engine's promised None
    data = shown(qtbot, DataView(), (600, 400), run)
    assert not data.optimum.isVisible()
    curve = shown(qtbot, CurveView(), (600, 400), Run(RunConfig(data="beans")))
    assert len(curve.optimum.getData()[0]) == 0


def test_a_failed_set_run_changes_nothing_drawn(qtbot, monkeypatch) -> None:
    from gdviz.ui.data_view import DataView

    run = Run()
    view = shown(qtbot, DataView(), (600, 400), run)
    title, points = view.title, view.train.getData()[0].copy()
    other = Run(RunConfig(data="house"))

    def broken(*_args):
        raise ValueError("broken model")

    monkeypatch.setattr(other.objective, "predict", broken)
    with pytest.raises(ValueError):
        view.set_run(other)
    assert view.title == title and np.array_equal(view.train.getData()[0], points) and view._run is run


def test_huge_data_frame_to_finite_ranges(qtbot) -> None:
    from gdviz.ui.data_view import _frame

    lo, hi = _frame(-1e308, 1e308)
    assert math.isfinite(lo) and math.isfinite(hi) and math.isfinite(hi - lo) and lo <= -1e307 and hi >= 1e307
    lo, hi = _frame(7.0, 7.0)
    assert lo < 7.0 < hi


def test_snapshot_slots_never_raise_and_scatter_drops_non_finite_points(qtbot, caplog) -> None:
    from gdviz.ui.data_view import DataView
    from gdviz.ui.items import Scatter
    from gdviz.ui.landscape_view import SurfaceView
    from gdviz.ui.loss_view import LossView

    run = Run()
    bad = replace(run.snapshot(), params=(math.nan,))  # wrong length and not finite
    for view in (DataView(), LossView(), SurfaceView()):
        shown(qtbot, view, (400, 300), run)
        assert view.on_snapshot(bad) is None
    assert any(r.name == "gdviz.ui" for r in caplog.records)  # logged, not raised
    caplog.clear()
    scatter = Scatter()
    scatter.setData([1.0, math.nan, 3.0, math.inf], [1.0, 2.0, 3.0, 4.0],
                    brush=np.array(["r", "g", "b", "k"], dtype=object))
    x, y = scatter.getData()
    assert np.array_equal(x, [1.0, 3.0]) and np.array_equal(y, [1.0, 3.0])
