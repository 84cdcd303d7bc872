"""The slice process (engine/slice_process.py): the same grids as in this process, its row cache, cancel,
a process killed or unable to take an objective."""
import multiprocessing
import os
import pickle
import signal
import time

import numpy as np
import pytest

from gdviz.engine import builtin
from gdviz.engine.datasets import Dataset, Preset
from gdviz.engine.functions import FunctionObjective
from gdviz.engine.persample import SampleObjective
from gdviz.engine.slice_process import SliceProcess, Unavailable, _Server
from gdviz.engine.surface import forget_rows, loss_grid
from gdviz.engine.types import LiveSettings, LossKind, ModelKind, Reduction

H, V = np.linspace(-2.0, 3.0, 60), np.linspace(-10.0, 10.0, 50)
START = np.array([1.0, 0.0, 1.0, 0.0])
NEVER = lambda: False  # noqa: E731


def long_objective(n: int = 10_000) -> SampleObjective:
    """A two-layer model on n points: a 200 × 200 slice of it takes about a second."""
    x = np.random.default_rng(0).normal(0, 1, n)
    data = Dataset("curve", "x", "y", x, 2 / (1 + np.exp(-x)), x[:0], x[:0],
                   Preset(ModelKind.TWO_LAYER, Reduction.MEAN, LiveSettings(), {}))
    return SampleObjective(data, ModelKind.TWO_LAYER)


@pytest.fixture
def process():
    proc = SliceProcess()
    deadline = time.monotonic() + 30
    while not proc.poll_ready():
        assert time.monotonic() < deadline, "the slice process did not start"
        time.sleep(0.005)
    yield proc
    proc.close()


def test_the_process_computes_the_same_grids_bit_for_bit(process):
    objectives = [SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER),
                  SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER, LossKind.HUBER),
                  SampleObjective(builtin("quadratic"), ModelKind.POLY, degree=3, shift=0.1, scale=1.7)]
    for obj in objectives:
        p = np.linspace(0.5, -0.5, len(obj.param_names))
        for held in (p, p + 0.25):
            z = process.compute(obj, H, V, held, (0, 1), NEVER)
            assert np.array_equal(z, loss_grid(obj, H, V, held, (0, 1)))


def test_the_process_keeps_its_rows_across_requests_and_forgets_them_with_forget_rows(process):
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    h, v = np.linspace(-2.0, 3.0, 200), np.linspace(-10.0, 10.0, 200)

    def fresh() -> float:
        forget_rows(obj)
        start = time.perf_counter()
        process.compute(obj, h, v, START, (0, 1), NEVER)
        return time.perf_counter() - start

    def moved(i: int) -> float:
        start = time.perf_counter()
        z = process.compute(obj, h, v, START + [0, 0, 0.1 * i, 0.2 * i], (0, 1), NEVER)
        assert np.array_equal(z, loss_grid(obj, h, v, START + [0, 0, 0.1 * i, 0.2 * i], (0, 1)))
        return time.perf_counter() - start

    first = min(fresh() for _ in range(3))  # each one computes every row again (~44 ms)
    again = min(moved(i) for i in range(1, 4))  # k2, b2 moved: the rows are kept (~2 ms)
    assert again < first / 3, (first, again)


def served(blob: bytes, job: tuple, then: tuple | None = None) -> tuple[_Server, tuple]:
    """A server in this process given one job (with the objective's bytes) and maybe a message after it:
    itself (holding the window's end too: the end of the pipe would cancel its grids) and its answer."""
    ours, theirs = multiprocessing.Pipe()
    server = _Server(theirs)
    server.window_end = ours
    ours.send_bytes(blob)
    if then is not None:
        ours.send(then)
    answer = server.job(*job)
    return server, answer


def test_rows_are_kept_for_a_token_until_its_generation_changes():
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    server, answer = served(pickle.dumps(obj), (1, 7, 0, True, H, V, START, (0, 1)))
    copy = server.held[7][0]
    assert answer[0] == "grid" and copy is not obj and copy.unit_rows
    rows = dict(copy.unit_rows)
    assert server.job(2, 7, 0, False, H, V, START + [0, 0, 1, 2], (0, 1))[0] == "grid"
    assert all(copy.unit_rows[key] is rows[key] for key in rows)  # taken from the cache, not computed again
    assert server.job(3, 7, 1, False, H, V, START, (0, 1))[0] == "grid"  # forget_rows on the window's copy
    assert not any(copy.unit_rows[key] is rows[key] for key in rows)
    assert server.job(4, 8, 0, False, H, V, START, (0, 1)) == ("missing", 4)


