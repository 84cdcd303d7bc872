"""Races: shared data and start, stepping together, divergence of one runner, rewind, reset, and the
ready-made presets (each builds, runs and tells the story its explanation promises).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from gdviz.engine import (PRESETS, BatchMode, LiveSettings, Race, RaceEntry, Run, RunConfig, Status,
                          UpdateRule)

COLUMNS = ("params", "grad", "train_loss", "batch_loss", "learning_rate", "state", "step", "epoch", "pos")
MIXED = (
    RaceEntry("sgd", 0, LiveSettings(learning_rate=0.1, batch_mode=BatchMode.STOCHASTIC)),
    RaceEntry("adam mini", "#1f77b4", LiveSettings(learning_rate=0.05, rule=UpdateRule.ADAM,
                                                   batch_mode=BatchMode.MINI, batch_size=16)),
    RaceEntry("nesterov", 2, LiveSettings(learning_rate=0.05, rule=UpdateRule.NESTEROV)),
    RaceEntry("direction", 3, LiveSettings(rule=UpdateRule.DIRECTION_SEARCH, fixed_step=0.02)),
    RaceEntry("random", 4, LiveSettings(rule=UpdateRule.RANDOM_SEARCH)),
    RaceEntry("too fast", "#ff0000", LiveSettings(learning_rate=1.5)),
)
CONFIG = RunConfig(data="linear", grad_tol=0)


def col(run: Run, name: str) -> np.ndarray:
    return run.history.column(name).copy()


def test_all_runs_share_the_data_set_object_and_start_together() -> None:
    race = Race(CONFIG, MIXED)
    assert len(race.runs) == 6
    assert all(run.dataset is race.dataset for run in race.runs)
    snaps = race.snapshots()
    assert len({s.params for s in snaps}) == 1 and {s.step for s in snaps} == {0}
    assert [s.live for s in snaps] == [e.live for e in MIXED]


def test_race_needs_two_to_six_runs_with_distinct_names_and_valid_colours() -> None:
    entry = MIXED[0]
    with pytest.raises(ValueError, match="2 to 6"):
        Race(CONFIG, [entry])
    with pytest.raises(ValueError, match="2 to 6"):
        Race(CONFIG, MIXED + (replace(entry, name="seventh"),))
    with pytest.raises(ValueError, match="different names"):
        Race(CONFIG, [entry, entry])
    for bad in (-1, "red", "#12345", 1.5):
        with pytest.raises(ValueError, match="colour"):
            RaceEntry("x", bad, LiveSettings())


def test_a_diverging_runner_stops_while_the_others_keep_stepping() -> None:
    race = Race(CONFIG, MIXED)
    assert race.advance(200) == 200
    fast = race.runs[-1]
    assert fast.status is Status.DIVERGED and fast.step < 200
    assert race.snapshots()[-1].status is Status.DIVERGED
    assert all(run.step == 200 and run.status is not Status.DIVERGED for run in race.runs[:-1])
    assert race.step == 200
    assert race.advance(10) == 10 and race.runs[0].step == 210 and fast.step < 200


def test_race_results_equal_each_configuration_run_alone() -> None:
    race = Race(CONFIG, MIXED)
    for n in (1, 7, 120, 72):
        race.advance(n)
    for entry, run in zip(MIXED, race.runs):
        alone = Run(CONFIG, entry.live)
        alone.advance(200, stop_on_converged=False)
        for c in COLUMNS:
            assert np.array_equal(col(run, c), col(alone, c)), (entry.name, c)
        assert run.snapshot() == alone.snapshot()


def test_race_rewind_then_advance_retraces_and_reset_restarts() -> None:
    race = Race(CONFIG, MIXED)
    race.advance(150)
    before = [{c: col(run, c) for c in COLUMNS} for run in race.runs]
    fast = race.runs[-1]
    diverged_at = fast.diverged_at
    race.rewind(60)
    assert [run.step for run in race.runs[:-1]] == [60] * 5
    assert fast.status is Status.DIVERGED and fast.diverged_at == diverged_at < 60  # stopped before: untouched
    race.advance(90)
    for run, cols in zip(race.runs, before):
        for c in COLUMNS:
            assert np.array_equal(col(run, c), cols[c]), c
    race.reset()
    assert race.step == 0 and all(run.status is not Status.DIVERGED for run in race.runs)
    assert race.snapshots() == Race(CONFIG, MIXED).snapshots()


def test_a_finished_race_is_one_where_every_run_stopped() -> None:
    race = Race(RunConfig(data="linear"), [RaceEntry("ok", 0, LiveSettings(learning_rate=0.5)),
                                           RaceEntry("boom", 1, LiveSettings(learning_rate=1.2))])
    assert not race.finished
    race.advance(5000)
    assert [run.status for run in race.runs] == [Status.CONVERGED, Status.DIVERGED]
    assert race.finished


def test_function_races_have_no_data_set() -> None:
    race = Race(RunConfig(function="bowl"), [RaceEntry("a", 0, LiveSettings()),
                                             RaceEntry("b", 1, LiveSettings(rule=UpdateRule.ADAM))])
    assert race.dataset is None
    race.advance(10)
    assert [run.step for run in race.runs] == [10, 10]


# ----- presets --------------------------------------------------------------------------------
def test_presets_are_exactly_the_seven_lessons_with_a_title_and_one_line() -> None:
    assert list(PRESETS) == ["learning-rates", "batch-modes", "valley-optimizers", "search-vs-gradient",
                             "rooms-search", "two-layer-rates", "beans-order"]
    for preset in PRESETS.values():
        assert preset.title and preset.explanation and "\n" not in preset.explanation
        assert 2 <= len(preset.entries) <= 6


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_builds_and_runs_200_steps(name) -> None:
    race = Race.from_preset(name)
    assert race.advance(200) == 200
    for run in race.runs:
        assert np.isfinite(col(run, "params")).all() and np.isfinite(col(run, "train_loss")).all()
        assert run.status is Status.DIVERGED or run.step == 200
    assert len(race.snapshots()) == len(PRESETS[name].entries)


def test_unknown_preset_names_the_choices() -> None:
    with pytest.raises(ValueError, match="learning-rates"):
        Race.from_preset("nope")


def losses(race: Race) -> list[np.ndarray]:
    return [col(run, "train_loss") for run in race.runs]


def test_learning_rates_preset_low_creeps_high_swings_too_high_diverges() -> None:
    race = Race.from_preset("learning-rates")
    race.advance(300)
    low, high, too_high = race.runs
    assert too_high.status is Status.DIVERGED and too_high.diverged_at < 50
    assert low.status is not Status.DIVERGED and high.status is not Status.DIVERGED
    assert np.all(np.diff(col(low, "train_loss")) <= 0)
    w = col(high, "params")[:, 0]
    assert np.any(np.diff(np.sign(w[1:] - high.optimum["w"])) != 0)  # η = 0.8 overshoots and swings back
    assert col(low, "train_loss")[-1] < 1.01 * run_min(low) and col(high, "train_loss")[-1] < 1.1 * run_min(high)


def run_min(run: Run) -> float:
    return float(run.objective.loss(np.array(list(run.optimum.values()))))


def test_batch_modes_preset_full_batch_is_smooth_stochastic_jitters() -> None:
    race = Race.from_preset("batch-modes")
    race.advance(300)
    full, stochastic, mini = race.runs
    assert full.status is Status.CONVERGED
    assert np.all(np.diff(col(full, "train_loss")) <= 1e-15)
    jitter = [np.std(col(run, "params")[150:, 0]) for run in (full, mini, stochastic)]
    assert jitter[0] < jitter[1] < jitter[2]
    assert all(col(run, "train_loss")[-1] < 1.5 * run_min(run) for run in race.runs)


def test_valley_preset_momentum_first_gradient_zig_zags_adam_steady() -> None:
    race = Race.from_preset("valley-optimizers")
    race.advance(300)
    gd, heavy, adam = race.runs
    first = [int(np.argmax(col(run, "status") == 2)) for run in race.runs]  # first converged step
    assert all(run.status is Status.CONVERGED for run in race.runs) and all(first)
    assert first[1] < first[0] and first[1] < first[2] and max(first) <= 300
    y_turns = [int(np.sum(np.diff(np.sign(col(run, "params")[:60, 1])) != 0)) for run in race.runs]
    assert y_turns[0] >= 50 and y_turns[2] <= 5  # gradient descent zig-zags, Adam does not


def test_search_vs_gradient_preset_all_three_make_progress() -> None:
    race = Race.from_preset("search-vs-gradient")
    race.advance(300)
    random, direction, gradient = losses(race)
    for loss in (random, direction, gradient):
        assert np.all(np.diff(loss) <= 0) and loss[-1] < loss[0] / 10
    assert gradient[50] < direction[50] and gradient[50] < random[50]
    steps, tried = race.runs[0].tried_points()
    assert len(steps) == 300 and tried.shape == (300, 2)


def test_rooms_search_race_keeps_the_tutorials_numbers() -> None:
    race = Race.from_preset("rooms-search")
    assert PRESETS["rooms-search"].steps == 10_000
    race.advance(2000)
    random, direction, gradient = race.runs
    assert random.snapshot().train_loss > 1e5  # the box [−200, −100]² holds no good line
    assert direction.snapshot().train_loss < 100 and gradient.snapshot().train_loss < 200
