"""Slice surfaces and costly sections computed off the GUI thread: the window keeps animating meanwhile.

Every `SliceWorker` (one per view that asks) hands its requests to one shared background thread, which
passes them to one long-lived second Python process (engine/slice_process.py) and waits, its interpreter
lock released, for the answer. The grids of the surface and of every section take turns on one core,
and the GUI thread neither shares a core with them nor waits for the lock while they are computed. While
the process starts (~0.2 s), when it cannot start or has died, and for an objective that does not
pickle, the thread computes the grid itself, as all of them were computed before; a dead process is
started again later.

Each worker keeps only its newest request. A newer request or `cancel()` makes the one running stale:
the thread tells the process, whose engine polls between chunks and raises `Cancelled`. Workers with
waiting requests are served in turn. Results reach the GUI thread through `computed(request, grid)`,
one per frame at most (each one redraws its view).
"""
from __future__ import annotations

import atexit
import os
from collections import deque
import threading
import time
import weakref
from dataclasses import dataclass

import numpy as np
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ..engine.persample import Cancelled
from ..engine.slice_process import SliceProcess, Unavailable
from ..engine.surface import loss_grid

READY_POLL_S = 0.02  # while the process starts, the idle thread looks this often whether it is ready


@dataclass(frozen=True)
class SliceRequest:
    """One grid to compute: the objective's loss over h × v on `axes`, the others held at `fixed`."""

    objective: object
    h: np.ndarray
    v: np.ndarray
    fixed: np.ndarray
    axes: tuple[int, int]
    tag: object = None  # whatever the asker needs to match the answer (range, pair, held values)


class _Bridge(QObject):
    """Lives on the GUI thread; its signal, emitted by the background thread, is queued to it."""

    done = Signal(object, object, object)  # (worker ref, request, grid or None)


class _Pool:
    """The one background thread and its queue: the newest request of each worker, served in turn by the
    slice process."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._waiting: dict[int, tuple[weakref.ref, SliceRequest]] = {}  # id(worker) → newest request
        self._bridge = _Bridge(QCoreApplication.instance())  # created on the GUI thread
        self._bridge.done.connect(_deliver)
        self._stopping = False
        self.process = SliceProcess()  # used by the thread only (and stopped by `stop`)
        self.ready = threading.Event()  # set while the process serves the grids
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        threading.Thread(target=self._loop, name="gdviz-slices", daemon=True).start()

    def submit(self, worker: SliceWorker, request: SliceRequest) -> None:
        with self._cond:
            self._waiting.pop(id(worker), None)  # to the back of the queue: the others take their turn
            self._waiting[id(worker)] = (weakref.ref(worker), request)
            self._cond.notify()

    def drop(self, worker: SliceWorker) -> None:
        with self._cond:
            self._waiting.pop(id(worker), None)

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._waiting.clear()
            self._cond.notify()
        self.process.close()

    def _loop(self) -> None:
        _lower_priority()
        try:
            self._serve()
        finally:
            self.process.close()

    def _serve(self) -> None:
        self._poll_ready()  # the process starts with the first request, while the thread computes it
        while True:
            with self._cond:
                if not self._waiting and not self._stopping:
                    self._cond.wait(self.process.due_in(READY_POLL_S))
                if self._stopping:
                    return
                job = self._waiting.pop(next(iter(self._waiting))) if self._waiting else None
            if job is None:  # the lock is free meanwhile: starting a process takes milliseconds
                self._poll_ready()
                continue
            ref, request = job
            grid = self._compute(request, lambda: self._stopping or _stale(ref, request))
            if self._stopping:
                return
            try:
                self._bridge.done.emit(ref, request, grid)
            except RuntimeError:  # the application is going away
                return

    def _poll_ready(self) -> bool:
        if self.process.poll_ready():
            self.ready.set()
            return True
        self.ready.clear()
        return False

    def _compute(self, r: SliceRequest, cancel) -> np.ndarray | None:
        """The grid from the process, or computed here when the process cannot."""
        if self._poll_ready():
            try:
                return self.process.compute(r.objective, r.h, r.v, r.fixed, r.axes, cancel)
            except Unavailable:
                self._poll_ready()
        return _compute(r, cancel)


def _lower_priority() -> None:
    """Background work yields the cores to the GUI thread and Qt's own helper threads (as the QThreads
    it replaced ran at QThread.LowPriority)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)  # Linux: a thread's own nice value
    except (AttributeError, OSError):  # other systems: normal priority
        pass


