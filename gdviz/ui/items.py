"""Lean graphics items for what moves every frame.

pyqtgraph's PlotCurveItem recomputes its bounds, pixel padding and path in Python several times
per frame (about 50 boundingRect calls a frame in the whole window). A `Curve` keeps one painter
path, one rectangle and one pen; its geometry changes only in `setData` and when its view's range
or size changes. `Layers` paints several such lines, each with its own pen, as one item: a race's
six paths are one paint call, and one pixmap when cached. Thick opaque pens are drawn as separate
segments (`drawLines`): Qt strokes those several times faster than one antialiased polyline with
joins, and at 2–5 px the joints look the same (measured: 200 points at 3 px, 0.6 ms as a path,
0.1 ms as segments) — unless their caps are round, which cost more as segments than the path.
Every line is mapped to pixels in numpy and stroked untransformed: Qt strokes a cosmetic pen under
the view's scaling transform 2.5–5 times slower.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QGraphicsItem
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from pyqtgraph.Qt.internals import PrimitiveArray

NO_PEN = pg.mkPen(None)
SHORT = 4  # lines of at most this many points are built point by point (cheaper than from arrays)


class PenTraits(NamedTuple):
    """What a pen's drawing depends on, read once per pen (a pen is not changed once it draws)."""
    cosmetic: bool  # its width is in pixels whatever the view's scale
    drawn: bool  # not Qt.NoPen
    segments: bool  # see Polyline.segmented
    round_solid: bool  # solid with round caps (see Polyline._ends_clipped)


_TRAITS: dict[int, tuple[QPen, PenTraits]] = {}


def pen_traits(pen: QPen) -> PenTraits:
    """The pen's traits, kept by the pen object (each Qt call costs a few microseconds in a busy frame,
    and every line of every frame asked them again)."""
    kept = _TRAITS.get(id(pen))
    if kept is not None and kept[0] is pen:
        return kept[1]
    width, style, cap = pen.widthF(), pen.style(), pen.capStyle()
    traits = PenTraits(pen.isCosmetic(), style != Qt.NoPen,
                       width > 1.0 and style == Qt.SolidLine
                       and (pen.color().alpha() == 255 and cap != Qt.RoundCap or cap == Qt.FlatCap),
                       cap == Qt.RoundCap and style == Qt.SolidLine)
    if len(_TRAITS) > 1024:  # pens made per frame (a theme's, a zoom's) are let go now and then
        _TRAITS.clear()
    _TRAITS[id(pen)] = (pen, traits)
    return traits


