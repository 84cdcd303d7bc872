"""One regression test per engine fault of issue 9 (and issue 8's "past convergence" and undo copies)."""
from __future__ import annotations

import numpy as np
import pytest

from gdviz.engine import DataError, Dataset, LiveSettings, Race, RaceEntry, Run, RunConfig, Status, UpdateRule
from gdviz.engine.datasets import Preset
from gdviz.engine.history import PER_OCTAVE
from gdviz.engine.objective import DataObjective
from gdviz.engine.surface import initial_framing, sublevel_box
from gdviz.engine.types import BatchMode, ModelKind, Reduction

LINE = Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(), {"w": 0.0, "b": 0.0})


def data(x, y, x_val=(), y_val=(), preset: Preset = LINE) -> Dataset:
    """A data set with an explicit training and validation part (no split is made)."""
    f = lambda v: np.array(v, float)  # noqa: E731
    return Dataset("t", "x", "y", f(x), f(y), f(x_val), f(y_val), preset)


C4 = data([1, 1, 1], [1, 2, 3], [2], [4])  # issue 9 #1: c4.csv after --val-fraction 0.25 --seed 0


# ----- 1. standardised constant training x ---------------------------------------------------
def test_standardised_constant_training_x_is_refused_in_one_line() -> None:
    with pytest.raises(DataError) as err:
        Run(RunConfig(standardise=True), dataset=C4)
    message = str(err.value)
    assert message.startswith("every training x is 1") and "Standardise x cannot scale a constant column" in message
    assert "\n" not in message and "learning rate" not in message


def test_a_zero_scale_never_reaches_to_original() -> None:
    with pytest.raises(DataError):
        DataObjective(C4, ModelKind.LINE, Reduction.MEAN, shift=1.0, scale=0.0)


# ----- 2. singular data: no unique optimum, no LinAlgError -------------------------------------
def test_singular_data_has_no_optimum_and_every_caller_copes() -> None:
    run = Run(RunConfig(), LiveSettings(learning_rate=0.1), dataset=C4)
    assert run.objective.optimum() is None and run.optimum is None
    assert sublevel_box(run.objective, run.params) is None
    framing = initial_framing(run.objective, run.params[None], (1, 0))
    assert np.all(np.isfinite(framing.lo)) and np.all(np.isfinite(framing.hi))
    run.advance(2000)
    # every line through (1, 2) fits: b + w·1 reaches the mean of y, and the gap test says so
    assert run.status is Status.CONVERGED
    assert run.params[0] + run.params[1] == pytest.approx(2.0, rel=1e-6)
    assert run.objective.minimum_value() == pytest.approx(2 / 3, rel=1e-12)


def test_origin_model_with_every_x_zero_has_no_optimum() -> None:
    preset = Preset(ModelKind.ORIGIN, Reduction.MEAN, LiveSettings(), {"w": 1.0})
    run = Run(RunConfig(), dataset=data([0, 0, 0], [1, 2, 3], preset=preset))
    assert run.optimum is None and run.status is Status.CONVERGED  # w changes nothing: flat from the start
    assert run.advance(5) == 5


# ----- 3. settings state their real limits ----------------------------------------------------
@pytest.mark.parametrize("field, value, limit", [
    ("decay_steps", 1e20, "from 1 to 1e9"), ("decay_steps", 10 ** 20, "from 1 to 1e9"),
    ("search_radius", 1e308, "at most 1e100"), ("batch_size", float("nan"), "from 1 to 1e9"),
    ("fixed_step", 1e200, "at most 1e100"), ("learning_rate", float("inf"), "positive finite"),
    ("learning_rate", "fast", "must be a number"),
])
def test_bad_settings_raise_value_error_naming_the_limit(field, value, limit) -> None:
    with pytest.raises(ValueError) as err:
        LiveSettings(**{field: value}).validated()
    assert limit in str(err.value) and "\n" not in str(err.value)


def test_initial_values_state_their_limit() -> None:
    with pytest.raises(ValueError, match="finite and below 1e100 in size, got 1e"):
        Run(RunConfig(init=(("w", 1e300),)))


def test_search_radius_at_its_limit_runs() -> None:
    run = Run(RunConfig(), LiveSettings(rule=UpdateRule.RANDOM_SEARCH, search_radius=1e100))
    assert run.advance(20) == 20 and run.status is not Status.CONVERGED