def test_a_message_arriving_during_a_grid_cancels_it():
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    server, answer = served(pickle.dumps(obj), (1, 7, 0, True, H, V, START, (0, 1)), ("cancel", 1))
    assert answer == ("cancelled", 1) and 7 in server.held


def test_an_objective_the_process_cannot_load_is_refused():
    server, answer = served(b"not a pickle", (5, 1, 0, True, H, V, START, (0, 1)))
    assert answer == ("refused", 5) and not server.held


def test_objectives_are_pickled_without_their_caches_and_basis():
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    loss_grid(obj, H, V, START, (0, 1))
    obj.loss(START)
    copy = pickle.loads(pickle.dumps(obj))
    assert obj.unit_rows and not copy.unit_rows and copy._memo is None
    assert np.array_equal(loss_grid(copy, H, V, START, (0, 1)), loss_grid(obj, H, V, START, (0, 1)))
    poly = SampleObjective(builtin("quadratic"), ModelKind.POLY, degree=5, shift=0.1, scale=1.7)
    assert poly.__getstate__()["_phi"] is None
    assert np.array_equal(pickle.loads(pickle.dumps(poly))._phi, poly._phi)


def test_a_cancelled_grid_stops_and_the_next_one_is_answered(process):
    obj = long_objective(30_000)
    h = v = np.linspace(-2.0, 3.0, 200)  # ~3 s
    process.compute(obj, H[:2], V[:2], START, (0, 1), NEVER)  # the objective is sent and loaded
    start = time.perf_counter()
    assert process.compute(obj, h, v, START, (0, 1), lambda: time.perf_counter() - start > 0.05) is None
    small = process.compute(obj, H[:5], V[:5], START + 0.5, (0, 1), NEVER)  # after one more row of the other
    assert time.perf_counter() - start < 1.0
    assert np.array_equal(small, loss_grid(obj, H[:5], V[:5], START + 0.5, (0, 1)))


def test_a_killed_process_leaves_the_grid_to_the_caller_and_is_started_again(process, monkeypatch):
    monkeypatch.setattr("gdviz.engine.slice_process.RESTART_S", 0.05)
    obj = long_objective()
    h = v = np.linspace(-2.0, 3.0, 200)
    pid = process.pid
    start = time.perf_counter()

    def kill() -> bool:
        if time.perf_counter() - start > 0.1 and process.pid == pid:
            os.kill(pid, signal.SIGKILL)
        return False

    with pytest.raises(Unavailable):
        process.compute(obj, h, v, START, (0, 1), kill)
    assert process.pid is None
    deadline = time.monotonic() + 30
    while not process.poll_ready():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert process.pid != pid
    z = process.compute(obj, H, V, START, (0, 1), NEVER)  # the objective goes to the new process
    assert np.array_equal(z, loss_grid(obj, H, V, START, (0, 1)))


def test_an_objective_that_does_not_pickle_is_left_to_the_caller(process, monkeypatch):
    bowl = FunctionObjective("bowl")  # its formulas are lambdas
    with pytest.raises(Unavailable):
        process.compute(bowl, H, V, np.zeros(2), (0, 1), NEVER)
    monkeypatch.setattr(pickle, "dumps", lambda *a: pytest.fail("pickled again"))
    with pytest.raises(Unavailable):
        process.compute(bowl, H, V, np.zeros(2), (0, 1), NEVER)


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="reads /proc")
def test_the_process_loads_no_qt(process):
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    process.compute(obj, H, V, START, (0, 1), NEVER)
    with open(f"/proc/{process.pid}/maps") as maps:
        libraries = maps.read()
    assert "numpy" in libraries and "Qt" not in libraries and "shiboken" not in libraries


def test_the_process_ends_when_its_pipe_ends(process):
    proc = process._proc
    process._conn.close()  # as when the window's process dies
    proc.wait(10)
