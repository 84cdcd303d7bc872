"""Training and validation loss against step, with a marker at the current step."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from ..engine import Run, Snapshot
from . import theme

TINY = 1e-300  # floor for log scale (loss can reach exactly 0 on exact data)


class LossView(pg.PlotWidget):
    """Listens to snapshots and reads the run's history buffers (no copies)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("lossView")
        plot = self.getPlotItem()
        theme.style_plot(plot, "step", "loss", "Loss")
        plot.setMenuEnabled(False)
        plot.addLegend(offset=(-10, 10), labelTextSize="12pt")
        opts = dict(skipFiniteCheck=True, clipToView=True, autoDownsample=True, downsampleMethod="peak")
        self.train = pg.PlotDataItem(pen=theme.pen(theme.TRAIN, 3.0), name="training loss", **opts)
        self.val = pg.PlotDataItem(pen=theme.pen(theme.VAL, 3.0, Qt.DashLine), name="validation loss", **opts)
        self.cursor = pg.InfiniteLine(angle=90, pen=theme.pen(theme.MUTED, 1.5, Qt.DotLine))
        self.dot = pg.ScatterPlotItem(size=13, brush=theme.LINE, pen=pg.mkPen("w", width=1.5))
        for item in (self.train, self.val, self.cursor, self.dot):
            plot.addItem(item)
        plot.disableAutoRange()
        self.log_scale = False
        self._run: Run | None = None
        self._x_max = 20.0
        self._y = (math.inf, -math.inf)  # loss range seen so far
        self._seen_rows = 0
        self._last: Snapshot | None = None

    def set_run(self, run: Run) -> None:
        """A new run: forget the ranges."""
        self._run = run
        self.val.setVisible(run.has_validation)
        self._reset_ranges()

    def _reset_ranges(self) -> None:
        self._x_max = 20.0
        self._y = (math.inf, -math.inf)
        self._seen_rows = 0

    def set_log_scale(self, on: bool) -> None:
        """Logarithmic loss axis."""
        self.log_scale = on
        self.getPlotItem().setLogMode(y=on)
        self._seen_rows = 0
        self._y = (math.inf, -math.inf)
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
        if self.log_scale:
            train = np.maximum(train, TINY)
            val = None if val is None else np.maximum(val, TINY)
        self.train.setData(steps, train)
        if val is not None:
            self.val.setData(steps, val)
        self.cursor.setPos(snap.step)
        y = max(snap.train_loss, TINY) if self.log_scale else snap.train_loss
        self.dot.setData([snap.step], [math.log10(y) if self.log_scale else y])

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