# ----- 4. honest convergence -------------------------------------------------------------------
def test_a_learning_rate_too_small_to_move_stalls_and_never_converges() -> None:
    run = Run(RunConfig(data="linear"), LiveSettings(learning_rate=1e-18))
    run.advance(50)
    assert run.status is Status.STALLED and run.converged_at is None and run.step == 50
    assert run.status_message() == "stalled: the step changes nothing at this η — try a larger η"


def test_adam_from_a_far_bowl_start_is_not_converged() -> None:
    run = Run(RunConfig(function="bowl", init=(("x", 9e99), ("y", 9e99))),
              LiveSettings(learning_rate=0.1, rule=UpdateRule.ADAM))
    run.advance(100)
    assert run.status is Status.STALLED and run.converged_at is None


def test_house_price_scale_data_at_a_tiny_rate_never_claims_convergence() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(50, 300, 50)
    run = Run(RunConfig(), LiveSettings(learning_rate=1e-15),
              dataset=data(x, 2000 * x + 50_000 + rng.normal(0, 20_000, 50)))
    run.advance(5000)
    assert run.status is Status.RUNNING and run.converged_at is None


def test_parabola_from_far_away_converges_only_near_its_minimum() -> None:
    run = Run(RunConfig(function="parabola", init=(("x", 1e10),)))
    run.advance(10_000)
    assert run.status is Status.CONVERGED
    x = run.params[0]
    assert x * x <= 1e-12 * 5  # within tol of f* = 5 on f's own scale, not 1e-12 of the start's 1e20
    assert run.objective.loss(run.params) - 5 <= 1e-12 * 5


@pytest.mark.parametrize("config, lr", [(RunConfig(data="linear"), 0.1), (RunConfig(data="house"), 1e-5),
                                        (RunConfig(data="linear", standardise=True), 0.5)])
def test_a_claimed_convergence_is_within_tolerance_of_the_closed_form(config, lr) -> None:
    run = Run(config, LiveSettings(learning_rate=lr))
    run.advance(200_000)
    if run.status is Status.CONVERGED:
        low = run.objective.minimum_value()
        assert run.objective.loss(run.params) - low <= 1e-12 * low + 1e-12 * abs(low)
    else:
        assert run.status is Status.RUNNING  # raw house data: a long, honest crawl


# ----- 5. overflow and underflow are about the data or the start --------------------------------
def test_x_near_1e154_is_refused_as_data_not_as_a_learning_rate() -> None:
    with pytest.raises(DataError) as err:
        Run(RunConfig(), dataset=data([1e154, 2e154, 3e154], [1, 2, 3]))
    message = str(err.value)
    assert "x values near 1e154 overflow the squared sums" in message and "learning rate" not in message


def test_x_near_1e154_works_when_standardised() -> None:
    run = Run(RunConfig(standardise=True), LiveSettings(learning_rate=0.1),
              dataset=data([1e154, 2e154, 3e154, 4e154], [1, 2, 3, 4]))
    run.advance(5000)
    assert run.status is Status.CONVERGED
    assert run.objective.to_original(run.params)["w"] == pytest.approx(1e-154, rel=1e-6)


def test_x_of_plus_minus_1e308_standardised_stays_finite() -> None:
    run = Run(RunConfig(standardise=True), dataset=data([-1e308, 1e308, 0.0], [1, 2, 3]))
    run.advance(100)
    assert np.all(np.isfinite(run.params)) and run.status is not Status.DIVERGED
    assert np.all(np.isfinite(list(run.optimum.values())))


def test_tiny_x_never_gives_an_infinite_optimum() -> None:
    with pytest.raises(DataError, match="underflow"):
        Run(RunConfig(), dataset=data([1e-160, 2e-160, 3e-160], [1, 2, 3]))


def test_huge_y_is_refused_as_data() -> None:
    with pytest.raises(DataError, match="y values near 1e200 overflow"):
        Run(RunConfig(), dataset=data([1, 2, 3], [1e200, 2e200, 3e200]))


def test_a_start_where_f_overflows_is_refused_without_warnings() -> None:
    with pytest.raises(ValueError, match="f overflows at the start x = 1e\\+80"):
        Run(RunConfig(function="rosenbrock", init=(("x", 1e80),)))


def test_a_far_finite_start_diverges_honestly_without_warnings() -> None:
    run = Run(RunConfig(function="rosenbrock", init=(("x", 1e70),)))
    run.advance(10)
    assert run.status is Status.DIVERGED and "lower the learning rate" in run.status_message()


