"""The computational graph (gdviz/engine/graph.py) against independent numpy, finite differences,
the run's own analytic gradients and the numbers of tutorial 004."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gdviz.engine import ModelKind, Reduction, Run, RunConfig
from gdviz.engine.graph import (KINDS, LOSSES, GraphError, build_graph, flows, graph_of_run, known_after,
                                param_names, substeps, topological_order)

REPO = Path(__file__).resolve().parents[1]
ROOMS = Path("/work/shared/data/rooms_price.csv")

# (model, degree, hidden, activation)
MODELS = [("constant", None, None, "sigmoid"), ("origin", None, None, "sigmoid"), ("line", None, None, "sigmoid"),
          ("poly", 1, None, "sigmoid"), ("poly", 2, None, "sigmoid"), ("poly", 5, None, "sigmoid"),
          ("poly", 9, None, "sigmoid"), ("two-layer", None, None, "sigmoid"), ("two-layer", None, None, "relu"),
          ("two-layer", 3, 3, "sigmoid"), ("two-layer", 8, 8, "relu"), ("two-layer", 8, 8, "sigmoid")]
LOSS_CASES = [(loss, red) for loss, reds in LOSSES.items() for red in reds]


def _model_id(m):
    model, degree, hidden, act = m
    return "{0}-{1}-{2}".format(model, degree if model == "poly" else hidden, act)


# ----- an independent reference: the models and losses written out in plain numpy ---------------
def sigma(z):
    return 1.0 / (1.0 + np.exp(-z))


def predict(model, p, x, degree=None, hidden=None, activation="sigmoid"):
    act = sigma if activation == "sigmoid" else (lambda z: np.maximum(z, 0.0))
    if model == "constant":
        return p["b"] + 0.0 * x
    if model == "origin":
        return p["w"] * x
    if model == "line":
        return p["w"] * x + p["b"]
    if model == "poly":
        return p["b"] + sum(p["w%d" % j] * x ** j for j in range(1, degree + 1))
    if hidden is None:
        return p["k2"] * act(p["k1"] * x + p["b1"]) + p["b2"]
    return sum(p["k2_%d" % j] * act(p["k1_%d" % j] * x + p["b1_%d" % j]) for j in range(1, hidden + 1)) + p["b2"]


def reference_loss(yhat, y, loss, reduction, delta=1.0):
    r = yhat - y
    if loss == "squared":
        each = r ** 2
    elif loss == "absolute":
        each = np.abs(r)
    else:
        each = np.where(np.abs(r) <= delta, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))
    return {"mean": np.mean, "sum": np.sum, "half-sum": lambda e: 0.5 * np.sum(e)}[reduction](each)


def data(n=25, seed=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 1.0, n)
    y = 1.5 * np.sin(2 * x) + 0.5 * x + rng.normal(0.0, 0.3, n)
    return x, y


def params_for(model, degree, hidden, seed=7):
    rng = np.random.default_rng(seed)
    names = param_names(model, degree, hidden)
    return {name: float(rng.normal(0.0, 0.8)) for name in names}


def central_difference(f, p, name, h):
    up, down = dict(p), dict(p)
    up[name] += h
    down[name] -= h
    return (f(up) - f(down)) / (2 * h)


# ----- value and gradients ----------------------------------------------------------------------
@pytest.mark.parametrize("loss,reduction", LOSS_CASES)
@pytest.mark.parametrize("m", MODELS, ids=_model_id)
def test_loss_and_gradient_match_numpy_and_finite_differences(m, loss, reduction):
    model, degree, hidden, act = m
    x, y = data()
    p = params_for(model, degree, hidden)
    delta = 0.7
    g = build_graph(model, p, x, y, loss, reduction, delta=delta, degree=degree, hidden=hidden, activation=act)

    def f(q):
        return reference_loss(predict(model, q, x, degree, hidden, act), y, loss, reduction, delta)

    assert g.loss.value == pytest.approx(f(p), rel=1e-12)
    grad = g.gradient()
    assert list(grad) == list(param_names(model, degree, hidden))
    scale = max(abs(v) for v in grad.values())
    for name in grad:
        fd = central_difference(f, p, name, 1e-6 * max(1.0, abs(p[name])))
        # relative 1e-6 of the component, with a floor for components far below the largest
        assert abs(grad[name] - fd) <= 1e-6 * max(abs(fd), 1e-3 * scale), (name, grad[name], fd)


@pytest.mark.parametrize("m", MODELS, ids=_model_id)
def test_one_sample_is_the_batch_of_that_sample(m):
    model, degree, hidden, act = m
    x, y = data()
    p = params_for(model, degree, hidden)
    one = build_graph(model, p, x, y, degree=degree, hidden=hidden, activation=act, sample=4)
    alone = build_graph(model, p, x[4:5], y[4:5], degree=degree, hidden=hidden, activation=act)
    assert one.sample == 4 and one.n == 1 and alone.sample is None
    assert one.loss.value == alone.loss.value
    assert one.gradient() == alone.gradient()
    scope, args = one.scope()
    assert scope.format(**args) == "one sample (#4)"


@pytest.mark.parametrize("data_name", ["house", "beans", "linear"])
@pytest.mark.parametrize("model", [ModelKind.CONSTANT, ModelKind.ORIGIN, ModelKind.LINE])
@pytest.mark.parametrize("reduction", list(Reduction))
@pytest.mark.parametrize("standardise", [False, True])
def test_linear_models_match_the_runs_gradient(data_name, model, reduction, standardise):
    run = Run(RunConfig(data=data_name, model=model, reduction=reduction, standardise=standardise))
    run.advance(3)  # away from the preset start
    g = graph_of_run(run)
    loss, grad = run.objective.loss_grad(run.params)
    assert g.loss.value == pytest.approx(float(loss), rel=1e-12)
    np.testing.assert_allclose([g.gradient()[n] for n in run.param_names], grad, rtol=1e-12, atol=0)
    assert g.n == run.dataset.n_train


def test_a_batch_of_the_run_matches_its_batch_gradient():
    run = Run(RunConfig(data="linear"))
    rows = np.array([3, 17, 40, 41])
    g = graph_of_run(run, indices=rows)
    x, y = run.dataset.x_train[rows], run.dataset.y_train[rows]
    w, b = run.params
    r = w * x + b - y
    assert g.gradient()["w"] == pytest.approx(2 * np.mean(r * x), rel=1e-12)
    assert g.gradient()["b"] == pytest.approx(2 * np.mean(r), rel=1e-12)
    one = graph_of_run(run, sample=5)
    assert one.sample == 5 and one.nodes["x"].value_summary() == run.dataset.x_train[5]


# ----- the order of the nodes -----------------------------------------------------------------
def _expected_count(model, degree, hidden):
    return {"constant": 3, "origin": 5, "line": 6, "poly": 3 * (degree or 0) + 4,
            "two-layer": 10 if hidden is None else 6 * (hidden or 0) + 5}[model]


def _reachable(root):
    seen, todo = {}, [root]
    while todo:
        node = todo.pop()
        if id(node) not in seen:
            seen[id(node)] = node
            todo.extend(node.inputs)
    return seen


@pytest.mark.parametrize("m", MODELS, ids=_model_id)
def test_topological_order_is_valid_and_complete(m):
    model, degree, hidden, act = m
    x, y = data()
    g = build_graph(model, params_for(model, degree, hidden), x, y, degree=degree, hidden=hidden, activation=act)
    position = {n.id: i for i, n in enumerate(g.order)}
    assert len(position) == len(g.order), "node ids are unique"
    assert all(position[a] < position[b] for a, b in g.edges()), "every edge goes forwards"
    assert set(map(id, g.order)) == set(_reachable(g.loss)), "every node is present"
    assert len(g.order) == _expected_count(model, degree if model == "poly" else None, hidden)
    assert g.order[-1] is g.loss and g.loss.kind == "loss" and g.loss.id == "L"
    assert {n.kind for n in g.order} <= set(KINDS)
    assert {n.id for n in g.order if n.kind == "parameter"} == set(param_names(model, degree, hidden))
    assert topological_order(g.loss) == g.order


def test_the_tutorials_graph_in_order_keeps_the_loss():
    """Tutorial 004's toplogic() loses 'loss' (a node nobody points from); ours ends with it."""
    g = build_graph("two-layer", {"k1": 1, "b1": 0, "k2": 1, "b2": 0}, [6.0], [20.0])
    assert [n.id for n in g.order] == ["x", "k1", "b1", "z", "a", "k2", "b2", "yhat", "y", "L"]


