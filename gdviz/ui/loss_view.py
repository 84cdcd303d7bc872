"""Training and validation loss against step, with a marker at the current step.

In a race, one training curve per runner; faint ghosts of abandoned futures; thin marks where a
setting changed mid-run; optionally the learning rate on a right-hand axis.
"""
from __future__ import annotations

import math
from enum import Enum

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem

from ..engine import LiveSettings, Race, Run, Snapshot, Status
from ..engine.race import MAX_RUNS
from . import theme
from .controller import MAX_GHOSTS, Ghost, RaceItem
from .equation_panel import loss_name
from .i18n import engine_text
from .items import Curve, GrowingCurve, GrowingPaths
from .plot_base import SUPERSCRIPT, PlotView, guarded, keep_inside
from .theme import entry_colour

TINY = 1e-300  # floor for log scale (loss can reach exactly 0 on exact data)
RAW_LIMIT = 8192  # rows drawn as they are; older rows are drawn from a min/max summary
MAX_CHANGES = 20  # marks of mid-run setting changes (the most recent ones)
GHOST_ALPHA = 80
LEARNING_RATE = "#9a8c70"  # muted khaki: apart from every run colour
LOG_DECADES = 2  # the learning-rate axis turns logarithmic when the rate spans more than this
RACE_HEADROOM = 2.0  # linear scale in a race: the top stops this many start-to-best spans above L₀
LOG_BINS = 1024  # a log step axis summarises older rows in this many bins a decade (before merging)

_CHANGE_LABELS = (("learning_rate", "η"), ("batch_mode", QT_TRANSLATE_NOOP("LossView", "batch")),
                  ("batch_size", QT_TRANSLATE_NOOP("LossView", "batch size")),
                  ("rule", QT_TRANSLATE_NOOP("LossView", "rule")),
                  ("fixed_step", QT_TRANSLATE_NOOP("LossView", "step")), ("momentum", "β"), ("beta1", "β₁"),
                  ("beta2", "β₂"), ("epsilon", "ε"), ("rho", "ρ"), ("clip", QT_TRANSLATE_NOOP("LossView", "clip")),
                  ("clip_value", QT_TRANSLATE_NOOP("LossView", "clip at")),
                  ("schedule", QT_TRANSLATE_NOOP("LossView", "schedule")), ("decay_rate", "γ"), ("decay_steps", "T"),
                  ("search_radius", QT_TRANSLATE_NOOP("LossView", "radius")))


def _setting(value) -> str:
    return value.value if isinstance(value, Enum) else f"{value:g}"


def describe_change(before: LiveSettings, after: LiveSettings) -> str:
    """What a live edit changed, e.g. "η 0.1→0.05, batch full→mini" ("" when nothing did)."""
    parts = [f"{QCoreApplication.translate('LossView', label)} {_setting(getattr(before, name))}→"
             f"{_setting(getattr(after, name))}"
             for name, label in _CHANGE_LABELS if getattr(before, name) != getattr(after, name)]
    return ", ".join(parts)


def stagger(xs_px: list[float], texts: list[str], font, height: float) -> list[float | None]:
    """Where along its vertical mark each label goes (0.97: at the top, 0.03: at the bottom) so no two
    labels overlap; None leaves a label out (its mark stays). Labels are drawn along their marks,
    so each is a font height wide and its text long."""
    fm = QFontMetricsF(font)
    thick = fm.height() + 4
    slots = [0.97] + ([0.03] if 2 * (max((fm.horizontalAdvance(t) for t in texts), default=0) + 12) < height else [])
    last = {slot: -math.inf for slot in slots}
    spots: list[float | None] = []
    for x in xs_px:
        spot = next((slot for slot in slots if x - last[slot] >= thick), None)
        if spot is not None:
            last[spot] = x
        spots.append(spot)
    return spots


def _log10(ys: np.ndarray) -> np.ndarray:
    return np.log10(np.maximum(ys, TINY))


