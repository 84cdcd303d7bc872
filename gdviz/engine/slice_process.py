"""Slice grids computed in a second Python process: its interpreter lock is its own, so the window's
frames never wait for a grid. Pure numpy: the process imports only numpy and the engine.

`SliceProcess` is the window's end (ui/slice_worker.py drives it from its background thread); `main`
runs in the process. They exchange pickled messages over a socket pair:

    window → process  ("job", id, token, generation, sending, h, v, fixed, axes), then the pickled
                      objective when `sending`; ("cancel", id)
    process → window  ("ready",) once; ("loaded", id) when it took a sent objective in; ("missing", id)
                      (send the objective again); then one answer a job: ("grid", id, z); ("none", id)
                      (the grid failed: nothing drawn); ("cancelled", id); ("refused", id) (the
                      objective cannot be loaded here) or ("failed", id) (an unexpected error): the
                      window computes that grid itself, as it does when the process dies

The window sends a job only when the last one was answered, a cancelled one too: the two never write
large messages (an objective, a grid) at each other at the same time, which could fill the pipe both ways.

The process keeps the last KEEP objectives by the token the window gave them, with their row caches
(surface._row_cache): a (k1, b1) slice is recombined in ~2 ms as k2, b2 move. Objectives are never
changed in place (an edit of the data makes a new run), so a token stands for one objective for good;
`generation` counts surface.forget_rows on the window's copy, and a new one empties the process's rows
too. Anything that arrives while a grid is computed cancels it (the engine polls between rows), and the
process exits at the end of its pipe: when the window's process ends, however it ends.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import time
import weakref
from collections import OrderedDict
from multiprocessing.connection import Connection
from typing import Callable

import numpy as np

from .persample import Cancelled, SampleObjective
from .surface import forget_rows, loss_grid

KEEP = 3  # objectives the process keeps (with their row caches)
NICE = 10  # the process yields the cores to the window (as the slice thread does)
POLL_S = 0.005  # the window's end looks this often whether the grid it waits for went stale
RESTART_S = 1.0  # after a failure the process is started again this much later, doubling while failures
GIVE_UP = 6  # follow each other without a grid between them, up to this many: then the window computes all
# `python -c`, not `-m`: the process gets the window's own sys.path before it imports gdviz, so it finds
# the same gdviz whether the window was started as main.py, `python -m gdviz`, the gdviz script or pytest.
BOOT = "import sys; sys.path[:] = sys.argv[2:]; from gdviz.engine.slice_process import main; main(int(sys.argv[1]))"


class Unavailable(Exception):
    """The process cannot compute this grid now: compute it in this process."""


class SliceProcess:
    """The window's end of the slice process: starts it (again after a failure), hands it grids. Used from
    one thread; only `close` may be called from another."""

    def __init__(self) -> None:
        self._conn: Connection | None = None
        self._proc: subprocess.Popen | None = None
        self._ready = False
        self._sent: set[int] = set()  # tokens whose objective the running process got
        self._tokens: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # objective → token
        self._refused: set[int] = set()  # objectives that do not pickle or load: computed by the window
        self._numbers = itertools.count(1)  # tokens and job ids
        self._failures = 0
        self._start_at = 0.0  # no new process before this time (monotonic)

    @property
    def pid(self) -> int | None:
        """The running process's id (None when there is none)."""
        return None if self._proc is None else self._proc.pid

    @property
    def starting(self) -> bool:
        """Whether a process was started and has not said it is ready yet."""
        return self._proc is not None and not self._ready

    def due_in(self, poll_s: float) -> float | None:
        """Seconds until poll_ready has something to do (None: nothing until the next grid): every
        `poll_s` while a process starts, and when a process that died is due to start again."""
        if self.starting:
            return poll_s
        if self._proc is None and self._start_at != float("inf"):
            return max(self._start_at - time.monotonic(), 0.0)
        return None

    def poll_ready(self) -> bool:
        """Whether the process serves grids; starts one when none runs and a start is due (never waits)."""
        if self._proc is None and time.monotonic() >= self._start_at:
            self._start()
        if self.starting:
            try:
                if self._conn.poll():
                    if self._conn.recv() != ("ready",):
                        raise OSError("the slice process said something unexpected")
                    self._ready = True
            except Exception:  # noqa: BLE001 - it died starting or said something else: start afresh later
                self._lost()
        return self._ready

    def compute(self, objective, h: np.ndarray, v: np.ndarray, fixed: np.ndarray, axes: tuple[int, int],
                cancel: Callable[[], bool]) -> np.ndarray | None:
        """loss_grid(objective, h, v, fixed, axes) computed by the process; None when it failed or `cancel()`
        came true first (the process is told to drop it). Unavailable: compute it yourself."""
        if not self.poll_ready():
            raise Unavailable()
        token = self._token(objective)
        job = next(self._numbers)
        loading = token not in self._sent  # the objective goes along and is not taken in yet
        cancelled = False
        try:
            self._send(job, token, objective, h, v, fixed, axes)
            while True:
                if not self._conn.poll(POLL_S):
                    if not cancelled and cancel():
                        # the answer is still awaited (the process stops at its next row): a grid it is
                        # sending meanwhile could fill the pipe while the next job's objective goes the other way
                        self._conn.send(("cancel", job))
                        cancelled = True
                    continue
                answer = self._conn.recv()
                if answer[1] != job:
                    raise OSError("the slice process answered another job")
                if answer[0] == "loaded":
                    loading = False
                elif answer[0] == "missing":  # it had to forget the objective: send it again
                    self._sent.discard(token)
                    loading = True
                    self._send(job, token, objective, h, v, fixed, axes)
                else:
                    return None if cancelled else self._answer(answer, token)
        except Unavailable:
            raise
        except Exception:  # noqa: BLE001 - a broken pipe, a dead process, a garbled answer: start afresh later
            if loading:  # it died taking this objective in (out of memory?): the window computes it from now on
                self._refused.add(token)
            self._lost()
            raise Unavailable() from None

    def close(self) -> None:
        """Stop the process (the thread using this end finds it gone)."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(1.0)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    # ----- inside -------------------------------------------------------------------------------
    def _start(self) -> None:
        if os.name != "posix" or getattr(sys, "frozen", False) or not sys.executable:
            self._start_at = float("inf")  # descriptors pass to a child only on POSIX; a frozen app has no Python
            return
        ours, theirs = multiprocessing.Pipe()
        try:
            self._proc = subprocess.Popen([sys.executable, "-c", BOOT, str(theirs.fileno()), *map(str, sys.path)],
                                          pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, ValueError):
            ours.close()
            self._failed()
            return
        finally:
            theirs.close()  # the process's end stays open only there: its death ends the pipe here
        self._conn, self._ready = ours, False
        self._sent.clear()

    def _token(self, objective) -> int:
        try:
            token = self._tokens.get(objective)
            if token is None:
                token = self._tokens[objective] = next(self._numbers)
        except TypeError:  # not weakly referable or not hashable: no way to know it again
            raise Unavailable() from None
        if token in self._refused:
            raise Unavailable()
        return token

    def _send(self, job: int, token: int, objective, h, v, fixed, axes) -> None:
        """Send the job, with the objective when the process does not have it."""
        blob = None
        if token not in self._sent:
            try:  # once per objective, off the GUI thread; still under the interpreter's lock (10⁶ samples: ~10 ms)
                blob = pickle.dumps(objective, pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - a lambda, a lock, no memory …: the window computes it
                self._refused.add(token)
                raise Unavailable() from None
        generation = getattr(objective, "rows_forgotten", 0)  # only per-sample objectives keep rows
        self._conn.send(("job", job, token, generation, blob is not None, h, v, fixed, axes))
        if blob is not None:
            self._conn.send_bytes(blob)
            self._sent.add(token)

    def _answer(self, answer: tuple, token: int) -> np.ndarray | None:
        kind = answer[0]
        if kind == "grid":
            self._failures = 0
            return answer[2]
        if kind == "refused":
            self._refused.add(token)
        if kind in ("refused", "failed"):
            raise Unavailable()
        return None  # "none", "cancelled"

    def _lost(self) -> None:
        """The process died or broke the protocol: stop it and start another later."""
        self.close()
        if self._conn is not None:
            self._conn.close()
        self._conn, self._proc, self._ready = None, None, False
        self._failed()

    def _failed(self) -> None:
        self._failures += 1
        wait = RESTART_S * 2 ** (self._failures - 1) if self._failures < GIVE_UP else float("inf")
        self._start_at = time.monotonic() + wait


# ----- the process ------------------------------------------------------------------------------
def main(fd: int) -> None:
    """The slice process: serve the window at the other end of descriptor `fd` until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in the terminal is the window's to handle
    try:  # at least NICE (the slice thread that started it may have passed on its own niceness)
        os.setpriority(os.PRIO_PROCESS, 0, max(os.getpriority(os.PRIO_PROCESS, 0), NICE))
    except (AttributeError, OSError):
        pass
    try:
        _Server(Connection(fd)).serve()
    except BaseException:  # noqa: BLE001 - the end of the pipe, or a broken stream: the window carries on
        pass