# ----- sub-steps ----------------------------------------------------------------------------------
@pytest.mark.parametrize("m", MODELS[:3] + MODELS[7:10], ids=_model_id)
def test_substeps_forward_in_order_backward_in_reverse_then_update(m):
    model, degree, hidden, act = m
    x, y = data()
    p = params_for(model, degree, hidden)
    g = build_graph(model, p, x, y, degree=degree, hidden=hidden, activation=act)
    steps = substeps(g, learning_rate=0.05)
    order = [n.id for n in g.order]
    assert [s.nodes[0] for s in steps if s.phase == "forward"] == order
    assert [s.nodes[0] for s in steps if s.phase == "backward"] == order[::-1]
    assert [s.phase for s in steps] == ["forward"] * len(order) + ["backward"] * len(order) + ["update"]
    assert steps[-1].nodes == tuple(param_names(model, degree, hidden))
    values, grads = known_after(g, steps, len(order) - 1)
    assert values == set(order) and grads == set()
    values, grads = known_after(g, steps, len(order))
    assert grads == {"L"}
    for step in steps:  # every template is filled completely
        text = step.text()
        assert text and "{" not in text and "nan" not in text


def test_substep_numbers_follow_the_chain_rule_on_one_sample():
    g = build_graph("two-layer", {"k1": 0.5, "b1": -1.0, "k2": 2.0, "b2": 0.25}, [3.0], [4.0])
    steps = substeps(g, learning_rate=0.1)
    z, a = 0.5 * 3.0 - 1.0, sigma(0.5)
    by_node = {(s.phase, s.nodes[0]): s.text() for s in steps[:-1]}
    assert by_node[("forward", "a")] == "a = σ(z) = σ(0.5) = {0:.6g}".format(a)
    dl_da = 2 * (2.0 * a + 0.25 - 4.0) * 2.0
    text = by_node[("backward", "z")]
    assert text.startswith("∂L/∂z = ∂L/∂a · a(1 − a) = ")
    assert text.endswith("= " + "{0:.6g}".format(dl_da * a * (1 - a)).replace("-", "−"))
    assert g.nodes["z"].value_summary() == z
    update = steps[-1]
    new_k1 = 0.5 - 0.1 * g.gradient()["k1"]
    assert update.text().splitlines()[0].endswith("= {0:.6g}".format(new_k1).replace("-", "−"))
    # the window translates each template before it is filled in
    assert "η" in update.text() and update.text(lambda t: t.replace("←", "<-")).count("<-") == 4
    run_step = substeps(g, new_params={"k1": 1, "b1": 2, "k2": 3, "b2": 4})[-1]
    assert "k₁: 0.5 → 1" in run_step.text()


