"""The objective against independent references: finite differences, the loss written out on the
raw data, exact rational arithmetic, np.linalg.lstsq and the tutorials' own numbers.

Every reference here is computed from the raw (uncentred) data with plain numpy or fractions,
never from the engine's centred sums.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from gdviz.engine import DataObjective, LiveSettings, ModelKind, Reduction, Sums, builtin
from gdviz.engine.datasets import Dataset, Preset
from reference import direct_grad, direct_loss, factor, w_b  # noqa: F401

MODELS = [m for m in ModelKind if m.is_linear]  # the sufficient-statistics models
REDUCTIONS = list(Reduction)
DATASETS = ["house", "beans", "linear", "far"]


# ----- references ---------------------------------------------------------------------------
def far_dataset() -> Dataset:
    """A line far from the origin: x ≈ 1e5 + U(−3, 3), y = 1 + 2x + 0.1·ε (centring matters)."""
    rng = np.random.default_rng(20240611)
    x = 1e5 + rng.uniform(-3.0, 3.0, 80)
    y = 1.0 + 2.0 * x + 0.1 * rng.standard_normal(80)
    preset = Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(), {"w": 0.0, "b": 0.0})
    return Dataset("far", "x", "y", x[:60], y[:60], x[60:], y[60:], preset)


def dataset(name: str) -> Dataset:
    return far_dataset() if name == "far" else builtin(name)




def exact_loss(model, reduction, params, x, y) -> float:
    """The loss in exact rational arithmetic (the inputs are taken as the exact floats they are)."""
    w, b = (Fraction(float(v)) for v in w_b(model, params))
    total = sum(((w * Fraction(float(xi)) + b - Fraction(float(yi))) ** 2 for xi, yi in zip(x, y)),
                Fraction(0))
    c = {Reduction.MEAN: Fraction(1, len(x)), Reduction.SUM: Fraction(1),
         Reduction.HALF_SUM: Fraction(1, 2)}[reduction]
    return float(c * total)


def lstsq_optimum(model: ModelKind, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least squares on the raw data with np.linalg.lstsq, in the engine's parameter order."""
    columns = {ModelKind.LINE: [x, np.ones_like(x)], ModelKind.ORIGIN: [x],
               ModelKind.CONSTANT: [np.ones_like(x)]}[model]
    return np.linalg.lstsq(np.column_stack(columns), y, rcond=None)[0]