class Polyline:
    """One line's points as drawn: the path (or segments), its data rectangle and its pen.

    `connect` is None (non-finite points break the line), "pairs", or a boolean array (False: no
    segment from that point to the next). With `pixel` = (units per pixel on x, on y) points in the
    same pixel as the point before are left out (the first and last points and both ends of every
    break stay): a slow run takes many steps a pixel, and each would be stroked again every frame.

    A `plain` line (every point finite, joined in order: nearly every line) is mapped to pixels
    straight into a QPolygonF (or Qt's line array) on paint; others go through pyqtgraph's path
    builders, which check every point.
    """

    def __init__(self, x, y, connect=None, pen: QPen = NO_PEN, pixel: tuple[float, float] | None = None) -> None:
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        self.x, self.y, self.connect, self.pen = x, y, connect, pen
        self.traits = pen_traits(pen)
        self.mode = "all"
        self.plain = False
        self.rect = QRectF()
        self._mapped = None  # (transform key, what to draw in pixels, how), built on paint
        self._ends: tuple[float, float, float, float] | None = None  # a plain 2-point line's ends in pixels
        self._square: QPen | None = None  # the pen with square caps (_ends_clipped)
        self.drawn = (x, y)
        self.empty = True  # nothing to draw
        self._path: QPainterPath | None = None  # in data units, built when first asked (see `path`)
        if len(x) < 2:
            return
        if len(x) <= SHORT and connect is None:
            xs, ys = x.tolist(), y.tolist()
            if all(map(math.isfinite, xs + ys)):  # a short finite line: no arrays to build
                self.empty = not self.traits.drawn
                self.plain = True
                self.rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
                return
        # the extremes are finite only when every point is (a NaN or an infinity carries into them)
        x0, x1, y0, y1 = float(x.min()), float(x.max()), float(y.min()), float(y.max())
        every = math.isfinite(x0 - x1) and math.isfinite(y0 - y1)
        if every:
            mode = connect if isinstance(connect, str) else "all" if connect is None else np.asarray(connect, bool)
        else:
            finite = np.isfinite(x) & np.isfinite(y)
            if isinstance(connect, str):
                mode = connect
            elif connect is None:
                mode = "finite"
            else:  # a segment needs both of its ends finite
                mode = np.asarray(connect, bool) & finite & np.append(finite[1:], False)
        if pixel is not None and every and (not isinstance(mode, str) or mode == "all"):
            x, y, mode = _thinned(x, y, mode, pixel)
        self.mode, self.drawn = mode, (x, y)
        self.plain = every and isinstance(mode, str) and mode == "all"
        if not every:
            x, y = x[finite], y[finite]
            if len(x):
                x0, x1, y0, y1 = float(x.min()), float(x.max()), float(y.min()), float(y.max())
        if len(x) >= 2 and self.traits.drawn:  # the rectangle of the finite points
            self.empty = False
            self.rect = QRectF(x0, y0, x1 - x0, y1 - y0)

    @property
    def path(self) -> QPainterPath:
        """The line in data units (painting maps the points to pixels instead: built only when asked)."""
        if self._path is None:
            x, y = self.drawn
            self._path = (pg.arrayToQPath(x, y, connect=self.mode, finiteCheck=True) if len(x) >= 2
                          else QPainterPath())
        return self._path

    def segmented(self) -> bool:
        """Thick, solid, opaque, square- or flat-capped: segments (no joins to compute) look the same and
        draw far faster. Round caps cost more as segments than the joined path (pyqtgraph gives them to
        pens over 4 px): 32 points at 4.5 px, 0.14 ms as segments against 0.07 as a path. A translucent
        pen with flat caps too: its segments meet without overlapping (but for a sliver inside a bend),
        so no joint shows darker (the landscape's contour lines: 2,700 points, 10.7 ms as a path)."""
        return self.traits.segments and len(self.drawn[0]) >= 2

    def paint(self, painter: QPainter, key: tuple[float, float, float, float], clip: QRectF | None) -> None:
        """Stroke the line with its pen, mapped to pixels here by `key` (m11, m22, m31, m32: the view's
        scale and shift) on a painter that draws in pixels; `clip` is its clip rectangle, if it clips.
        Qt strokes a cosmetic pen under a scaling transform 2.5–5 times slower (150 segments at 6 px:
        0.23 ms against 0.09; one: 0.085 against 0.018)."""
        if self.empty:
            return
        drawn, how = self._in_pixels(key)
        if how is _POLYLINE and self._ends_clipped(clip):  # caps nobody sees: square ones stroke 6 times faster
            painter.setPen(self._square_pen())
            painter.drawLine(QLineF(*self._ends))
            return
        painter.setPen(self.pen)
        if how is _LINES:
            painter.drawLines(drawn)
        elif how is _SEGMENTS:
            painter.drawLines(*drawn.drawargs())
        elif how is _POLYLINE:
            painter.drawPolyline(drawn)
        else:
            painter.drawPath(drawn)

    def paint_mapped(self, painter: QPainter) -> None:
        """Stroke the line with the painter's transform mapping data to pixels (rotated or sheared, or a
        pen that scales with the view)."""
        if self.empty:
            return
        painter.setPen(self.pen)
        if self.segmented():
            painter.drawLines(*arrayToLineSegments(*self.drawn, connect=self.mode, finiteCheck=True).drawargs())
        else:
            painter.drawPath(self.path)

    def _ends_clipped(self, clip: QRectF | None) -> bool:
        """Whether this is one solid round-capped segment whose ends lie on or beyond the edges of the
        painter's clip, so that its caps lie outside it: a line across a view, cut at its edges (the data
        view's)."""
        if clip is None or not self.traits.round_solid or self._ends is None:
            return False
        x0, y0, x1, y1 = self._ends
        # within a pixel of an edge: on it
        left, top, right, bottom = clip.left() + 1.0, clip.top() + 1.0, clip.right() - 1.0, clip.bottom() - 1.0
        return not (left <= x0 <= right and top <= y0 <= bottom or left <= x1 <= right and top <= y1 <= bottom)

    def _square_pen(self) -> QPen:
        """The pen with square caps: they reach as far past the ends, so the cut at the edge stays whole."""
        if self._square is None:
            self._square = QPen(self.pen)
            self._square.setCapStyle(Qt.SquareCap)
        return self._square

    def _in_pixels(self, key: tuple[float, float, float, float]):
        """What to draw mapped to pixels by a scale-and-shift key, and how; kept while the key is."""
        if self._mapped is not None and self._mapped[0] == key:
            return self._mapped[1], self._mapped[2]
        sx, sy, dx, dy = key
        x, y = self.drawn
        segments = self.segmented()
        drawn = how = None
        self._ends = None
        if self.plain and len(x) <= SHORT:  # a few points: no arrays to build
            xs, ys = [v * sx + dx for v in x.tolist()], [v * sy + dy for v in y.tolist()]
            if all(map(math.isfinite, xs + ys)):
                if len(xs) == 2:
                    self._ends = (xs[0], ys[0], xs[1], ys[1])
                if segments:
                    drawn, how = [QLineF(xs[i], ys[i], xs[i + 1], ys[i + 1]) for i in range(len(xs) - 1)], _LINES
                else:
                    drawn, how = QPolygonF([QPointF(a, b) for a, b in zip(xs, ys)]), _POLYLINE
        elif self.plain:
            px, py = x * sx + dx, y * sy + dy
            if math.isfinite(float(px.sum()) + float(py.sum())):  # a point far outside can overflow
                if segments:
                    drawn, how = _line_array(px, py), _SEGMENTS
                else:
                    drawn = pg.functions.create_qpolygonf(len(px))
                    points = pg.functions.ndarray_from_qpolygonf(drawn)
                    points[:, 0], points[:, 1] = px, py
                    how = _POLYLINE
        if drawn is None:
            x, y = x * sx + dx, y * sy + dy  # non-finite points stay non-finite: left out by the builders
            if segments:
                drawn, how = arrayToLineSegments(x, y, connect=self.mode, finiteCheck=True), _SEGMENTS
            else:
                drawn, how = pg.arrayToQPath(x, y, connect=self.mode, finiteCheck=True), _PATH
        self._mapped = (key, drawn, how)
        return drawn, how


