"""Optimizers, clipping, schedules and search baselines: each rule against its formula worked by hand,
then inside a run (live edits, rule changes, rewind, previews, the history's state and rate columns).
"""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from gdviz.engine import (BatchMode, ClipMode, LiveSettings, ModelKind, Reduction, Run, RunConfig, Schedule,
                          Status, UpdateRule)
from gdviz.engine import optimizers
from gdviz.engine.optimizers import Context, clip_gradient, scheduled_lr
from gdviz.engine.sampler import Sampler

FULL, STOCHASTIC, MINI = BatchMode.FULL, BatchMode.STOCHASTIC, BatchMode.MINI
GRADIENT_RULES = [UpdateRule.GRADIENT, UpdateRule.FIXED, UpdateRule.MOMENTUM, UpdateRule.NESTEROV,
                  UpdateRule.ADAGRAD, UpdateRule.RMSPROP, UpdateRule.ADAM]
SEARCH_RULES = [UpdateRule.RANDOM_SEARCH, UpdateRule.DIRECTION_SEARCH]
ALL_RULES = GRADIENT_RULES + SEARCH_RULES
COLUMNS = ("params", "grad", "train_loss", "batch_loss", "learning_rate", "state", "step", "epoch", "pos")


def descend(rule: UpdateRule, hp: LiveSettings, theta0, grad, steps: int):
    """Iterate one optimizer on a hand-written gradient; returns the params and states, step by step."""
    opt = optimizers.make(rule)
    theta = np.array(theta0, float)
    state = opt.init(theta)
    params, states = [theta], [state]
    for t in range(steps):
        delta, state = opt.update(grad(theta), state, theta, hp, Context(t, scheduled_lr(hp, t)))
        theta = theta + delta
        params.append(theta)
        states.append(state)
    return params, states


def square(theta):  # f(θ) = Σθ², ∇f = 2θ
    return 2 * theta


def col(run: Run, name: str) -> np.ndarray:
    return run.history.column(name).copy()


def linear_run(rule: UpdateRule, mode: BatchMode = FULL, k: int = 8, lr: float = 0.05, seed: int = 42,
               max_history: int = 1 << 20, **live) -> Run:
    settings = LiveSettings(learning_rate=lr, batch_mode=mode, batch_size=k, rule=rule, fixed_step=0.02, **live)
    return Run(RunConfig(data="linear", seed=seed, grad_tol=0), settings, max_history=max_history)


# ----- settings ------------------------------------------------------------------------------
def test_existing_defaults_are_unchanged_and_new_ones_are_as_documented() -> None:
    live = LiveSettings()
    assert (live.learning_rate, live.batch_mode, live.batch_size, live.rule, live.fixed_step) == (
        0.1, FULL, 32, UpdateRule.GRADIENT, 0.01)
    assert (live.momentum, live.beta1, live.beta2, live.epsilon, live.rho) == (0.9, 0.9, 0.999, 1e-8, 0.9)
    assert (live.clip, live.clip_value, live.schedule, live.decay_rate, live.decay_steps, live.search_radius) == (
        ClipMode.NONE, 1.0, Schedule.CONSTANT, 0.5, 100, 5.0)
    assert live.validated() == live


@pytest.mark.parametrize("field, bad, words", [
    ("momentum", 1.0, "momentum"), ("momentum", -0.1, "momentum"), ("momentum", float("nan"), "momentum"),
    ("beta1", 1.0, "beta1"), ("beta2", 1.5, "beta2"), ("rho", -0.5, "rho"),
    ("epsilon", 0.0, "epsilon"), ("epsilon", float("inf"), "epsilon"),
    ("clip_value", -1.0, "clip value"), ("decay_rate", 0.0, "decay rate"),
    ("decay_steps", 0, "decay steps"), ("decay_steps", 2.5, "decay steps"),
    ("decay_steps", float("nan"), "decay steps"),
    ("search_radius", 0.0, "search radius"), ("search_radius", float("nan"), "search radius"),
])
def test_bad_hyperparameter_is_rejected_with_a_one_line_message_naming_it(field, bad, words) -> None:
    with pytest.raises(ValueError, match=words) as info:
        replace(LiveSettings(), **{field: bad}).validated()
    assert "\n" not in str(info.value)


