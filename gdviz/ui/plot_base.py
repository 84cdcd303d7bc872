"""What every plot view shares: readable ticks, a legend row outside the data, a title that fits,
safe mouse handling (the wheel zooms only with Ctrl, double-click resets) and restyling.

A view's legend is a row (wrapping to more rows when narrow) between the title and the plot
area, so it never covers data; its layout is worked out when its entries or its width change,
never per frame.
"""
from __future__ import annotations

import functools
import html
import logging
import math

import pyqtgraph as pg
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QImage, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsItem

from . import theme

LOG = logging.getLogger("gdviz.ui")
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
MIN_TITLE_SCALE = 0.75  # a long title first shrinks to this share of its size, then is elided


def guarded(method):
    """A slot that logs an exception instead of raising it (PySide6 can crash turning an exception
    in a slot into a Python error, and a half-drawn frame is better than a dead window)."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception:  # noqa: BLE001 - the last line of defence of a Qt slot
            LOG.exception("%s.%s failed", type(self).__name__, method.__name__)
            return None
    return wrapper


def finite_range(lo: float, hi: float, limit: float = 4e307) -> tuple[float, float]:
    """(lo, hi) clamped to ±limit with hi > lo, so a view never asks for [-inf, inf] or a zero span."""
    lo = lo if math.isfinite(lo) else -limit
    hi = hi if math.isfinite(hi) else limit
    lo, hi = max(-limit, min(lo, limit)), max(-limit, min(hi, limit))
    if hi < lo:
        lo, hi = hi, lo
    if not hi - lo > 1e-300 * max(1.0, abs(lo), abs(hi)) or not math.isfinite(hi - lo):
        mid = 0.5 * lo + 0.5 * hi
        half = max(abs(mid) * 1e-9, 1e-12)
        lo, hi = mid - half, mid + half
        if not math.isfinite(hi - lo):
            lo, hi = -limit / 2, limit / 2
    return lo, hi


def keep_inside(label: pg.TextItem, vb: pg.ViewBox, x: float, y: float) -> None:
    """Place a text item near (x, y) so that all of its text is inside the view box.

    The text keeps its size in pixels whatever the range (it ignores the view's scale), so its
    data position is moved by the pixels that would stick out past an edge."""
    (x0, x1), (y0, y1) = vb.viewRange()
    width, height = vb.width(), vb.height()
    if not (x1 > x0 and y1 > y0 and width > 0 and height > 0):
        label.setPos(x, y)
        return
    rect = label.textItem.boundingRect()
    w, h = rect.width(), rect.height()
    ax, ay = label.anchor.x(), label.anchor.y()
    left = (x - x0) / (x1 - x0) * width - ax * w
    top = (y1 - y) / (y1 - y0) * height - ay * h
    left = min(max(left, 0.0), max(0.0, width - w))
    top = min(max(top, 0.0), max(0.0, height - h))
    label.setPos(x0 + (left + ax * w) / width * (x1 - x0), y1 - (top + ay * h) / height * (y1 - y0))


def sci(v: float, digits: int = 4) -> str:
    """v with `digits` significant digits, as 1.234×10¹³ when large or small."""
    if v == 0:
        return "0"
    e = math.floor(math.log10(abs(v)))
    if -3 <= e < 5:
        return f"{v:.{max(0, digits - 1 - e)}f}".replace("-", "−")
    mant = f"{v / 10 ** e:.{max(0, digits - 1)}f}".rstrip("0").rstrip(".")
    return f"{mant}×10{str(e).translate(SUPERSCRIPT)}".replace("-", "−")


def tick_strings(values, scale: float, spacing: float, offset: float = 0.0) -> list[str]:
    """Tick labels with just enough decimals for the spacing: "0.25", "1,000", never "-11.90766823597"."""
    step = abs(spacing * scale)
    places = 0
    if step > 0 and math.isfinite(step):
        places = max(0, -math.floor(math.log10(step) + 1e-9))
        while places < 12 and abs(round(step, places) - step) > 1e-9 * step:  # 0.25 needs two, not one
            places += 1
    out = []
    for v in values:
        s = f"{(v - offset) * scale:,.{places}f}" if abs((v - offset) * scale) >= 1e4 else \
            f"{(v - offset) * scale:.{places}f}"
        s = s.replace("-", "−")
        out.append("0" if s.strip("−0.,") == "" else s)
    return out


class TickAxis(pg.AxisItem):
    """An axis whose ticks read like a teacher writes them: plain decimals, a shared ×10ⁿ in the
    label only when the numbers are very large or small, and a round offset when the range is a
    narrow window far from zero. A label too long for the axis is elided, never cut."""

    _text = ""  # class defaults: pyqtgraph's __init__ already asks for the label
    _exp = 0
    _offset = 0.0
    _length = -1.0

    def set_text(self, text: str) -> None:
        """The label (plain text; the axis adds ×10ⁿ or an offset when it uses one)."""
        self._text = text
        self.setLabel(text)

    def restyle(self) -> None:
        """Fonts and colours from the theme."""
        self.setTickFont(theme.font(theme.TICK_PT))
        self.label.setFont(theme.font(theme.AXIS_PT))
        self.setTextPen(theme.FOREGROUND)
        self.setPen(theme.FOREGROUND)
        self.labelStyle = {"color": theme.FOREGROUND}
        self._updateLabel()

    def updateAutoSIPrefix(self) -> None:  # noqa: N802 (pyqtgraph name)
        """Choose the shared power of ten and offset for the current range."""
        exp, offset = 0, 0.0
        lo, hi = (float(v) for v in self.range)
        if not self.logMode and math.isfinite(lo) and math.isfinite(hi):
            big, span = max(abs(lo), abs(hi)), hi - lo
            if big > 0 and 0 < span < 1e-3 * big:  # a narrow window far from zero: ticks relative to a round number
                k = 10.0 ** (math.floor(math.log10(span)) + 1)
                offset = round(0.5 * (lo + hi) / k) * k
                big = max(abs(lo - offset), abs(hi - offset))
            if big >= 1e5 or 0 < big < 1e-3:
                exp = math.floor(math.log10(big))
        if (exp, offset) != (self._exp, self._offset):
            self._exp, self._offset = exp, offset
            self.autoSIPrefixScale = 10.0 ** -exp
            self._updateLabel()
        self.picture = None  # pyqtgraph's own version ends so: without it the ticks kept the first range
        self.update()

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph name)
        if self.logMode:
            return self.logTickStrings(values, scale, spacing)
        return tick_strings(values, scale, spacing, self._offset)

    def labelString(self) -> str:  # noqa: N802 (pyqtgraph name)
        text = self._text
        if self._offset:
            sign = "−" if self._offset > 0 else "+"
            text = f"{text} {sign} {sci(abs(self._offset), 8)}"
        if self._exp:
            text = f"{text} (×10{str(self._exp).translate(SUPERSCRIPT)})".replace("-", "−")
        length = self.size().height() if self.orientation in ("left", "right") else self.size().width()
        if length > 20:
            text = QFontMetricsF(self.label.font()).elidedText(text, Qt.ElideRight, length - 8)
        colour = self.labelStyle.get("color", theme.FOREGROUND)
        return f"<span style='color:{colour}'>{html.escape(text)}</span>"

    def paint(self, p: QPainter, *_args) -> None:
        """Draw straight onto the painter: pyqtgraph records into a QPicture and replays it, which the
        cached pixmap (every axis is cached) already does, and a QPicture cannot replay the grid below."""
        if self.style["tickFont"]:
            p.setFont(self.style["tickFont"])
        specs = self.generateDrawSpecs(p)
        if specs is not None:
            self.drawPicture(p, *specs)

    def drawPicture(self, p: QPainter, axisSpec, tickSpecs, textSpecs) -> None:  # noqa: N802 (pyqtgraph name)
        """As pyqtgraph draws the axis, but not the grid's translucent one-pixel lines, which Qt's raster
        engine draws one span per pixel (41 grid lines: 2.4 ms, again with every new range of a view):
        horizontal ones are filled rectangles, vertical ones one row of pixels repeated down (0.07 ms),
        on the same pixels."""
        ticks, rows, columns = [], [], []
        p.setRenderHint(QPainter.Antialiasing, False)
        t = p.transform()
        shifted = t.isAffine() and (t.m11(), t.m12(), t.m21(), t.m22()) == (1.0, 0.0, 0.0, 1.0)
        for pen, p1, p2 in tickSpecs:
            colour = pen.color()
            if colour.alpha() < 255 and pen.widthF() <= 1.0 and pen.style() == Qt.SolidLine:
                if p1.y() == p2.y() and shifted:  # the pixels an aliased line covers, in device pixels
                    x0, x1 = sorted((math.floor(p1.x() + t.dx()), math.floor(p2.x() + t.dx())))
                    rows.append((QRect(x0, math.floor(p1.y() + t.dy()), x1 - x0 + 1, 1), colour))
                    continue
                if p1.x() == p2.x() and shifted:
                    columns.append((p1.x() + t.dx(), min(p1.y(), p2.y()) + t.dy(), max(p1.y(), p2.y()) + t.dy(), colour))
                    continue
            ticks.append((pen, p1, p2))
        if rows or columns:
            _fill_grid(p, rows, columns)
        super().drawPicture(p, axisSpec, ticks, textSpecs)

    def resizeEvent(self, ev=None) -> None:  # noqa: N802 (Qt name)
        length = self.size().height() if self.orientation in ("left", "right") else self.size().width()
        if self.label is not None and length != self._length:
            self._length = length
            self.label.setHtml(self.labelString())  # elided to the new length
        super().resizeEvent(ev)
        if self.label is not None:  # pyqtgraph nudges the label 5 px past the axis's edge: keep it inside
            pos = self.label.pos()
            shift = {"left": (4, 0), "right": (-4, 0), "bottom": (0, -4), "top": (0, 4)}[self.orientation]
            self.label.setPos(pos.x() + shift[0], pos.y() + shift[1])


def _fill_grid(p: QPainter, rows: list[tuple[QRect, QColor]], columns: list[tuple[float, float, float, QColor]]) -> None:
    """One-pixel grid lines on the pixels aliased lines cover, in device pixels: horizontal ones as filled
    rectangles; vertical ones (device x, top, bottom, colour) grouped by their ends, each group one row of
    pixels filled down as a texture."""
    p.save()
    p.resetTransform()
    for rect, colour in rows:
        p.fillRect(rect, colour)
    groups: dict[tuple[int, int], list[tuple[int, QColor]]] = {}
    for x, top, bottom, colour in columns:
        groups.setdefault((math.floor(top), math.floor(bottom)), []).append((math.floor(x), colour))
    for (top, bottom), lines in groups.items():
        left = min(x for x, _ in lines)
        row = QImage(max(x for x, _ in lines) - left + 1, 1, QImage.Format_ARGB32_Premultiplied)
        row.fill(Qt.transparent)
        for x, colour in lines:
            row.setPixelColor(x - left, 0, colour)
        brush = QBrush(row)
        brush.setTransform(QTransform.fromTranslate(left, 0))
        p.fillRect(QRect(left, top, row.width(), bottom - top + 1), brush)
    p.restore()


class Sample(pg.GraphicsWidget):
    """A legend entry's picture of its item: a line in its pen, or its scatter symbol. Clicking it
    does nothing (pyqtgraph's sample hides the item: one stray click would lose a line)."""

    def __init__(self, item, size: float) -> None:
        super().__init__()
        self.item = item
        self.side = size
        self.setFixedWidth(size)
        self.setFixedHeight(size)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        return QRectF(0, 0, self.side, self.side)

    def paint(self, p: QPainter, *args) -> None:
        p.setRenderHint(QPainter.Antialiasing)
        opts, s = self.item.opts, self.side
        if isinstance(self.item, pg.ScatterPlotItem):
            p.translate(s / 2, s / 2)
            size = min(opts["size"], s - 2)
            pg.graphicsItems.ScatterPlotItem.drawSymbol(p, opts["symbol"], size, pg.mkPen(opts["pen"]),
                                                         pg.mkBrush(opts["brush"]))
            return
        p.setPen(pg.mkPen(opts["pen"]))
        p.drawLine(0, int(s / 2), int(s), int(s / 2))


class LegendRow(pg.GraphicsWidget):
    """Legend entries in rows between the title and the plot area, wrapping when narrow.

    The interface the views and tests use of pyqtgraph's LegendItem: addItem, clear, getLabel and
    `items` as (sample, label) pairs whose label has `.text`."""

    GAP = 14  # pixels between entries (× zoom)
    SCALES = (1.0, 0.85, 0.72)  # a legend that would take too much height shrinks to these font sizes
    MAX_SHARE = 0.22  # of the plot's height

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[Sample, pg.LabelItem]] = []
        self._scale = 1.0
        self._height = -1.0
        self._width = -1.0
        self._place(0.0)

    def addItem(self, item, name: str) -> None:  # noqa: N802 (LegendItem's name)
        """One entry: the item's sample and its name."""
        sample = Sample(item, 22 * theme.zoom() * self._scale)
        sample.setParentItem(self)
        label = pg.LabelItem(justify="left")
        label.setParentItem(self)
        label.item.setFont(theme.font(theme.LEGEND_PT * self._scale))
        label.setText(name, color=theme.FOREGROUND)
        self.items.append((sample, label))
        self.relayout()

    def clear(self) -> None:
        """No entries."""
        for sample, label in self.items:
            for part in (sample, label):
                part.setParentItem(None)
                if part.scene() is not None:
                    part.scene().removeItem(part)
        self.items = []
        self.relayout()

    def getLabel(self, item) -> pg.LabelItem | None:  # noqa: N802 (LegendItem's name)
        """The label of the entry for `item` (None when it has none)."""
        return next((label for sample, label in self.items if sample.item is item), None)

    def set_text(self, item, text: str, colour: str | None = None) -> None:
        """Rename an entry (the row is laid out again)."""
        label = self.getLabel(item)
        if label is not None and (label.text, label.opts.get("color")) != (text, colour or theme.FOREGROUND):
            label.setText(text, color=colour or theme.FOREGROUND)
            self.relayout()

    def restyle(self) -> None:
        """Fonts, colours and sample sizes from the theme."""
        self._set_scale(self._scale, force=True)
        self.relayout()

    def _set_scale(self, scale: float, force: bool = False) -> None:
        if scale == self._scale and not force:
            return
        self._scale = scale
        for sample, label in self.items:
            sample.side = 22 * theme.zoom() * scale
            sample.setFixedWidth(sample.side)
            sample.setFixedHeight(sample.side)
            label.item.setFont(theme.font(theme.LEGEND_PT * scale))
            label.setText(label.text, color=label.opts.get("color", theme.FOREGROUND))

    def relayout(self) -> None:
        """Lay the entries out again for the current width (and the plot around them, at once)."""
        self._width = -1.0
        height = self._height
        self._flow(self.size().width())
        layout = self.parentLayoutItem()
        if height != self._height and layout is not None and hasattr(layout, "activate"):
            layout.activate()  # the plot area moves now, not at the next event loop pass

    def resizeEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(ev)
        if self.size().width() != self._width:
            self._flow(self.size().width())

    def _flow(self, width: float) -> None:
        """Place the entries in centred rows no wider than `width`, in smaller type when the rows
        would take more than MAX_SHARE of the plot's height."""
        self._width = width
        parent = self.parentWidget()
        limit = self.MAX_SHARE * parent.size().height() if parent is not None else math.inf
        for scale in self.SCALES:
            self._set_scale(scale)
            rows = self._rows(width)
            if self._rows_height(rows) <= limit:
                break
        self._place_rows(rows, width)

    def _rows(self, width: float) -> list[list[tuple[Sample, pg.LabelItem, float, float]]]:
        gap = self.GAP * theme.zoom() * self._scale
        rows: list[list[tuple[Sample, pg.LabelItem, float, float]]] = [[]]
        used = 0.0
        for sample, label in self.items:
            rect = label.item.boundingRect()
            w = sample.side + 4 + rect.width()
            if rows[-1] and used + gap + w > width:
                rows.append([])
                used = 0.0
            used += (gap if rows[-1] else 0.0) + w
            rows[-1].append((sample, label, w, rect.height()))
        return rows

    @staticmethod
    def _rows_height(rows) -> float:
        return sum(max(max(rh, s.side) for s, _, _, rh in row) for row in rows if row)

    def _place_rows(self, rows, width: float) -> None:
        gap = self.GAP * theme.zoom() * self._scale
        y = 0.0
        for row in rows:
            if not row:
                continue
            h = max(max(rh, s.side) for s, _, _, rh in row)
            total = sum(w for _, _, w, _ in row) + gap * (len(row) - 1)
            x = max(0.0, 0.5 * (width - total))
            for sample, label, w, rh in row:
                sample.setPos(x, y + 0.5 * (h - sample.side))
                label.setPos(x + sample.side + 4, y + 0.5 * (h - rh))
                # a label's own geometry would ask the layout for its width: keep it to its text
                label.setGeometry(QRectF(x + sample.side + 4, y + 0.5 * (h - rh), w - sample.side - 4, rh))
                x += w + gap
            y += h
        self._place(y + (4 if y else 0))

    def _place(self, height: float) -> None:
        if height != self._height:
            self._height = height
            self.setMinimumHeight(height)
            self.setMaximumHeight(height)
            self.setMinimumWidth(0)
            self.updateGeometry()
        theme.cache_tree(self)


class PlotView(pg.PlotWidget):
    """A plot with the theme's styling, a legend row, a fitted title and safe mouse handling."""

    _ready = False  # pyqtgraph resizes the widget before our __init__ has run
    _title = ""
    _title_key: tuple | None = None

    def __init__(self, title: str, x_label: str, y_label: str, parent=None) -> None:
        axes = {name: TickAxis(name) for name in ("left", "bottom", "right")}
        super().__init__(parent, axisItems=axes)
        theme.tune_view(self)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.getViewBox().setMenuEnabled(False)
        plot.hideButtons()
        self._title = ""
        self._title_key: tuple | None = None
        # the title spans the whole width (not only the plot area) and the legend row sits under it
        layout = plot.layout
        layout.removeItem(plot.titleLabel)
        layout.addItem(plot.titleLabel, 0, 0, 1, 3)
        top = plot.getAxis("top")
        layout.removeItem(top)
        top.hide()
        self.legend = LegendRow()
        layout.addItem(self.legend, 1, 0, 1, 3)
        plot.titleLabel.item.setFont(theme.font(theme.TITLE_PT))
        for name in ("bottom", "left", "right", "top"):
            # a moving line's dirty rectangle overlaps the axes: blit them from a pixmap, do not re-render
            plot.getAxis(name).setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        plot.getAxis("bottom").set_text(x_label)
        plot.getAxis("left").set_text(y_label)
        plot.hideAxis("right")  # given as a TickAxis for the views that show it (the loss view's rate)
        self._ready = True
        self.set_title(title)
        self._restyle_frame()

    # ----- text ---------------------------------------------------------------------------
    def set_title(self, text: str) -> None:
        """The title, shrunk and then elided to the width it is given."""
        self._title = text
        self._title_key = None
        self._fit_title()

    @property
    def title(self) -> str:
        """The full title (what is drawn may be elided)."""
        return self._title

    def set_axis_labels(self, x_label: str, y_label: str) -> None:
        """The bottom and left axis labels."""
        plot = self.getPlotItem()
        plot.getAxis("bottom").set_text(x_label)
        plot.getAxis("left").set_text(y_label)

    def _fit_title(self) -> None:
        if not self._ready or self.plotItem is None:  # not built yet, or closed
            return
        plot = self.getPlotItem()
        avail = max(40.0, self.width() - 12.0)
        key = (self._title, avail, theme.zoom(), theme.FOREGROUND)
        if key == self._title_key:
            return
        self._title_key = key
        font = theme.font(theme.TITLE_PT)
        fm = QFontMetricsF(font)
        full = fm.horizontalAdvance(self._title)
        if full > avail:  # shrink first (to 75 %), then elide what still does not fit
            font.setPointSizeF(font.pointSizeF() * max(MIN_TITLE_SCALE, avail / full))
            fm = QFontMetricsF(font)
        text = fm.elidedText(self._title, Qt.ElideRight, avail)
        label = plot.titleLabel
        label.item.setFont(font)
        # pyqtgraph writes its own font-size (the PlotItem title's 11 pt) into the label's HTML, which
        # would win over the font: give it the fitted size, so titles grow with the zoom
        label.setText(html.escape(text), color=theme.FOREGROUND, size="{0:.1f}pt".format(font.pointSizeF()))
        height = math.ceil(fm.height()) + 6
        label.setMinimumWidth(0)
        label.setMaximumHeight(height)
        plot.layout.setRowFixedHeight(0, height)
        label.setVisible(bool(self._title))
        cache_title = plot.titleLabel
        theme.cache_tree(cache_title)

    def resizeEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(ev)
        self._fit_title()

    # ----- style --------------------------------------------------------------------------
    def _restyle_frame(self) -> None:
        plot = self.getPlotItem()
        self.setBackground(theme.BACKGROUND)
        for name in ("left", "bottom", "right"):
            plot.getAxis(name).restyle()
        plot.showGrid(x=True, y=True, alpha=theme.GRID_ALPHA)
        self._title_key = None
        self._fit_title()
        self.legend.restyle()

    def restyle(self) -> None:
        """Read the theme again (fonts, pens, backgrounds) and redraw; the run is kept."""
        self._restyle_frame()
        self._restyle_items()
        self._redraw()

    def _restyle_items(self) -> None:
        """Pens and fonts of the view's own items (each view)."""

    def _redraw(self) -> None:
        """Draw the last snapshot again (each view)."""

    # ----- mouse --------------------------------------------------------------------------
    def wheelEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        """Zoom only with Ctrl held: a wheel turned to scroll the window must not change the plot."""
        if ev.modifiers() & Qt.ControlModifier:
            super().wheelEvent(ev)
        else:
            ev.ignore()

    def mouseDoubleClickEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        """Double-click: back to the automatic framing."""
        if ev.button() == Qt.LeftButton:
            self.reset_view()
            ev.accept()
            return
        super().mouseDoubleClickEvent(ev)

    def reset_view(self) -> None:
        """Return to the automatic framing (after a Ctrl+wheel zoom or a pan)."""
