"""Issue 10 in the window: curves, hidden units, residual squares, slices, one section per parameter, the
panel's model and loss boxes, tutorial pins, drawn points with undo, and the maths of any model × loss."""
from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QMetaMethod, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gdviz.engine import (Activation, BatchMode, LossKind, ModelKind, Reduction, RunConfig, SampleOrder,
                          losses)
from gdviz.engine.surface import loss_grid
from gdviz.ui.data_view import residual_squares
from gdviz.ui.landscape_view import SectionsView

TUTORIAL_START = (("k1", 1.0), ("b1", 0.0), ("k2", 1.0), ("b2", 0.0))


def choose(box, data) -> None:
    """Pick the combo item carrying `data` the way a user does: select it, then `activated`."""
    i = box.findData(data)
    assert i >= 0, f"no item with data {data!r}"
    box.setCurrentIndex(i)
    box.activated.emit(i)


def plain(html: str) -> str:
    return re.sub("<[^>]+>", "", html.replace("<br>", "\n"))


def load(window, **config) -> None:
    assert window.controller.load(RunConfig(**config))
    window.controller.step_forward(3)


# ----- the data view --------------------------------------------------------------------------------
def test_the_two_layer_curve_is_the_model_s_prediction(window):
    load(window, data="rooms", model=ModelKind.TWO_LAYER, init=TUTORIAL_START)
    run, view = window.controller.run, window.data_view
    x, y = view.line.getData()
    assert len(x) > 100  # a curve, not a straight line's two ends
    drawn = np.isfinite(y)
    assert drawn.sum() > 100
    np.testing.assert_allclose(y[drawn], run.objective.predict(run.params, x)[drawn], rtol=1e-12)


def test_hidden_units_are_drawn_for_the_two_layer_model_only(window):
    load(window, data="sine", model=ModelKind.TWO_LAYER, hidden=3)
    view = window.data_view
    assert len(view.hidden_units.lines()) == 3
    hidden = window.controller.run.objective.hidden_outputs(window.controller.run.params, view._xs)
    y0, y1 = view._y_span  # each sigmoid output spans the view's height from 0 to 1
    np.testing.assert_allclose(view.hidden_units.lines()[0].y, y0 + hidden[0] * (y1 - y0))
    load(window, data="sine", model=ModelKind.POLY, degree=3)
    assert view.hidden_units.lines() == []


def test_l2_residuals_are_squares_and_l1_residuals_segments(window):
    window.panel.residuals.setChecked(True)
    load(window, data="outliers")
    run, view = window.controller.run, window.data_view
    rows = view._residual_rows
    x, y = run.dataset.x_train[rows], run.dataset.y_train[rows]
    r = run.objective.predict(run.params, x) - y
    sx, sy = view.residuals.getData()
    assert len(sx) == 8 * len(rows)  # four sides a square
    width = sx.reshape(-1, 8).max(axis=1) - sx.reshape(-1, 8).min(axis=1)
    height = sy.reshape(-1, 8).max(axis=1) - sy.reshape(-1, 8).min(axis=1)
    np.testing.assert_allclose(width, np.abs(r), atol=1e-12)
    np.testing.assert_allclose(height, np.abs(r), atol=1e-12)
    load(window, data="outliers", loss=LossKind.ABSOLUTE)
    sx, sy = view.residuals.getData()
    assert len(sx) == 2 * len(rows)
    np.testing.assert_allclose(sx[0::2], sx[1::2])  # vertical segments


def test_residual_squares_have_side_r():
    sx, sy = residual_squares([1.0], [2.0], [5.0])
    assert (sx.min(), sx.max(), sy.min(), sy.max()) == (1.0, 4.0, 2.0, 5.0)


def test_tutorial_003_pins_its_epochs_in_distinct_colours(window):
    panel = window.panel
    choose(panel.data, "tut:003-line-1000")
    view = window.data_view
    assert view.pinned_steps == [10, 20, 30, 100, 1000]
    window.controller.step_forward(30)
    shown = [item for item in view.pin_items if item.isVisible()]
    assert len(shown) == 3
    colours = {item.opts["pen"].color().name() for item in shown}
    assert len(colours) == 3
    run = window.controller.run
    steps, params = run.history.column("step"), run.history.column("params")
    x, y = shown[1].getData()
    p20 = params[int(np.flatnonzero(steps == 20)[0])]
    np.testing.assert_allclose(y, run.objective.predict(p20, x))


