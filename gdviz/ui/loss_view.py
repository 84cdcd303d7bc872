"""Training and validation loss against step, with a marker at the current step."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from ..engine import Run, Snapshot
from . import theme

TINY = 1e-300  # floor for log scale (loss can reach exactly 0 on exact data)
RAW_LIMIT = 8192  # rows drawn as they are; older rows are drawn from a min/max summary


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
            self.lo = np.concatenate([self.lo, seg.min(axis=1)])
            self.hi = np.concatenate([self.hi, seg.max(axis=1)])
            self.done = end
            while len(self.lo) > self.max_blocks:
                m = len(self.lo) // 2 * 2
                self.x = self.x[:m:2]
                self.lo = np.minimum(self.lo[:m:2], self.lo[1:m:2])
                self.hi = np.maximum(self.hi[:m:2], self.hi[1:m:2])
                self.block *= 2
                self.done = int(m // 2 * self.block) if m else 0
                self.done = min(self.done, n)
        if not len(self.lo):
            return x, y
        sx = np.repeat(self.x, 2)
        sy = np.column_stack([self.lo, self.hi]).ravel()
        return np.concatenate([sx, x[self.done:]]), np.concatenate([sy, y[self.done:]])


class LossView(pg.PlotWidget):
    """Listens to snapshots and reads the run's history buffers (no copies)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("lossView")
        plot = self.getPlotItem()
        theme.style_plot(plot, "step", "loss", "Loss")
        plot.setMenuEnabled(False)
        plot.addLegend(offset=(-10, 10), labelTextSize="12pt")
        # antialiasing the long curves tripled the frame cost; at 3 px they read well without it
        self.train = pg.PlotDataItem(pen=theme.pen(theme.TRAIN, 3.0), name="training loss", skipFiniteCheck=True,
                                     antialias=False)
        self.val = pg.PlotDataItem(pen=theme.pen(theme.VAL, 3.0, Qt.DashLine), name="validation loss",
                                   skipFiniteCheck=True, antialias=False)
        self.cursor = pg.InfiniteLine(angle=90, pen=theme.pen(theme.MUTED, 1.5, Qt.DotLine))
        self.dot = theme.Marker(13, theme.LINE, pg.mkPen("w", width=1.5))
        for item in (self.train, self.val, self.cursor, self.dot):
            plot.addItem(item)
        # PlotItem.addItem imposes the plot's own modes on curves, so set them on the plot
        plot.setDownsampling(auto=True, mode="peak")
        plot.setClipToView(True)
        plot.disableAutoRange()
        self.log_scale = False
        self._run: Run | None = None
        self._x_max = 20.0
        self._y = (math.inf, -math.inf)  # loss range seen so far
        self._seen_rows = 0
        self._last: Snapshot | None = None
        self._summaries = (PeakSummary(), PeakSummary())

    def set_run(self, run: Run) -> None:
        """A new run: forget the ranges."""
        self._run = run
        self.val.setVisible(run.has_validation)
        self._reset_ranges()

    def _reset_ranges(self) -> None:
        for summary in getattr(self, "_summaries", ()):
            summary.reset()
        self._x_max = 20.0
        self._y = (math.inf, -math.inf)
        self._seen_rows = 0

    def set_log_scale(self, on: bool) -> None:
        """Logarithmic loss axis."""
        self.log_scale = on
        self.getPlotItem().setLogMode(y=on)
        self._reset_ranges()
        if self._last is not None:
            self.on_snapshot(self._last)

    def on_snapshot(self, snap: Snapshot) -> None:
        """Append what is new and move the marker."""
        self._last = snap
        if self._run is None or not self.isVisible():
            return
        h = self._run.history
        steps = h.column("step")
        train = h.column("train_loss")
        if len(steps) < self._seen_rows or snap.step < self._x_max / 8:  # stepped back or reset
            self._reset_ranges()
        val = h.column("val_loss") if self._run.has_validation else None
        self._grow_ranges(snap.step, train, val)
        for item, summary, ys in ((self.train, self._summaries[0], train), (self.val, self._summaries[1], val)):
            if ys is None:
                continue
            xs, ys = summary.update(steps, ys)
            item.setData(xs, np.maximum(ys, TINY) if self.log_scale else ys)
        self.cursor.setPos(snap.step)
        y = math.log10(max(snap.train_loss, TINY)) if self.log_scale else snap.train_loss
        self.dot.setData([snap.step], [y])  # a plain item: in log mode it needs log10 coordinates

    def _grow_ranges(self, step: int, train: np.ndarray, val: np.ndarray | None) -> None:
        """Ranges set by the program, grown in jumps (autorange every frame costs two repaints)."""
        plot = self.getPlotItem()
        new = slice(self._seen_rows, len(train))
        self._seen_rows = len(train)
        lo, hi = self._y
        for arr in (train, val):
            if arr is not None and new.stop > new.start:
                part = arr[new]
                part = part[np.isfinite(part)]
                if len(part):
                    lo, hi = min(lo, float(part.min())), max(hi, float(part.max()))
        changed = (lo, hi) != self._y
        self._y = (lo, hi)
        if step > 0.95 * self._x_max or changed:
            while step > 0.95 * self._x_max:
                self._x_max *= 2
            plot.setXRange(0, self._x_max, padding=0.02)
        if changed and math.isfinite(lo):
            if self.log_scale:
                a, b = math.log10(max(lo, TINY)), math.log10(max(hi, TINY))
                plot.setYRange(a - 0.1 * (b - a + 1), b + 0.1 * (b - a + 1), padding=0)
            else:
                top = hi if hi > 0 else 1.0
                plot.setYRange(min(0.0, lo), top * 1.08, padding=0)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._last is not None:
            self.on_snapshot(self._last)
