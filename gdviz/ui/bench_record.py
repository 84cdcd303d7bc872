"""Recording and session benchmarks (issue 12), as BENCHES for gdviz/bench.py: MP4 frames a second at
1280×720 and 1920×1080 (the whole window, one step a frame, rendered and encoded), memory over a
10,000-frame recording, and opening a session with 1e6 steps of history."""
from __future__ import annotations

import gc
import os
import resource
import tempfile
import time
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ..bench import Bench, Measure  # noqa: E402
from ..engine import BatchMode, LiveSettings, Run, RunConfig, UpdateRule  # noqa: E402


@lru_cache(maxsize=1)
def _app():
    from .app import make_app
    return make_app()


@lru_cache(maxsize=None)
def _window(width: int, height: int):
    """A shown window of tutorial 002 at the video's size (kept for the repeats)."""
    app = _app()
    from .main_window import MainWindow
    window = MainWindow(Run(RunConfig(data="linear", grad_tol=0), LiveSettings(learning_rate=0.01)))
    window.resize(width, height)
    window.show()
    for _ in range(3):
        app.processEvents()
    return window


def recording_fps(width: int, height: int, frames: int) -> float:
    """Frames a second of record_run to MP4 (step, draw every view, render, encode, write)."""
    from .recorder import record_run
    window = _window(width, height)
    window.controller.reset()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        result = record_run(window, window.controller, Path(folder) / "bench.mp4", frames, 1, size=(width, height))
        elapsed = time.perf_counter() - start
    return result.frames / elapsed


def _fps_bench(width: int, height: int, target: float) -> Bench:
    def bench(quick: bool) -> Measure:
        return Measure(recording_fps(width, height, 60 if quick else 300), target, decimals=1)
    return bench


def _rss_mb() -> float:
    """Resident memory now, in MB (Linux /proc; the peak from getrusage elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def memory_growth(quick: bool) -> Measure:
    """MB the process grows between frame 1,000 and the last of a 10,000-frame 1280×720 recording (flat: ~0)."""
    from .recorder import Recorder
    frames = 2_000 if quick else 10_000
    window = _window(1280, 720)
    window.controller.reset()
    with tempfile.TemporaryDirectory() as folder:
        recorder = Recorder(window, Path(folder) / "long.mp4", (1280, 720), 30, quality="low")
        after_warmup = 0.0
        for i in range(frames):
            window.controller.step_forward(1)
            recorder.add_frame()
            if i == 999:
                gc.collect()
                after_warmup = _rss_mb()
        gc.collect()
        grown = _rss_mb() - after_warmup
        recorder.finish()
    return Measure(grown, 50.0, higher_is_better=False, decimals=1)


def open_session_seconds(quick: bool, mode: BatchMode = BatchMode.FULL, rule: UpdateRule = UpdateRule.GRADIENT) -> float:
    """Seconds to open (read, check, rebuild) a session whose run has 1e6 steps of history."""
    from .. import session
    live = LiveSettings(learning_rate=0.01, batch_mode=mode, batch_size=8, rule=rule)
    run = Run(RunConfig(data="linear", grad_tol=0), live)
    run.advance(200_000 if quick else 1_000_000, stop_on_converged=False)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.gdviz"
        session.save_session(path, session.capture(run))
        del run
        gc.collect()
        start = time.perf_counter()
        session.open_session(path)
        return time.perf_counter() - start


def open_session(quick: bool) -> Measure:
    """Open a session of 1e6 full-batch steps (history stored, its tail checked by a replay)."""
    return Measure(open_session_seconds(quick), 1.0, higher_is_better=False, decimals=2)


def open_session_adam_mini(quick: bool) -> Measure:
    """The same for mini-batch Adam (incompressible history: the largest file per step)."""
    return Measure(open_session_seconds(quick, BatchMode.MINI, UpdateRule.ADAM), 1.0, higher_is_better=False,
                   decimals=2)


BENCHES: dict[str, Bench] = {
    "record 1280×720 MP4, whole window, frames/s": _fps_bench(1280, 720, 60.0),
    "record 1920×1080 MP4, whole window, frames/s": _fps_bench(1920, 1080, 30.0),
    "memory growth over a 10,000-frame 1280×720 recording, MB": memory_growth,
    "open a session with 1e6 full-batch steps, s": open_session,
    "open a session with 1e6 mini-batch Adam steps, s": open_session_adam_mini,
}
