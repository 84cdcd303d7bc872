"""Measured speed of gdviz against its targets: `python -m gdviz.bench [--quick] [--only engine|gui]`.

Each figure is the median of a few repeats (the machines are noisy: read ratios, not
absolutes). `make bench` runs the full set; `--quick` runs shorter, fewer repeats.

Adding a benchmark: a `Bench` is a function `(quick: bool) -> Measure` that sets up
outside its timed part. BENCHES maps a group to {label: bench}. The "gui" group lives in
gdviz/ui/bench_gui.py, which defines its own `BENCHES: dict[str, Bench]` (frame cost, loss
view at a 1e6-step history, ...) and is imported only when the gui group runs.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np

from .engine import BatchMode, LiveSettings, ModelKind, Reduction, Run, RunConfig, Status
from .engine.datasets import Dataset, Preset

N_POINTS = 1_000_000
FULL_STEPS, QUICK_STEPS = 1_000_000, 200_000
FULL_REPEATS, QUICK_REPEATS = 5, 3


@dataclass(frozen=True)
class Measure:
    """One measured figure and the target it should meet (None: shown for information)."""

    value: float
    target: float | None = None
    higher_is_better: bool = True
    decimals: int = 0

    @property
    def verdict(self) -> str:
        """OK, MISS, or info when there is no target."""
        if self.target is None:
            return "info"
        met = self.value >= self.target if self.higher_is_better else self.value <= self.target
        return "OK" if met else "MISS"

    def format(self, value: float) -> str:
        """A number with thousands separators and this figure's decimals."""
        return f"{value:,.{self.decimals}f}"


Bench = Callable[[bool], Measure]


# ----- engine --------------------------------------------------------------------------------
@lru_cache(maxsize=2)
def synthetic(n: int = N_POINTS) -> Dataset:
    """n points of y = 1 + 2x + 0.1·noise, all for training, fitted by a line under MSE."""
    rng = np.random.default_rng(0)
    x = rng.random(n)
    y = 1 + 2 * x + 0.1 * rng.standard_normal(n)
    preset = Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(), {"w": 0.0, "b": 0.0})
    return Dataset(f"synthetic {n:g}", "x", "y", x, y, x[:0], y[:0], preset)


def timed_run(mode: BatchMode, learning_rate: float, steps: int) -> tuple[Run, float]:
    """A run on the synthetic set after `steps` steps that never stop at convergence, and the
    seconds `advance` took (setting up the run is not timed)."""
    live = LiveSettings(learning_rate=learning_rate, batch_mode=mode, batch_size=32)
    run = Run(RunConfig(grad_tol=0), live, dataset=synthetic())
    gc.collect()
    start = time.perf_counter()
    taken = run.advance(steps, stop_on_converged=False)
    elapsed = time.perf_counter() - start
    if taken != steps or run.status is Status.DIVERGED:
        raise RuntimeError(f"bench run stopped after {taken} of {steps} steps ({run.status_message()})")
    return run, elapsed


def _steps_per_second(mode: BatchMode, learning_rate: float, steps: int) -> float:
    return steps / timed_run(mode, learning_rate, steps)[1]


def full_batch(quick: bool) -> Measure:
    """Full-batch gradient steps a second (O(1) a step from sufficient statistics)."""
    return Measure(_steps_per_second(BatchMode.FULL, 1e-3, QUICK_STEPS if quick else FULL_STEPS), 1_000_000)


def mini_batch(quick: bool) -> Measure:
    """Mini-batch (32) steps a second: a gather and a segment sum a step."""
    return Measure(_steps_per_second(BatchMode.MINI, 1e-3, QUICK_STEPS if quick else FULL_STEPS), 50_000)


def stochastic(quick: bool) -> Measure:
    """Stochastic (one sample) steps a second."""
    return Measure(_steps_per_second(BatchMode.STOCHASTIC, 1e-3, QUICK_STEPS if quick else FULL_STEPS), 300_000)


def history_memory(quick: bool) -> Measure:
    """Megabytes the history buffers hold after 1e6 full-batch steps (no target set yet)."""
    return Measure(timed_run(BatchMode.FULL, 1e-3, FULL_STEPS)[0].history.nbytes / 1e6, None, False, 1)


