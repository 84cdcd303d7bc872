"""Lean graphics items for what moves every frame.

pyqtgraph's PlotCurveItem recomputes its bounds, pixel padding and path in Python several times
per frame (about 50 boundingRect calls a frame in the whole window). A `Curve` keeps one painter
path, one rectangle and one pen; its geometry changes only in `setData` and when its view's range
or size changes. Thick opaque pens are drawn as separate segments (`drawLines`): Qt strokes those
several times faster than one antialiased polyline with joins, and at 2–4 px the joints look the
same (measured: 200 points, 3 px: 0.6 ms as a path, 0.1 ms as segments).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments


class Curve(QGraphicsItem):
    """A polyline in data coordinates, drawn with a cosmetic pen, antialiased unless told not to.

    Interface as far as the views and legends use PlotCurveItem: setData(x, y, connect=…), getData,
    setPen and `opts["pen"]`. `connect` is a boolean array (False: no segment from that point to the
    next) or "pairs". Non-finite points break the line.
    """

    def __init__(self, pen: QPen | None = None, antialias: bool = True, z: float | None = None,
                 connect=None) -> None:
        super().__init__()
        self._connect = connect  # the default for setData
        self._pen = pen if pen is not None else pg.mkPen(None)
        self._antialias = antialias
        self.opts = {"pen": self._pen, "antialias": antialias}  # what a LegendItem sample reads
        self._x = self._y = np.zeros(0)
        self._path = QPainterPath()
        self._lines = None  # (pointer, count) for QPainter.drawLines, built on the first paint
        self._data_rect = QRectF()
        self._rect = QRectF()
        self._view: pg.ViewBox | None = None
        if z is not None:
            self.setZValue(z)

    # ----- placement ----------------------------------------------------------------------
    def itemChange(self, change, value):  # noqa: N802 (Qt name)
        """Follow the view box the item lands in: its range and size set the pixel padding."""
        if change == QGraphicsItem.ItemParentHasChanged:
            view = self._find_view()
            if view is not self._view:
                if self._view is not None:
                    self._view.sigTransformChanged.disconnect(self._refit)
                self._view = view
                if view is not None:
                    view.sigTransformChanged.connect(self._refit)
                self._refit()
        return super().itemChange(change, value)

    def _find_view(self) -> pg.ViewBox | None:
        item = self.parentItem()
        while item is not None and not isinstance(item, pg.ViewBox):
            item = item.parentItem()
        return item

    def _refit(self, *_) -> None:
        """Pad the data's rectangle by half the pen and the antialiasing fringe, in data units."""
        rect = QRectF(self._data_rect)
        if self._path.elementCount():
            px, py = self._pixel_size()
            pad = 0.5 * max(self._pen.widthF(), 1.0) + 2.0
            rect.adjust(-pad * px, -pad * py, pad * px, pad * py)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def _pixel_size(self) -> tuple[float, float]:
        view = self._view
        if view is None:
            return 0.0, 0.0
        r = view.viewRect()
        w, h = view.width(), view.height()
        return (abs(r.width()) / w if w > 0 else 0.0), (abs(r.height()) / h if h > 0 else 0.0)

    # ----- data ---------------------------------------------------------------------------
    def setData(self, x, y, connect=None, **_ignored) -> None:  # noqa: N802 (PlotCurveItem's name)
        """New points; hides nothing (an empty curve simply draws nothing)."""
        if connect is None:
            connect = self._connect
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        self._x, self._y = x, y
        self._lines = None
        if len(x) < 2:
            self._mode, self._path, self._data_rect = "all", QPainterPath(), QRectF()
        else:
            finite = np.isfinite(x) & np.isfinite(y)
            every = bool(finite.all())
            if isinstance(connect, str):
                mode = connect
            elif connect is None:
                mode = "all" if every else "finite"
            else:  # a segment needs both of its ends finite
                mode = np.asarray(connect, bool) & finite & np.append(finite[1:], False)
            self._mode = mode
            self._path = pg.arrayToQPath(x, y, connect=mode, finiteCheck=not every)
            if every:
                x0, x1, y0, y1 = float(x.min()), float(x.max()), float(y.min()), float(y.max())
            elif finite.any():
                fx, fy = x[finite], y[finite]
                x0, x1, y0, y1 = float(fx.min()), float(fx.max()), float(fy.min()), float(fy.max())
            else:
                x0 = x1 = y0 = y1 = 0.0
            self._data_rect = QRectF(x0, y0, x1 - x0, y1 - y0) if finite.any() else QRectF()
        self._refit()
        self.update()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 (PlotCurveItem's name)
        """The points last given."""
        return self._x, self._y

    def setPen(self, pen: QPen) -> None:  # noqa: N802 (Qt name)
        """A new pen (a wider one widens the padding)."""
        self._pen = pen
        self.opts["pen"] = pen
        self._refit()
        self.update()

    # ----- drawing ------------------------------------------------------------------------
    def _segmented(self) -> bool:
        """Thick, solid, opaque: segments (no joins to compute) look the same and draw far faster."""
        pen = self._pen
        return (pen.widthF() > 1.0 and pen.style() == Qt.SolidLine and pen.color().alpha() == 255
                and len(self._x) > 2)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        return self._rect

    def paint(self, painter: QPainter, *_args) -> None:
        if self._path.isEmpty() or self._pen.style() == Qt.NoPen:
            return
        painter.setRenderHint(QPainter.Antialiasing, self._antialias)
        painter.setPen(self._pen)
        if self._segmented():
            if self._lines is None:
                self._lines = arrayToLineSegments(self._x, self._y, connect=self._mode, finiteCheck=True)
            painter.drawLines(*self._lines.drawargs())
        else:
            painter.drawPath(self._path)


class Scatter(pg.ScatterPlotItem):
    """A ScatterPlotItem that works out its bounding rectangle once per change, not once per call.

    Qt asks every visible item for its rectangle several times a frame; pyqtgraph's scatter
    recomputes data bounds and pixel padding in Python each time (≈ 30 µs). Every change of
    its geometry goes through one of the methods below, which forget the rectangle."""

    _rect: QRectF | None = None

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