# ----- the panel ---------------------------------------------------------------------------------------
def test_model_boxes_restart_with_the_model_and_show_only_their_rows(window):
    panel, c = window.panel, window.controller
    load(window, data="sine")
    data = c.run.dataset
    choose(panel.model, ModelKind.POLY)
    assert c.run.objective.model is ModelKind.POLY and c.run.dataset is data
    assert panel.degree.isVisibleTo(panel) and not panel.hidden.isVisibleTo(panel)
    panel.degree.setValue(5)
    assert c.run.param_names == ("b", "w1", "w2", "w3", "w4", "w5")
    assert [b.isVisibleTo(panel) for b in panel.start_boxes] == [i < 6 for i in range(len(panel.start_boxes))]
    choose(panel.model, ModelKind.TWO_LAYER)
    assert panel.hidden.isVisibleTo(panel) and panel.activation.isVisibleTo(panel)
    assert not panel.degree.isVisibleTo(panel)
    panel.hidden.setValue(2)
    assert c.run.param_names == ("k1_1", "k1_2", "b1_1", "b1_2", "k2_1", "k2_2", "b2")
    choose(panel.activation, Activation.RELU)
    assert c.run.objective.activation is Activation.RELU
    assert c.undo() and c.run.objective.activation is Activation.SIGMOID


def test_loss_box_offers_the_reductions_each_loss_allows_and_delta_for_huber(window):
    panel, c = window.panel, window.controller
    load(window, data="house")  # its preset: half the sum of squares
    assert c.run.objective.reduction is Reduction.HALF_SUM
    assert not panel.delta.isVisibleTo(panel)
    choose(panel.loss, LossKind.ABSOLUTE)
    assert c.run.objective.loss_kind is LossKind.ABSOLUTE and c.run.objective.reduction is Reduction.MEAN
    reductions = [panel.reduction.itemData(i) for i in range(panel.reduction.count())]
    assert reductions == list(losses.REDUCTIONS[LossKind.ABSOLUTE])
    choose(panel.loss, LossKind.HUBER)
    assert panel.delta.isVisibleTo(panel)
    panel.delta.setValue(2.5)
    assert c.run.objective.delta == 2.5
    choose(panel.reduction, Reduction.SUM)
    assert c.run.objective.reduction is Reduction.SUM and c.run.objective.delta == 2.5


def test_start_boxes_name_every_parameter_and_restart_from_them(window):
    panel, c = window.panel, window.controller
    load(window, data="rooms", model=ModelKind.TWO_LAYER, init=TUTORIAL_START)
    assert [label.text() for label in panel.init_labels[:4]] == ["k1", "b1", "k2", "b2"]
    panel.start_boxes[2].setValue(3.0)
    assert tuple(c.run.initial_params) == (1.0, 0.0, 3.0, 0.0) and c.run.step == 0


def test_sample_order_is_live_and_shown_only_for_partial_batches(window):
    panel, c = window.panel, window.controller
    load(window, data="beans")
    assert panel.order.isVisibleTo(panel)  # the beans' preset is stochastic
    step = c.run.step
    choose(panel.order, SampleOrder.IN_ORDER)
    assert c.run.live.order is SampleOrder.IN_ORDER and c.run.step == step  # live: no restart
    choose(panel.batch_mode, BatchMode.FULL)
    assert not panel.order.isVisibleTo(panel)


def test_the_data_box_lists_issue_10_data_and_the_tutorials(window):
    box = window.panel.data
    keys = {box.itemData(i) for i in range(box.count())}
    assert {"rooms", "line-1000", "quadratic", "sine", "outliers", "fn:sigmoid", "fn:relu",
            "fn:quadratic-004", "tut:004-two-layer"} <= keys
    choose(box, "tut:004-two-layer")
    run = window.controller.run
    assert run.objective.model is ModelKind.TWO_LAYER and run.live.learning_rate == 1e-3
    assert tuple(run.initial_params) == (1.0, 0.0, 1.0, 0.0)