_LINES, _SEGMENTS, _POLYLINE, _PATH = "lines", "segments", "polyline", "path"  # how a line is drawn


def _line_array(px: np.ndarray, py: np.ndarray) -> PrimitiveArray:
    """The segments between consecutive points as Qt's QLineF array, filled from numpy."""
    array = PrimitiveArray(QLineF, 4)
    array.resize(len(px) - 1)
    memory = array.ndarray()
    memory[:, 0], memory[:, 1], memory[:, 2], memory[:, 3] = px[:-1], py[:-1], px[1:], py[1:]
    return array


def _thinned(x: np.ndarray, y: np.ndarray, mode, pixel: tuple[float, float]):
    px, py = pixel
    if not (px > 0 and py > 0):
        return x, y, mode
    cx, cy = np.floor(x / px), np.floor(y / py)
    keep = np.ones(len(x), bool)
    keep[1:] = (cx[1:] != cx[:-1]) | (cy[1:] != cy[:-1])
    keep[-1] = True
    if not isinstance(mode, str):
        keep |= ~mode
        keep[1:] |= ~mode[:-1]
        mode = mode[keep]
    return x[keep], y[keep], mode


def _near(x0: np.ndarray, y0: np.ndarray, connect0, x: np.ndarray, y: np.ndarray, connect,
          pixel: tuple[float, float]) -> bool:
    """Whether points (x, y) are all within half a pixel of (x0, y0) (same count, no breaks)."""
    if not len(x) or len(x) != len(x0) or not (connect is None and connect0 is None):
        return False
    px, py = pixel
    if not (px > 0 and py > 0):
        return False
    with np.errstate(invalid="ignore"):  # a non-finite point compares False: drawn again
        return bool((np.abs(x - x0) < 0.5 * px).all() and (np.abs(y - y0) < 0.5 * py).all())


def view_box_of(item: QGraphicsItem) -> pg.ViewBox | None:
    """The view box an item is drawn in (None when it is in none)."""
    view = item.parentItem()
    while view is not None and not isinstance(view, pg.ViewBox):
        view = view.parentItem()
    return view


