"""Safe mouse on the plots: the wheel zooms only with Ctrl, double-click and reset_view return to the
automatic framing, no right-click menus, legend entries ignore clicks."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from gdviz.engine import Run, RunConfig
from gdviz.ui import theme


@pytest.fixture(autouse=True)
def no_logged_errors(caplog):
    """The views' slots log what they catch (they never raise): any such log fails the test."""
    yield
    errors = [r for r in caplog.records if r.name == "gdviz.ui" and r.levelname == "ERROR"]
    assert not errors, errors[0].getMessage() + "\n" + str(errors[0].exc_text)


def shown(qtbot, view, run: Run):
    theme.configure()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_run(run)
    view.on_snapshot(run.snapshot())
    QApplication.processEvents()
    return view


def wheel(view, modifiers) -> None:
    """Three notches up over the middle of the plot area."""
    vb = view.getPlotItem().getViewBox()
    pos = QPointF(view.mapFromScene(vb.sceneBoundingRect().center()))
    event = QWheelEvent(pos, QPointF(view.viewport().mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, 360),
                        Qt.NoButton, modifiers, Qt.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def ranges(view) -> np.ndarray:
    return np.ravel(view.getPlotItem().getViewBox().viewRange())


def views():
    from gdviz.ui.data_view import DataView
    from gdviz.ui.landscape_view import CurveView
    from gdviz.ui.loss_view import LossView

    return [(DataView, RunConfig()), (LossView, RunConfig()), (CurveView, RunConfig(data="beans"))]


@pytest.mark.parametrize("make, config", views(), ids=["data", "loss", "curve"])
def test_the_wheel_zooms_only_with_ctrl_and_reset_returns(qtbot, make, config) -> None:
    run = Run(config)
    run.advance(5)
    view = shown(qtbot, make(), run)
    framed = ranges(view)
    wheel(view, Qt.NoModifier)
    assert np.array_equal(ranges(view), framed)  # a scroll meant for the window does nothing here
    wheel(view, Qt.ControlModifier)
    zoomed = ranges(view)
    assert not np.allclose(zoomed, framed)
    view.reset_view()
    np.testing.assert_allclose(ranges(view), framed, rtol=1e-9, atol=1e-12)
    wheel(view, Qt.ControlModifier)
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton,
                      pos=view.mapFromScene(view.getPlotItem().getViewBox().sceneBoundingRect().center()))
    np.testing.assert_allclose(ranges(view), framed, rtol=1e-9, atol=1e-12)


def test_sections_and_surface_reset_to_their_framing(qtbot) -> None:
    from gdviz.ui.landscape_view import SectionsView, SurfaceView

    run = Run()
    sections = shown(qtbot, SectionsView(), run)
    framed = [ranges(p) for p in sections.plots]
    wheel(sections.plots[0], Qt.ControlModifier)
    assert not np.allclose(ranges(sections.plots[0]), framed[0])
    sections.reset_view()
    for plot, before in zip(sections.plots, framed):
        np.testing.assert_allclose(ranges(plot), before, rtol=1e-9)
    surface = shown(qtbot, SurfaceView(), run)
    before = ranges(surface)
    surface.getPlotItem().getViewBox().scaleBy((0.5, 0.5))
    surface.reset_view()
    np.testing.assert_allclose(ranges(surface), before, rtol=1e-9)


def test_ctrl_wheel_zooms_the_surface_recomputes_what_is_seen_and_holds_it_while_the_path_moves(qtbot) -> None:
    from gdviz.ui.landscape_view import SurfaceView

    run = Run()
    surface = shown(qtbot, SurfaceView(), run)
    framed, grid = ranges(surface), surface._h.copy()
    wheel(surface, Qt.NoModifier)
    assert np.array_equal(ranges(surface), framed)
    wheel(surface, Qt.ControlModifier)  # three notches in, around the middle
    zoomed = ranges(surface)
    assert np.all(np.diff(zoomed)[::2] < 0.7 * np.diff(framed)[::2])  # both axes: 0.85³ ≈ 0.61 of the span
    QApplication.processEvents()
    assert surface._h[0] == pytest.approx(zoomed[0]) and surface._h[-1] == pytest.approx(zoomed[1])
    assert not np.allclose(surface._h, grid)  # the colours and contours are of the zoomed range
    run.advance(400)  # the path leaves the zoomed range: the zoom stays
    surface.on_snapshot(run.snapshot())
    np.testing.assert_allclose(ranges(surface), zoomed)
    surface.reset_view()  # back to automatic framing, grown to hold the path drawn meanwhile
    QApplication.processEvents()
    back = ranges(surface)
    path = run.history.column("params")[:, [1, 0]]  # b across, w up
    assert back[0] <= path[:, 0].min() and back[1] >= path[:, 0].max()
    assert back[2] <= path[:, 1].min() and back[3] >= path[:, 1].max()
    wheel(surface, Qt.ControlModifier)
    surface.set_run(Run(RunConfig(data="line-1000")))  # a new run is framed afresh
    assert surface._unzoomed is None and not surface._framing.locked


def test_no_right_click_menus_and_legend_clicks_hide_nothing(qtbot) -> None:
    from gdviz.ui.data_view import DataView

    view = shown(qtbot, DataView(), Run())
    plot = view.getPlotItem()
    assert not plot.menuEnabled() and not plot.getViewBox().menuEnabled()
    sample, _label = view.legend.items[0]
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(sample.sceneBoundingRect().center()))
    assert sample.item.isVisible() and view.train.isVisible()


def test_marks_and_pins_keep_their_labels_apart(qtbot) -> None:
    from dataclasses import replace

    from gdviz.ui.data_view import DataView
    from gdviz.ui.loss_view import LossView

    run = Run()
    for i in range(8):  # eight changes a few steps apart: their labels would pile up
        run.advance(3)
        run.set_live(replace(run.live, learning_rate=0.1 + 0.01 * ((i + 1) % 2)))
    run.advance(20)
    loss = shown(qtbot, LossView(), run)
    loss.grab()
    labels = [m.label for m in loss.change_marks if m.isVisible() and m.label.isVisible()]
    assert labels and sum(m.isVisible() for m in loss.change_marks) == 8
    rects = [m.sceneBoundingRect() for m in labels]
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    legend = [part.sceneBoundingRect() for pair in loss.legend.items for part in (pair[0], pair[1].item)]
    assert all(not a.intersects(b) for a in rects for b in legend)

    data = shown(qtbot, DataView(), run)
    data.set_pinned_steps([1, 2, 3, 5, 8, 13])
    data.grab()
    pins = [label.sceneBoundingRect() for label in data.pin_labels if label.isVisible()]
    assert len(pins) >= 3
    assert all(not a.intersects(b) for i, a in enumerate(pins) for b in pins[i + 1:])