def test_string_values_of_the_enums_are_accepted() -> None:
    live = replace(LiveSettings(), rule="adam", clip="norm", schedule="inverse").validated()
    assert (live.rule, live.clip, live.schedule) == (UpdateRule.ADAM, ClipMode.NORM, Schedule.INVERSE)
    assert UpdateRule("random-search").is_search and not UpdateRule.ADAM.is_search


# ----- each rule against its formula -----------------------------------------------------------
@pytest.mark.parametrize("rule", [UpdateRule.MOMENTUM, UpdateRule.NESTEROV])
def test_momentum_with_beta_zero_is_plain_descent_exactly(rule) -> None:
    hp = LiveSettings(learning_rate=0.3, momentum=0.0)
    quad = lambda th: np.array([1.0, 25.0]) * th - np.array([0.5, -2.0])  # noqa: E731
    plain, _ = descend(UpdateRule.GRADIENT, hp, [-8.0, 1.5], quad, 40)
    heavy, _ = descend(rule, hp, [-8.0, 1.5], quad, 40)
    assert np.array_equal(np.array(heavy), np.array(plain))


def test_momentum_follows_its_recurrence_by_hand() -> None:
    # f = θ², θ₀ = 1, η = 0.1, β = 0.9: v₁ = 2, θ₁ = 0.8; v₂ = 1.8 + 1.6 = 3.4, θ₂ = 0.46; v₃ = 3.06 + 0.92
    params, states = descend(UpdateRule.MOMENTUM, LiveSettings(learning_rate=0.1, momentum=0.9), [1.0], square, 3)
    assert [p[0] for p in params] == pytest.approx([1.0, 0.8, 0.46, 0.46 - 0.1 * 3.98], rel=1e-14)
    assert states[3][0][0] == pytest.approx(3.98, rel=1e-14)


def test_nesterov_follows_its_recurrence_by_hand() -> None:
    # v₁ = 2, Δ₁ = −0.1(2 + 0.9·2) = −0.38; g₂ = 1.24, v₂ = 1.8 + 1.24 = 3.04, Δ₂ = −0.1(1.24 + 0.9·3.04)
    params, _ = descend(UpdateRule.NESTEROV, LiveSettings(learning_rate=0.1, momentum=0.9), [1.0], square, 2)
    assert [p[0] for p in params] == pytest.approx([1.0, 0.62, 0.62 - 0.1 * (1.24 + 0.9 * 3.04)], rel=1e-14)


def test_adam_first_step_is_minus_learning_rate_times_sign_of_gradient() -> None:
    hp = LiveSettings(learning_rate=0.25)
    g = np.array([3.0, -0.5, 1e-3])
    params, _ = descend(UpdateRule.ADAM, hp, [0.0, 0.0, 0.0], lambda th: g, 1)
    np.testing.assert_allclose(params[1], -0.25 * np.sign(g), rtol=2e-5)


def test_adam_first_two_steps_match_a_hand_computation() -> None:
    eta, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    hp = LiveSettings(learning_rate=eta, beta1=b1, beta2=b2, epsilon=eps)
    params, states = descend(UpdateRule.ADAM, hp, [1.0], square, 2)
    g1 = 2.0  # at θ₀ = 1
    m1, v1 = (1 - b1) * g1, (1 - b2) * g1 ** 2
    th1 = 1.0 - eta * (m1 / (1 - b1)) / (math.sqrt(v1 / (1 - b2)) + eps)
    g2 = 2 * th1
    m2, v2 = b1 * m1 + (1 - b1) * g2, b2 * v1 + (1 - b2) * g2 ** 2
    th2 = th1 - eta * (m2 / (1 - b1 ** 2)) / (math.sqrt(v2 / (1 - b2 ** 2)) + eps)
    assert params[1][0] == pytest.approx(th1, rel=1e-14)
    assert params[2][0] == pytest.approx(th2, rel=1e-14)
    m, v, t = states[2]
    assert (m[0], v[0], float(t)) == (pytest.approx(m2, rel=1e-14), pytest.approx(v2, rel=1e-14), 2.0)


