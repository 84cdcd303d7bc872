"""Steps computed ahead (Run.advance takes one-step advances from a block computed in advance):
one step at a time must give exactly what one long advance gives, statuses included, and any
change of settings or state between steps must take effect at once."""
from __future__ import annotations

import numpy as np
import pytest

from gdviz.engine import BatchMode, LiveSettings, Race, RaceEntry, Run, RunConfig, Status, UpdateRule
from gdviz.engine.run import AHEAD

COLUMNS = ("step", "epoch", "pos", "status", "params", "grad", "train_loss", "batch_loss", "val_loss",
           "learning_rate", "state")


def make(rule=UpdateRule.ADAM, mode=BatchMode.MINI, lr=0.05, data="linear", **config) -> Run:
    live = LiveSettings(learning_rate=lr, rule=rule, batch_mode=mode, batch_size=8)
    return Run(RunConfig(data=data, grad_tol=0, **config), live)


def same_history(a: Run, b: Run) -> None:
    assert a.step == b.step and a.epoch == b.epoch and a.pos == b.pos and a.status is b.status
    assert np.array_equal(a.params, b.params)
    for name in COLUMNS:
        assert np.array_equal(a.history.column(name), b.history.column(name), equal_nan=True), name


@pytest.mark.parametrize("rule, mode", [(UpdateRule.ADAM, BatchMode.MINI), (UpdateRule.MOMENTUM, BatchMode.STOCHASTIC),
                                        (UpdateRule.GRADIENT, BatchMode.FULL), (UpdateRule.RANDOM_SEARCH, BatchMode.FULL),
                                        (UpdateRule.DIRECTION_SEARCH, BatchMode.FULL)])
@pytest.mark.parametrize("phase", [0, 5])
def test_one_step_at_a_time_equals_one_long_advance(rule, mode, phase) -> None:
    stepped, whole = make(rule, mode), make(rule, mode)
    stepped.ahead_phase = phase
    for _ in range(3 * AHEAD + 7):
        assert stepped.advance(1, stop_on_converged=False) == 1
    whole.advance(3 * AHEAD + 7, stop_on_converged=False)
    same_history(stepped, whole)
    assert np.array_equal(stepped.snapshot().batch_indices, whole.snapshot().batch_indices)


def test_a_divergence_inside_a_block_shows_at_its_own_step() -> None:
    whole = make(UpdateRule.GRADIENT, BatchMode.FULL, lr=1.1)
    whole.advance(500)
    assert whole.status is Status.DIVERGED and whole.diverged_at > 5
    stepped = make(UpdateRule.GRADIENT, BatchMode.FULL, lr=1.1)
    while stepped.advance(1):
        if stepped.step < whole.diverged_at - 1:
            assert stepped.status is Status.RUNNING and stepped.diverged_at is None
    assert stepped.status is Status.DIVERGED and stepped.diverged_at == whole.diverged_at
    same_history(stepped, whole)


def test_a_stop_at_convergence_inside_a_block_stops_at_the_same_step() -> None:
    config = {"grad_tol": 1e-3}
    whole = Run(RunConfig(data="linear", **config), LiveSettings(learning_rate=0.5))
    whole.advance(10_000)
    assert whole.status is Status.CONVERGED and 10 < whole.step < 10_000
    stepped = Run(RunConfig(data="linear", **config), LiveSettings(learning_rate=0.5))
    while stepped.status is not Status.CONVERGED and stepped.step < 10_000:
        assert stepped.advance(1) == 1
    same_history(stepped, whole)


def adam(lr: float) -> LiveSettings:
    return LiveSettings(learning_rate=lr, rule=UpdateRule.ADAM, batch_mode=BatchMode.MINI, batch_size=8)


def one_at_a_time(run: Run, steps: int) -> None:
    for _ in range(steps):
        assert run.advance(1) == 1


def test_a_live_change_between_steps_takes_effect_at_the_next_step() -> None:
    stepped, reference = make(), make()
    one_at_a_time(stepped, 5)
    stepped.set_live(adam(0.2))
    one_at_a_time(stepped, 5)
    reference.advance(5)
    reference.set_live(adam(0.2))
    reference.advance(5)
    same_history(stepped, reference)
    assert stepped.history.column("learning_rate")[6] == 0.2


def test_stepping_back_between_steps_drops_the_steps_computed_ahead() -> None:
    run, reference = make(), make()
    one_at_a_time(run, 9)
    run.rewind(4)
    run.set_live(adam(0.01))
    one_at_a_time(run, 6)
    reference.advance(4)
    reference.set_live(adam(0.01))
    reference.advance(6)
    same_history(run, reference)


def test_a_race_s_runners_compute_ahead_in_different_frames() -> None:
    entries = [RaceEntry(f"r{i}", i, adam(0.01)) for i in range(6)]
    race = Race(RunConfig(data="linear", grad_tol=0), entries)
    phases = [run.ahead_phase for run in race.runs]
    assert len(set(phases)) == 6 and all(0 <= p < AHEAD for p in phases)
    refills = []
    for _ in range(2 * AHEAD):
        before = [run._ahead for run in race.runs]
        race.advance(1)
        refills.append(sum(run._ahead is not b and run._ahead is not None for run, b in zip(race.runs, before)))
    assert max(refills[AHEAD:]) <= 1  # after the first frame at most one runner computes in a frame


def test_importing_gdviz_keeps_blas_to_one_thread_unless_told_otherwise() -> None:
    import os
    import subprocess
    import sys
    code = "import gdviz, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout.strip() == "1"
    env["OPENBLAS_NUM_THREADS"] = "2"
    assert subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout.strip() == "2"


@pytest.mark.parametrize("rule", [UpdateRule.GRADIENT, UpdateRule.ADAM])
def test_a_costly_full_batch_step_is_one_pass_over_the_data_a_frame_and_the_same_numbers(rule, monkeypatch) -> None:
    # two-layer model on 4e4 samples: no block ahead (each step is a pass over the data, and the preview of
    # the next point has already worked out the gradient the next step needs)
    from gdviz.engine import ModelKind
    from gdviz.engine.datasets import Dataset, Preset
    from gdviz.engine.persample import SampleObjective
    from gdviz.engine.types import Reduction

    rng = np.random.default_rng(5)
    x = rng.normal(0, 1, 40_000)
    y = 3 / (1 + np.exp(-2 * x)) + 0.1 * rng.standard_normal(len(x))
    data = Dataset("curve", "x", "y", x, y, x[:0], y[:0], Preset(ModelKind.TWO_LAYER, Reduction.MEAN, LiveSettings(), {}))
    live = LiveSettings(learning_rate=0.05, rule=rule)
    framed, whole = (Run(RunConfig(model=ModelKind.TWO_LAYER, grad_tol=0), live, dataset=data) for _ in range(2))
    passes = []
    point = SampleObjective._point
    monkeypatch.setattr(SampleObjective, "_point", lambda self, *a: passes.append(1) or point(self, *a))
    framed.snapshot()
    for _ in range(2 * AHEAD + 3):  # as the window's frames: one step, then the snapshot with its preview
        before = len(passes)
        framed.advance(1, stop_on_converged=False)
        framed.snapshot()
        assert len(passes) - before == 1
    monkeypatch.setattr(SampleObjective, "_point", point)
    whole.advance(2 * AHEAD + 3, stop_on_converged=False)
    same_history(framed, whole)
