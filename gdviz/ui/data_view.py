"""The data with the evolving fitted line, residuals, the optimum and the current batch; in a race,
one line per runner; faint dashed lines where abandoned futures ended."""
from __future__ import annotations

from collections import deque

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem

from ..engine import Race, Run, Snapshot, Status
from ..engine.race import MAX_RUNS
from . import theme
from .controller import MAX_GHOSTS, Ghost, RaceItem
from .items import Curve, Rings, Scatter
from .theme import entry_colour

MAX_DRAWN = 20_000  # above this many points draw a fixed random sample (PERFORMANCE.md)
MAX_RESIDUALS = 400
MAX_TRAIL = 50
MAX_PINS = 12
GHOST_ALPHA = 120
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


def _frame(lo: float, hi: float, margin: float = 0.08) -> tuple[float, float]:
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    return lo - margin * span, hi + margin * span


class DataView(pg.PlotWidget):
    """Listens to snapshots; draws the points once and moves the line."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("dataView")
        theme.tune_view(self)
        plot = self.getPlotItem()
        theme.style_plot(plot, "x", "y", "Data and fitted line")
        plot.setMenuEnabled(False)
        self.legend = plot.addLegend(offset=(10, 10), labelTextSize="12pt", brush=pg.mkBrush(255, 255, 255, 200))
        self.train = Scatter(size=9, pen=pg.mkPen("w", width=0.8), brush=theme.TRAIN, name="train")
        self.val = Scatter(size=9, pen=pg.mkPen("w", width=0.8), brush=theme.VAL, symbol="t",
                                      name="validation")
        for item in (self.train, self.val):
            item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.residuals = Curve(theme.pen(theme.MUTED, 1.2), connect="pairs")
        self.optimum = Curve(theme.pen(theme.OPTIMUM, 2.0, Qt.DashLine))
        self.line = Curve(theme.pen(theme.LINE, 4.0))
        self.batch = Rings(17, pg.mkPen(theme.BATCH, width=2.5))
        # the legend's sample of the rings (a scatter, never in the scene)
        self._batch_sample = Scatter(size=17, pen=pg.mkPen(theme.BATCH, width=2.5), brush=None)
        self.trail_items = [Curve() for _ in range(MAX_TRAIL)]
        for item in self.trail_items:
            item.hide()  # shown one by one as the trail grows
        self.pin_items = [Curve(theme.pen(theme.MUTED, 2.0)) for _ in range(MAX_PINS)]
        self.pin_labels = [pg.TextItem(color="#444", anchor=(1, 1)) for _ in range(MAX_PINS)]
        self.ghost_lines = [Curve() for _ in range(MAX_GHOSTS)]
        self.race_lines = [Curve() for _ in range(MAX_RUNS - 1)]  # runners 2…6; the first is `line`
        for item in (*self.trail_items, *self.pin_items, *self.pin_labels, self.residuals, self.train,
                     self.val, self.optimum, *self.ghost_lines, *self.race_lines, self.line, self.batch):
            plot.addItem(item)
        for item in (*self.ghost_lines, *self.race_lines):
            item.hide()
        for item in (*self.ghost_lines, self.optimum):  # still while the line moves
            item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        for label in self.pin_labels:
            label.setFont(pg.QtGui.QFont("", 11))
        self.trail_length = 0
        self._trail_drawn = 0  # trail items currently shown
        self._trail_alpha: list[int | None] = [None] * MAX_TRAIL
        self._trail: deque[tuple[int, tuple[float, ...]]] = deque(maxlen=MAX_TRAIL)
        self.pinned_steps: list[int] = []
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
        self._diverged: list[int | None] = []  # each runner's divergence step shown in the legend
        self._ghosts: list[Ghost] = []
        self._ghosts_dirty = False
        self._build_legend()

    def _build_legend(self) -> None:
        """The data, the least-squares line, the fitted line and the batch; in a race the training
        data, the least-squares line and one line per runner (kept short: it shares the corner)."""
        self.legend.clear()
        if self._race is None:
            lines = [(self.line, "fitted line")]
            has_val = self._run is not None and self._run.dataset is not None and self._run.dataset.n_val > 0
            rows = [(self.train, "train"), *([(self.val, "validation")] if has_val else []),
                    (self.optimum, "least squares"), *lines, (self._batch_sample, "current batch")]
        else:
            lines = list(zip((self.line, *self.race_lines), (e.name for e in self._race.entries)))
            rows = [(self.train, "train"), (self.optimum, "least squares"), *lines]
        for item, name in rows:
            self.legend.addItem(item, name)
        theme.cache_tree(self.legend)
        self._diverged = [None] * len(lines)

    def set_race(self, race: Race | None) -> None:
        """A race starts (one line per runner in its colour; the primary keeps `line`) or ends (None)."""
        self._race, self._race_items = race, []
        self._colours = [] if race is None else [entry_colour(e) for e in race.entries]
        self.line.setPen(theme.pen(theme.LINE if race is None else self._colours[0], 4.0))
        # a runner may be green: the least-squares line turns dark grey so the two are not confused
        self.optimum.setPen(theme.pen(theme.OPTIMUM if race is None else "#444444", 2.0, Qt.DashLine))
        for i, item in enumerate(self.race_lines):
            if race is not None and i + 1 < len(race.runs):
                item.setPen(theme.pen(self._colours[i + 1], 3.5))
            item.hide()
        self._build_legend()
        self._ghosts_dirty = True

    def set_ghosts(self, ghosts: list[Ghost]) -> None:
        """Abandoned futures: each one's last line stays drawn, faint and dashed."""
        self._ghosts = list(ghosts)
        self._ghosts_dirty = True
        if self._last is not None and self.isVisible():
            self._draw_ghosts()

    def set_run(self, run: Run) -> None:
        """New data or model: draw the points and fix the axes (they stay still while the line moves)."""
        self._run = run
        self._trail.clear()
        self._batch_shown = None
        self.batch.setData([], [])
        ds = run.dataset
        if ds is None:  # function mode: nothing to fit
            return
        plot = self.getPlotItem()
        plot.getAxis("bottom").setLabel(ds.x_label, **{"font-size": f"{theme.AXIS_PT}pt"})
        plot.getAxis("left").setLabel(ds.y_label, **{"font-size": f"{theme.AXIS_PT}pt"})
        rng = np.random.default_rng(0)
        shown = []
        for item, x, y in ((self.train, ds.x_train, ds.y_train), (self.val, ds.x_val, ds.y_val)):
            rows = np.arange(len(x)) if len(x) <= MAX_DRAWN else np.sort(rng.choice(len(x), MAX_DRAWN, replace=False))
            item.setData(x[rows], y[rows])
            shown.append(len(rows))
        total = ds.n_train + ds.n_val
        note = "" if sum(shown) == total else f"  (showing {sum(shown):,} of {total:,} points)"
        plot.setTitle(f"Data: {ds.name}{note}", size=f"{theme.AXIS_PT + 1}pt", color="k")
        self._build_legend()
        self.legend.setVisible(True)
        self._residual_rows = np.linspace(0, ds.n_train - 1, min(ds.n_train, MAX_RESIDUALS)).astype(int)
        x_all = np.concatenate([ds.x_train, ds.x_val])
        y_all = np.concatenate([ds.y_train, ds.y_val])
        preset = ds.preset
        x_range = preset.x_range or _frame(float(x_all.min()), float(x_all.max()))
        y_range = preset.y_range or self._y_frame(run, x_range, y_all)
        self._x_span, self._y_span = x_range, y_range
        plot.setXRange(*x_range, padding=0)
        plot.setYRange(*y_range, padding=0)
        plot.disableAutoRange()
        xs = np.array(x_range)
        opt = np.array([run.optimum[name] for name in run.param_names])
        self.optimum.setData(xs, run.objective.predict(opt, xs))
        self._last = None
        self._trail.clear()
        self._ghosts_dirty = True

    @staticmethod
    def _y_frame(run: Run, x_range: tuple[float, float], y: np.ndarray) -> tuple[float, float]:
        """The data's range, widened to show the starting line (by at most one data span each way)."""
        lo, hi = float(y.min()), float(y.max())
        span = hi - lo if hi > lo else max(abs(hi), 1.0)
        start = run.objective.predict(run.initial_params, np.array(x_range))
        if np.all(np.isfinite(start)):
            lo = max(min(lo, float(start.min())), lo - span)
            hi = min(max(hi, float(start.max())), hi + span)
        return _frame(lo, hi, 0.08)

    def on_snapshot(self, snap: Snapshot) -> None:
        """Move the line (and residuals, batch marks) to the snapshot's parameters."""
        self._last = snap
        if self._run is None or not self.isVisible() or self._run.is_function:
            return
        obj = self._run.objective
        params = np.array(snap.params)
        xs = np.array(self._x_span)
        self.line.setData(xs, obj.predict(params, xs))
        self._draw_trail(snap, xs)
        self._draw_pins(snap, xs)
        ds = self._run.dataset
        if self.show_residuals:
            rows = self._residual_rows
            x, y = ds.x_train[rows], ds.y_train[rows]
            seg_x = np.repeat(x, 2)
            seg_y = np.column_stack([y, obj.predict(params, x)]).ravel()
            self.residuals.setData(seg_x, seg_y)
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

    def on_race_snapshots(self, items: list[RaceItem]) -> None:
        """Every other runner's line; a diverged runner says so in the legend (its line stays put)."""
        self._race_items = items
        if not items or self._run is None or not self.isVisible() or self._run.is_function:
            return
        xs = np.array(self._x_span)
        for i, item in enumerate(self.race_lines):
            if i + 1 < len(items):
                _entry, run, snap = items[i + 1]
                item.setData(*self._cut(xs, run.objective.predict(np.array(snap.params), xs)))
                item.show()
        for i, (entry, _run, snap) in enumerate(items):
            at = snap.diverged_at if snap.status is Status.DIVERGED else None
            if i < len(self._diverged) and at != self._diverged[i]:
                self._diverged[i] = at
                text = entry.name if at is None else f"{entry.name} ✕ diverged"
                label = self.legend.getLabel((self.line, *self.race_lines)[i])
                if label is not None:
                    label.setText(text, color=theme.DIVERGED if at is not None else "k")

    def _cut(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        y0, y1 = self._y_span
        return clip_line(xs, ys, y0 - BAND * (y1 - y0), y1 + BAND * (y1 - y0))

    def _draw_ghosts(self) -> None:
        self._ghosts_dirty = False
        if self._run is None or self._run.is_function:
            return
        colour = theme.LINE if self._race is None else self._colours[0]
        xs = np.array(self._x_span)
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
        for i, item in enumerate(self.trail_items[:max(len(shown), self._trail_drawn)]):
            if i < len(shown):
                age = len(shown) - i  # 1 = newest
                alpha = int(20 + 150 * (1 - (age - 1) / max(1, len(shown))))
                if self._trail_alpha[i] != alpha:  # a new pen only when the fading changes
                    self._trail_alpha[i] = alpha
                    item.setPen(theme.pen(theme.faded(theme.LINE, alpha), 2.0))
                item.setData(xs, obj.predict(np.array(shown[i][1]), xs))
                item.setVisible(True)
            else:
                item.setVisible(False)
        self._trail_drawn = len(shown)

    def _draw_pins(self, snap: Snapshot, xs: np.ndarray) -> None:
        """Lines at pinned steps already reached (tutorial 003's 10, 20, 30, 100, 1000 epochs)."""
        h = self._run.history
        steps = h.column("step")
        reached = [s for s in self.pinned_steps if s <= snap.step][:MAX_PINS]
        obj = self._run.objective
        for i, (item, label) in enumerate(zip(self.pin_items, self.pin_labels)):
            if i < len(reached):
                j = h.index_at_or_before(reached[i])
                ys = obj.predict(h.column("params")[j], xs)
                item.setData(xs, ys)
                label.setText(f"step {int(steps[j]):,}")
                label.setPos(xs[1], ys[1])
            item.setVisible(i < len(reached))
            label.setVisible(i < len(reached))

    def set_trail_length(self, n: int) -> None:
        """How many earlier lines to show, fading with age (0: none)."""
        self.trail_length = max(0, min(MAX_TRAIL - 1, int(n)))
        if self._last is not None:
            self.on_snapshot(self._last)

    def set_pinned_steps(self, steps: list[int]) -> None:
        """Steps whose lines stay drawn once reached."""
        self.pinned_steps = sorted(set(int(s) for s in steps if s >= 0))
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