def test_adagrad_accumulates_the_sum_of_squared_gradients() -> None:
    hp = LiveSettings(learning_rate=0.5, epsilon=1e-8)
    quad = lambda th: np.array([1.0, 25.0]) * th  # noqa: E731
    params, states = descend(UpdateRule.ADAGRAD, hp, [-8.0, 1.5], quad, 12)
    grads = [quad(p) for p in params[:-1]]
    np.testing.assert_allclose(states[-1][0], np.sum(np.square(grads), axis=0), rtol=1e-14)
    total = np.square(grads[0])
    np.testing.assert_allclose(params[1], params[0] - 0.5 * grads[0] / (np.sqrt(total) + 1e-8), rtol=1e-15)


def test_rmsprop_running_mean_of_squares_after_steps() -> None:
    rho = 0.8
    hp = LiveSettings(learning_rate=0.01, rho=rho)
    quad = lambda th: np.array([1.0, 25.0]) * th  # noqa: E731
    params, states = descend(UpdateRule.RMSPROP, hp, [-8.0, 1.5], quad, 6)
    grads = [quad(p) for p in params[:-1]]
    expected = sum((1 - rho) * rho ** (5 - j) * np.square(g) for j, g in enumerate(grads))  # s₆, unrolled
    np.testing.assert_allclose(states[6][0], expected, rtol=1e-13)
    s1 = (1 - rho) * np.square(grads[0])
    np.testing.assert_allclose(params[1], params[0] - 0.01 * grads[0] / (np.sqrt(s1) + 1e-8), rtol=1e-15)


# ----- clipping ---------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [1, 2, 5])
def test_clipping_never_lets_a_gradient_exceed_its_bound(size) -> None:
    rng = np.random.default_rng(size)
    for _ in range(500):
        c = float(rng.uniform(0.01, 3.0))
        g = rng.standard_normal(size) * 10.0 ** rng.uniform(-3, 3)
        by_value = clip_gradient(g, LiveSettings(clip=ClipMode.VALUE, clip_value=c))
        assert np.all(np.abs(by_value) <= c)
        assert np.array_equal(by_value[np.abs(g) <= c], g[np.abs(g) <= c])  # small components untouched
        by_norm = clip_gradient(g, LiveSettings(clip=ClipMode.NORM, clip_value=c))
        assert np.linalg.norm(by_norm) <= c * (1 + 1e-15)
        if np.linalg.norm(g) <= c:
            assert np.array_equal(by_norm, g)
        else:
            np.testing.assert_allclose(by_norm / np.linalg.norm(by_norm), g / np.linalg.norm(g), rtol=1e-12)
        assert np.array_equal(clip_gradient(g, LiveSettings(clip_value=c)), g)


@pytest.mark.parametrize("rule", [UpdateRule.GRADIENT, UpdateRule.MOMENTUM, UpdateRule.ADAM])
def test_clipping_is_applied_before_the_rule(rule) -> None:
    g = np.array([30.0, -0.2])
    hp = LiveSettings(learning_rate=0.1, clip=ClipMode.VALUE, clip_value=1.0)
    clipped, _ = descend(rule, hp, [0.0, 0.0], lambda th: g, 3)
    unclipped, _ = descend(rule, replace(hp, clip=ClipMode.NONE), [0.0, 0.0], lambda th: np.array([1.0, -0.2]), 3)
    assert np.array_equal(np.array(clipped), np.array(unclipped))


# ----- schedules --------------------------------------------------------------------------------
@pytest.mark.parametrize("schedule, expected", [
    (Schedule.CONSTANT, {0: 0.8, 99: 0.8, 1000: 0.8}),
    (Schedule.STEP, {0: 0.8, 99: 0.8, 100: 0.4, 199: 0.4, 250: 0.2}),
    (Schedule.EXPONENTIAL, {0: 0.8, 50: 0.8 * math.sqrt(0.5), 100: 0.4, 300: 0.1}),
    (Schedule.INVERSE, {0: 0.8, 100: 0.8 / 1.5, 300: 0.8 / 2.5, 50: 0.8 / 1.25}),
])
def test_schedule_values_at_chosen_steps(schedule, expected) -> None:
    hp = LiveSettings(learning_rate=0.8, schedule=schedule, decay_rate=0.5, decay_steps=100)
    for step, rate in expected.items():
        assert scheduled_lr(hp, step) == pytest.approx(rate, rel=1e-15), step


