"""Tutorial 004 on its own data: rooms → price, the searches, gradient descent and the two-layer model."""
import hashlib

import numpy as np
import pytest

from gdviz.engine import Run, RunConfig, builtin
from gdviz.engine.functions import FUNCTIONS
from gdviz.engine.tutorials import TUTORIALS
from gdviz.engine.types import ModelKind, Status
from gdviz.resources import resource_path

TWO_LAYER_START = (("k1", 1.0), ("b1", 0.0), ("k2", 1.0), ("b2", 0.0))


def test_rooms_file_is_the_checked_one():
    data = resource_path("rooms_price.csv").read_bytes()
    assert hashlib.sha256(data).hexdigest() == "9070256ac0a1c153f9e9cf329dfa1acbcb0a39fd0f1a6fc29701f41902825f36"
    rooms = builtin("rooms")
    assert rooms.n_train == 506 and rooms.n_val == 0
    assert rooms.x_train.sum() == pytest.approx(3180.025, abs=1e-9)
    assert rooms.y_train.sum() == pytest.approx(11401.6, abs=1e-9)
    assert (rooms.x_train.min(), rooms.x_train.max(), rooms.y_train.min(), rooms.y_train.max()) == (3.561, 8.78, 5, 50)
    assert (rooms.x_train[1], rooms.y_train[1]) == (6.421, 21.6)


def test_rooms_least_squares_line():
    run = Run(RunConfig(data="rooms"))
    opt = run.optimum
    assert run.optimum_kind == "closed form"
    assert opt["w"] == pytest.approx(9.102109, abs=5e-7) and opt["b"] == pytest.approx(-34.670621, abs=5e-7)
    assert run.objective.minimum_value() == pytest.approx(43.600552, abs=5e-7)


def test_two_layer_at_the_tutorial_start_and_its_vanishing_gradient():
    run = Run(RunConfig(data="rooms", model=ModelKind.TWO_LAYER, init=TWO_LAYER_START))
    snap = run.snapshot()
    assert snap.train_loss == pytest.approx(548.168475332, abs=5e-10)
    g = dict(zip(snap.param_names, snap.grad))
    x = run.dataset.x_train
    s = 1 / (1 + np.exp(-x))
    assert np.mean(s * (1 - s)) == pytest.approx(0.002, abs=5e-4)  # σ′ near six rooms
    assert abs(g["k1"]) < 0.02 * abs(g["k2"]) and abs(g["b1"]) < 0.003 * abs(g["b2"])
    # the same number by hand: ∂L/∂k1 = Σ 2(ŷ − y)/n · k2 · σ′(k1·x + b1) · x
    y_hat = s
    assert g["k1"] == pytest.approx(np.mean(2 * (y_hat - run.dataset.y_train) * s * (1 - s) * x), rel=1e-12)


def test_gradient_descent_ends_near_52():
    preset = TUTORIALS["004-gradient"]
    run = Run(preset.config, preset.live)
    run.advance(preset.steps, stop_on_converged=False)
    assert run.step == 50_000 and run.status is Status.RUNNING
    assert run.snapshot().train_loss == pytest.approx(52.2, abs=0.1)


def test_random_search_tries_the_tutorials_box():
    preset = TUTORIALS["004-random-search"]
    run = Run(preset.config, preset.live)
    run.advance(preset.steps, stop_on_converged=False)
    steps, tried = run.tried_points()
    assert len(steps) == 5000
    assert np.all((tried >= -200) & (tried <= -100))
    loss = run.history.column("train_loss")
    assert np.all(np.diff(loss) <= 0) and loss[-1] < loss[0]


def test_direction_search_steps_by_0_3():
    preset = TUTORIALS["004-direction-search"]
    run = Run(preset.config, preset.live)
    run.advance(preset.steps, stop_on_converged=False)
    moves = np.abs(np.diff(run.history.column("params"), axis=0))
    assert run.step == 10_000
    assert np.all((moves == 0) | np.isclose(moves, 0.3, rtol=0, atol=1e-9))
    assert run.snapshot().train_loss < 100


def test_two_layer_preset_goes_below_the_line():
    preset = TUTORIALS["004-two-layer"]
    run = Run(preset.config, preset.live)
    run.advance(20_000, stop_on_converged=False)
    assert run.snapshot().train_loss < 43.600552
    assert run.optimum_kind == "best so far"


def test_tutorial_004_quadratic_function():
    spec = FUNCTIONS["quadratic-004"]
    assert spec.minima == ((-0.25,),) and float(spec.f(np.array([-0.25]))) == 4.375
    run = Run(RunConfig(function="quadratic-004"))
    run.advance(1000)
    assert run.status is Status.CONVERGED and run.params[0] == pytest.approx(-0.25, abs=1e-5)


def test_sigmoid_and_relu_functions():
    sig, relu = FUNCTIONS["sigmoid"], FUNCTIONS["relu"]
    assert float(sig.f(np.array([0.0]))) == 0.5 and float(sig.grad(np.array([0.0]))[0]) == 0.25
    assert float(sig.f(np.array([-800.0]))) == 0.0
    assert float(relu.f(np.array([-2.0]))) == 0.0 and float(relu.grad(np.array([2.0]))[0]) == 1.0