def pixel_size(view: pg.ViewBox | None) -> tuple[float, float]:
    """Data units per screen pixel on x and y of a view box (0 before it is laid out)."""
    if view is None:
        return 0.0, 0.0
    r = view.viewRect()
    w, h = view.width(), view.height()
    return (abs(r.width()) / w if w > 0 else 0.0), (abs(r.height()) / h if h > 0 else 0.0)


def follow_view(old: pg.ViewBox | None, new: pg.ViewBox | None, slot) -> None:
    """Move `slot` from view box `old`'s signals to `new`'s that change how many data units a pixel is
    (the range changes at once, the transform at the next paint: both are followed)."""
    for name in ("sigRangeChanged", "sigResized", "sigTransformChanged"):
        if old is not None:
            getattr(old, name).disconnect(slot)
        if new is not None:
            getattr(new, name).connect(slot)


class _ViewItem(QGraphicsItem):
    """An item that knows its view box: the box's range and size set how many data units a pixel
    is, and `_refit` runs whenever they change."""

    _view: pg.ViewBox | None = None
    _pixel: tuple[float, float] = (0.0, 0.0)  # data units per pixel, kept up to date by _view_changed

    def itemChange(self, change, value):  # noqa: N802 (Qt name)
        """Follow the view box the item lands in."""
        if change == QGraphicsItem.ItemParentHasChanged:
            view = view_box_of(self)
            if view is not self._view:
                follow_view(self._view, view, self._view_changed)
                self._view = view
                self._view_changed()
        return super().itemChange(change, value)

    def _view_changed(self, *_) -> None:
        self._pixel = pixel_size(self._view)
        self._refit()

    def pixel_size(self) -> tuple[float, float]:
        """Data units per screen pixel on x and y (0 before the item is in a laid-out view)."""
        return self._pixel

    def _refit(self, *_) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class _LineItem(_ViewItem):
    """What `Curve` and `Layers` share: lines in data coordinates with cosmetic pens, and a
    rectangle padded by the widest pen in pixels, refitted when the view's range or size changes."""

    def __init__(self, antialias: bool, thin: bool, z: float | None) -> None:
        super().__init__()
        self._antialias = antialias
        self._thin = thin
        self._lines: list[Polyline] = []
        self._rect = QRectF()
        if z is not None:
            self.setZValue(z)

    def _polyline(self, x, y, connect, pen: QPen) -> Polyline:
        return Polyline(x, y, connect, pen, self.pixel_size() if self._thin else None)

    def _refit(self, *_) -> None:
        """Pad the lines' rectangle by half the widest pen and the antialiasing fringe, in data units."""
        rect, width, drawn = QRectF(), 1.0, False
        for line in self._lines:
            if not line.empty:
                rect = line.rect if not drawn else rect.united(line.rect)
                width = max(width, line.pen.widthF())
                drawn = True
        if drawn:
            px, py = self.pixel_size()
            pad = 0.5 * width + 2.0
            rect = QRectF(rect).adjusted(-pad * px, -pad * py, pad * px, pad * py)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def _changed(self) -> None:
        self._refit()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        return self._rect

    def paint(self, painter: QPainter, *_args) -> None:
        painter.setRenderHint(QPainter.Antialiasing, self._antialias)
        t = painter.transform()
        if not (t.isAffine() and t.m12() == 0 and t.m21() == 0):  # rotated or sheared: Qt maps every line
            for line in self._lines:
                line.paint_mapped(painter)
            return
        # a view box scales and shifts: every cosmetic line is mapped to pixels (see Polyline.paint)
        key = (t.m11(), t.m22(), t.m31(), t.m32())
        painter.resetTransform()
        clip = painter.clipBoundingRect() if painter.hasClipping() else None  # in pixels
        with np.errstate(all="ignore"):  # non-finite points stay non-finite: left out
            for line in self._lines:
                if line.traits.cosmetic:
                    line.paint(painter, key, clip)
                elif not line.empty:
                    painter.setTransform(t)
                    line.paint_mapped(painter)
                    painter.resetTransform()
        painter.setTransform(t)