def test_a_growing_schedule_overflows_to_infinity_and_the_run_diverges_cleanly() -> None:
    hp = LiveSettings(schedule=Schedule.EXPONENTIAL, decay_rate=10.0, decay_steps=1)
    assert scheduled_lr(hp, 400) == math.inf
    run = Run(RunConfig(function="bowl", grad_tol=0), replace(hp, rule=UpdateRule.MOMENTUM))
    run.advance(1000)
    assert run.status is Status.DIVERGED
    assert np.isfinite(col(run, "params")).all()


@pytest.mark.parametrize("rule", [UpdateRule.GRADIENT, UpdateRule.ADAM])
def test_history_learning_rate_column_is_the_scheduled_rate_of_each_step(rule) -> None:
    run = linear_run(rule, STOCHASTIC, schedule=Schedule.STEP, decay_steps=10, decay_rate=0.5)
    run.advance(35)
    rates = col(run, "learning_rate")
    assert rates[0] == 0.05
    assert np.array_equal(rates[1:], [scheduled_lr(run.live, t) for t in range(35)])
    assert rates[35] == 0.05 * 0.5 ** 3
    assert run.snapshot().last_update.learning_rate == rates[35]
    assert run.snapshot().next_update.learning_rate == 0.05 * 0.5 ** 3


def test_plain_descent_with_a_schedule_takes_the_scheduled_steps() -> None:
    run = Run(RunConfig(function="parabola", grad_tol=0),
              LiveSettings(learning_rate=0.1, schedule=Schedule.INVERSE, decay_rate=1.0, decay_steps=1))
    run.advance(5)
    x = col(run, "params")[:, 0]
    for t in range(5):
        assert x[t + 1] == pytest.approx(x[t] - 0.1 / (1 + t) * 2 * x[t], rel=1e-14)


# ----- inside a run: state, live edits, rule changes -------------------------------------------------
@pytest.mark.parametrize("rule", ALL_RULES)
@pytest.mark.parametrize("mode", [FULL, STOCHASTIC, MINI])
def test_every_rule_runs_on_data_with_finite_history_and_fitting_state(rule, mode) -> None:
    run = linear_run(rule, mode, lr=0.02)
    assert run.advance(120) == 120
    assert run.history.state_size == 2 * 2 + 1
    for c in COLUMNS:
        assert np.isfinite(col(run, c)).all(), c
    assert col(run, "train_loss")[-1] < col(run, "train_loss")[0]


@pytest.mark.parametrize("rule", [UpdateRule.MOMENTUM, UpdateRule.NESTEROV])
def test_momentum_beta_zero_run_equals_plain_run_on_a_function(rule) -> None:
    a = Run(RunConfig(function="rosenbrock", grad_tol=0), LiveSettings(learning_rate=1e-3, rule=rule, momentum=0.0))
    b = Run(RunConfig(function="rosenbrock", grad_tol=0), LiveSettings(learning_rate=1e-3))
    a.advance(500)
    b.advance(500)
    assert np.array_equal(col(a, "params"), col(b, "params"))