# ----- 8. the history keeps the start -----------------------------------------------------------
def adam_mini(max_history: int) -> Run:
    return Run(RunConfig(data="linear", seed=3), LiveSettings(learning_rate=0.01, rule=UpdateRule.ADAM,
                                                              batch_mode=BatchMode.MINI, batch_size=8),
               max_history=max_history)


def test_a_thinned_history_keeps_the_start_and_every_bucket_extreme() -> None:
    run, full = adam_mini(128), adam_mini(1 << 16)
    run.advance(8000)
    full.advance(8000)
    steps = run.history.column("step")
    assert run.history.thinned and len(steps) <= 128
    head = run.history.head
    assert np.array_equal(steps[:head], np.arange(head))  # the start, every step
    loss_all = full.history.column("train_loss")
    np.testing.assert_array_equal(run.history.column("train_loss"), loss_all[steps])
    gaps = np.diff(steps)
    assert gaps[head:].max() > 1 and np.all(gaps[:head] == 1)
    # every bucket of the thinned part (log-spaced in the step) kept its least and greatest loss
    thinned_end = int(steps[np.flatnonzero(gaps > 1)[-1] + 1])  # a dense tail follows
    middle = np.arange(head, thinned_end)
    ids = np.floor(PER_OCTAVE * np.log2(middle.astype(float))).astype(np.int64) >> run.history.level
    whole = ids != ids[-1]  # the last bucket may run into the dense tail
    for bucket in np.unique(ids[whole]):
        members = middle[ids == bucket]
        assert members[np.argmin(loss_all[members])] in steps and members[np.argmax(loss_all[members])] in steps
    assert len(np.unique(ids)) > 5  # several buckets, widening with the step
    assert loss_all.min() in run.history.column("train_loss")


def test_rewind_into_a_thinned_history_replays_exactly() -> None:
    run, full = adam_mini(128), adam_mini(1 << 16)
    run.advance(8000)
    full.advance(8000)
    for target in (6543, 777, 3):
        run.rewind(target)
        np.testing.assert_array_equal(run.params, full.history.column("params")[target])
        assert run.step == target


def test_history_memory_is_bounded_on_a_long_run() -> None:
    run = Run(RunConfig(data="linear", grad_tol=0), LiveSettings(learning_rate=0.05), max_history=1024)
    run.advance(100_000, stop_on_converged=False)
    assert len(run.history) <= 1024 and run.history.column("step")[-1] == 100_000


# ----- issue 8: past convergence -----------------------------------------------------------------
def test_a_converged_run_stops_once_then_goes_on_normally() -> None:
    run = Run(RunConfig(data="linear"), LiveSettings(learning_rate=0.5))
    run.advance(100_000)
    at = run.step
    assert run.status is Status.CONVERGED and run.converged_at == at and 10 < at < 100_000
    assert run.snapshot().converged_at == at and run.status_message() == "converged at step {0}".format(at)
    assert run.advance(10) == 10 and run.step == at + 10  # not one step a call
    for pin in (1000, 2000):  # tutorial 003's pins past convergence are reachable
        run.advance(pin - run.step)
        assert run.step == pin
    assert run.converged_at == at


def test_rewind_before_convergence_clears_it_and_reset_too() -> None:
    run = Run(RunConfig(data="linear"), LiveSettings(learning_rate=0.5))
    run.advance(100_000)
    at = run.converged_at
    run.advance(5)
    run.rewind(at + 1)
    assert run.converged_at == at
    run.rewind(at - 1)
    assert run.converged_at is None and run.snapshot().converged_at is None
    run.advance(100_000)
    assert run.step == at  # stops there again
    run.reset()
    assert run.converged_at is None


def test_set_tolerance_continues_to_the_new_convergence() -> None:
    run = Run(RunConfig(data="linear", grad_tol=1e-4), LiveSettings(learning_rate=0.5))
    run.advance(100_000)
    loose = run.step
    run.set_tolerance(1e-14)
    assert run.status is Status.RUNNING and run.converged_at is None and run.tolerance == 1e-14
    run.advance(100_000)
    assert run.status is Status.CONVERGED and run.step > loose
    fresh = Run(RunConfig(data="linear", grad_tol=1e-14), LiveSettings(learning_rate=0.5))
    fresh.advance(100_000)
    assert fresh.step == run.step
    np.testing.assert_array_equal(fresh.params, run.params)
    with pytest.raises(ValueError, match="from 0 to 1"):
        run.set_tolerance(float("nan"))