def peak_columns(x: np.ndarray, y: np.ndarray, x0: float, x1: float, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """At most two points per pixel column of [x0, x1]: each column's min and max (every spike
    stays) at the column's first x, then the last point exactly (the curve ends at the current
    step). x must be ascending. Short curves come back unchanged."""
    n = len(x)
    if n <= 2 * columns or not x1 > x0:
        return x, y
    col = np.floor((np.asarray(x[:-1], float) - x0) * (columns / (x1 - x0)))
    starts = np.flatnonzero(np.concatenate([[True], col[1:] != col[:-1]]))
    if 2 * len(starts) + 1 >= n:
        return x, y
    body = y[:-1]
    lo, hi = np.fmin.reduceat(body, starts), np.fmax.reduceat(body, starts)  # fmin: a NaN row is no minimum
    return (np.append(np.repeat(x[starts], 2), x[-1]),
            np.append(np.column_stack([lo, hi]).ravel(), y[-1]))


class PeakSummary:
    """Running min/max of fixed-size blocks of a growing series: each frame costs O(new rows).

    The curve drawn is the blocks' min and max (a saw that keeps every spike) followed by the
    unsummarised tail. Blocks double in size when there are too many, so the curve stays short.
    """

    def __init__(self, max_blocks: int = 2048) -> None:
        self.max_blocks = max_blocks
        self.reset()

    def reset(self) -> None:
        """Forget everything (after a rewind or reset)."""
        self.block, self.done = 64, 0
        self.x = np.zeros(0)
        self.lo = np.zeros(0)
        self.hi = np.zeros(0)

    def update(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The curve to draw for the series x, y (which only grew since the last call)."""
        n = len(y)
        if n < self.done:
            self.reset()
        if n - self.done > RAW_LIMIT:
            k = (n - self.done - RAW_LIMIT // 2) // self.block
            end = self.done + k * self.block
            seg = y[self.done:end].reshape(k, self.block)
            self.x = np.concatenate([self.x, x[self.done:end:self.block]])
            # fmin/fmax skip the rows a per-sample run did not evaluate (NaN) where a block has others
            self.lo = np.concatenate([self.lo, np.fmin.reduce(seg, axis=1)])
            self.hi = np.concatenate([self.hi, np.fmax.reduce(seg, axis=1)])
            self.done = end
            while len(self.lo) > self.max_blocks:
                m = len(self.lo) // 2 * 2
                self.x = self.x[:m:2]
                self.lo = np.fmin(self.lo[:m:2], self.lo[1:m:2])
                self.hi = np.fmax(self.hi[:m:2], self.hi[1:m:2])
                self.block *= 2
                self.done = int(m // 2 * self.block) if m else 0
                self.done = min(self.done, n)
        if not len(self.lo):
            return x, y
        sx = np.repeat(self.x, 2)
        sy = np.column_stack([self.lo, self.hi]).ravel()
        return np.concatenate([sx, x[self.done:]]), np.concatenate([sy, y[self.done:]])


def log_steps(steps) -> np.ndarray:
    """x of each step on a log step axis: log10(step), step 0 drawn at x = 0 with step 1 (so the
    start's loss L₀ stays on the plot, joined by a vertical stroke to step 1's)."""
    return np.log10(np.maximum(np.asarray(steps, dtype=float), 1.0))


def step_tick_strings(values, scale=1.0, spacing=None) -> list[str]:
    """Labels of a log step axis: the steps themselves, "1", "10", "1,000", "10⁵", "2×10⁶" (no
    label left of step 1)."""
    out = []
    for v in values:
        if v < -1e-9 or not math.isfinite(v):
            out.append("")
            continue
        e = math.floor(v + 1e-9)
        mant = round(10 ** (v - e))  # the ticks sit at k·10ⁿ
        if mant >= 10:
            mant, e = 1, e + 1
        if e < 5:
            out.append(f"{mant * 10 ** e:,}")
        else:
            power = f"10{str(e).translate(SUPERSCRIPT)}"
            out.append(power if mant == 1 else f"{mant}×{power}")
    return out


class LogPeakSummary:
    """PeakSummary on a log step axis: rows binned by log10(step) (LOG_BINS a decade, halved when there
    are more than `max_blocks` bins), each bin's min and max at its first x, then the newest rows as
    they are. It takes the steps and gives log10 x; each frame converts only the new rows."""

    def __init__(self, max_blocks: int = 2048) -> None:
        self.max_blocks = max_blocks
        self.reset()

    def reset(self) -> None:
        """Forget everything (after a rewind or reset)."""
        self.level, self.done = 0, 0
        self.ids = np.zeros(0, np.int64)
        self.x = np.zeros(0)
        self.lo = np.zeros(0)
        self.hi = np.zeros(0)
        self.tail = np.zeros(0)  # log10 steps of the rows from `done` on

    def update(self, steps: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The curve to draw (x in log10 steps) for the series steps, y (which only grew since the last call)."""
        n = len(y)
        seen = self.done + len(self.tail)
        if n < seen:
            self.reset()
            seen = 0
        if n > seen:
            self.tail = np.concatenate([self.tail, log_steps(steps[seen:n])])
        if n - self.done > RAW_LIMIT:
            k = n - RAW_LIMIT // 2 - self.done
            self._add(self.tail[:k], y[self.done:self.done + k])
            self.tail = self.tail[k:]
            self.done += k
        if not len(self.lo):
            return self.tail, y[:n]
        return (np.concatenate([np.repeat(self.x, 2), self.tail]),
                np.concatenate([np.column_stack([self.lo, self.hi]).ravel(), y[self.done:n]]))

    def _add(self, xs: np.ndarray, ys: np.ndarray) -> None:
        ids = np.floor(xs * LOG_BINS).astype(np.int64) >> self.level
        starts = np.flatnonzero(np.concatenate([[True], ids[1:] != ids[:-1]]))
        # fmin/fmax skip the rows a per-sample run did not evaluate (NaN) where a bin has others
        lo, hi = np.fmin.reduceat(ys, starts), np.fmax.reduceat(ys, starts)
        xs, ids = xs[starts], ids[starts]
        if len(self.ids) and ids[0] == self.ids[-1]:  # the last bin goes on into the new rows
            self.lo[-1], self.hi[-1] = np.fmin(self.lo[-1], lo[0]), np.fmax(self.hi[-1], hi[0])
            xs, ids, lo, hi = xs[1:], ids[1:], lo[1:], hi[1:]
        self.ids, self.x = np.concatenate([self.ids, ids]), np.concatenate([self.x, xs])
        self.lo, self.hi = np.concatenate([self.lo, lo]), np.concatenate([self.hi, hi])
        while len(self.ids) > self.max_blocks:  # bins twice as wide (the grid is nested)
            self.level += 1
            self.ids >>= 1
            starts = np.flatnonzero(np.concatenate([[True], self.ids[1:] != self.ids[:-1]]))
            self.ids, self.x = self.ids[starts], self.x[starts]
            self.lo, self.hi = np.fmin.reduceat(self.lo, starts), np.fmax.reduceat(self.hi, starts)


class LossView(PlotView):
    """Listens to snapshots and reads the run's history buffers (no copies)."""

    def __init__(self, parent=None) -> None:
        super().__init__(QCoreApplication.translate("LossView", "Loss"), QCoreApplication.translate("LossView", "step"),
                         QCoreApplication.translate("LossView", "loss"), parent)
        self.setObjectName("lossView")
        plot = self.getPlotItem()
        # antialiasing the long curves tripled the frame cost; at 3 px they read well without it.
        # Every curve takes its values as drawn: log10 values in log mode, at most two points per pixel column
        self.train = GrowingCurve(antialias=False)
        self.val = GrowingCurve(antialias=False)
        self.cursor = Curve()  # the current step, top to bottom
        self.dot = theme.Marker(13, theme.LINE)
        self.ghost_curves = [Curve(antialias=False) for _ in range(MAX_GHOSTS)]
        self.race_curves = [Curve(antialias=False) for _ in range(MAX_RUNS - 1)]  # pens for the legend
        self.race_paths = GrowingPaths(plot, -1, antialias=False)  # a race's curves, the primary's too
        self.race_paths.hide()
        self.race_dots = [theme.Marker(11, "w", z=9) for _ in range(MAX_RUNS - 1)]
        self.race_labels = [pg.TextItem(anchor=(1, 1)) for _ in range(MAX_RUNS)]
        self.change_marks = [self._change_mark() for _ in range(MAX_CHANGES)]
        for label in self.race_labels:
            label.setZValue(30)
        plot.addItem(self.train)
        plot.addItem(self.val)
        for curve in self.ghost_curves:  # still while the curves grow
            curve.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        for z, item in ((-3, self.change_marks), (-2, self.ghost_curves), (-1, self.race_curves)):
            for one in item:
                one.setZValue(z)
        for item in (*self.change_marks, *self.ghost_curves, *self.race_curves, self.cursor, *self.race_dots,
                     self.dot, *self.race_labels):
            plot.addItem(item)
        for item in (*self.change_marks, *self.ghost_curves, *self.race_curves, *self.race_dots, *self.race_labels):
            item.hide()
        plot.disableAutoRange()
        self._build_learning_rate_axis()
        self.log_scale = False
        self.log_steps = False  # x = log10(step), step 0 at x = 0 with step 1
        # a log step axis reads the steps themselves (1, 10, 1,000), not pyqtgraph's 10³
        plot.getAxis("bottom").logTickStrings = step_tick_strings
        self.show_learning_rate = False
        self._run: Run | None = None
        self._race: Race | None = None
        self._race_items: list[RaceItem] = []
        self._colours: list[str] = []
        self._ghosts: list[Ghost] = []
        self._ghost_lines: list[tuple[np.ndarray, np.ndarray]] = []  # each ghost summarised once
        self._changes: list | None = None
        self._marks: list[tuple[int, str]] = []  # (step, text) of the change marks drawn
        self._marks_key: tuple | None = None
        self._x_max = 20.0
        self._y = (math.inf, -math.inf)  # loss range shown
        self._extremes = (math.inf, -math.inf)  # loss range seen (a race's runaway runner may lie above the top)
        self._seen_rows = 0
        self._race_seen = [0] * MAX_RUNS
        self._last: Snapshot | None = None
        self._cursor_at = 0
        plot.getViewBox().sigYRangeChanged.connect(self._draw_cursor)
        self._summaries = (PeakSummary(), PeakSummary())
        self._race_summaries = [PeakSummary() for _ in range(MAX_RUNS - 1)]
        self._lr = _RateAxisState()
        self._restyle_items()
        self._build_legend()

    def _change_mark(self) -> pg.InfiniteLine:
        return pg.InfiniteLine(angle=90, label="",
                               labelOpts={"position": 0.97, "rotateAxis": (1, 0), "anchors": [(1, 1), (1, 1)]})

    def _restyle_items(self) -> None:
        """Every pen, brush and font from the theme (colours, zoom)."""
        primary = theme.TRAIN if self._race is None else self._colours[0]
        self.train.setPen(theme.pen(primary, 3.0))
        self.val.setPen(theme.pen(theme.VAL, 3.0, Qt.DashLine))
        self.cursor.setPen(theme.pen(theme.MUTED, 1.5, Qt.DotLine))
        self.dot.set_size(13 * theme.zoom())
        self.dot.setBrush(pg.mkBrush(theme.LINE if self._race is None else primary))
        self.dot.setPen(pg.mkPen(theme.BACKGROUND, width=theme.width(1.5)))
        for i, (curve, dot) in enumerate(zip(self.race_curves, self.race_dots)):
            dot.set_size(11 * theme.zoom())
            dot.setPen(pg.mkPen(theme.BACKGROUND, width=theme.width(1.5)))
            if i + 1 < len(self._colours):
                curve.setPen(theme.pen(self._colours[i + 1], 3.0))
                dot.setBrush(pg.mkBrush(self._colours[i + 1]))
        for label in self.race_labels:
            label.setFont(theme.font(theme.LABEL_PT + 1, bold=True))
            label.fill = pg.mkBrush(theme.faded(theme.BACKGROUND, 220))
        for mark in self.change_marks:
            mark.setPen(theme.pen(theme.faded(theme.MUTED, 200), 1.2, Qt.DashLine))
            mark.label.setFont(theme.font(theme.LABEL_PT))
            mark.label.setColor(theme.FOREGROUND)
            mark.label.fill = pg.mkBrush(theme.faded(theme.BACKGROUND, 200))
        self.lr_curve.setPen(theme.pen(LEARNING_RATE, 2.5, Qt.DashDotLine))
        axis = self.getPlotItem().getAxis("right")
        axis.setTextPen(LEARNING_RATE)
        axis.labelStyle = {"color": LEARNING_RATE}
        axis._updateLabel()
        self._set_ghost_pens()
        self._marks_key = None

    def _redraw(self) -> None:
        self._build_legend()
        self._draw_ghosts()
        if self._last is not None:
            self.on_snapshot(self._last)
            self.on_race_snapshots(self._race_items)

    def _build_learning_rate_axis(self) -> None:
        """A second ViewBox sharing x, drawn against the right axis (pyqtgraph's MultiplePlotAxes)."""
        plot = self.getPlotItem()
        self.lr_box = pg.ViewBox(enableMouse=False)
        self.lr_box.disableAutoRange()
        plot.scene().addItem(self.lr_box)
        axis = plot.getAxis("right")
        axis.linkToView(self.lr_box)
        axis.set_text(self.tr("learning rate η"))
        self.lr_box.setXLink(plot)
        self.lr_curve = Curve(antialias=False)
        self.lr_box.addItem(self.lr_curve)
        self.lr_box.hide()
        plot.hideAxis("right")
        plot.vb.sigResized.connect(self._sync_lr_box)

    def _sync_lr_box(self, *_) -> None:
        vb = self.getPlotItem().vb
        self.lr_box.setGeometry(vb.sceneBoundingRect())
        self.lr_box.linkedViewChanged(vb, self.lr_box.XAxis)

    def _build_legend(self) -> None:
        """Training and validation alone; in a race, one row per runner (validation is not drawn)."""
        self.legend.clear()
        if self._race is None:
            if self._run is not None and self._run.is_function:
                rows = [(self.train, self.tr("f at each step"))]
            else:
                validation = self._run is None or self._run.has_validation
                rows = [(self.train, self.tr("training loss"))] + (
                    [(self.val, self.tr("validation loss"))] if validation else [])
        else:
            names = [engine_text(e.name) for e in self._race.entries]
            rows = [(self.train, names[0])] + list(zip(self.race_curves, names[1:]))
        for item, name in rows:
            self.legend.addItem(item, name)

    # ----- run, race, ghosts and options --------------------------------------------------
    def set_run(self, run: Run) -> None:
        """A new run: forget the ranges; the words follow the run (a function has no training loss)."""
        if run.is_function:
            title, y_label = self.tr("f along the run"), "f"
        else:
            title = self.tr("Loss: {0}").format(loss_name(run.objective.reduction))
            y_label = self.tr("loss")
        self._run = run
        self.set_title(title)
        self.set_axis_labels(self.tr("step"), y_label)
        self.val.setVisible(run.has_validation and self._race is None)
        self._build_legend()
        self._changes = None
        self._reset_ranges()

    def reset_view(self) -> None:
        """Back to the ranges the view sets itself (after a Ctrl+wheel zoom or a pan)."""
        self._reset_ranges()
        self._draw_ghosts()
        if self._last is not None:
            self.on_snapshot(self._last)
            self.on_race_snapshots(self._race_items)

    def set_race(self, race: Race | None) -> None:
        """A race starts (one curve per runner, in its colour) or ends (None)."""
        self._race, self._race_items = race, []
        self._colours = [] if race is None else [entry_colour(e) for e in race.entries]
        self._restyle_items()
        # in a race `train` and `race_curves` hold the runners' pens for the legend and draw nothing:
        # every runner's curve is drawn by `race_paths`
        self.train.setData([], [])
        for i, (curve, dot) in enumerate(zip(self.race_curves, self.race_dots)):
            curve.setVisible(race is not None and i + 1 < len(race.runs))
            dot.hide()
        self.race_paths.hide()
        for label in self.race_labels:
            label.hide()
        if self._run is not None:
            self.val.setVisible(self._run.has_validation and race is None)
        self._build_legend()
        self._reset_ranges()

    def set_ghosts(self, ghosts: list[Ghost]) -> None:
        """Abandoned futures of the primary run, drawn faintly behind its curve."""
        self._ghosts = list(ghosts)
        summaries = [self._new_summary() for _ in ghosts]
        self._ghost_lines = [s.update(g.steps.astype(float), g.train_loss) for s, g in zip(summaries, ghosts)]
        self._set_ghost_pens()
        self._draw_ghosts()

    def _set_ghost_pens(self) -> None:
        colour = theme.TRAIN if self._race is None or not self._colours else self._colours[0]
        for curve in self.ghost_curves:
            curve.setPen(theme.pen(theme.faded(colour, GHOST_ALPHA), 3.0))

    def _draw_ghosts(self) -> None:
        for i, curve in enumerate(self.ghost_curves):
            if i < len(self._ghost_lines):
                xs, ys = self._ghost_lines[i]
                curve.setData(*self._to_columns(xs, _log10(ys) if self.log_scale else ys))
            curve.setVisible(i < len(self._ghost_lines))

    def _reset_ranges(self) -> None:
        for summary in (*getattr(self, "_summaries", ()), *getattr(self, "_race_summaries", ())):
            summary.reset()
        self._x_max = 20.0
        self._shown_x: tuple[float, float] | None = None  # the ranges last set
        self._shown_y: tuple[float, float] | None = None
        self._y = self._extremes = (math.inf, -math.inf)
        self._seen_rows = 0
        self._race_seen = [0] * MAX_RUNS
        if hasattr(self, "_lr"):
            self._lr.reset()

    def set_log_scale(self, on: bool) -> None:
        """Logarithmic loss axis."""
        self.log_scale = on
        plot = self.getPlotItem()
        plot.setLogMode(y=on)
        plot.disableAutoRange()  # setLogMode turns autorange back on: ranges stay the program's
        plot.getAxis("right").setLogMode(self._lr.log)  # setLogMode set every axis, the rate's too
        self._reset_ranges()
        self._draw_ghosts()
        if self._last is not None:
            self.on_snapshot(self._last)
            self.on_race_snapshots(self._race_items)

    def set_log_steps(self, on: bool) -> None:
        """Logarithmic step axis: x = log10(step), step 0 drawn at x = 0 with step 1; the ticks read
        the steps. Every curve, mark and label follows; older rows are binned in log10(step)."""
        if on == self.log_steps:
            return
        self.log_steps = on
        plot = self.getPlotItem()
        plot.setLogMode(x=on)  # the bottom axis's ticks; the items are given log10 x themselves
        plot.disableAutoRange()  # setLogMode turns autorange back on: ranges stay the program's
        plot.getAxis("right").setLogMode(self._lr.log)  # setLogMode set every axis, the rate's too
        self._summaries = (self._new_summary(), self._new_summary())
        self._race_summaries = [self._new_summary() for _ in range(MAX_RUNS - 1)]
        self._lr.summary = self._new_summary()
        x_max = self._x_max
        self._reset_ranges()
        self._x_max = x_max  # the same steps in view, on the other scale: the ghosts are binned to it
        self._show_x_range()
        self.set_ghosts(self._ghosts)
        if self._last is not None:
            self.on_snapshot(self._last)
            self.on_race_snapshots(self._race_items)

    def _new_summary(self) -> PeakSummary | LogPeakSummary:
        return LogPeakSummary() if self.log_steps else PeakSummary()

    def _x_of(self, step: int) -> float:
        """Where a step is drawn: the step, or log10 of it on a log step axis."""
        return math.log10(max(step, 1)) if self.log_steps else step

    def set_show_learning_rate(self, on: bool) -> None:
        """Draw the primary run's learning rate (after schedules) against a right-hand axis."""
        self.show_learning_rate = on
        self.getPlotItem().showAxis("right", on)
        self.lr_box.setVisible(on)
        self._lr.reset()
        if on:
            self._sync_lr_box()
            if self._last is not None:
                self.on_snapshot(self._last)

    # ----- the frame ----------------------------------------------------------------------
    @guarded
    def on_snapshot(self, snap: Snapshot) -> None:
        """Append what is new and move the marker."""
        self._last = snap
        if self._run is None or not self.isVisible():
            return
        h = self._run.history
        steps = h.column("step")
        train = h.column("train_loss")
        furthest = snap.step if self._race is None else self._race.step
        if len(steps) < self._seen_rows or furthest < self._x_max / 8:  # stepped back or reset
            self._reset_ranges()
        racing = self._race is not None
        val = h.column("val_loss") if self._run.has_validation and not racing else None
        new = slice(self._seen_rows, len(train))
        self._seen_rows = len(train)
        self._grow_ranges(furthest, [train[new]] + ([] if val is None else [val[new]]))
        for item, summary, ys in ((self.train, self._summaries[0], train), (self.val, self._summaries[1], val)):
            if ys is None or racing:  # a race draws every runner's curve in `race_paths`
                continue
            self._draw_curve(item, *summary.update(steps, ys))
        self._cursor_at = self._x_of(snap.step)
        self._draw_cursor()
        y = math.log10(max(snap.train_loss, TINY)) if self.log_scale else snap.train_loss
        self.dot.setData([self._cursor_at], [y])  # a plain item: in log mode it needs log10 coordinates
        self._draw_changes()
        if self.show_learning_rate:
            self._draw_learning_rate(steps, h.column("learning_rate"))

    @guarded
    def on_race_snapshots(self, items: list[RaceItem]) -> None:
        """Every runner's curve, the other runners' current points; a diverged runner's mark at its
        last point."""
        self._race_items = items
        if not items or self._run is None or not self.isVisible():
            return
        parts, curves = [], []
        for i, (_entry, run, snap) in enumerate(items):
            h = run.history
            steps, train = h.column("step"), h.column("train_loss")
            if i:
                if len(train) < self._race_seen[i]:  # this runner went back on its own
                    self._race_seen[i] = 0
                parts.append(train[self._race_seen[i]:])
                self._race_seen[i] = len(train)
                y = np.array([self._y_of(snap.train_loss)])
                self.race_dots[i - 1].setData([self._x_of(snap.step)], y if self.log_scale else self._below_ceiling(y))
            curves.append((steps, train))
        self._grow_ranges(max(s.step for _, _, s in items), parts)
        # after the ranges: the curves are cut to the ceiling and summarised to pixel columns of this view
        summaries = (self._summaries[0], *self._race_summaries)
        lines = [self._as_drawn(*summary.update(steps, train)) for summary, (steps, train) in zip(summaries, curves)]
        pens = [curve.opts["pen"] for curve in (self.train, *self.race_curves)][:len(lines)]
        vb = self.getPlotItem().getViewBox()
        settled = [snap.status is Status.DIVERGED for _, _, snap in items]
        self.race_paths.draw(lines[::-1], pens[::-1], (*vb.viewRange()[0], *vb.viewRange()[1], self.log_scale,
                                                       self.log_steps, vb.width()), settled[::-1])
        for i, (label, (entry, _run, snap)) in enumerate(zip(self.race_labels, items)):
            self._mark_diverged(label, snap, self._colours[i] if i < len(self._colours) else theme.DIVERGED)
        for label in self.race_labels[len(items):]:
            label.hide()

    def _draw_curve(self, item: Curve, xs: np.ndarray, ys: np.ndarray) -> None:
        item.setData(*self._as_drawn(xs, ys))

    def _as_drawn(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A loss curve as drawn: log10 values in log mode, a runaway held under the ceiling, and at
        most two points (min and max) per pixel column. Rows without a loss (NaN: a per-sample run at large N
        evaluates every few steps) are left out, so the evaluated ones join up."""
        known = ~np.isnan(ys)
        if not known.all():
            xs, ys = xs[known], ys[known]
        return self._to_columns(xs, _log10(ys) if self.log_scale else self._below_ceiling(ys))

    def _to_columns(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        vb = self.getPlotItem().getViewBox()
        (x0, x1), _ = vb.viewRange()
        return peak_columns(xs, ys, x0, x1, max(int(vb.width()), 50))

    def _draw_cursor(self, *_) -> None:
        """The current step's mark from the bottom of the view to the top."""
        (_, _), (y0, y1) = self.getPlotItem().getViewBox().viewRange()
        self.cursor.setData([self._cursor_at, self._cursor_at], [y0, y1])

    def _below_ceiling(self, ys: np.ndarray) -> np.ndarray:
        """A race's runaway values held a few view heights above the top (painters choke on 1e12
        pixels); the part of the curve in view is unchanged but for the steepness of the exit."""
        lo, hi = self._y
        if self._extremes[1] <= hi or not math.isfinite(lo):
            return ys
        return np.minimum(ys, hi + 10 * (hi - min(0.0, lo)))

    def _y_of(self, loss: float) -> float:
        return math.log10(max(loss, TINY)) if self.log_scale else loss

    def _mark_diverged(self, label: pg.TextItem, snap: Snapshot, colour: str) -> None:
        """"✕ diverged at step N" at the runner's last point, kept inside the view."""
        if snap.status is not Status.DIVERGED:
            label.hide()
            return
        (x0, x1), (y0, y1) = self.getPlotItem().getViewBox().viewRange()
        x, y = min(max(self._x_of(snap.step), x0), x1), min(max(self._y_of(snap.train_loss), y0), y1)
        # the text leans towards the middle of the view, so it is never cut by an edge
        label.setAnchor((1 if x > 0.5 * (x0 + x1) else 0, 0 if y > 0.5 * (y0 + y1) else 1))
        label.setText(self.tr("✕ diverged at step {0}").format(f"{snap.diverged_at:,}"), color=colour)
        keep_inside(label, self.getPlotItem().getViewBox(), x, y)
        label.show()

    def _draw_changes(self) -> None:
        """Thin marks where the primary run's settings were changed mid-run (not at step 0)."""
        changes = self._run.changes
        if changes != self._changes:
            self._changes = changes
            marks = [(at, describe_change(before, after))
                     for (_, before), (at, after) in zip(changes, changes[1:]) if at > 0]
            self._marks = [(at, text) for at, text in marks if text][-MAX_CHANGES:]
            self._marks_key = None
        vb = self.getPlotItem().getViewBox()
        key = (self._shown_x, vb.width(), vb.height())  # the x range changes only with _shown_x
        if key == self._marks_key:
            return  # laid out only when the marks, the range or the size change
        self._marks_key = key
        marks = self._marks
        (x0, x1), _ = vb.viewRange()
        px = [(self._x_of(at) - x0) / (x1 - x0) * vb.width() if x1 > x0 else 0.0 for at, _ in marks]
        spots = stagger(px, [text for _, text in marks], theme.font(theme.LABEL_PT), vb.height())
        for i, mark in enumerate(self.change_marks):
            mark.setVisible(i < len(marks))  # first: a hidden label ignores a new text
            if i < len(marks):
                mark.setPos(self._x_of(marks[i][0]))
                mark.label.setFormat(marks[i][1].replace("{", "{{").replace("}", "}}"))
                mark.label.setVisible(spots[i] is not None)
                if spots[i] is not None:
                    mark.label.setPosition(spots[i])

    def _draw_learning_rate(self, steps: np.ndarray, rates: np.ndarray) -> None:
        """The rate each step used, on its own axis: logarithmic when it spans over two decades."""
        lr = self._lr
        if len(rates) < lr.seen:
            lr.reset()
        if lr.update(rates[lr.seen:]):
            self.getPlotItem().getAxis("right").setLogMode(lr.log)
            lo, hi = lr.shown_range()
            self.lr_box.setYRange(lo, hi, padding=0)
        lr.seen = len(rates)
        if not lr.clean:
            keep = np.isfinite(rates) & (rates > 0)
            steps, rates = steps[keep], rates[keep]
        xs, ys = lr.summary.update(steps, rates)
        self.lr_curve.setData(xs, np.log10(ys) if lr.log else ys)

    def _grow_ranges(self, step: int, parts: list[np.ndarray]) -> None:
        """Ranges set by the program, grown in jumps (autorange every frame costs two repaints).

        In a race on a linear scale the top stops a little above the start: a runaway runner
        leaves through the top instead of flattening every other curve."""
        plot = self.getPlotItem()
        lo, hi = self._extremes
        for part in parts:
            if len(part):
                part = part[np.isfinite(part)]
                if len(part):
                    lo, hi = min(lo, float(part.min())), max(hi, float(part.max()))
        for ghost in self._ghosts:
            lo, hi = min(lo, float(ghost.train_loss.min())), max(hi, float(ghost.train_loss.max()))
            step = max(step, int(ghost.steps[-1]))
        self._extremes = (lo, hi)
        if self._race is not None and not self.log_scale and math.isfinite(lo):
            start = float(self._run.history.column("train_loss")[0])
            hi = min(hi, start + RACE_HEADROOM * max(abs(start), start - lo, 1e-12))
        self._y = (lo, hi)
        while step > 0.95 * self._x_max:
            self._x_max *= 2
        y_range = self._shown_y
        if math.isfinite(lo):
            if self.log_scale:
                a, b = math.log10(max(lo, TINY)), math.log10(max(hi, TINY))
                y_range = (a - 0.1 * (b - a + 1), b + 0.1 * (b - a + 1))
            else:
                y_range = (min(0.0, lo), (hi if hi > 0 else 1.0) * 1.08)
        # only when they change: each call costs a relayout of the view, and on a linear scale the
        # range stays put while the loss falls
        self._show_x_range()
        if y_range is not None and y_range != self._shown_y:
            plot.setYRange(*y_range, padding=0)
        self._shown_y = y_range

    def _show_x_range(self) -> None:
        """Steps 0 to _x_max (log10 of 1 to _x_max on a log step axis), set only when it changes."""
        span = (0.0, math.log10(self._x_max)) if self.log_steps else (0, self._x_max)
        if span != self._shown_x:
            self.getPlotItem().setXRange(*span, padding=0.02)
            self._shown_x = span

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._last is not None:
            self.on_snapshot(self._last)
            self.on_race_snapshots(self._race_items)


class _RateAxisState:
    """What the learning-rate axis has seen: the rate's range, whether it is logarithmic, its summary."""

    def __init__(self) -> None:
        self.summary = PeakSummary()
        self.reset()

    def reset(self) -> None:
        """Forget everything (a new run, a rewind, the axis shown again)."""
        self.summary.reset()
        self.seen = 0
        self.lo, self.hi = math.inf, -math.inf
        self.log = False
        self.clean = True  # every rate so far finite and positive
        self.shown: tuple[float, float] | None = None

    def update(self, new: np.ndarray) -> bool:
        """Take in new rates; True when the axis range (or its log mode) must change."""
        if len(new):
            good = new[np.isfinite(new) & (new > 0)]
            self.clean &= len(good) == len(new)
            if len(good):
                self.lo, self.hi = min(self.lo, float(good.min())), max(self.hi, float(good.max()))
        if not math.isfinite(self.lo):
            return False
        log = self.hi > self.lo * 10 ** LOG_DECADES
        wanted = (self.lo, self.hi, log)
        if wanted == self.shown:
            return False
        self.shown, self.log = wanted, log
        return True

    def shown_range(self) -> tuple[float, float]:
        """The axis range: the rates with a margin (in log10 units when logarithmic); 0 at the bottom
        of a linear axis so a halved rate looks halved."""
        if self.log:
            a, b = math.log10(self.lo), math.log10(self.hi)
            return a - 0.1 * (b - a), b + 0.1 * (b - a)
        return 0.0, self.hi * 1.15