TUTORIAL_START = (("k1", 1.0), ("b1", 0.0), ("k2", 1.0), ("b2", 0.0))


def _model_steps(config: RunConfig, live: LiveSettings, dataset: Dataset, steps: int) -> float:
    """Steps a second of a per-sample objective (set-up not timed)."""
    run = Run(config, live, dataset=dataset)
    gc.collect()
    start = time.perf_counter()
    taken = run.advance(steps, stop_on_converged=False)
    elapsed = time.perf_counter() - start
    if taken != steps or run.status is Status.DIVERGED:
        raise RuntimeError(f"bench run stopped after {taken} of {steps} steps ({run.status_message()})")
    return steps / elapsed


def two_layer_full(quick: bool) -> Measure:
    """Two-layer model ŷ = k2·σ(k1·x + b1) + b2, full-batch steps a second on rooms → price (N = 506)."""
    from .engine import builtin
    config = RunConfig(model=ModelKind.TWO_LAYER, init=TUTORIAL_START, grad_tol=0)
    steps = 20_000 if quick else 100_000
    return Measure(_model_steps(config, LiveSettings(learning_rate=1e-3), builtin("rooms"), steps), 50_000)


def two_layer_mini(quick: bool) -> Measure:
    """Two-layer model, mini-batch (32) steps a second at N = 1e6."""
    config = RunConfig(model=ModelKind.TWO_LAYER, init=TUTORIAL_START, grad_tol=0)
    live = LiveSettings(learning_rate=1e-3, batch_mode=BatchMode.MINI, batch_size=32)
    return Measure(_model_steps(config, live, synthetic(), 20_000 if quick else 100_000), 20_000)


def _robust_full(loss: str, quick: bool) -> Measure:
    from .engine.types import LossKind
    config = RunConfig(loss=LossKind(loss), grad_tol=0)
    return Measure(_model_steps(config, LiveSettings(learning_rate=1e-3), synthetic(100_000),
                                1000 if quick else 5000), 2_000)


def absolute_full(quick: bool) -> Measure:
    """Line under the absolute (L1) loss, full-batch steps a second at N = 1e5."""
    return _robust_full("absolute", quick)


def huber_full(quick: bool) -> Measure:
    """Line under the Huber loss, full-batch steps a second at N = 1e5."""
    return _robust_full("huber", quick)


def two_layer_slice(quick: bool) -> Measure:
    """Milliseconds for a 200 × 200 slice (k1 across, b1 up) of the two-layer model on rooms (N = 506)."""
    from .engine import builtin
    from .engine.surface import forget_rows, loss_grid
    run = Run(RunConfig(data="rooms", model=ModelKind.TWO_LAYER, init=TUTORIAL_START))
    h, v = np.linspace(-2.0, 3.0, 200), np.linspace(-10.0, 10.0, 200)
    best = np.inf
    for _ in range(3 if quick else 10):
        forget_rows(run.objective)  # a new slice: no row computed before
        start = time.perf_counter()
        loss_grid(run.objective, h, v, run.params, (0, 1))
        best = min(best, time.perf_counter() - start)
    return Measure(best * 1e3, 50, False, 1)


def two_layer_slice_again(quick: bool) -> Measure:
    """Milliseconds for the same slice once k2 and b2 have moved (as while the run plays): the hidden
    unit's sums of every grid row are kept, only their combination with k2, b2 is new."""
    from .engine.surface import loss_grid
    run = Run(RunConfig(data="rooms", model=ModelKind.TWO_LAYER, init=TUTORIAL_START))
    h, v = np.linspace(-2.0, 3.0, 200), np.linspace(-10.0, 10.0, 200)
    loss_grid(run.objective, h, v, run.params, (0, 1))
    best = np.inf
    for i in range(3 if quick else 10):
        held = np.array(run.params, float) + [0.0, 0.0, 0.01 * (i + 1), 0.02 * (i + 1)]
        start = time.perf_counter()
        loss_grid(run.objective, h, v, held, (0, 1))
        best = min(best, time.perf_counter() - start)
    return Measure(best * 1e3, None, False, 2)


