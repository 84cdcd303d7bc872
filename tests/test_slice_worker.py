"""SliceWorker: grids from the slice process on the GUI thread, the newest request only, cancel, and the
thread computing them itself when the process is gone."""
import os
import signal
import time

import numpy as np
import pytest

from gdviz.engine import builtin
from gdviz.engine.persample import SampleObjective
from gdviz.engine.surface import loss_grid
from gdviz.engine.types import ModelKind
from gdviz.ui import slice_worker
from gdviz.ui.slice_worker import SliceRequest, SliceWorker, process_ready

from test_slice_process import START, long_objective

H, V = np.linspace(-2.0, 3.0, 200), np.linspace(-10.0, 10.0, 200)


@pytest.fixture
def worker(qapp):
    assert process_ready(30_000), "the slice process did not start"
    w = SliceWorker()
    answers = []
    w.computed.connect(lambda request, grid: answers.append((request, grid)))
    w.answers = answers
    yield w
    w.cancel()
    w.wait()


def ask(worker: SliceWorker, obj, held=START, h=H, v=V, tag=None) -> SliceRequest:
    request = SliceRequest(obj, h, v, np.asarray(held, float), (0, 1), tag)
    worker.request(request)
    return request


def test_the_answer_is_the_grid_of_the_process(worker):
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    request = ask(worker, obj)
    assert worker.busy and worker.wait()
    assert not worker.busy and len(worker.answers) == 1
    answered, grid = worker.answers[0]
    assert answered is request and np.array_equal(grid, loss_grid(obj, H, V, START, (0, 1)))


def test_a_newer_request_cancels_the_running_one(worker):
    obj = long_objective(30_000)  # ~3 s a grid
    ask(worker, obj, h=H[:2], v=V[:2])
    worker.wait(30_000)  # the process has the objective
    start = time.perf_counter()
    ask(worker, obj, tag="old")
    time.sleep(0.1)
    newer = ask(worker, obj, START + 0.5, H[:5], V[:5], "new")
    assert worker.wait(30_000)
    assert time.perf_counter() - start < 1.5  # not after the old grid
    assert [r.tag for r, _ in worker.answers[1:]] == ["new"]
    assert np.array_equal(worker.answers[-1][1], loss_grid(obj, newer.h, newer.v, newer.fixed, (0, 1)))


def test_cancel_drops_the_running_grid(worker, qtbot):
    obj = long_objective(30_000)
    ask(worker, obj, h=H[:2], v=V[:2])
    worker.wait(30_000)
    ask(worker, obj)
    time.sleep(0.1)
    worker.cancel()
    assert not worker.busy
    other = SliceWorker()  # the thread and the process are free again at once
    try:
        start = time.perf_counter()
        ask(other, obj, h=H[:5], v=V[:5])
        assert other.wait(30_000) and time.perf_counter() - start < 1.0
        qtbot.wait(20)
        assert len(worker.answers) == 1  # the cancelled grid never came
    finally:
        other.deleteLater()


def test_a_killed_process_still_gives_the_answer(worker, monkeypatch):
    monkeypatch.setattr("gdviz.engine.slice_process.RESTART_S", 0.05)
    obj = long_objective(8_000)
    h, v = H[::2], V[::2]  # ~0.3 s a grid, in the process and then in the thread
    request = ask(worker, obj, h=h, v=v)
    time.sleep(0.1)
    pid = slice_worker._POOL.process.pid
    os.kill(pid, signal.SIGKILL)
    assert worker.wait(30_000)
    assert worker.answers and worker.answers[-1][0] is request
    assert np.array_equal(worker.answers[-1][1], loss_grid(obj, h, v, START, (0, 1)))
    assert process_ready(30_000) and slice_worker._POOL.process.pid != pid  # started again
    ask(worker, obj, START + 1, H[:5], V[:5])
    assert worker.wait(30_000)
    assert np.array_equal(worker.answers[-1][1], loss_grid(obj, H[:5], V[:5], START + 1, (0, 1)))


def test_without_the_process_the_thread_computes_the_grid(worker, monkeypatch):
    monkeypatch.setattr(slice_worker.SliceProcess, "poll_ready", lambda self: False)
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    ask(worker, obj)
    assert worker.wait()
    assert np.array_equal(worker.answers[-1][1], loss_grid(obj, H, V, START, (0, 1)))


def test_answers_that_come_back_together_are_drawn_one_per_frame(qapp):
    """Two views' answers queued at once reach their views at least a frame apart; a stale answer (its view
    asked again meanwhile) is dropped without taking a turn."""
    from PySide6.QtCore import QCoreApplication

    first, second, stale = SliceWorker(), SliceWorker(), SliceWorker()
    drawn = []
    for name, w in (("first", first), ("second", second), ("stale", stale)):
        w.computed.connect(lambda request, grid, name=name: drawn.append((name, time.monotonic())))
    grid = np.zeros((2, 2))
    requests = {}
    for name, w in (("stale", stale), ("first", first), ("second", second)):
        requests[name] = SliceRequest(None, H, V, np.zeros(2), (0, 1))
        w._latest = requests[name]  # as if asked: the answers below are queued as the thread queues them
    stale._latest = SliceRequest(None, H, V, np.ones(2), (0, 1))  # asked again: the first answer is stale
    for name, w in (("stale", stale), ("first", first), ("second", second)):
        slice_worker._deliver(slice_worker.weakref.ref(w), requests[name], grid)
    deadline = time.monotonic() + 2
    while len(drawn) < 2 and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.001)
    assert [name for name, _ in drawn] == ["first", "second"]
    assert drawn[1][1] - drawn[0][1] >= 0.9 * slice_worker._Deliveries.GAP_MS / 1000
    assert not first.busy and not second.busy and stale.busy  # the stale one still waits for its answer
    stale.cancel()
