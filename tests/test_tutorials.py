"""Tutorials 000, 001 and 003 reproduced with their numbers; sample order in order and shuffled."""
import numpy as np
import pytest

from gdviz.engine import LiveSettings, Run, RunConfig, builtin
from gdviz.engine.objective import Sums
from gdviz.engine.tutorials import TUTORIALS
from gdviz.engine.types import BatchMode, ModelKind, SampleOrder


def test_000_plain_sum_prints_346779_first():
    preset = TUTORIALS["000-b-only"]
    run = Run(preset.config, preset.live)
    run.advance(200, stop_on_converged=False)
    # the tutorial's loop: slop = Σ(b − y); mse = Σ(b − y)²; b ← b − 1e-4·slop; prints mse before the update
    ys = [200, 230, 245, 247, 259, 262]
    b, printed = 1.0, []
    for _ in range(201):
        slop = mse = 0
        for item in ys:
            slop = slop + (b - item)
            mse = mse + (b - item) ** 2
        b = b - slop * 0.0001
        printed.append(mse)
    assert printed[0] == 346779 and run.history.column("train_loss")[0] == 346779
    np.testing.assert_allclose(run.history.column("train_loss"), printed, rtol=1e-12)


def test_001_in_order_stochastic_is_the_tutorials_loop():
    preset = TUTORIALS["001-beans-in-order"]
    run = Run(preset.config, preset.live)
    run.advance(300, stop_on_converged=False)
    xs, ys = builtin("beans").x_train, builtin("beans").y_train
    w, expected = 0.1, []
    for _ in range(3):
        for i in range(100):
            x, y = xs[i], ys[i]
            k = 2 * (x ** 2) * w + (-2 * x * y)
            w = w - 0.1 * k
            expected.append(w)
    np.testing.assert_allclose(run.history.column("params")[1:, 0], expected, rtol=1e-13)


def test_in_order_linear_run_equals_a_plain_loop_bit_for_bit():
    live = LiveSettings(learning_rate=0.1, batch_mode=BatchMode.STOCHASTIC, order=SampleOrder.IN_ORDER)
    run = Run(RunConfig(data="beans"), live)
    run.advance(250, stop_on_converged=False)
    obj = run.objective
    w = np.array([0.1])
    path = [w]
    for step in range(250):
        i = step % obj.n_train
        w = w - 0.1 * obj.grad(w, Sums.of(obj.u[i:i + 1], obj.v[i:i + 1]))
        path.append(w)
    assert np.array_equal(run.history.column("params"), np.array(path))


@pytest.mark.parametrize("batch_size", [1, 7])
def test_in_order_per_sample_run_equals_a_plain_loop_bit_for_bit(batch_size):
    live = LiveSettings(learning_rate=1e-3, batch_mode=BatchMode.MINI, batch_size=batch_size,
                        order=SampleOrder.IN_ORDER)
    run = Run(RunConfig(data="rooms", model=ModelKind.TWO_LAYER,
                        init=(("k1", 1.0), ("b1", 0.0), ("k2", 1.0), ("b2", 0.0))), live)
    run.advance(200, stop_on_converged=False)
    obj, n = run.objective, run.objective.n_train
    theta, path, pos = np.array([1.0, 0.0, 1.0, 0.0]), [], 0
    with np.errstate(all="ignore"):
        for _ in range(200):
            batch = np.arange(pos, min(pos + batch_size, n))
            pos = 0 if batch[-1] + 1 == n else batch[-1] + 1
            theta = theta - 1e-3 * obj.step_loss_grad(theta, batch)[1]
            path.append(theta)
    assert np.array_equal(run.history.column("params")[1:], np.array(path))


def test_order_is_live_and_rewind_replays_it():
    run = Run(RunConfig(data="beans"), LiveSettings(batch_mode=BatchMode.STOCHASTIC, learning_rate=0.1))
    run.advance(30, stop_on_converged=False)
    run.set_live(LiveSettings(batch_mode=BatchMode.STOCHASTIC, learning_rate=0.1, order=SampleOrder.IN_ORDER))
    run.advance(120, stop_on_converged=False)
    assert run.live.order is SampleOrder.IN_ORDER
    path = run.history.column("params").copy()
    run.rewind(50)  # after the switch: the replay visits the samples in order again
    run.advance(100, stop_on_converged=False)
    assert np.array_equal(run.history.column("params"), path)
    shuffled = Run(RunConfig(data="beans"), LiveSettings(batch_mode=BatchMode.STOCHASTIC, learning_rate=0.1))
    shuffled.advance(150, stop_on_converged=False)
    assert not np.array_equal(shuffled.history.column("params"), path)


def test_bad_order_is_one_line():
    with pytest.raises(ValueError, match="sample order must be shuffled or in-order, got 'random'"):
        LiveSettings(order="random").validated()


def test_003_line_1000_and_its_pins():
    preset = TUTORIALS["003-line-1000"]
    assert preset.pins == (10, 20, 30, 100, 1000) and builtin("line-1000").preset.pins == preset.pins
    run = Run(preset.config, preset.live)
    data = builtin("line-1000")
    assert data.n_train == 1000
    X, y = data.x_train, data.y_train
    for epochs in preset.pins:
        run.advance(epochs - run.step, stop_on_converged=False)
        # the tutorial's linear_regression(predictor, target, b=0, b0=0, epochs, learning_rate=0.01)
        b = b0 = 0.0
        for _ in range(epochs):
            y_pred = b0 + b * X
            b_gradient = -(2 / 1000) * sum(X * (y - y_pred))
            b0_gradient = -(2 / 1000) * sum(y - y_pred)
            b, b0 = b - 0.01 * b_gradient, b0 - 0.01 * b0_gradient
        np.testing.assert_allclose(run.params, [b, b0], rtol=1e-9)
    assert run.params == pytest.approx([2.0, 4.01], abs=0.01)