class Curve(_LineItem):
    """One polyline: the interface the views and legends use of PlotCurveItem — setData(x, y,
    connect=…), getData, setPen and `opts["pen"]`. `thin` leaves out points within a pixel of the
    point before (the picture stays the same to within a pixel)."""

    def __init__(self, pen: QPen | None = None, antialias: bool = True, z: float | None = None,
                 connect=None, thin: bool = False) -> None:
        super().__init__(antialias, thin, z)
        self._connect = connect  # the default for setData
        self._pen = pen if pen is not None else NO_PEN
        self.opts = {"pen": self._pen, "antialias": antialias}  # what a LegendItem sample reads
        self._lines = [Polyline([], [], pen=self._pen)]
        self._given: tuple[np.ndarray, np.ndarray] = (self._lines[0].x, self._lines[0].y)

    def setData(self, x, y, connect=None, **_ignored) -> None:  # noqa: N802 (PlotCurveItem's name)
        """New points (an empty curve simply draws nothing).

        Points that all lie within half a pixel of the ones drawn change nothing on screen: the
        drawing is kept and nothing is repainted (a slow run's lines and cross-sections move less
        than a pixel a step). The comparison is with what is drawn, so small moves add up."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        connect = self._connect if connect is None else connect
        self._given = (x, y)
        if self._still(x, y, connect):
            return
        self._lines = [self._polyline(x, y, connect, self._pen)]
        self._changed()

    def _still(self, x: np.ndarray, y: np.ndarray, connect) -> bool:
        line = self._lines[0]
        return _near(line.x, line.y, line.connect, x, y, connect, self.pixel_size())

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 (PlotCurveItem's name)
        """The points last given."""
        return self._given

    def setPen(self, pen: QPen) -> None:  # noqa: N802 (Qt name)
        """A new pen (a wider one widens the padding)."""
        self._pen = pen
        self.opts["pen"] = pen
        line = self._lines[0]
        self._lines = [self._polyline(line.x, line.y, line.connect, pen)]
        self._changed()


class Layers(_LineItem):
    """Several polylines painted in order by one item, each with its own pen."""

    def __init__(self, antialias: bool = True, z: float | None = None, thin: bool = False) -> None:
        super().__init__(antialias, thin, z)

    def set_lines(self, lines: list[tuple[np.ndarray, np.ndarray, object, QPen]], still: bool = False) -> None:
        """(x, y, connect, pen) for each line, bottom first. With `still`, lines that would all be drawn
        within half a pixel of the ones drawn, with the same pens, change nothing (as Curve.setData)."""
        pixel = self.pixel_size()
        if still and len(lines) == len(self._lines) and all(
                pen == line.pen and _near(line.x, line.y, line.connect, np.asarray(x, float), np.asarray(y, float),
                                          connect, pixel)
                for (x, y, connect, pen), line in zip(lines, self._lines)):
            return
        self._lines = [self._polyline(x, y, connect, pen) for x, y, connect, pen in lines]
        self._changed()

    def lines(self) -> list[Polyline]:
        """The lines, bottom first."""
        return list(self._lines)


class GrowingCurve(Curve):
    """A Curve that grows at its end (a loss curve): all but its newest points are a child item
    blitted from a cached pixmap, stroked again only when they change (every `block` points of
    growth, or when the view moves), and a frame strokes only the newest points. A 300-point loss
    curve at 4.5 px took 0.5 ms to stroke every frame (each pixel column's rise and fall is a
    long segment)."""

    def __init__(self, pen: QPen | None = None, antialias: bool = True, z: float | None = None,
                 block: int = 32) -> None:
        super().__init__(pen, antialias, z)
        self.block = block
        self._body = Layers(antialias)
        self._body.setParentItem(self)
        self._body.setFlag(QGraphicsItem.ItemStacksBehindParent)
        self._body.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self._settled = (np.zeros(0), np.zeros(0))  # the points the body draws
        self._shown: tuple = (np.zeros(0), np.zeros(0), None)  # the points drawn, for the half-pixel test

    def setData(self, x, y, connect=None, **_ignored) -> None:  # noqa: N802 (PlotCurveItem's name)
        """New points: as Curve.setData (points within half a pixel of those drawn change nothing)."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        connect = self._connect if connect is None else connect
        self._given = (x, y)
        if _near(*self._shown, x, y, connect, self.pixel_size()):
            return
        self._shown = (x, y, connect)
        cut = (len(x) - 1) // self.block * self.block if connect is None and len(x) > self.block else 0
        body = (x[:cut + 1], y[:cut + 1]) if cut else (x[:0], y[:0])
        if not (np.array_equal(body[0], self._settled[0], equal_nan=True)
                and np.array_equal(body[1], self._settled[1], equal_nan=True)):
            self._settled = body
            self._body.set_lines([(*body, None, self._pen)] if cut else [])
        self._lines = [self._polyline(x[cut:], y[cut:], connect, self._pen)]
        self._changed()

    def setPen(self, pen: QPen) -> None:  # noqa: N802 (Qt name)
        """A new pen for the whole curve."""
        self._pen = pen
        self.opts["pen"] = pen
        self._settled = (np.zeros(0), np.zeros(0))
        x, y, connect = self._shown
        self._shown = (np.zeros(0), np.zeros(0), None)
        self.setData(x, y, connect)
        if not len(x):
            self._lines = [Polyline([], [], pen=pen)]

    def _view_changed(self, *_) -> None:
        super()._view_changed()
        self._body._pixel = self._pixel  # the body is a child: it learns the view's pixel size here
        self._body._refit()