def test_stop_once_is_the_same_one_step_at_a_time() -> None:
    whole = Run(RunConfig(data="linear"), LiveSettings(learning_rate=0.5))
    whole.advance(100_000)
    whole.advance(37)
    stepped = Run(RunConfig(data="linear"), LiveSettings(learning_rate=0.5))
    while stepped.step < whole.step:
        assert stepped.advance(1) == 1
    assert stepped.converged_at == whole.converged_at
    np.testing.assert_array_equal(stepped.history.column("params"), whole.history.column("params"))
    np.testing.assert_array_equal(stepped.history.column("status"), whole.history.column("status"))


def race_entries() -> list[RaceEntry]:
    return [RaceEntry("slow", 0, LiveSettings(learning_rate=0.1)),
            RaceEntry("fast", 1, LiveSettings(learning_rate=0.5))]


def test_a_race_pauses_together_at_the_first_convergence_then_goes_on() -> None:
    race = Race(RunConfig(data="linear"), race_entries())
    race.advance(100_000, stop_on_converged=True)
    fast = Run(RunConfig(data="linear"), LiveSettings(learning_rate=0.5))
    fast.advance(100_000)
    assert race.step == fast.step and all(run.step == fast.step for run in race.runs)
    assert race.converged_at == fast.step and race.runs[0].converged_at is None
    assert race.advance(10, stop_on_converged=True) == 10


def test_a_race_runner_stops_where_run_stops_when_not_together() -> None:
    race = Race(RunConfig(data="linear"), race_entries())
    race.advance(100_000, stop_on_converged=True, together=False)
    for entry, run in zip(race.entries, race.runs):
        alone = Run(RunConfig(data="linear"), entry.live)
        alone.advance(100_000)
        assert run.step == alone.step and run.status is Status.CONVERGED


# ----- issue 8: copies for undo ------------------------------------------------------------------
@pytest.mark.parametrize("live", [LiveSettings(rule=UpdateRule.ADAM, batch_mode=BatchMode.MINI, batch_size=7),
                                  LiveSettings(rule=UpdateRule.DIRECTION_SEARCH),
                                  LiveSettings(learning_rate=0.3)])
def test_a_copy_steps_bit_identically_and_independently(live) -> None:
    run = Run(RunConfig(data="linear", grad_tol=0), live)
    run.advance(5)
    run.advance(1)  # leaves an ahead block
    twin = run.copy()
    twin.advance(300)
    assert run.step == 6  # the original did not move
    run.advance(300)
    np.testing.assert_array_equal(twin.history.column("params"), run.history.column("params"))
    np.testing.assert_array_equal(twin.history.column("state"), run.history.column("state"))
    assert twin.snapshot() == run.snapshot()


def test_with_runner_returns_a_new_race_and_keeps_the_old_one() -> None:
    race = Race(RunConfig(data="linear", grad_tol=0), race_entries())
    race.advance(40)
    before = [run.params.copy() for run in race.runs]
    new = race.with_runner(RaceEntry("adam", 2, LiveSettings(learning_rate=0.1, rule=UpdateRule.ADAM)))
    assert len(new.runs) == 3 and len(race.runs) == 2 and new.step == race.step == 40
    assert all(run.step == 40 for run in new.runs)
    new.advance(10)
    assert race.step == 40 and all(np.array_equal(r.params, p) for r, p in zip(race.runs, before))
    alone = Run(RunConfig(data="linear", grad_tol=0), LiveSettings(learning_rate=0.1, rule=UpdateRule.ADAM))
    alone.advance(50)
    np.testing.assert_array_equal(new.runs[2].params, alone.params)
    smaller = new.without_runner(0)
    assert [e.name for e in smaller.entries] == ["fast", "adam"] and len(new.runs) == 3
    with pytest.raises(ValueError, match="2 to 6 runs"):
        smaller.without_runner(1)
    with pytest.raises(ValueError, match="different names"):
        race.with_runner(RaceEntry("fast", 3, LiveSettings()))


def test_from_run_makes_a_race_of_two_and_leaves_the_run() -> None:
    run = Run(RunConfig(data="linear", grad_tol=0), LiveSettings(learning_rate=0.1))
    run.advance(25)
    params = run.params.copy()
    race = Race.from_run(run, RaceEntry("now", 0, run.live), RaceEntry("adam", 1, LiveSettings(rule=UpdateRule.ADAM)))
    assert [r.step for r in race.runs] == [25, 25] and race.runs[0] is not run
    race.advance(5)
    assert run.step == 25 and np.array_equal(run.params, params)
    run.advance(5)
    np.testing.assert_array_equal(race.runs[0].params, run.params)
