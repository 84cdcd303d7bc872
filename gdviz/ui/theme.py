"""Colours, pens and fonts sized for a projector: colour schemes, a zoom for every font and line.

The default palette is Okabe–Ito (safe for the common colour-vision deficiencies). Colours are
module attributes (`theme.LINE`, `theme.RUN_COLOURS`, ...) that `set_scheme` replaces: read them
when drawing or in a view's `restyle`, never copy them at import time. `set_zoom` scales every
font (`font`, `pt`) and every pen made by `pen` together; views pick it up in `restyle()`.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6  # noqa: E402,F401  (import Qt before pyqtgraph picks a binding)
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QT_TRANSLATE_NOOP  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication  # noqa: E402
import numpy as np  # noqa: E402
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsView  # noqa: E402

from .items import follow_view, pixel_size, view_box_of  # noqa: E402


@dataclass(frozen=True)
class Scheme:
    """One colour scheme: ground and text, the roles' colours, the runners' colours, line weight."""

    background: str
    foreground: str
    muted: str
    train: str
    val: str
    line: str  # the fitted line (solid)
    optimum: str  # the least-squares line (dashed: never told from the fitted line by colour alone)
    batch: str
    diverged: str
    converged: str
    run_colours: tuple[str, ...]
    grid_alpha: float = 0.15
    weight: float = 1.0  # every pen's width is multiplied by this


# Okabe & Ito (2008): vermillion, blue, bluish green, reddish purple, orange, sky blue (yellow is
# too light on white). Red and green here also differ in lightness, so a deuteranope tells them apart.
OKABE_ITO = ("#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")

SCHEMES: dict[str, Scheme] = {
    "standard": Scheme(background="#ffffff", foreground="#000000", muted="#888888", train="#0072b2",
                       val="#e69f00", line="#d55e00", optimum="#009e73", batch="#111111",
                       diverged="#b8290a", converged="#00795a", run_colours=OKABE_ITO),
    "high-contrast": Scheme(background="#ffffff", foreground="#000000", muted="#444444", train="#003f8a",
                            val="#a85a00", line="#b03000", optimum="#005c43", batch="#000000",
                            diverged="#a00000", converged="#005c43",
                            run_colours=("#b03000", "#003f8a", "#006b4f", "#8b2a72", "#a85a00", "#1b6f9e"),
                            grid_alpha=0.35, weight=1.5),
}

# The schemes' names as the View > Theme menu shows them (translated in the context "Theme").
SCHEME_NAMES = (QT_TRANSLATE_NOOP("Theme", "standard"), QT_TRANSLATE_NOOP("Theme", "high-contrast"))

TRAIN = VAL = LINE = OPTIMUM = BATCH = MUTED = DIVERGED = CONVERGED = FOREGROUND = BACKGROUND = ""
RUN_COLOURS: tuple[str, ...] = ()
GRID_ALPHA = 0.15
_scheme = "standard"
_zoom = 1.0
ZOOM_RANGE = (0.5, 3.0)

AXIS_PT = 13
TICK_PT = 12
TITLE_PT = 14
LEGEND_PT = 12
LABEL_PT = 11  # text placed in a plot: pins, marks


def set_scheme(name: str) -> None:
    """Use the colour scheme `name` (a key of SCHEMES); views follow in their `restyle()`."""
    global _scheme, TRAIN, VAL, LINE, OPTIMUM, BATCH, MUTED, DIVERGED, CONVERGED, FOREGROUND, BACKGROUND
    global RUN_COLOURS, GRID_ALPHA
    s = SCHEMES[name]  # KeyError names the unknown scheme
    _scheme = name
    TRAIN, VAL, LINE, OPTIMUM, BATCH = s.train, s.val, s.line, s.optimum, s.batch
    MUTED, DIVERGED, CONVERGED = s.muted, s.diverged, s.converged
    FOREGROUND, BACKGROUND, RUN_COLOURS, GRID_ALPHA = s.foreground, s.background, s.run_colours, s.grid_alpha
    pg.setConfigOptions(background=BACKGROUND, foreground=FOREGROUND)


def scheme() -> str:
    """The name of the colour scheme in use."""
    return _scheme


def set_zoom(z: float) -> None:
    """Scale every font and line width by z (clamped to ZOOM_RANGE); views follow in `restyle()`."""
    global _zoom
    z = float(z)
    if not np.isfinite(z):
        raise ValueError("zoom must be a finite number, got {0}".format(z))
    _zoom = min(max(z, ZOOM_RANGE[0]), ZOOM_RANGE[1])


def zoom() -> float:
    """The zoom factor of fonts and lines (1: as designed)."""
    return _zoom


def pt(points: float) -> float:
    """A font size in points at the current zoom."""
    return points * _zoom


def font(points: float, bold: bool = False) -> QFont:
    """The theme's font (the application's family, never a fallback serif) at `points` × zoom."""
    f = QFont(QGuiApplication.font()) if QGuiApplication.instance() is not None else QFont()
    f.setPointSizeF(pt(points))
    f.setBold(bold)
    return f


def css_font(points: float) -> str:
    """The font size for rich text (pyqtgraph labels), in points at the current zoom."""
    return f"{pt(points):.1f}pt"


def entry_colour(entry) -> str:
    """A race entry's colour as #rrggbb: its palette index into the run colours, or its own hex."""
    return entry.colour if isinstance(entry.colour, str) else RUN_COLOURS[entry.colour % len(RUN_COLOURS)]


