"""The data with the evolving fitted line, residuals, the optimum and the current batch; in a race,
one line per runner; faint dashed lines where abandoned futures ended."""
from __future__ import annotations

from collections import deque
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem, QToolButton

from ..engine import LossKind, Race, Run, Snapshot, Status
from ..engine.race import MAX_RUNS
from . import theme
from .controller import MAX_GHOSTS, Ghost, RaceItem
from .i18n import engine_text
from .items import Curve, Layers, Rings, Scatter, pixel_size
from .plot_base import PlotView, finite_range, guarded
from .theme import entry_colour

EDITED = " (edited)"  # an edited data set's name ends so
MAX_DRAWN = 20_000  # above this many points draw a fixed random sample (PERFORMANCE.md)
MAX_RESIDUALS = 400
MAX_TRAIL = 50
MAX_PINS = 12
CURVE_POINTS = 150  # samples of a curved model's output across the view
HIDDEN_ALPHA = 90  # the hidden units' outputs: faint, beneath the curve
GHOST_ALPHA = 120
HIT_PX = 10.0  # edit mode: a click this close to a point takes that point (drag, right-click)
BAND = 3.0  # lines are cut to the view's height plus this many heights above and below


def clip_line(xs, ys, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    """The part of the segment (xs[0], ys[0])–(xs[1], ys[1]) with lo ≤ y ≤ hi (empty when none).

    A runaway runner's line (slope 1e6) would hand the painter coordinates it cannot draw."""
    (x0, x1), (y0, y1) = xs, ys
    if not np.isfinite([x0, x1, y0, y1]).all():
        return np.zeros(0), np.zeros(0)
    if y0 == y1:
        return (np.array([x0, x1]), np.array([y0, y1])) if lo <= y0 <= hi else (np.zeros(0), np.zeros(0))
    ta, tb = sorted(((lo - y0) / (y1 - y0), (hi - y0) / (y1 - y0)))
    t0, t1 = max(0.0, ta), min(1.0, tb)
    if t0 > t1:
        return np.zeros(0), np.zeros(0)
    t = np.array([t0, t1])
    return x0 + t * (x1 - x0), y0 + t * (y1 - y0)


def cut_curve(xs, ys, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    """A model's output to draw: a straight line (two points) cut to lo ≤ y ≤ hi, or a curve (many points)
    with the points beyond [lo, hi] or not finite left out (NaN breaks the drawn line there)."""
    xs, ys = np.asarray(xs, float), np.asarray(ys, float)
    if len(xs) == 2:
        return clip_line(xs, ys, lo, hi)
    with np.errstate(invalid="ignore"):
        inside = np.isfinite(ys) & (ys >= lo) & (ys <= hi)
    if not inside.any():
        return np.zeros(0), np.zeros(0)
    return xs, np.where(inside, ys, np.nan)


def residual_squares(x, y, y_hat) -> tuple[np.ndarray, np.ndarray]:
    """Each residual r = ŷ − y as the outline of a square of side |r| in data units (four segments, for
    connect="pairs"), on the right of its point: the picture of why L2 punishes large misses."""
    x, y, y_hat = (np.asarray(a, float) for a in (x, y, y_hat))
    side = np.abs(y_hat - y)
    right = x + side
    corners_x = np.column_stack([x, x, x, right, right, right, right, x])
    corners_y = np.column_stack([y, y_hat, y_hat, y_hat, y_hat, y, y, y])
    return corners_x.ravel(), corners_y.ravel()


def _band(y_range: tuple[float, float]) -> tuple[float, float]:
    """The heights a drawn line is cut to: the view's plus BAND view heights above and below."""
    y0, y1 = y_range
    half = 0.5 * y1 - 0.5 * y0
    return finite_range(y0 - 2 * BAND * half, y1 + 2 * BAND * half)


def place_labels(vb: pg.ViewBox, lines, texts, font) -> list[tuple[float, float] | None]:
    """Where to put each line's label (anchored at its bottom right) so no two overlap: the first
    of several spots along the line (right end first) whose box is free; None when none is."""
    fm = QFontMetricsF(font)
    taken: list[QRectF] = []
    spots: list[tuple[float, float] | None] = []
    box = vb.sceneBoundingRect()
    for (x, y), text in zip(lines, texts):
        spot = None
        if len(x) >= 2:
            w, h = fm.horizontalAdvance(text) + 12, fm.height() + 10  # a TextItem's margins: 4 px a side
            for t in (0.98, 0.8, 0.62, 0.44, 0.26):
                px, py = _along(x, y, t)
                if not (np.isfinite(px) and np.isfinite(py)):
                    continue
                at = vb.mapViewToScene(QPointF(px, py))
                rect = QRectF(at.x() - w, at.y() - h, w, h)
                if box.contains(rect) and not any(rect.intersects(r) for r in taken):
                    taken.append(rect)
                    spot = (float(px), float(py))
                    break
        spots.append(spot)
    return spots


def _along(x, y, t: float) -> tuple[float, float]:
    """The point a fraction t along a line (two points) or a sampled curve."""
    if len(x) == 2:
        return x[0] + t * (x[1] - x[0]), y[0] + t * (y[1] - y[0])
    i = int(round(t * (len(x) - 1)))
    return float(x[i]), float(y[i])


def _frame(lo: float, hi: float, margin: float = 0.08) -> tuple[float, float]:
    """[lo, hi] widened by `margin` of its span each way, finite even for ±1e308."""
    half = 0.5 * hi - 0.5 * lo  # halves first: hi − lo overflows for ±1e308
    half = half if half > 0 else max(0.5 * abs(hi), 0.5)
    mid = 0.5 * lo + 0.5 * hi
    return finite_range(mid - (1 + 2 * margin) * half, mid + (1 + 2 * margin) * half)


START_SPANS = 50.0  # the starting line is framed unless it lies further than this many data spans away


class DataView(PlotView):
    """Listens to snapshots; draws the points once and moves the line.

    In edit mode (the ✎ button in the corner, `set_edit_mode`) a click adds a training point, a
    right-click removes the nearest one and a drag moves one; each edit emits `points_edited` with
    the new data set, for a restart that refits it (and that undo takes back)."""

    points_edited = Signal(object)  # Dataset: the data after an edit of its training points

    def __init__(self, parent=None) -> None:
        super().__init__(QCoreApplication.translate("DataView", "Data and fitted line"), "x", "y", parent)
        self.setObjectName("dataView")
        plot = self.getPlotItem()
        self.train = Scatter(size=9, name="train")
        self.val = Scatter(size=9, symbol="t", name="validation")
        for item in (self.train, self.val):
            item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.residuals = Curve(connect="pairs")
        self.hidden_units = Layers()  # a two-layer model's hidden outputs, faint beneath its curve
        self.optimum = Curve()
        self.line = Curve()
        self.batch = Rings(17, pg.mkPen(theme.BATCH, width=2.5))
        # the legend's sample of the rings (a scatter, never in the scene)
        self._batch_sample = Scatter(size=17, brush=None)
        self.trail_items = [Curve() for _ in range(MAX_TRAIL)]
        for item in self.trail_items:
            item.hide()  # shown one by one as the trail grows
        self.pin_items = [Curve() for _ in range(MAX_PINS)]
        self.pin_labels = [pg.TextItem(anchor=(1, 1)) for _ in range(MAX_PINS)]
        self.ghost_lines = [Curve() for _ in range(MAX_GHOSTS)]
        self.race_lines = [Curve() for _ in range(MAX_RUNS - 1)]  # runners 2…6; the first is `line`
        for item in (self.hidden_units, *self.trail_items, *self.pin_items, *self.pin_labels, self.residuals,
                     self.train,
                     self.val, self.optimum, *self.ghost_lines, *self.race_lines, self.line, self.batch):
            plot.addItem(item)
        for item in (*self.ghost_lines, *self.race_lines, *self.pin_items, *self.pin_labels):
            item.hide()
        for item in (*self.ghost_lines, self.optimum):  # still while the line moves
            item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.trail_length = 0
        self._trail_drawn = 0  # trail items currently shown
        self._trail_alpha: list[int | None] = [None] * MAX_TRAIL
        self._trail: deque[tuple[int, tuple[float, ...]]] = deque(maxlen=MAX_TRAIL)
        self.pinned_steps: list[int] = []
        self._preset_pins: list[int] = []  # the pins the data set brought
        self._pins_key: tuple | None = None  # what the pins were last drawn for
        self.show_residuals = False
        self._run: Run | None = None
        self._residual_rows = np.zeros(0, int)
        self._batch_shown: np.ndarray | None = None  # the batch indices ringed
        self._x_span = (0.0, 1.0)
        self._y_span = (0.0, 1.0)
        self._last: Snapshot | None = None
        self._race: Race | None = None
        self._race_items: list[RaceItem] = []
        self._colours: list[str] = []
        self._xs = np.zeros(2)  # where the model's output is drawn: the span (a line) or a dense grid (a curve)
        self._data_name: str | None = None  # the data set shown (a new one brings its preset's pins)
        self._diverged: list[int | None] = []  # each runner's divergence step shown in the legend
        self._ghosts: list[Ghost] = []
        self._ghosts_dirty = False
        self.edit_mode = False
        self._drag: int | None = None  # the training point being dragged
        self._drag_to: tuple[float, float] | None = None
        self.edit_button = QToolButton(self)
        self.edit_button.setObjectName("editPoints")
        self.edit_button.setText("✎")
        self.edit_button.setCheckable(True)
        self.edit_button.setToolTip(self.tr("Edit the points: click adds one, right-click removes one, drag "
                                            "moves one; every edit refits (Ctrl+Z undoes it)"))
        self.edit_button.toggled.connect(self.set_edit_mode)
        self._restyle_items()
        self._build_legend()

    def _restyle_items(self) -> None:
        """Every pen, brush and font from the theme (colours, zoom)."""
        rim = pg.mkPen(theme.BACKGROUND, width=0.8)
        size = 9 * theme.zoom()
        self.train.setData(*self.train.getData(), size=size, pen=rim, brush=theme.TRAIN)
        self.val.setData(*self.val.getData(), size=size, pen=rim, brush=theme.VAL, symbol="t")
        self.residuals.setPen(theme.pen(theme.MUTED, 1.2))
        self.optimum.setPen(theme.pen(theme.OPTIMUM if self._race is None else theme.MUTED, 2.5, Qt.DashLine))
        self.line.setPen(theme.pen(theme.LINE if self._race is None else self._colours[0], 4.0))
        ring = pg.mkPen(theme.BATCH, width=theme.width(2.5))
        self.batch.set_style(17 * theme.zoom(), ring)
        self._batch_sample.setData([], [], size=17 * theme.zoom(), pen=ring, brush=None)
        for i, item in enumerate(self.pin_items):  # distinct colours: tutorial 003 compares its epochs
            item.setPen(theme.pen(self.pin_colour(i), 2.5, Qt.DashLine))
        for label in self.pin_labels:
            label.setFont(theme.font(theme.LABEL_PT))
            label.setColor(theme.FOREGROUND)
        for i, item in enumerate(self.race_lines):
            if i + 1 < len(self._colours):
                item.setPen(theme.pen(self._colours[i + 1], 3.5))
        self._trail_alpha = [None] * MAX_TRAIL
        self._pins_key = None
        self._ghosts_dirty = True

    @staticmethod
    def pin_colour(i: int) -> str:
        """The colour of the i-th pinned line: the run colours after the fitted line's own."""
        colours = theme.RUN_COLOURS[1:] or (theme.MUTED,)
        return colours[i % len(colours)]

    def _redraw(self) -> None:
        self._build_legend()
        if self._last is not None:
            self.on_snapshot(self._last)
            self.on_race_snapshots(self._race_items)

    def _build_legend(self) -> None:
        """The data, the least-squares line, the fitted line and the batch; in a race the training
        data, the least-squares line and one line per runner."""
        self.legend.clear()
        has_optimum = self._run is None or self._run_optimum(self._run) is not None
        optimum = [(self.optimum, self.tr("least squares"))] if has_optimum else []
        if self._race is None:
            curved = self._run is not None and not self._run.is_function and not self._run.objective.model.is_linear
            lines = [(self.line, self.tr("fitted curve") if curved else self.tr("fitted line"))]
            has_val = self._run is not None and self._run.dataset is not None and self._run.dataset.n_val > 0
            rows = [(self.train, self.tr("train")), *([(self.val, self.tr("validation"))] if has_val else []),
                    *optimum, *lines, (self._batch_sample, self.tr("current batch"))]
        else:
            lines = list(zip((self.line, *self.race_lines), (engine_text(e.name) for e in self._race.entries)))
            rows = [(self.train, self.tr("train")), *optimum, *lines]
        for item, name in rows:
            self.legend.addItem(item, name)
        self._diverged = [None] * len(lines)

    def set_race(self, race: Race | None) -> None:
        """A race starts (one line per runner in its colour; the primary keeps `line`) or ends (None)."""
        self._race, self._race_items = race, []
        self._colours = [] if race is None else [entry_colour(e) for e in race.entries]
        # a runner may be green: the least-squares line turns grey (and stays dashed) in a race
        self._restyle_items()
        for item in self.race_lines:
            item.hide()
        self._build_legend()
        self._ghosts_dirty = True

    def set_ghosts(self, ghosts: list[Ghost]) -> None:
        """Abandoned futures: each one's last line stays drawn, faint and dashed."""
        self._ghosts = list(ghosts)
        self._ghosts_dirty = True
        if self._last is not None and self.isVisible():
            self._draw_ghosts()

    @staticmethod
    def _run_optimum(run: Run) -> np.ndarray | None:
        """The least-squares parameters, or None when there are none (singular data)."""
        try:
            opt = run.optimum
        except (np.linalg.LinAlgError, ValueError, ZeroDivisionError, FloatingPointError):
            return None
        if opt is None or run.optimum_kind != "closed form":  # "best so far" is not a least-squares line
            return None
        values = np.array([opt[name] for name in run.param_names], float)
        return values if np.isfinite(values).all() else None

    def set_run(self, run: Run) -> None:
        """New data or model: draw the points and fix the axes (they stay still while the line moves).

        Everything is worked out first: when that raises, nothing drawn has changed."""
        ds = run.dataset
        plan = None if ds is None else self._plan(run)
        self._run = run
        self._trail.clear()
        self._batch_shown = None
        self._pins_key = None
        self.batch.setData([], [])
        self._last = None
        self._ghosts_dirty = True
        if plan is None:  # function mode: nothing to fit
            return
        plot = self.getPlotItem()
        self.set_axis_labels(engine_text(ds.x_label), engine_text(ds.y_label))
        for item, (x, y) in zip((self.train, self.val), plan["points"]):
            item.setData(x, y)
        self.set_title(plan["title"])
        self._build_legend()
        self._residual_rows = plan["residual_rows"]
        self._x_span, self._y_span = plan["x_range"], plan["y_range"]
        self._xs = plan["xs"]
        self.hidden_units.set_lines([])
        self._take_preset_pins(ds)
        self.reset_view()
        plot.disableAutoRange()
        self.optimum.setData(*plan["optimum"])
        self.optimum.setVisible(len(plan["optimum"][0]) > 0)

    def _plan(self, run: Run) -> dict:
        """What set_run draws, computed without touching any item (it may raise)."""
        ds = run.dataset
        rng = np.random.default_rng(0)
        points = []
        for x, y in ((ds.x_train, ds.y_train), (ds.x_val, ds.y_val)):
            rows = np.arange(len(x)) if len(x) <= MAX_DRAWN else np.sort(rng.choice(len(x), MAX_DRAWN, replace=False))
            points.append((x[rows], y[rows]))
        total = ds.n_train + ds.n_val
        shown = sum(len(x) for x, _ in points)
        title = self.tr("Data: {0}").format(engine_text(ds.name))
        if shown != total:
            title += "  " + self.tr("(showing {0} of {1} points)").format(f"{shown:,}", f"{total:,}")
        x_all = np.concatenate([ds.x_train, ds.x_val])
        y_all = np.concatenate([ds.y_train, ds.y_val])
        finite = np.isfinite(x_all) & np.isfinite(y_all)
        x_all, y_all = (x_all[finite], y_all[finite]) if finite.any() else (np.zeros(1), np.zeros(1))
        preset = ds.preset
        x_range = preset.x_range or _frame(float(x_all.min()), float(x_all.max()))
        y_range = preset.y_range or self._y_frame(run, x_range, y_all)
        opt = self._run_optimum(run)
        linear = run.objective.model.is_linear  # a straight line: its two ends are enough
        xs = np.array(x_range) if linear else np.linspace(x_range[0], x_range[1], CURVE_POINTS)
        with np.errstate(all="ignore"):
            line = (xs, run.objective.predict(opt, xs)) if opt is not None else (np.zeros(0), np.zeros(0))
        line = cut_curve(*line, *_band(y_range)) if len(line[0]) else line
        return {"points": points, "title": title, "x_range": x_range, "y_range": y_range, "optimum": line, "xs": xs,
                "residual_rows": np.linspace(0, ds.n_train - 1, min(ds.n_train, MAX_RESIDUALS)).astype(int)}

    @staticmethod
    def _y_frame(run: Run, x_range: tuple[float, float], y: np.ndarray) -> tuple[float, float]:
        """The data's range, widened to show the starting line that is drawn (tutorial 000's constant
        model starts at ŷ = 1 below house prices of 135–265), unless it lies absurdly far away."""
        lo, hi = float(y.min()), float(y.max())
        span = 0.5 * hi - 0.5 * lo
        span = 2 * span if span > 0 else max(abs(hi), 1.0)
        with np.errstate(all="ignore"):
            start = run.objective.predict(run.initial_params, np.array(x_range))
        if np.all(np.isfinite(start)):
            reach = START_SPANS * span
            lo = max(min(lo, float(start.min())), lo - reach)
            hi = min(max(hi, float(start.max())), hi + reach)
        return _frame(lo, hi, 0.08)

    def reset_view(self) -> None:
        """Back to the data's framing (after a Ctrl+wheel zoom or a pan)."""
        plot = self.getPlotItem()
        plot.setXRange(*finite_range(*self._x_span), padding=0)
        plot.setYRange(*finite_range(*self._y_span), padding=0)
        self._pins_key = None

    @guarded
    def on_snapshot(self, snap: Snapshot) -> None:
        """Move the line (and residuals, batch marks) to the snapshot's parameters."""
        self._last = snap
        if self._run is None or not self.isVisible() or self._run.is_function:
            return
        obj = self._run.objective
        params = np.array(snap.params)
        xs = self._xs
        self.line.setData(*self._cut(xs, obj.predict(params, xs)))
        self._draw_hidden(params, xs)
        self._draw_trail(snap, xs)
        self._draw_pins(snap, xs)
        ds = self._run.dataset
        if self.show_residuals:
            rows = self._residual_rows
            x, y = ds.x_train[rows], ds.y_train[rows]
            with np.errstate(all="ignore"):
                y_hat = obj.predict(params, x)
            if getattr(obj, "loss_kind", LossKind.SQUARED) is LossKind.SQUARED:
                self.residuals.setData(*residual_squares(x, y, y_hat))
            else:
                self.residuals.setData(np.repeat(x, 2), np.column_stack([y, y_hat]).ravel())
        b = snap.batch_indices
        if b is not None and len(b) <= 512:
            if self._batch_shown is None or not np.array_equal(b, self._batch_shown):
                self.batch.setData(ds.x_train[b], ds.y_train[b])
            self._batch_shown = b
        elif self._batch_shown is not None:  # full batch: nothing to ring, no work per frame
            self.batch.setData([], [])
            self._batch_shown = None
        if self._ghosts_dirty:
            self._draw_ghosts()

    @guarded
    def on_race_snapshots(self, items: list[RaceItem]) -> None:
        """Every other runner's line; a diverged runner says so in the legend (its line stays put)."""
        self._race_items = items
        if not items or self._run is None or not self.isVisible() or self._run.is_function:
            return
        xs = self._xs
        for i, item in enumerate(self.race_lines):
            if i + 1 < len(items):
                _entry, run, snap = items[i + 1]
                item.setData(*self._cut(xs, run.objective.predict(np.array(snap.params), xs)))
                item.show()
        lines = (self.line, *self.race_lines)
        for i, (entry, _run, snap) in enumerate(items):
            at = snap.diverged_at if snap.status is Status.DIVERGED else None
            if i < len(self._diverged) and at != self._diverged[i]:
                self._diverged[i] = at
                # the text keeps the foreground colour: its sample beside it carries the runner's colour
                name = engine_text(entry.name)
                text = name if at is None else self.tr("{0} ✕ diverged").format(name)
                self.legend.set_text(lines[i], text)

    def _cut(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return cut_curve(xs, ys, *_band(self._y_span))

    def _draw_hidden(self, params: np.ndarray, xs: np.ndarray) -> None:
        """A two-layer model's hidden outputs a(k1ⱼ·x + b1ⱼ), faint, each scaled to the view's height (0 at
        the bottom, 1 or the unit's largest output at the top): where a sigmoid saturates, its slope vanishes."""
        hidden = self._run.objective.hidden_outputs(params, xs) if self._race is None else None
        if hidden is None:
            if self.hidden_units.lines():
                self.hidden_units.set_lines([])
            return
        y0, y1 = self._y_span
        lines = []
        for j, a in enumerate(np.asarray(hidden, float)):
            top = float(np.nanmax(a)) if np.isfinite(a).any() else 1.0
            scale = 1.0 if 0.0 <= top <= 1.0 else (top if top > 0 else 1.0)
            colour = theme.tint(self.pin_colour(j + 1), HIDDEN_ALPHA)  # opaque: strokes faster
            lines.append((xs, y0 + (a / scale) * (y1 - y0), None, theme.pen(colour, 2.0, Qt.DashLine)))
        self.hidden_units.set_lines(lines, still=True)

    def _draw_ghosts(self) -> None:
        self._ghosts_dirty = False
        if self._run is None or self._run.is_function:
            return
        colour = theme.LINE if self._race is None else self._colours[0]
        xs = self._xs
        for i, item in enumerate(self.ghost_lines):
            if i < len(self._ghosts):
                item.setPen(theme.pen(theme.faded(colour, GHOST_ALPHA), 3.0, Qt.DashLine))
                item.setData(*self._cut(xs, self._run.objective.predict(self._ghosts[i].params[-1], xs)))
            item.setVisible(i < len(self._ghosts))

    def _draw_trail(self, snap: Snapshot, xs: np.ndarray) -> None:
        """The lines of the previous frames, fading with age."""
        trail = self._trail
        while trail and trail[-1][0] >= snap.step:  # stepped back or reset
            trail.pop()
        if self.trail_length and (not trail or trail[-1][0] != snap.step):
            trail.append((snap.step, snap.params))
        shown = list(trail)[-self.trail_length - 1:-1] if self.trail_length else []
        if not shown and not self._trail_drawn:
            return  # no trail then and now: nothing to touch on this frame
        obj = self._run.objective
        colour = theme.LINE if self._race is None else self._colours[0]
        for i, item in enumerate(self.trail_items[:max(len(shown), self._trail_drawn)]):
            if i < len(shown):
                age = len(shown) - i  # 1 = newest
                alpha = int(20 + 150 * (1 - (age - 1) / max(1, len(shown))))
                if self._trail_alpha[i] != alpha:  # a new pen only when the fading changes
                    self._trail_alpha[i] = alpha
                    item.setPen(theme.pen(theme.faded(colour, alpha), 2.0))
                item.setData(*self._cut(xs, obj.predict(np.array(shown[i][1]), xs)))
                item.setVisible(True)
            else:
                item.setVisible(False)
        self._trail_drawn = len(shown)

    def _draw_pins(self, snap: Snapshot, xs: np.ndarray) -> None:
        """Lines at pinned steps already reached (tutorial 003's 10, 20, 30, 100, 1000 epochs), each
        labelled where its label overlaps no other; worked out only when the pins reached change."""
        reached = [s for s in self.pinned_steps if s <= snap.step][:MAX_PINS]
        h = self._run.history
        rows = [h.index_at_or_before(s) for s in reached]
        key = (tuple(rows), len(h), self._x_span, self._y_span, self.width(), self.height())
        if key == self._pins_key:
            return  # the pinned lines do not move while the run goes on
        self._pins_key = key
        steps, params = h.column("step"), h.column("params")
        obj = self._run.objective
        lines = [self._cut(xs, obj.predict(params[j], xs)) for j in rows]
        texts = [self.tr("step {0}").format(f"{int(steps[j]):,}") for j in rows]
        spots = place_labels(self.getPlotItem().getViewBox(), lines, texts, theme.font(theme.LABEL_PT))
        for i, (item, label) in enumerate(zip(self.pin_items, self.pin_labels)):
            shown = i < len(rows) and len(lines[i][0]) > 0
            if shown:
                item.setData(*lines[i])
                label.setText(texts[i])
                if spots[i] is not None:
                    label.setPos(*spots[i])
            item.setVisible(shown)
            label.setVisible(shown and spots[i] is not None)

    def _take_preset_pins(self, ds) -> None:
        """A new data set brings its preset's pins (tutorial 003: 10, 20, 30, 100, 1000 epochs); pins that came
        with the data set before go with it."""
        if ds.name == self._data_name:
            return
        old = self._data_name
        self._data_name = ds.name
        pins = list(ds.preset.pins)
        if pins or (old is not None and self._preset_pins == self.pinned_steps and self.pinned_steps):
            self.pinned_steps = sorted(set(pins))
        self._preset_pins = sorted(set(pins))

    def set_trail_length(self, n: int) -> None:
        """How many earlier lines to show, fading with age (0: none)."""
        self.trail_length = max(0, min(MAX_TRAIL - 1, int(n)))
        if self._last is not None:
            self.on_snapshot(self._last)

    def set_pinned_steps(self, steps: list[int]) -> None:
        """Steps whose lines stay drawn once reached."""
        self.pinned_steps = sorted(set(int(s) for s in steps if s >= 0))
        self._pins_key = None
        if self._last is not None:
            self.on_snapshot(self._last)

    def pin_current(self) -> None:
        """Pin the line at the current step."""
        if self._last is not None:
            self.set_pinned_steps(self.pinned_steps + [self._last.step])

    def set_show_residuals(self, on: bool) -> None:
        """Draw (or hide) the residual segment from each point to the line."""
        self.show_residuals = on
        if not on:
            self.residuals.setData([], [])
        if self._last is not None:
            self.on_snapshot(self._last)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._last is not None:
            self.on_snapshot(self._last)
            self.on_race_snapshots(self._race_items)

    # ----- drawn points -------------------------------------------------------------------
    def set_edit_mode(self, on: bool) -> None:
        """Clicks edit the training points (on) or pan and zoom as usual (off)."""
        self.edit_mode = bool(on)
        if self.edit_button.isChecked() != self.edit_mode:
            self.edit_button.setChecked(self.edit_mode)
        self.setCursor(Qt.CrossCursor if self.edit_mode else Qt.ArrowCursor)
        self._drag = None

    def resizeEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(ev)
        button = self.__dict__.get("edit_button")  # pyqtgraph resizes once before __init__ made it
        if button is not None:
            button.adjustSize()
            button.move(self.width() - button.width() - 4, self.height() - button.height() - 4)

    def _editable(self) -> bool:
        run = self._run
        return (self.edit_mode and run is not None and run.dataset is not None and self._race is None
                and run.dataset.n_train <= MAX_DRAWN)  # every training point is drawn, so each can be picked

    def _data_at(self, pos) -> QPointF | None:
        """The data coordinates under a viewport position (None off the plot)."""
        vb = self.getPlotItem().getViewBox()
        scene = self.mapToScene(pos.toPoint())
        if not vb.sceneBoundingRect().contains(scene):
            return None
        return vb.mapSceneToView(scene)

    def nearest_point(self, at: QPointF) -> int | None:
        """The training point within HIT_PX pixels of `at` (the nearest), or None."""
        ds = self._run.dataset
        px, py = pixel_size(self.getPlotItem().getViewBox())
        if not (ds.n_train and px > 0 and py > 0):
            return None
        d = np.hypot((ds.x_train - at.x()) / px, (ds.y_train - at.y()) / py)
        i = int(np.argmin(d))
        return i if d[i] <= HIT_PX else None

    def edit_points(self, x: np.ndarray, y: np.ndarray) -> None:
        """Emit the data set with these training points (the validation part stays)."""
        ds = self._run.dataset
        name = ds.name if ds.name.endswith(EDITED) else ds.name + EDITED
        self.points_edited.emit(replace(ds, name=name, x_train=np.asarray(x, float), y_train=np.asarray(y, float),
                                        info=None))
        if self._run is not None and self._run.dataset is ds:  # refused (or nobody listens): the old points again
            self.show_points()

    def mousePressEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        at = self._data_at(ev.position()) if self._editable() else None
        if at is None or ev.button() not in (Qt.LeftButton, Qt.RightButton):
            super().mousePressEvent(ev)
            return
        ev.accept()
        ds, i = self._run.dataset, self.nearest_point(at)
        if ev.button() == Qt.RightButton:
            if i is not None:
                self.edit_points(np.delete(ds.x_train, i), np.delete(ds.y_train, i))
        elif i is not None:
            self._drag, self._drag_to = i, (at.x(), at.y())
        else:
            self.edit_points(np.append(ds.x_train, at.x()), np.append(ds.y_train, at.y()))

    def mouseMoveEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        if self._drag is None:
            super().mouseMoveEvent(ev)
            return
        ev.accept()
        at = self._data_at(ev.position())
        if at is not None:  # the point follows the mouse; the refit waits for the release (one undo step)
            self._drag_to = (at.x(), at.y())
            x, y = self._run.dataset.x_train.copy(), self._run.dataset.y_train.copy()
            x[self._drag], y[self._drag] = self._drag_to
            self.train.setData(x, y)

    def mouseReleaseEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        if self._drag is None:
            super().mouseReleaseEvent(ev)
            return
        ev.accept()
        i, (nx, ny) = self._drag, self._drag_to
        self._drag = None
        ds = self._run.dataset
        if (nx, ny) != (float(ds.x_train[i]), float(ds.y_train[i])):
            x, y = ds.x_train.copy(), ds.y_train.copy()
            x[i], y[i] = nx, ny
            self.edit_points(x, y)

    def show_points(self) -> None:
        """Draw the run's own points again (after a refused edit)."""
        if self._run is not None and self._run.dataset is not None:
            plan = self._plan(self._run)
            for item, (x, y) in zip((self.train, self.val), plan["points"]):
                item.setData(x, y)