def centred_optimum(model: ModelKind, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The least-squares optimum, written so that it stays accurate far from the origin."""
    if model is ModelKind.CONSTANT:
        return np.array([y.mean()])
    if model is ModelKind.ORIGIN:
        return np.array([float(np.dot(x, y) / np.dot(x, x))])
    u, v = x - x.mean(), y - y.mean()
    w = float(np.dot(u, v) / np.dot(u, u))
    return np.array([w, y.mean() - w * x.mean()])


def points(model: ModelKind, data: Dataset) -> list[np.ndarray]:
    """Parameter points away from the optimum, on a scale set by the data."""
    x, y = data.x_train, data.y_train
    opt = centred_optimum(model, x, y)
    sw = float(np.std(y) / np.std(x))
    sb = float(np.std(y) + 1.0)
    steps = {ModelKind.LINE: [(1.0, 0.5), (-0.7, 2.0), (0.3, -1.5)],
             ModelKind.ORIGIN: [(1.0,), (-0.7,), (2.5,)],
             ModelKind.CONSTANT: [(1.0,), (-0.7,), (2.5,)]}[model]
    scale = {ModelKind.LINE: (sw, sb), ModelKind.ORIGIN: (sw,), ModelKind.CONSTANT: (sb,)}[model]
    return [opt + np.array(d) * np.array(scale) for d in steps]


def central_difference(f, theta: np.ndarray, curvature: np.ndarray, loss_at: float) -> np.ndarray:
    """(f(θ+h) − f(θ−h)) / 2h per coordinate.

    The losses are quadratics, so the central difference has no truncation error at any h;
    h = sqrt(L / L'') keeps the rounding error of the two loss values small against 2h·g.
    """
    out = np.empty(len(theta))
    for j in range(len(theta)):
        h = max(np.sqrt(max(loss_at, 1e-300) / curvature[j]), 1e-8 * (1 + abs(theta[j])))
        e = np.zeros(len(theta))
        e[j] = h
        out[j] = (f(theta + e) - f(theta - e)) / (2 * h)
    return out


def curvatures(model, reduction, x) -> np.ndarray:
    """Diagonal of the Hessian, 2c·Σx² for w and 2c·n for b."""
    c = factor(reduction, len(x))
    cw, cb = 2 * c * float(np.dot(x, x)), 2 * c * len(x)
    return np.array({ModelKind.LINE: [cw, cb], ModelKind.ORIGIN: [cw], ModelKind.CONSTANT: [cb]}[model])


# ----- 1. gradients -------------------------------------------------------------------------
@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("model", MODELS)
def test_grad_matches_central_differences_of_engine_loss(model, reduction, name) -> None:
    data = dataset(name)
    obj = DataObjective(data, model, reduction)
    curv = curvatures(model, reduction, data.x_train)
    for theta in points(model, data):
        g = obj.grad(theta)
        fd = central_difference(lambda t: float(obj.loss(t)), theta, curv, float(obj.loss(theta)))
        assert g.shape == (len(obj.param_names),)
        np.testing.assert_allclose(g, fd, rtol=1e-6, atol=1e-7 * np.linalg.norm(fd))


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("model", MODELS)
def test_grad_matches_central_differences_of_raw_data_loss(model, reduction, name) -> None:
    data = dataset(name)
    obj = DataObjective(data, model, reduction)
    x, y = data.x_train, data.y_train
    curv = curvatures(model, reduction, x)
    for theta in points(model, data):
        fd = central_difference(lambda t: direct_loss(model, reduction, t, x, y), theta, curv,
                                direct_loss(model, reduction, theta, x, y))
        np.testing.assert_allclose(obj.grad(theta), fd, rtol=1e-6, atol=1e-7 * np.linalg.norm(fd))


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("model", MODELS)
def test_grad_matches_analytic_raw_data_gradient(model, reduction, name) -> None:
    data = dataset(name)
    obj = DataObjective(data, model, reduction)
    for theta in points(model, data):
        ref = direct_grad(model, reduction, theta, data.x_train, data.y_train)
        np.testing.assert_allclose(obj.grad(theta), ref, rtol=1e-9, atol=1e-9 * np.linalg.norm(ref))


def batch_segments(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Shuffled indices cut into batches of sizes 1, 3, 7, 2, 5 (1, 2, 3 for small sets)."""
    sizes = [1, 3, 7, 2, 5] if n >= 18 else [1, 2, 3]
    order = np.random.default_rng(seed).permutation(n)[: sum(sizes)]
    starts = np.cumsum([0] + sizes[:-1])
    return order, starts


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("model", MODELS)
def test_batch_sums_loss_and_grad_match_direct_batch_computation(model, reduction, name) -> None:
    data = dataset(name)
    obj = DataObjective(data, model, reduction)
    order, starts = batch_segments(data.n_train, seed=len(name))
    sums = Sums.segments(obj.u[order], obj.v[order], starts)
    ends = list(starts[1:]) + [len(order)]
    thetas = points(model, data)
    for i, (a, e) in enumerate(zip(starts, ends)):
        xb, yb = data.x_train[order[a:e]], data.y_train[order[a:e]]
        one = sums.at(i)
        assert float(one.n) == e - a
        for theta in thetas:
            ref = direct_loss(model, reduction, theta, xb, yb)
            assert float(obj.loss(theta, one)) == pytest.approx(ref, rel=1e-9, abs=1e-12 * (1 + ref))
            g_ref = direct_grad(model, reduction, theta, xb, yb)
            np.testing.assert_allclose(obj.grad(theta, one), g_ref, rtol=1e-8,
                                       atol=1e-8 * (np.linalg.norm(g_ref) + 1e-12))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("model", MODELS)
def test_batch_loss_broadcasts_one_parameter_row_per_batch(model, reduction) -> None:
    data = builtin("linear")
    obj = DataObjective(data, model, reduction)
    order, starts = batch_segments(data.n_train, seed=3)
    sums = Sums.segments(obj.u[order], obj.v[order], starts)
    rows = np.array([p for p in (points(model, data) * 2)[: len(starts)]])
    ends = list(starts[1:]) + [len(order)]
    expected = [direct_loss(model, reduction, rows[i], data.x_train[order[a:e]], data.y_train[order[a:e]])
                for i, (a, e) in enumerate(zip(starts, ends))]
    np.testing.assert_allclose(obj.loss(rows, sums), expected, rtol=1e-9)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("model", MODELS)
def test_single_sample_segments_match_direct_per_sample_loss(model, reduction) -> None:
    """One sample a batch takes the shortcut in Sums.segments; it must agree with the formula."""
    data = builtin("beans")
    obj = DataObjective(data, model, reduction)
    order = np.random.default_rng(5).permutation(data.n_train)[:10]
    sums = Sums.segments(obj.u[order], obj.v[order], np.arange(10))
    theta = points(model, data)[0]
    for i, j in enumerate(order):
        xb, yb = data.x_train[[j]], data.y_train[[j]]
        assert float(obj.loss(theta, sums.at(i))) == pytest.approx(
            direct_loss(model, reduction, theta, xb, yb), rel=1e-9)
        np.testing.assert_allclose(obj.grad(theta, sums.at(i)), direct_grad(model, reduction, theta, xb, yb),
                                   rtol=1e-8)


# ----- 2. the loss on the raw data ----------------------------------------------------------
@pytest.mark.parametrize("name", ["house", "beans", "linear"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("model", MODELS)
def test_loss_equals_direct_formula_on_raw_data(model, reduction, name) -> None:
    data = dataset(name)
    obj = DataObjective(data, model, reduction)
    init = [data.preset.init.get(p, 0.0) for p in obj.param_names]
    for theta in points(model, data) + [np.array(init), np.zeros(len(init))]:
        ref = direct_loss(model, reduction, theta, data.x_train, data.y_train)
        assert float(obj.loss(theta)) == pytest.approx(ref, rel=1e-12)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("model", MODELS)
def test_loss_far_from_origin_is_accurate_near_optimum(model, reduction) -> None:
    data = far_dataset()
    x, y = data.x_train, data.y_train
    obj = DataObjective(data, model, reduction)
    opt = centred_optimum(model, x, y)
    nudges = [np.zeros_like(opt), 1e-7 * np.ones_like(opt), -3e-6 * np.ones_like(opt)]
    for theta in (opt + d for d in nudges):
        exact = exact_loss(model, reduction, theta, x, y)
        assert abs(float(obj.loss(theta)) - exact) <= 1e-9 * exact
        # the plain formula on the raw data agrees too (the reference is sound)
        assert direct_loss(model, reduction, theta, x, y) == pytest.approx(exact, rel=1e-9)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("model", MODELS)
def test_validation_loss_far_from_origin_matches_exact_loss(model, reduction) -> None:
    data = far_dataset()
    obj = DataObjective(data, model, reduction)
    theta = centred_optimum(model, data.x_train, data.y_train)
    exact = exact_loss(model, reduction, theta, data.x_val, data.y_val)
    assert abs(float(obj.val_loss(theta)) - exact) <= 1e-9 * exact


# ----- closed-form optimum -------------------------------------------------------------------
@pytest.mark.parametrize("name", ["house", "beans", "linear"])
@pytest.mark.parametrize("model", MODELS)
def test_optimum_matches_lstsq_on_raw_data(model, name) -> None:
    data = dataset(name)
    obj = DataObjective(data, model, Reduction.MEAN)
    np.testing.assert_allclose(obj.optimum(), lstsq_optimum(model, data.x_train, data.y_train), rtol=1e-10)


@pytest.mark.parametrize("model", MODELS)
def test_optimum_far_from_origin_matches_centred_closed_form(model) -> None:
    data = far_dataset()
    obj = DataObjective(data, model, Reduction.MEAN)
    np.testing.assert_allclose(obj.optimum(), centred_optimum(model, data.x_train, data.y_train),
                               rtol=1e-10)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_house_optimum_is_tutorial_000_fraction(reduction) -> None:
    obj = DataObjective(builtin("house"), ModelKind.LINE, reduction)
    w, b = obj.optimum()
    assert w == pytest.approx(4347 / 4003, rel=1e-12, abs=0)
    assert b == pytest.approx(491072 / 4003, rel=1e-12, abs=0)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("model", MODELS)
def test_gradient_vanishes_at_lstsq_optimum(model, reduction) -> None:
    data = builtin("linear")
    obj = DataObjective(data, model, reduction)
    opt = lstsq_optimum(model, data.x_train, data.y_train)
    scale = np.linalg.norm(direct_grad(model, reduction, np.zeros_like(opt), data.x_train, data.y_train))
    assert np.linalg.norm(obj.grad(opt)) <= 1e-12 * scale


# ----- 10. tutorial 002's printed numbers ----------------------------------------------------
def tutorial_002_recipe():
    """Tutorial 002's data, re-done here: seed 42, rand, randn, shuffle, first 80 for training."""
    rng = np.random.RandomState(42)
    x = rng.rand(100, 1)
    y = 1 + 2 * x + 0.1 * rng.randn(100, 1)
    idx = np.arange(100)
    rng.shuffle(idx)
    train, val = idx[:80], idx[80:]
    return x[train], y[train], x[val], y[val]


def test_builtin_linear_is_tutorial_002_recipe_exactly() -> None:
    x_train, y_train, x_val, y_val = tutorial_002_recipe()
    data = builtin("linear")
    assert np.array_equal(data.x_train, x_train[:, 0])
    assert np.array_equal(data.y_train, y_train[:, 0])
    assert np.array_equal(data.x_val, x_val[:, 0])
    assert np.array_equal(data.y_val, y_val[:, 0])


def test_linear_initial_parameters_are_tutorial_002_random_start() -> None:
    init = builtin("linear").preset.init
    assert round(init["b"], 8) == 0.49671415
    assert round(init["w"], 8) == -0.1382643


def test_linear_initial_mse_and_gradients_are_tutorial_002_numbers() -> None:
    data = builtin("linear")
    obj = DataObjective(data, ModelKind.LINE, Reduction.MEAN)
    theta = np.array([data.preset.init["w"], data.preset.init["b"]])
    assert float(obj.loss(theta)) == pytest.approx(2.7421577700550976, rel=1e-13)
    w_grad, b_grad = obj.grad(theta)
    assert b_grad == pytest.approx(-3.044811379650508, rel=1e-13)
    assert w_grad == pytest.approx(-1.8337537171510832, rel=1e-13)


def test_the_per_sample_objective_remembers_its_last_point_but_never_answers_stale():
    # a frame asks for the current point several times (step, preview, tangents, graph): one pass over the data
    from gdviz.engine.persample import SampleObjective
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    fresh = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    p, q = np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.5, 0.1, 20.0, 3.0])
    loss, grad = obj.step_loss_grad(p)
    grad[:] = 99.0  # a caller scribbling on its gradient does not change the remembered one
    for point in (p, q, p):
        expected = fresh._point(point, fresh._x, fresh._y, fresh._phi, fresh._c_full, True)
        got = obj.step_loss_grad(point)
        assert got[0] == expected[0]
        np.testing.assert_array_equal(got[1], expected[1])
        assert float(obj.loss(point)) == expected[0]
        np.testing.assert_array_equal(obj.grad(point), expected[1])
    batch = np.arange(10)  # a batch is never answered from the full-batch memo
    assert obj.step_loss_grad(p, batch)[0] != obj.step_loss_grad(p)[0]