# ----- tutorial 004 ---------------------------------------------------------------------------
def test_tutorial_004_l2_backward_on_its_small_example():
    """Tutorial 004's L2_LOSS: value np.mean((y − ŷ)²) and ∂L/∂ŷ = −2/n·(y − ŷ).

    For y = [1, 2, 1, 4, 1], ŷ = [3, 2, 1, 4, 5] the tutorial prints the loss 4.0. The gradient
    ∂L/∂ŷ is [0.8, 0, 0, 0, 1.6]: its sum is 2.4 with the tutorial's mean, 12 with the sum and 6
    with the half-sum. None of the three sums to 4.0 (issue 11's wording); 4.0 is the loss."""
    y = np.array([1.0, 2, 1, 4, 1])
    yhat = np.array([3.0, 2, 1, 4, 5])
    g = build_graph("origin", {"w": 1.0}, yhat, y, "squared", "mean")  # ŷ = 1·x carries the tutorial's ŷ
    assert g.loss.value == 4.0 == np.mean((y - yhat) ** 2)
    np.testing.assert_allclose(g.nodes["yhat"].grad, -2 / len(y) * (y - yhat), rtol=0, atol=1e-15)
    np.testing.assert_allclose(g.nodes["y"].grad, 2 / len(y) * (y - yhat), rtol=0, atol=1e-15)
    assert g.nodes["yhat"].grad_summary() == pytest.approx(2.4, rel=1e-15)
    sums = {red: build_graph("origin", {"w": 1.0}, yhat, y, "squared", red).nodes["yhat"].grad_summary()
            for red in ("sum", "half-sum")}
    assert sums == {"sum": 12.0, "half-sum": 6.0}


def _rooms():
    header = ROOMS.read_text(encoding="utf-8").splitlines()[0].split(",")
    table = np.loadtxt(ROOMS, delimiter=",", skiprows=1)
    return table[:, header.index("RM")], table[:, header.index("MEDV")]


