"""Models × losses of the per-sample objective: analytic gradients against central differences and the
computational graph, grids against points, batches, and the linear models against the fast path."""
import numpy as np
import pytest

from gdviz.engine import DataObjective, Run, RunConfig, builtin, models
from gdviz.engine.datasets import Dataset, Preset
from gdviz.engine.graph import build_graph, param_names as graph_param_names
from gdviz.engine.persample import Cancelled, SampleObjective
from gdviz.engine.types import Activation, LiveSettings, LossKind, ModelKind, Reduction

LOSSES = [(LossKind.SQUARED, Reduction.MEAN), (LossKind.SQUARED, Reduction.SUM),
          (LossKind.SQUARED, Reduction.HALF_SUM), (LossKind.ABSOLUTE, Reduction.MEAN),
          (LossKind.ABSOLUTE, Reduction.SUM), (LossKind.HUBER, Reduction.MEAN), (LossKind.HUBER, Reduction.SUM)]
MODELS = [(ModelKind.CONSTANT, {}), (ModelKind.ORIGIN, {}), (ModelKind.LINE, {}),
          (ModelKind.POLY, {"degree": 2}), (ModelKind.POLY, {"degree": 5}), (ModelKind.POLY, {"degree": 9}),
          (ModelKind.TWO_LAYER, {}), (ModelKind.TWO_LAYER, {"activation": Activation.RELU}),
          (ModelKind.TWO_LAYER, {"hidden": 3}), (ModelKind.TWO_LAYER, {"hidden": 8, "activation": Activation.RELU})]


def random_data(seed: int, n: int = 40) -> Dataset:
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2, 2, n)
    y = np.sin(2 * x) + 0.5 * x + 0.2 * rng.normal(size=n)
    preset = Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(), {"w": 0.0, "b": 0.0})
    return Dataset("random", "x", "y", x, y, x[:0], y[:0], preset)


def objective(model, extra, loss, reduction, seed=0, delta=0.7):
    shift, scale = (0.3, 1.7) if model is ModelKind.POLY else (0.0, 1.0)
    return SampleObjective(random_data(seed), model, loss, reduction, delta, shift, scale, **extra)


def central(obj, p, h=1e-6):
    g = np.empty_like(p)
    for j in range(len(p)):
        e = np.zeros_like(p)
        e[j] = h
        g[j] = (obj.loss(p + e) - obj.loss(p - e)) / (2 * h)
    return g


@pytest.mark.parametrize("model,extra", MODELS, ids=lambda v: str(getattr(v, "value", v)))
@pytest.mark.parametrize("loss,reduction", LOSSES, ids=str)
def test_gradient_matches_central_differences(model, extra, loss, reduction):
    obj = objective(model, extra, loss, reduction, seed=3)
    rng = np.random.default_rng(11)
    checked = 0
    while checked < 3:
        p = rng.normal(size=len(obj.param_names))
        r = obj.residuals(p)
        kink = obj.delta if loss is LossKind.HUBER else 0.0
        if loss is not LossKind.SQUARED and np.min(np.abs(np.abs(r) - kink)) < 1e-3:
            continue  # no derivative at a kink: central differences straddling it say nothing
        checked += 1
        analytic = obj.grad(p)
        numeric = central(obj, p)
        scale = max(1.0, float(np.max(np.abs(analytic))))
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-5 * scale)


@pytest.mark.parametrize("model,extra", MODELS, ids=lambda v: str(getattr(v, "value", v)))
@pytest.mark.parametrize("loss,reduction", LOSSES, ids=str)
def test_gradient_equals_the_computational_graph(model, extra, loss, reduction):
    obj = objective(model, extra, loss, reduction, seed=4)
    p = np.random.default_rng(5).normal(size=len(obj.param_names))
    names = obj.param_names
    assert names == graph_param_names(model.value, extra.get("degree"), extra.get("hidden"))
    graph = build_graph(model.value, dict(zip(names, p.tolist())), obj.feature(obj.data.x_train),
                        obj.data.y_train, loss.value, reduction.value, obj.delta, obj.degree, obj.hidden,
                        obj.activation.value)
    loss_value, grad = obj.loss_grad(p)
    assert float(graph.loss.value) == pytest.approx(float(loss_value), rel=1e-12)
    expected = np.array([graph.gradient()[n] for n in names])
    np.testing.assert_allclose(grad, expected, rtol=1e-11, atol=1e-12 * max(1.0, np.max(np.abs(expected))))