# ----- the maths ----------------------------------------------------------------------------------------
def test_maths_writes_the_chain_rule_with_the_run_s_numbers(window):
    load(window, data="rooms", model=ModelKind.TWO_LAYER, init=TUTORIAL_START)
    snap = window.controller.run.snapshot()
    text = plain(window.equations.html(snap))
    assert "ŷ = k₂·σ(k₁·x + b₁) + b₂" in text
    assert "∂L/∂k1 = Σ ∂L/∂ŷi·k₂·σ′(k₁·xi + b₁)·xi" in text
    assert "Best point so far" in text
    run = window.controller.run
    x = run.dataset.x_train
    k1, b1 = run.params[0], run.params[1]
    s = 1 / (1 + np.exp(-(k1 * x + b1)))
    assert "averages {0:.4g}".format(np.mean(s * (1 - s))) in text  # σ′ ≈ 0.002: the vanishing gradient


def test_maths_of_l1_shows_tutorial_004_s_example(window):
    load(window, data="outliers", loss=LossKind.ABSOLUTE)
    text = plain(window.equations.html(window.controller.run.snapshot()))
    assert "L1 sum 2.0000 + 3.0000 + 0 = 5.0000" in text and "4.3333" in text and "5.3333" in text
    assert "sign(ŷ − y)" in text


# ----- slices and sections ------------------------------------------------------------------------------
def show_surface(window, qtbot):
    """The surface and sections of a > 2-parameter run (the window shows them from issue 10 on)."""
    for view in (window.surface, window.sections):
        view.setVisible(True)
    window.controller.refresh()
    window.surface.slicer.wait()
    qtbot.waitUntil(lambda: window.surface._z is not None, timeout=5000)


def test_slice_pair_boxes_set_the_axes_title_and_grid(qtbot, window):
    load(window, data="rooms", model=ModelKind.TWO_LAYER, init=TUTORIAL_START)
    show_surface(window, qtbot)
    surface, run = window.surface, window.controller.run
    assert surface.pair_bar.isVisible() and surface._axes == (0, 1)
    held = "k2 = {0:.4g}, b2 = {1:.4g} held".format(*run.params[2:])
    # a slice of the start may still be shown: the current point's follows (rate-limited, off the GUI thread)
    qtbot.waitUntil(lambda: held in surface.title, timeout=5000)
    surface.slicer.wait()
    z = loss_grid(run.objective, surface._h, surface._v, fixed=run.params, axes=(0, 1))
    np.testing.assert_allclose(surface._z, z, rtol=1e-9)
    choose(surface.pair_h, "k2")
    assert surface._axes == (2, 1)
    surface.slicer.wait()
    qtbot.waitUntil(lambda: "k1 = " in surface.title, timeout=5000)
    z = loss_grid(run.objective, surface._h, surface._v, fixed=run.params, axes=(2, 1))
    np.testing.assert_allclose(surface._z, z, rtol=1e-9)


def test_the_slice_pair_boxes_leave_the_bottom_axis_whole(qtbot, window):
    load(window, data="rooms", model=ModelKind.TWO_LAYER, init=TUTORIAL_START)
    show_surface(window, qtbot)
    surface = window.surface
    bar = surface.pair_bar.geometry()
    axis = surface.getPlotItem().getAxis("bottom")
    drawn = surface.mapFromScene(axis.sceneBoundingRect()).boundingRect()  # its numbers and its label
    assert surface.pair_bar.isVisible() and drawn.height() > 10
    assert not drawn.intersects(bar) and bar.bottom() < surface.height()
    load(window, data="linear")  # two parameters: no boxes, no strip
    assert not surface.pair_bar.isVisible() and surface._strip == 0


def test_one_section_per_parameter(qtbot, window):
    load(window, data="sine", model=ModelKind.POLY, degree=9)
    show_surface(window, qtbot)
    plots = window.sections.plots
    assert len(plots) == 10 and all(p.isVisibleTo(window.sections) for p in plots)
    assert [p.getPlotItem().getAxis("bottom").labelText for p in plots][:2] == ["b", "w1"]
    run = window.controller.run
    x, y = plots[3].curve.getData()
    fixed = np.tile(run.params, (len(x), 1))
    fixed[:, 3] = x
    np.testing.assert_allclose(y, run.objective.loss(fixed), rtol=1e-9)