@pytest.mark.skipif(not ROOMS.exists(), reason="the shared rooms → price data are not on this machine")
def test_two_layer_on_rooms_price_has_the_vanishing_gradient():
    x, y = _rooms()
    assert len(x) == 506 and x.sum() == pytest.approx(3180.025) and y.sum() == pytest.approx(11401.6)
    p = {"k1": 1.0, "b1": 0.0, "k2": 1.0, "b2": 0.0}
    g = build_graph("two-layer", p, x, y, "squared", "mean")
    assert g.loss.value == pytest.approx(548.168475332, rel=1e-11)
    grad = g.gradient()
    slope = np.mean(g.nodes["a"].local[0])  # σ′(k1·x + b1) over the houses
    assert 0.001 < slope < 0.003  # about 0.002
    assert abs(grad["k1"]) < 0.02 * abs(grad["b2"])  # k1 barely learns: the chain multiplies by σ′
    f = lambda q: reference_loss(predict("two-layer", q, x), y, "squared", "mean")  # noqa: E731
    assert grad["k1"] == pytest.approx(central_difference(f, p, "k1", 1e-6), rel=1e-6)
    link = {(e.source, e.target): e for e in flows(g)}[("z", "a")]
    assert link.local == pytest.approx(slope) and not link.vanishing  # 0.0024 is above 1e-3
    saturated = build_graph("two-layer", dict(p, k1=10.0), x, y)
    marked = [(e.source, e.target) for e in flows(saturated) if e.vanishing]
    assert marked == [("z", "a")]
    assert flows(g, threshold=0.01)[3].vanishing  # the threshold is a setting


def test_flows_before_and_after_backward():
    g = build_graph("line", {"w": 2.0, "b": 1.0}, [1.0, 2.0], [0.0, 0.0])
    g.forward()
    assert all(n.grad is None and n.grad_summary() is None for n in g.order)
    assert all(e.grad is None for e in flows(g))
    g.backward()
    by_link = {(e.source, e.target): e for e in flows(g)}
    assert by_link[("w", "yhat")].grad == pytest.approx(g.gradient()["w"])
    assert by_link[("x", "yhat")].local == 2.0 and by_link[("b", "yhat")].local == 1.0


# ----- refusals -----------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs,words", [
    (dict(model="cubic"), "no model 'cubic'"),
    (dict(loss="hinge"), "no loss 'hinge'"),
    (dict(loss="absolute", reduction="half-sum"), "no reduction 'half-sum'"),
    (dict(loss="huber", delta=0.0), "delta must be a positive"),
    (dict(model="poly", degree=10), "degree must be a whole number from 1 to 9"),
    (dict(model="poly", degree=None), "degree must be"),
    (dict(model="two-layer", hidden=9), "hidden units must be a whole number from 1 to 8"),
    (dict(model="two-layer", activation="tanh"), "no activation 'tanh'"),
    (dict(params={}), "needs the parameter w"),
    (dict(params={"w": 1.0, "b": 0.0, "k": 2.0}), "has no parameter k"),
    (dict(params={"w": float("nan"), "b": 0.0}), "parameter w must be a finite number"),
    (dict(x=[1.0, 2.0], y=[1.0]), "same non-zero length"),
    (dict(y=[1.0, float("inf"), 2.0]), "y values must be finite"),
    (dict(sample=3), "sample 3 is out of range: there are 3 samples (0 to 2)"),
])
def test_bad_input_is_one_clear_line(kwargs, words):
    args = dict(model="line", params={"w": 1.0, "b": 0.0}, x=[1.0, 2.0, 3.0], y=[1.0, 2.0, 2.0])
    args.update(kwargs)
    if args["model"] == "two-layer" and "params" not in kwargs:
        args["params"] = {"k1": 1.0, "b1": 0.0, "k2": 1.0, "b2": 0.0}
    if args["model"] == "poly" and "params" not in kwargs:
        args["params"] = {"b": 0.0, "w1": 1.0}
    with pytest.raises(GraphError) as caught:
        build_graph(**args)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_function_mode_has_no_graph():
    run = Run(RunConfig(function="bowl"))
    with pytest.raises(GraphError, match="function mode has no model"):
        graph_of_run(run)


def test_a_diverged_run_gives_a_graph_of_infinities_not_an_error():
    run = Run(RunConfig(data="linear"))
    p = {"w": 1e200, "b": 1e200}
    g = build_graph("line", p, run.dataset.x_train, run.dataset.y_train)
    assert g.loss.value == np.inf and all(s.text() for s in substeps(g))


def test_the_graph_module_imports_no_qt():
    probe = ("import sys, gdviz.engine.graph\n"
             "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph', 'PyQt'))])")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=REPO,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