@pytest.mark.parametrize("model,extra", MODELS, ids=lambda v: str(getattr(v, "value", v)))
def test_grid_point_and_step_evaluations_agree(model, extra):
    obj = objective(model, extra, LossKind.HUBER, Reduction.MEAN, seed=6)
    rng = np.random.default_rng(7)
    grid = rng.normal(size=(3, 4, len(obj.param_names)))
    loss, grad = obj.loss_grad(grid)
    assert loss.shape == (3, 4) and grad.shape == grid.shape
    batch = np.array([5, 1, 9, 9, 30])
    for i in range(3):
        for j in range(4):
            lp, gp = obj.loss_grad(grid[i, j])
            assert lp == pytest.approx(loss[i, j], rel=1e-12)
            np.testing.assert_allclose(gp, grad[i, j], rtol=1e-11, atol=1e-13)
            with np.errstate(all="ignore"):
                ls, gs = obj.step_loss_grad(grid[i, j], batch)
            lb, gb = obj.loss_grad(grid[i, j], batch)
            assert ls == pytest.approx(float(lb), rel=1e-12)
            np.testing.assert_allclose(gs, gb, rtol=1e-11, atol=1e-13)


@pytest.mark.parametrize("model", [ModelKind.CONSTANT, ModelKind.ORIGIN, ModelKind.LINE])
@pytest.mark.parametrize("reduction", [Reduction.MEAN, Reduction.SUM, Reduction.HALF_SUM])
def test_per_sample_linear_squared_equals_sufficient_statistics(model, reduction):
    data = builtin("rooms")
    fast, slow = DataObjective(data, model, reduction), SampleObjective(data, model, LossKind.SQUARED, reduction)
    for p in np.random.default_rng(8).normal(scale=20, size=(4, len(fast.param_names))):
        lf, gf = fast.loss_grad(p)
        ls, gs = slow.loss_grad(p)
        assert float(ls) == pytest.approx(float(lf), rel=1e-10)
        np.testing.assert_allclose(gs, gf, rtol=1e-9, atol=1e-9 * np.max(np.abs(gf)))


def test_linear_squared_runs_take_the_fast_path_and_others_the_general_one():
    assert isinstance(Run(RunConfig(data="rooms")).objective, DataObjective)
    assert isinstance(Run(RunConfig(data="rooms", loss=LossKind.HUBER)).objective, SampleObjective)
    assert isinstance(Run(RunConfig(data="quadratic", model=ModelKind.POLY)).objective, SampleObjective)


def test_bad_degree_hidden_and_activation_are_one_line_errors():
    with pytest.raises(ValueError, match="polynomial degree must be a whole number from 2 to 9, got 10"):
        Run(RunConfig(data="quadratic", model=ModelKind.POLY, degree=10))
    with pytest.raises(ValueError, match="hidden units must be a whole number from 1 to 8, got 9"):
        Run(RunConfig(data="quadratic", model=ModelKind.TWO_LAYER, hidden=9))
    with pytest.raises(ValueError, match="activation must be sigmoid or relu"):
        Run(RunConfig(data="quadratic", model=ModelKind.TWO_LAYER, activation="tanh"))
    with pytest.raises(ValueError, match="unknown parameter 'w'"):
        Run(RunConfig(data="quadratic", model=ModelKind.TWO_LAYER, init=(("w", 1.0),)))


def test_parameter_names_follow_the_graph():
    assert models.param_names(ModelKind.POLY, 3) == ("b", "w1", "w2", "w3")
    assert models.param_names(ModelKind.TWO_LAYER) == ("k1", "b1", "k2", "b2")
    assert models.param_names(ModelKind.TWO_LAYER, hidden=1) == ("k1", "b1", "k2", "b2")
    assert models.param_names(ModelKind.TWO_LAYER, hidden=2) == ("k1_1", "k1_2", "b1_1", "b1_2", "k2_1", "k2_2", "b2")