def test_momentum_beta_zero_on_data_matches_the_plain_kernel() -> None:
    a = linear_run(UpdateRule.MOMENTUM, MINI, momentum=0.0)
    b = linear_run(UpdateRule.GRADIENT, MINI)
    a.advance(300)
    b.advance(300)
    np.testing.assert_allclose(col(a, "params"), col(b, "params"), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("mode", [STOCHASTIC, MINI])
def test_recorded_batch_gradients_of_a_generic_rule_are_the_direct_gradients(mode) -> None:
    run = linear_run(UpdateRule.ADAM, mode, k=7)
    run.advance(40)
    params, grads, epochs, poss = (col(run, c) for c in ("params", "grad", "epoch", "pos"))
    x, y = run.dataset.x_train, run.dataset.y_train
    sampler = Sampler(run.objective.n_train, run.config.seed)
    for i in range(40):
        batch = sampler.plan(int(epochs[i]), int(poss[i]), mode, 7, 1).batch(0)
        r = params[i, 0] * x[batch] + params[i, 1] - y[batch]
        ref = [2 * np.mean(x[batch] * r), 2 * np.mean(r)]
        np.testing.assert_allclose(grads[i + 1], ref, rtol=1e-9, atol=1e-12)


def test_live_edit_of_beta_keeps_the_velocity() -> None:
    run = linear_run(UpdateRule.MOMENTUM, FULL)
    run.advance(10)
    v10 = col(run, "state")[10, :2]
    assert np.array_equal(run.opt_state[0], v10)
    run.set_live(replace(run.live, momentum=0.5))
    assert np.array_equal(run.opt_state[0], v10)  # the edit alone changes nothing
    run.advance(1)
    g = col(run, "grad")[11]
    np.testing.assert_allclose(col(run, "state")[11, :2], 0.5 * v10 + g, rtol=1e-15)
    np.testing.assert_allclose(run.params, col(run, "params")[10] - 0.05 * (0.5 * v10 + g), rtol=1e-15)


def test_live_edit_of_learning_rate_keeps_adam_moments_and_count() -> None:
    run = linear_run(UpdateRule.ADAM, STOCHASTIC)
    run.advance(10)
    m, v, t = (a.copy() for a in run.opt_state)
    assert float(t) == 10
    run.set_live(replace(run.live, learning_rate=0.2, beta1=0.5))
    run.advance(1)
    g = col(run, "grad")[11]
    m2, v2, t2 = run.opt_state
    np.testing.assert_allclose(m2, 0.5 * m + 0.5 * g, rtol=1e-14)
    np.testing.assert_allclose(v2, 0.999 * v + 0.001 * g * g, rtol=1e-14)
    assert float(t2) == 11
    step = 0.2 * (m2 / (1 - 0.5 ** 11)) / (np.sqrt(v2 / (1 - 0.999 ** 11)) + 1e-8)
    np.testing.assert_allclose(run.params, col(run, "params")[10] - step, rtol=1e-13)


def test_a_rule_change_resets_the_optimizer_state() -> None:
    run = linear_run(UpdateRule.MOMENTUM, FULL)
    run.advance(10)
    assert np.any(run.opt_state[0] != 0)
    run.set_live(replace(run.live, rule=UpdateRule.ADAM))
    m, v, t = run.opt_state
    assert not m.any() and not v.any() and float(t) == 0
    run.advance(1)
    g = col(run, "grad")[11]
    np.testing.assert_allclose(run.opt_state[0], 0.1 * g, rtol=1e-14)
    assert float(run.opt_state[2]) == 1
    run.set_live(replace(run.live, rule=UpdateRule.MOMENTUM))
    run.advance(1)
    assert np.array_equal(run.opt_state[0], col(run, "grad")[12])  # v = 0·β + g


def test_a_hyperparameter_change_does_not_reset_the_state() -> None:
    run = linear_run(UpdateRule.RMSPROP, MINI)
    run.advance(20)
    before = run.opt_state[0].copy()
    run.set_live(replace(run.live, rho=0.5, clip=ClipMode.NORM, schedule=Schedule.EXPONENTIAL, epsilon=1e-6))
    assert np.array_equal(run.opt_state[0], before)


# ----- rewind and previews ----------------------------------------------------------------------
@pytest.mark.parametrize("rule", ALL_RULES)
@pytest.mark.parametrize("mode, k", [(FULL, 80), (STOCHASTIC, 1), (MINI, 7)])
def test_rewind_then_forward_retraces_exactly(rule, mode, k) -> None:
    run = linear_run(rule, mode, k=k, lr=0.02, clip=ClipMode.NORM, clip_value=2.0)
    run.advance(30)
    run.set_live(replace(run.live, learning_rate=0.01, momentum=0.5, beta1=0.8, search_radius=2.0))
    run.advance(50)
    before = {c: col(run, c) for c in COLUMNS}
    state = optimizers.flatten(run.opt_state)
    for target in (79, 55, 31, 30):  # at or after the live edit, which the rewind keeps
        run.rewind(target)
        assert run.step == target
        flat = optimizers.flatten(run.opt_state)
        assert np.array_equal(flat, before["state"][target][:len(flat)])
        assert run.advance(80 - target) == 80 - target
        for c in COLUMNS:
            assert np.array_equal(col(run, c), before[c]), (c, target)
        assert np.array_equal(optimizers.flatten(run.opt_state), state)
    run.rewind(12)  # before the edit: the edit is forgotten, the path is the unedited one
    run.advance(68)
    fresh = linear_run(rule, mode, k=k, lr=0.02, clip=ClipMode.NORM, clip_value=2.0)
    fresh.advance(80)
    for c in COLUMNS:
        assert np.array_equal(col(run, c), col(fresh, c)), c


@pytest.mark.parametrize("rule", [UpdateRule.ADAM, UpdateRule.MOMENTUM, UpdateRule.RANDOM_SEARCH,
                                  UpdateRule.DIRECTION_SEARCH])
def test_rewind_into_thinned_history_replays_the_state_exactly(rule) -> None:
    run = linear_run(rule, STOCHASTIC, lr=0.005, max_history=64)
    run.advance(1500)
    final, state = run.params.copy(), optimizers.flatten(run.opt_state)
    assert run.history.thinned and 333 not in col(run, "step")
    run.rewind(333)
    fresh = linear_run(rule, STOCHASTIC, lr=0.005)
    fresh.advance(333)
    assert np.array_equal(run.params, fresh.params)
    assert np.array_equal(optimizers.flatten(run.opt_state), optimizers.flatten(fresh.opt_state))
    assert run.snapshot() == fresh.snapshot()
    run.advance(1500 - 333)
    assert np.array_equal(run.params, final) and np.array_equal(optimizers.flatten(run.opt_state), state)


@pytest.mark.parametrize("rule", ALL_RULES)
@pytest.mark.parametrize("mode, k", [(FULL, 80), (STOCHASTIC, 1), (MINI, 7)])
def test_next_update_is_exactly_what_the_step_does(rule, mode, k) -> None:
    run = linear_run(rule, mode, k=k, lr=0.02, schedule=Schedule.INVERSE, decay_steps=5)
    for _ in range(25):
        nxt = run.snapshot().next_update
        assert nxt.rule is rule and nxt.params_before == tuple(run.params.tolist())
        run.advance(1)
        after = run.snapshot()
        assert nxt.params_after == after.params
        assert after.last_update == nxt
        assert (nxt.candidate is not None) == rule.is_search


def test_rule_change_mid_run_then_rewind_across_it_retraces() -> None:
    run = linear_run(UpdateRule.MOMENTUM, MINI)
    run.advance(20)
    run.set_live(replace(run.live, rule=UpdateRule.DIRECTION_SEARCH))
    run.advance(20)
    run.set_live(replace(run.live, rule=UpdateRule.ADAM))
    run.advance(20)
    before = {c: col(run, c) for c in COLUMNS}
    for target in (50, 41, 40):
        run.rewind(target)
        run.advance(60 - target)
        for c in COLUMNS:
            assert np.array_equal(col(run, c), before[c]), (c, target)
    run.rewind(25)  # inside the search stretch: make the later change again by hand
    run.advance(15)
    run.set_live(replace(run.live, rule=UpdateRule.ADAM))
    run.advance(20)
    for c in COLUMNS:
        assert np.array_equal(col(run, c), before[c]), c


# ----- search baselines -------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_search_never_raises_the_best_loss_and_tries_points_of_the_box(seed) -> None:
    run = linear_run(UpdateRule.RANDOM_SEARCH, STOCHASTIC, seed=seed, search_radius=1.5)
    run.advance(300)
    steps, tried = run.tried_points()
    assert np.array_equal(steps, np.arange(1, 301))
    start, r = run.initial_params, 1.5
    assert np.all(np.abs(tried - start) <= r * (1 + 1e-12))
    best = col(run, "state")[1:, 2]
    train = col(run, "train_loss")
    assert np.all(np.diff(np.concatenate([[train[0]], best])) <= 0)
    tried_loss = run.objective.loss(tried)
    params = col(run, "params")
    for i in range(300):  # keep the try exactly when it beats the best so far
        kept = tried_loss[i] < (train[0] if i == 0 else best[i - 1])
        assert np.array_equal(params[i + 1], tried[i] if kept else params[i])
    assert np.array_equal(train[1:], run.objective.loss(params[1:]))
    assert train[-1] < train[0] / 5


def test_search_rules_use_the_full_training_loss_whatever_the_batch_mode() -> None:
    a = linear_run(UpdateRule.RANDOM_SEARCH, STOCHASTIC)
    b = linear_run(UpdateRule.RANDOM_SEARCH, MINI, k=13)
    a.advance(50)
    b.advance(50)
    assert np.array_equal(col(a, "params"), col(b, "params"))
    assert a.snapshot().batch_indices is None and a.batch_mode() is FULL


def test_search_is_seeded_by_the_run_seed() -> None:
    a, b, c = (linear_run(UpdateRule.RANDOM_SEARCH, seed=s) for s in (5, 5, 6))
    for run in (a, b, c):
        run.advance(40)
    assert np.array_equal(col(a, "state"), col(b, "state"))
    assert not np.array_equal(col(a, "state"), col(c, "state"))


@pytest.mark.parametrize("data, model, reduction, s", [
    ("linear", None, None, 0.02), ("house", None, None, 0.05), ("beans", ModelKind.ORIGIN, Reduction.SUM, 0.01),
])
def test_direction_search_moves_by_s_along_a_sign_direction_or_not_at_all(data, model, reduction, s) -> None:
    live = LiveSettings(rule=UpdateRule.DIRECTION_SEARCH, fixed_step=s)
    run = Run(RunConfig(data=data, model=model, reduction=reduction, grad_tol=0), live)
    run.advance(400)
    assert run.status is Status.RUNNING  # a rejected try is no convergence
    n = len(run.param_names)
    params, state, train = col(run, "params"), col(run, "state"), col(run, "train_loss")
    tried, best, direction = state[1:, :n], state[1:, n], state[:, n + 1:]
    moves = np.diff(params, axis=0)
    accepted = np.any(moves != 0, axis=1)
    assert accepted.any() and (~accepted).any()
    for i in range(400):
        before = train[0] if i == 0 else best[i - 1]
        loss = run.objective.loss(tried[i])
        if accepted[i]:
            d = (tried[i] - params[i]) / s
            np.testing.assert_allclose(np.abs(d), 1.0, rtol=1e-9)
            assert np.array_equal(params[i + 1], params[i] + s * np.sign(d))  # exactly θ + s·d
            assert loss < before and best[i] == loss
            assert np.array_equal(direction[i + 1], np.sign(d))  # the direction is kept
        else:
            assert loss >= before and best[i] == before
            assert not np.array_equal(direction[i + 1], np.sign(tried[i] - params[i]))  # turned
    np.testing.assert_allclose(np.abs(moves[accepted]), s, rtol=0, atol=1e-12 * (1 + np.abs(params).max()))


def test_tried_points_are_empty_for_gradient_rules_and_cover_only_search_steps() -> None:
    run = linear_run(UpdateRule.ADAM, MINI)
    run.advance(10)
    steps, tried = run.tried_points()
    assert steps.shape == (0,) and tried.shape == (0, 2)
    run.set_live(replace(run.live, rule=UpdateRule.RANDOM_SEARCH))
    run.advance(5)
    run.set_live(replace(run.live, rule=UpdateRule.GRADIENT))
    run.advance(5)
    steps, tried = run.tried_points()
    assert np.array_equal(steps, np.arange(11, 16))
    assert np.array_equal(tried, col(run, "state")[11:16, :2])
    assert run.snapshot().last_update.candidate is None


def test_search_on_a_function_finds_lower_ground() -> None:
    for rule in SEARCH_RULES:
        run = Run(RunConfig(function="himmelblau", grad_tol=0),
                  LiveSettings(rule=rule, fixed_step=0.05, search_radius=5.0))
        run.advance(300)
        loss = col(run, "train_loss")
        assert np.all(np.diff(loss) <= 0) and loss[-1] < loss[0] / 10, rule


@pytest.mark.parametrize("rule", [UpdateRule.MOMENTUM, UpdateRule.NESTEROV, UpdateRule.ADAM, UpdateRule.ADAGRAD,
                                  UpdateRule.RMSPROP])
def test_a_runaway_generic_rule_diverges_cleanly(rule) -> None:
    run = linear_run(rule, MINI, lr=1e6, momentum=0.99)
    run.advance(3000)
    snap = run.snapshot()
    if rule in (UpdateRule.MOMENTUM, UpdateRule.NESTEROV):
        assert run.status is Status.DIVERGED and snap.next_update is None
    for c in ("params", "grad", "train_loss", "batch_loss", "learning_rate", "state"):
        assert np.isfinite(col(run, c)).all(), c