def test_sections_lay_out_side_by_side_when_wide():
    assert SectionsView.columns_for(2, 1000, 300) == 2
    assert SectionsView.columns_for(2, 400, 600) == 1
    assert SectionsView.columns_for(4, 800, 500) == 2
    assert SectionsView.columns_for(10, 1200, 400) >= 4


# ----- drawn points -------------------------------------------------------------------------------------
def _pixel(view, x, y):
    vb = view.getPlotItem().getViewBox()
    return view.mapFromScene(vb.mapViewToScene(QPointF(x, y)))


def _edit(window):
    view = window.data_view
    if not view.isSignalConnected(QMetaMethod.fromSignal(view.points_edited)):
        view.points_edited.connect(window.panel.load_points)  # the window wires it once issue 10 is merged
    view.set_edit_mode(True)
    return view


def test_drawn_points_add_remove_move_and_undo(qtbot, window):
    c = window.controller
    load(window, data="linear")
    view = _edit(window)
    before = c.run.dataset
    (x0, x1), (y0, y1) = view.getPlotItem().getViewBox().viewRange()
    click = _pixel(view, 0.5 * (x0 + x1), y0 + 0.9 * (y1 - y0))
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, click)
    added = c.run.dataset
    assert added.n_train == before.n_train + 1 and c.run.step == 0
    assert added.x_train[-1] == pytest.approx(0.5 * (x0 + x1), abs=0.01 * (x1 - x0))
    click = _pixel(view, added.x_train[-1], added.y_train[-1])
    QTest.mouseClick(view.viewport(), Qt.RightButton, Qt.NoModifier, click)
    removed = c.run.dataset
    np.testing.assert_array_equal(removed.x_train, before.x_train)
    (x0, x1), (y0, y1) = view.getPlotItem().getViewBox().viewRange()  # the new data are framed anew
    start = _pixel(view, removed.x_train[0], removed.y_train[0])
    end = _pixel(view, removed.x_train[0], removed.y_train[0] + 0.2 * (y1 - y0))
    QTest.mousePress(view.viewport(), Qt.LeftButton, Qt.NoModifier, start)
    move = QMouseEvent(QEvent.MouseMove, QPointF(end), QPointF(view.viewport().mapToGlobal(end)), Qt.NoButton,
                       Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(view.viewport(), move)
    QTest.mouseRelease(view.viewport(), Qt.LeftButton, Qt.NoModifier, end)
    moved = c.run.dataset
    assert moved.y_train[0] == pytest.approx(removed.y_train[0] + 0.2 * (y1 - y0), abs=0.02 * (y1 - y0))
    np.testing.assert_array_equal(moved.y_train[1:], removed.y_train[1:])
    for _ in range(3):
        assert c.undo()
    np.testing.assert_array_equal(c.run.dataset.x_train, before.x_train)
    np.testing.assert_array_equal(c.run.dataset.y_train, before.y_train)


def test_costly_sections_are_computed_off_the_gui_thread(qtbot, window):
    """A per-sample loss on many points: each section's curve comes from a worker thread, and equals the loss."""
    import numpy as np
    from gdviz.engine.datasets import Dataset, Preset
    from gdviz.engine import LiveSettings, Reduction
    from gdviz.engine.surface import loss_curve
    rng = np.random.default_rng(0)
    x = rng.normal(0, 1, 60_000)
    y = 2 / (1 + np.exp(-x)) + 0.05 * rng.standard_normal(len(x))
    preset = Preset(ModelKind.TWO_LAYER, Reduction.MEAN, LiveSettings(learning_rate=0.05), dict(zip(
        ("k1", "b1", "k2", "b2"), TUTORIAL_START)))
    data = Dataset("curve", "x", "y", x, y, x[:0], y[:0], preset)
    c = window.controller
    assert c.load(RunConfig(model=ModelKind.TWO_LAYER), dataset=data)
    window.sections.setVisible(True)
    c.step_forward(2)
    plot = window.sections.plots[0]
    qtbot.waitUntil(lambda: plot._worker is not None and getattr(plot, "_ys", None) is not None, timeout=10000)
    plot._worker.wait()
    qtbot.wait(50)
    xs, ys = plot.curve.getData()
    run = c.run
    np.testing.assert_allclose(ys, loss_curve(run.objective, xs, plot._axis, np.array(plot._last.params)), rtol=1e-9)