class Rings(_ViewItem):
    """Rings of a fixed size in pixels around data points, stamped from one pixmap.

    A mini-batch's rings move every frame; a ScatterPlotItem would rebuild its spots and bounds in
    Python each time. Interface as the views use ScatterPlotItem: setData(x, y), getData."""

    def __init__(self, size: float, pen: QPen, z: float | None = None) -> None:
        super().__init__()
        self._x = self._y = np.zeros(0)
        self._data = QRectF()
        self._rect = QRectF()
        self.set_style(size, pen)
        if z is not None:
            self.setZValue(z)

    def set_style(self, size: float, pen: QPen) -> None:
        """Ring diameter in pixels and pen (a new theme or zoom)."""
        side = int(math.ceil(size + pen.widthF())) + 2
        self._stamp = QPixmap(side, side)
        self._stamp.fill(Qt.transparent)
        painter = QPainter(self._stamp)
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setPen(pen)
        painter.drawEllipse(QRectF((side - size) / 2, (side - size) / 2, size, size))
        painter.end()
        self._half = side / 2
        self._refit()
        self.update()

    def setData(self, x, y, **_ignored) -> None:  # noqa: N802 (ScatterPlotItem's name)
        """Ring these points (non-finite ones are left out)."""
        x, y = np.asarray(x, float), np.asarray(y, float)
        keep = np.isfinite(x) & np.isfinite(y)
        self._x, self._y = x[keep], y[keep]
        if len(self._x):
            x0, x1, y0, y1 = self._x.min(), self._x.max(), self._y.min(), self._y.max()
            self._data = QRectF(float(x0), float(y0), float(x1 - x0), float(y1 - y0))
        else:
            self._data = QRectF()
        self._refit()
        self.update()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 (ScatterPlotItem's name)
        """The ringed points."""
        return self._x, self._y

    def _refit(self, *_) -> None:
        rect = QRectF()
        if len(self._x):
            px, py = self.pixel_size()
            pad = self._half + 1
            rect = QRectF(self._data).adjusted(-pad * px, -pad * py, pad * px, pad * py)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        return self._rect

    def paint(self, painter: QPainter, *_args) -> None:
        if not len(self._x):
            return
        t = painter.transform()  # a view box only scales and shifts
        xs = np.rint(t.m11() * self._x + t.m31() - self._half).astype(int)
        ys = np.rint(t.m22() * self._y + t.m32() - self._half).astype(int)
        painter.resetTransform()
        stamp = self._stamp
        for x, y in zip(xs.tolist(), ys.tolist()):
            painter.drawPixmap(x, y, stamp)


class Scatter(pg.ScatterPlotItem):
    """A ScatterPlotItem that works out its bounding rectangle once per change, not once per call,
    and is painted from a cached pixmap while it is unchanged.

    Qt asks every visible item for its rectangle several times a frame; pyqtgraph's scatter
    recomputes data bounds and pixel padding in Python each time (≈ 30 µs). Every change of
    its geometry goes through one of the methods below, which forget the rectangle."""

    _rect: QRectF | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # blitted from a pixmap while unchanged: a path's points change at most ten times a second,
        # but a moving line or marker over them repainted them all every frame (0.5 ms a view)
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)

    def setData(self, *args, **kwargs) -> None:  # noqa: N802 (pyqtgraph name)
        """As ScatterPlotItem.setData(x, y, ...), leaving out points that are not finite (with their
        per-point brushes, sizes and symbols): no NaN or Inf reaches the painter or the bounds."""
        if len(args) == 2 and "x" not in kwargs:
            x, y = np.asarray(args[0], float), np.asarray(args[1], float)
            keep = np.isfinite(x) & np.isfinite(y)
            if not keep.all():
                x, y = x[keep], y[keep]
                for key in ("brush", "pen", "size", "symbol", "data"):
                    value = kwargs.get(key)
                    if isinstance(value, (np.ndarray, list)) and len(value) == len(keep):
                        kwargs[key] = np.asarray(value, dtype=object if key != "size" else float)[keep]
            args = (x, y)
        super().setData(*args, **kwargs)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        if self._rect is None:
            self._rect = super().boundingRect()
        return self._rect

    def prepareGeometryChange(self) -> None:  # noqa: N802 (Qt name)
        self._rect = None
        super().prepareGeometryChange()

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph name)
        self._rect = None
        super().viewTransformChanged()

    def _updateMaxSpotSizes(self, **kwargs) -> None:  # noqa: N802 (pyqtgraph name)
        self.prepareGeometryChange()
        super()._updateMaxSpotSizes(**kwargs)

    def clear(self) -> None:
        self.prepareGeometryChange()
        super().clear()


