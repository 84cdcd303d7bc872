"""Colours, pens and fonts sized for a projector: white ground, thick lines, large type."""
from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6  # noqa: E402,F401  (import Qt before pyqtgraph picks a binding)
import pyqtgraph as pg  # noqa: E402
from PySide6.QtGui import QColor, QFont  # noqa: E402
import numpy as np  # noqa: E402
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsView  # noqa: E402

from .items import pixel_size, view_box_of  # noqa: E402

TRAIN = "#1f5fbf"  # blue
VAL = "#e07000"  # orange
LINE = "#c0002a"  # crimson: the fitted line
OPTIMUM = "#2a9d2a"  # green: the least-squares answer
BATCH = "#111111"
MUTED = "#888888"
DIVERGED = "#d00000"
CONVERGED = "#1a8a1a"
RUN_COLOURS = ("#c0002a", "#1f5fbf", "#2a9d2a", "#8e44ad", "#e07000", "#008b8b")



def entry_colour(entry) -> str:
    """A race entry's colour as #rrggbb: its palette index into the run colours, or its own hex."""
    return entry.colour if isinstance(entry.colour, str) else RUN_COLOURS[entry.colour % len(RUN_COLOURS)]


AXIS_PT = 13
TICK_PT = 12


def configure() -> None:
    """Global pyqtgraph options; call once before any plot is created."""
    pg.setConfigOptions(background="w", foreground="k", antialias=True)


def pen(colour: str, width: float = 2.0, style=None) -> pg.QtGui.QPen:
    """A cosmetic pen (width in pixels whatever the zoom)."""
    p = pg.mkPen(colour, width=width)
    if style is not None:
        p.setStyle(style)
    p.setCosmetic(True)
    return p


def faded(colour: str, alpha: int) -> QColor:
    """A colour with transparency 0–255."""
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def style_plot(plot: pg.PlotItem, x_label: str, y_label: str, title: str = "") -> None:
    """Large axis labels and tick fonts, light grid."""
    tick_font = QFont()
    tick_font.setPointSize(TICK_PT)
    for name, label in (("bottom", x_label), ("left", y_label)):
        axis = plot.getAxis(name)
        axis.setTickFont(tick_font)
        axis.setLabel(label, **{"font-size": f"{AXIS_PT}pt"})
        axis.setTextPen("k")
    for name in ("bottom", "left", "top", "right"):
        # a moving line's dirty rectangle overlaps the axes: blit them from a pixmap, do not re-render
        cache_tree(plot.getAxis(name))
    cache_tree(plot.titleLabel)
    if title:
        plot.setTitle(title, size=f"{AXIS_PT + 1}pt", color="k")
    plot.showGrid(x=True, y=True, alpha=0.15)
    plot.hideButtons()


def tune_view(view: pg.GraphicsView) -> None:
    """Repaint one rectangle around everything that changed in a frame, not the exact union of
    the changed items (a many-rectangle clip makes every blit and stroke slower): measured 12 %
    off a whole-window frame."""
    view.setViewportUpdateMode(QGraphicsView.BoundingRectViewportUpdate)


def cache_tree(item: QGraphicsItem) -> None:
    """Blit `item` and everything it holds from pixmaps instead of painting them again.

    Qt caches an item's own painting, not its children's: a cached legend still laid out and drew
    its text and samples on every frame a moving line crossed it (0.15 ms a view), and an axis its
    label. Call again when children are added (a legend's rows)."""
    item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
    for child in item.childItems():
        cache_tree(child)


class Marker(QGraphicsEllipseItem):
    """One point drawn in pixels: moving it is a setPos, not a scatter rebuild (far cheaper per frame)."""

    def __init__(self, size: float, brush, pen=None, z: float = 10) -> None:
        r = size / 2
        super().__init__(-r, -r, size, size)
        self.setFlag(QGraphicsItem.ItemIgnoresTransformations)
        self.setBrush(pg.mkBrush(brush) if brush is not None else pg.mkBrush(0, 0, 0, 0))
        self.setPen(pen if pen is not None else pg.mkPen(None))
        self.setZValue(z)
        self._view = None  # the view box it is drawn in, found on the first move

    def setData(self, xs, ys, **_ignored) -> None:  # noqa: N802 (matches PlotDataItem.setData)
        """Move to (xs[0], ys[0]); hide when given no finite point.

        A move of less than half a pixel from where it is drawn changes nothing on screen and is
        not made (no repaint); the point reported is the one given."""
        if len(xs) and np.isfinite(xs[0]) and np.isfinite(ys[0]):
            x, y = float(xs[0]), float(ys[0])
            self._given = (x, y)
            pos = self.pos()
            if self._view is None:
                self._view = view_box_of(self)
            px, py = pixel_size(self._view)
            if not (self.isVisible() and abs(x - pos.x()) < 0.5 * px and abs(y - pos.y()) < 0.5 * py):
                self.setPos(x, y)
            self.show()
        else:
            self.hide()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 (matches PlotDataItem.getData)
        """The marked point as one-element arrays (empty when hidden)."""
        if not self.isVisible():
            return np.zeros(0), np.zeros(0)
        x, y = getattr(self, "_given", (self.pos().x(), self.pos().y()))
        return np.array([x]), np.array([y])