def configure() -> None:
    """Global pyqtgraph options; call once before any plot is created."""
    pg.setConfigOptions(background=BACKGROUND, foreground=FOREGROUND, antialias=True)


def width(w: float) -> float:
    """A line width in pixels at the current zoom and scheme weight."""
    return w * _zoom * SCHEMES[_scheme].weight


def pen(colour, width_px: float = 2.0, style=None) -> pg.QtGui.QPen:
    """A cosmetic pen (width in pixels whatever the view's range), scaled by zoom and scheme."""
    p = pg.mkPen(colour, width=width(width_px))
    if style is not None:
        p.setStyle(style)
    p.setCosmetic(True)
    return p


def faded(colour: str, alpha: int) -> QColor:
    """A colour with transparency 0–255."""
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def tint(colour: str, alpha: int) -> QColor:
    """`colour` at opacity alpha/255 over the background, as an opaque colour: it looks as faded
    but hides what lies beneath, and Qt strokes an opaque line about 2.5 times faster."""
    c, ground, mix = QColor(colour), QColor(BACKGROUND or "#ffffff"), alpha / 255
    return QColor.fromRgbF(mix * c.redF() + (1 - mix) * ground.redF(), mix * c.greenF() + (1 - mix) * ground.greenF(),
                           mix * c.blueF() + (1 - mix) * ground.blueF())


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
        super().__init__()
        self.set_size(size)
        self.setFlag(QGraphicsItem.ItemIgnoresTransformations)
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)  # blitted, not stroked again, every frame
        self.setBrush(pg.mkBrush(brush) if brush is not None else pg.mkBrush(0, 0, 0, 0))
        self.setPen(pen if pen is not None else pg.mkPen(None))
        self.setZValue(z)
        self._view = None  # the view box it is drawn in, found on the first move

    def set_size(self, size: float) -> None:
        """The diameter in pixels (restyle: zoom)."""
        r = size / 2
        self.setRect(-r, -r, size, size)

    def setData(self, xs, ys, **_ignored) -> None:  # noqa: N802 (matches PlotDataItem.setData)
        """Move to (xs[0], ys[0]); hide when given no finite point.

        A move of less than half a pixel from where it is drawn changes nothing on screen and is
        not made (no repaint); the point reported is the one given. (A race moves 16 markers a frame:
        the view's pixel size is kept, not asked each time.)"""
        x, y = (float(xs[0]), float(ys[0])) if len(xs) else (math.nan, math.nan)
        if not (math.isfinite(x) and math.isfinite(y)):
            self.hide()
            return
        self._given = (x, y)
        if self._view is None:
            self._follow_view()
        px, py = self._pixel
        pos = self.pos()
        if not self.isVisible():
            self.setPos(x, y)
            self.show()
        elif not (abs(x - pos.x()) < 0.5 * px and abs(y - pos.y()) < 0.5 * py):
            self.setPos(x, y)

    _pixel = (0.0, 0.0)  # data units per pixel of the view box (0: not laid out, every move is made)

    def _follow_view(self) -> None:
        self._view = view_box_of(self)
        if self._view is not None:
            follow_view(None, self._view, self._view_changed)
            self._view_changed()

    def _view_changed(self, *_) -> None:
        self._pixel = pixel_size(self._view)

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 (matches PlotDataItem.getData)
        """The marked point as one-element arrays (empty when hidden)."""
        if not self.isVisible():
            return np.zeros(0), np.zeros(0)
        x, y = getattr(self, "_given", (self.pos().x(), self.pos().y()))
        return np.array([x]), np.array([y])


set_scheme("standard")