def _stale(ref: weakref.ref, request: SliceRequest) -> bool:
    worker = ref()
    return worker is None or worker._latest is not request


def _compute(r: SliceRequest, cancel) -> np.ndarray | None:
    try:
        return loss_grid(r.objective, r.h, r.v, fixed=r.fixed, axes=r.axes, cancel=cancel)
    except Cancelled:
        return None
    except (ArithmeticError, ValueError, MemoryError):  # nothing drawn rather than a crash on a thread
        return None


class _Deliveries(QObject):
    """Answers reach their views one per frame: a new slice (its colours and contour lines) and four new
    sections that came back together were all drawn in one frame, three times a normal one."""

    GAP_MS = 8  # at most one answer drawn in this time (a frame at 120 frames a second)

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self._waiting: deque[tuple[weakref.ref, SliceRequest, object]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._next)
        self._last = 0.0

    def add(self, ref: weakref.ref, request: SliceRequest, grid) -> None:
        self._waiting.append((ref, request, grid))
        if not self._timer.isActive():
            wait = self.GAP_MS - 1000 * (time.monotonic() - self._last)
            self._timer.start(max(0, int(wait)))

    def _next(self) -> None:
        while self._waiting:  # stale answers (a newer request, a closed view) are dropped without a turn
            ref, request, grid = self._waiting.popleft()
            worker = ref()
            if worker is not None and shiboken6.isValid(worker) and worker._finished(request, grid):
                self._last = time.monotonic()
                break
        if self._waiting:
            self._timer.start(self.GAP_MS)


_DELIVERIES: _Deliveries | None = None


def _deliver(ref: weakref.ref, request: SliceRequest, grid) -> None:
    """An answer from the background thread, on the GUI thread: drawn in its turn."""
    global _DELIVERIES
    if _DELIVERIES is None or not shiboken6.isValid(_DELIVERIES):
        _DELIVERIES = _Deliveries()
    _DELIVERIES.add(ref, request, grid)


_POOL: _Pool | None = None


def _pool() -> _Pool:
    global _POOL
    if _POOL is None or _POOL._stopping:
        _POOL = _Pool()
    return _POOL


def process_ready(ms: int = 10_000) -> bool:
    """Wait until the slice process serves the grids (benchmarks, tests); False on timeout."""
    return _pool().ready.wait(ms / 1000)


@atexit.register
def _stop_pool() -> None:
    """An application that ends without aboutToQuit (tests, scripts) stops the process too."""
    if _POOL is not None:
        _POOL.stop()


class SliceWorker(QObject):
    """Computes slice grids off the GUI thread; `computed(request, grid)` on the GUI thread, for the
    newest request only."""

    computed = Signal(object, object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._latest: SliceRequest | None = None  # read by the background thread: its cancel test

    @property
    def busy(self) -> bool:
        """Whether a grid is being computed or waits its turn."""
        return self._latest is not None

    def request(self, request: SliceRequest) -> None:
        """Compute `request` next: the running one is cancelled, an older waiting one dropped."""
        self._latest = request
        _pool().submit(self, request)

    def cancel(self) -> None:
        """Drop the waiting request and cancel the running one."""
        self._latest = None
        if _POOL is not None:
            _POOL.drop(self)

    def wait(self, ms: int = 5000) -> bool:
        """Block until no grid is being computed (tests, closing); False on timeout."""
        deadline = time.monotonic() + ms / 1000
        while self._latest is not None:
            QCoreApplication.processEvents()  # delivers the answer (queued from the background thread)
            if self._latest is None:
                break
            if time.monotonic() > deadline:
                return False
            time.sleep(0.002)
        return True

    def _finished(self, request: SliceRequest, grid) -> bool:
        """Hand on the answer to the newest request; whether there was one to draw."""
        if request is not self._latest:
            return False  # overtaken by a newer request, or cancelled
        self._latest = None
        if grid is None:
            return False
        self.computed.emit(request, grid)
        return True