def test_polynomial_sees_standardised_x_and_bends_where_the_line_cannot():
    line = Run(RunConfig(data="quadratic"), LiveSettings(learning_rate=0.1))
    poly = Run(RunConfig(data="quadratic", model=ModelKind.POLY, degree=2), LiveSettings(learning_rate=0.1))
    assert poly.objective.standardised
    line.advance(5000)
    poly.advance(5000)
    assert poly.snapshot().train_loss < 0.25 * line.snapshot().train_loss
    x = np.array([-3.0, 0.0, 3.0])
    np.testing.assert_allclose(poly.objective.predict(poly.params, x), x * x - 2, atol=0.5)


def test_two_layer_bends_to_the_sine_and_shows_its_hidden_units():
    run = Run(RunConfig(data="sine", model=ModelKind.TWO_LAYER, hidden=3, seed=1),
              LiveSettings(learning_rate=0.05, rule="adam"))
    start = run.snapshot().train_loss
    run.advance(3000, stop_on_converged=False)
    assert run.snapshot().train_loss < 0.1 * start
    hidden = run.objective.hidden_outputs(run.params, np.linspace(0, 6, 7))
    assert hidden.shape == (3, 7) and np.all((hidden >= 0) & (hidden <= 1))
    assert run.optimum_kind == "best so far"
    best = run.best_so_far()
    assert best[1] <= run.snapshot().train_loss and run.optimum == dict(zip(run.param_names, best[0].tolist()))


def test_large_evaluations_are_chunked_and_cancellable():
    obj = objective(ModelKind.TWO_LAYER, {"hidden": 8}, LossKind.SQUARED, Reduction.MEAN)
    grid = np.zeros((20000, len(obj.param_names)))
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        obj.loss(grid, cancel=cancel)
    assert len(calls) == 3  # polled between chunks, stopped at the third


def test_mini_batch_on_a_large_set_records_losses_at_some_rows_only():
    rng = np.random.default_rng(0)
    x = rng.normal(size=200_000)
    preset = Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(), {"w": 0.0, "b": 0.0})
    data = Dataset("big", "x", "y", x, np.tanh(x), x[:0], x[:0], preset)
    run = Run(RunConfig(model=ModelKind.TWO_LAYER), LiveSettings(batch_mode="mini", batch_size=32, learning_rate=0.1),
              dataset=data)
    run.advance(100, stop_on_converged=False)
    train = run.history.column("train_loss")
    assert np.isnan(train).any() and np.isfinite(train[-1])
    snap = run.snapshot()
    assert snap.train_loss == pytest.approx(float(run.objective.loss(run.params)), rel=1e-12)


@pytest.mark.parametrize("config, live", [
    (RunConfig(data="rooms", model=ModelKind.TWO_LAYER, hidden=3), LiveSettings(learning_rate=50.0)),
    (RunConfig(data="rooms", model=ModelKind.POLY, degree=9), LiveSettings(learning_rate=10.0)),
    (RunConfig(data="rooms", model=ModelKind.POLY, degree=3), LiveSettings(learning_rate=5.0, batch_mode="mini")),
])
def test_runaway_runs_diverge_with_a_message_and_draw_only_finite_values(config, live):
    run = Run(config, live)
    run.advance(5000)
    assert run.status.value == "diverged" and run.status_message().startswith("diverged at step")
    snap = run.snapshot()
    assert np.all(np.isfinite(run.history.column("params")))
    assert snap.next_update is None



def test_huber_steps_stay_bounded_where_squared_error_explodes():
    """Huber's slope is at most δ: a huge η swings the line but never runs away."""
    huber = Run(RunConfig(data="rooms", loss=LossKind.HUBER), LiveSettings(learning_rate=10.0))
    huber.advance(2000)
    assert huber.status.value == "running" and np.all(np.abs(huber.history.column("params")) < 1e5)
    squared = Run(RunConfig(data="rooms"), LiveSettings(learning_rate=10.0))
    squared.advance(2000)
    assert squared.status.value == "diverged"