class GrowingPaths:
    """Lines that grow at their ends (a race's paths, its loss curves) as two items: every line's
    settled part in one cached pixmap, redrawn when a line has grown by `block` points (or was
    changed, or the view moved), and the newest points drawn live on top. A frame then strokes at
    most `block` points a line instead of every point of every line.

    `casing`: a wider opaque pen drawn under every line (on a colour map it keeps each colour visible).
    """

    def __init__(self, plot: pg.PlotItem, z: float, casing: QPen | None = None, antialias: bool = True,
                 thin: bool = False, block: int = 32) -> None:
        self.block = block
        self.casing = casing
        self.body = Layers(antialias, z, thin)
        self.body.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.head = Layers(antialias, z + 0.01, thin)
        for item in (self.body, self.head):
            plot.addItem(item)
        self._key: tuple | None = None
        self._given: list[tuple[np.ndarray, np.ndarray]] = []

    def draw(self, lines: list[tuple[np.ndarray, np.ndarray]], pens: list[QPen], view: tuple = (),
             settled: list[bool] | None = None) -> None:
        """Each line's points (x, y) and pen, bottom first; `view` is whatever else the body depends
        on (ranges, scales): when it changes the body is drawn again. A `settled` line (a diverged
        runner) or one that did not grow since the last draw goes into the body whole: the body keeps
        the lines' order (the primary on top), while the heads are drawn above every body."""
        settled = settled or [False] * len(lines)
        still = [i < len(self._given) and len(self._given[i][0]) == len(x) for i, (x, _) in enumerate(lines)]
        self._given = lines
        cuts = [max(0, len(x) - 1 if done or same else (len(x) - 1) // self.block * self.block)
                for (x, _), done, same in zip(lines, settled, still)]
        # the body is still right when every line kept its cut, its point there and its pen
        key = (tuple(view), self.body.pixel_size(), tuple((cut, float(x[cut]), float(y[cut]), pen.color().rgba(),
                                                           pen.widthF()) if len(x) else (0,)
                                                          for (x, y), cut, pen in zip(lines, cuts, pens)))
        if key != self._key:
            self._key = key
            self.body.set_lines(self._layers([(x[:cut + 1], y[:cut + 1]) for (x, y), cut in zip(lines, cuts)], pens))
        self.head.set_lines(self._layers([(x[cut:], y[cut:]) for (x, y), cut in zip(lines, cuts)], pens))
        self.body.show()
        self.head.show()

    def _layers(self, parts: list[tuple[np.ndarray, np.ndarray]], pens: list[QPen]) -> list:
        # the casing under every line first: one plain line each, which maps to pixels far faster than
        # one line with breaks (the casing is opaque: where two cross, the picture is the same)
        layers = [(x, y, None, self.casing) for x, y in parts if len(x) >= 2] if self.casing is not None else []
        return layers + [(x, y, None, pen) for (x, y), pen in zip(parts, pens)]

    def hide(self) -> None:
        """Draw nothing (and forget: the next draw starts afresh)."""
        self.body.hide()
        self.head.hide()
        self._key, self._given = None, []

    def lines(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The points last given for each line."""
        return list(self._given)
