"""The lean plot items (gdviz.ui.items) and the loss view's pixel-column summary."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from gdviz.ui import theme
from gdviz.ui.items import Curve, GrowingCurve, GrowingPaths, Rings, Scatter
from gdviz.ui.loss_view import peak_columns


@pytest.fixture
def plot(qtbot):
    theme.configure()
    widget = pg.PlotWidget()
    widget.resize(400, 300)
    widget.setXRange(0, 10, padding=0)
    widget.setYRange(0, 10, padding=0)
    widget.getPlotItem().hideAxis("left")
    widget.getPlotItem().hideAxis("bottom")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def pixel(plot, x: float, y: float) -> QColor:
    """The colour drawn at data point (x, y)."""
    image = plot.grab().toImage()
    vb = plot.getPlotItem().getViewBox()
    pos = plot.mapFromScene(vb.mapViewToScene(QPointF(x, y)))
    return image.pixelColor(pos.x(), pos.y())


@pytest.mark.parametrize("style", [Qt.SolidLine, Qt.DashLine])
def test_a_curve_draws_its_points_and_breaks_at_non_finite_ones(plot, style):
    curve = Curve(theme.pen("#ff0000", 4.0, style))
    plot.addItem(curve)
    curve.setData([1, 5, 9, 9], [5, 5, np.nan, 1])
    assert pixel(plot, 2, 5).red() > 200 and pixel(plot, 2, 5).green() < 80  # on the first segment
    assert pixel(plot, 9, 3).green() > 200  # the NaN cut the line: nothing from (5, 5) to (9, 1)
    x, y = curve.getData()
    assert np.array_equal(x, [1, 5, 9, 9]) and np.isnan(y[2])


def test_a_curve_with_pairs_draws_separate_segments(plot):
    curve = Curve(theme.pen("#0000ff", 3.0), connect="pairs")
    plot.addItem(curve)
    curve.setData([1, 3, 6, 8], [2, 2, 2, 2])
    assert pixel(plot, 2, 2).blue() > 200 and pixel(plot, 7, 2).blue() > 200
    assert pixel(plot, 4.5, 2).red() > 200  # the gap between the pairs stays white


def test_a_curve_s_rectangle_holds_its_points_and_its_pen(plot):
    curve = Curve(theme.pen("#000000", 4.0))
    plot.addItem(curve)
    curve.setData([2, 4, 7], [1, 8, 3])
    rect = curve.boundingRect()
    vb = plot.getPlotItem().getViewBox()
    px = vb.viewRect().width() / vb.width()
    assert rect.left() < 2 - 2 * px and rect.right() > 7 + 2 * px  # half the pen and the fringe
    assert rect.top() < 1 and rect.bottom() > 8
    curve.setData([], [])
    assert curve.boundingRect().isEmpty()
    curve.setData([np.nan, np.inf], [1, 2])  # nothing finite: nothing drawn, nothing to bound
    assert curve.boundingRect().isEmpty()


def test_a_curve_s_rectangle_follows_the_view_range(plot):
    curve = Curve(theme.pen("#000000", 4.0))
    plot.addItem(curve)
    curve.setData([2, 4], [2, 4])
    before = curve.boundingRect().width()
    plot.setXRange(0, 100, padding=0)  # ten times the units per pixel: ten times the padding
    plot.grab()
    assert curve.boundingRect().width() - 2 > 5 * (before - 2)


def test_a_scatter_s_remembered_rectangle_is_forgotten_when_it_changes(plot):
    dots = Scatter(size=10)
    plot.addItem(dots)
    dots.setData([1, 2], [1, 2])
    first = dots.boundingRect()
    assert first.contains(QPointF(1.5, 1.5))
    dots.setData([5, 8], [6, 9])
    assert dots.boundingRect() == pg.ScatterPlotItem.boundingRect(dots)
    assert dots.boundingRect().contains(QPointF(8, 9)) and not dots.boundingRect().contains(QPointF(1, 1))
    small = dots.boundingRect().width()
    dots.setSize(40)  # bigger symbols: more pixels of padding
    assert dots.boundingRect().width() > small
    assert dots.boundingRect() == pg.ScatterPlotItem.boundingRect(dots)
    plot.setXRange(0, 100, padding=0)
    plot.grab()
    assert dots.boundingRect() == pg.ScatterPlotItem.boundingRect(dots)


def test_peak_columns_keep_every_column_s_extremes_and_the_last_point():
    rng = np.random.default_rng(3)
    x = np.arange(10_000, dtype=float)
    y = rng.standard_normal(10_000)
    y[1234], y[8765] = 50.0, -50.0  # spikes one pixel wide
    cx, cy = peak_columns(x, y, 0.0, 10_000.0, 200)
    assert len(cx) <= 2 * 200 + 1
    assert cy.max() == 50.0 and cy.min() == -50.0
    assert cx[0] == 0 and cx[-1] == x[-1] and cy[-1] == y[-1] and np.all(np.diff(cx) >= 0)
    # each column's min and max, checked against a direct computation
    col = np.floor(x[:-1] / 50)
    for c in (0, 24, 199):
        inside = y[:-1][col == c]
        k = 2 * c
        assert (cy[k], cy[k + 1]) == (inside.min(), inside.max())
    short_x, short_y = peak_columns(x[:300], y[:300], 0.0, 10_000.0, 200)
    assert np.array_equal(short_x, x[:300])
    assert np.array_equal(short_y, y[:300])


def test_rings_are_drawn_around_their_points_at_a_fixed_pixel_size(plot):
    rings = Rings(20, pg.mkPen("#000000", width=3))
    plot.addItem(rings)
    rings.setData([2, 7, np.nan], [5, 5, 1])
    x, y = rings.getData()
    assert np.array_equal(x, [2, 7]) and np.array_equal(y, [5, 5])  # the NaN point is left out
    vb = plot.getPlotItem().getViewBox()
    px = vb.viewRect().width() / vb.width()
    assert pixel(plot, 2, 5).red() > 200  # the middle of a ring stays white
    assert pixel(plot, 2 + 10 * px, 5).red() < 100  # its rim, 10 pixels out, is black
    assert pixel(plot, 7 - 10 * px, 5).red() < 100
    rect = rings.boundingRect()
    assert rect.left() < 2 - 10 * px and rect.right() > 7 + 10 * px
    rings.setData([], [])
    assert rings.boundingRect().isEmpty() and pixel(plot, 2 + 10 * px, 5).red() > 200


def test_a_curve_moved_less_than_half_a_pixel_keeps_its_drawing_until_the_moves_add_up(plot):
    curve = Curve(theme.pen("#000000", 3.0))
    plot.addItem(curve)
    curve.setData([1, 9], [2, 8])
    drawn = curve._lines[0]
    vb = plot.getPlotItem().getViewBox()
    px = vb.viewRect().width() / vb.width()
    curve.setData([1 + 0.2 * px, 9], [2, 8])
    assert curve._lines[0] is drawn  # nothing visible changed: nothing rebuilt, nothing repainted
    assert curve.getData()[0][0] == 1 + 0.2 * px  # but the data given are what it reports
    curve.setData([1 + 0.4 * px, 9], [2, 8])
    assert curve._lines[0] is drawn
    curve.setData([1 + 0.6 * px, 9], [2, 8])  # 0.6 px from what is drawn: drawn again
    assert curve._lines[0] is not drawn and curve._lines[0].x[0] == 1 + 0.6 * px
    again = curve._lines[0]
    curve.setData([1 + 0.6 * px, 9, 9], [2, 8, 1])  # another shape: drawn again
    assert curve._lines[0] is not again


def test_a_curve_knows_the_new_scale_as_soon_as_the_range_changes(plot):
    curve = Curve(theme.pen("#000000", 3.0))
    plot.addItem(curve)
    curve.setData([1, 9], [2, 8])
    plot.setXRange(4, 6, padding=0)  # five times closer, not yet painted
    vb = plot.getPlotItem().getViewBox()
    assert curve.pixel_size()[0] == pytest.approx(2 / vb.width())
    drawn = curve._lines[0]
    curve.setData([1 + 0.01, 9], [2, 8])  # a fifth of a pixel before, a pixel now: drawn again
    assert curve._lines[0] is not drawn


def test_growing_paths_keep_settled_lines_whole_in_the_ordered_body(plot):
    paths = GrowingPaths(plot.getPlotItem(), 1.0, block=8)
    pens = [theme.pen("#00aa00", 3.0), theme.pen("#cc0000", 3.0)]  # bottom first: red on top
    green = (np.arange(20.0) / 2, np.arange(20.0) / 3)
    red = (np.arange(30.0) / 3, np.arange(30.0) / 4)
    paths.draw([green, red], pens, settled=[False, False])
    body, head = paths.body.lines(), paths.head.lines()
    assert [len(line.x) for line in body] == [17, 25] and [len(line.x) for line in head] == [4, 6]
    # the first 17 points in the cached body, the rest (from the cut point on) drawn live
    assert np.array_equal(body[1].x, red[0][:25]) and np.array_equal(head[1].x, red[0][24:])
    paths.draw([green, red], pens, settled=[True, False])  # the green runner diverged
    assert len(paths.body.lines()[0].x) == 20 and len(paths.head.lines()[0].x) == 1
    assert paths.body.lines()[1].pen is pens[1]  # still drawn after (above) the green one
    assert [x.tolist() for x, _ in paths.lines()] == [green[0].tolist(), red[0].tolist()]


def _picture(plot) -> np.ndarray:
    image = plot.grab().toImage().convertToFormat(QImage.Format_RGB32)
    return np.array(image.constBits(), dtype=np.uint8).reshape(image.height(), image.width(), 4)[..., :3].copy()


@pytest.mark.parametrize("antialias", [False, True])
def test_a_growing_curve_draws_the_same_picture_as_a_curve(plot, antialias):
    x = np.linspace(0.2, 9.8, 90)
    y = 1 + 8 * np.exp(-x / 2) + 0.4 * np.sin(5 * x)
    grows = GrowingCurve(theme.pen("#0055aa", 4.5), antialias=antialias, block=8)
    plain = Curve(theme.pen("#0055aa", 4.5), antialias=antialias)
    for n in (2, 9, 17, 40, 90):  # within the first block, just past cuts, many blocks
        plot.addItem(grows)
        grows.setData(x[:n], y[:n])
        drawn = _picture(plot)
        plot.removeItem(grows)
        plot.addItem(plain)
        plain.setData(x[:n], y[:n])
        expected = _picture(plot)
        plot.removeItem(plain)
        assert (expected != 255).any(axis=2).sum() > 20 * n  # something was drawn
        if antialias:  # the fringe where the body and the live part meet is blended twice
            differs = (np.abs(drawn.astype(int) - expected) > 40).any(axis=2)
            assert differs.sum() <= 2 * (n // 8), n
        else:
            assert np.array_equal(drawn, expected), n
    assert [a.tolist() for a in grows.getData()] == [x.tolist(), y.tolist()]


def test_a_growing_curve_strokes_its_settled_points_again_only_when_they_change(plot):
    grows = GrowingCurve(theme.pen("#0055aa", 4.5), block=8)
    plot.addItem(grows)
    x, y = np.arange(30.0) / 3, np.arange(30.0) / 4
    grows.setData(x[:20], y[:20])
    body = grows._body.lines()
    assert len(body[0].x) == 17 and len(grows._lines[0].x) == 4  # the newest points drawn live
    grows.setData(x[:23], y[:23])
    assert grows._body.lines()[0] is body[0]  # grown within the block: the cached body stays
    grows.setData(x[:26], y[:26])
    assert len(grows._body.lines()[0].x) == 25  # a block more: settled
    moved = y[:26].copy()
    moved[3] += 1.0  # an earlier point moved (a new pixel-column summary after a range change)
    grows.setData(x[:26], moved)
    assert grows._body.lines()[0].y[3] == moved[3]
    red = theme.pen("#cc0000", 4.5)
    grows.setPen(red)
    assert grows._body.lines()[0].pen is red and grows._lines[0].pen is red
    assert pixel(plot, x[5], moved[5]).red() > 200  # the settled part is redrawn in the new colour


def test_a_line_across_the_view_is_drawn_with_square_caps_only_where_its_caps_are_cut_off(plot, monkeypatch):
    from gdviz.ui.items import Polyline

    pen = theme.pen("#0055aa", 6.0)
    assert pen.capStyle() == Qt.RoundCap  # pyqtgraph's choice for thick pens: round caps cost 6 times more
    across, inside = Curve(pen), Curve(pen)
    for item in (across, inside):
        plot.addItem(item)
    across.setData([0, 10], [2, 8])  # from the left edge of the view to the right one
    inside.setData([3, 6], [5, 5])  # both ends in view: their round caps show
    flat: list[bool] = []
    clipped = Polyline._ends_clipped
    monkeypatch.setattr(Polyline, "_ends_clipped", lambda self, clip: flat.append(clipped(self, clip)) or flat[-1])
    drawn = _picture(plot)
    assert sorted(set(flat)) == [False, True]
    monkeypatch.setattr(Polyline, "_ends_clipped", lambda self, clip: False)
    plot.getPlotItem().getViewBox().update()
    rounded = _picture(plot)
    assert (np.abs(drawn.astype(int) - rounded) > 40).any(axis=2).sum() <= 4  # the same picture
    assert pixel(plot, 6 + 0.12, 5).blue() > 150  # the round cap beyond the inner line's end is there


def test_a_short_curve_with_breaks_given_as_an_array_is_drawn_in_pixels(plot):
    curve = Curve(theme.pen("#0000ff", 3.0))
    plot.addItem(curve)
    curve.setData([1, 4, 6, 9], [2, 2, 7, 7], connect=np.array([True, False, True, False]))
    assert pixel(plot, 2.5, 2).blue() > 200 and pixel(plot, 7.5, 7).blue() > 200
    assert pixel(plot, 5, 4.5).red() > 200  # no segment from (4, 2) to (6, 7)


@pytest.mark.parametrize("side", ["bottom", "left"])
@pytest.mark.parametrize("shift", [(0.0, 0.0), (0.3, 0.6)])
def test_an_axis_draws_its_grid_on_the_same_pixels_as_pyqtgraph(qtbot, side, shift):
    from gdviz.ui.plot_base import PlotView, TickAxis

    theme.configure()
    view = PlotView("grid", "x", "y")
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    view.getPlotItem().setXRange(0, 17)
    view.getPlotItem().setYRange(-3, 40)
    axis = view.getPlotItem().getAxis(side)
    assert axis.grid  # the views show a translucent grid: the lines this draws differently
    box = axis.boundingRect()

    def drawn(method) -> np.ndarray:
        image = QImage(int(box.width()) + 2, int(box.height()) + 2, QImage.Format_ARGB32_Premultiplied)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        painter.translate(-box.x() + shift[0], -box.y() + shift[1])
        painter.setFont(axis.style["tickFont"])
        method(axis, painter, *axis.generateDrawSpecs(painter))
        painter.end()
        return np.array(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).copy()

    ours, theirs = drawn(TickAxis.drawPicture), drawn(pg.AxisItem.drawPicture)
    assert (theirs != 255).any(axis=2).sum() > 1000  # grid lines, ticks and numbers were drawn
    assert np.array_equal(ours, theirs)


def test_a_marker_moves_by_half_a_pixel_or_more_and_keeps_its_view_s_pixel_size(plot):
    marker = theme.Marker(10, "#ff0000")
    plot.addItem(marker)
    vb = plot.getPlotItem().getViewBox()
    marker.setData([5.0], [5.0])
    assert marker.isVisible() and (marker.pos().x(), marker.pos().y()) == (5.0, 5.0)
    pixel = 10.0 / vb.width()
    marker.setData([5.0 + 0.3 * pixel], [5.0])  # within half a pixel: not moved (no repaint)
    assert marker.pos().x() == 5.0 and marker.getData()[0][0] == 5.0 + 0.3 * pixel  # reports what it was given
    marker.setData([5.0 + 0.6 * pixel], [5.0])
    assert marker.pos().x() == 5.0 + 0.6 * pixel
    plot.setXRange(0, 1000, padding=0)  # a pixel is now 100 times wider
    marker.setData([5.0 + 40 * pixel], [5.0])
    assert marker.pos().x() == 5.0 + 0.6 * pixel
    marker.setData([5.0 + 60 * pixel], [5.0])
    assert marker.pos().x() == 5.0 + 60 * pixel
    marker.setData([np.nan], [5.0])
    assert not marker.isVisible() and len(marker.getData()[0]) == 0
    marker.setData([2.0], [3.0])  # shown again where it is now, however near the old place
    assert marker.isVisible() and (marker.pos().x(), marker.pos().y()) == (2.0, 3.0)