# ----- registry --------------------------------------------------------------------------------
BENCHES: dict[str, dict[str, Bench]] = {
    "engine": {
        "full-batch steps/s, N=1e6, line/MSE": full_batch,
        "mini-batch (32) steps/s, N=1e6, line/MSE": mini_batch,
        "stochastic steps/s, N=1e6, line/MSE": stochastic,
        "history memory after 1e6 steps, MB": history_memory,
        "two-layer full-batch steps/s, rooms N=506": two_layer_full,
        "two-layer mini-batch (32) steps/s, N=1e6": two_layer_mini,
        "L1 full-batch steps/s, N=1e5, line": absolute_full,
        "Huber full-batch steps/s, N=1e5, line": huber_full,
        "two-layer 200x200 slice, rooms N=506, ms": two_layer_slice,
        "  the same, k2 and b2 moved (unit sums kept), ms": two_layer_slice_again,
    },
    # HOOK: filled at run time from gdviz/ui/bench_gui.py's BENCHES (see group_benches).
    "gui": {},
}
GUI_MODULE = "gdviz.ui.bench_gui"


def group_benches(group: str) -> tuple[dict[str, Bench], str | None]:
    """A group's benches and, when some could not be loaded, a note saying why."""
    benches = dict(BENCHES[group])
    if group != "gui":
        return benches, None
    try:
        module = importlib.import_module(GUI_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name == GUI_MODULE:
            return benches, f"no gui benchmarks yet ({GUI_MODULE.replace('.', '/')}.py not present)"
        return benches, f"gui benchmarks skipped: {exc}"
    benches.update(module.BENCHES)
    return benches, None


# ----- running ---------------------------------------------------------------------------------
def measure(bench: Bench, quick: bool, repeats: int) -> tuple[Measure, list[float]]:
    """The median of `repeats` runs of a bench, and every value seen."""
    runs = [bench(quick) for _ in range(repeats)]
    values = [m.value for m in runs]
    first = runs[0]
    return Measure(statistics.median(values), first.target, first.higher_is_better, first.decimals), values


def line(label: str, m: Measure, values: list[float]) -> str:
    """`label   value   target ≥ x   OK` with the spread of the repeats."""
    if m.target is None:
        target = "no target"
    else:
        target = f"target {'≥' if m.higher_is_better else '≤'} {m.format(m.target)}"
    spread = f"(runs {m.format(min(values))}–{m.format(max(values))})" if min(values) != max(values) else ""
    return f"{label:<62} {m.format(m.value):>11}   {target:<20} {m.verdict:<5} {spread}".rstrip()


def _say(text: str) -> None:
    try:
        print(text, flush=True)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "ascii"
        print(text.encode(encoding, "replace").decode(encoding), flush=True)


def run_groups(groups: list[str], quick: bool, repeats: int) -> int:
    """Measure and print every bench of the groups; returns the number of missed targets."""
    verdicts: list[str] = []
    _say(f"gdviz bench: medians of {repeats} runs{' (quick)' if quick else ''}; Python "
         f"{platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores")
    for group in groups:
        benches, note = group_benches(group)
        _say(f"\n[{group}]")
        for label, bench in benches.items():
            m, values = measure(bench, quick, repeats)
            verdicts.append(m.verdict)
            _say(line(label, m, values))
        if note:
            _say(f"  {note}")
    missed = verdicts.count("MISS")
    checked = len(verdicts) - verdicts.count("info")
    if not checked:
        _say("\nno targets checked")
    else:
        _say(f"\n{missed} of {checked} targets missed" if missed else f"\nall {checked} targets met")
    return missed


def main(argv: list[str] | None = None) -> int:
    """`python -m gdviz.bench`: 0, or 1 with --strict when a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m gdviz.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"shorter runs ({QUICK_STEPS:,} steps) and {QUICK_REPEATS} repeats")
    parser.add_argument("--only", choices=list(BENCHES), help="run one group only")
    parser.add_argument("--repeats", type=int, help=f"runs per figure (default {FULL_REPEATS}, quick {QUICK_REPEATS})")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
    args = parser.parse_args(argv)
    repeats = max(1, args.repeats or (QUICK_REPEATS if args.quick else FULL_REPEATS))
    missed = run_groups([args.only] if args.only else list(BENCHES), args.quick, repeats)
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
