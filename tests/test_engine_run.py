"""Run: convergence, sampling, seeds, stepping back, fixed steps, divergence, live edits, snapshots,
validation loss and the bounded history, checked against references computed here from the raw data.
"""
from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
import pytest

from gdviz.engine import (BatchMode, LiveSettings, ModelKind, Reduction, Run, RunConfig, Status,
                          UpdateRule, builtin)
from gdviz.engine.datasets import Dataset, Preset
from gdviz.engine.sampler import Sampler
from reference import direct_grad, direct_loss, factor, w_b  # noqa: F401

FULL, STOCHASTIC, MINI = BatchMode.FULL, BatchMode.STOCHASTIC, BatchMode.MINI
HISTORY_COLUMNS = ("params", "grad", "train_loss", "batch_loss", "learning_rate", "step", "epoch", "pos")


# ----- references ---------------------------------------------------------------------------


def lstsq_optimum(model: ModelKind, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    columns = {ModelKind.LINE: [x, np.ones_like(x)], ModelKind.ORIGIN: [x],
               ModelKind.CONSTANT: [np.ones_like(x)]}[model]
    return np.linalg.lstsq(np.column_stack(columns), y, rcond=None)[0]


def col(run: Run, name: str) -> np.ndarray:
    return run.history.column(name).copy()


def make_run(data: str = "linear", mode: BatchMode = FULL, lr: float = 0.1, k: int = 32, seed: int = 42,
             max_history: int = 1 << 20, **config) -> Run:
    live = LiveSettings(learning_rate=lr, batch_mode=mode, batch_size=k)
    return Run(RunConfig(data=data, seed=seed, grad_tol=0, **config), live, max_history=max_history)


def batches_from_history(run: Run) -> list[np.ndarray]:
    """The training rows of every step, re-planned from each previous row's (epoch, pos)."""
    sampler = Sampler(run.objective.n_train, run.config.seed)
    epochs, poss = col(run, "epoch"), col(run, "pos")
    out = []
    for i in range(len(epochs) - 1):
        live = run.live_at(i)
        plan = sampler.plan(int(epochs[i]), int(poss[i]), live.batch_mode, live.batch_size, 1)
        batch = plan.batch(0)
        out.append(np.arange(run.objective.n_train) if batch is None else batch)
    return out


# ----- 3. full batch converges to the closed-form optimum ------------------------------------
CONVERGENCE_CASES = [
    ("linear", ModelKind.LINE, Reduction.MEAN, 0.1),
    ("linear", ModelKind.ORIGIN, Reduction.MEAN, 0.1),
    ("linear", ModelKind.CONSTANT, Reduction.MEAN, 0.1),
    ("beans", ModelKind.ORIGIN, Reduction.SUM, 0.01),
    ("beans", ModelKind.LINE, Reduction.MEAN, 0.5),
    ("beans", ModelKind.CONSTANT, Reduction.HALF_SUM, 0.01),
    ("house", ModelKind.ORIGIN, Reduction.HALF_SUM, 1e-5),
    ("house", ModelKind.CONSTANT, Reduction.HALF_SUM, 1e-4),
]


@pytest.mark.parametrize("name, model, reduction, lr", CONVERGENCE_CASES)
def test_full_batch_converges_to_lstsq_optimum(name, model, reduction, lr) -> None:
    run = make_run(name, FULL, lr, model=model, reduction=reduction)
    run.advance(200_000)
    assert run.status is Status.CONVERGED
    data = run.dataset
    np.testing.assert_allclose(run.params, lstsq_optimum(model, data.x_train, data.y_train), rtol=1e-9)


def test_house_b_only_converges_to_mean_price() -> None:
    run = make_run("house", FULL, 1e-4, model=ModelKind.CONSTANT, reduction=Reduction.HALF_SUM,
                   init=(("b", 1.0),))
    run.advance(200_000)
    assert run.params[0] == pytest.approx(1443 / 6, rel=1e-12)


def test_house_run_optimum_is_tutorial_000_fraction() -> None:
    run = Run(RunConfig(data="house"))
    assert run.optimum["w"] == pytest.approx(4347 / 4003, rel=1e-12, abs=0)
    assert run.optimum["b"] == pytest.approx(491072 / 4003, rel=1e-12, abs=0)


# ----- 4. mini-batch of the whole set is full batch ------------------------------------------
@pytest.mark.parametrize("extra", [0, 1, 1000])
@pytest.mark.parametrize("name, lr", [("linear", 0.1), ("beans", 0.001), ("house", 1e-5)])
def test_mini_batch_of_whole_training_set_equals_full_batch(name, lr, extra) -> None:
    n = builtin(name).n_train
    full = make_run(name, FULL, lr)
    mini = make_run(name, MINI, lr, k=n + extra)
    assert full.advance(300) == mini.advance(300) == 300
    np.testing.assert_allclose(col(mini, "params"), col(full, "params"), rtol=1e-12, atol=1e-12)
    assert np.array_equal(col(mini, "epoch"), col(full, "epoch"))
    assert np.array_equal(col(full, "epoch"), np.arange(301))


# ----- 5. sampling: epochs are permutations --------------------------------------------------
@pytest.mark.parametrize("mode, k", [(STOCHASTIC, 1), (MINI, 32), (MINI, 7), (MINI, 80)])
def test_each_epoch_visits_every_training_sample_once(mode, k) -> None:
    run = make_run("linear", mode, 0.05, k=k)
    n = run.objective.n_train
    per_epoch = -(-n // k)
    run.advance(3 * per_epoch)
    batches = batches_from_history(run)
    for e in range(3):
        seen = np.concatenate(batches[e * per_epoch:(e + 1) * per_epoch])
        assert np.array_equal(np.sort(seen), np.arange(n))


def test_epochs_are_visited_in_different_orders() -> None:
    run = make_run("linear", STOCHASTIC, 0.05)
    run.advance(160)
    batches = np.concatenate(batches_from_history(run))
    assert not np.array_equal(batches[:80], batches[80:])


@pytest.mark.parametrize("mode, k", [(STOCHASTIC, 1), (MINI, 32), (MINI, 7)])
def test_reconstructed_batches_produced_the_recorded_gradients(mode, k) -> None:
    """The history's batch gradient at each step equals the direct gradient of the re-planned batch."""
    run = make_run("linear", mode, 0.05, k=k)
    run.advance(40)
    params, grads = col(run, "params"), col(run, "grad")
    batch_losses = col(run, "batch_loss")
    x, y = run.dataset.x_train, run.dataset.y_train
    for i, batch in enumerate(batches_from_history(run)):
        ref = direct_grad(ModelKind.LINE, Reduction.MEAN, params[i], x[batch], y[batch])
        np.testing.assert_allclose(grads[i + 1], ref, rtol=1e-9, atol=1e-12)
        assert batch_losses[i + 1] == pytest.approx(
            direct_loss(ModelKind.LINE, Reduction.MEAN, params[i], x[batch], y[batch]), rel=1e-9)


@pytest.mark.parametrize("mode, k", [(STOCHASTIC, 1), (MINI, 32), (MINI, 7)])
def test_snapshot_batch_indices_match_history_reconstruction(mode, k) -> None:
    run = make_run("linear", mode, 0.05, k=k)
    shown = []
    for _ in range(30):
        run.advance(1)
        shown.append(run.snapshot().batch_indices.copy())
    for a, b in zip(shown, batches_from_history(run)):
        assert np.array_equal(a, b)


def test_mini_batch_last_batch_of_epoch_is_smaller_when_k_does_not_divide_n() -> None:
    run = make_run("linear", MINI, 0.05, k=32)  # 80 = 32 + 32 + 16
    sizes, epochs, positions = [], [], []
    for _ in range(9):
        run.advance(1)
        snap = run.snapshot()
        sizes.append(len(snap.batch_indices))
        assert snap.last_update.batch_size == sizes[-1]
        epochs.append(snap.epoch)
        positions.append(snap.epoch_position)
    assert sizes == [32, 32, 16] * 3
    assert epochs == [0, 0, 1, 1, 1, 2, 2, 2, 3]
    assert positions == [32, 64, 0] * 3


def test_stochastic_epoch_counter_increments_exactly_when_epoch_ends() -> None:
    run = make_run("linear", STOCHASTIC, 0.05)
    run.advance(250)
    steps, epochs, pos = col(run, "step"), col(run, "epoch"), col(run, "pos")
    assert np.array_equal(epochs, steps // 80)
    assert np.array_equal(pos, steps % 80)


def test_full_batch_counts_one_epoch_per_step() -> None:
    run = make_run("linear", FULL, 0.1)
    run.advance(17)
    snap = run.snapshot()
    assert (snap.epoch, snap.epoch_position) == (17, 0)


# ----- 6. seeds ------------------------------------------------------------------------------
@pytest.mark.parametrize("mode", [STOCHASTIC, MINI])
def test_same_seed_gives_same_path(mode) -> None:
    a, b = make_run("beans", mode, 0.1, k=10, seed=7), make_run("beans", mode, 0.1, k=10, seed=7)
    a.advance(500)
    b.advance(500)
    assert np.array_equal(col(a, "params"), col(b, "params"))


@pytest.mark.parametrize("mode", [STOCHASTIC, MINI])
def test_different_seed_gives_different_stochastic_path(mode) -> None:
    a, b = make_run("beans", mode, 0.1, k=10, seed=7), make_run("beans", mode, 0.1, k=10, seed=8)
    a.advance(500)
    b.advance(500)
    assert not np.array_equal(col(a, "params"), col(b, "params"))


def test_full_batch_path_does_not_depend_on_seed() -> None:
    a, b = make_run("beans", FULL, 0.01, seed=1), make_run("beans", FULL, 0.01, seed=2)
    a.advance(50)
    b.advance(50)
    assert np.array_equal(col(a, "params"), col(b, "params"))


# ----- 7. stepping back ----------------------------------------------------------------------
MODES = [(FULL, 80), (STOCHASTIC, 1), (MINI, 32), (MINI, 7)]


@pytest.mark.parametrize("mode, k", MODES)
def test_rewind_then_forward_retraces_identical_path_after_live_change(mode, k) -> None:
    run = make_run("linear", mode, 0.05, k=k)
    run.advance(25)
    run.set_live(replace(run.live, learning_rate=0.02))
    run.advance(45)
    before = {c: col(run, c) for c in HISTORY_COLUMNS}
    run.rewind(50)
    assert run.step == 50
    assert np.array_equal(run.params, before["params"][50])
    assert run.live.learning_rate == 0.02
    assert run.advance(20) == 20
    for c in HISTORY_COLUMNS:
        assert np.array_equal(col(run, c), before[c]), c


@pytest.mark.parametrize("mode, k", MODES)
def test_rewind_to_the_change_step_keeps_the_change(mode, k) -> None:
    run = make_run("linear", mode, 0.05, k=k)
    run.advance(25)
    run.set_live(replace(run.live, learning_rate=0.02))
    run.advance(45)
    before = col(run, "params")
    run.rewind(25)
    assert run.live.learning_rate == 0.02
    run.advance(45)
    assert np.array_equal(col(run, "params"), before)


@pytest.mark.parametrize("mode, k", MODES)
def test_rewind_before_a_live_change_restores_the_settings_of_that_step(mode, k) -> None:
    run = make_run("linear", mode, 0.05, k=k)
    run.advance(25)
    run.set_live(replace(run.live, learning_rate=0.02))
    run.advance(45)
    run.rewind(10)
    assert run.live.learning_rate == 0.05
    run.advance(60)
    fresh = make_run("linear", mode, 0.05, k=k)
    fresh.advance(70)
    assert np.array_equal(col(run, "params"), col(fresh, "params"))


@pytest.mark.parametrize("mode, k", MODES)
def test_rewind_to_zero_restores_initial_state(mode, k) -> None:
    run = make_run("linear", mode, 0.05, k=k)
    run.advance(33)
    run.rewind(0)
    fresh = make_run("linear", mode, 0.05, k=k)
    assert np.array_equal(run.params, fresh.params)
    assert (run.step, run.epoch, run.pos) == (0, 0, 0)
    assert run.snapshot() == fresh.snapshot()


@pytest.mark.parametrize("mode, k, lr", [(FULL, 80, 0.01), (STOCHASTIC, 1, 0.01), (MINI, 7, 0.01)])
def test_rewind_into_thinned_history_replays_exact_path(mode, k, lr) -> None:
    run = make_run("linear", mode, lr, k=k, max_history=64)
    run.advance(40)
    run.set_live(replace(run.live, learning_rate=lr / 2))
    assert run.advance(2960) == 2960
    final = run.params.copy()
    target = 101
    assert run.history.thinned
    assert target not in col(run, "step")
    run.rewind(target)
    fresh = make_run("linear", mode, lr, k=k)
    fresh.advance(40)
    fresh.set_live(replace(fresh.live, learning_rate=lr / 2))
    fresh.advance(target - 40)
    assert (run.step, run.epoch, run.pos) == (fresh.step, fresh.epoch, fresh.pos)
    assert np.array_equal(run.params, fresh.params)
    assert run.snapshot() == fresh.snapshot()
    run.advance(3000 - target)
    assert np.array_equal(run.params, final)


def test_history_stays_within_small_max_history() -> None:
    run = make_run("linear", STOCHASTIC, 0.01, max_history=64)
    run.advance(1000)
    assert len(run.history) <= 64


def test_rewind_after_divergence_diverges_again_at_same_step() -> None:
    run = make_run("linear", FULL, 1.1)
    run.advance(1000)
    at, path = run.diverged_at, col(run, "params")
    run.rewind(at - 5)
    assert run.status is not Status.DIVERGED and run.diverged_at is None
    assert np.array_equal(run.params, path[at - 5])
    run.advance(1000)
    assert run.diverged_at == at
    assert np.array_equal(col(run, "params"), path)


# ----- 8. fixed step -------------------------------------------------------------------------
def test_fixed_step_is_zero_for_a_parameter_whose_gradient_is_exactly_zero() -> None:
    # x symmetric about 0 and y constant: at w = 0 the slope gradient Σx·r is exactly 0 for every b
    preset = Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(), {"w": 0.0, "b": 0.0})
    x, y = np.array([-1.0, 1.0]), np.array([1.0, 1.0])
    data = Dataset("sym", "x", "y", x, y, x[:0], y[:0], preset)
    live = LiveSettings(rule=UpdateRule.FIXED, fixed_step=0.25)
    run = Run(RunConfig(grad_tol=0), live, dataset=data)
    run.advance(100)
    params = col(run, "params")
    assert np.array_equal(params[:, 0], np.zeros(len(params)))  # w never moves
    assert np.array_equal(params[:, 1], [0.0, 0.25, 0.5, 0.75, 1.0])  # b climbs by s to the mean
    # at b = 1 both gradients are exactly 0: the next step moves nothing, and the run says so
    assert run.status is Status.CONVERGED
    nxt = run.snapshot().next_update
    assert nxt.grad == (0.0, 0.0) and nxt.params_after == nxt.params_before


@pytest.mark.parametrize("name, model, reduction", [
    ("beans", ModelKind.ORIGIN, Reduction.SUM),
    ("linear", ModelKind.LINE, Reduction.MEAN),
    ("house", ModelKind.LINE, Reduction.HALF_SUM),
])
@pytest.mark.parametrize("mode", [FULL, STOCHASTIC, MINI])
def test_fixed_step_moves_each_parameter_by_s_against_batch_gradient_sign(name, model, reduction, mode) -> None:
    s = 0.01
    live = LiveSettings(rule=UpdateRule.FIXED, fixed_step=s, batch_mode=mode, batch_size=4)
    run = Run(RunConfig(data=name, model=model, reduction=reduction, grad_tol=0), live)
    run.advance(150)
    assert run.step == 150
    params = col(run, "params")
    x, y = run.dataset.x_train, run.dataset.y_train
    for i, batch in enumerate(batches_from_history(run)):
        g = direct_grad(model, reduction, params[i], x[batch], y[batch])
        assert np.all(np.abs(g) > 1e-9 * (1 + np.abs(params[i]))), "sign of g would be ambiguous"
        assert np.array_equal(params[i + 1], params[i] - s * np.sign(g))
    moves = np.abs(np.diff(params, axis=0))
    np.testing.assert_allclose(moves, s, rtol=0, atol=1e-12 * (1 + np.abs(params).max()))


# ----- 9. divergence -------------------------------------------------------------------------
DIVERGING = [
    ("linear", None, FULL, 1.1),
    ("linear", None, STOCHASTIC, 5.0),
    ("linear", None, MINI, 5.0),
    ("house", Reduction.SUM, FULL, 10.0),
    ("house", Reduction.SUM, FULL, 1e6),
    ("beans", None, STOCHASTIC, 1e300),
]


@pytest.mark.parametrize("name, reduction, mode, lr", DIVERGING)
def test_diverging_learning_rate_stops_cleanly(name, reduction, mode, lr) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = Run(RunConfig(data=name, reduction=reduction, grad_tol=0),
                  LiveSettings(learning_rate=lr, batch_mode=mode, batch_size=10))
        loss0 = float(run.snapshot().train_loss)
        taken = run.advance(100_000)
        snap = run.snapshot()
        assert run.status is Status.DIVERGED and snap.status is Status.DIVERGED
        assert taken == run.step < 100_000
        assert run.diverged_at is not None and run.step <= run.diverged_at <= run.step + 1
        assert snap.diverged_at == run.diverged_at and str(run.diverged_at) in snap.message
        assert snap.next_update is None
        for c in ("params", "grad", "train_loss", "batch_loss", "learning_rate"):
            assert np.isfinite(col(run, c)).all(), c
        if run.has_validation:
            assert np.isfinite(col(run, "val_loss")).all()
        assert np.isfinite(snap.params).all() and np.isfinite(snap.grad).all()
        params = run.params.copy()
        assert run.advance() == 0 and run.advance(10) == 0
        assert np.array_equal(run.params, params) and run.step == taken
    if lr < 1e100:  # the loss really ran away before the engine stopped
        assert col(run, "train_loss").max() > 1e6 * loss0


def test_tutorial_002_learning_rate_1_1_diverges_but_0_2_converges() -> None:
    slow = make_run("linear", FULL, 0.2)
    slow.advance(100_000)
    assert slow.status is Status.CONVERGED
    fast = make_run("linear", FULL, 1.1)
    fast.advance(100_000)
    assert fast.status is Status.DIVERGED


# ----- 10, 11. the tutorials' numbers ---------------------------------------------------------
def test_first_step_on_linear_is_tutorial_002_update() -> None:
    run = Run(RunConfig(data="linear"))
    b0, w0 = run.snapshot().param("b"), run.snapshot().param("w")
    assert (round(b0, 8), round(w0, 8)) == (0.49671415, -0.1382643)
    assert run.advance(1) == 1
    snap = run.snapshot()
    assert round(snap.param("b"), 8) == 0.80119529
    assert round(snap.param("w"), 8) == 0.04511107
    # and to full precision against the tutorial's own arithmetic on the raw data
    x, y = run.dataset.x_train, run.dataset.y_train
    error = b0 + w0 * x - y
    assert snap.param("b") == pytest.approx(b0 - 0.1 * 2 * error.mean(), rel=1e-13)
    assert snap.param("w") == pytest.approx(w0 - 0.1 * 2 * (x * error).mean(), rel=1e-13)


def tutorial_000_b_history(steps: int) -> list[float]:
    """Tutorial 000's gradentdecent() loop, verbatim in spirit: slop = Σ(b − price)."""
    data = np.array([[80, 200], [95, 230], [104, 245], [112, 247], [125, 259], [135, 262]])
    b, learningrate, out = 1, 0.0001, [1.0]
    for _ in range(steps):
        slop = 0
        for item in data[:, 1]:
            slop = slop + (b - item)
        b = b - slop * learningrate
        out.append(float(b))
    return out


def house_b_only() -> Run:
    return Run(RunConfig(data="house", model=ModelKind.CONSTANT, reduction=Reduction.HALF_SUM,
                         init=(("b", 1.0),), grad_tol=0), LiveSettings(learning_rate=1e-4))


def test_house_b_only_first_gradient_is_tutorial_000_slope() -> None:
    run = house_b_only()
    assert run.snapshot().grad == (6 * 1 - 1443,)
    run.advance(1)
    assert run.snapshot().last_update.grad == (-1437.0,)
    assert run.params[0] == pytest.approx(1 + 1e-4 * 1437, rel=1e-15)


def test_house_b_only_follows_tutorial_000_loop_for_100_steps() -> None:
    run = house_b_only()
    assert run.advance(100) == 100
    np.testing.assert_allclose(col(run, "params")[:, 0], tutorial_000_b_history(100), rtol=1e-12)


# ----- 12. live edits ------------------------------------------------------------------------
@pytest.mark.parametrize("mode, k", MODES)
def test_learning_rate_change_applies_to_next_step_without_reset(mode, k) -> None:
    run = make_run("linear", mode, 0.1, k=k)
    run.advance(5)
    epoch, pos, theta = run.epoch, run.pos, run.params.copy()
    run.set_live(replace(run.live, learning_rate=0.3))
    assert (run.step, run.epoch, run.pos) == (5, epoch, pos)
    assert np.array_equal(run.params, theta)
    run.advance(1)
    assert run.step == 6
    batch = run.snapshot().batch_indices
    batch = np.arange(run.objective.n_train) if batch is None else batch
    g = direct_grad(ModelKind.LINE, Reduction.MEAN, theta, run.dataset.x_train[batch], run.dataset.y_train[batch])
    np.testing.assert_allclose(run.params, theta - 0.3 * g, rtol=1e-13, atol=1e-15)
    assert np.array_equal(col(run, "learning_rate"), [0.1] * 6 + [0.3])
    assert run.snapshot().last_update.learning_rate == 0.3


def test_live_edit_rejects_bad_learning_rate_and_keeps_the_old_one() -> None:
    run = make_run("linear", FULL, 0.1)
    for bad in (0.0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="learning rate"):
            run.set_live(replace(run.live, learning_rate=bad))
    assert run.live.learning_rate == 0.1


# ----- 13. snapshots: next and last update ---------------------------------------------------
@pytest.mark.parametrize("rule", [UpdateRule.GRADIENT, UpdateRule.FIXED])
@pytest.mark.parametrize("mode, k", MODES)
def test_next_update_is_what_advance_does_and_becomes_last_update(mode, k, rule) -> None:
    run = Run(RunConfig(data="linear", grad_tol=0),
              LiveSettings(learning_rate=0.05, batch_mode=mode, batch_size=k, rule=rule, fixed_step=0.01))
    x, y = run.dataset.x_train, run.dataset.y_train
    assert run.snapshot().last_update is None
    for _ in range(40):
        before = run.snapshot()
        nxt = before.next_update
        assert nxt.params_before == before.params
        run.advance(1)
        after = run.snapshot()
        assert tuple(run.params.tolist()) == nxt.params_after == after.params
        assert after.last_update == nxt
        batch = np.arange(len(x)) if after.batch_indices is None else after.batch_indices
        assert nxt.batch_size == len(batch)
        np.testing.assert_allclose(nxt.grad, direct_grad(ModelKind.LINE, Reduction.MEAN, np.array(nxt.params_before),
                                                         x[batch], y[batch]), rtol=1e-9, atol=1e-12)
        assert nxt.batch_loss == pytest.approx(
            direct_loss(ModelKind.LINE, Reduction.MEAN, np.array(nxt.params_before), x[batch], y[batch]), rel=1e-9)


def test_snapshot_train_loss_and_grad_match_raw_data() -> None:
    run = make_run("house", FULL, 1e-5)
    run.advance(7)
    snap = run.snapshot()
    x, y = run.dataset.x_train, run.dataset.y_train
    theta = np.array(snap.params)
    assert snap.train_loss == pytest.approx(direct_loss(ModelKind.LINE, Reduction.HALF_SUM, theta, x, y), rel=1e-12)
    np.testing.assert_allclose(snap.grad, direct_grad(ModelKind.LINE, Reduction.HALF_SUM, theta, x, y), rtol=1e-9)


# ----- 15. validation loss -------------------------------------------------------------------
def test_validation_loss_is_direct_mse_on_validation_points() -> None:
    run = make_run("linear", STOCHASTIC, 0.05)
    data = run.dataset
    assert run.has_validation and data.n_val == 20
    for _ in range(5):
        snap = run.snapshot()
        theta = np.array(snap.params)
        r = theta[0] * data.x_val + theta[1] - data.y_val
        assert snap.val_loss == pytest.approx(np.mean(r ** 2), rel=1e-12)
        run.advance(13)
    params, val = col(run, "params"), col(run, "val_loss")
    ref = [np.mean((p[0] * data.x_val + p[1] - data.y_val) ** 2) for p in params]
    np.testing.assert_allclose(val, ref, rtol=1e-12)


@pytest.mark.parametrize("reduction", list(Reduction))
def test_validation_loss_uses_the_runs_reduction(reduction) -> None:
    run = Run(RunConfig(data="house", reduction=reduction, val_fraction=1 / 3, grad_tol=0))
    data = run.dataset
    assert (data.n_train, data.n_val) == (4, 2)
    run.advance(3)
    theta = run.params
    ref = direct_loss(ModelKind.LINE, reduction, theta, data.x_val, data.y_val)
    assert run.snapshot().val_loss == pytest.approx(ref, rel=1e-12)


def test_no_validation_part_gives_no_validation_loss() -> None:
    run = make_run("house", FULL, 1e-5)
    assert not run.has_validation
    run.advance(3)
    assert run.snapshot().val_loss is None


# ----- 16. history ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["step", "params", "grad", "train_loss", "val_loss", "learning_rate"])
def test_history_columns_are_read_only_views(name) -> None:
    run = make_run("linear", FULL, 0.1)
    run.advance(3)
    view = run.history.column(name)
    assert not view.flags.writeable
    with pytest.raises(ValueError):
        view[0] = 1


def test_history_stays_bounded_on_200k_stochastic_steps() -> None:
    run = Run(RunConfig(data="beans", grad_tol=0), max_history=4096)
    assert run.live.batch_mode is STOCHASTIC
    assert run.advance(200_000) == 200_000
    h = run.history
    steps = h.column("step")
    assert h.n <= 4096
    assert steps[0] == 0 and steps[-1] == run.step == 200_000
    assert np.all(np.diff(steps) > 0)
    row_bytes = sum(v.nbytes for v in h.row(0).values())
    assert h.nbytes <= 4096 * row_bytes
    # the kept rows are true steps: their params replay from scratch exactly
    k = len(steps) // 3
    fresh = Run(RunConfig(data="beans", grad_tol=0))
    fresh.advance(int(steps[k]))
    assert np.array_equal(fresh.params, h.column("params")[k])


# ----- tutorial 001: one bean a step --------------------------------------------------------
def test_beans_stochastic_steps_are_tutorial_001_updates() -> None:
    """Each step is the tutorial's w ← w − α·(2x²w − 2xy) on the sample the step visited."""
    run = Run(RunConfig(data="beans", grad_tol=0))
    assert run.live.batch_mode is STOCHASTIC and run.live.learning_rate == 0.1
    xs, ys = run.dataset.x_train, run.dataset.y_train
    for _ in range(250):
        w = run.params[0]
        run.advance(1)
        (i,) = run.snapshot().batch_indices
        x, y = xs[i], ys[i]
        assert run.params[0] == pytest.approx(w - 0.1 * (2 * x ** 2 * w - 2 * x * y), rel=1e-12, abs=1e-15)


# ----- a batch that happens not to move is not convergence ------------------------------------
@pytest.mark.parametrize("rule", [UpdateRule.GRADIENT, UpdateRule.FIXED])
@pytest.mark.parametrize("mode", [STOCHASTIC, MINI])
def test_zero_gradient_batch_does_not_end_a_stochastic_run(mode, rule) -> None:
    # b starts at 3, the mean is 4: every sample with y = 3 has batch gradient exactly 0 at the start
    preset = Preset(ModelKind.CONSTANT, Reduction.MEAN, LiveSettings(), {"b": 3.0})
    x, y = np.arange(1.0, 7.0), np.array([3.0, 3.0, 3.0, 3.0, 3.0, 9.0])
    data = Dataset("flat", "x", "y", x, y, x[:0], y[:0], preset)
    run = Run(RunConfig(grad_tol=0), LiveSettings(learning_rate=0.1, batch_mode=mode, batch_size=2, rule=rule),
              dataset=data)
    assert run.snapshot().grad == (2 * (3.0 - 4.0),)  # far from the optimum
    assert run.advance(60) == 60
    assert run.status is Status.RUNNING


def test_rewinding_a_diverged_run_to_its_own_step_stays_diverged_with_its_message() -> None:
    run = Run(RunConfig(data="rooms"), LiveSettings(learning_rate=10.0))
    run.advance(2000)
    at = run.step
    assert run.status is Status.DIVERGED and run.diverged_at == at
    run.rewind(at)
    assert run.status is Status.DIVERGED and run.diverged_at == at
    assert run.snapshot().message.startswith("diverged at step {0}".format(at))