class _Server:
    """The objectives the process holds and the jobs it answers."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.held: OrderedDict[int, list] = OrderedDict()  # token → [objective, generation], newest last

    def serve(self) -> None:
        """Answer jobs until the pipe ends (EOFError)."""
        self.conn.send(("ready",))
        while True:
            message = self.conn.recv()
            if message[0] == "job":
                self.conn.send(self.job(*message[1:]))

    def job(self, job: int, token: int, generation: int, sending: bool, h, v, fixed, axes) -> tuple:
        """One job's answer."""
        if sending:
            blob = self.conn.recv_bytes()  # a failure here loses the stream: the process ends
            try:
                self.held[token] = [pickle.loads(blob), generation]
            except Exception:  # noqa: BLE001 - an objective this process cannot load: the window computes it
                return ("refused", job)
            del blob
            while len(self.held) > KEEP:
                self.held.popitem(last=False)
            self.conn.send(("loaded", job))
        entry = self.held.get(token)
        if entry is None:
            return ("missing", job)
        self.held.move_to_end(token)
        objective = entry[0]
        if entry[1] != generation:
            entry[1] = generation
            if isinstance(objective, SampleObjective):
                forget_rows(objective)
        try:
            return ("grid", job, loss_grid(objective, h, v, fixed=fixed, axes=axes, cancel=self.conn.poll))
        except Cancelled:
            return ("cancelled", job)
        except (ArithmeticError, ValueError, MemoryError):  # nothing drawn, as in the window's own thread
            return ("none", job)
        except Exception:  # noqa: BLE001 - the window computes it and meets the error itself
            return ("failed", job)


if __name__ == "__main__":  # `python -m gdviz.engine.slice_process FD` by hand
    main(int(sys.argv[1]))
