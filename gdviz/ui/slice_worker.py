"""Slice surfaces computed off the GUI thread: the window keeps animating while a grid is worked out.

A `SliceWorker` runs one `SliceRequest` at a time on a QThread. A newer request cancels the one
running (the engine polls `cancel()` between chunks and raises `Cancelled`) and waits its turn;
only the newest waiting request is kept. Results come back to the GUI thread through `computed`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from ..engine.persample import Cancelled
from ..engine.surface import loss_grid


@dataclass(frozen=True)
class SliceRequest:
    """One grid to compute: the objective's loss over h × v on `axes`, the others held at `fixed`."""

    objective: object
    h: np.ndarray
    v: np.ndarray
    fixed: np.ndarray
    axes: tuple[int, int]
    tag: object = None  # whatever the asker needs to match the answer (range, pair, held values)


class _Job(QThread):
    """One request on its own thread; emits (request, grid) unless cancelled or failed."""

    computed = Signal(object, object)

    def __init__(self, request: SliceRequest) -> None:
        super().__init__(QCoreApplication.instance())  # outlives a view closed while it runs
        self.request = request

    def run(self) -> None:
        r = self.request
        try:
            z = loss_grid(r.objective, r.h, r.v, fixed=r.fixed, axes=r.axes, cancel=self.isInterruptionRequested)
        except Cancelled:
            return
        except (ArithmeticError, ValueError, MemoryError):  # nothing drawn rather than a crash on a thread
            return
        self.computed.emit(r, z)


class SliceWorker(QObject):
    """Computes slice grids one at a time on a worker thread; `computed(request, grid)` on the GUI thread."""

    computed = Signal(object, object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._job: _Job | None = None
        self._waiting: SliceRequest | None = None

    @property
    def busy(self) -> bool:
        """Whether a grid is being computed or waits its turn."""
        return self._job is not None or self._waiting is not None

    def request(self, request: SliceRequest) -> None:
        """Compute `request` next: the running one is cancelled, an older waiting one dropped."""
        if self._job is None:
            self._start(request)
            return
        self._waiting = request
        self._job.requestInterruption()

    def cancel(self) -> None:
        """Drop the waiting request and cancel the running one."""
        self._waiting = None
        if self._job is not None:
            self._job.requestInterruption()

    def wait(self, ms: int = 5000) -> bool:
        """Block until no grid is being computed (tests, closing); False on timeout."""
        while self._job is not None:
            job = self._job
            if not job.wait(ms):
                return False
            QCoreApplication.processEvents()  # deliver `finished` (it starts any waiting request)
            if self._job is job:  # finished was not delivered yet: do it here
                self._finished(job)
        return True

    def _start(self, request: SliceRequest) -> None:
        job = _Job(request)
        job.computed.connect(self._deliver)
        job.finished.connect(self._job_finished)  # a bound method: queued to this (the GUI) thread
        self._job = job
        job.start(QThread.LowPriority)

    def _deliver(self, request: SliceRequest, z: np.ndarray) -> None:
        if self._waiting is None:  # an answer already overtaken by a newer request is not shown
            self.computed.emit(request, z)

    def _job_finished(self) -> None:
        if self._job is not None and self._job.isFinished():
            self._finished(self._job)

    def _finished(self, job: _Job) -> None:
        if self._job is not job:
            return
        self._job = None
        job.deleteLater()
        if self._waiting is not None:
            request, self._waiting = self._waiting, None
            self._start(request)
